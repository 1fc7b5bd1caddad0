"""The desktop app (PySide6). Only this package knows widgets; it calls the same service
functions as the CLI, through :class:`app.ui.controller.Controller`."""

"""Windows open no larger than the screen's free area (a 1366x768 laptop must see the
browser's status bar, where capture results are reported, and the main window's)."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from app.ui.style import FRAME_ALLOWANCE, fit_on_screen


def test_fit_on_screen_is_never_taller_than_the_free_area(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    qtbot.addWidget(window)
    free = window.screen().availableGeometry()
    fit_on_screen(window, 700, free.height() + 500)
    assert window.height() <= free.height() - FRAME_ALLOWANCE
    fit_on_screen(window, 300, 250)  # smaller than the screen: as asked
    assert (window.width(), window.height()) == (300, 250)


def test_main_window_fits_the_screen(gui) -> None:  # type: ignore[no-untyped-def]
    main = gui.main_window
    free = main.screen().availableGeometry()
    assert main.height() <= free.height()

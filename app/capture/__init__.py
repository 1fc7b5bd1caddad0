"""Capturing evidence: files, web pages, screenshots. May use QtCore/QtGui/QtWebEngine
but never app.ui.

Public entry points (the CLI and the GUI call the same ones):

- ``files.import_files(vault, paths, case, ...)``: files and folders, bit-exact.
- ``web.PageCapturer`` (signals) / ``web.capture_url(url)`` (blocking): one web page
  (each capture a fresh ``job.CaptureJob``).
- ``web_store.store_capture(vault, capture, case)``: one capture -> one item.
- ``batch.BatchCapture(vault, case)``: many URLs with progress, retry and cancel.
- ``screenshot.take_screenshot(...)`` + ``screenshot.store_screenshot(vault, shot, case)``.
- ``safe_browsing.install(page)`` / ``set_images_shown(page, show)``: the blur.
- ``qt_app.ensure_app()``: a QApplication for headless use.
"""

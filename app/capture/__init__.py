"""Capturing evidence: files, web pages, screenshots. May use QtCore/QtGui/QtWebEngine
but never app.ui."""

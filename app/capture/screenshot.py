"""Screenshots: the whole desktop, one screen, one window or a region, stored as PNG
originals (kind 'screenshot').

The grab functions only read the screen; hiding the app's own window first is the
caller's job (the GUI hides itself, waits the delay, grabs, then shows itself again).
Region coordinates are desktop coordinates in device-independent pixels, across all
screens, exactly as Qt reports the screens' geometry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QBuffer, QEventLoop, QIODevice, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QPixmap, QScreen

from app import __version__
from app.capture.errors import ScreenshotFailed
from app.errors import UsageError
from app.vault import Vault
from app.vault.models import Item, NewArtifact, NewItem, utc_now

KIND_SCREENSHOT = "screenshot"
MAX_DELAY_S = 600.0


@dataclass
class Screenshot:
    png: bytes
    width: int
    height: int
    mode: str  # "desktop", "screen", "window" or "region"
    captured_at: str
    area: tuple[int, int, int, int]  # x, y, w, h in desktop coordinates
    screens: list[dict[str, Any]] = field(default_factory=list)
    window_id: int | None = None
    window_title: str = ""

    def metadata(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "mode": self.mode,
            "captured_at": self.captured_at,
            "area": dict(zip(("x", "y", "width", "height"), self.area, strict=True)),
            "png": {"width": self.width, "height": self.height},
            "screens": self.screens,
            "platform": QGuiApplication.platformName(),
            "app_version": __version__,
        }
        if self.window_id is not None:
            data["window_id"] = self.window_id
            data["window_title"] = self.window_title
        return data


def _screens() -> list[QScreen]:
    screens = QGuiApplication.screens()
    if not screens:
        raise ScreenshotFailed("No screen is available to capture.")
    return list(screens)


def describe_screens() -> list[dict[str, Any]]:
    """Every screen with its number (as --screen takes it), name and geometry."""
    out = []
    for number, screen in enumerate(_screens()):
        g = screen.geometry()
        out.append(
            {
                "number": number,
                "name": screen.name(),
                "x": g.x(),
                "y": g.y(),
                "width": g.width(),
                "height": g.height(),
                "scale": screen.devicePixelRatio(),
            }
        )
    return out


def _png(image: QImage) -> bytes:
    if image.isNull() or image.width() == 0 or image.height() == 0:
        raise ScreenshotFailed("The screen could not be read (the picture came back empty).")
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise ScreenshotFailed("The screenshot could not be encoded as PNG.")
    return bytes(buffer.data().data())


def _grab(screen: QScreen, rect: QRect | None = None) -> QImage:
    if rect is None:
        pixmap: QPixmap = screen.grabWindow(0)
    else:
        local = rect.translated(-screen.geometry().topLeft())
        pixmap = screen.grabWindow(0, local.x(), local.y(), local.width(), local.height())
    if pixmap.isNull():
        raise ScreenshotFailed(f"The screen '{screen.name()}' could not be read.")
    image = pixmap.toImage()
    # Keep desktop (device-independent) size so regions line up across screens.
    want = rect.size() if rect is not None else screen.geometry().size()
    if image.size() != want:
        image = image.scaled(
            want, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    return image


def _desktop_rect() -> QRect:
    rect = QRect()
    for screen in _screens():
        rect = rect.united(screen.geometry())
    return rect


def _compose(area: QRect) -> QImage:
    """The part ``area`` of the desktop, put together from every screen it touches."""
    image = QImage(area.size(), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.black)
    painter = QPainter(image)
    try:
        for screen in _screens():
            part = screen.geometry().intersected(area)
            if part.isEmpty():
                continue
            painter.drawImage(QPoint(part.x() - area.x(), part.y() - area.y()), _grab(screen, part))
    finally:
        painter.end()
    return image


def grab_desktop() -> Screenshot:
    area = _desktop_rect()
    return _shot(_compose(area), "desktop", area)


def grab_screen(number: int) -> Screenshot:
    screens = _screens()
    if not 0 <= number < len(screens):
        raise UsageError(f"There is no screen {number}; screens are 0 to {len(screens) - 1}.")
    screen = screens[number]
    return _shot(_grab(screen), "screen", screen.geometry())


def grab_region(x: int, y: int, width: int, height: int) -> Screenshot:
    if width <= 0 or height <= 0:
        raise UsageError("A region needs a positive width and height.")
    wanted = QRect(x, y, width, height)
    area = wanted.intersected(_desktop_rect())
    if area.isEmpty():
        raise UsageError(f"The region {x},{y},{width},{height} is outside every screen.")
    return _shot(_compose(area), "region", area)


def grab_window(window_id: int) -> Screenshot:
    """A window by its native id (see :func:`app.capture.windows.list_windows`)."""
    from app.capture.windows import list_windows

    known = {w.id: w for w in list_windows()}
    screen = QGuiApplication.primaryScreen() or _screens()[0]
    pixmap = screen.grabWindow(window_id)
    if pixmap.isNull() or pixmap.width() == 0:
        raise ScreenshotFailed(f"The window {window_id} could not be read (is it still open?).")
    image = pixmap.toImage()
    info = known.get(window_id)
    area = (
        QRect(info.x, info.y, info.width, info.height)
        if info
        else QRect(0, 0, image.width(), image.height())
    )
    shot = _shot(image, "window", area)
    shot.window_id = window_id
    shot.window_title = info.title if info else ""
    return shot


def crop_screenshot(shot: Screenshot, x: int, y: int, width: int, height: int) -> Screenshot:
    """The region (desktop coordinates) of an earlier grab, keeping that grab's time."""
    image = QImage.fromData(shot.png)
    ax, ay = shot.area[0], shot.area[1]
    rect = QRect(x - ax, y - ay, width, height).intersected(image.rect())
    if rect.isEmpty():
        raise UsageError("The chosen region is outside the screenshot.")
    cropped = _shot(
        image.copy(rect), "region", QRect(rect.x() + ax, rect.y() + ay, rect.width(), rect.height())
    )
    cropped.captured_at = shot.captured_at
    return cropped


def _shot(image: QImage, mode: str, area: QRect) -> Screenshot:
    return Screenshot(
        png=_png(image),
        width=image.width(),
        height=image.height(),
        mode=mode,
        captured_at=utc_now(),
        area=(area.x(), area.y(), area.width(), area.height()),
        screens=describe_screens(),
    )


def parse_region(text: str) -> tuple[int, int, int, int]:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 4 or not all(p.lstrip("-").isdigit() for p in parts):
        raise UsageError(f"A region is X,Y,W,H in whole pixels, not '{text}'.")
    x, y, w, h = (int(p) for p in parts)
    return x, y, w, h


def wait_seconds(delay: float) -> None:
    """Wait while keeping Qt responsive (the delay before a screenshot)."""
    if not 0 <= delay <= MAX_DELAY_S:
        raise UsageError(f"The delay must be between 0 and {MAX_DELAY_S:g} seconds.")
    if delay > 0:
        loop = QEventLoop()
        QTimer.singleShot(int(delay * 1000), loop.quit)
        loop.exec()


def take_screenshot(
    *,
    screen: int | None = None,
    region: tuple[int, int, int, int] | None = None,
    window_id: int | None = None,
    delay: float = 0.0,
    allow_offscreen: bool = False,
) -> Screenshot:
    """Wait ``delay`` seconds, then grab what was asked (the whole desktop by default).

    Without a real display (Qt's offscreen platform) there is nothing true to capture,
    so this refuses rather than store a blank picture as evidence."""
    if sum(x is not None for x in (screen, region, window_id)) > 1:
        raise UsageError("Choose one of a screen, a region or a window.")
    if QGuiApplication.platformName() == "offscreen" and not allow_offscreen:
        raise ScreenshotFailed("There is no display to capture; run this in a desktop session.")
    wait_seconds(delay)
    if region is not None:
        return grab_region(*region)
    if screen is not None:
        return grab_screen(screen)
    if window_id is not None:
        return grab_window(window_id)
    return grab_desktop()


def store_screenshot(
    vault: Vault, shot: Screenshot, case: str, note: str | None = None, title: str | None = None
) -> Item:
    """Store the PNG bit-exact as the item's original (one transaction, one event)."""
    name = f"screenshot-{shot.captured_at.replace(':', '').replace('.', '-')}.png"
    return vault.add_item(
        NewItem(
            kind=KIND_SCREENSHOT,
            case=case,
            title=title or shot.window_title or name,
            captured_at=shot.captured_at,
            metadata=shot.metadata(),
            note=note,
        ),
        [NewArtifact("original", name, shot.png, "image/png")],
    )

"""Render the launcher icons (resources/icons/*.svg) to build/icons/: PNG (256 px),
Windows .ico and macOS .icns, for the Windows and macOS specs and installers.

    python packaging/make_icons.py      # needs PySide6 (QtSvg) and Pillow
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "icons"
NAMES = ("evidence-locker", "notes")


def render(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    OUT.mkdir(parents=True, exist_ok=True)
    for name in NAMES:
        png = render(ROOT / "resources" / "icons" / f"{name}.svg", 1024)
        big = Image.open(io.BytesIO(png))
        big.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / f"{name}.png")
        big.save(OUT / f"{name}.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
        big.save(OUT / f"{name}.icns")
        print(OUT / f"{name}.ico")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A4 PDF pages for the custody report and the collection statement (fpdf2): an embedded
Korean-capable font, "Page X of Y" and the bundle id on every page, type never below 8 pt."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace

# TrueType/OpenType fonts with Hangul, in order of preference. Debian: fonts-nanum.
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJKkr-Regular.otf",
    "/usr/share/fonts/truetype/noto/NotoSansKR-Regular.ttf",
    "/Library/Fonts/AppleGothic.ttf",
    "/System/Library/Fonts/Supplemental/AppleGothic.ttf",
    "C:/Windows/Fonts/malgun.ttf",
)
FALLBACK_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_ENV = "LOCKER_REPORT_FONT"
MIN_SIZE = 8.0


def find_font() -> tuple[str | None, bool]:
    """(font path, whether it has Hangul). None: use a core PDF font (Latin only)."""
    env = os.environ.get(FONT_ENV)
    for path in ([env] if env else []) + list(FONT_CANDIDATES):
        if path and Path(path).is_file():
            return path, True
    return (FALLBACK_FONT, False) if Path(FALLBACK_FONT).is_file() else (None, False)


class DocPDF(FPDF):
    def __init__(self, title: str, bundle_id: str, creator: str) -> None:
        super().__init__(format="A4")
        # fpdf2 and fontTools log (missing glyphs, subsetting) through Python's logging,
        # which ends on stderr: library chatter, not the user's business.
        for name in ("fontTools", "fpdf"):
            logging.getLogger(name).setLevel(logging.ERROR)
        self.doc_title, self.bundle_id = title, bundle_id
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(12, 12, 12)
        self.set_title(title.split(" / ")[0])
        self.set_creator(creator)
        self.font_path, self.hangul = find_font()
        self.family = "helvetica"
        if self.font_path:
            self.add_font("doc", fname=self.font_path)
            self.family = "doc"

    def text_of(self, value: str) -> str:
        if self.font_path:
            return value if self.hangul else "".join(c if ord(c) < 0x1100 else "?" for c in value)
        return value.encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(self.family, size=MIN_SIZE)
        self.set_text_color(60)
        self.cell(
            0,
            4,
            self.text_of(
                f"{self.doc_title} · Bundle / 번들 {self.bundle_id} · "
                f"Page {self.page_no()} of {{nb}} ({self.page_no()}/{{nb}} 쪽)"
            ),
            align="C",
        )
        self.set_text_color(0)

    def para(
        self, value: str, size: float = 9, height: float | None = None, bold_color: bool = False
    ) -> None:
        size = max(size, MIN_SIZE)
        self.set_font(self.family, size=size)
        if bold_color:
            self.set_text_color(120, 0, 0)
        self.multi_cell(
            0, height or size * 0.5, self.text_of(value), align="L", new_x="LMARGIN", new_y="NEXT"
        )
        self.set_text_color(0)

    def heading(self, value: str, size: float = 13) -> None:
        self.ln(2)
        self.para(value, size, size * 0.55)
        self.ln(1)

    def table(  # type: ignore[override]
        self,
        head: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: tuple[float, ...],
        size: float = MIN_SIZE,
    ) -> None:
        self.set_font(self.family, size=max(size, MIN_SIZE))
        style = FontFace(fill_color=(230, 230, 230))
        with super().table(
            col_widths=widths,
            text_align="LEFT",
            line_height=size * 0.45,
            headings_style=style,
            padding=1,
        ) as tbl:
            for row in [head, *rows]:
                r: Any = tbl.row()
                for cell in row:
                    r.cell(self.text_of(cell))
        self.ln(2)

"""What one web capture produced (plain data, no Qt), and its metadata record."""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from app import __version__

# Response headers worth keeping as evidence; cookies and the like are never kept.
KEPT_HEADERS = (
    "content-type",
    "content-length",
    "date",
    "last-modified",
    "etag",
    "server",
    "content-language",
    "content-disposition",
    "location",
)


@dataclass
class DirectFile:
    """A URL that served a file (image, video, PDF, archive) instead of a page. The bytes
    wait in a private spool file until they are stored, then the file is unlinked."""

    path: Path
    name: str
    media_type: str
    size: int
    folder: Path | None = None  # the private spool directory, removed with the file

    def open_and_unlink(self) -> IO[bytes]:
        """Open the spooled bytes and unlink the name at once (on POSIX the open handle
        keeps them readable until closed)."""
        handle = open(self.path, "rb")
        if os.name == "posix":
            self.discard()
        return handle

    def discard(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class PageCapture:
    requested_url: str
    final_url: str
    title: str
    captured_at: str
    http_status: int | None
    content_type: str
    user_agent: str
    engine: str
    viewport: tuple[int, int]
    method: str = "headless"  # or "in-app browser"
    profile: str = "off-the-record"
    page_size: tuple[int, int] = (0, 0)  # document width, height in CSS px
    png: bytes = b""
    png_size: tuple[int, int] = (0, 0)
    truncated_at: int | None = None  # max height hit, in px
    mhtml: bytes = b""
    pdf: bytes = b""
    text: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    page_meta: dict[str, str] = field(default_factory=dict)  # canonical, og:*, author...
    direct_file: DirectFile | None = None
    notes: list[str] = field(default_factory=list)
    # Fidelity: what settling waited for, why the picture may not hold the whole settled
    # page, where the text lies relative to the picture, and the redirect chain.
    settle: dict[str, Any] = field(default_factory=dict)
    partial_reasons: list[str] = field(default_factory=list)
    text_check: dict[str, int] = field(default_factory=dict)
    scroll_box: dict[str, Any] = field(default_factory=dict)
    one_moment: bool | None = None
    mhtml_fonts: dict[str, int] = field(default_factory=dict)
    redirect_chain: list[str] = field(default_factory=list)

    def reasons(self) -> list[str]:
        """Why ``full_page`` is false (empty when the picture holds the whole page)."""
        out = []
        if self.truncated_at is not None:
            out.append(f"cut at the maximum height of {self.truncated_at} px")
        out += self.partial_reasons
        outside = self.text_check.get("outside", 0)
        if outside and self.truncated_at is None:
            out.append(f"{outside} text block(s) lie outside the picture")
        return out

    def metadata(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "requested_url": self.requested_url,
            "final_url": self.final_url,
            "redirected": self.requested_url != self.final_url,
            "redirect_chain": self.redirect_chain
            or [self.requested_url, self.final_url][
                : 1 if self.requested_url == self.final_url else 2
            ],
            "title": self.title,
            "captured_at": self.captured_at,
            "http_status": self.http_status,
            "content_type": self.content_type,
            "response_headers": self.headers,
            "viewport": {"width": self.viewport[0], "height": self.viewport[1]},
            "user_agent": self.user_agent,
            "engine": self.engine,
            "app_version": __version__,
            "capture_method": self.method,
            "browser_profile": self.profile,
        }
        if self.direct_file is not None:
            data["direct_file"] = {
                "name": self.direct_file.name,
                "media_type": self.direct_file.media_type,
                "size": self.direct_file.size,
            }
        else:
            data["page"] = {"width": self.page_size[0], "height": self.page_size[1]}
            reasons = self.reasons()
            data["screenshot"] = {
                "width": self.png_size[0],
                "height": self.png_size[1],
                "full_page": not reasons,
                "max_height": self.truncated_at,
            }
            if reasons:
                data["screenshot"]["partial_reasons"] = reasons
            if self.one_moment is not None:
                data["screenshot"]["one_moment"] = self.one_moment
            if self.text_check:
                data["text_check"] = dict(self.text_check)
            if self.settle:
                data["settle"] = dict(self.settle)
            if self.scroll_box:
                data["scroll_box"] = dict(self.scroll_box)
            if self.mhtml_fonts:
                data["mhtml_fonts"] = dict(self.mhtml_fonts)
        if self.page_meta:
            data["page_meta"] = dict(self.page_meta)
        if self.notes:
            data["notes"] = list(self.notes)
        return data

    def discard(self) -> None:
        """Drop spooled bytes of a capture that will not be stored."""
        if self.direct_file is not None:
            self.direct_file.discard()

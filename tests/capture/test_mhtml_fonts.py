"""Web fonts added to an MHTML archive (pure: archives built with the email package)."""

from __future__ import annotations

import email
import email.policy
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

from app.capture.mhtml_fonts import add_fonts, decode_data_url, font_urls

PAGE = "http://127.0.0.1:8/board/post"


def _archive(css_location: str, css: str) -> bytes:
    message = MIMEMultipart("related")
    html = MIMEText("<html><body><p class=w>x</p></body></html>", "html", "utf-8")
    html["Content-Location"] = PAGE
    sheet = MIMEText(css, "css", "utf-8")
    sheet["Content-Location"] = css_location
    message.attach(html)
    message.attach(sheet)
    return message.as_bytes(policy=email.policy.SMTP)


def test_font_urls_are_resolved_and_data_urls_skipped() -> None:
    css = (
        "@font-face{font-family:A;src:url('/f/a.woff2') format('woff2'),url(b.ttf)}"
        "@font-face{font-family:B;src:url(data:font/woff2;base64,AAAA)}"
        ".x{background:url(/img.png)}"
    )
    assert font_urls(_archive("http://127.0.0.1:8/css/site.css", css)) == [
        "http://127.0.0.1:8/f/a.woff2",
        "http://127.0.0.1:8/css/b.ttf",
    ]
    # An inline style (a cid: part) resolves against the page, as the live page did.
    assert font_urls(_archive("cid:css-1@mhtml.blink", css))[1] == "http://127.0.0.1:8/board/b.ttf"
    assert font_urls(b"not an archive") == []


def test_fonts_are_added_and_inline_style_urls_made_absolute() -> None:
    archive = _archive("cid:css-1@mhtml.blink", "@font-face{font-family:A;src:url(/f/a.ttf)}")
    out = add_fonts(archive, {"http://127.0.0.1:8/f/a.ttf": ("font/ttf", b"\x00\x01FONT")})
    parts = [
        p
        for p in email.message_from_bytes(out, policy=email.policy.default).walk()
        if not p.is_multipart()
    ]
    assert [p.get_content_type() for p in parts] == ["text/html", "text/css", "font/ttf"]
    assert parts[2]["Content-Location"] == "http://127.0.0.1:8/f/a.ttf"
    assert parts[2].get_payload(decode=True) == b"\x00\x01FONT"
    assert "url(http://127.0.0.1:8/f/a.ttf)" in parts[1].get_content()
    assert (
        add_fonts(archive, {}) == archive
        and add_fonts(b"junk", {"u": ("font/ttf", b"x")}) == b"junk"
    )


def test_data_urls_decode() -> None:
    assert decode_data_url("data:font/woff2;base64,AAEC") == ("font/woff2", b"\x00\x01\x02")
    assert decode_data_url("data:text/plain,hello") is None
    assert decode_data_url("data:font/ttf;base64,***") is None

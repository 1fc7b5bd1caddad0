"""A quiet request handler base for the loopback page servers the tests start."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler


class PageHandler(BaseHTTPRequestHandler):
    """HTTP/1.1, no access log on stderr, and ``send()`` for a whole response."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
             extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

"""Image shield: while images are hidden, no picture file reaches the browser page sharp.

A request interceptor on the browser's own page (never on capture pages, which share the
profile but not the page) sends every image, favicon and object request to our
``locker-shield:`` scheme and blocks media (video, audio). The scheme handler fetches
the original with the profile's cookies and user agent, decodes it with the vault's
allow-list and bomb limits, and answers with a picture of the same size that holds only
a few blurred blocks of colour. Backgrounds, masks, list markers, border images, SVG
``<image>``/``<feImage>``, scaled or zoomed images: whatever the page does with the
picture, it only ever has the blurred pixels. Anything that cannot be decoded (SVG
files, unknown formats, too large) becomes a neutral grey placeholder of its size.

Service workers could answer picture requests themselves: while hidden, none is
installed (the profile-level ``ProfileGuard``), and the style layer unregisters one
that already controls a page and loads it again.

What the network cannot see (``data:``/``blob:`` pictures, canvas, inline SVG) is left
to ``safe_browsing``, which swaps ``data:``/``blob:`` pictures for blurred copies made
the same way (DETAIL blocks, INNER raster) and blurs the rest.
"""

from __future__ import annotations

import base64
import io
import re
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass

from PIL import Image, ImageFilter
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QUrl
from PySide6.QtNetwork import (
    QNetworkAccessManager,
    QNetworkCookie,
    QNetworkCookieJar,
    QNetworkReply,
    QNetworkRequest,
)
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from app.vault.images import decode_for_reveal

SCHEME = b"locker-shield"
MAX_FETCH_BYTES = 32 * 1024 * 1024  # larger pictures become a placeholder
DETAIL = 10  # blocks of colour along the longer side: no shape smaller than a tenth survives
INNER = 40  # side of the blurred raster inside the answer (smooth when scaled up)
MAX_TOKENS = 4096
MAX_KEPT_BYTES = 96 * 1024 * 1024  # originals kept in memory for "capture as shown"
MARK = b"<!--locker-shield-->"  # starts every answer: how a snapshot's parts are recognised
FETCH_TIMEOUT_MS = 20_000

_RT = QWebEngineUrlRequestInfo.ResourceType
_SHIELDED = {_RT.ResourceTypeImage, _RT.ResourceTypeFavicon, _RT.ResourceTypeObject}
_BLOCKED = {_RT.ResourceTypeMedia, _RT.ResourceTypePluginResource}


def register_scheme() -> None:
    """Declare ``locker-shield:`` to QtWebEngine; must run before the QApplication exists
    (without it, hidden images are blocked outright instead of blurred)."""
    if QWebEngineUrlScheme.schemeByName(QByteArray(SCHEME)).name():
        return
    scheme = QWebEngineUrlScheme(QByteArray(SCHEME))
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Path)
    flag = QWebEngineUrlScheme.Flag
    # Secure (no mixed-content block on https pages), CSP-exempt (a strict img-src still
    # gets the blurred picture instead of the page's own fallback), never local.
    scheme.setFlags(flag.SecureScheme | flag.ContentSecurityPolicyIgnored | flag.CorsEnabled)
    QWebEngineUrlScheme.registerScheme(scheme)


def scheme_registered() -> bool:
    return bool(QWebEngineUrlScheme.schemeByName(QByteArray(SCHEME)).name())


@dataclass(frozen=True)
class _Wanted:
    url: QUrl
    referrer: QUrl


class _Tokens:
    """Random tokens for the originals the interceptor redirected: the handler fetches
    only those, so a page cannot use our scheme to reach anything else."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._map: OrderedDict[str, _Wanted] = OrderedDict()

    def add(self, wanted: _Wanted) -> str:
        token = secrets.token_urlsafe(18)
        with self._lock:
            self._map[token] = wanted
            while len(self._map) > MAX_TOKENS:
                self._map.popitem(last=False)
        return token

    def get(self, token: str) -> _Wanted | None:
        with self._lock:
            return self._map.get(token)


class ShieldInterceptor(QWebEngineUrlRequestInterceptor):
    """Set on the browser page: while ``hidden``, pictures go through the shield."""

    def __init__(self, tokens: _Tokens, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hidden = True
        self._tokens = tokens
        self._redirect = scheme_registered()

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        if not self.hidden:
            return
        kind = info.resourceType()
        if kind in _BLOCKED:
            info.block(True)
            return
        if kind not in _SHIELDED:
            return
        url = info.requestUrl()
        if url.scheme() not in ("http", "https"):
            return  # our own scheme; data:/blob: never come here
        if not self._redirect:
            info.block(True)
            return
        token = self._tokens.add(_Wanted(url, info.firstPartyUrl()))
        info.redirect(QUrl(f"{SCHEME.decode()}:{token}"))


class ProfileGuard(QWebEngineUrlRequestInterceptor):
    """Set on the browser's profile: while its page hides images, no service worker is
    installed or updated (a worker answers the page's picture requests itself, out of
    the page interceptor's sight). Capture pages share the profile; they do not need
    workers, and their pictures are never touched."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hidden = True

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        if self.hidden and info.resourceType() == _RT.ResourceTypeServiceWorker:
            info.block(True)


class _CookieMirror(QNetworkCookieJar):
    """The profile's cookies (HttpOnly included), kept in step with its cookie store."""

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        store = profile.cookieStore()
        store.cookieAdded.connect(self._added)
        store.cookieRemoved.connect(self._removed)
        store.loadAllCookies()

    def _added(self, cookie: QNetworkCookie) -> None:
        self.insertCookie(cookie)

    def _removed(self, cookie: QNetworkCookie) -> None:
        self.deleteCookie(cookie)


class ShieldHandler(QWebEngineUrlSchemeHandler):
    """Answers ``locker-shield:<token>`` with the blurred version of the original."""

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._profile = profile
        self.tokens = _Tokens()
        self._net = QNetworkAccessManager(self)
        self._net.setCookieJar(_CookieMirror(profile, self._net))
        self._net.setRedirectPolicy(QNetworkRequest.RedirectPolicy.NoLessSafeRedirectPolicy)
        self._jobs: dict[QNetworkReply, QWebEngineUrlRequestJob] = {}
        self.originals = _Originals()
        self.guard: ProfileGuard | None = None

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        wanted = self.tokens.get(job.requestUrl().path())
        if wanted is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        request = QNetworkRequest(wanted.url)
        request.setHeader(
            QNetworkRequest.KnownHeaders.UserAgentHeader, self._profile.httpUserAgent()
        )
        request.setRawHeader(b"Accept", b"image/avif,image/webp,image/png,image/*;q=0.8,*/*;q=0.5")
        if wanted.referrer.scheme() in ("http", "https"):
            request.setRawHeader(b"Referer", wanted.referrer.toEncoded())
        request.setTransferTimeout(FETCH_TIMEOUT_MS)
        reply = self._net.get(request)
        self._jobs[reply] = job
        job.destroyed.connect(lambda *_: self._abandon(reply))
        reply.downloadProgress.connect(lambda got, _total: self._check_size(reply, got))
        reply.finished.connect(lambda: self._finished(reply))

    def _abandon(self, reply: QNetworkReply) -> None:
        if self._jobs.pop(reply, None) is not None:
            reply.abort()

    def _check_size(self, reply: QNetworkReply, got: int) -> None:
        if got > MAX_FETCH_BYTES:
            reply.abort()

    def _finished(self, reply: QNetworkReply) -> None:
        job = self._jobs.pop(reply, None)
        reply.deleteLater()
        if job is None:
            return
        ok = reply.error() == QNetworkReply.NetworkError.NoError
        data = bytes(reply.readAll().data()) if ok else b""
        if not ok and not data:
            job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        if ok:
            ctype = reply.header(QNetworkRequest.KnownHeaders.ContentTypeHeader)
            self.originals.keep(reply.request().url(), data, str(ctype or ""))
        body = shielded_picture(data)
        buffer = QBuffer(job)
        buffer.setData(QByteArray(body))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        origin = job.initiator()
        if origin.isValid() and origin.scheme() in ("http", "https"):
            # <img crossorigin> and fetch() get the blurred picture instead of a CORS error.
            job.setAdditionalResponseHeaders(
                {
                    QByteArray(b"Access-Control-Allow-Origin"): QByteArray(origin.toEncoded()),
                    QByteArray(b"Access-Control-Allow-Credentials"): QByteArray(b"true"),
                    QByteArray(b"Cache-Control"): QByteArray(b"no-store"),
                }
            )
        job.reply(QByteArray(b"image/svg+xml"), buffer)


class _Originals:
    """The original bytes of the pictures shown blurred (memory only, the newest first
    up to MAX_KEPT_BYTES), so "capture as shown" stores them instead of the blur."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._map: OrderedDict[str, tuple[bytes, str]] = OrderedDict()
        self._size = 0

    def keep(self, url: QUrl, data: bytes, content_type: str) -> None:
        with self._lock:
            for key in {url.toString(), bytes(url.toEncoded().data()).decode("ascii", "replace")}:
                old = self._map.pop(key, None)
                if old is not None:
                    self._size -= len(old[0])
                self._map[key] = (data, content_type)
                self._size += len(data)
            while self._size > MAX_KEPT_BYTES and self._map:
                _key, (dropped, _type) = self._map.popitem(last=False)
                self._size -= len(dropped)

    def get(self, url: str) -> tuple[bytes, str] | None:
        with self._lock:
            return self._map.get(url)


def restore_snapshot(mhtml: bytes, originals: _Originals) -> tuple[bytes, int]:
    """An MHTML snapshot of the browser page with each blurred picture replaced by its
    original (read and written with the standard email package), and how many blurred
    pictures had no original left to put back."""
    import email
    import email.generator
    import email.policy

    message = email.message_from_bytes(mhtml, policy=email.policy.compat32)
    changed, missing = False, 0
    for part in message.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload.startswith(MARK):
            continue
        original = originals.get(str(part.get("Content-Location", "")))
        if original is None:
            missing += 1
            continue
        data, content_type = original
        del part["Content-Transfer-Encoding"]
        part.set_payload(base64.encodebytes(data).decode("ascii"))
        part["Content-Transfer-Encoding"] = "base64"
        part.replace_header("Content-Type", content_type or "application/octet-stream")
        changed = True
    if not changed:
        return mhtml, missing
    out = io.BytesIO()
    generator = email.generator.BytesGenerator(
        out, mangle_from_=False, policy=email.policy.compat32.clone(linesep="\r\n")
    )
    generator.flatten(message)
    return out.getvalue(), missing


_SVG_SIZE = re.compile(
    rb"<svg\b[^>]*?\bwidth\s*=\s*[\"']?\s*([\d.]+)(?:px)?[\"'\s]"
    rb"[^>]*?\bheight\s*=\s*[\"']?\s*([\d.]+)(?:px)?[\"'\s]",
    re.S,
)
_SVG_VIEWBOX = re.compile(
    rb"<svg\b[^>]*?\bviewBox\s*=\s*[\"']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+"
    rb"([\d.]+)[\s,]+([\d.]+)",
    re.S,
)


def _svg_size(data: bytes) -> tuple[int, int] | None:
    head = data[:4096]
    match = _SVG_SIZE.search(head) or _SVG_VIEWBOX.search(head)
    if match is None:
        return None
    try:
        width, height = round(float(match.group(1))), round(float(match.group(2)))
    except ValueError:
        return None
    return (width, height) if 0 < width <= 100_000 and 0 < height <= 100_000 else None


def placeholder(width: int, height: int) -> bytes:
    return (
        MARK
        + (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
            f'<rect width="100%" height="100%" fill="#c8c8cc"/></svg>'
        ).encode()
    )


def shielded_picture(data: bytes) -> bytes:
    """An SVG of the original's size holding a few soft blocks of its colours, or a grey
    placeholder when the bytes are not an allow-listed picture."""
    decoded = decode_for_reveal(io.BytesIO(data), len(data), max_side=256) if data else None
    if decoded is None:
        width, height = _svg_size(data) or (300, 150)
        return placeholder(width, height)
    try:
        with Image.open(io.BytesIO(data)) as header:
            width, height = header.size  # decoded above: the header is trusted now
    except Exception:  # noqa: BLE001 - keep the decoded size
        width, height = decoded.width, decoded.height
    image = Image.frombytes("RGBA", (decoded.width, decoded.height), decoded.rgba)
    longer = max(image.width, image.height)
    tiny = image.resize(
        (
            max(1, round(DETAIL * image.width / longer)),
            max(1, round(DETAIL * image.height / longer)),
        ),
        Image.Resampling.BOX,
    )
    inner_w = max(2, round(INNER * image.width / longer))
    inner_h = max(2, round(INNER * image.height / longer))
    soft = tiny.resize((inner_w, inner_h), Image.Resampling.BICUBIC)
    soft = soft.filter(ImageFilter.GaussianBlur(INNER / DETAIL))
    out = io.BytesIO()
    soft.save(out, format="PNG")
    href = "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()
    return (
        MARK
        + (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {inner_w} {inner_h}" preserveAspectRatio="none">'
            f'<image width="{inner_w}" height="{inner_h}" preserveAspectRatio="none" '
            f'href="{href}"/></svg>'
        ).encode()
    )


class ImageShield(QObject):
    """The shield for one browser page: ``set_hidden(False)`` lets originals through."""

    def __init__(
        self, page: QWebEnginePage, profile: QWebEngineProfile, hidden: bool = True
    ) -> None:
        super().__init__(page)
        handler = profile.urlSchemeHandler(QByteArray(SCHEME)) if scheme_registered() else None
        if scheme_registered() and not isinstance(handler, ShieldHandler):
            handler = ShieldHandler(profile, profile)
            profile.installUrlSchemeHandler(QByteArray(SCHEME), handler)
        self.handler = handler if isinstance(handler, ShieldHandler) else None
        tokens = self.handler.tokens if self.handler is not None else _Tokens()
        self.interceptor = ShieldInterceptor(tokens, self)
        self.interceptor.hidden = hidden
        page.setUrlRequestInterceptor(self.interceptor)
        if self.handler is not None and self.handler.guard is not None:
            self.guard = self.handler.guard  # one per profile, set once
        else:
            self.guard = ProfileGuard(profile)
            profile.setUrlRequestInterceptor(self.guard)
            if self.handler is not None:
                self.handler.guard = self.guard
        self.guard.hidden = hidden

    @property
    def hidden(self) -> bool:
        return self.interceptor.hidden

    def set_hidden(self, hidden: bool) -> None:
        self.interceptor.hidden = hidden
        self.guard.hidden = hidden

    def restore_snapshot(self, mhtml: bytes) -> tuple[bytes, int]:
        """See ``restore_snapshot``: the snapshot with the original pictures put back."""
        if self.handler is None:
            return mhtml, 0
        return restore_snapshot(mhtml, self.handler.originals)

"""Re-checks: is the material still up? One plain GET per location (plus redirects): no
images, scripts, styles or any other subresource, no cookies, bounded size and time.

A location counts as **removed** only after consistent "gone" results (404/410 or a
"not found" page served as 200) over time: at least REMOVAL_CHECKS such checks, with no
"up", login wall or block page between them, spanning at least REMOVAL_SPAN. A later "up"
is **reappeared**. A national block page (warning.or.kr) or a login wall is not a removal.
The clock is injectable (``now``) so tests can span hours.
"""

from __future__ import annotations

import datetime as dt
import http.client
import re
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from app import __version__
from app.vault import Vault
from app.vault.events import Event

Connection = Any
REMOVAL_CHECKS = 3
REMOVAL_SPAN = dt.timedelta(hours=6)
GONE_LIKE = ("gone", "soft_404")
MAX_BYTES = 512 * 1024
TIMEOUT = 15.0
MAX_REDIRECTS = 5
USER_AGENT = f"EvidenceLocker-recheck/{__version__} (page check, no subresources)"
BLOCK_HOSTS = ("warning.or.kr",)  # Korea's national block page
_SOFT_404 = (
    "page not found",
    "not found",
    "no longer available",
    "has been removed",
    "has been deleted",
    "does not exist",
    "doesn't exist",
    "isn't available",
    "content unavailable",
    "삭제된 게시물",
    "삭제되었습니다",
    "존재하지 않는",
    "찾을 수 없습니다",
    "페이지를 찾을 수 없",
)
_LOGIN_PATH = re.compile(r"/(login|signin|sign_in|sign-in|accounts/login|auth)\b", re.I)
_PASSWORD = re.compile(rb"<input[^>]+type\s*=\s*[\"']?password", re.I)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
_TAGS = re.compile(rb"<(script|style)[^>]*>.*?</\1>|<[^>]+>", re.I | re.S)


@dataclass
class Fetched:
    status: int | None
    final_url: str
    body: bytes = b""
    error: str = ""
    redirects: int = 0
    content_type: str = ""


def fetch(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Fetched:
    """GET ``url`` with http.client, following at most MAX_REDIRECTS redirects; nothing
    but the page itself is requested. Never raises for network trouble."""
    deadline = time.monotonic() + timeout
    current = url
    for hop in range(MAX_REDIRECTS + 1):
        parts = urlsplit(current)
        left = deadline - time.monotonic()
        if left <= 0:
            return Fetched(None, current, error="timed out", redirects=hop)
        try:
            if parts.scheme == "https":
                conn: http.client.HTTPConnection = http.client.HTTPSConnection(
                    parts.hostname or "",
                    parts.port,
                    timeout=left,
                    context=ssl.create_default_context(),
                )
            elif parts.scheme == "http":
                conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=left)
            else:
                return Fetched(None, current, error="redirected to a non-http URL", redirects=hop)
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            conn.request(
                "GET",
                path,
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,*/*;q=0.1",
                    "Accept-Encoding": "identity",
                    "Connection": "close",
                },
            )
            resp = conn.getresponse()
            status = resp.status
            location = resp.getheader("Location")
            body = resp.read(max_bytes) if status not in (301, 302, 303, 307, 308) else b""
            conn.close()
        except (OSError, http.client.HTTPException, ValueError) as exc:
            return Fetched(None, current, error=f"{type(exc).__name__}: {exc}"[:300], redirects=hop)
        if status in (301, 302, 303, 307, 308) and location:
            current = urljoin(current, location)
            continue
        return Fetched(
            status, current, body, redirects=hop, content_type=resp.getheader("Content-Type") or ""
        )
    return Fetched(None, current, error="too many redirects", redirects=MAX_REDIRECTS)


def classify(result: Fetched) -> tuple[str, str]:
    """(classification, detail) of one fetch."""
    if result.status is None:
        return "error", result.error
    status, body = result.status, result.body
    host = (urlsplit(result.final_url).hostname or "").lower()
    # A block page is the block host itself, or a small page that frames or links it (a
    # long page merely mentioning it is not one).
    if any(host == b or host.endswith("." + b) for b in BLOCK_HOSTS) or (
        len(body) < 20_000 and any(b.encode() in body for b in BLOCK_HOSTS)
    ):
        return "blocked", "national block page"
    if status in (404, 410):
        return "gone", f"HTTP {status}"
    if status == 451:
        return "blocked", "HTTP 451 (unavailable for legal reasons here)"
    if status == 401 or (status == 403 and _PASSWORD.search(body)):
        return "login_wall", f"HTTP {status}"
    if status in (403, 429):
        return "blocked" if status == 403 else "error", f"HTTP {status}"
    if status >= 400 or status < 200 or status >= 300:
        return "error", f"HTTP {status}"
    if _LOGIN_PATH.search(urlsplit(result.final_url).path) or _PASSWORD.search(body):
        return "login_wall", "login page"
    title = _TITLE.search(body)
    title_text = title.group(1).decode("utf-8", "replace").lower() if title else ""
    visible = _TAGS.sub(b" ", body).decode("utf-8", "replace").lower()
    text = title_text + " " + (visible if len(visible.split()) < 400 else "")
    if any(p in text for p in _SOFT_404):
        return "soft_404", "a 'not found' page served as HTTP 200"
    return "up", f"HTTP {status}"


def _iso(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def location_state(conn: Connection, loc_id: int) -> tuple[str, dict[str, Any] | None]:
    """(state, last check). State: the last confirmed 'removed'/'reappeared', else the
    last check's classification, else 'not checked'."""
    row = conn.execute(
        "SELECT at, http_status, final_url, classification, detail FROM td_checks"
        " WHERE location_id = ? ORDER BY at DESC, id DESC LIMIT 1",
        (loc_id,),
    ).fetchone()
    last = (
        None
        if row is None
        else {
            "at": row[0],
            "http_status": row[1],
            "final_url": row[2],
            "classification": row[3],
            "detail": row[4],
        }
    )
    st = conn.execute(
        "SELECT status FROM td_status WHERE location_id = ? ORDER BY id DESC LIMIT 1", (loc_id,)
    ).fetchone()
    if st is not None:
        return str(st[0]), last
    return (str(last["classification"]) if last else "not checked"), last


def _transition(conn: Connection, loc_id: int) -> str | None:
    """'removed' or 'reappeared' when the checks now call for it, else None."""
    current = conn.execute(
        "SELECT status FROM td_status WHERE location_id = ? ORDER BY id DESC LIMIT 1", (loc_id,)
    ).fetchone()
    state = None if current is None else str(current[0])
    checks = conn.execute(
        "SELECT at, classification FROM td_checks WHERE location_id = ? ORDER BY at DESC, id DESC",
        (loc_id,),
    ).fetchall()
    if not checks:
        return None
    if checks[0][1] == "up":
        return "reappeared" if state == "removed" else None
    if state == "removed":
        return None
    run: list[str] = []
    for at, cls in checks:
        if cls == "error":  # a network error says nothing either way
            continue
        if cls not in GONE_LIKE:
            break
        run.append(str(at))
    if len(run) >= REMOVAL_CHECKS and _parse(run[0]) - _parse(run[-1]) >= REMOVAL_SPAN:
        return "removed"
    return None


def _items_of(conn: Connection, loc_id: int) -> list[str]:
    return [
        str(r[0])
        for r in conn.execute(
            "SELECT i.uid FROM td_location_items li JOIN items i ON i.id = li.item_id"
            " WHERE li.location_id = ? ORDER BY i.id",
            (loc_id,),
        )
    ]


def _keep_page(vault: Vault, loc_id: int, url: str, result: Fetched, cls: str, at: str) -> int:
    """Store the fetched page (the bytes the server sent, nothing else) as a new item of
    kind 'recheck', time-stamped like any evidence; returns its item id."""
    from app.errors import ReadOnlyCase
    from app.vault.models import NewArtifact, NewItem

    conn = vault.read()
    cases = [
        str(r[0])
        for r in conn.execute(
            "SELECT c.name FROM td_location_items li JOIN items i ON i.id = li.item_id"
            " JOIN cases c ON c.id = i.case_id WHERE li.location_id = ? AND c.read_only = 0"
            " ORDER BY i.id",
            (loc_id,),
        )
    ]
    media = result.content_type.split(";")[0].strip() or "application/octet-stream"
    item = NewItem(
        kind="recheck",
        case=cases[0] if cases else "General",
        title=f"Re-check: {cls} - {url}"[:2000],
        source_url=url,
        captured_at=at,
        metadata={
            "requested_url": url,
            "final_url": result.final_url,
            "http_status": result.status,
            "classification": cls,
            "content_type": result.content_type,
            "checked_at": at,
            "method": "recheck: one GET, no subresources, no cookies",
        },
        thumbnail_role=None,
    )
    try:
        stored = vault.add_item(
            item, [NewArtifact("response.body", "response.html", result.body, media)]
        )
    except ReadOnlyCase:
        item.case = "General"
        stored = vault.add_item(
            item, [NewArtifact("response.body", "response.html", result.body, media)]
        )
    return stored.id


def _record(
    vault: Vault, loc_id: int, url: str, result: Fetched, at: str, keep_page: bool = False
) -> dict[str, Any]:
    from app.takedown.model import record_status

    cls, detail = classify(result)
    evidence = None
    if keep_page and cls in GONE_LIKE and result.status is not None:
        evidence = _keep_page(vault, loc_id, url, result, cls, at)
    with vault.write() as conn:
        items = _items_of(conn, loc_id)
        evidence_uid = (
            None
            if evidence is None
            else str(conn.execute("SELECT uid FROM items WHERE id = ?", (evidence,)).fetchone()[0])
        )
        event = vault.append_event(
            conn,
            Event.TAKEDOWN_CHECK,
            None,
            {
                "url": url,
                "location": loc_id,
                "at": at,
                "http_status": result.status,
                "final_url": result.final_url,
                "classification": cls,
                "detail": detail,
                "evidence_item": evidence_uid,
                "items": items,
            },
        )
        conn.execute(
            "INSERT INTO td_checks (location_id, at, http_status, final_url,"
            " classification, detail, evidence_item, custody_seq)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (loc_id, at, result.status, result.final_url, cls, detail, evidence, event.seq),
        )
        change = _transition(conn, loc_id)
        if change:
            ev = vault.append_event(
                conn,
                Event.TAKEDOWN_LOCATION_STATUS,
                None,
                {
                    "url": url,
                    "location": loc_id,
                    "status": change,
                    "source": "recheck",
                    "at": at,
                    "items": items,
                },
            )
            conn.execute(
                "INSERT INTO td_status (location_id, status, at, source, custody_seq)"
                " VALUES (?, ?, ?, 'recheck', ?)",
                (loc_id, change, at, ev.seq),
            )
            _update_requests(vault, conn, loc_id, change, at, record_status)
    return {
        "location": loc_id,
        "url": url,
        "at": at,
        "http_status": result.status,
        "final_url": result.final_url,
        "classification": cls,
        "detail": detail,
        "status_change": change,
        "evidence_item": evidence,
    }


def _update_requests(
    vault: Vault,
    conn: Connection,
    loc_id: int,
    change: str,
    at: str,
    record_status: Callable[..., None],
) -> None:
    """A request whose every location is confirmed removed becomes 'removed' (source
    recheck); a removed request with a location back up becomes 'reappeared'."""
    for (req_id,) in conn.execute(
        "SELECT request_id FROM td_request_locations WHERE location_id = ?", (loc_id,)
    ).fetchall():
        last = conn.execute(
            "SELECT status FROM td_status WHERE request_id = ? ORDER BY id DESC LIMIT 1", (req_id,)
        ).fetchone()
        status = str(last[0]) if last else "drafted"
        if change == "reappeared" and status in ("removed", "partial"):
            record_status(vault, conn, req_id, "reappeared", "recheck", at=at)
        elif change == "removed" and status not in ("removed",):
            states = [
                location_state(conn, int(r[0]))[0]
                for r in conn.execute(
                    "SELECT location_id FROM td_request_locations WHERE request_id = ?", (req_id,)
                )
            ]
            if all(s == "removed" for s in states):
                record_status(vault, conn, req_id, "removed", "recheck", at=at)


def recheck(
    vault: Vault,
    items: Sequence[str | int] = (),
    now: Callable[[], dt.datetime] | None = None,
    fetcher: Callable[[str], Fetched] = fetch,
    keep_pages: bool = False,
) -> list[dict[str, Any]]:
    """Re-check the locations of ``items`` (all locations when empty); one row and one
    custody event per check. Fetches happen outside any write transaction.
    ``keep_pages``: a page that says the material is gone is stored as evidence."""
    from app.takedown.model import list_locations

    clock = now or (lambda: dt.datetime.now(dt.UTC))
    if items:
        locs = {loc.id: loc for ref in items for loc in list_locations(vault, item=ref)}
        targets = [locs[k] for k in sorted(locs)]
    else:
        targets = list_locations(vault)
    results = []
    for loc in targets:
        result = fetcher(loc.url)
        results.append(_record(vault, loc.id, loc.url, result, _iso(clock()), keep_pages))
    return results

"""Locations, takedown requests and their status history, in the vault's own tables
(app/takedown/schema.py). Every change is one transaction with one custody event whose
data names the items concerned (``items``), so exported bundles disclose it with them."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from app.errors import NotFound, UsageError
from app.takedown import platforms
from app.vault import Vault
from app.vault.events import Event
from app.vault.lookup import resolve
from app.vault.models import utc_now

Connection = Any
BASES = ("tida", "dsa", "kr", "other")
MARKS = ("submitted", "acknowledged", "removed", "refused", "partial")
OPEN_STATES = ("submitted", "acknowledged")
MAX_TEXT = 4000


@dataclass
class Location:
    id: int
    url: str
    host: str
    platform: str
    source: str
    created_at: str
    items: list[str] = field(default_factory=list)  # item uids
    item_ids: list[int] = field(default_factory=list)
    status: str = "seen"  # seen, or the latest re-check state (see status_of)
    last_check: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Request:
    id: int
    uid: str
    platform: str
    basis: str
    channel: str
    created_at: str
    locations: list[Location] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)

    @property
    def status(self) -> str:
        return str(self.history[-1]["status"]) if self.history else "drafted"

    @property
    def reference(self) -> str:
        refs = [h["reference"] for h in self.history if h.get("reference")]
        return str(refs[-1]) if refs else ""

    @property
    def deadline(self) -> str | None:
        dates = [h["deadline"] for h in self.history if h.get("deadline")]
        return str(dates[-1]) if dates else None

    def overdue(self, now: dt.datetime | None = None) -> bool:
        if self.status not in OPEN_STATES or not self.deadline:
            return False
        now = now or dt.datetime.now(dt.UTC)
        return dt.datetime.fromisoformat(self.deadline.replace("Z", "+00:00")) < now

    def next_step(self, now: dt.datetime | None = None) -> str:
        return next_step(self, now)

    def to_json(self, now: dt.datetime | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "uid": self.uid,
            "platform": self.platform,
            "basis": self.basis,
            "channel": self.channel,
            "created_at": self.created_at,
            "status": self.status,
            "reference": self.reference,
            "deadline": self.deadline,
            "overdue": self.overdue(now),
            "next_step": self.next_step(now),
            "urls": [loc.url for loc in self.locations],
            "locations": [loc.to_json() for loc in self.locations],
            "history": self.history,
        }


def next_step(req: Request, now: dt.datetime | None = None) -> str:
    """What to do next, in plain words (the same words the app shows)."""
    status = req.status
    if status == "drafted":
        return (
            "write the notice (locker takedown notice), submit it yourself, then mark it submitted"
        )
    if req.overdue(now):
        return "the response deadline has passed: re-check, remind the platform, or use a referral route"
    if status in OPEN_STATES:
        return "wait for the platform; re-check the locations (locker recheck)"
    if status == "removed":
        return "keep re-checking now and then: a re-upload shows as reappeared"
    if status == "partial":
        return "re-check; make a new request for the locations still up"
    if status == "refused":
        return "consider another basis or a referral route (1377, 02-735-8994, 1366)"
    if status == "reappeared":
        return "capture the re-upload, then make a new request"
    return ""


# -- locations -------------------------------------------------------------------------


def _item_ids(vault: Vault, conn: Connection, refs: Iterable[str | int]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for ref in refs:
        pair = resolve(conn, ref)
        if pair not in out:
            out.append(pair)
    return out


def _clean(text: str | None, what: str) -> str:
    text = (text or "").strip()
    if len(text) > MAX_TEXT or "\x00" in text:
        raise UsageError(f"The {what} is too long or contains a NUL character.")
    return text


def add_location_in(
    vault: Vault,
    conn: Connection,
    url: str,
    items: Sequence[tuple[int, str]],
    platform: str | None = None,
    source: str = "manual",
) -> tuple[int, bool]:
    """Record ``url`` (once per vault) and link it to ``items`` inside the caller's
    transaction; (location id, whether anything new was recorded)."""
    url, host = platforms.check_url(url)
    platform = _clean(platform, "platform") or platforms.platform_of(host)
    row = conn.execute("SELECT id, platform FROM td_locations WHERE url = ?", (url,)).fetchone()
    changed = False
    if row is None:
        event = vault.append_event(
            conn,
            Event.TAKEDOWN_LOCATION_ADDED,
            None,
            {
                "url": url,
                "platform": platform,
                "source": source,
                "items": [uid for _i, uid in items],
            },
        )
        loc_id = int(
            conn.execute(
                "INSERT INTO td_locations (url, host, platform, source, created_at, custody_seq)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (url, host, platform, source, event.at, event.seq),
            ).lastrowid
        )
        new_items = list(items)
        changed = True
    else:
        loc_id = int(row[0])
        linked = {
            int(r[0])
            for r in conn.execute(
                "SELECT item_id FROM td_location_items WHERE location_id = ?", (loc_id,)
            )
        }
        new_items = [p for p in items if p[0] not in linked]
        if new_items:
            event = vault.append_event(
                conn,
                Event.TAKEDOWN_LOCATION_LINKED,
                None,
                {"url": url, "location": loc_id, "items": [uid for _i, uid in new_items]},
            )
            changed = True
    for item_id, _uid in new_items:
        conn.execute(
            "INSERT INTO td_location_items (location_id, item_id, created_at, custody_seq)"
            " VALUES (?, ?, ?, ?)",
            (loc_id, item_id, event.at, event.seq),
        )
    return loc_id, changed


def add_location(
    vault: Vault, item: str | int, url: str, platform: str | None = None, source: str = "manual"
) -> Location:
    with vault.write() as conn:
        loc_id, _ = add_location_in(
            vault, conn, url, _item_ids(vault, conn, [item]), platform, source
        )
    return get_location(vault, loc_id)


def add_capture_locations(vault: Vault, item_id: int, uid: str, urls: Iterable[str]) -> None:
    """The hook web capture calls after storing an item: its requested and final URLs
    become locations (non-http(s) URLs such as about:blank are skipped)."""
    wanted: list[str] = []
    for url in urls:
        try:
            checked, _ = platforms.check_url(url or "")
        except UsageError:
            continue
        if checked not in wanted:
            wanted.append(checked)
    if not wanted:
        return
    with vault.write() as conn:
        for url in wanted:
            add_location_in(vault, conn, url, [(item_id, uid)], None, "capture")


def _locations(vault: Vault, where: str = "", args: Sequence[Any] = ()) -> list[Location]:
    conn = vault.read()
    locs = [
        Location(*r)
        for r in conn.execute(
            "SELECT id, url, host, platform, source, created_at FROM td_locations l"
            + where
            + " ORDER BY l.id",
            args,
        )
    ]
    for loc in locs:
        rows = conn.execute(
            "SELECT i.id, i.uid FROM td_location_items li JOIN items i ON i.id = li.item_id"
            " WHERE li.location_id = ? ORDER BY i.id",
            (loc.id,),
        ).fetchall()
        loc.item_ids = [int(r[0]) for r in rows]
        loc.items = [str(r[1]) for r in rows]
        from app.takedown.recheck import location_state

        loc.status, loc.last_check = location_state(conn, loc.id)
    return locs


def list_locations(
    vault: Vault, item: str | int | None = None, case: str | None = None
) -> list[Location]:
    if item is not None:
        item_id, _ = resolve(vault.read(), item)
        return _locations(
            vault,
            " WHERE l.id IN (SELECT location_id FROM td_location_items WHERE item_id = ?)",
            (item_id,),
        )
    if case is not None:
        return _locations(
            vault,
            " WHERE l.id IN (SELECT li.location_id FROM td_location_items li"
            " JOIN items i ON i.id = li.item_id JOIN cases c ON c.id = i.case_id"
            " WHERE c.name = ?)",
            (case,),
        )
    return _locations(vault)


def get_location(vault: Vault, loc_id: int) -> Location:
    found = _locations(vault, " WHERE l.id = ?", (loc_id,))
    if not found:
        raise NotFound(f"No location {loc_id} in this vault.")
    return found[0]


# -- requests --------------------------------------------------------------------------


def new_request(
    vault: Vault,
    platform: str,
    basis: str,
    items: Sequence[str | int],
    urls: Sequence[str] = (),
    channel: str | None = None,
) -> Request:
    """One request for every location of ``items`` on ``platform`` plus ``urls`` (which
    become locations of those items). Status 'drafted'; nothing is sent anywhere."""
    if basis not in BASES:
        raise UsageError(f"The basis must be one of {', '.join(BASES)}.")
    platform = _clean(platform, "platform")
    if not platform or not items:
        raise UsageError("A request needs a platform and at least one item.")
    info = platforms.platform_info(platform)
    with vault.write() as conn:
        pairs = _item_ids(vault, conn, items)
        for url in urls:
            add_location_in(vault, conn, url, pairs, platform, "manual")
        marks = ",".join("?" * len(pairs))
        loc_ids = [
            int(r[0])
            for r in conn.execute(
                "SELECT DISTINCT l.id FROM td_locations l JOIN td_location_items li"
                f" ON li.location_id = l.id WHERE li.item_id IN ({marks}) AND l.platform = ?"
                " ORDER BY l.id",
                [p[0] for p in pairs] + [platform],
            )
        ]
        if not loc_ids:
            raise UsageError(
                f"These items have no location on '{platform}'; add one with "
                "--url URL or `locker locations add`."
            )
        uid = str(uuid.uuid4())
        chan = _clean(channel, "channel") or str(info.get("channel") or "")
        urls_in = [
            str(conn.execute("SELECT url FROM td_locations WHERE id = ?", (i,)).fetchone()[0])
            for i in loc_ids
        ]
        event = vault.append_event(
            conn,
            Event.TAKEDOWN_REQUEST_CREATED,
            None,
            {
                "request": uid,
                "platform": platform,
                "basis": basis,
                "channel": chan,
                "urls": urls_in,
                "items": [p[1] for p in pairs],
            },
        )
        req_id = int(
            conn.execute(
                "INSERT INTO td_requests (uid, platform, basis, channel, created_at, custody_seq)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (uid, platform, basis, chan, event.at, event.seq),
            ).lastrowid
        )
        for loc_id in loc_ids:
            conn.execute(
                "INSERT INTO td_request_locations (request_id, location_id) VALUES (?, ?)",
                (req_id, loc_id),
            )
        conn.execute(
            "INSERT INTO td_status (request_id, status, at, source, custody_seq)"
            " VALUES (?, 'drafted', ?, 'person', ?)",
            (req_id, event.at, event.seq),
        )
    return get_request(vault, req_id)


def _request_items(conn: Connection, req_id: int) -> list[str]:
    return [
        str(r[0])
        for r in conn.execute(
            "SELECT DISTINCT i.uid FROM td_request_locations rl JOIN td_location_items li"
            " ON li.location_id = rl.location_id JOIN items i ON i.id = li.item_id"
            " WHERE rl.request_id = ? ORDER BY i.id",
            (req_id,),
        )
    ]


def record_status(
    vault: Vault,
    conn: Connection,
    req_id: int,
    status: str,
    source: str,
    reference: str = "",
    note: str = "",
    at: str | None = None,
) -> None:
    """Append one request status (and its custody event) inside the caller's transaction."""
    row = conn.execute(
        "SELECT uid, platform, basis FROM td_requests WHERE id = ?", (req_id,)
    ).fetchone()
    deadline = None
    at = at or utc_now()
    if status == "submitted":
        hours = platforms.deadline_hours(str(row[2]), str(row[1]))
        if hours:
            when = dt.datetime.fromisoformat(at.replace("Z", "+00:00")) + dt.timedelta(hours=hours)
            deadline = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    event = vault.append_event(
        conn,
        Event.TAKEDOWN_STATUS,
        None,
        {
            "request": str(row[0]),
            "status": status,
            "source": source,
            "at": at,
            "reference": reference,
            "note": note,
            "deadline": deadline,
            "items": _request_items(conn, req_id),
        },
    )
    conn.execute(
        "INSERT INTO td_status (request_id, status, at, source, reference, note,"
        " deadline, custody_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (req_id, status, at, source, reference, note, deadline, event.seq),
    )


def mark(
    vault: Vault, ref: str, status: str, reference: str | None = None, note: str | None = None
) -> Request:
    if status not in MARKS:
        raise UsageError(f"The status must be one of {', '.join(MARKS)}.")
    with vault.write() as conn:
        req_id = _resolve_request(conn, ref)
        record_status(
            vault,
            conn,
            req_id,
            status,
            "person",
            _clean(reference, "reference"),
            _clean(note, "note"),
        )
    return get_request(vault, req_id)


def _resolve_request(conn: Connection, ref: str | int) -> int:
    text = str(ref).strip()
    if text.isdigit():
        row = conn.execute("SELECT id FROM td_requests WHERE id = ?", (int(text),)).fetchone()
    elif len(text) >= 8:
        rows = conn.execute(
            "SELECT id FROM td_requests WHERE uid LIKE ? LIMIT 2",
            (text.replace("%", "").replace("_", "") + "%",),
        ).fetchall()
        row = rows[0] if len(rows) == 1 else None
    else:
        row = None
    if row is None:
        raise NotFound(f"No takedown request '{text}' in this vault.")
    return int(row[0])


def get_request(vault: Vault, ref: str | int) -> Request:
    conn = vault.read()
    req_id = _resolve_request(conn, ref)
    r = conn.execute(
        "SELECT id, uid, platform, basis, channel, created_at FROM td_requests WHERE id = ?",
        (req_id,),
    ).fetchone()
    req = Request(*r)
    req.locations = _locations(
        vault,
        " WHERE l.id IN (SELECT location_id FROM td_request_locations WHERE request_id = ?)",
        (req_id,),
    )
    req.history = [
        {
            "status": h[0],
            "at": h[1],
            "source": h[2],
            "reference": h[3],
            "note": h[4],
            "deadline": h[5],
            "custody_seq": h[6],
        }
        for h in conn.execute(
            "SELECT status, at, source, reference, note, deadline,"
            " custody_seq FROM td_status WHERE request_id = ? ORDER BY id",
            (req_id,),
        )
    ]
    return req


def list_requests(vault: Vault, case: str | None = None) -> list[Request]:
    conn = vault.read()
    if case is None:
        ids = [int(r[0]) for r in conn.execute("SELECT id FROM td_requests ORDER BY id")]
    else:
        ids = [
            int(r[0])
            for r in conn.execute(
                "SELECT DISTINCT rl.request_id FROM td_request_locations rl JOIN td_location_items li"
                " ON li.location_id = rl.location_id JOIN items i ON i.id = li.item_id"
                " JOIN cases c ON c.id = i.case_id WHERE c.name = ? ORDER BY rl.request_id",
                (case,),
            )
        ]
    return [get_request(vault, i) for i in ids]

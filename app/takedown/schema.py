"""Schema steps 4 (takedown tables) and 5 (PDQ hashes for images already in a vault).

All takedown tables are append-only (the same triggers as the core tables): a status,
a check or a link is a new row, and every row names the custody entry that logged it.
"""

from __future__ import annotations

from app.vault import schema
from app.vault.registry import Connection, Step

APPEND_ONLY_TABLES = (
    "td_locations",
    "td_location_items",
    "td_requests",
    "td_request_locations",
    "td_status",
    "td_checks",
)

STEP_4 = """
CREATE TABLE td_locations (                     -- a URL where the material was seen
    id          INTEGER PRIMARY KEY,
    url         TEXT NOT NULL UNIQUE,
    host        TEXT NOT NULL,
    platform    TEXT NOT NULL,                  -- from resources/takedown/platforms.json
    source      TEXT NOT NULL,                  -- capture, manual, file
    created_at  TEXT NOT NULL,
    custody_seq INTEGER NOT NULL
);
CREATE TABLE td_location_items (
    location_id INTEGER NOT NULL REFERENCES td_locations(id),
    item_id     INTEGER NOT NULL REFERENCES items(id),
    created_at  TEXT NOT NULL,
    custody_seq INTEGER NOT NULL,
    PRIMARY KEY (location_id, item_id)
);
CREATE INDEX td_location_items_item ON td_location_items(item_id);
CREATE TABLE td_requests (                      -- one request, many locations, one platform
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    platform    TEXT NOT NULL,
    basis       TEXT NOT NULL CHECK (basis IN ('tida', 'dsa', 'kr', 'other')),
    channel     TEXT NOT NULL DEFAULT '',       -- web form, email, ... (from the platform data)
    created_at  TEXT NOT NULL,
    custody_seq INTEGER NOT NULL
);
CREATE TABLE td_request_locations (
    request_id  INTEGER NOT NULL REFERENCES td_requests(id),
    location_id INTEGER NOT NULL REFERENCES td_locations(id),
    PRIMARY KEY (request_id, location_id)
);
CREATE TABLE td_status (                        -- status history of requests and locations
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER REFERENCES td_requests(id),
    location_id INTEGER REFERENCES td_locations(id),
    status      TEXT NOT NULL,                  -- drafted submitted acknowledged removed ...
    at          TEXT NOT NULL,
    source      TEXT NOT NULL,                  -- person or recheck
    reference   TEXT NOT NULL DEFAULT '',       -- the platform's case/reference number
    note        TEXT NOT NULL DEFAULT '',
    deadline    TEXT,                           -- RFC 3339 UTC, when a response is due
    custody_seq INTEGER NOT NULL
);
CREATE INDEX td_status_request ON td_status(request_id);
CREATE INDEX td_status_location ON td_status(location_id);
CREATE TABLE td_checks (                        -- one row per re-check attempt
    id             INTEGER PRIMARY KEY,
    location_id    INTEGER NOT NULL REFERENCES td_locations(id),
    at             TEXT NOT NULL,
    http_status    INTEGER,
    final_url      TEXT NOT NULL DEFAULT '',
    classification TEXT NOT NULL,               -- up gone soft_404 login_wall blocked error
    detail         TEXT NOT NULL DEFAULT '',
    evidence_item  INTEGER REFERENCES items(id), -- the fetched page kept as evidence (--keep-page)
    custody_seq    INTEGER NOT NULL
);
CREATE INDEX td_checks_location ON td_checks(location_id, at);
""" + schema.append_only_triggers(*APPEND_ONLY_TABLES)


def _backfill_pdq(conn: Connection) -> None:
    from app.takedown.pdq import backfill

    backfill(conn)


# Registered by app.extensions.
STEPS: list[Step] = [
    (4, "takedowns: locations, requests, status events, re-checks", schema.run_script(STEP_4)),
    (5, "PDQ hashes (derived) for images already stored", _backfill_pdq),
]

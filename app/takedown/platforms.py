"""The curated platform list (resources/takedown/platforms.json): host -> platform, how
each platform takes requests, and the Korean referral routes. Editable: a copy named by
$LOCKER_TAKEDOWN_PLATFORMS replaces the shipped file."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from app.errors import RejectedInput, UsageError
from app.resources import resource_path

DATA_FILE = resource_path("takedown", "platforms.json")
ENV = "LOCKER_TAKEDOWN_PLATFORMS"
MAX_URL = 8000


def data_path() -> Path:
    return Path(os.environ[ENV]) if os.environ.get(ENV) else DATA_FILE


@lru_cache(maxsize=4)
def _load(path: str) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RejectedInput(f"The platform list {path} cannot be read: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("platforms"), dict):
        raise RejectedInput(f"The platform list {path} has no 'platforms' table.")
    return data


def data() -> dict[str, Any]:
    return _load(str(data_path()))


def check_url(url: str) -> tuple[str, str]:
    """(url, host) for a URL that can be a location: http(s), a host, no control chars."""
    url = url.strip()
    if not url or len(url) > MAX_URL or any(ord(c) < 0x20 or ord(c) == 0x7F for c in url):
        raise UsageError("A location must be one http(s) URL on one line.")
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError as exc:
        raise UsageError(f"Not a valid URL: {url[:200]}") from exc
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise UsageError(f"Only http and https URLs can be locations: {url[:200]}")
    return url, host


def platform_of(host: str) -> str:
    """The platform key whose host list covers ``host`` (itself or a parent domain);
    otherwise the host without 'www.'."""
    host = host.lower().rstrip(".")
    for key, entry in data()["platforms"].items():
        for known in entry.get("hosts") or []:
            if host == known or host.endswith("." + known):
                return str(key)
    return host.removeprefix("www.")


def platform_info(key: str) -> dict[str, Any]:
    """The platform's entry (an empty one, named after the key, when not listed)."""
    entry = data()["platforms"].get(key)
    if isinstance(entry, dict):
        return {"key": key, **entry}
    return {
        "key": key,
        "name": key,
        "channel": "",
        "form_url": "",
        "many_urls": None,
        "response_time": None,
        "checked": None,
    }


def deadline_hours(basis: str, platform: str) -> int | None:
    """Hours a platform has to act after a request was submitted: the platform's own
    stated time when listed, else the basis default (TAKE IT DOWN Act: 48 hours)."""
    stated = platform_info(platform).get("response_hours")
    if isinstance(stated, int) and stated > 0:
        return stated
    value = (data().get("basis_deadline_hours") or {}).get(basis)
    return int(value) if isinstance(value, int) and value > 0 else None


def referrals_ko() -> list[dict[str, str]]:
    return [dict(r) for r in data().get("referrals_ko") or []]

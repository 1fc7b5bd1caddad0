"""Turning configured time-stamp authorities on and off from Settings.

The TSA list is app.timestamp.config's JSON file. The shipped list is never edited: a
change is written to the user's own tsa.json (or to $LOCKER_TSA_CONFIG when that is
set), with certificate paths made absolute so they still resolve from there."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.atomic import write_text_atomically
from app.timestamp import config


@dataclass
class TsaEntry:
    name: str
    url: str
    enabled: bool


def _paths() -> tuple[Path, Path]:
    """(file the list is read from, file a change is written to)."""
    source = config.config_path()
    target = source if os.environ.get(config.CONFIG_ENV) else config.user_config_path()
    return source, target


def _raw() -> tuple[Path, dict[str, Any]] | None:
    paths = _paths()
    try:
        data = json.loads(paths[0].read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("tsas"), list):
        return None
    return paths[0], data


def list_tsas() -> list[TsaEntry]:
    found = _raw()
    if found is None:
        return []
    return [
        TsaEntry(
            str(e.get("name") or e.get("url")), str(e.get("url")), bool(e.get("enabled", True))
        )
        for e in found[1]["tsas"]
        if isinstance(e, dict) and isinstance(e.get("url"), str)
    ]


def set_enabled(enabled_urls: set[str]) -> Path | None:
    """Write the list with exactly ``enabled_urls`` enabled; returns the file written."""
    found, paths = _raw(), _paths()
    if found is None:
        return None
    source, data = found
    out: list[dict[str, Any]] = []
    for entry in data["tsas"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            continue
        entry = dict(entry)
        for key in ("roots", "untrusted"):
            if isinstance(entry.get(key), list):
                entry[key] = [str((source.parent / str(p)).resolve()) for p in entry[key]]
        entry["enabled"] = entry["url"] in enabled_urls
        out.append(entry)
    data = dict(data, tsas=out)
    target = paths[1]
    write_text_atomically(target, json.dumps(data, indent=2, ensure_ascii=False))
    return target

"""App settings in one JSON file in the platform's config folder.

Nothing about evidence is stored here. Recent vaults are kept only when the person turns
that on. ``LOCKER_CONFIG_DIR`` overrides the folder (tests, portable use).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from app.atomic import write_text_atomically

APP_NAME = "evidence-locker"
LANGUAGES = ("system", "en", "ko")


def config_dir() -> Path:
    override = os.environ.get("LOCKER_CONFIG_DIR")
    if override:
        return Path(override)
    from app.platform import user_config_dir

    return user_config_dir()


@dataclass
class Settings:
    language: str = "system"  # "system", "en" or "ko"
    autolock_minutes: int = 5  # 0 turns auto-lock off
    neutral_title: bool = False  # "Notes" window title and a plain icon
    safe_browsing: bool = True  # images blurred in the in-app browser
    remember_on_device: bool = False  # keep the key in the OS keyring (shared-PC warning)
    remember_recent: bool = False  # remember the last vaults opened
    recent_vaults: list[str] = field(default_factory=list)
    text_only: bool = False  # hide even blurred thumbnails
    view_mode: str = "grid"  # "grid" or "table"
    safety_note_seen: bool = False

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or config_dir() / "settings.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        defaults = cls()
        for name, value in raw.items():
            if name in known and isinstance(value, type(getattr(defaults, name))):
                values[name] = value
        settings = cls(**values)
        if settings.language not in LANGUAGES:
            settings.language = "system"
        settings.autolock_minutes = max(0, min(settings.autolock_minutes, 240))
        if not settings.remember_recent:
            settings.recent_vaults = []
        return settings

    def save(self, path: Path | None = None) -> None:
        """Write atomically (temp file in the same folder, fsync, rename)."""
        path = path or config_dir() / "settings.json"
        if not self.remember_recent:
            self.recent_vaults = []
        write_text_atomically(path, json.dumps(asdict(self), indent=2, ensure_ascii=False))

    def note_opened(self, vault: Path) -> None:
        if not self.remember_recent:
            return
        text = str(vault.resolve())
        self.recent_vaults = [text] + [v for v in self.recent_vaults if v != text][:4]

"""Local files a hostile person at the PC can edit: the failed-unlock record and the
settings. Editing them must never lock the person out of her vault for longer than the
normal throttle, nor crash the app.

Guards: app.ui.attempts (delay capped, overflow-safe, odd records ignored) and
app.ui.settings (unknown or ill-typed values fall back to defaults).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.ui.attempts import MAX_DELAY, AttemptLog
from app.ui.settings import Settings
from app.vault import Vault


@pytest.fixture
def vault_file(tmp_path: Path) -> Path:
    path = tmp_path / "v.locker"
    Vault.create(path, "pw").close()
    return path


@pytest.mark.parametrize(
    "entry",
    [
        {"times": [1e12]},  # a failure "in the year 33658"
        {"times": [1e12], "count": 4},
        {"times": [0.0], "count": 10**6},  # 2.0 ** 999998 overflowed
        {"times": [1.0], "count": 10**400},
        {"times": ["x", None]},
        {"times": None, "count": -5},
        {"times": [1.0], "count": "lots"},
        {"times": [float("1e308")] * 60, "count": 10**9},
    ],
)
def test_an_edited_attempt_record_never_locks_out_for_long(
    tmp_path: Path, vault_file: Path, entry: dict
) -> None:  # type: ignore[type-arg]
    """Regression: a future failure time meant a wait of ~31,000 years in the unlock
    window; a huge count raised OverflowError, so unlocking did nothing at all."""
    log = AttemptLog(tmp_path / "attempts.json", clock=lambda: 1_800_000_000.0)
    (tmp_path / "attempts.json").write_text(json.dumps({log.vault_key(vault_file): entry}))
    wait = log.wait_seconds(vault_file)
    assert 0.0 <= wait <= MAX_DELAY
    log.record_failure(vault_file)  # still writable and readable afterwards
    assert 0.0 <= log.wait_seconds(vault_file) <= MAX_DELAY
    assert log.record_success(vault_file).count >= 0
    assert log.wait_seconds(vault_file) == 0.0


@pytest.mark.parametrize(
    "raw",
    [
        "[]",
        "null",
        '"x"',
        '{"autolock_minutes": "x"}',
        '{"autolock_minutes": 1e400}',
        '{"language": 5}',
        '{"recent_vaults": [1, null]}',
        '{"view_mode": {"a": 1}}',
        "\udcff\udcfe not json",
    ],
)
def test_hostile_settings_fall_back_to_defaults(tmp_path: Path, raw: str) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(raw.encode("utf-8", "surrogateescape"))
    settings = Settings.load(path)
    assert isinstance(settings.autolock_minutes, int) and 0 <= settings.autolock_minutes <= 240
    assert settings.language in ("system", "en", "ko")
    assert all(isinstance(v, str) for v in settings.recent_vaults)

"""Apply one change to a copy of a closed vault and report whether the app noticed."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from app.errors import LockerError

DETECTED_AT_OPEN = "open refused"
DETECTED_BY_VERIFY = "verify failed"
UNDETECTED = "reported OK"


def _clear(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(str(path) + suffix)


def outcome(data: bytes, work: Path, key: bytes) -> tuple[str, str]:
    """Write ``data`` as a vault file at ``work``, open it with ``key`` and verify it.

    Returns (outcome, detail). Anything other than a LockerError from open, or a raise
    from verify, propagates: those are bugs in their own right.
    """
    from app.vault import Vault
    from app.vault.verify import verify_vault

    _clear(work)
    work.write_bytes(data)
    try:
        vault = Vault.open(work, key=key)
    except LockerError as exc:
        if work.read_bytes() != data:
            raise AssertionError(f"a failed open modified the file ({exc})") from exc
        return DETECTED_AT_OPEN, f"{type(exc).__name__}: {exc}"
    try:
        report = verify_vault(vault)
    finally:
        vault.close()
    if report.ok:
        return UNDETECTED, "verify reported OK"
    failed = [c.name for c in report.checks if not c.ok]
    return DETECTED_BY_VERIFY, ", ".join(failed)

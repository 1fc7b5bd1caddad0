"""The extensions' schema steps and checks come from one startup registration
(app/extensions.py); a vault is never opened without them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app import extensions
from app.vault import Vault, schema
from app.vault.verify import verify_vault
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


def test_every_step_and_check_is_registered(tmp_path: Path) -> None:
    extensions.register()  # a second call changes nothing
    assert [v for v, _, _ in schema.all_steps()] == [1, 2, 3, 4, 5]
    vault = Vault.create(tmp_path / "v.locker", PASSPHRASE)
    try:
        names = [c.name for c in verify_vault(vault).checks]
    finally:
        vault.close()
    assert {"timestamps", "received evidence", "takedown records"} <= set(names)


def test_no_vault_is_opened_before_registration(tmp_path: Path) -> None:
    # A fresh interpreter that skips app.extensions.register(): creating a vault fails
    # loudly and leaves nothing behind, instead of making a vault without steps 2-5.
    path = tmp_path / "v.locker"
    code = ("import sys\nfrom app.vault import Vault\n"
            "try:\n    Vault.create(sys.argv[1], 'pw')\n"
            "except Exception as exc:\n    print(type(exc).__name__)\n")
    out = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "ExtensionsNotRegistered"
    assert list(tmp_path.iterdir()) == []

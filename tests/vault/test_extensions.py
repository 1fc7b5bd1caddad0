"""The extensions' schema steps and checks come from one registration (app/extensions.py,
real imports); a vault is never opened or verified without them."""

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


def test_a_program_that_only_imports_the_vault_gets_every_step(tmp_path: Path) -> None:
    # A fresh interpreter that never names app.extensions (a script, a child process):
    # the vault it creates has every step, and verify runs every check.
    code = (
        "import sys\nfrom app.vault import Vault\nfrom app.vault.verify import verify_vault\n"
        "v = Vault.create(sys.argv[1], 'pw')\n"
        "print(v.read().execute('PRAGMA user_version').fetchone()[0])\n"
        "print(','.join(c.name for c in verify_vault(v).checks))\nv.close()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "v.locker")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    version, checks = out.stdout.split("\n")[:2]
    assert int(version) == schema.latest_version() == 5
    assert {"timestamps", "received evidence", "takedown records"} <= set(checks.split(","))

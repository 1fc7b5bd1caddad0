"""Every command takes its key the same way (commands.common.vault_key): passphrase file,
$LOCKER_PASSPHRASE_FILE, terminal, keyring; a byte order mark kept in an old vault's
passphrase; one wording for "a passphrase is needed"."""

from __future__ import annotations

from pathlib import Path

from app.errors import EXIT_AUTH
from app.vault import Vault
from tests.helpers.cli import locker


def _bom_vault(tmp_path: Path, passphrase_file: Path) -> tuple[Path, Path]:
    """A vault made when the byte order mark was still kept in the passphrase."""
    passphrase = passphrase_file.read_text(encoding="utf-8").splitlines()[0]
    bom_file = tmp_path / "bom.txt"
    bom_file.write_bytes(b"\xef\xbb\xbf" + passphrase.encode() + b"\r\n")
    old = tmp_path / "old.locker"
    with Vault.create(old, "\ufeff" + passphrase) as vault:
        (tmp_path / "e.txt").write_bytes(b"evidence")
        vault.add_file(tmp_path / "e.txt")
    return old, bom_file


def test_recover_opens_a_vault_whose_passphrase_kept_the_bom(
    tmp_path: Path, passphrase_file: Path
) -> None:
    old, bom_file = _bom_vault(tmp_path, passphrase_file)
    assert locker("list", old, passphrase_file=bom_file).returncode == 0
    out = locker("recover", old, "--out", tmp_path / "new.locker", passphrase_file=bom_file)
    assert out.returncode == 0, out.stderr
    assert "Recovered 1 items" in out.stdout
    wrong = tmp_path / "wrong.txt"
    wrong.write_bytes(b"\xef\xbb\xbfnot it\n")
    bad = locker("recover", old, "--out", tmp_path / "n2.locker", passphrase_file=wrong)
    assert bad.returncode == EXIT_AUTH and not (tmp_path / "n2.locker").exists()


def test_passphrase_needed_names_every_source(tmp_path: Path, passphrase_file: Path) -> None:
    vault = tmp_path / "v.locker"
    Vault.create(vault, "a passphrase").close()
    runs = {
        "list": locker("list", vault),
        "recover": locker("recover", vault, "--out", tmp_path / "n.locker"),
        "init": locker("init", tmp_path / "w.locker"),
    }
    for name, out in runs.items():
        assert out.returncode == EXIT_AUTH, (name, out.stderr)
        assert "$LOCKER_PASSPHRASE_FILE" in out.stderr, (name, out.stderr)
        assert "--passphrase-file" in out.stderr, (name, out.stderr)


def test_passwd_never_takes_the_new_passphrase_from_the_environment(
    tmp_path: Path, passphrase_file: Path
) -> None:
    """$LOCKER_PASSPHRASE_FILE holds the current passphrase: `passwd` without
    --new-passphrase-file and without a terminal must not "change" it to the same one."""
    passphrase = passphrase_file.read_text(encoding="utf-8").splitlines()[0]
    vault = tmp_path / "v.locker"
    Vault.create(vault, passphrase).close()
    salt = vault.read_bytes()[:16]
    out = locker("passwd", vault, env={"LOCKER_PASSPHRASE_FILE": str(passphrase_file)})
    assert out.returncode == EXIT_AUTH, out.stdout + out.stderr
    assert "--new-passphrase-file" in out.stderr
    assert vault.read_bytes()[:16] == salt  # not re-keyed

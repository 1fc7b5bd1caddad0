"""The CLI starts Argon2id on a thread while the vault code imports (issue 15): the key
it hands over is the key, its errors come out where the caller asks for the key, and a
different passphrase or salt never gets the early key."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.vault import kdf
from tests.helpers.cli import locker

SALT = bytes([kdf.CURRENT_VERSION]) + bytes(range(15))


def test_early_key_is_the_key_and_is_used_once() -> None:
    expected = kdf._derive("pass phrase", SALT)
    kdf.derive_early("pass phrase", SALT)
    assert kdf._early, "a known salt starts a derivation"
    assert kdf.derive_key("pass phrase", SALT) == expected
    assert not kdf._early, "the early key is handed over once, then forgotten"
    # Another passphrase (the byte-order-mark retry) or salt is derived afresh.
    kdf.derive_early("pass phrase", SALT)
    assert kdf.derive_key("other", SALT) != expected
    other_salt = SALT[:-1] + b"\xff"
    assert kdf.derive_key("pass phrase", other_salt) != expected
    assert kdf.derive_key("pass phrase", SALT) == expected
    assert not kdf._early


def test_unknown_salt_starts_nothing_and_errors_stay_with_the_caller() -> None:
    kdf.derive_early("x", bytes([250]) + bytes(15))
    kdf.derive_early("x", b"short")
    assert not kdf._early
    kdf.derive_early_for_file(Path("/nonexistent/vault.locker"), "x")
    assert not kdf._early


def test_a_failing_derivation_raises_in_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(passphrase: str, salt: bytes) -> bytes:
        raise MemoryError("Argon2id could not get its memory")

    monkeypatch.setattr(kdf, "_derive", boom)
    kdf.derive_early("pass phrase", SALT)
    with pytest.raises(MemoryError):
        kdf.derive_key("pass phrase", SALT)
    assert not kdf._early


def test_cli_wrong_passphrase_is_one_line_with_the_early_key(
    tmp_path: Path, passphrase_file: Path
) -> None:
    vault = tmp_path / "v.locker"
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    for command in ("list", "verify", "extract"):
        extra = ["1", "--out", str(tmp_path / "out")] if command == "extract" else []
        # A real process: there the key derivation overlaps the imports.
        done = locker(command, vault, *extra, passphrase_file=wrong, subprocess=True)
        assert done.returncode == 3, done.stderr
        assert done.stderr.count("\n") == 1 and "passphrase is not right" in done.stderr
        assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_derivations_on_two_threads_both_finish() -> None:
    """Derivations at once (the early key and a second passphrase, or two vaults opened
    by GUI workers) all finish: with cryptography's Argon2id two at once never returned."""
    import threading

    keys: dict[str, bytes] = {}

    def run(phrase: str) -> None:
        keys[phrase] = kdf.derive_key(phrase, SALT)

    threads = [threading.Thread(target=run, args=(p,), daemon=True) for p in ("a", "b", "c")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(keys) == ["a", "b", "c"], "a derivation never finished"
    assert len(set(keys.values())) == 3

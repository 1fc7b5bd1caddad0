"""Shared CLI helpers: passphrases, opening vaults, output."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import (
    AuthError,
    NotFound,
    UsageError,
    VaultLocked,
    WrongPassphrase,
    os_failure,
)

if TYPE_CHECKING:
    from app.vault import Vault

PASSPHRASE_ENV = "LOCKER_PASSPHRASE_FILE"
BOM = "\ufeff"


def vault_command(
    sub: Any,
    name: str,
    func: Callable[[argparse.Namespace], int],
    *,
    locked: bool = True,
    passphrases: str = "unlock",
    **parser_args: Any,
) -> argparse.ArgumentParser:
    """A subcommand working on one vault: ``VAULT`` is its first argument and, unless
    ``locked=False`` (no passphrase needed), the passphrase options have their own help
    section: ``passphrases="unlock"`` (the vault's passphrase), ``"new"`` (init: the new
    vault's) or ``"change"`` (passwd: the current one and --new-passphrase-file). Add the
    command's own arguments to the parser returned."""
    parser: argparse.ArgumentParser = sub.add_parser(name, **parser_args)
    new = passphrases == "new"
    where = "the new vault file (it must not exist yet)" if new else "the vault file"
    parser.add_argument("vault", metavar="VAULT", type=Path, help=where)
    parser.set_defaults(func=func)
    if not locked:
        return parser
    if new:
        group = parser.add_argument_group("the new vault's passphrase")
        group.add_argument(
            "--passphrase-file",
            type=Path,
            metavar="FILE",
            help=f"read the new passphrase from FILE (first line); also ${PASSPHRASE_ENV}; "
            "otherwise it is asked twice on the terminal",
        )
    elif passphrases == "change":
        group = parser.add_argument_group("passphrases")
        group.add_argument(
            "--passphrase-file",
            type=Path,
            metavar="FILE",
            help=f"read the current passphrase from FILE (first line); also ${PASSPHRASE_ENV}",
        )
        group.add_argument(
            "--new-passphrase-file",
            type=Path,
            metavar="FILE",
            help="read the new passphrase from FILE (first line); otherwise it is asked "
            "twice on the terminal",
        )
    else:
        add_passphrase_args(parser.add_argument_group("unlocking the vault"))
    return parser


def add_passphrase_args(parser: argparse._ActionsContainer) -> None:
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="FILE",
        help=f"read the passphrase from FILE (first line); also ${PASSPHRASE_ENV}",
    )


def add_json_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="machine-readable JSON output")


def read_secret_file(path: Path, what: str = "passphrase") -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise NotFound(f"The {what} file {path} does not exist.") from exc
    except OSError as exc:
        raise os_failure(exc, f"Cannot read the {what} file {path}", UsageError) from exc
    try:
        text = data.decode("utf-8", errors="strict").split("\n", 1)[0].rstrip("\r")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"The {what} file {path} is not UTF-8 text; save it as UTF-8 "
            "(another encoding would give a different passphrase)."
        ) from exc
    # Windows editors may start a UTF-8 file with a byte order mark; it is not typed.
    text = text.removeprefix(BOM)
    if not text:
        raise AuthError(f"The {what} file {path} is empty.")
    return text


def passphrase_from_args(
    args: argparse.Namespace,
    *,
    confirm: bool = False,
    prompt: str = "Passphrase: ",
    use_env: bool = True,
) -> str | None:
    """The passphrase from --passphrase-file, $LOCKER_PASSPHRASE_FILE (unless ``use_env`` is
    false: a new passphrase is never the one in the environment) or a terminal prompt; None
    when none can be had (no file and no terminal)."""
    file = getattr(args, "passphrase_file", None)
    if file is None and use_env and os.environ.get(PASSPHRASE_ENV):
        file = Path(os.environ[PASSPHRASE_ENV])
    if file is not None:
        return read_secret_file(file)
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass(prompt)
    if confirm:
        if getpass.getpass("Repeat passphrase: ") != first:
            raise UsageError("The two passphrases differ; nothing was created.")
    if not first:
        raise AuthError("An empty passphrase cannot be used.")
    return first


def open_vault(args: argparse.Namespace, *, announce: bool = True) -> Vault:
    """Open the vault; its warnings go to stderr once (``announce=False`` when the command's
    own output carries them, as ``verify`` does)."""
    vault = _open_vault(args)
    if not announce:
        return vault
    if vault.damaged_log is not None:  # opened read-only (app/vault/walcheck.py)
        sys.stderr.write(f"WARNING: {vault.damaged_log.message()}\n")
    if vault.history_warning is not None:  # an older copy put back (app/vault/headseen.py)
        sys.stderr.write(f"WARNING: {vault.history_warning.message()}\n")
        sys.stderr.flush()
    return vault


def _open_vault(args: argparse.Namespace) -> Vault:
    path: Path = args.vault
    if not path.exists():
        raise NotFound(f"No vault at {path}.")
    key = vault_key(args)
    from app.vault import Vault

    return Vault.open(path, key=key)


PASSPHRASE_NEEDED = (
    f"A passphrase is needed: use a terminal, --passphrase-file or ${PASSPHRASE_ENV}."
)


def vault_key(args: argparse.Namespace) -> bytes:
    """The key for ``args.vault`` (which must exist): from the passphrase (file, environment
    or terminal), else from the keyring when remembered; VaultLocked when neither. Every
    command that opens a vault takes its key from here."""
    from app.vault import kdf

    path: Path = args.vault
    passphrase = passphrase_from_args(args)
    if passphrase is not None:
        # Argon2id (~0.2 s) runs on a thread while the vault code imports (~0.1 s).
        kdf.derive_early_for_file(path, passphrase)
    from app.vault import db, store  # noqa: F401 - imported while the key is derived

    if passphrase is None:
        from app.vault import keyring_store

        key = keyring_store.recall(path)
        if key is not None:
            return key
        raise VaultLocked(PASSPHRASE_NEEDED)
    salt = db.read_salt(path)
    key = kdf.derive_key(passphrase, salt)
    if not _file_has_bom(args):
        return key
    try:
        db.check_key(path, key, salt)
    except WrongPassphrase:
        # A vault created before the byte order mark was dropped has it in its passphrase.
        bom_key = kdf.derive_key(BOM + passphrase, salt)
        db.check_key(path, bom_key, salt)  # WrongPassphrase when neither fits
        return bom_key
    return key


def _file_has_bom(args: argparse.Namespace) -> bool:
    file = getattr(args, "passphrase_file", None) or os.environ.get(PASSPHRASE_ENV)
    if not file:
        return False
    try:
        with open(file, "rb") as fh:
            return bool(fh.read(3) == BOM.encode("utf-8"))
    except OSError:
        return False


_JSON_PRINTED: list[bool] = []


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()
    _JSON_PRINTED.append(True)


def json_printed() -> bool:
    """Whether this command already wrote its JSON document (then an error after it
    adds no second one)."""
    return bool(_JSON_PRINTED)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def safe_terminal(text: str) -> str:
    """Neutralise control and bidi-override characters before printing untrusted text."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif (
            code < 0x20
            or code == 0x7F
            or 0x80 <= code < 0xA0
            or 0x202A <= code <= 0x202E
            or 0x2066 <= code <= 0x2069
            or 0xD800 <= code <= 0xDFFF
        ):
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)

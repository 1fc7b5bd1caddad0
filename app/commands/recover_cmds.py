"""`locker recover`: a new vault from everything intact in one with a damaged -wal."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import (
    add_json_arg,
    passphrase_from_args,
    print_json,
    say,
    vault_command,
)
from app.errors import EXIT_OK, NotFound, VaultLocked


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = vault_command(
        sub,
        "recover",
        cmd_recover,
        help="build a new vault from everything intact in a vault "
        "whose leftover write-ahead log (-wal) is damaged; the old files are only read",
    )
    p.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="NEW",
        help="the new vault file (never written over)",
    )
    add_json_arg(p)


def cmd_recover(args: argparse.Namespace) -> int:
    from app.vault import db, kdf
    from app.vault.recover import recover

    path: Path = args.vault
    if not path.exists():
        raise NotFound(f"No vault at {path}.")
    passphrase = passphrase_from_args(args)
    if passphrase is None:
        from app.vault import keyring_store

        key = keyring_store.recall(path)
        if key is None:
            raise VaultLocked("A passphrase is needed: use a terminal or --passphrase-file.")
    else:
        key = kdf.derive_key(passphrase, db.read_salt(path))
    result = recover(path, args.out, key)
    if args.json:
        print_json(result.to_json())
    else:
        say(
            f"Recovered {result.items} items into {result.out} (the damaged vault shows "
            f"{result.items_before}), using {result.method}. It opens with the same "
            "passphrase and was verified; the old vault and its log were not changed."
        )
        say(result.lost.text())
    return EXIT_OK

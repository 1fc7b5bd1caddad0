"""`locker recover`: a new vault from everything intact in one with a damaged -wal."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import (
    add_json_arg,
    print_json,
    say,
    vault_command,
    vault_key,
)
from app.errors import EXIT_OK, NotFound


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
    from app.vault.recover import recover

    path: Path = args.vault
    if not path.exists():
        raise NotFound(f"No vault at {path}.")
    key = vault_key(args)
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

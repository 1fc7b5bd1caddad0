"""`locker ... --help` explains every argument of every subcommand."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from app.cli import build_parser
from tests.helpers.cli import locker


def _commands(
    parser: argparse.ArgumentParser, name: str = "locker"
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                yield from _commands(sub, f"{name} {sub_name}")


def _unexplained(parser: argparse.ArgumentParser) -> list[str]:
    return [
        "/".join(a.option_strings) or str(a.metavar or a.dest)
        for a in parser._actions
        if not isinstance(a, argparse._SubParsersAction)
        and (a.help is None or not str(a.help).strip())
    ]


def test_every_argument_of_every_subcommand_has_help() -> None:
    commands = dict(_commands(build_parser()))
    assert {"locker init", "locker takedown new", "locker verify-bundle"} <= commands.keys()
    missing = {name: bad for name, p in commands.items() if (bad := _unexplained(p))}
    assert missing == {}
    # the check can fail
    bare = argparse.ArgumentParser()
    bare.add_argument("--out")
    assert _unexplained(bare) == ["--out"]


def test_locations_add_help_shows_its_own_arguments() -> None:
    out = locker("locations", "add", "--help")
    assert out.returncode == 0
    assert out.stdout.startswith("usage: locker locations add")
    for word in ("VAULT", "ITEM", "URL", "--platform", "--from-file", "--passphrase-file"):
        assert word in out.stdout
    assert "--item" not in out.stdout  # that one is the list's
    listing = locker("locations", "--help").stdout
    assert listing.startswith("usage: locker locations VAULT") and "--item" in listing


def test_passphrase_options_are_named_for_what_they_open() -> None:
    init = " ".join(locker("init", "--help").stdout.split())
    assert "the new vault's passphrase: --passphrase-file FILE read the new passphrase" in init
    assert "unlocking the vault" not in init
    passwd = " ".join(locker("passwd", "--help").stdout.split())
    assert "passphrases: --passphrase-file FILE read the current passphrase" in passwd
    assert "--new-passphrase-file FILE read the new passphrase" in passwd
    for command in ("verify-bundle", "open-bundle"):
        text = " ".join(locker(command, "--help").stdout.split())
        unseal = text.index("unsealing a sealed bundle")
        vault = text.index("unlocking the vault given with --vault")
        assert unseal < text.index("--seal-passphrase-file F the bundle's seal") < vault
        assert "--passphrase-file FILE read the passphrase" in text[vault:]

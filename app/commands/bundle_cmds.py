"""Bundle commands: identity, export, verify-bundle, open-bundle, import."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from app.commands.common import (
    add_json_arg,
    add_passphrase_args,
    open_vault,
    print_json,
    read_secret_file,
    safe_terminal,
    say,
    vault_command,
)
from app.errors import EXIT_OK, EXIT_VERIFY, LockerError, UsageError

EXPORT_EPILOG = """The bundle is a BagIt bag (RFC 8493) in a zip, signed with the vault's
Ed25519 identity and, by default, sealed in the age format: with a passphrase (asked on
the terminal, or --seal-passphrase-file) or to the recipient's age public key (--to; the
recipient gets it from `locker identity`). --no-encrypt writes a plain signed zip for
channels that are already secure. The standard `age -d` tool can unseal it too."""

SEAL_HELP = "the bundle's seal passphrase in F (first line; not a vault passphrase)"

ACCEPT_HELP = (
    "accept earlier holders whose custody chain is not proven by their own "
    "signature (exit 4 otherwise); they stay marked UNVERIFIED in the report, "
    "the vault and the app"
)

VERIFY_EPILOG = """FILE may also be a folder made by open-bundle. Checks every checksum, the signature, every RFC 3161 token and Merkle proof,
the custody chains, and every exhibit against its custody entry. Nothing is written.
A bag folder zipped again by another tool verifies on the bag's own signature (noted).
Every earlier holder's chain must be proven by that holder's own signature (its earlier
bundle's signed manifests, carried on); an unproven one is UNVERIFIED and fails the check
unless --accept-unverified-holders. A bundle whose chains make claims about items it does
not carry is rejected (5).
Exit 0 when all holds, 4 when something does not verify, 5 for a malformed or hostile
bundle, 3 when the passphrase or key does not open it."""

OPEN_EPILOG = """FILE may also be a folder made by open-bundle. Verifies the bundle first, exactly as
verify-bundle does; only then are its files written into DIR (a new or empty folder, filled
under a temporary name and renamed into place), with VERIFY.txt for checking by hand.
A bundle that does not verify writes nothing unless --force.
Exit 0 when all holds, 4 when something does not verify, 5 for a malformed or hostile
bundle, 3 when the passphrase or key does not open it."""


def register(sub: Any) -> None:
    p = vault_command(
        sub,
        "identity",
        cmd_identity,
        help="print the vault's age public key (for senders) and its signing fingerprint",
    )
    p.add_argument(
        "--export-age-identity",
        type=Path,
        metavar="FILE",
        help="also write the vault's age SECRET key to a new FILE (for `age -d -i`)",
    )
    add_json_arg(p)

    p = vault_command(
        sub,
        "export",
        cmd_export,
        help="export a case or items as a sealed, signed bundle",
        epilog=EXPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="the new bundle file")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--case", metavar="NAME", help="every item of this case")
    what.add_argument(
        "--item",
        nargs="+",
        metavar="ITEM",
        dest="items",
        help="these items (item number, or the start of its id)",
    )
    seal = p.add_mutually_exclusive_group()
    seal.add_argument(
        "--to",
        action="append",
        metavar="AGE_RECIPIENT",
        help="seal to this age public key (age1...); repeatable",
    )
    seal.add_argument(
        "--seal-passphrase-file",
        type=Path,
        metavar="F",
        help="seal with the passphrase in F (first line) the recipient will use; "
        "not the vault's passphrase",
    )
    seal.add_argument("--no-encrypt", action="store_true", help="plain signed zip")
    p.add_argument(
        "--include-archived", action="store_true", help="with --case: archived items too"
    )
    p.add_argument(
        "--reason",
        default="",
        metavar="TEXT",
        help="why and for whom (recorded with the transfer, shown in the report)",
    )
    p.add_argument(
        "--no-stamp",
        action="store_true",
        help="do not ask a TSA to stamp the manifest now (the custody log still queues it)",
    )
    add_json_arg(p)

    for name, helptext in (
        ("verify-bundle", "verify a bundle without importing it"),
        ("open-bundle", "unseal a bundle into a plain BagIt folder"),
    ):
        p = sub.add_parser(
            name,
            help=helptext,
            epilog=VERIFY_EPILOG if name == "verify-bundle" else OPEN_EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.add_argument(
            "file", type=Path, metavar="FILE", help="the bundle (or a folder open-bundle made)"
        )
        if name == "verify-bundle":
            p.add_argument(
                "--stamp",
                type=Path,
                metavar="F",
                help="a stamp file from `stamp-bundle` (default: FILE.stamp.json if present)",
            )
            p.add_argument("--accept-unverified-holders", action="store_true", help=ACCEPT_HELP)
        if name == "open-bundle":
            p.add_argument(
                "--out",
                required=True,
                type=Path,
                metavar="DIR",
                help="a new or empty folder for the bundle's files",
            )
            p.add_argument(
                "--force",
                action="store_true",
                help="write the folder even if verification fails (for inspection)",
            )
        _add_unseal_args(p)
        add_json_arg(p)
        p.set_defaults(func=cmd_verify_bundle if name == "verify-bundle" else cmd_open_bundle)

    p = vault_command(
        sub,
        "stamp-bundle",
        cmd_stamp_bundle,
        help="write FILE.stamp.json: the time-stamp of a bundle exported while "
        "no TSA answered (its export record, once stamped)",
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the bundle this vault exported")

    p = vault_command(
        sub, "import", cmd_import, help="verify a bundle, then import it into a read-only case"
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the bundle to import")
    p.add_argument("--case", metavar="NAME", help="name of the new received case")
    p.add_argument(
        "--identity-file",
        type=Path,
        metavar="F",
        help="extra age identity (the vault's own key is always tried)",
    )
    p.add_argument("--seal-passphrase-file", type=Path, metavar="F", help=SEAL_HELP)
    p.add_argument("--accept-unverified-holders", action="store_true", help=ACCEPT_HELP)
    add_json_arg(p)


def _add_unseal_args(p: argparse.ArgumentParser) -> None:
    bundle = p.add_argument_group("unsealing a sealed bundle")
    bundle.add_argument("--identity-file", type=Path, metavar="F", help="age identity file")
    bundle.add_argument("--seal-passphrase-file", type=Path, metavar="F", help=SEAL_HELP)
    bundle.add_argument(
        "--vault",
        type=Path,
        metavar="VAULT",
        help="unseal with this vault's age key (asks for its passphrase)",
    )
    add_passphrase_args(p.add_argument_group("unlocking the vault given with --vault"))


def _unseal_keys(args: argparse.Namespace, ask: bool = True) -> tuple[str | None, list[Any]]:
    from app.bundle.seal import parse_identities, sealing_of

    passphrase = None
    identities: list[Any] = []
    if getattr(args, "seal_passphrase_file", None):
        passphrase = read_secret_file(args.seal_passphrase_file, "seal passphrase")
    if getattr(args, "identity_file", None):
        identities += parse_identities(read_secret_file_all(args.identity_file))
    if getattr(args, "vault", None):
        with open_vault(args) as vault:
            identities += parse_identities(vault.age_identity())
    if (
        ask
        and passphrase is None
        and not identities
        and sys.stdin.isatty()
        and not args.file.is_dir()
        and sealing_of(args.file) == "passphrase"
    ):
        passphrase = getpass.getpass("Bundle passphrase: ") or None
    return passphrase, identities


def read_secret_file_all(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        from app.errors import NotFound

        raise NotFound(f"The identity file {path} does not exist.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"Cannot read the identity file {path}.") from exc


def cmd_identity(args: argparse.Namespace) -> int:
    from app.vault.identity import age_recipient_of, export_age_identity, fingerprint_of

    with open_vault(args) as vault:
        secret = vault.age_identity()
        recipient = age_recipient_of(secret)
        fingerprint = fingerprint_of(vault.signing_key().public_key())
        if args.export_age_identity:
            export_age_identity(vault, args.export_age_identity)
    if args.json:
        print_json({"age_recipient": recipient, "fingerprint": fingerprint})
    else:
        say(f"age recipient (give to senders):  {recipient}")
        say(f"signing fingerprint (confirm by phone):  {fingerprint}")
    return EXIT_OK


def _sealing(args: argparse.Namespace) -> Any:
    from app.bundle.seal import Sealing, parse_recipients

    if args.no_encrypt:
        return Sealing()
    if args.to:
        parse_recipients(args.to)
        return Sealing(recipients=tuple(t.strip() for t in args.to))
    if args.seal_passphrase_file:
        return Sealing(passphrase=read_secret_file(args.seal_passphrase_file, "seal passphrase"))
    if not sys.stdin.isatty():
        raise UsageError(
            "Choose how to seal the bundle: --to AGE_RECIPIENT, "
            "--seal-passphrase-file F, or --no-encrypt."
        )
    first = getpass.getpass("Passphrase for the bundle: ")
    if not first or getpass.getpass("Repeat it: ") != first:
        raise UsageError("The bundle passphrases are empty or differ; nothing was exported.")
    return Sealing(passphrase=first)


def cmd_export(args: argparse.Namespace) -> int:
    from app.bundle.export import export_bundle, select_items

    sealing = _sealing(args)
    with open_vault(args) as vault:
        items = select_items(vault, args.case, args.items, args.include_archived)
        result = export_bundle(
            vault, args.out, items, sealing, stamp=not args.no_stamp, reason=args.reason
        )
    if args.json:
        print_json(result.to_json())
    else:
        say(
            f"Wrote {result.path} ({result.size} bytes, {len(result.exhibits)} exhibits, "
            f"{result.sealing})."
        )
        say(f"Signed by identity {result.fingerprint} — tell the recipient to confirm it by phone.")
        if result.manifest_timestamp:
            say(f"Manifest time-stamped at {result.manifest_timestamp}.")
        elif args.no_stamp:
            say(
                "Manifest not time-stamped now (--no-stamp); its export record is queued "
                "with the custody log."
            )
        else:
            say("Manifest time-stamp queued with the custody log (no TSA answered now).")
        for problem in result.problems:
            say(f"warning: {safe_terminal(problem)}")
    return EXIT_OK if result.self_check_ok else EXIT_VERIFY


def cmd_verify_bundle(args: argparse.Namespace) -> int:
    from app.bundle.verify import verify_bundle

    passphrase, identities = _unseal_keys(args)
    try:
        report = verify_bundle(args.file, passphrase, identities, stamp_file=args.stamp)
        if args.accept_unverified_holders:
            from app.bundle.holders import accept

            accept(report)
    except LockerError as exc:
        if not args.json:
            raise
        print_json({"ok": False, "error": str(exc), "exit_code": exc.exit_code})
        return exc.exit_code
    if args.json:
        print_json(report.to_json())
    else:
        say("\n".join(safe_terminal(line) for line in report.text().splitlines()))
    return EXIT_OK if report.ok else EXIT_VERIFY


def cmd_open_bundle(args: argparse.Namespace) -> int:
    from app.bundle.opener import open_bundle

    passphrase, identities = _unseal_keys(args)
    report, written = open_bundle(
        args.file, args.out, passphrase=passphrase, identities=identities, force=args.force
    )
    if args.json:
        print_json({"out": str(args.out), "files": len(written), "verification": report.to_json()})
    else:
        say(f"Wrote {len(written)} files to {args.out} (a BagIt bag; see VERIFY.txt there).")
        say(
            f"Signed by identity {report.signer_fingerprint}; verification "
            f"{'passed' if report.ok else 'FAILED'}."
        )
    return EXIT_OK if report.ok else EXIT_VERIFY


def cmd_stamp_bundle(args: argparse.Namespace) -> int:
    from app.bundle.stamp_later import write_stamp

    with open_vault(args) as vault:
        target = write_stamp(vault, args.file)
    say(f"Wrote {target}; send it with the bundle (verify-bundle picks it up).")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from app.bundle.importer import import_bundle
    from app.bundle.seal import parse_identities

    passphrase = (
        read_secret_file(args.seal_passphrase_file, "seal passphrase")
        if args.seal_passphrase_file
        else None
    )
    identities = (
        parse_identities(read_secret_file_all(args.identity_file)) if args.identity_file else []
    )
    with open_vault(args) as vault:
        if passphrase is None and sys.stdin.isatty() and not args.file.is_dir():
            from app.bundle.seal import sealing_of

            if sealing_of(args.file) == "passphrase":
                passphrase = getpass.getpass("Bundle passphrase: ") or None
        result = import_bundle(
            vault,
            args.file,
            passphrase=passphrase,
            identities=identities,
            case=args.case,
            accept_unverified_holders=args.accept_unverified_holders,
        )
    if args.json:
        print_json(result.to_json())
    else:
        new = sum(1 for i in result.items if not i.get("already_held"))
        say(f"Imported {new} exhibits into the read-only case '{safe_terminal(result.case)}'.")
        say(f"Sent by identity {result.sender_fingerprint} — confirm it with the sender by phone.")
        for holder in result.report.unverified_holders if result.report else []:
            say(
                f"UNVERIFIED earlier holder {holder['fingerprint']} (accepted): "
                f"{safe_terminal(str(holder['reason']))}"
            )
        for item in result.items:
            if item.get("already_held"):
                say(
                    f"{item['id']}\t{item['exhibit']}\talready held in case "
                    f"'{safe_terminal(str(item['case']))}'\t{safe_terminal(str(item['title']))}"
                )
            else:
                say(
                    f"{item['id']}\t{item['exhibit']}\t{item['sha256']}\t"
                    f"{safe_terminal(str(item['title']))}"
                )
    return EXIT_OK

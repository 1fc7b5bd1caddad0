"""Vault commands: init, add, list, show, log, verify, archive, unarchive, note, tag,
extract, thumbnail, backup, passwd, remember, forget."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.atomic import write_new_file
from app.commands.common import (
    PASSPHRASE_ENV,
    PASSPHRASE_NEEDED,
    add_json_arg,
    open_vault,
    passphrase_from_args,
    print_json,
    safe_terminal,
    say,
    vault_command,
)
from app.errors import EXIT_FAILURE, EXIT_OK, EXIT_VERIFY, AuthError, UsageError

ITEM_HELP = "item number, or the start of its id"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    vault_command(sub, "init", cmd_init, passphrases="new", help="create a new vault")

    p = vault_command(sub, "add", cmd_add, help="add files or folders, each as an item (bit-exact)")
    p.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="files or folders to add (folders: every file)",
    )
    p.add_argument("--case", default="General", help="case name (default: General)")
    p.add_argument("--note", help="a note added to every item")
    p.add_argument("--source-url", help="where the files came from")

    p = vault_command(sub, "list", cmd_list, help="list items (archived ones only with --archived)")
    p.add_argument("--case", metavar="NAME", help="only items of this case")
    p.add_argument("--archived", action="store_true", help="list archived items instead")
    add_json_arg(p)

    p = vault_command(
        sub, "show", cmd_show, help="show one item: metadata, hashes, custody, timestamps"
    )
    p.add_argument("item", metavar="ITEM", help=ITEM_HELP)
    add_json_arg(p)

    p = vault_command(sub, "log", cmd_log, help="print the custody log")
    p.add_argument("--item", metavar="ITEM", help="only events of this item")
    add_json_arg(p)

    p = vault_command(
        sub, "verify", cmd_verify, help="verify everything: storage, hashes, chain, tokens"
    )
    p.add_argument(
        "--accept-history",
        action="store_true",
        help="this vault is older than (or differs from) the copy this computer "
        "last saw, and you know why (you restored a backup): record that in the "
        "custody log and stop warning",
    )
    add_json_arg(p)

    p = vault_command(
        sub, "archive", cmd_archive, help="archive an item (hidden from lists, never deleted)"
    )
    p.add_argument("item", metavar="ITEM", help=ITEM_HELP)
    p.add_argument("--reason", required=True, metavar="TEXT", help="why (kept in the custody log)")

    p = vault_command(sub, "unarchive", cmd_unarchive, help="bring an archived item back")
    p.add_argument("item", metavar="ITEM", help=ITEM_HELP)

    p = vault_command(
        sub, "note", cmd_note, help="add a note to an item (notes are never overwritten)"
    )
    p.add_argument("item", metavar="ITEM", help=ITEM_HELP)
    p.add_argument("text", metavar="TEXT", help="the note (quote it when it has spaces)")

    p = vault_command(sub, "tag", cmd_tag, help="add (or with --remove, remove) a tag")
    p.add_argument("item", metavar="ITEM", help=ITEM_HELP)
    p.add_argument("tag", metavar="TAG", help="the tag")
    p.add_argument("--remove", action="store_true", help="remove the tag (recorded as a new entry)")

    p = vault_command(
        sub, "extract", cmd_extract, help="write an item's original files (bit-exact) to DIR"
    )
    p.add_argument("item", metavar="ITEM", help=ITEM_HELP)
    p.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="DIR",
        help="folder to write into (the files are new; nothing is overwritten)",
    )

    p = vault_command(
        sub, "thumbnail", cmd_thumbnail, help="write the blurred thumbnail the app shows"
    )
    p.add_argument("item", metavar="ITEM", help=ITEM_HELP)
    p.add_argument("--out", required=True, type=Path, metavar="FILE.png", help="the new PNG file")

    p = vault_command(
        sub, "backup", cmd_backup, help="write a verified encrypted copy (same passphrase)"
    )
    p.add_argument("dest", metavar="DEST", help="a folder (DEST/ must exist) or a new file name")

    vault_command(
        sub,
        "passwd",
        cmd_passwd,
        passphrases="change",
        help="change the passphrase (re-keys the vault)",
    )

    vault_command(
        sub,
        "remember",
        cmd_remember,
        help="remember this vault's key in the OS "
        "keyring (off by default; do not use on a shared computer)",
    )
    vault_command(
        sub, "forget", cmd_forget, locked=False, help="remove this vault's key from the OS keyring"
    )


def cmd_init(args: argparse.Namespace) -> int:
    passphrase = passphrase_from_args(args, confirm=True, prompt="New passphrase: ")
    if passphrase is None:
        raise AuthError(PASSPHRASE_NEEDED)
    from app.vault import Vault

    vault = Vault.create(args.vault, passphrase)
    try:
        from app.vault.identity import fingerprint_of

        fp = fingerprint_of(vault.signing_key().public_key())
    finally:
        vault.close()
    say(f"Created vault {args.vault} (identity {fp}).")
    say("Keep the passphrase safe: it cannot be recovered if forgotten.")
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    from app.capture.files import import_files

    failures = 0

    def report(result):  # type: ignore[no-untyped-def]
        nonlocal failures
        if result.item is not None:
            say(f"{result.item.id}\t{result.item.sha256}\t{safe_terminal(str(result.path))}")
        else:
            failures += 1
            say(f"error\t{safe_terminal(str(result.path))}\t{result.error}")

    with open_vault(args) as vault:
        import_files(
            vault,
            args.files,
            case=args.case,
            note=args.note,
            source_url=args.source_url,
            on_result=report,
        )
    return EXIT_FAILURE if failures else EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        items = vault.list_items(case=args.case, archived=args.archived)
        if args.json:
            print_json([i.summary_json() for i in items])
        else:
            for i in items:
                say(
                    f"{i.id}\t{i.captured_at}\t{i.case}\t{i.kind}\t{i.sha256}\t"
                    f"{safe_terminal(i.title)}"
                )
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from app.services.item_details import item_details

    with open_vault(args) as vault:
        data = item_details(vault, args.item)
        if args.json:
            print_json(data)
            return EXIT_OK
        for key in (
            "id",
            "uid",
            "case",
            "kind",
            "title",
            "source_url",
            "captured_at",
            "created_at",
            "archived",
            "archived_reason",
            "preview",
        ):
            say(f"{key:16} {safe_terminal(str(data.get(key)))}")
        for art in data["artifacts"]:
            say(
                f"artifact         {art['role']}: {art['sha256']}  {art['size']} bytes  "
                f"{safe_terminal(art['name'])}"
            )
        for note in data["notes"]:
            say(f"note             {safe_terminal(note)}")
        for ev in data["custody"]:
            say(f"custody          #{ev['seq']} {ev['at']} {ev['event']}")
        for b in data.get("received", {}).get("bundles", []):
            say(
                f"received         {b['imported_at']} as {b['exhibit']} from {b['sender_fingerprint']}"
            )
        for ev in data.get("received", {}).get("sender_history", []):
            flag = "" if ev.get("holder_verified", True) else " [UNVERIFIED holder]"
            say(
                f"sender custody   {ev['at']} {ev['event']} (vault {str(ev['vault_id'])[:8]}…){flag}"
            )
        for u in data.get("received", {}).get("unverified_holders", []):
            say(
                f"UNVERIFIED       earlier holder {safe_terminal(str(u.get('fingerprint')))}: "
                f"{safe_terminal(str(u.get('reason')))}"
            )
        for ts in data.get("timestamps", []):
            say(
                f"timestamp        {ts.get('status')} {ts.get('gen_time') or ''} "
                f"{safe_terminal(str(ts.get('tsa') or ''))}"
            )
    return EXIT_OK


def cmd_log(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        events = vault.custody_log(args.item)
        if args.json:
            print_json([e.to_json() for e in events])
        else:
            for e in events:
                say(f"#{e.seq}\t{e.at}\t{e.event}\t{e.item_uid or '-'}\t{e.entry_hash}")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from app.vault.verify_record import verify_and_record

    with open_vault(args, announce=False) as vault:  # the report carries the warnings
        accepting = args.accept_history and vault.history_warning is not None
        report = verify_and_record(vault, accept_history=args.accept_history)
        if accepting:
            say(
                "Recorded in the custody log that this vault's history is behind what this "
                "computer saw; it will not warn again for that gap."
            )
        if args.json:
            print_json(report.to_json())
        else:
            say(report.text())
    return EXIT_OK if report.ok else EXIT_VERIFY


def cmd_archive(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        vault.archive(args.item, args.reason)
    say(f"Archived item {args.item} (kept, hidden from lists; see `list --archived`).")
    return EXIT_OK


def cmd_unarchive(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        vault.unarchive(args.item)
    say(f"Item {args.item} is back in the main list.")
    return EXIT_OK


def cmd_note(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        vault.add_note(args.item, args.text)
    return EXIT_OK


def cmd_tag(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        (vault.remove_tag if args.remove else vault.add_tag)(args.item, args.tag)
    return EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    from app.services.extract import extract_item

    with open_vault(args) as vault:
        for path in extract_item(vault, args.item, args.out):
            say(str(path))
    return EXIT_OK


def cmd_thumbnail(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        png = vault.thumbnail(args.item)
        if png is None:
            raise UsageError(vault.get_item(args.item).preview_note or "No preview for this item.")
    import io

    final = write_new_file(args.out, io.BytesIO(png)) if not args.out.exists() else None
    if final is None:
        raise UsageError(f"{args.out} already exists; choose another name.")
    say(str(final))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from app.vault.maintenance import backup

    with open_vault(args) as vault:
        dest = backup(vault, args.dest)
    say(f"Backup written and verified: {dest}")
    return EXIT_OK


def cmd_passwd(args: argparse.Namespace) -> int:
    from app.commands.common import read_secret_file
    from app.vault import keyring_store
    from app.vault.maintenance import change_passphrase

    vault = open_vault(args)
    try:
        old_salt = vault.key_material[1]
        if args.new_passphrase_file:
            new = read_secret_file(args.new_passphrase_file, "new passphrase")
        else:
            ns = argparse.Namespace(passphrase_file=None)
            new = passphrase_from_args(  # type: ignore[assignment]
                ns, confirm=True, prompt="New passphrase: ", use_env=False
            )
            if not new:
                raise AuthError(
                    "A new passphrase is needed: use a terminal or --new-passphrase-file "
                    f"(${PASSPHRASE_ENV} holds the current one only)."
                )
        vault = change_passphrase(vault, new)
    finally:
        vault.close()
    say("Passphrase changed.")
    # The old entry would still open backups made before the change (they keep the old salt).
    forgotten = keyring_store.forget_salt(old_salt)
    if forgotten == "removed":
        say(
            "The key remembered on this device for the old passphrase was removed; "
            "`locker remember` stores the new one."
        )
    elif forgotten == "failed":
        sys.stderr.write(
            "WARNING: the key remembered on this device for the old passphrase could not be "
            "removed from the keyring (is it locked?); it still opens backups made before "
            "this change. Unlock the keyring and run `locker forget` on such a backup.\n"
        )
    return EXIT_OK


def cmd_remember(args: argparse.Namespace) -> int:
    from app.vault import keyring_store

    with open_vault(args) as vault:
        key, salt = vault.key_material
        keyring_store.remember(vault.path, key, salt)
    say(
        "This vault now opens on this device without the passphrase. Anyone using this "
        "computer account can open it. Undo with `locker forget`."
    )
    return EXIT_OK


def cmd_forget(args: argparse.Namespace) -> int:
    from app.vault import keyring_store

    keyring_store.forget(args.vault)
    say("This device no longer remembers the vault.")
    return EXIT_OK

"""Takedown commands (issue 14): locations, takedown (new, notice, mark, list, hashes),
recheck, similar. Nothing is ever submitted automatically; re-checks fetch only the page."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.commands.common import (
    add_json_arg,
    add_passphrase_args,
    open_vault,
    print_json,
    safe_terminal,
    say,
    vault_command,
)
from app.errors import EXIT_OK, NotFound, UsageError


class _LocationsHelp(argparse.Action):
    """``-h`` of ``locations``: `add` is a word of that command, not a subparser (so that
    ``locations VAULT`` lists), and by the time ``-h`` is read the words before it are
    parsed: ``locations add --help`` prints the help of `add`, with its own arguments."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        self.add_help = kwargs.pop("add_help")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: Any, namespace: Any, values: Any, option: Any = None) -> None:
        words = getattr(namespace, "words", None) or []
        (self.add_help if words[:1] == ["add"] else parser).print_help()
        parser.exit()


def _locations_parsers(sub: Any) -> argparse.ArgumentParser:
    """`locations` (list, or `add ...` as its first word) and, for its help only, a
    parser of `locations add` with the same options."""
    add = argparse.ArgumentParser(
        prog="locker locations add",
        description="Record where the material was seen: URL (or every URL in "
        "--from-file) as a location of ITEM.",
        add_help=False,
    )
    add.add_argument("vault", metavar="VAULT", help="the vault file")
    add.add_argument("item", metavar="ITEM", help="item number, or the start of its id")
    add.add_argument("url", metavar="URL", nargs="?", help="where it was seen")
    p = sub.add_parser(
        "locations",
        help="where the material was seen: list, or `locations add VAULT ITEM URL`",
        usage="locker locations VAULT [--item ID] [--json]\n"
        "       locker locations add VAULT ITEM [URL] [--platform P] [--from-file FILE]",
        add_help=False,
    )
    p.add_argument(
        "words",
        nargs="+",
        metavar="VAULT | add VAULT ITEM URL",
        help="the vault file to list its locations, or `add` and what to add "
        "(`locker locations add --help`)",
    )
    for parser in (p, add):
        parser.add_argument(
            "-h", "--help", action=_LocationsHelp, add_help=add, help="show this help and exit"
        )
        if parser is p:
            parser.add_argument("--item", metavar="ITEM", help="list: only this item's locations")
        parser.add_argument("--platform", help="add: platform of the URL (default: from its host)")
        parser.add_argument(
            "--from-file",
            type=Path,
            metavar="FILE",
            help="add: every URL in FILE (one per line, # starts a comment)",
        )
        add_json_arg(parser)
        add_passphrase_args(parser.add_argument_group("unlocking the vault"))
    p.set_defaults(func=cmd_locations)
    return add


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    _locations_parsers(sub)

    p = sub.add_parser("takedown", help="takedown requests: new, notice, mark, list, hashes")
    tsub = p.add_subparsers(dest="takedown_command", metavar="ACTION", parser_class=type(p))
    t = vault_command(
        tsub,
        "new",
        cmd_new,
        help="a request covering the items' locations on one platform (prints the request id)",
    )
    t.add_argument("items", nargs="+", metavar="ITEM", help="the items the request covers")
    t.add_argument("--platform", required=True, help="the platform asked (see `locker locations`)")
    t.add_argument(
        "--basis",
        required=True,
        choices=("tida", "dsa", "kr", "other"),
        help="what the request rests on: US TAKE IT DOWN Act, EU DSA Art. 16, Korean law, other",
    )
    t.add_argument("--url", action="append", default=[], help="another location (repeatable)")
    t.add_argument("--channel", help="how it is sent (default: from the platform data)")

    t = vault_command(
        tsub, "notice", cmd_notice, help="write the notice (.txt, .eml or .pdf); never sends it"
    )
    t.add_argument("request", metavar="REQ", help="the request id (`takedown list`)")
    t.add_argument("--lang", required=True, choices=("ko", "en"), help="language of the notice")
    t.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="FILE",
        help="the new notice file; its ending (.txt, .eml, .pdf) picks the format",
    )
    t.add_argument("--name", default="", help="name of the person making the request")
    t.add_argument("--email", default="", help="your email address, for the reply")
    t.add_argument("--contact", default="", help="address or phone")
    t.add_argument("--on-behalf-of", default="", help="the depicted person, when acting for her")
    t.add_argument("--explanation", default="", help="more explanation in your own words")

    t = vault_command(tsub, "mark", cmd_mark, help="record what happened to a request")
    t.add_argument("request", metavar="REQ", help="the request id (`takedown list`)")
    t.add_argument(
        "status",
        choices=("submitted", "acknowledged", "removed", "refused", "partial"),
        help="what happened",
    )
    t.add_argument("--ref", help="the platform's case or reference number")
    t.add_argument("--note", help="a note kept with the status")

    t = vault_command(tsub, "list", cmd_list, help="requests with status, deadline and next step")
    t.add_argument("--case", metavar="NAME", help="only requests about items of this case")
    add_json_arg(t)

    t = vault_command(
        tsub, "hashes", cmd_hashes, help="export PDQ hashes (no images) for a platform or hotline"
    )
    t.add_argument("--item", action="append", default=[], help="only these items (repeatable)")
    t.add_argument("--out", required=True, type=Path, metavar="FILE", help="the new hash list file")

    p = vault_command(
        sub, "recheck", cmd_recheck, help="re-check locations (page only: no images or scripts)"
    )
    p.add_argument("--item", action="append", default=[], help="this item's locations (repeatable)")
    p.add_argument("--all", action="store_true", help="every location (the default)")
    p.add_argument(
        "--keep-page",
        action="store_true",
        help="store a page that says the material is gone as evidence (time-stamped)",
    )
    add_json_arg(p)

    p = vault_command(
        sub, "similar", cmd_similar, help="items whose images look like FILE (PDQ, distance <= 31)"
    )
    p.add_argument("file", metavar="FILE", type=Path, help="an image file to compare with")
    add_json_arg(p)


def _urls_from_file(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise NotFound(f"No file {path}.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"Cannot read {path} as UTF-8 text.") from exc
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]


def _loc_line(loc: Any) -> str:
    check = loc.last_check or {}
    when = f" (checked {check['at']})" if check else ""
    return safe_terminal(f"{loc.id:>4}  {loc.platform:<12} {loc.status:<12} {loc.url}{when}")


def cmd_locations(args: argparse.Namespace) -> int:
    from app.takedown import model

    words = list(args.words)
    if words[0] == "add" and len(words) in (3, 4):
        args.vault = Path(words[1])
        urls = [words[3]] if len(words) == 4 else []
        if args.from_file:
            urls += _urls_from_file(args.from_file)
        if not urls:
            raise UsageError("Give a URL or --from-file FILE.")
        with open_vault(args) as vault:
            added = [
                model.add_location(
                    vault,
                    words[2],
                    u,
                    args.platform,
                    "file" if args.from_file and u not in words[3:] else "manual",
                )
                for u in urls
            ]
            if args.json:
                print_json({"ok": True, "locations": [loc.to_json() for loc in added]})
            else:
                for loc in added:
                    say(_loc_line(loc))
        return EXIT_OK
    if len(words) != 1:
        raise UsageError(
            "Use: locker locations VAULT [--item ID] or locker locations add VAULT ITEM URL."
        )
    args.vault = Path(words[0])
    with open_vault(args) as vault:
        locs = model.list_locations(vault, item=args.item)
        if args.json:
            print_json({"ok": True, "locations": [loc.to_json() for loc in locs]})
        else:
            for loc in locs:
                say(_loc_line(loc))
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from app.takedown import model

    with open_vault(args) as vault:
        req = model.new_request(
            vault, args.platform, args.basis, args.items, args.url, args.channel
        )
    say(str(req.id))
    return EXIT_OK


def cmd_notice(args: argparse.Namespace) -> int:
    from app.takedown.notices import Sender, write_notice

    sender = Sender(args.name, args.email, args.contact, args.on_behalf_of, args.explanation)
    with open_vault(args) as vault:
        final = write_notice(vault, args.request, args.lang, args.out, sender)
    say(f"notice written to {safe_terminal(str(final))}; it was not sent: submit it yourself.")
    return EXIT_OK


def cmd_mark(args: argparse.Namespace) -> int:
    from app.takedown import model

    with open_vault(args) as vault:
        req = model.mark(vault, args.request, args.status, args.ref, args.note)
    say(
        safe_terminal(
            f"request {req.id}: {req.status}"
            + (
                f", respond by {req.deadline}"
                if req.deadline and args.status == "submitted"
                else ""
            )
        )
    )
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from app.takedown import model

    with open_vault(args) as vault:
        reqs = model.list_requests(vault, args.case)
        if args.json:
            print_json({"ok": True, "requests": [r.to_json() for r in reqs]})
            return EXIT_OK
        for r in reqs:
            late = "  OVERDUE" if r.overdue() else ""
            say(
                safe_terminal(
                    f"{r.id:>4}  {r.platform:<12} {r.basis:<5} {r.status:<12} "
                    f"{len(r.locations)} URL(s)  ref {r.reference or '-'}  "
                    f"deadline {r.deadline or '-'}{late}"
                )
            )
            say(safe_terminal(f"      next: {r.next_step()}"))
    return EXIT_OK


def cmd_hashes(args: argparse.Namespace) -> int:
    from app.takedown.hash_export import export_hash_list

    with open_vault(args) as vault:
        final, lines = export_hash_list(vault, args.out, args.item or None)
    say(f"{lines} PDQ hash(es) written to {safe_terminal(str(final))} (no images).")
    return EXIT_OK


def cmd_recheck(args: argparse.Namespace) -> int:
    from app.takedown.recheck import recheck

    with open_vault(args) as vault:
        results = recheck(vault, [] if args.all else args.item, keep_pages=args.keep_page)
    if args.json:
        print_json({"ok": True, "checks": results})
        return EXIT_OK
    for r in results:
        change = f"  -> {r['status_change']}" if r["status_change"] else ""
        if r["evidence_item"]:
            change += f"  (page kept as item {r['evidence_item']})"
        say(
            safe_terminal(
                f"{r['location']:>4}  {r['classification']:<10} "
                f"{r['http_status'] or '-'}  {r['url']}{change}"
            )
        )
    if not results:
        say("no locations to check")
    return EXIT_OK


def cmd_similar(args: argparse.Namespace) -> int:
    from app.takedown.pdq import similar

    with open_vault(args) as vault:
        found = similar(vault, args.file)
    if args.json:
        print_json({"ok": True, **found})
        return EXIT_OK
    if found["low_quality"]:
        say(
            f"warning: the file's PDQ quality is {found['file_quality']} (< 50): matches are unreliable"
        )
    for m in found["matches"]:
        say(f"item {m['item']}  distance {m['distance']}  {m['role']}  {m['uid']}")
    if not found["matches"]:
        say("no similar items")
    return EXIT_OK

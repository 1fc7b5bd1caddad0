"""Capture commands: capture-url (web pages, batch) and screenshot."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path
from typing import Any

from app.commands.common import (
    add_json_arg,
    open_vault,
    print_json,
    safe_terminal,
    say,
    vault_command,
)
from app.errors import EXIT_FAILURE, EXIT_OK, UsageError

CAPTURE_URL_HELP = """Capture web pages into the vault. Each URL becomes one item with a
full-page PNG, MHTML, PDF and the visible text, plus its metadata (both URLs, title, HTTP
status, UTC time, viewport, user agent, app version). A URL that serves a file (an image,
a video, a PDF) stores that file as the original.

One line is printed per URL as soon as its item is stored:
  ITEM-ID<TAB>SHA-256 of the PNG (or of the file)<TAB>FINAL-URL
and for a URL that failed:
  error<TAB>URL<TAB>why
When the PNG does not hold the whole page (cut at the maximum height, images that never
loaded, a scrolling box that could not be expanded, a page that never settled), a line
  partial<TAB>ITEM-ID<TAB>reasons
follows on stderr; the item's metadata records the same (screenshot.full_page false,
partial_reasons). Before rendering, each page is scrolled through and watched until it
is quiet (requests, images, fonts, timers, DOM; 12 s at most plus --settle), then frozen so
the PNG, text, PDF and MHTML show one moment. --wait-for waits for a text or CSS selector
(a page that shows its content late), --settle S watches the page at least S seconds.
With --json each line is a JSON object instead (with full_page and partial_reasons).
The exit code is 1 when any URL failed (after capturing all the others); failures never
leave anything in the vault. Ctrl+C
stops the batch (exit code 130): the items already listed stay stored."""

SCREENSHOT_HELP = """Capture the screen as a PNG original: the whole desktop (default), one
screen, one window (X11) or a region in desktop coordinates. Needs a desktop session;
without a display it refuses rather than store a blank picture. Prints
ITEM-ID<TAB>SHA-256<TAB>WIDTHxHEIGHT."""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = vault_command(
        sub,
        "capture-url",
        cmd_capture_url,
        help="capture web pages (full-page PNG, MHTML, PDF, text)",
        description=CAPTURE_URL_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("urls", nargs="*", metavar="URL", help="web addresses (http:// or https://)")
    p.add_argument(
        "--from-file",
        type=Path,
        metavar="LIST.txt",
        help="read URLs from a file, one per line (# starts a comment)",
    )
    p.add_argument("--case", default="General", help="case name (default: General)")
    p.add_argument("--note", help="a note added to every item")
    p.add_argument(
        "--timeout",
        type=float,
        default=45.0,
        metavar="S",
        help="deadline in seconds for loading each URL, and for downloading "
        "the file it serves, whole (default: 45)",
    )
    p.add_argument(
        "--wait-for",
        default="",
        metavar="TEXT|SELECTOR",
        help="before rendering, wait until this text or CSS selector appears",
    )
    p.add_argument(
        "--settle",
        type=float,
        default=0.0,
        metavar="S",
        help="watch each page at least S seconds after it loaded (default: 0)",
    )
    add_json_arg(p)

    p = vault_command(
        sub,
        "screenshot",
        cmd_screenshot,
        help="capture the screen, one screen, a window or a region",
        description=SCREENSHOT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument("--screen", type=int, metavar="N", help="only screen N (see --list-screens)")
    where.add_argument("--region", metavar="X,Y,W,H", help="a region in desktop pixels")
    where.add_argument(
        "--window", type=int, metavar="ID", help="one window (X11; see --list-windows)"
    )
    p.add_argument(
        "--delay",
        type=float,
        default=0.0,
        metavar="S",
        help="wait S seconds first (to bring the right window forward)",
    )
    p.add_argument("--case", default="General", help="case name (default: General)")
    p.add_argument("--note", help="a note added to the item")
    p.add_argument(
        "--list-screens",
        action="store_true",
        help="list the screens and their numbers; capture nothing",
    )
    p.add_argument(
        "--list-windows",
        action="store_true",
        help="list the windows and their ids (X11); capture nothing",
    )
    add_json_arg(p)


def cmd_capture_url(args: argparse.Namespace) -> int:
    from app.capture.batch import (
        DONE,
        FAILED,
        BatchCapture,
        BatchEntry,
        parse_url_list,
        read_url_file,
    )

    urls = parse_url_list("\n".join(args.urls))
    if args.from_file is not None:
        urls += [u for u in read_url_file(args.from_file) if u not in urls]
    if not urls:
        raise UsageError("Give at least one URL, or --from-file LIST.txt.")
    if not 0 < args.timeout <= 600:
        raise UsageError("--timeout must be between 0 and 600 seconds.")
    if not 0 <= args.settle <= 120:
        raise UsageError("--settle must be between 0 and 120 seconds.")
    with open_vault(args) as vault:
        from app.capture import spool
        from app.capture.qt_app import ensure_app

        ensure_app()
        spool.sweep_stale()

        def report(entry: BatchEntry) -> None:
            if entry.state == DONE:
                if args.json:
                    _json_line(
                        {
                            "url": entry.url,
                            "ok": True,
                            "item": entry.item_id,
                            "sha256": entry.sha256,
                            "final_url": entry.final_url,
                            "full_page": not entry.partial,
                            "partial_reasons": entry.partial,
                            "settle": entry.settle_note,
                        }
                    )
                else:
                    say(f"{entry.item_id}\t{entry.sha256}\t{safe_terminal(entry.final_url)}")
                    if entry.partial:
                        sys.stderr.write(
                            f"partial\t{entry.item_id}\t"
                            + safe_terminal("; ".join(entry.partial) + f" ({entry.settle_note})")
                            + "\n"
                        )
                        sys.stderr.flush()
            elif entry.state == FAILED:
                if args.json:
                    _json_line({"url": entry.url, "ok": False, "error": entry.error})
                else:
                    say(f"error\t{safe_terminal(entry.url)}\t{safe_terminal(entry.error)}")

        batch = BatchCapture(
            vault,
            args.case,
            args.note,
            timeout_s=args.timeout,
            settle_s=args.settle,
            wait_for=args.wait_for,
        )
        batch.entryChanged.connect(report)
        interrupted = _cancel_on_interrupt(batch)
        batch.start(urls)
        try:
            batch.wait()
        finally:
            batch.shutdown()
            signal.signal(signal.SIGINT, signal.default_int_handler)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
        failed = sum(1 for e in batch.entries if e.state != DONE)
    if interrupted:
        sys.stderr.write(
            "locker: interrupted; the items listed above are stored, nothing partial was kept.\n"
        )
        return 128 + interrupted[0]  # 130 for Ctrl+C, 143 for SIGTERM
    return EXIT_FAILURE if failed else EXIT_OK


def _cancel_on_interrupt(batch: Any) -> list[int]:
    """Ctrl+C and SIGTERM cancel the batch cleanly (Qt's event loop would otherwise
    swallow Ctrl+C, and SIGTERM would end the process with a partial download left in
    the spool folder). Returns a list that gets the signal number once interrupted."""
    from PySide6.QtCore import QTimer

    flag: list[int] = []

    def handler(signum: int, _frame: object) -> None:
        flag.append(signum)
        batch.cancel()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
    # Python runs signal handlers only between bytecodes: wake it up regularly.
    ticker = QTimer(batch)
    ticker.timeout.connect(lambda: None)
    ticker.start(200)
    return flag


def _json_line(data: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def cmd_screenshot(args: argparse.Namespace) -> int:
    from app.capture.qt_app import ensure_app
    from app.capture.screenshot import (
        describe_screens,
        parse_region,
        store_screenshot,
        take_screenshot,
    )

    region = parse_region(args.region) if args.region else None
    if args.list_windows:
        ensure_app()
        from app.capture.windows import list_windows, windows_supported

        if not windows_supported():
            raise UsageError("Listing windows needs an X11 desktop; use --screen or --region.")
        windows = list_windows()
        if args.json:
            print_json([w.__dict__ for w in windows])
        else:
            for w in windows:
                say(f"{w.id}\t{w.width}x{w.height}+{w.x}+{w.y}\t{safe_terminal(w.title)}")
        return EXIT_OK
    if args.list_screens:
        ensure_app()
        screens = describe_screens()
        if args.json:
            print_json(screens)
        else:
            for s in screens:
                say(
                    f"{s['number']}\t{s['width']}x{s['height']}+{s['x']}+{s['y']}\t"
                    f"{safe_terminal(s['name'])}"
                )
        return EXIT_OK
    with open_vault(args) as vault:
        ensure_app()
        shot = take_screenshot(
            screen=args.screen, region=region, window_id=args.window, delay=args.delay
        )
        item = store_screenshot(vault, shot, args.case, args.note)
        if args.json:
            print_json(item.to_json())
        else:
            say(f"{item.id}\t{item.sha256}\t{shot.width}x{shot.height}")
    return EXIT_OK

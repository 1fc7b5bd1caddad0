"""The `locker` command. Subcommands live in app/commands/; each error is one line on
stderr and a documented exit code, never a traceback."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from app import __version__, atomic, extensions
from app.errors import EXIT_CODES_HELP, EXIT_FAILURE, EXIT_USAGE, LockerError
from app.hardening import no_core_dumps

DESCRIPTION = """Evidence Locker: preserve evidence in an encrypted vault with trusted
timestamps and a tamper-evident custody log. Run without arguments to start the app.

Passphrases are asked on the terminal; for scripts use --passphrase-file FILE or the
environment variable LOCKER_PASSPHRASE_FILE. Nothing is ever deleted: items are archived."""


def _safe(text: str) -> str:
    """Error text can quote hostile input (file names, item ids, URLs): never let it
    reach the terminal as control or bidi characters."""
    from app.commands.common import safe_terminal

    return safe_terminal(text)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"locker: error: {_safe(message)}\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="locker",
        description=DESCRIPTION,
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"locker {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    # In help order. Each module imports its heavy dependencies only when its command runs.
    from app.commands import (
        bundle_cmds,
        capture_cmds,
        recover_cmds,
        takedown_cmds,
        timestamp_cmds,
        vault_cmds,
    )

    for module in (
        vault_cmds,
        recover_cmds,
        capture_cmds,
        timestamp_cmds,
        bundle_cmds,
        takedown_cmds,
    ):
        module.register(sub)
    return parser


def _start_gui() -> int:
    from app.capture import qt_refcount
    from app.ui.main import run_app

    qt_refcount.install()  # before any signal is emitted: see app/capture/qt_refcount.py
    return int(run_app(sys.argv[:1]))


def main(argv: Sequence[str] | None = None) -> int:
    no_core_dumps()  # first: no core file with decrypted evidence (see app/hardening.py)
    extensions.register()  # every schema step and verify check, before any vault opens
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv:
        if os.environ.get("LOCKER_NO_GUI") != "1":
            return _start_gui()
        parser.print_help()
        return 0
    args = parser.parse_args(argv)
    # Said once per drive, e.g. that a USB stick cannot keep files private (app.atomic).
    atomic.set_notice_handler(lambda text: sys.stderr.write(f"locker: {_safe(text)}\n"))
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except LockerError as exc:
        sys.stderr.write(f"locker: {_safe(str(exc))}\n")
        from app.commands.common import json_printed, print_json

        if getattr(args, "json", False) and not json_printed():
            # --json: the error as a JSON object on stdout too (unless the command
            # already wrote its JSON document).
            print_json({"ok": False, "error": str(exc), "exit_code": exc.exit_code})
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("locker: interrupted; nothing partial was kept.\n")
        return 130
    except BrokenPipeError:
        return 0
    except MemoryError:
        sys.stderr.write("locker: out of memory; the vault is unchanged.\n")
        return EXIT_FAILURE
    except OSError as exc:
        # Name the file: "File exists" or "Read-only file system" alone does not say which.
        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(f"locker: {_safe(where + str(exc.strerror or exc))}\n")
        return EXIT_FAILURE
    except Exception as exc:  # noqa: BLE001 - never a traceback in front of a person
        sys.stderr.write(
            f"locker: unexpected error ({type(exc).__name__}: {_safe(str(exc))}). "
            "The vault was not changed by the failed step.\n"
        )
        return EXIT_FAILURE


if __name__ == "__main__":
    raise SystemExit(main())

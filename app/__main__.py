"""`python -m app` starts the desktop app (same as `locker` with no arguments)."""

from __future__ import annotations

import sys


def main() -> int:
    from app.hardening import no_core_dumps

    no_core_dumps()  # before anything else (app.cli.main does it again; it is idempotent)
    from app.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())

"""Entry point of the frozen executables (`locker` and `evidence-locker` run the same
code: with no arguments both open the desktop app, with arguments both are the CLI)."""

from app.__main__ import main

raise SystemExit(main())

"""Running the real `locker` command: in this process through ``app.cli.main`` (the
default, several times faster), or in a subprocess where the process boundary is the point
(crashes, signals, leaks, stdin/terminal, core-dump hardening, resource limits, keyring
sessions, QtWebEngine captures): ``locker(..., subprocess=True)`` or ``locker_subprocess``.

Both return a ``subprocess.CompletedProcess[str]`` with the same fields, so a test reads
the same either way."""

from __future__ import annotations

import io
import os
import signal
import subprocess as _subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def locker(
    *args: str | os.PathLike[str],
    passphrase_file: Path | None = None,
    timeout: float = 300,
    env: dict[str, str] | None = None,
    input: bytes | None = None,
    subprocess: bool = False,
) -> _subprocess.CompletedProcess[str]:
    """Run ``locker ARGS``; ``passphrase_file`` is passed as ``--passphrase-file``.
    ``timeout`` only applies to a subprocess run. ``LOCKER_TEST_CLI_SUBPROCESS=1`` in the
    environment runs every call in a subprocess (to compare, or to rule the helper out)."""
    if subprocess or os.environ.get("LOCKER_TEST_CLI_SUBPROCESS") == "1":
        return locker_subprocess(
            *args, passphrase_file=passphrase_file, timeout=timeout, env=env, input=input
        )
    return locker_inprocess(*args, passphrase_file=passphrase_file, env=env, input=input)


def _argv(args: tuple[str | os.PathLike[str], ...], passphrase_file: Path | None) -> list[str]:
    argv = [str(a) for a in args]
    if passphrase_file is not None:
        argv += ["--passphrase-file", str(passphrase_file)]
    return argv


def _env(env: dict[str, str] | None) -> dict[str, str]:
    full_env = dict(os.environ)
    full_env["LOCKER_NO_GUI"] = "1"
    full_env.pop("LOCKER_PASSPHRASE_FILE", None)
    if env:
        full_env.update(env)
    return full_env


def locker_subprocess(
    *args: str | os.PathLike[str],
    passphrase_file: Path | None = None,
    timeout: float = 300,
    env: dict[str, str] | None = None,
    input: bytes | None = None,
) -> _subprocess.CompletedProcess[str]:
    """``python -m app.cli ARGS`` in a child process (cwd = the worktree root)."""
    cmd = [sys.executable, "-m", "app.cli", *_argv(args, passphrase_file)]
    return _subprocess.run(
        cmd,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=_env(env),
        input=input.decode() if input else None,
    )


def locker_inprocess(
    *args: str | os.PathLike[str],
    passphrase_file: Path | None = None,
    env: dict[str, str] | None = None,
    input: bytes | None = None,
) -> _subprocess.CompletedProcess[str]:
    """``app.cli.main(ARGS)`` in this process, with stdin/stdout/stderr (text and
    ``.buffer`` bytes) captured, and every piece of process state the CLI changes put back
    afterwards: environment, cwd, umask, SIGINT/SIGTERM handlers, the notice handler and
    once-per-process notices of app.atomic, the "JSON already printed" flag. The core-dump
    hardening (app/hardening.py) is not applied: it cannot be undone for an unprivileged
    process, and tests/capture/test_no_core_dumps.py checks it in a subprocess."""
    from app import atomic, cli
    from app.commands import common

    argv = _argv(args, passphrase_file)
    stdout, stderr = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(stdout, encoding="utf-8", errors="strict", write_through=True)
    err = io.TextIOWrapper(stderr, encoding="utf-8", errors="backslashreplace", write_through=True)
    inp = io.TextIOWrapper(io.BytesIO(input or b""), encoding="utf-8")
    with _process_state(_env(env)):
        atomic.reset_notices()
        common._JSON_PRINTED.clear()
        old_streams = sys.stdin, sys.stdout, sys.stderr
        old_hardening = getattr(cli, "no_core_dumps")  # noqa: B009 - not re-exported
        sys.stdin, sys.stdout, sys.stderr = inp, out, err
        setattr(cli, "no_core_dumps", lambda: None)  # noqa: B010
        try:
            try:
                code: object = cli.main(argv)
            except SystemExit as exc:  # argparse: --help, --version, usage errors
                code = exc.code
            out.flush()
            err.flush()
        finally:
            sys.stdin, sys.stdout, sys.stderr = old_streams
            setattr(cli, "no_core_dumps", old_hardening)  # noqa: B010
            atomic.set_notice_handler(None)
            atomic.reset_notices()
            common._JSON_PRINTED.clear()
    if code is None:
        returncode = 0
    elif isinstance(code, int):
        returncode = code
    else:  # SystemExit("message"): Python prints it and exits 1
        stderr.write(f"{code}\n".encode())
        returncode = 1
    return _subprocess.CompletedProcess(
        ["locker", *argv],
        returncode,
        stdout.getvalue().decode("utf-8"),
        stderr.getvalue().decode("utf-8"),
    )


@contextmanager
def _process_state(env: dict[str, str]) -> Iterator[None]:
    saved_env = dict(os.environ)
    saved_cwd = os.getcwd()
    saved_umask = os.umask(0o022)
    os.umask(saved_umask)
    saved_handlers = {sig: signal.getsignal(sig) for sig in _SIGNALS}
    os.environ.clear()
    os.environ.update(env)
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        os.umask(saved_umask)
        for sig, handler in saved_handlers.items():
            if handler is not None:  # None: set outside Python, cannot be put back
                signal.signal(sig, handler)

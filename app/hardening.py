"""Process hardening done first at start (``locker`` and the app): no core dumps.

A crash must not leave decrypted evidence or keys in a core file (the working folder
under ``ulimit -c unlimited``) or in a crash reporter's store. Per platform:

- Linux: ``RLIMIT_CORE`` 0, soft and hard, so it cannot be raised again; QtWebEngine's
  helper processes (and any other child) inherit it. ``prctl(PR_SET_DUMPABLE, 0)`` also
  stops the kernel dumping this process even to a core-pattern pipe handler
  (systemd-coredump, apport) and stops same-user ``ptrace``/``/proc/PID/mem`` reads. The
  kernel sets "dumpable" back to 1 in a program started with ``exec`` (the QtWebEngine
  helpers), so for them the inherited ``RLIMIT_CORE`` 0 is what holds: no core file, and
  systemd-coredump and apport honour the limit ("resource limits disable core dumping").
- macOS: ``RLIMIT_CORE`` 0 as on Linux (no /cores/core.PID). ReportCrash still writes a
  crash report (stack traces, no memory contents) to ~/Library/Logs/DiagnosticReports.
- Windows: ``SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX)``, inherited by
  child processes, so no Windows Error Reporting dialog offers to send a report with
  memory. Nothing is written to the registry (``WerAddExcludedApplication`` would leave a
  lasting trace that the app is installed), so local dumps an administrator configured
  with the WER ``LocalDumps`` policy are not prevented.
"""

from __future__ import annotations

import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def no_core_dumps() -> None:
    """Forbid core dumps for this process and its children (best effort: a platform
    without the call is left as it is; nothing here can stop the app starting)."""
    try:
        import resource
    except ImportError:  # Windows
        pass
    else:
        try:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        except (ValueError, OSError):
            pass
    if sys.platform.startswith("linux"):
        _prctl(PR_SET_DUMPABLE, 0)
    elif sys.platform == "win32":
        import ctypes

        sem_failcriticalerrors, sem_nogpfaulterrorbox = 0x0001, 0x0002
        kernel32 = ctypes.windll.kernel32
        kernel32.SetErrorMode(
            kernel32.GetErrorMode() | sem_failcriticalerrors | sem_nogpfaulterrorbox
        )


def dumpable() -> int | None:
    """Linux: this process's "dumpable" flag (0 after :func:`no_core_dumps`)."""
    if not sys.platform.startswith("linux"):
        return None
    return _prctl(PR_GET_DUMPABLE, 0)


def _prctl(option: int, arg: int) -> int | None:
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)  # the running process: libc is in it
        return int(libc.prctl(option, arg, 0, 0, 0))
    except (OSError, AttributeError):
        return None

"""A long capture batch (`scripts/bench --only batch`, 1,000 URLs by default): pages per
minute at its start and at its end, and the memory of the whole process tree (`locker`
and its QtWebEngine helper processes, proportional set size) sampled while it runs, to
show it stays flat. Pages are served from 127.0.0.1 (synthetic, each one different)."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any


def _children(pid: int) -> list[int]:
    """pid and every process below it (from /proc/*/stat)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        # "pid (name with spaces) state ppid ..."
        after = text.rsplit(")", 1)[1].split()
        parents.setdefault(int(after[1]), []).append(int(stat.parent.name))
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(parents.get(p, []))
    return tree


def tree_pss_mib(pid: int) -> float:
    """Proportional set size of ``pid`` and its descendants (shared pages split, so the
    helpers' shared libraries are not counted once per process)."""
    total_kib = 0
    for p in _children(pid):
        try:
            rollup = Path(f"/proc/{p}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                total_kib += int(line.split()[1])
                break
    return total_kib / 1024


def run_batch(
    locker_cmd: list[str],
    env: dict[str, str],
    cwd: Path,
    urls: list[str],
    list_file: Path,
    every_s: float,
) -> dict[str, Any]:
    """Run one `capture-url --from-file` over ``urls``; times of each stored item and the
    memory samples (seconds from the start, MiB)."""
    list_file.write_text("\n".join(urls) + "\n", encoding="utf-8")
    start = time.perf_counter()
    errors = list_file.with_suffix(".stderr")
    with open(errors, "wb") as err:
        proc = subprocess.Popen(
            [*locker_cmd, "--from-file", str(list_file), "--json"],
            env=env,
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )
    samples: list[tuple[float, float]] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(every_s):
            samples.append((time.perf_counter() - start, tree_pss_mib(proc.pid)))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    done_at: list[float] = []
    failed = 0
    assert proc.stdout is not None
    for line in proc.stdout:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("error"):
            failed += 1
        else:
            done_at.append(time.perf_counter() - start)
    proc.wait()
    stop.set()
    sampler.join()
    return {
        "stderr": errors.read_text(encoding="utf-8", errors="replace")[-2000:],
        "took": time.perf_counter() - start,
        "done_at": done_at,
        "failed": failed,
        "memory": samples,
        "exit": proc.returncode,
    }


def per_minute(times: list[float], first: int, last: int) -> float:
    """Pages per minute between stored page ``first`` and ``last`` (indexes)."""
    span = times[last] - times[first]
    return (last - first) / span * 60 if span > 0 else 0.0


def memory_at(samples: list[tuple[float, float]], when: float) -> float:
    """The last memory sample taken at or before ``when`` seconds (one taken after the
    last page may already see the helper processes gone)."""
    before = [mib for at, mib in samples if at <= when]
    return before[-1] if before else (samples[0][1] if samples else 0.0)


def summary(result: dict[str, Any]) -> dict[str, float]:
    times: list[float] = result["done_at"]
    n = len(times)
    tenth = max(1, n // 10)
    took = result["took"]
    samples = result["memory"]
    return {
        "pages": n,
        "failed": result["failed"],
        "per_minute": n / took * 60 if took else 0.0,
        "first_tenth_per_minute": per_minute(times, 0, tenth - 1) if n > 1 else 0.0,
        "last_tenth_per_minute": per_minute(times, n - tenth, n - 1) if n > 1 else 0.0,
        "mib_after_tenth": memory_at(samples, times[tenth - 1]) if times else 0.0,
        "mib_half": memory_at(samples, times[n // 2]) if times else 0.0,
        "mib_end": memory_at(samples, times[-1]) if times else 0.0,
        "mib_peak": max((s[1] for s in samples), default=0.0),
    }


def serve() -> tuple[ThreadingHTTPServer, str]:
    from tests.capture.conftest import _handler, big_png

    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(big_png(), {}))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def measure(
    count: int, locker_cmd: list[str], env: dict[str, str], cwd: Path, tmp: Path
) -> dict[str, float]:
    """Capture ``count`` local pages in one batch; the summary of :func:`summary`."""
    server, base = serve()
    try:
        urls = [f"{base}/page/batch-{i}" for i in range(count)]
        # A sample every 2 s over a long run; often enough for a few in a short one.
        every_s = 2.0 if count >= 100 else 0.25
        result = run_batch(locker_cmd, env, cwd, urls, tmp / "urls.txt", every_s)
    finally:
        server.shutdown()
    if result["exit"] not in (0, 1):
        raise RuntimeError(
            f"capture-url batch ended with exit code {result['exit']} after "
            f"{len(result['done_at'])} pages: {result['stderr']}"
        )
    return summary(result)

"""The benchmark behind ``scripts/bench``: our command against what a careful person would
do by hand with stock tools, on the same bytes, interleaved in the same run.

Each scenario runs ``--repeat`` times, alternating ours and by hand, and reports the
median of each and their ratio (the machine is shared and noisy: ratios measured side by
side are what is comparable). Prints a table and writes JSON. ``--smoke`` runs every
scenario on tiny inputs (part of the test suite so this never rots; no timing asserts).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "benchmark passphrase words"


@dataclass
class Row:
    scenario: str
    ours: str  # what we ran
    by_hand: str  # what it is compared with
    ours_s: float | None = None  # median seconds (or the figure in ``unit``)
    hand_s: float | None = None
    target: str = ""
    unit: str = "s"
    note: str = ""
    samples: dict[str, list[float]] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.ours_s is None or not self.hand_s:
            return None
        return self.ours_s / self.hand_s


class Bench:
    def __init__(
        self,
        tmp: Path,
        smoke: bool,
        repeat: int,
        items: int = 100_000,
        mib: int = 256,
        urls: int = 1000,
    ) -> None:
        self.tmp = tmp
        self.items = items
        self.urls = urls
        self.mib = mib
        self.smoke = smoke
        self.repeat = repeat
        self.rows: list[Row] = []
        self.passfile = tmp / "pass.txt"
        self.passfile.write_text(PASSPHRASE + "\n", encoding="utf-8")
        tsa = tmp / "tsa.json"
        tsa.write_text('{"tsas": []}', encoding="utf-8")  # no network, no stamping
        self.env = dict(
            os.environ,
            LOCKER_NO_GUI="1",
            LOCKER_TSA_CONFIG=str(tsa),
            LOCKER_CONFIG_DIR=str(tmp / "config"),
            QT_QPA_PLATFORM="offscreen",
        )
        self.env.pop("LOCKER_PASSPHRASE_FILE", None)

    # -- helpers -------------------------------------------------------------------

    def run(self, cmd: list[str | os.PathLike[str]], **kw: object) -> float:
        start = time.perf_counter()
        done = subprocess.run(
            [str(c) for c in cmd],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=3600,
            **kw,
        )  # type: ignore[call-overload]
        took = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, cmd))} failed: {done.stderr.strip()[-500:]}")
        return took

    def locker(self, *args: str | os.PathLike[str]) -> float:
        return self.run(
            [sys.executable, "-m", "app.cli", *args, "--passphrase-file", self.passfile]
        )

    def pair(self, row: Row, ours: Callable[[int], float], hand: Callable[[int], float]) -> None:
        """Run ours and by hand alternately ``repeat`` times; keep both medians."""
        a: list[float] = []
        b: list[float] = []
        for n in range(self.repeat):
            if n % 2 == 0:
                a.append(ours(n))
                b.append(hand(n))
            else:
                b.append(hand(n))
                a.append(ours(n))
        row.ours_s, row.hand_s = statistics.median(a), statistics.median(b)
        row.samples = {"ours": a, "by_hand": b}
        self.rows.append(row)

    def make_file(self, name: str, mib: int) -> Path:
        path = self.tmp / name
        with open(path, "wb") as fh:
            for _ in range(mib):
                fh.write(os.urandom(1024 * 1024))
        return path

    def new_vault(self, name: str) -> Path:
        from app.vault import Vault

        path = self.tmp / name
        Vault.create(path, PASSPHRASE).close()
        return path

    def age_key(self) -> tuple[Path, str]:
        key = self.tmp / "age.key"
        if not key.exists():
            subprocess.run(["age-keygen", "-o", str(key)], check=True, capture_output=True)
        recipient = next(
            line.split(": ", 1)[1]
            for line in key.read_text().splitlines()
            if line.startswith("# public key: ")
        )
        return key, recipient

    # -- scenarios -----------------------------------------------------------------

    def file_scenarios(self) -> None:
        mib = 4 if self.smoke else self.mib
        src = self.make_file("evidence.bin", mib)
        key, recipient = self.age_key()
        label = f"{mib} MiB file"

        vault = self.new_vault("add.locker")

        def hand_add(n: int) -> float:
            out = self.tmp / f"hand-{n}.age"
            took = self.run(
                [
                    "sh",
                    "-c",
                    'sha256sum "$1" >/dev/null && age -r "$2" -o "$3" "$1" && sync',
                    "sh",
                    src,
                    recipient,
                    out,
                ]
            )
            out.unlink()
            return took

        self.pair(
            Row(f"add a {label}", "locker add", "sha256sum + age -r + sync", target="≤ 2×"),
            lambda n: self.locker("add", vault, src),
            hand_add,
        )

        one = self.new_vault("verify.locker")
        self.locker("add", one, src)
        self.pair(
            Row(f"verify a {label}", "locker verify", "sha256sum", target="≤ 2×"),
            lambda n: self.locker("verify", one),
            lambda n: self.run(["sha256sum", src]),
        )

        sealed = self.tmp / "evidence.age"
        self.run(["age", "-r", recipient, "-o", sealed, src])
        # Set-up writes are flushed first, so their writeback does not land in a timed run.
        self.run(["sync"])

        def ours_extract(n: int) -> float:
            out = self.tmp / f"x{n}"
            took = self.locker("extract", one, "1", "--out", out)
            shutil.rmtree(out)
            return took

        def hand_extract(n: int) -> float:
            out = self.tmp / f"h{n}.bin"
            took = self.run(["age", "-d", "-i", key, "-o", out, sealed])
            out.unlink()
            return took

        self.pair(
            Row(f"extract a {label}", "locker extract", "age -d", target="≤ 2×"),
            ours_extract,
            hand_extract,
        )
        for p in (src, sealed):
            p.unlink()

    def capture(self) -> None:
        count = 2 if self.smoke else 10
        row = Row(
            f"capture {count} local pages",
            "capture-url batch (PNG+MHTML+PDF+text)",
            "headless chromium --screenshot each",
            target="≤ 2×",
        )
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium is None:
            row.note = "skipped: chromium is not installed (scripts/bootstrap.sh installs it)"
            self.rows.append(row)
            return
        from http.server import ThreadingHTTPServer

        from tests.capture.conftest import _handler, big_png

        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(big_png(), {}))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        vault = self.new_vault("capture.locker")
        try:

            def hand(n: int) -> float:
                start = time.perf_counter()
                for i in range(count):
                    self.run(
                        [
                            chromium,
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            f"--user-data-dir={self.tmp / 'chromium'}",
                            f"--screenshot={self.tmp / 'shot.png'}",
                            f"{base}/page/{n}-{i}",
                        ]
                    )
                return time.perf_counter() - start

            self.pair(
                row,
                lambda n: self.locker(
                    "capture-url", vault, *[f"{base}/page/{n}-{i}" for i in range(count)]
                ),
                hand,
            )
        finally:
            server.shutdown()

    def batch(self) -> None:
        from tests.bench.bench_batch import measure

        count = 5 if self.smoke else self.urls
        vault = self.new_vault("batch.locker")
        cmd = [sys.executable, "-m", "app.cli", "capture-url", str(vault)]
        got = measure(
            count, [*cmd, "--passphrase-file", str(self.passfile)], self.env, ROOT, self.tmp
        )
        failed = f"; {got['failed']:.0f} failed" if got["failed"] else ""
        self.rows.append(
            Row(
                f"batch of {count:,} URLs: pages per minute",
                "capture-url --from-file (PNG+MHTML+PDF+text)",
                "-",
                ours_s=got["per_minute"],
                unit="pages/min",
                note=(
                    f"{got['pages']:.0f} stored{failed}; first tenth "
                    f"{got['first_tenth_per_minute']:.0f}/min, last tenth "
                    f"{got['last_tenth_per_minute']:.0f}/min"
                ),
            )
        )
        self.rows.append(
            Row(
                f"batch of {count:,} URLs: memory",
                "locker + QtWebEngine helpers (PSS)",
                "-",
                ours_s=got["mib_end"],
                unit="MiB",
                target="second half < +10 %",
                note=(
                    f"after the first tenth {got['mib_after_tenth']:.0f} MiB, half way "
                    f"{got['mib_half']:.0f} MiB, end {got['mib_end']:.0f} MiB "
                    f"({_growth(got['mib_half'], got['mib_end'])} over the second half), "
                    f"peak {got['mib_peak']:.0f} MiB"
                ),
            )
        )

    def open_vault(self) -> None:
        from app.vault import Vault, kdf

        path = self.new_vault("open.locker")
        self.pair(
            Row("open a vault", "Vault.open", "one Argon2id derivation", target="< 1 s"),
            lambda n: _timed(lambda: Vault.open(path, PASSPHRASE).close()),
            lambda n: _timed(lambda: kdf.derive_key(PASSPHRASE, kdf.new_salt())),
        )

    def ui_list(self) -> None:
        count = 300 if self.smoke else self.items
        row = Row(
            f"list and scroll {count:,} items",
            "desktop app (unlock, scroll)",
            "-",
            target="first rows < 1 s; p99 lateness < 50 ms",
        )
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "tests.bench.bench_ui_scroll", str(count)],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=7200,
        )
        if done.returncode != 0:
            raise RuntimeError(f"bench_ui_scroll failed: {done.stderr.strip()[-800:]}")
        first = re.search(r"first rows: ([\d.]+) s", done.stdout)
        p99 = re.search(r"p99 ([\d.]+) ms, worst ([\d.]+) ms", done.stdout)
        row.ours_s = float(first.group(1)) if first else None
        row.note = (
            (
                f"p99 lateness {p99.group(1)} ms, worst {p99.group(2)} ms; "
                f"whole run {time.perf_counter() - start:.0f} s"
            )
            if p99
            else done.stdout[-200:]
        )
        self.rows.append(row)

    def export_import_memory(self) -> None:
        from app.vault import Vault
        from app.vault.models import NewArtifact, NewItem
        from tests.bundle.test_memory import _Synthetic
        from tests.bundle.tools import locker_rss

        size = (8 if self.smoke else 1024) * 1024 * 1024
        label = "8 MiB" if self.smoke else "1 GiB"
        a_path, b_path = self.tmp / "exp-a.locker", self.tmp / "exp-b.locker"
        with Vault.create(a_path, PASSPHRASE) as a:
            a.add_item(
                NewItem("file", "Big", "large synthetic video", thumbnail_role=None),
                [NewArtifact("original", "big.mp4", _Synthetic(size), "video/mp4")],  # type: ignore[arg-type]
            )
        with Vault.create(b_path, PASSPHRASE) as b:
            recipient = _recipient_of(b.age_identity())
        bundle = self.tmp / "big.age"
        old = dict(os.environ)
        os.environ.update(self.env)
        try:
            start = time.perf_counter()
            done, export_rss = locker_rss(
                "export",
                a_path,
                "--out",
                bundle,
                "--case",
                "Big",
                "--to",
                recipient,
                "--no-stamp",
                "--passphrase-file",
                self.passfile,
            )
            export_s = time.perf_counter() - start
            if done.returncode != 0:
                raise RuntimeError(f"export failed: {done.stderr[-500:]}")
            start = time.perf_counter()
            done, import_rss = locker_rss(
                "import", b_path, bundle, "--passphrase-file", self.passfile
            )
            import_s = time.perf_counter() - start
            if done.returncode != 0:
                raise RuntimeError(f"import failed: {done.stderr[-500:]}")
        finally:
            os.environ.clear()
            os.environ.update(old)
        for what, rss, took in (("export", export_rss, export_s), ("import", import_rss, import_s)):
            self.rows.append(
                Row(
                    f"{what} a {label} bundle: peak memory",
                    f"locker {what}",
                    "-",
                    ours_s=rss / 1024,
                    unit="MB",
                    target="< 300 MB",
                    note=f"took {took:.1f} s",
                )
            )


def _recipient_of(identity: str) -> str:
    done = subprocess.run(
        ["age-keygen", "-y"], input=identity, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


SCENARIOS = {
    "files": Bench.file_scenarios,
    "capture": Bench.capture,
    "open": Bench.open_vault,
    "list": Bench.ui_list,
    "export": Bench.export_import_memory,
    "batch": Bench.batch,
}


def _growth(before: float, after: float) -> str:
    return f"{(after - before) / before * 100:+.0f} %" if before else "-"


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:.2f} s" if unit == "s" else f"{value:.0f} {unit}"


def table(rows: list[Row]) -> str:
    lines = [
        "| work | ours | by hand | ours | by hand | ratio | target |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "-"
        note = f" ({r.note})" if r.note else ""
        lines.append(
            f"| {r.scenario}{note} | {r.ours} | {r.by_hand} | {_figure(r.ours_s, r.unit)} | "
            f"{_figure(r.hand_s, r.unit)} | {ratio} | {r.target} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny inputs, one round: checks every scenario still runs",
    )
    parser.add_argument(
        "--repeat", type=int, default=None, help="rounds per scenario (default 3; 1 with --smoke)"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(SCENARIOS),
        help="run only this scenario (repeatable)",
    )
    parser.add_argument(
        "--items",
        type=int,
        default=100_000,
        help="items in the list scenario (default %(default)s; 300 with --smoke)",
    )
    parser.add_argument(
        "--mib",
        type=int,
        default=256,
        help="size of the file scenarios in MiB (default %(default)s; 4 with --smoke)",
    )
    parser.add_argument(
        "--urls",
        type=int,
        default=1000,
        help="URLs in the batch scenario (default %(default)s; 5 with --smoke)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=Path("bench-results.json"),
        metavar="FILE",
        help="where to write the results (default %(default)s)",
    )
    args = parser.parse_args(argv)
    repeat = args.repeat or (1 if args.smoke else 3)
    names = args.only or list(SCENARIOS)
    if not args.smoke:
        # An installed app runs from bytecode compiled at install (pip does it); a checkout
        # run with PYTHONDONTWRITEBYTECODE (as the test runner sets it) would otherwise
        # compile app/ again in every timed command (~50 ms each).
        compileall.compile_dir(ROOT / "app", quiet=1)
    with tempfile.TemporaryDirectory(prefix="locker-bench-") as tmp:
        bench = Bench(Path(tmp), args.smoke, repeat, args.items, args.mib, args.urls)
        for name in names:
            print(f"running {name}…", file=sys.stderr, flush=True)
            SCENARIOS[name](bench)
        rows = bench.rows
    print(table(rows))
    result = {
        "smoke": args.smoke,
        "repeat": repeat,
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "rows": [dict(asdict(r), ratio=r.ratio) for r in rows],
    }
    args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"results written to {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

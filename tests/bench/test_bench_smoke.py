"""`scripts/bench --smoke` runs every scenario end to end and writes valid JSON (no timing
asserts: the benchmark, not the test suite, checks the targets)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import ROOT


@pytest.mark.slow
def test_bench_smoke_runs_every_scenario_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    env = dict(os.environ, PYTHON=sys.executable)
    done = subprocess.run(
        [str(ROOT / "scripts" / "bench"), "--smoke", "--json", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["smoke"] is True
    rows = {r["scenario"].split(" ")[0]: r for r in result["rows"]}
    names = ("add", "verify", "extract", "open", "list", "export", "import", "capture", "batch")
    for name in names:
        assert name in rows, f"scenario {name} missing from {sorted(rows)}"
    for name in ("add", "verify", "extract", "open"):
        row = rows[name]
        assert row["ours_s"] > 0 and row["hand_s"] > 0 and row["ratio"] > 0
    capture = rows["capture"]
    assert capture["ours_s"] is not None or capture["note"].startswith("skipped")
    assert "| add a 4 MiB file |" in done.stdout
    # The batch stored every page and its memory was sampled while it ran.
    batch = [r for r in result["rows"] if r["scenario"].startswith("batch")]
    assert [r["unit"] for r in batch] == ["pages/min", "MiB"]
    assert batch[0]["ours_s"] > 0 and batch[0]["note"].startswith("5 stored;")
    # Sampled while it ran: the peak includes QtWebEngine's helper processes.
    peak = re.search(r"peak (\d+) MiB", batch[1]["note"])
    assert batch[1]["ours_s"] > 0 and peak and int(peak.group(1)) > 50

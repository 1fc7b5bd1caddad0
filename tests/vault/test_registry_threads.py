"""The registry fills itself once, however many threads ask first (e.g. two vaults opened
at once by a script that never called app.extensions.register())."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CODE = """
import sys, threading
sys.setswitchinterval(1e-6)  # switch threads as often as possible: races show
from app.vault import registry
barrier = threading.Barrier(32)
seen, errors = [], []
def ask():
    barrier.wait()
    try:
        seen.append(tuple(v for v, _, _ in registry.steps()))
        seen.append(tuple(v for v, _ in registry.append_only()))
    except Exception as exc:
        errors.append(repr(exc))
threads = [threading.Thread(target=ask) for _ in range(32)]
for t in threads: t.start()
for t in threads: t.join()
print(len(errors), len(set(seen)), sorted(set(seen)), errors[:1])
"""


def test_many_threads_asking_first_see_one_registration() -> None:
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, "-c", CODE],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
        assert out.startswith("0 2 [(2, 3, 4), (2, 3, 4, 5)] []"), out


RACE = """
import threading, time
from app import extensions
from app.bundle import schema as bundle_schema
from app.vault import registry
def slow_steps():  # a registration that takes a while: another thread asks meanwhile
    for step in bundle_schema.STEPS:
        time.sleep(0.05)
        yield step
barrier = threading.Barrier(8)
errors = []
def first():
    barrier.wait()
    try:
        registry.register(slow_steps(), [])
    except Exception as exc:
        errors.append(repr(exc))
threads = [threading.Thread(target=first) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(errors[:1], [v for v, _, _ in registry.steps()])
"""


def test_registration_is_counted_once_when_threads_race() -> None:
    out = subprocess.run(
        [sys.executable, "-c", RACE], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.stdout.strip() == "[] [3]", out.stdout + out.stderr


def test_the_entry_points_register_at_start() -> None:
    code = (
        "import sys\nfrom app.vault import registry\nimport app.cli, app.ui.main\n"
        "assert not registry._registered\n"
        "sys.argv = ['locker', '--version']\n"
        "try:\n    app.cli.main()\nexcept SystemExit:\n    pass\n"
        "print(registry._registered)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.stdout.strip().endswith("True"), out.stdout + out.stderr

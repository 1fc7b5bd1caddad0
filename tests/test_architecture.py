"""Layering (ARCHITECTURE.md): the CLI (app/commands) and the GUI (app/ui) call service
functions of the core; they hold no SQL and name no custody event by a string of their
own. Event names are members of ``app.vault.events.Event``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from app.vault.events import Event

ROOT = Path(__file__).resolve().parents[1]
FRONT_ENDS = ("app/ui", "app/commands")
SQL = re.compile(
    r"\b(SELECT\b.*\bFROM|INSERT INTO|UPDATE \w+ SET|DELETE FROM|REPLACE INTO"
    r"|(CREATE|DROP|ALTER) (TABLE|INDEX|TRIGGER|VIEW)|PRAGMA \w+)\b",
    re.S,
)
DB_CALLS = {"execute", "executemany", "executescript"}
EVENT_NAMES = {str(e) for e in Event}


def _front_end_modules() -> list[Path]:
    return sorted(p for d in FRONT_ENDS for p in (ROOT / d).rglob("*.py"))


def _dict_key_reads(tree: ast.AST) -> set[int]:
    """ids of constants used only to read a key of data the core returned
    (``data["received"]``, ``data.get("received", {})``: show --json's section)."""
    keys: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            keys.add(id(node.slice))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            keys.add(id(node.args[0]))
    return keys


def problems_in(source: str, name: str = "<module>") -> list[str]:
    """What breaks the rule in one module's source: SQL and event-name literals."""
    tree = ast.parse(source, name)
    key_reads = _dict_key_reads(tree)
    found = []
    for node in ast.walk(tree):
        where = f"{name}:{getattr(node, 'lineno', '?')}"
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in DB_CALLS
        ):
            found.append(f"{where}: database call .{node.func.attr}()")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if SQL.search(node.value):
                found.append(f"{where}: SQL {node.value[:60]!r}")
            if node.value in EVENT_NAMES and id(node) not in key_reads:
                found.append(f"{where}: custody event name {node.value!r} (use Event)")
    return found


@pytest.mark.parametrize("path", _front_end_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_front_ends_hold_no_sql_and_no_event_names(path: Path) -> None:
    assert problems_in(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))) == []


def test_the_check_finds_what_it_forbids() -> None:
    """The rule can fail: each kind of breach is reported, the allowed forms are not."""
    bad = """
row = vault.read().execute("SELECT at FROM custody WHERE seq = 1").fetchone()
conn.executemany(sql, rows)
q = "DELETE FROM items"
vault.log_event("vault_verified", None, {})
first = next(r for r in rows if r.get("event") == "item_added")
labels = {"note_added": "Note added"}
"""
    found = problems_in(bad)
    assert len([f for f in found if "database call" in f]) == 2
    assert len([f for f in found if ": SQL " in f]) == 2
    assert sorted(f.rsplit("'", 2)[1] for f in found if "event name" in f) == [
        "item_added",
        "note_added",
        "vault_verified",
    ]
    good = """
from app.vault.events import Event
vault.log_event(Event.VAULT_VERIFIED, None, {})
received = data.get("received", {})
bundles = data["received"]["bundles"]
p.add_argument("--wait-for", metavar="TEXT|SELECTOR", help="Select an item from the list")
"""
    assert problems_in(good) == []


# The vault core sits at the bottom: it imports nothing from the packages built on it.
# app/vault/registry.py is the one door: it loads app/extensions.py, which fills it.
ABOVE_THE_VAULT = (
    "app.timestamp",
    "app.bundle",
    "app.takedown",
    "app.capture",
    "app.ui",
    "app.commands",
    "app.services",
    "app.cli",
    "app.extensions",
)


def upward_imports(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        found += [n for n in names if n.startswith(ABOVE_THE_VAULT)]
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "app/vault").glob("*.py")), ids=lambda p: p.name)
def test_the_vault_core_imports_nothing_built_on_it(path: Path) -> None:
    found = upward_imports(path.read_text(encoding="utf-8"))
    if path.name == "registry.py":
        found = [n for n in found if n != "app.extensions"]
    assert found == [], f"{path.name} imports {found} (register it in app/extensions.py)"


def test_the_import_check_finds_a_lazy_import() -> None:
    assert upward_imports("def f():\n    from app.takedown.pdq import store_for_item\n") == [
        "app.takedown.pdq",
        "app.takedown.pdq.store_for_item",
    ]


def _unmapped_modules(doc: str, modules: list[str]) -> list[str]:
    """Modules (``app/pkg/mod.py``) without a row of their own in the map: a line that
    starts (after spaces, ``|`` or a backtick) with the module's full path, or with its
    file name inside a section whose heading names its package (``app/pkg/``)."""
    section = ""
    rows: set[tuple[str, str]] = set()
    for line in doc.splitlines():
        if line.startswith("#"):
            section = line
            continue
        first = line.lstrip(" |`").split()[:1]
        if first:
            rows.add((section, first[0].rstrip("`,:")))
    missing = []
    for path in modules:
        package, _, name = path.rpartition("/")
        if any(word == path for _, word in rows):
            continue
        if package != "app" and any(
            word == name and f"`{package}/`" in head for head, word in rows
        ):
            continue
        missing.append(path)
    return missing


def test_every_module_has_a_row_in_architecture_md() -> None:
    """ARCHITECTURE.md is the map of app/: every module (but __init__.py) has its row."""
    modules = sorted(
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "app").rglob("*.py")
        if p.name != "__init__.py"
    )
    doc = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    missing = _unmapped_modules(doc, modules)
    assert not missing, f"no row in ARCHITECTURE.md for: {missing}"
    # and the check can fail: a module named only in passing is not mapped
    assert _unmapped_modules(
        "## Bundles (`app/bundle/`)\nexport.py  writes\nsee also seal.py\n",
        ["app/bundle/export.py", "app/bundle/seal.py", "app/vault/export.py"],
    ) == ["app/bundle/seal.py", "app/vault/export.py"]

"""Locations, requests and status marks through the real `locker` command: every change is
an append-only row and a custody event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.errors import EXIT_NOT_FOUND, EXIT_USAGE
from app.takedown import platforms
from app.vault import Vault
from tests.helpers.cli import locker


@pytest.fixture
def cli_vault(tmp_path: Path, passphrase_file: Path) -> tuple[Path, Path]:
    vault = tmp_path / "v.locker"
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    (tmp_path / "a.txt").write_text("post one")
    (tmp_path / "b.txt").write_text("post two")
    out = locker(
        "add", vault, tmp_path / "a.txt", tmp_path / "b.txt", passphrase_file=passphrase_file
    )
    assert out.returncode == 0, out.stderr
    return vault, passphrase_file


def test_platform_from_host_with_curated_list() -> None:
    assert platforms.platform_of("mobile.twitter.com") == "x"
    assert platforms.platform_of("x.com") == "x"
    assert platforms.platform_of("old.reddit.com") == "reddit"
    assert platforms.platform_of("www.example.org") == "example.org"
    with pytest.raises(Exception, match="http"):
        platforms.check_url("javascript:alert(1)")


def test_locations_requests_marks_and_custody(cli_vault: tuple[Path, Path], tmp_path: Path) -> None:
    vault, pw = cli_vault
    assert (
        locker(
            "locations", "add", vault, "1", "https://x.com/a/status/1", passphrase_file=pw
        ).returncode
        == 0
    )
    listing = tmp_path / "urls.txt"
    listing.write_text(
        "# found today\nhttps://twitter.com/a/status/2\n\nhttps://forum.example/t/9\n"
    )
    out = locker("locations", "add", vault, "2", "--from-file", listing, passphrase_file=pw)
    assert out.returncode == 0, out.stderr
    # The same URL again for another item links it; no second location.
    assert (
        locker(
            "locations", "add", vault, "2", "https://x.com/a/status/1", passphrase_file=pw
        ).returncode
        == 0
    )
    data = json.loads(locker("locations", vault, "--json", passphrase_file=pw).stdout)
    locs = {loc["url"]: loc for loc in data["locations"]}
    assert set(locs) == {
        "https://x.com/a/status/1",
        "https://twitter.com/a/status/2",
        "https://forum.example/t/9",
    }
    assert locs["https://x.com/a/status/1"]["platform"] == "x"
    assert len(locs["https://x.com/a/status/1"]["items"]) == 2
    assert locs["https://forum.example/t/9"]["platform"] == "forum.example"
    only2 = json.loads(
        locker("locations", vault, "--item", "1", "--json", passphrase_file=pw).stdout
    )
    assert [loc["url"] for loc in only2["locations"]] == ["https://x.com/a/status/1"]

    out = locker(
        "takedown",
        "new",
        vault,
        "--platform",
        "x",
        "--basis",
        "tida",
        "1",
        "2",
        "--url",
        "https://x.com/a/status/3",
        passphrase_file=pw,
    )
    assert out.returncode == 0, out.stderr
    req = out.stdout.strip()
    assert req.isdigit()
    out = locker(
        "takedown",
        "mark",
        vault,
        req,
        "submitted",
        "--ref",
        "CASE-778",
        "--note",
        "sent via form",
        passphrase_file=pw,
    )
    assert out.returncode == 0, out.stderr
    listed = json.loads(locker("takedown", "list", vault, "--json", passphrase_file=pw).stdout)
    (r,) = listed["requests"]
    assert r["status"] == "submitted" and r["reference"] == "CASE-778"
    assert sorted(r["urls"]) == [
        "https://twitter.com/a/status/2",
        "https://x.com/a/status/1",
        "https://x.com/a/status/3",
    ]
    assert r["deadline"]  # TAKE IT DOWN Act: 48 hours
    assert [h["status"] for h in r["history"]] == ["drafted", "submitted"]
    assert "OVERDUE" not in locker("takedown", "list", vault, passphrase_file=pw).stdout

    log = json.loads(locker("log", vault, "--json", passphrase_file=pw).stdout)
    events = [e["event"] for e in (log["events"] if isinstance(log, dict) else log)]
    assert events.count("takedown_location_added") == 4
    assert "takedown_location_linked" in events
    assert "takedown_request_created" in events and "takedown_status" in events
    assert locker("verify", vault, passphrase_file=pw).returncode == 0


def test_bad_input_is_one_line(cli_vault: tuple[Path, Path]) -> None:
    vault, pw = cli_vault
    out = locker("locations", "add", vault, "1", "file:///etc/passwd", passphrase_file=pw)
    assert out.returncode == EXIT_USAGE and "Traceback" not in out.stderr
    out = locker(
        "takedown", "new", vault, "--platform", "reddit", "--basis", "dsa", "1", passphrase_file=pw
    )
    assert out.returncode == EXIT_USAGE and "no location" in out.stderr
    out = locker("takedown", "mark", vault, "99", "removed", passphrase_file=pw)
    assert out.returncode == EXIT_NOT_FOUND


def test_takedown_rows_are_append_only(vault: Vault) -> None:
    from app.takedown import model

    p = Path(vault.path).with_name("x.txt")
    p.write_text("x")
    it = vault.add_file(p)
    model.add_location(vault, it.id, "https://reddit.com/r/x/1")
    req = model.new_request(vault, "reddit", "dsa", [it.id])
    for sql in (
        "UPDATE td_locations SET url = 'https://other/'",
        "DELETE FROM td_status",
        "UPDATE td_requests SET basis = 'other'",
        "DELETE FROM td_location_items",
    ):
        with pytest.raises(Exception, match="append-only"), vault.write() as conn:
            conn.execute(sql)
    assert model.get_request(vault, req.id).status == "drafted"

"""Re-checks against a loopback platform whose posts go 404, 410, soft-404, login-walled,
blocked and come back: page only (no image, script or style fetched, no cookies), one
404 is not a removal, consistent gone results over 6 hours are, a later 'up' is a
reappearance; every check is a row and a custody event."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from app.takedown import model
from app.takedown.recheck import recheck
from app.vault import Vault
from tests.helpers.cli import locker
from tests.takedown.conftest import Site

T0 = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)


def clock(t: dt.datetime):  # type: ignore[no-untyped-def]
    return lambda: t


def _item(vault: Vault, tmp_path: Path, name: str) -> int:
    p = tmp_path / name
    p.write_text(name)
    return vault.add_file(p).id


def test_classifications_and_page_only(vault: Vault, site: Site, tmp_path: Path) -> None:
    item = _item(vault, tmp_path, "a.txt")
    modes = {
        "/p/up": "up",
        "/p/404": "404",
        "/p/410": "410",
        "/p/soft": "soft404",
        "/p/login": "login",
        "/p/block": "block",
    }
    site.mode.update(modes)
    for path in modes:
        model.add_location(vault, item, site.url(path))
    results = {r["url"].removeprefix(site.base): r for r in recheck(vault, now=clock(T0))}
    assert {k: v["classification"] for k, v in results.items()} == {
        "/p/up": "up",
        "/p/404": "gone",
        "/p/410": "gone",
        "/p/soft": "soft_404",
        "/p/login": "login_wall",
        "/p/block": "blocked",
    }
    assert results["/p/404"]["http_status"] == 404 and results["/p/410"]["http_status"] == 410
    assert results["/p/login"]["final_url"].endswith("/login?next=/p/login")
    # One GET per URL plus the login redirect: no image, style sheet or script.
    assert sorted(site.log) == sorted([*modes, "/login?next=/p/login"])
    assert site.cookies == []
    # A second round sends no cookie the server set in the first.
    recheck(vault, now=clock(T0 + dt.timedelta(hours=1)))
    assert site.cookies == [] and not any(
        p.startswith(("/img", "/style", "/app.js")) for p in site.log
    )
    # One 404 (or two) is not "removed".
    states = {loc.url.removeprefix(site.base): loc.status for loc in model.list_locations(vault)}
    assert states["/p/404"] == "gone" and states["/p/login"] == "login_wall"
    checks = [e for e in vault.custody_log() if e.event == "takedown_check"]
    assert len(checks) == 12
    assert vault.read().execute("SELECT count(*) FROM td_checks").fetchone()[0] == 12


def test_removed_only_after_consistent_gone_then_reappeared(
    vault: Vault, site: Site, tmp_path: Path
) -> None:
    item = _item(vault, tmp_path, "b.txt")
    site.mode.update({"/p/1": "404", "/p/2": "soft404", "/p/3": "login"})
    for path in ("/p/1", "/p/2", "/p/3"):
        model.add_location(vault, item, site.url(path))
    req = model.new_request(vault, "127.0.0.1", "kr", [item])
    model.mark(vault, str(req.id), "submitted", "KR-1")

    def state() -> dict[str, str]:
        return {loc.url.removeprefix(site.base): loc.status for loc in model.list_locations(vault)}

    # Three gone results within one hour: consistent, but not over time.
    for minutes in (0, 20, 40):
        recheck(vault, now=clock(T0 + dt.timedelta(minutes=minutes)))
    assert state()["/p/1"] == "gone"
    # A 410 and a soft-404 later, 7 hours after the first: removed (not the login wall).
    site.mode["/p/1"] = "410"
    results = recheck(vault, now=clock(T0 + dt.timedelta(hours=7)))
    changes = {r["url"].removeprefix(site.base): r["status_change"] for r in results}
    assert changes == {"/p/1": "removed", "/p/2": "removed", "/p/3": None}
    assert state() == {"/p/1": "removed", "/p/2": "removed", "/p/3": "login_wall"}
    assert model.get_request(vault, req.id).status == "submitted"  # /p/3 is not removed
    # The login-walled post goes too, consistently: then the whole request is removed.
    site.mode["/p/3"] = "404"
    for hours in (8, 11, 15):
        recheck(vault, now=clock(T0 + dt.timedelta(hours=hours)))
    assert state()["/p/3"] == "removed"
    r = model.get_request(vault, req.id)
    assert r.status == "removed" and r.history[-1]["source"] == "recheck"
    # It comes back.
    site.mode["/p/2"] = "up"
    results = recheck(vault, now=clock(T0 + dt.timedelta(hours=30)))
    assert [x["status_change"] for x in results if x["url"].endswith("/p/2")] == ["reappeared"]
    assert state()["/p/2"] == "reappeared"
    assert model.get_request(vault, req.id).status == "reappeared"
    events = [e.event for e in vault.custody_log()]
    assert events.count("takedown_location_status") == 4
    assert "takedown_status" in events


def test_long_page_mentioning_the_block_host_is_up() -> None:
    from app.takedown.recheck import Fetched, classify

    long_page = b"<html><body>" + b"a post about warning.or.kr blocking " * 1000 + b"</body></html>"
    assert classify(Fetched(200, "https://forum.example/t/1", long_page))[0] == "up"
    small = b"<html><body><iframe src='http://warning.or.kr/i1.html'></iframe></body></html>"
    assert classify(Fetched(200, "https://site.example/p", small))[0] == "blocked"
    assert classify(Fetched(200, "http://warning.or.kr/i1.html", b""))[0] == "blocked"


def test_cli_recheck_one_404_is_not_removed(
    tmp_path: Path, passphrase_file: Path, site: Site
) -> None:
    vault = tmp_path / "v.locker"
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    (tmp_path / "a.txt").write_text("a")
    assert locker("add", vault, tmp_path / "a.txt", passphrase_file=passphrase_file).returncode == 0
    site.mode["/gone"] = "404"
    assert (
        locker(
            "locations", "add", vault, "1", site.url("/gone"), passphrase_file=passphrase_file
        ).returncode
        == 0
    )
    out = locker(
        "recheck", vault, "--item", "1", "--keep-page", "--json", passphrase_file=passphrase_file
    )
    assert out.returncode == 0, out.stderr
    (check,) = json.loads(out.stdout)["checks"]
    assert check["classification"] == "gone" and check["status_change"] is None
    # The page that says it is gone was kept as evidence: exactly the bytes served.
    kept = json.loads(
        locker(
            "show", vault, str(check["evidence_item"]), "--json", passphrase_file=passphrase_file
        ).stdout
    )
    assert kept["kind"] == "recheck" and kept["metadata"]["http_status"] == 404
    assert kept["source_url"] == site.url("/gone")
    assert any(e["event"] == "item_added" for e in kept["custody"])
    locs = json.loads(locker("locations", vault, "--json", passphrase_file=passphrase_file).stdout)
    assert locs["locations"][0]["status"] == "gone"
    assert site.log == ["/gone"]
    assert locker("verify", vault, passphrase_file=passphrase_file).returncode == 0

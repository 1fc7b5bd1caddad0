"""Bags re-zipped by other tools after `open-bundle` (issue 10 §7): the real Info-ZIP
`zip`, and zips written the way Windows Explorer (local code page, cp949 on Korean
Windows, no UTF-8 flag) and macOS Archive Utility (UTF-8 bytes without the flag,
`__MACOSX/` and `.DS_Store`) write them. They verify on the bag's Ed25519 signature with
a note; a changed byte is a checksum failure (exit 4)."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from app.bundle.export import export_bundle, select_items
from app.bundle.importer import import_bundle
from app.bundle.opener import open_bundle
from app.bundle.seal import Sealing
from app.bundle.verify import verify_bundle
from app.vault import Vault
from tests.bundle.conftest import fill_vault
from tests.conftest import PASSPHRASE
from tests.helpers.cli import locker

REPACKED = "re-packed by another tool"


@pytest.fixture(scope="module")
def bag(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An opened bundle folder whose payload has Korean file names (캡처 1.png)."""
    folder = tmp_path_factory.mktemp("repack")
    with Vault.create(folder / "v.locker", PASSPHRASE) as vault:
        fill_vault(vault, count=1)
        export_bundle(
            vault, folder / "b.bundle", select_items(vault, case="사건 1"), Sealing(), stamp=False
        )
    report, _written = open_bundle(folder / "b.bundle", folder / "증거 bag")
    assert report.ok
    names = [
        p.relative_to(folder / "증거 bag").as_posix()
        for p in (folder / "증거 bag").rglob("*")
        if p.is_file()
    ]
    assert any(not n.isascii() for n in names)
    return folder / "증거 bag"


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


class _LegacyName(zipfile.ZipInfo):
    """A member whose name is stored in ``encoding`` without the UTF-8 flag."""

    encoding = "utf-8"

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:
        return self.filename.encode(self.encoding), self.flag_bits & ~0x800


def _zip_like(bag: Path, target: Path, encoding: str, *, folder: bool, junk: bool = False) -> Path:
    cls = type("Name", (_LegacyName,), {"encoding": encoding})
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        prefix = bag.name + "/" if folder else ""
        for path in _files(bag):
            rel = prefix + path.relative_to(bag).as_posix()
            info = cls(rel, date_time=(2026, 1, 2, 3, 4, 6))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
            if junk:
                fork = cls(
                    f"__MACOSX/{prefix}{'/'.join(rel[len(prefix) :].split('/')[:-1])}"
                    f"/._{path.name}".replace("//", "/")
                )
                zf.writestr(fork, b"\x00\x05\x16\x07 resource fork")
        if junk:
            zf.writestr(cls(prefix + ".DS_Store"), b"Bud1 desktop metadata")
    with zipfile.ZipFile(target) as zf:  # the premise: non-ASCII names, no UTF-8 flag
        legacy = [i for i in zf.infolist() if not i.orig_filename.isascii()]
        assert legacy and not any(i.flag_bits & 0x800 for i in legacy)
    return target


def _assert_repacked_ok(target: Path) -> None:
    report = verify_bundle(target)
    assert report.ok, report.text()
    notes = [n for c in report.checks for n in c.notes]
    assert any(REPACKED in n for n in notes)


def test_info_zip_of_the_folder_contents_and_of_the_folder(bag: Path, tmp_path: Path) -> None:
    inner = tmp_path / "inner.zip"
    proc = subprocess.run(["zip", "-r", "-q", str(inner), "."], cwd=bag, capture_output=True)
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(inner) as zf:  # Info-ZIP writes UTF-8 bytes without the flag
        assert any(not i.orig_filename.isascii() and not i.flag_bits & 0x800 for i in zf.infolist())
    _assert_repacked_ok(inner)
    outer = tmp_path / "outer.zip"
    proc = subprocess.run(
        ["zip", "-r", "-q", str(outer), bag.name], cwd=bag.parent, capture_output=True
    )
    assert proc.returncode == 0, proc.stderr
    _assert_repacked_ok(outer)
    # The CLI: exit 0 with the note.
    cli = locker("verify-bundle", outer)
    assert cli.returncode == 0, cli.stdout + cli.stderr
    assert REPACKED in cli.stdout


@pytest.mark.parametrize(
    "encoding,folder,junk",
    [
        ("utf-8", True, True),  # macOS Archive Utility
        ("utf-8", False, False),  # Info-ZIP on Linux, older 7-Zip
        ("cp949", True, False),  # Windows Explorer on Korean Windows
    ],
)
def test_names_without_the_utf8_flag(
    bag: Path, tmp_path: Path, encoding: str, folder: bool, junk: bool
) -> None:
    target = _zip_like(bag, tmp_path / f"{encoding}.zip", encoding, folder=folder, junk=junk)
    _assert_repacked_ok(target)


def test_repacked_zip_imports(bag: Path, tmp_path: Path) -> None:
    target = _zip_like(bag, tmp_path / "explorer.zip", "cp949", folder=True)
    with Vault.create(tmp_path / "r.locker", PASSPHRASE) as receiver:
        result = import_bundle(receiver, target)
        assert len(result.items) == 1


def test_a_changed_byte_in_a_repacked_zip_is_a_checksum_failure(bag: Path, tmp_path: Path) -> None:
    # A file edited (same size) and the folder zipped again with Info-ZIP.
    edited = tmp_path / "edited"
    shutil.copytree(bag, edited)
    page = next(p for p in _files(edited) if p.name == "page.html")
    data = bytearray(page.read_bytes())
    data[10] ^= 0x01
    page.write_bytes(bytes(data))
    target = tmp_path / "edited.zip"
    assert subprocess.run(["zip", "-r", "-q", str(target), "."], cwd=edited).returncode == 0
    proc = locker("verify-bundle", target, "--json")
    assert proc.returncode == 4, proc.stdout + proc.stderr
    checks = {c["name"]: c for c in json.loads(proc.stdout)["checks"]}
    assert not checks["checksums"]["ok"]
    assert any("page.html" in p for p in checks["checksums"]["problems"])

    # A byte of the re-packed zip itself changed (inside a stored file's data).
    stored = tmp_path / "stored.zip"
    assert subprocess.run(["zip", "-r", "-q", "-0", str(stored), "."], cwd=bag).returncode == 0
    raw = bytearray(stored.read_bytes())
    at = raw.index(b"<html><p>post") + 8
    raw[at] ^= 0x01
    stored.write_bytes(bytes(raw))
    proc = locker("verify-bundle", stored, "--json")
    assert proc.returncode == 4, proc.stdout + proc.stderr
    checks = {c["name"]: c for c in json.loads(proc.stdout)["checks"]}
    assert not checks["checksums"]["ok"]


def test_repacked_zip_with_an_unlisted_file_is_still_refused(bag: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    shutil.copytree(bag, extra)
    (extra / "data" / "smuggled.txt").write_text("not in any manifest")
    target = tmp_path / "extra.zip"
    assert subprocess.run(["zip", "-r", "-q", str(target), "."], cwd=extra).returncode == 0
    proc = locker("verify-bundle", target)
    assert proc.returncode == 5 and "do not list" in proc.stderr


def test_our_own_zip_with_a_damaged_signature_still_fails(tmp_path: Path, bag: Path) -> None:
    """Only a zip without our signature comment is treated as re-packed."""
    bundle = bag.parent / "b.bundle"
    raw = bytearray(bundle.read_bytes())
    raw[-5] = ord("A") if raw[-5] != ord("A") else ord("B")
    target = tmp_path / "damaged.bundle"
    target.write_bytes(bytes(raw))
    report = verify_bundle(target)
    assert not report.ok

"""Settings-type files are replaced whole or not at all."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.atomic import write_text_atomically
from app.errors import StorageError


def test_replaces_whole_file_and_creates_folders(tmp_path: Path) -> None:
    target = tmp_path / "config" / "settings.json"
    write_text_atomically(target, '{"a": 1}')
    write_text_atomically(target, '{"언어": "ko"}')
    assert target.read_text(encoding="utf-8") == '{"언어": "ko"}'
    assert [p.name for p in target.parent.iterdir()] == ["settings.json"]


def test_failed_write_keeps_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_text_atomically(target, "new \udcff")  # cannot be encoded: fails mid-write
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_new_files_never_overwrite(tmp_path: Path) -> None:
    import io

    from app.atomic import write_new_file

    first = write_new_file(tmp_path / "1-photo.jpg", b"original evidence")
    second = write_new_file(tmp_path / "1-photo.jpg", io.BytesIO(b"other"))
    assert first.read_bytes() == b"original evidence"
    assert second.name == "1-photo (2).jpg" and second.read_bytes() == b"other"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["1-photo (2).jpg", "1-photo.jpg"]


# -- never-overwrite placement without hard links (FAT/exFAT) ---------------------------

import os  # noqa: E402

from app import atomic, drives  # noqa: E402
from tests.helpers.drives import act_like_a_stick  # noqa: E402


@pytest.fixture
def stick_standin(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A filesystem like a FAT/exFAT stick: no hard links, no permissions, no no-replace
    rename. Returns the notices the code gives."""
    act_like_a_stick(monkeypatch)
    notices: list[str] = []
    atomic.reset_notices()
    atomic.set_notice_handler(notices.append)
    yield notices
    atomic.set_notice_handler(None)
    atomic.reset_notices()


def test_noreplace_rename_is_used_where_supported(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.write_bytes(b"new")
    (tmp_path / "final").write_bytes(b"existing evidence")
    with pytest.raises(FileExistsError):
        atomic.place_new(tmp, tmp_path / "final")
    assert (tmp_path / "final").read_bytes() == b"existing evidence"
    assert atomic._rename_noreplace(tmp, tmp_path / "other") is True
    assert (tmp_path / "other").read_bytes() == b"new" and not tmp.exists()


def test_new_files_without_hard_links_never_overwrite(
    tmp_path: Path, stick_standin: list[str]
) -> None:
    first = atomic.write_new_file(tmp_path / "1-photo.jpg", b"original evidence")
    second = atomic.write_new_file(tmp_path / "1-photo.jpg", b"other")
    assert first.read_bytes() == b"original evidence" and second.name == "1-photo (2).jpg"
    with pytest.raises(FileExistsError):
        atomic.write_new_file(tmp_path / "1-photo.jpg", b"third", rename_if_exists=False)
    assert first.read_bytes() == b"original evidence"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["1-photo (2).jpg", "1-photo.jpg"]
    assert len(stick_standin) == 1 and "cannot keep files private" in stick_standin[0]


def test_placeholder_replaced_meanwhile_is_left_alone(
    tmp_path: Path, stick_standin: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program swaps something in for our placeholder: it is neither replaced
    nor removed, and the write reports the name as taken."""
    final, tmp = tmp_path / "case.bundle", tmp_path / ".case.bundle.part"
    tmp.write_bytes(b"complete bundle")
    real_open = os.open

    def racing_open(path: object, flags: int, mode: int = 0o777, **kw: object) -> int:
        fd = real_open(path, flags, mode, **kw)  # type: ignore[arg-type]
        if Path(str(path)) == final:
            (tmp_path / "theirs").write_bytes(b"someone else's file")
            os.replace(tmp_path / "theirs", final)
        return fd

    monkeypatch.setattr(os, "open", racing_open)
    with pytest.raises(FileExistsError):
        atomic.place_new(tmp, final)
    monkeypatch.setattr(os, "open", real_open)
    assert final.read_bytes() == b"someone else's file"
    assert tmp.read_bytes() == b"complete bundle"


def test_vault_backup_export_extract_open_on_a_stick_standin(
    tmp_path: Path, stick_standin: list[str], passphrase: str
) -> None:
    """Everything that writes outside the config folder works where link() and chmod()
    fail, and what it wrote verifies."""
    from app.bundle.export import export_bundle, select_items
    from app.bundle.opener import open_bundle
    from app.bundle.seal import Sealing
    from app.bundle.verify import verify_bundle
    from app.services.extract import extract_item
    from app.vault import Vault
    from app.vault.maintenance import backup
    from app.vault.models import NewArtifact, NewItem
    from app.vault.verify import verify_vault

    stick = tmp_path / "stick"
    stick.mkdir()
    vault = Vault.create(stick / "case.locker", passphrase)
    try:
        vault.add_item(
            NewItem("file", "Case 1", "photo.jpg"),
            [NewArtifact("original", "photo.jpg", b"\xff\xd8 synthetic", "image/jpeg")],
        )
        (stick / "copies").mkdir()
        copy_path = backup(vault, f"{stick / 'copies'}/")
        result = export_bundle(
            vault, stick / "case.bundle", select_items(vault, "Case 1"), Sealing(), stamp=False
        )
        written = extract_item(vault, "1", stick / "exhibits")
    finally:
        vault.close()
    copy = Vault.open(copy_path, passphrase)
    try:
        assert verify_vault(copy).ok
    finally:
        copy.close()
    assert verify_bundle(result.path).ok
    report, files = open_bundle(result.path, stick / "opened")
    assert report.ok and files
    assert verify_bundle(stick / "opened").ok
    assert [p.read_bytes() for p in written] == [b"\xff\xd8 synthetic"]
    assert len(stick_standin) == 1  # said once for the drive
    leftovers = [p.name for p in stick.rglob(".*")]
    assert leftovers == []


def test_check_room_refuses_fat32_over_4gib_and_too_little_space(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(drives, "filesystem_type", lambda folder: "vfat")
    drives.check_room(tmp_path, 10, largest=drives.FAT_MAX_FILE, what="backup")
    with pytest.raises(StorageError, match="FAT32.*4 GiB.*exFAT or NTFS"):
        drives.check_room(tmp_path, 5 * 1024**3, what="backup")
    monkeypatch.setattr(drives, "filesystem_type", lambda folder: "exfat")
    free = __import__("shutil").disk_usage(tmp_path).free
    with pytest.raises(StorageError, match="Not enough free space"):
        drives.check_room(tmp_path, free + 1, what="backup")


def test_os_failure_names_the_step_and_the_system_reason() -> None:
    from app.errors import RejectedInput, StorageError, os_failure

    full = os_failure(OSError(errno.ENOSPC, "No space left on device"), "Reading the file failed")
    assert isinstance(full, StorageError)
    assert str(full) == "Reading the file failed: No space left on device"
    bare = os_failure(OSError("stale handle"), "Cannot read x.pem", RejectedInput)
    assert isinstance(bare, RejectedInput) and str(bare) == "Cannot read x.pem: stale handle"

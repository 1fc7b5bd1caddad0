"""Settings-type files are replaced whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.atomic import write_text_atomically


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

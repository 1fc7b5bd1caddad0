"""Files the CLI reads that cannot be read: one typed error naming the file and the
system's reason (app.errors.os_failure), never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.commands.common import read_secret_file
from app.commands.timestamp_cmds import _hash_file, _read
from app.errors import EXIT_USAGE, RejectedInput, UsageError
from tests.helpers.cli import locker


def test_a_passphrase_file_that_is_a_folder(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"Cannot read the passphrase file .*: Is a directory"):
        read_secret_file(tmp_path)
    res = locker("init", tmp_path / "v.locker", passphrase_file=tmp_path)
    assert res.returncode == EXIT_USAGE
    assert res.stderr.startswith("locker: Cannot read the passphrase file")
    assert "Traceback" not in res.stderr and len(res.stderr.splitlines()) == 1


def test_a_data_file_that_is_a_folder(tmp_path: Path) -> None:
    with pytest.raises(RejectedInput, match=r"Cannot read the data file .*: Is a directory"):
        _hash_file(tmp_path, "sha256")


def test_a_token_file_that_cannot_be_read(tmp_path: Path) -> None:
    link = tmp_path / "loop"
    link.symlink_to(link)  # stat fails with ELOOP: not "missing", not "a folder"
    with pytest.raises(RejectedInput, match=r"Cannot read the token file .*: Too many levels"):
        _read(link, "token file")

"""`locker extract` names every file "ID-name" (issue 10 §8): a backslash in a name (legal
on Linux, and in the \\xNN escapes of a name that is not UTF-8) used to be taken for a
folder separator, so the item number and everything before it were dropped."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from tests.helpers.cli import locker

NAMES = {
    b"scan\\page1.pdf": "scan_page1.pdf",
    b"latin1-caf\xe9.jpg": "latin1-caf_xe9.jpg",  # stored as "latin1-caf\xe9.jpg"
    b"\xff\xfe.png": "_xff_xfe.png",
    b"C:\\Users\\me\\shot.png": "C__Users_me_shot.png",
}


def test_extracted_names_keep_the_item_number_and_the_whole_name(
    tmp_path: Path, passphrase_file: Path
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    vault = tmp_path / "v.locker"
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    shas = {}
    for raw in NAMES:
        path = os.path.join(os.fsencode(src), raw)
        with open(path, "wb") as fh:
            fh.write(b"evidence " + raw)
        shas[raw] = hashlib.sha256(b"evidence " + raw).hexdigest()
        added = locker("add", vault, os.fsdecode(path), passphrase_file=passphrase_file)
        assert added.returncode == 0, added.stderr
    out = tmp_path / "out"
    for item_id, raw in enumerate(NAMES, start=1):
        extracted = locker(
            "extract", vault, str(item_id), "--out", out, passphrase_file=passphrase_file
        )
        assert extracted.returncode == 0, extracted.stderr
        written = out / f"{item_id}-{NAMES[raw]}"
        assert written.is_file(), sorted(p.name for p in out.iterdir())
        assert hashlib.sha256(written.read_bytes()).hexdigest() == shas[raw]
    assert len(list(out.iterdir())) == len(NAMES)

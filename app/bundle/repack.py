"""Bags re-zipped by other tools (Info-ZIP ``zip -r``, Windows Explorer, 7-Zip, macOS
Archive Utility) after ``open-bundle``: what differs from our own zips, and how names
are read back.

- No whole-file signature in the archive comment: such a zip is verified on the bag's
  own Ed25519 signature over the tag manifest and the manifests (a note says so).
- Often one top-level folder (``zip -r out.zip folder``, "Send to compressed folder"):
  it is stripped when it holds ``bagit.txt``.
- macOS adds ``__MACOSX/`` resource forks and ``.DS_Store``; Windows ``Thumbs.db`` and
  ``desktop.ini``. They are ignored (never read) in re-packed zips only.
- Names without the UTF-8 flag are cp437 by the zip specification, but Info-ZIP and macOS
  write UTF-8 bytes without the flag and Windows Explorer writes the local code page (cp949
  on Korean Windows). Such names are read as UTF-8 when they are valid UTF-8; the cp949 and
  cp437 readings are kept as alternatives, used when the manifests list one of them.
"""

from __future__ import annotations

import zipfile

UTF8_FLAG = 0x800
LEGACY_ENCODINGS = ("utf-8", "cp949")
_JUNK_FILES = {".DS_Store", "Thumbs.db", "desktop.ini", "Desktop.ini"}


def member_names(info: zipfile.ZipInfo) -> tuple[str, list[str]]:
    """The name to use for a member, and other readings of the same bytes."""
    if info.flag_bits & UTF8_FLAG or info.filename.isascii():
        return info.filename, []
    raw = info.orig_filename.encode("cp437")  # the bytes in the zip (cp437 is one-to-one)
    readings: list[str] = []
    for encoding in LEGACY_ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text not in readings:
            readings.append(text)
    if info.filename not in readings:
        readings.append(info.filename)  # zipfile's cp437 reading, the specification's
    return readings[0], readings[1:]


def is_junk(name: str) -> bool:
    """Desktop metadata files that archivers add to a re-packed folder."""
    parts = name.rstrip("/").split("/")
    return parts[0] == "__MACOSX" or parts[-1] in _JUNK_FILES or parts[-1].startswith("._")


def top_folder(names: list[str]) -> str:
    """``"folder/"`` when every (non-junk) name is inside one folder holding bagit.txt."""
    real = [n for n in names if not is_junk(n)]
    if not real or "bagit.txt" in real:
        return ""
    first = real[0].split("/", 1)[0] + "/"
    if first + "bagit.txt" in real and all(n.startswith(first) for n in real):
        return first
    return ""

"""Reading untrusted bundle zips defensively, with Python's ``zipfile`` (never extractall).

Before anything is read: the member count is capped, every name is checked (absolute,
``..``, backslashes, drive letters, control characters, duplicates, names that collide
after case folding or Unicode NFC), symlinks and other special files are refused,
encryption and unusual compression methods are refused, and every member's declared
compression ratio is capped. While reading, bytes are counted against the declared size
and a total budget, so a lying header cannot inflate.
"""

from __future__ import annotations

import hashlib
import re
import stat
import unicodedata
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any, Protocol

from app.bundle import repack
from app.bundle.errors import BundleRejected, MemberDamaged
from app.bundle.zipsig import claims_signature

READ_BLOCK = 1024 * 1024
# Fields of the end record as zipfile._EndRecData returns it (zipfile's _ECD_* indices).
_ECD_ENTRIES_TOTAL, _ECD_COMMENT_SIZE, _ECD_LOCATION = 4, 7, 9


@dataclass(frozen=True)
class Limits:
    max_members: int = 20_000
    max_total_bytes: int = 1 << 40  # 1 TiB of uncompressed content
    max_ratio: int = 200  # uncompressed / compressed, for members over ratio_floor
    max_total_ratio: int = 50  # all content / the zip file's size
    ratio_floor: int = 1024 * 1024
    max_name_bytes: int = 400


DEFAULT_LIMITS = Limits()
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def check_name(name: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Raise BundleRejected unless ``name`` is a plain relative path inside the bag."""
    shown = _CONTROL.sub("?", name)[:120]
    if not name or len(name.encode("utf-8", "surrogatepass")) > limits.max_name_bytes:
        raise BundleRejected(f"Bundle member name is empty or too long: '{shown}'.")
    if "\\" in name:
        raise BundleRejected(f"Bundle member name has a backslash: '{shown}'.")
    if name.startswith("/") or _DRIVE.match(name):
        raise BundleRejected(f"Bundle member has an absolute path: '{shown}'.")
    if _CONTROL.search(name):
        raise BundleRejected(f"Bundle member name has control characters: '{shown}'.")
    parts = name.rstrip("/").split("/")
    if any(p in ("", ".", "..") for p in parts):
        raise BundleRejected(f"Bundle member path escapes or is not normal: '{shown}'.")
    if any(p != p.strip() or p.endswith(".") for p in parts):
        raise BundleRejected(f"Bundle member name has trailing spaces or dots: '{shown}'.")


def collision_key(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


class BagSource(Protocol):
    """What verification reads: a checked zip (SafeZip) or an unpacked folder (DirBag)."""

    limits: Limits

    @property
    def members(self) -> Mapping[str, Any]: ...
    @property
    def names(self) -> list[str]: ...
    @property
    def comment(self) -> bytes | None: ...
    def size(self, name: str) -> int: ...
    def iter_blocks(self, name: str, block: int = READ_BLOCK) -> Iterator[bytes]: ...
    def read_small(self, name: str, cap: int) -> bytes: ...
    def digest_before_comment(self) -> bytes: ...


class SafeZip:
    """An untrusted zip, checked on open. ``names`` lists its regular files.

    A zip without our whole-file signature was re-packed by another tool
    (``repacked``): one top-level folder holding the bag is stripped (``prefix``) and
    desktop metadata files are left out (``ignored``); see app/bundle/repack.py."""

    def __init__(self, fileobj: IO[bytes], limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self._fileobj = fileobj
        self._check_end_record(fileobj)
        try:
            self._zip = zipfile.ZipFile(fileobj)
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            NotImplementedError,
            ValueError,
            EOFError,
            OSError,
        ) as exc:  # NotImplementedError: "version needed" too high
            raise BundleRejected(f"The bundle is not a readable zip file ({exc}).") from exc
        self.members: dict[str, zipfile.ZipInfo] = {}
        seen: dict[str, str] = {}
        total = 0
        infos = self._zip.infolist()
        if len(infos) > limits.max_members:
            raise BundleRejected(
                f"The bundle has too many members ({len(infos)}; at most {limits.max_members})."
            )
        self.repacked = not claims_signature(bytes(self._zip.comment))
        self.ignored: list[str] = []
        self._others: dict[str, list[str]] = {}  # other readings of names without UTF-8 flag
        readings = [(info, *repack.member_names(info)) for info in infos]
        self.prefix = repack.top_folder([r[1] for r in readings]) if self.repacked else ""
        for info, name, others in readings:
            if self.repacked and repack.is_junk(name):
                check_name(name, limits)
                self.ignored.append(name)
                continue
            if self.prefix:
                name = name[len(self.prefix) :]
                others = [o[len(self.prefix) :] for o in others if o.startswith(self.prefix)]
                if not name:  # the folder's own entry
                    continue
            check_name(name, limits)
            if others:
                self._others[name] = others
            mode = (info.external_attr >> 16) & 0xFFFF
            kind = stat.S_IFMT(mode)
            if kind == stat.S_IFLNK:
                raise BundleRejected(f"Bundle member '{name[:120]}' is a symbolic link.")
            if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
                raise BundleRejected(f"Bundle member '{name[:120]}' is not a regular file.")
            key = collision_key(name.rstrip("/"))
            if key in seen:
                what = "twice" if seen[key] == name else f"colliding with '{seen[key][:120]}'"
                raise BundleRejected(f"Bundle member '{name[:120]}' appears {what}.")
            seen[key] = name
            if info.is_dir():
                if info.file_size:
                    raise BundleRejected(f"Bundle folder entry '{name[:120]}' has content.")
                continue
            if info.flag_bits & 0x1:
                raise BundleRejected(f"Bundle member '{name[:120]}' is encrypted inside the zip.")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise BundleRejected(
                    f"Bundle member '{name[:120]}' uses an unsupported compression."
                )
            if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
                raise BundleRejected(f"Bundle member '{name[:120]}' has inconsistent sizes.")
            if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(
                info.compress_size, 1
            ):
                raise BundleRejected(
                    f"Bundle member '{name[:120]}' expands suspiciously (a zip bomb?)."
                )
            total += info.file_size
            if total > limits.max_total_bytes:
                raise BundleRejected("The bundle's content is larger than the allowed total.")
            self.members[name] = info
        self._check_layout(fileobj, total)
        self.declared_total = total
        self.streamed = 0

    def adopt_listed_names(self, listed: set[str]) -> list[str]:
        """Rename members whose name (stored without the UTF-8 flag) the manifests do not
        list but whose other reading (cp949, cp437) they do; the renamed names."""
        renamed = []
        for name, others in self._others.items():
            match = [o for o in others if o in listed]
            if (
                name in listed
                or name not in self.members
                or len(match) != 1
                or match[0] in self.members
            ):
                continue
            self.members[match[0]] = self.members.pop(name)
            renamed.append(match[0])
        if len({collision_key(n) for n in self.members}) != len(self.members):
            raise BundleRejected("Bundle member names collide once read in their encoding.")
        return renamed

    def _check_layout(self, fileobj: IO[bytes], total: int) -> None:
        """Members may not share or overlap their stored bytes (the trick behind overlap
        zip bombs), and the whole may not expand far beyond the file's size."""
        size = fileobj.seek(0, 2)
        fileobj.seek(0)
        infos = sorted(self.members.values(), key=lambda i: i.header_offset)
        for this, following in zip(infos, infos[1:], strict=False):
            name_len = len(
                this.orig_filename.encode("utf-8" if this.flag_bits & 0x800 else "cp437", "replace")
            )
            # 30 bytes of local header + name + stored data is a lower bound of its extent.
            if this.header_offset + 30 + name_len + this.compress_size > following.header_offset:
                raise BundleRejected(
                    f"Bundle members '{this.filename[:80]}' and "
                    f"'{following.filename[:80]}' overlap (a zip bomb?)."
                )
        if total > self.limits.ratio_floor * 64 + size * self.limits.max_total_ratio:
            raise BundleRejected(
                "The bundle's content would expand far beyond its size (a zip bomb?)."
            )

    def _check_end_record(self, fileobj: IO[bytes]) -> None:
        """Before zipfile loads the directory, from zipfile's own end-record reader: refuse
        too many entries, and a zip that does not end where its end record says (zipfile
        takes the comment length from the record and ignores bytes missing or following;
        our whole-file signature is that comment, so a zeroed length or a file cut inside
        it would read as a zip re-packed without one)."""
        end_rec = getattr(zipfile, "_EndRecData", None)
        if end_rec is None:
            return
        try:
            record = end_rec(fileobj)
        except (OSError, ValueError, EOFError, zipfile.BadZipFile):
            record = None
        if record is None:
            raise BundleRejected("The bundle is not a readable zip file (no end record).")
        if int(record[_ECD_LOCATION]) + 22 + int(record[_ECD_COMMENT_SIZE]) != fileobj.seek(0, 2):
            raise BundleRejected(
                "The bundle's zip does not end where its end record says: it was cut short "
                "or bytes were added after it."
            )
        if int(record[_ECD_ENTRIES_TOTAL]) > self.limits.max_members:
            raise BundleRejected(
                f"The bundle has too many members ({record[_ECD_ENTRIES_TOTAL]}; "
                f"at most {self.limits.max_members})."
            )
        fileobj.seek(0)

    @property
    def names(self) -> list[str]:
        return list(self.members)

    def size(self, name: str) -> int:
        return self.members[name].file_size

    def iter_blocks(self, name: str, block: int = READ_BLOCK) -> Iterator[bytes]:
        """The member's bytes in blocks, counted against its declared size and the total
        budget; CRC and truncation problems become BundleRejected."""
        info = self.members[name]
        got = 0
        try:
            with self._zip.open(info) as fh:
                while True:
                    data = fh.read(block)
                    if not data:
                        break
                    got += len(data)
                    self.streamed += len(data)
                    if got > info.file_size or self.streamed > self.limits.max_total_bytes:
                        raise BundleRejected(
                            f"Bundle member '{name[:120]}' is larger than declared."
                        )
                    yield data
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise MemberDamaged(f"Bundle member '{name[:120]}' is damaged ({exc}).") from exc
        except Exception as exc:  # zlib.error and friends
            if isinstance(exc, BundleRejected):
                raise
            raise MemberDamaged(f"Bundle member '{name[:120]}' is damaged ({exc}).") from exc
        if got != info.file_size:
            raise MemberDamaged(f"Bundle member '{name[:120]}' is truncated.")

    def read_small(self, name: str, cap: int) -> bytes:
        """A whole member that must be at most ``cap`` bytes (JSON, text, tokens)."""
        if self.members[name].file_size > cap:
            raise BundleRejected(
                f"Bundle member '{name[:120]}' is too large ({cap} bytes at most)."
            )
        return b"".join(self.iter_blocks(name))

    @property
    def comment(self) -> bytes | None:
        return bytes(self._zip.comment)

    def digest_before_comment(self) -> bytes:
        """SHA-256 of the raw zip bytes before the archive comment (for the whole-file
        signature); reads the file in blocks."""
        fh = self._fileobj
        end = fh.seek(0, 2)
        remaining = max(0, end - len(self._zip.comment))
        fh.seek(0)
        digest = hashlib.sha256()
        while remaining:
            block = fh.read(min(READ_BLOCK, remaining))
            if not block:
                raise BundleRejected("The bundle is truncated.")
            digest.update(block)
            remaining -= len(block)
        return digest.digest()

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

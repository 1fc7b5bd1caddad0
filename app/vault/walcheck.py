"""A leftover write-ahead log (``VAULT-wal``) checked before SQLite replays it.

After a crash SQLite rebuilds its view of the vault from the -wal: it reads frames in
order and stops at the first frame whose salts differ from the log header's or whose
running checksum does not match ("WAL file format", https://sqlite.org/fileformat2.html
§4). Everything after that point is silently ignored, including transactions that were
committed and reported saved. SQLCipher encrypts page contents, but the header and frame
headers are plain, so this module can tell, without the key, whether committed frames
would be dropped; :func:`repaired_log` writes a copy of the log with the chain of salts
and checksums made whole again (used by ``locker recover``).
"""

from __future__ import annotations

import hashlib
import os
import struct
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from app.errors import StorageError

MAGIC_LE, MAGIC_BE = 0x377F0682, 0x377F0683
VERSION = 3007000
HEADER = 32
FRAME_HEADER = 24


def checksum(data: bytes, s0: int, s1: int, big_endian: bool) -> tuple[int, int]:
    """SQLite's WAL checksum over ``data`` (a multiple of 8 bytes), continuing s0, s1."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    mask = 0xFFFFFFFF
    for x0, x1 in zip(words[0::2], words[1::2], strict=True):
        s0 = (s0 + x0 + s1) & mask
        s1 = (s1 + x1 + s0) & mask
    return s0, s1


@dataclass
class Frame:
    index: int  # 0-based position in the file
    offset: int
    page: int
    commit: int  # database size in pages after this commit; 0 = not a commit frame
    salts: tuple[int, int]
    stored: tuple[int, int]
    chained: bool = False  # checksum right when continuing from the previous valid frame
    intact: bool = False  # checksum right when continuing from the previous stored value


@dataclass
class WalReport:
    path: Path
    page_size: int
    big_endian: bool
    header_ok: bool
    salts: tuple[int, int]
    frames: list[Frame]
    valid: int  # frames SQLite will use (up to and including the last valid commit)
    ours: list[int] = field(default_factory=list)  # indexes of frames of this log generation
    damaged: list[int] = field(default_factory=list)  # of those, frames whose own bytes fail

    @property
    def lost_commits(self) -> int:
        """Committed transactions after the point where SQLite stops."""
        return sum(1 for i in self.ours if i >= self.valid and self.frames[i].commit)

    @property
    def would_drop(self) -> bool:
        # An uncommitted tail (a crash mid-transaction) is dropped by design: not a loss.
        return self.lost_commits > 0

    def describe(self) -> str:
        where = (
            "its header is damaged"
            if not self.header_ok
            else f"frame {self.valid + 1} of {len(self.frames)} is damaged"
        )
        return (
            f"the write-ahead log left by an interrupted session ({self.path.name}) is "
            f"damaged ({where}); SQLite would silently drop {self.lost_commits} saved "
            f"change(s) after that point"
        )


def _frames(fh: BinaryIO, page_size: int) -> Iterator[tuple[int, bytes, bytes]]:
    offset = HEADER
    while True:
        fh.seek(offset)
        head = fh.read(FRAME_HEADER)
        body = fh.read(page_size)
        if len(head) < FRAME_HEADER or len(body) < page_size:
            return  # a partial frame at the end was never committed
        yield offset, head, body
        offset += FRAME_HEADER + page_size


def analyse(wal: Path) -> WalReport | None:
    """Parse the log; None when it is empty or not a WAL file at all (SQLite ignores it)."""
    with open(wal, "rb") as fh:
        header = fh.read(HEADER)
        if len(header) < HEADER:
            return None
        magic, version, page_size, _ckpt, salt1, salt2, c0, c1 = struct.unpack(">8I", header)
        if (
            magic not in (MAGIC_LE, MAGIC_BE)
            or page_size < 512
            or page_size > 65536
            or page_size & (page_size - 1)
        ):
            return None
        big = magic == MAGIC_BE
        header_ok = version == VERSION and checksum(header[:24], 0, 0, big) == (c0, c1)
        salts = (salt1, salt2)
        frames: list[Frame] = []
        run = (c0, c1)  # running checksum of the valid chain
        prev_stored = (c0, c1)
        chain_alive = header_ok
        valid = 0
        for index, (offset, head, body) in enumerate(_frames(fh, page_size)):
            page, commit, s1, s2, k0, k1 = struct.unpack(">6I", head)
            frame = Frame(index, offset, page, commit, (s1, s2), (k0, k1))
            own = checksum(body, *checksum(head[:8], *prev_stored, big), big)
            frame.intact = own == (k0, k1)
            if chain_alive:
                got = (
                    own
                    if run == prev_stored
                    else checksum(body, *checksum(head[:8], *run, big), big)
                )
                if (s1, s2) == salts and page != 0 and got == (k0, k1):
                    frame.chained = True
                    run = got
                    if commit:
                        valid = index + 1
                else:
                    chain_alive = False
            prev_stored = (k0, k1)
            frames.append(frame)
    report = WalReport(wal, page_size, big, header_ok, salts, frames, valid)
    if not header_ok and frames:
        salts = report.salts = frames[0].salts  # a damaged header: trust the frames
    for f in frames:
        # A frame is of this log generation when it carries its salts, or when its checksum
        # continues the one before it (a flipped bit in its own salt field).
        if f.salts == salts or (f.intact and f.index > 0 and frames[f.index - 1].salts == salts):
            report.ours.append(f.index)
    report.damaged = [i for i in report.ours if not frames[i].intact]
    return report


def check(vault: Path) -> WalReport | None:
    """The report when a leftover -wal beside ``vault`` would lose committed frames."""
    wal = Path(f"{vault}-wal")
    try:
        if not wal.is_file() or wal.stat().st_size <= HEADER:
            return None
        report = analyse(wal)
    except OSError:
        return None
    if report is None or not report.would_drop:
        return None
    return report


def repaired_log(
    report: WalReport, out: Path, *, skip: frozenset[int] = frozenset(), upto: int | None = None
) -> int:
    """Write a log holding this generation's frames (without ``skip``; only the first
    ``upto`` when given) with salts and checksums made consistent, ending at the last
    commit frame kept. Returns the number of commit frames written."""
    big = report.big_endian
    salt1, salt2 = report.salts
    keep = [i for i in report.ours if i not in skip and (upto is None or i < upto)]
    last_commit = max((n for n, i in enumerate(keep) if report.frames[i].commit), default=-1)
    keep = keep[: last_commit + 1]
    with open(report.path, "rb") as src, open(out, "xb") as dst:
        src.seek(0)
        header = bytearray(src.read(HEADER))
        magic = MAGIC_BE if big else MAGIC_LE
        struct.pack_into(
            ">4I",
            header,
            0,
            magic,
            VERSION,
            report.page_size,
            struct.unpack_from(">I", header, 12)[0],
        )
        struct.pack_into(">2I", header, 16, salt1, salt2)
        run = checksum(bytes(header[:24]), 0, 0, big)
        struct.pack_into(">2I", header, 24, *run)
        dst.write(header)
        commits = 0
        for i in keep:
            f = report.frames[i]
            src.seek(f.offset + FRAME_HEADER)
            body = src.read(report.page_size)
            head = bytearray(struct.pack(">6I", f.page, f.commit, salt1, salt2, 0, 0))
            run = checksum(body, *checksum(bytes(head[:8]), *run, big), big)
            struct.pack_into(">2I", head, 16, *run)
            dst.write(head)
            dst.write(body)
            commits += 1 if f.commit else 0
    return commits


def in_use_elsewhere(vault: Path) -> bool:
    """Whether another process has the vault open (then its -wal is live, not leftover):
    SQLite connections hold a read lock on byte 128 of the -shm (os_unix.c, UNIX_SHM_DMS).
    Asked with F_GETLK, which neither takes a lock nor writes."""
    shm = Path(f"{vault}-shm")
    if not shm.is_file():
        return False
    try:
        import fcntl
    except ImportError:  # Windows: no way to ask; treat the -wal as leftover
        return False
    if sys.platform.startswith("linux"):
        fmt, args = "hhxxxxqqixxxx", (fcntl.F_WRLCK, 0, 128, 1, 0)
    elif sys.platform == "darwin":
        fmt, args = "qqihh", (128, 1, 0, fcntl.F_WRLCK, 0)
    else:
        return False
    try:
        fd = os.open(shm, os.O_RDONLY)
    except OSError:
        return False
    try:
        raw = fcntl.fcntl(fd, fcntl.F_GETLK, struct.pack(fmt, *args))
    except OSError:
        return False
    finally:
        os.close(fd)
    values = struct.unpack(fmt, raw)
    lock_type = values[0] if sys.platform.startswith("linux") else values[3]
    return bool(lock_type != fcntl.F_UNLCK)


def keep_copy(report: WalReport) -> Path | None:
    """A copy of the damaged log beside the vault (named by its hash, made once), so no
    later step can lose what it holds. None when the folder cannot be written."""
    from app.atomic import write_new_file

    digest = hashlib.sha256()
    with open(report.path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    target = report.path.with_name(f"{report.path.name}.damaged-{digest.hexdigest()[:12]}")
    if target.is_file() and target.stat().st_size == report.path.stat().st_size:
        return target
    try:
        with open(report.path, "rb") as fh:
            return write_new_file(target, fh)
    except Exception:  # noqa: BLE001 - a read-only folder: the message says so
        return None


class DamagedLogReadOnly(StorageError):
    """A write to a vault opened read-only because its leftover -wal is damaged."""


@dataclass
class WalDamage:
    report: WalReport
    kept: Path | None

    def message(self) -> str:
        vault = self.report.path.name.removesuffix("-wal")
        kept = (
            f"A copy of that log is kept as {self.kept.name}."
            if self.kept
            else "The folder is read-only, so no copy of that log could be kept: do not "
            f"delete {self.report.path.name}."
        )
        return (
            f"The vault was opened read-only: {self.report.describe()}, so items that "
            f"were reported saved may be missing from what you see. {kept} Nothing "
            "was changed. Either restore your latest backup, or run `locker recover "
            f"{vault} --out NEW.locker` to build a new vault from everything intact."
        )

    def write_refused(self) -> DamagedLogReadOnly:
        # Short: the full explanation was already given when the vault was opened.
        vault = self.report.path.name.removesuffix("-wal")
        return DamagedLogReadOnly(
            "Nothing can be written to this vault: it is open read-only because its leftover "
            "write-ahead log is damaged. Restore your latest backup, or run `locker recover "
            f"{vault} --out NEW.locker`."
        )

    def to_json(self) -> dict[str, object]:
        r = self.report
        return {
            "wal": str(r.path),
            "frames": len(r.frames),
            "frames_used": r.valid,
            "lost_commits": r.lost_commits,
            "header_ok": r.header_ok,
            "kept_copy": None if self.kept is None else str(self.kept),
        }

"""Vault benchmarks: printed ratios against baselines measured in the same run.

Run: .venv/bin/python -m tests.bench.bench_vault   (not part of the unit tests; no asserts)

- open:  Vault.open time (target: under 1 s) vs one bare Argon2id derivation.
- add:   storing a 256 MiB file vs writing the same bytes to a plain file with fsync.
- read:  streaming it back vs reading the plain file.
- verify: full verification vs hashing the plain file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path

from app.vault import Vault, kdf
from app.vault.verify import verify_vault

SIZE_MIB = 256


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        src = root / "src.bin"
        block = os.urandom(1024 * 1024)

        def write_plain() -> None:
            with open(src, "wb") as fh:
                for _ in range(SIZE_MIB):
                    fh.write(block)
                fh.flush()
                os.fsync(fh.fileno())

        base_write = timed(write_plain)
        base_read = timed(lambda: src.read_bytes())
        base_hash = timed(lambda: hashlib.sha256(src.read_bytes()).hexdigest())
        base_kdf = timed(lambda: kdf.derive_key("pw", kdf.new_salt()))

        vault = Vault.create(root / "v.locker", "pw")
        add = timed(lambda: vault.add_file(src))
        read = timed(lambda: vault.open_artifact(1).readall())
        verify = timed(lambda: verify_vault(vault))
        vault.close()
        open_time = timed(lambda: Vault.open(root / "v.locker", "pw").close())

        print(f"open   {open_time:.3f} s  (target < 1 s; {open_time / base_kdf:.2f}x one Argon2id)")
        print(f"add    {SIZE_MIB / add:.0f} MiB/s  ({add / base_write:.2f}x plain write+fsync)")
        print(f"read   {SIZE_MIB / read:.0f} MiB/s  ({read / base_read:.2f}x plain read)")
        print(f"verify {SIZE_MIB / verify:.0f} MiB/s  ({verify / base_hash:.2f}x plain SHA-256)")


if __name__ == "__main__":
    main()

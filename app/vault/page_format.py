"""How a vault's pages are encrypted and authenticated, named by the salt's first byte.

The first byte of the plaintext salt (kdf.py) names the vault's format: the Argon2id
parameter set and the SQLCipher page settings. Every opener (key check, read-write and
read-only connections, backup/passphrase exports, recover) takes the settings from here,
so old vaults keep their format, read and written, and new vaults get the newest one.

- 1: 4 KiB pages, HMAC-SHA512 (SQLCipher 4's defaults): vaults made before issue 15.
- 2: 16 KiB pages, HMAC-SHA256: about half the CPU per stored byte (measured in
  docs/performance.md; this CPU has SHA extensions for SHA-256 only). Each page still
  carries its own random IV and a MAC over its page number and ciphertext; a 256-bit
  HMAC-SHA256 tag is as unforgeable as a truncated-to-256 SHA-512 one in practice
  (ARCHITECTURE.md, "Page format").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.vault import kdf

Connection = Any


@dataclass(frozen=True)
class PageFormat:
    version: int
    page_size: int
    hmac: str  # SQLCipher's cipher_hmac_algorithm

    def describe(self) -> str:
        return f"{self.page_size // 1024} KiB pages, {self.hmac.replace('_', '-')}"


FORMATS: dict[int, PageFormat] = {
    1: PageFormat(version=1, page_size=4096, hmac="HMAC_SHA512"),
    2: PageFormat(version=2, page_size=16384, hmac="HMAC_SHA256"),
}


def for_salt(salt: bytes) -> PageFormat:
    """The page settings a vault with this salt uses (NotAVault for an unknown byte)."""
    return FORMATS[kdf.params_for_salt(salt).version]


def apply(conn: Connection, salt: bytes, schema: str = "") -> None:
    """Set the page settings on ``conn`` right after its key (before the first read);
    ``schema`` names an attached database (``"backup"``), empty for the main one."""
    fmt = for_salt(salt)
    prefix = f"{schema}." if schema else ""
    conn.execute(f"PRAGMA {prefix}cipher_page_size = {fmt.page_size}")
    conn.execute(f"PRAGMA {prefix}cipher_hmac_algorithm = {fmt.hmac}")

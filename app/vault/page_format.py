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

from app.errors import NotAVault
from app.vault import kdf

Connection = Any


@dataclass(frozen=True)
class PageFormat:
    version: int
    page_size: int
    hmac: str  # SQLCipher's cipher_hmac_algorithm

    def describe(self) -> str:
        return f"{self.page_size // 1024} KiB pages, {self.hmac.replace('_', '-')}"


# Keyed by the same salt byte as kdf.PARAM_SETS: a new byte needs an entry in both
# (tests/vault/test_page_format.py checks the keys are the same).
FORMATS: dict[int, PageFormat] = {
    1: PageFormat(version=1, page_size=4096, hmac="HMAC_SHA512"),
    2: PageFormat(version=2, page_size=16384, hmac="HMAC_SHA256"),
}


def for_salt(salt: bytes) -> PageFormat:
    """The page settings a vault with this salt uses (NotAVault for an unknown byte)."""
    version = kdf.params_for_salt(salt).version
    fmt = FORMATS.get(version)
    if fmt is None:  # a KDF set without page settings: never guess them
        raise NotAVault(
            "This vault was made by a newer version of the app (unknown page format "
            f"{version}); open it with that version."
        )
    return fmt


NEWEST = kdf.CURRENT_VERSION  # what new vaults and `locker passwd` get


def upgrade_note(salt: bytes) -> str | None:
    """What `locker verify` says about a vault still in an older page format (a note,
    not a failure); None for the newest."""
    fmt = for_salt(salt)
    if fmt.version == NEWEST:
        return None
    return (
        f"this vault still uses page format {fmt.version} ({fmt.describe()}); "
        f"`locker passwd` converts it to format {NEWEST} ({FORMATS[NEWEST].describe()}, "
        "faster)"
    )


def apply(conn: Connection, salt: bytes, schema: str = "") -> None:
    """Set the page settings on ``conn`` right after its key (before the first read);
    ``schema`` names an attached database (``"backup"``), empty for the main one."""
    fmt = for_salt(salt)
    prefix = f"{schema}." if schema else ""
    conn.execute(f"PRAGMA {prefix}cipher_page_size = {fmt.page_size}")
    conn.execute(f"PRAGMA {prefix}cipher_hmac_algorithm = {fmt.hmac}")

"""What bundle verification reports, and what it hands to the importer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.bundle import checks
from app.vault.custody import ChainEntry

Progress = Callable[[int, int], None]


@dataclass
class BundleReport:
    ok: bool = False
    bundle_id: str = ""
    created_at: str = ""
    sealing: str = ""
    signer_fingerprint: str = ""
    exporter_vault_id: str = ""
    tagmanifest_sha256: str = ""
    exhibits: list[dict[str, Any]] = field(default_factory=list)
    transfers: list[dict[str, Any]] = field(default_factory=list)
    checks: list[checks.Finding] = field(default_factory=list)
    # Chains of earlier holders not proven by their own signature (holders.py).
    unverified_holders: list[dict[str, Any]] = field(default_factory=list)
    # Whether a verified token covers the exporter's chain (so its time-stamped
    # vault_created entry ties the signing key to the vault); see identity_warning.
    identity_anchored: bool = False

    @property
    def identity_warning(self) -> str | None:
        """Said loudly when nothing time-stamped ties the signing key to the vault: then a
        forger who re-signed everything with a new key is caught only by the fingerprint."""
        if self.identity_anchored:
            return None
        return (
            f"NOTHING TIME-STAMPED TIES THIS SIGNING KEY TO THE SENDER'S VAULT: no verified "
            f"timestamp token covers the exporter's custody chain, so a bundle re-signed "
            f"with another key would look the same. Confirm the fingerprint "
            f"{self.signer_fingerprint} with the sender by phone or in person (not by "
            f"e-mail or message) before relying on this bundle."
        )

    @property
    def warnings(self) -> list[str]:
        warning = self.identity_warning
        return [warning] if warning else []

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "bundle_id": self.bundle_id,
            "created_at": self.created_at,
            "sealing": self.sealing,
            "signer_fingerprint": self.signer_fingerprint,
            "exporter_vault_id": self.exporter_vault_id,
            "tagmanifest_sha256": self.tagmanifest_sha256,
            "exhibits": self.exhibits,
            "transfers": self.transfers,
            "unverified_holders": self.unverified_holders,
            "identity_anchored": self.identity_anchored,
            "warnings": self.warnings,
            "checks": [c.to_json() for c in self.checks],
        }

    def text(self) -> str:
        lines = [
            f"Bundle {self.bundle_id} exported {self.created_at} ({self.sealing})",
            f"Signed by identity {self.signer_fingerprint} — confirm this fingerprint "
            "with the sender.",
        ]
        lines += [f"WARNING: {w}" for w in self.warnings]
        for c in self.checks:
            lines.append(f"[{'OK' if c.ok else 'FAIL'}] {c.name}: {c.detail}")
            lines += [f"    - {p}" for p in c.problems[:30]]
            lines += [f"    note: {n}" for n in c.notes[:30]]
        for e in self.exhibits:
            lines.append(
                f"  {e['exhibit']}  {e['files']} file(s)  {e['timestamps']} timestamp(s)"
                f"  {e['title']}" + ("  [ARCHIVED by the sender]" if e.get("archived") else "")
            )
        for t in self.transfers:
            lines.append(
                f"  transfer: {t['at']} {t['event']} by {t['holder']}"
                + ("" if t.get("holder_verified", True) else " [UNVERIFIED holder]")
                + (f" ({t['reason']})" if t.get("reason") else "")
            )
        for u in self.unverified_holders:
            lines.append(
                f"  UNVERIFIED earlier holder {u['fingerprint']} (vault "
                f"{str(u['vault_id'])[:8]}…): {u['reason']}"
            )
        if self.ok and self.identity_warning:
            lines.append(f"WARNING: {self.identity_warning}")  # again, last, where eyes land
            lines.append(
                "Bundle verified, but its signer is proven only if the fingerprint "
                "matches what the sender tells you"
                + (
                    ", and with UNVERIFIED earlier holders accepted."
                    if self.unverified_holders
                    else "."
                )
            )
        elif self.ok and self.unverified_holders:
            lines.append("Bundle verified, with UNVERIFIED earlier holders accepted.")
        else:
            lines.append(
                "Bundle verified: everything holds." if self.ok else "BUNDLE VERIFICATION FAILED."
            )
        return "\n".join(lines)


@dataclass
class VerifiedBundle:
    """What verification parsed, for the importer (which must not re-read JSON)."""

    report: BundleReport
    bundle: dict[str, Any]
    exhibits: list[dict[str, Any]]
    chains: dict[str, list[ChainEntry]]
    manifest: dict[str, str]
    signer_pem: bytes
    token_files: dict[str, dict[str, bytes]]  # exhibit -> {name: bytes}
    own_signed: dict[str, bytes] = field(default_factory=dict)  # this bundle's signed manifests
    provenance: dict[str, dict[str, bytes]] = field(default_factory=dict)  # earlier bundles

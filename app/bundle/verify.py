"""Verify a bundle without importing it: every checksum, the signature, every token and
Merkle proof, the custody chains, and each exhibit against the entry that recorded it.

Structural problems (hostile names, unlisted members, malformed JSON) raise
``BundleRejected``; everything else is collected into a :class:`BundleReport`.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.bundle import chains as chain_mod
from app.bundle import checks, claims, holders, layout, provenance, shapes, signing, zipsig
from app.bundle.dirbag import DirBag
from app.bundle.errors import BundleRejected, MemberDamaged
from app.bundle.members import (
    MAX_JSON,
    MAX_SMALL,
    hash_member,
    hashed,
    parse_manifest,
    read_json,
    read_text,
)
from app.bundle.results import BundleReport, Progress, VerifiedBundle
from app.bundle.safezip import DEFAULT_LIMITS, BagSource, Limits, SafeZip
from app.bundle.seal import sealing_of, unsealed
from app.bundle.verify_exhibits import check_exhibits
from app.vault.custody import ChainEntry
from app.vault.events import Event

__all__ = ["BundleReport", "Progress", "VerifiedBundle", "opened", "verify_bundle", "verify_zip"]


_ID = re.compile(r"^[0-9A-Za-z-]{8,64}$")
_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$")


def verify_zip(z: BagSource, sealing: str = "", progress: Progress | None = None) -> VerifiedBundle:
    report = BundleReport(sealing=sealing)
    manifest = parse_manifest(z, layout.MANIFEST, payload=True)
    tagmanifest = parse_manifest(z, layout.TAGMANIFEST, payload=False)
    for required in (
        layout.BAGIT_TXT,
        layout.BAG_INFO,
        layout.MANIFEST,
        layout.BUNDLE_JSON,
        layout.SIGNATURE,
        layout.SIGNER_KEY,
    ):
        if required not in z.members:
            raise BundleRejected(
                f"The bundle has no {required}; it is not an Evidence Locker bundle."
            )
    known = set(manifest) | set(tagmanifest) | {layout.TAGMANIFEST} | set(layout.SIGNATURE_FILES)
    repack_notes = _repack_notes(z, known)
    unlisted = [n for n in z.names if n not in known]
    if unlisted:
        raise BundleRejected(
            f"The bundle holds a file its manifests do not list: '{unlisted[0][:120]}'."
        )
    if layout.MANIFEST not in tagmanifest:
        raise BundleRejected("The tag manifest does not cover the payload manifest.")

    # 1. Every file against the manifests.
    total = sum(z.size(n) for n in z.names)
    done = 0
    missing = [p for p in list(manifest) + list(tagmanifest) if p not in z.members]
    bad: list[str] = [f"{p}: listed but missing" for p in missing]

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)

    for path, expected in list(manifest.items()) + list(tagmanifest.items()):
        if path not in z.members:
            continue
        try:
            if hash_member(z, path, tick) != expected:
                bad.append(f"{path}: SHA-256 does not match the manifest")
        except MemberDamaged as exc:  # CRC or deflate error: its bytes were changed
            bad.append(f"{path}: damaged, its bytes were changed ({str(exc)[:160]})")
    report.checks.append(
        checks.Finding(
            "checksums",
            not bad,
            f"{len(manifest)} payload and {len(tagmanifest)} tag files "
            "match manifest-sha256.txt / tagmanifest-sha256.txt"
            if not bad
            else "mismatches",
            bad,
        )
    )

    # 2. The signature over the tag manifest.
    tag_bytes = z.read_small(layout.TAGMANIFEST, MAX_JSON)
    report.tagmanifest_sha256 = hashlib.sha256(tag_bytes).hexdigest()
    signer_pem = z.read_small(layout.SIGNER_KEY, 4096)
    sig_ok, fingerprint = signing.check(signer_pem, z.read_small(layout.SIGNATURE, 1024), tag_bytes)
    report.signer_fingerprint = fingerprint
    bundle = read_json(z, layout.BUNDLE_JSON, manifest=manifest, shape=shapes.BUNDLE)
    exporter = bundle.get("exporter") if isinstance(bundle.get("exporter"), dict) else {}
    assert isinstance(exporter, dict)
    sig_problems = (
        [] if sig_ok else ["the Ed25519 signature over tagmanifest-sha256.txt is invalid"]
    )
    if z.comment is not None and not (isinstance(z, SafeZip) and z.repacked):
        # Our own zip (a folder, or a zip re-packed by another tool, has no whole-file
        # signature: the tag manifest's signature and the manifests cover every file).
        whole = zipsig.check(z.comment, z.digest_before_comment(), signing.load_public(signer_pem))
        if whole is not None:
            sig_problems.append(whole)
    if exporter.get("fingerprint") != fingerprint:
        sig_problems.append("bundle.json names another exporter identity than the signer")
    info = read_text(z, layout.BAG_INFO, 65536)
    if f"Exporter-Identity-Fingerprint: {fingerprint}" not in info.splitlines():
        sig_problems.append("bag-info.txt names another exporter identity than the signer")
    scope = (
        "the tag manifest"
        if repack_notes or z.comment is None
        else "the tag manifest and the whole zip"
    )
    report.checks.append(
        checks.Finding(
            "signature",
            not sig_problems,
            f"Ed25519 over {scope}, identity {fingerprint}",
            sig_problems,
            repack_notes,
        )
    )
    report.bundle_id = str(bundle.get("bundle_id") or "")
    report.created_at = str(bundle.get("created_at") or "")
    report.exporter_vault_id = str(exporter.get("vault_id") or "")
    if not (
        _ID.match(report.bundle_id)
        and _ID.match(report.exporter_vault_id)
        and _TIME.match(report.created_at)
    ):
        raise BundleRejected("bundle.json has a malformed bundle id, vault id or export time.")
    _check_oxum(info, manifest, z, report)

    # 3. Custody chains.
    chains = _read_chains(z, bundle, manifest)
    chain_finding, chain_checks = checks.check_chains(chains)
    for entry in bundle.get("chains") or []:
        c = chain_checks.get(str(entry.get("vault_id")))
        if c is not None and (c.head != entry.get("head") or c.entries != entry.get("entries")):
            chain_finding.problems.append(f"chain {c.vault_id[:8]}: head differs from bundle.json")
    own = chain_checks.get(report.exporter_vault_id)
    if own is None:
        chain_finding.problems.append("the exporter's own custody chain is missing")
    elif own.fingerprint != fingerprint:
        chain_finding.problems.append("the exporter's chain belongs to another identity")
    elif not _records_export(chains[report.exporter_vault_id], report.bundle_id):
        chain_finding.problems.append("the exporter's chain does not record this export")
    chain_finding.ok = not chain_finding.problems
    report.checks.append(chain_finding)
    fingerprints = {vid: c.fingerprint for vid, c in chain_checks.items()}
    report.transfers = checks.transfers(chains, fingerprints)

    # 4. Exhibits against the chain, and their tokens.
    exhibits, token_files = check_exhibits(z, bundle, manifest, chains, report)
    claims.reject_foreign(chains, (str(e.get("uid")) for e in exhibits))
    earlier = provenance.read_from_bag(z, manifest, MAX_SMALL)
    report.checks.append(
        provenance.check(earlier, chains, fingerprints, exhibits, report.bundle_id)
    )
    holder_finding, report.unverified_holders = holders.check(
        chains, chain_checks, earlier, report.exporter_vault_id
    )
    report.checks.append(holder_finding)
    doubtful = {u["vault_id"] for u in report.unverified_holders}
    for t in report.transfers:
        t["holder_verified"] = t["vault_id"] not in doubtful
    _check_manifest_token(z, tag_bytes, report)
    report.ok = all(c.ok for c in report.checks)
    signed = {
        "tagmanifest": tag_bytes,
        "manifest": z.read_small(layout.MANIFEST, MAX_JSON),
        "signature": z.read_small(layout.SIGNATURE, 1024),
        "signer_pem": signer_pem,
        "bundle_json": z.read_small(layout.BUNDLE_JSON, MAX_JSON),
    }
    return VerifiedBundle(
        report, bundle, exhibits, chains, manifest, signer_pem, token_files, signed, earlier
    )


def _repack_notes(z: BagSource, listed: set[str]) -> list[str]:
    """Notes for a zip re-packed by another tool (see app/bundle/repack.py); also reads
    names stored without the UTF-8 flag in the encoding the manifests list."""
    if not isinstance(z, SafeZip):
        return []
    renamed = z.adopt_listed_names(listed)
    if not z.repacked:
        return []
    notes = [
        "this zip was re-packed by another tool (it has no whole-file signature): "
        "every file was checked against the manifests signed by the exporter; zip "
        "metadata (dates, order) is not covered"
    ]
    if z.prefix:
        notes.append(f"the bag was inside the folder '{z.prefix[:80]}'")
    if z.ignored:
        notes.append(
            f"{len(z.ignored)} desktop metadata file(s) added by the archiver were "
            f"ignored (e.g. '{z.ignored[0][:80]}')"
        )
    if renamed:
        notes.append(
            f"{len(renamed)} file name(s) were stored in a legacy encoding "
            "(not UTF-8) and read as the manifests list them"
        )
    return notes


def _check_oxum(info: str, manifest: dict[str, str], z: BagSource, report: BundleReport) -> None:
    for line in info.splitlines():
        if line.startswith("Payload-Oxum:"):
            expected = f"{sum(z.size(p) for p in manifest if p in z.members)}.{len(manifest)}"
            if line.split(":", 1)[1].strip() != expected:
                report.checks.append(
                    checks.Finding(
                        "payload size",
                        False,
                        "Payload-Oxum differs",
                        ["bag-info.txt Payload-Oxum does not match the payload"],
                    )
                )


def _records_export(entries: list[ChainEntry], bundle_id: str) -> bool:
    return any(
        p.get("event") == Event.BUNDLE_EXPORTED
        and (p.get("data") or {}).get("bundle_id") == bundle_id
        for _e, p in chain_mod.disclosed_payloads(entries)
    )


def _read_chains(
    z: BagSource, bundle: dict[str, Any], manifest: dict[str, str]
) -> dict[str, list[ChainEntry]]:
    listed = bundle.get("chains")
    if not isinstance(listed, list) or not listed:
        raise BundleRejected("bundle.json lists no custody chain.")
    out: dict[str, list[ChainEntry]] = {}
    for entry in listed:
        if not isinstance(entry, dict) or not isinstance(entry.get("vault_id"), str):
            raise BundleRejected("bundle.json has a malformed chain entry.")
        vid = entry["vault_id"]
        path = layout.chain_path(vid)
        if entry.get("path") != path or path not in manifest or vid in out:
            raise BundleRejected(
                f"bundle.json names a custody chain file wrongly: {str(entry.get('path'))[:120]}"
            )
        if path not in z.members:
            raise BundleRejected(f"The custody chain {path} is missing.")
        digest = hashlib.sha256()
        out[vid] = list(chain_mod.parse_lines(hashed(z.iter_blocks(path), digest), path))
        if digest.hexdigest() != manifest[path]:
            raise BundleRejected(f"{path} changed while the bundle was being verified.")
    return out


def _check_manifest_token(z: BagSource, tag_bytes: bytes, report: BundleReport) -> None:
    if layout.MANIFEST_TOKEN not in z.members:
        report.checks[1].notes.append(
            "the tag manifest carries no RFC 3161 token of its own (the exporter logged its "
            "hash as a 'bundle_written' custody event, which their time-stamp queue covers)"
        )
        return
    from app.timestamp.verify import verify_token

    raw = z.read_small(layout.MANIFEST_TOKEN, MAX_SMALL)
    digest = hashlib.sha256(tag_bytes).digest()
    verdict = verify_token(raw, digest=digest, roots_pem=_configured_roots())
    source = "a TSA root configured on this computer"
    if not verdict.ok and layout.MANIFEST_TOKEN_CA in z.members:
        bundled = verify_token(
            raw, digest=digest, roots_pem=[z.read_small(layout.MANIFEST_TOKEN_CA, MAX_SMALL)]
        )
        if bundled.ok:
            verdict = bundled
            source = "the TSA root shipped in the bundle (confirm it is the TSA's real root)"
    if verdict.ok:
        report.checks[1].notes.append(
            f"tag manifest time-stamped {verdict.gen_time} by "
            f"{verdict.tsa_name}, checked against {source}"
        )
    else:
        report.checks.append(
            checks.Finding("manifest timestamp", False, "invalid", verdict.problems)
        )


def _configured_roots() -> list[bytes]:
    try:
        from app.timestamp.config import load_tsas

        return [pem for tsa in load_tsas(include_disabled=True) for pem in tsa.roots_pem]
    except Exception:  # noqa: BLE001 - no local TSA list: nothing configured
        return []


@contextlib.contextmanager
def opened(
    path: Path,
    passphrase: str | None = None,
    identities: list[Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
) -> Iterator[tuple[BagSource, VerifiedBundle]]:
    """Unseal, open defensively and verify; yields the open zip (or unpacked folder) and
    what was verified."""
    if Path(path).is_dir():
        with DirBag(Path(path), limits) as bag:
            yield bag, verify_zip(bag, "unpacked folder", progress)
        return
    kind = sealing_of(Path(path))
    # The unsealed zip may exceed its content only by zip headers (~1 KiB per member, generously).
    budget = limits.max_total_bytes + 1024 * limits.max_members
    with (
        unsealed(Path(path), passphrase, identities, budget) as stream,
        SafeZip(stream, limits) as z,
    ):
        yield (
            z,
            verify_zip(
                z,
                {
                    "none": "not encrypted",
                    "passphrase": "age, passphrase",
                    "recipients": "age, X25519 recipient",
                }[kind],
                progress,
            ),
        )


def verify_bundle(
    path: Path,
    passphrase: str | None = None,
    identities: list[Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
    stamp_file: Path | None = None,
) -> BundleReport:
    """Verify a bundle file; a ``FILE.stamp.json`` beside it (or ``stamp_file``) adds the
    tag-manifest time-stamp made after export."""
    from app.bundle.stamp_later import SUFFIX, check_stamp_file

    with opened(path, passphrase, identities, limits, progress) as (_z, verified):
        report = verified.report
    stamp_file = stamp_file or Path(str(path) + SUFFIX)
    if stamp_file.is_file():
        report.checks.append(
            check_stamp_file(
                stamp_file, report.bundle_id, report.tagmanifest_sha256, report.exporter_vault_id
            )
        )
        report.ok = all(c.ok for c in report.checks)
    return report

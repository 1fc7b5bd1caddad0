"""Verify a bundle without importing it: every checksum, the signature, every token and
Merkle proof, the custody chains, and each exhibit against the entry that recorded it.

Structural problems (hostile names, unlisted members, malformed JSON) raise
``BundleRejected``; everything else is collected into a :class:`BundleReport`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.bundle import chains as chain_mod
from app.bundle import checks, layout, signing, tokens, zipsig
from app.bundle.dirbag import DirBag
from app.bundle.errors import BundleRejected
from app.bundle.safezip import DEFAULT_LIMITS, BagSource, Limits, SafeZip, check_name
from app.bundle.seal import sealing_of, unsealed
from app.vault import custody
from app.vault.custody import ChainEntry

MAX_JSON = 32 * 1024 * 1024
MAX_JSON_CONTAINERS = 500_000  # bounds the memory a hostile JSON file can make us use
MAX_SMALL = 16 * 1024 * 1024
_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")
_ID = re.compile(r"^[0-9A-Za-z-]{8,64}$")
_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$")
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

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "bundle_id": self.bundle_id, "created_at": self.created_at,
                "sealing": self.sealing, "signer_fingerprint": self.signer_fingerprint,
                "exporter_vault_id": self.exporter_vault_id,
                "tagmanifest_sha256": self.tagmanifest_sha256, "exhibits": self.exhibits,
                "transfers": self.transfers, "checks": [c.to_json() for c in self.checks]}

    def text(self) -> str:
        lines = [f"Bundle {self.bundle_id} exported {self.created_at} ({self.sealing})",
                 f"Signed by identity {self.signer_fingerprint} — confirm this fingerprint "
                 "with the sender."]
        for c in self.checks:
            lines.append(f"[{'OK' if c.ok else 'FAIL'}] {c.name}: {c.detail}")
            lines += [f"    - {p}" for p in c.problems[:30]]
            lines += [f"    note: {n}" for n in c.notes[:30]]
        for e in self.exhibits:
            lines.append(f"  {e['exhibit']}  {e['files']} file(s)  {e['timestamps']} timestamp(s)"
                         f"  {e['title']}")
        for t in self.transfers:
            lines.append(f"  transfer: {t['at']} {t['event']} by {t['holder']}")
        lines.append("Bundle verified: everything holds." if self.ok else "BUNDLE VERIFICATION FAILED.")
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


def _parse_manifest(z: BagSource, name: str, payload: bool) -> dict[str, str]:
    text = _text(z, name, MAX_JSON)
    entries: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        m = _LINE.match(line)
        if m is None:
            raise BundleRejected(f"{name} has a malformed line.")
        path = m.group(2)
        check_name(path)
        if path.startswith("data/") != payload or path in entries:
            raise BundleRejected(f"{name} lists '{path[:120]}' wrongly or twice.")
        entries[path] = m.group(1)
        if len(entries) > z.limits.max_members:
            raise BundleRejected(f"{name} lists more files than a bundle may hold.")
    return entries


def _text(z: BagSource, name: str, cap: int) -> str:
    if name not in z.members:
        raise BundleRejected(f"The bundle has no {name}; it is not an Evidence Locker bundle.")
    try:
        return z.read_small(name, cap).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BundleRejected(f"{name} is not UTF-8 text.") from exc


def _listed_bytes(z: BagSource, name: str, cap: int, manifest: dict[str, str]) -> bytes:
    """A member read again after the checksum pass must still match its manifest line
    (a plain bundle on disk could be swapped between the two reads)."""
    data = z.read_small(name, cap)
    if manifest.get(name) != hashlib.sha256(data).hexdigest():
        raise BundleRejected(f"{name} changed while the bundle was being verified.")
    return data


def _json(z: BagSource, name: str, cap: int = MAX_JSON,
          manifest: dict[str, str] | None = None) -> dict[str, Any]:
    if manifest is not None:
        try:
            text = _listed_bytes(z, name, cap, manifest).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BundleRejected(f"{name} is not UTF-8 text.") from exc
    else:
        text = _text(z, name, cap)
    if text.count("[") + text.count("{") > MAX_JSON_CONTAINERS:
        raise BundleRejected(f"{name} is too deeply or widely nested to be ours.")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise BundleRejected(f"{name} is not valid JSON ({str(exc)[:200]}).") from exc
    if not isinstance(data, dict):
        raise BundleRejected(f"{name} is not a JSON object.")
    return data


def _hash_member(z: BagSource, name: str) -> str:
    digest = hashlib.sha256()
    for block in z.iter_blocks(name):
        digest.update(block)
    return digest.hexdigest()


def verify_zip(z: BagSource, sealing: str = "", progress: Progress | None = None) -> VerifiedBundle:
    report = BundleReport(sealing=sealing)
    manifest = _parse_manifest(z, layout.MANIFEST, payload=True)
    tagmanifest = _parse_manifest(z, layout.TAGMANIFEST, payload=False)
    for required in (layout.BAGIT_TXT, layout.BAG_INFO, layout.MANIFEST, layout.BUNDLE_JSON,
                     layout.SIGNATURE, layout.SIGNER_KEY):
        if required not in z.members:
            raise BundleRejected(f"The bundle has no {required}; it is not an Evidence Locker bundle.")
    known = set(manifest) | set(tagmanifest) | {layout.TAGMANIFEST} | set(layout.SIGNATURE_FILES)
    unlisted = [n for n in z.names if n not in known]
    if unlisted:
        raise BundleRejected(f"The bundle holds a file its manifests do not list: '{unlisted[0][:120]}'.")
    if layout.MANIFEST not in tagmanifest:
        raise BundleRejected("The tag manifest does not cover the payload manifest.")

    # 1. Every file against the manifests.
    total = sum(z.size(n) for n in z.names)
    done = 0
    missing = [p for p in list(manifest) + list(tagmanifest) if p not in z.members]
    bad: list[str] = [f"{p}: listed but missing" for p in missing]
    for path, expected in list(manifest.items()) + list(tagmanifest.items()):
        if path in z.members:
            if _hash_member(z, path) != expected:
                bad.append(f"{path}: SHA-256 does not match the manifest")
            done += z.size(path)
            if progress is not None:
                progress(done, total)
    report.checks.append(checks.Finding(
        "checksums", not bad, f"{len(manifest)} payload and {len(tagmanifest)} tag files "
        "match manifest-sha256.txt / tagmanifest-sha256.txt" if not bad else "mismatches", bad))

    # 2. The signature over the tag manifest.
    tag_bytes = z.read_small(layout.TAGMANIFEST, MAX_JSON)
    report.tagmanifest_sha256 = hashlib.sha256(tag_bytes).hexdigest()
    signer_pem = z.read_small(layout.SIGNER_KEY, 4096)
    sig_ok, fingerprint = signing.check(signer_pem, z.read_small(layout.SIGNATURE, 1024), tag_bytes)
    report.signer_fingerprint = fingerprint
    bundle = _json(z, layout.BUNDLE_JSON, manifest=manifest)
    exporter = bundle.get("exporter") if isinstance(bundle.get("exporter"), dict) else {}
    assert isinstance(exporter, dict)
    sig_problems = [] if sig_ok else ["the Ed25519 signature over tagmanifest-sha256.txt is invalid"]
    if z.comment is not None:  # a zip (a folder has no whole-file signature)
        whole = zipsig.check(z.comment, z.digest_before_comment(), signing.load_public(signer_pem))
        if whole is not None:
            sig_problems.append(whole)
    if exporter.get("fingerprint") != fingerprint:
        sig_problems.append("bundle.json names another exporter identity than the signer")
    info = _text(z, layout.BAG_INFO, 65536)
    if f"Exporter-Identity-Fingerprint: {fingerprint}" not in info.splitlines():
        sig_problems.append("bag-info.txt names another exporter identity than the signer")
    report.checks.append(checks.Finding("signature", not sig_problems,
                                        f"Ed25519 over the tag manifest and the whole zip, identity {fingerprint}",
                                        sig_problems))
    report.bundle_id = str(bundle.get("bundle_id") or "")
    report.created_at = str(bundle.get("created_at") or "")
    report.exporter_vault_id = str(exporter.get("vault_id") or "")
    if not (_ID.match(report.bundle_id) and _ID.match(report.exporter_vault_id)
            and _TIME.match(report.created_at)):
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
    exhibits, token_files = _check_exhibits(z, bundle, manifest, chains, report)
    _check_manifest_token(z, tag_bytes, report)
    report.ok = all(c.ok for c in report.checks)
    return VerifiedBundle(report, bundle, exhibits, chains, manifest, signer_pem, token_files)


def _check_oxum(info: str, manifest: dict[str, str], z: BagSource, report: BundleReport) -> None:
    for line in info.splitlines():
        if line.startswith("Payload-Oxum:"):
            expected = f"{sum(z.size(p) for p in manifest if p in z.members)}.{len(manifest)}"
            if line.split(":", 1)[1].strip() != expected:
                report.checks.append(checks.Finding("payload size", False, "Payload-Oxum differs",
                                                    ["bag-info.txt Payload-Oxum does not match the payload"]))


def _records_export(entries: list[ChainEntry], bundle_id: str) -> bool:
    return any(p.get("event") == "bundle_exported" and (p.get("data") or {}).get("bundle_id") == bundle_id
               for _e, p in chain_mod.disclosed_payloads(entries))


def _read_chains(z: BagSource, bundle: dict[str, Any], manifest: dict[str, str]) -> dict[str, list[ChainEntry]]:
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
            raise BundleRejected(f"bundle.json names a custody chain file wrongly: {str(entry.get('path'))[:120]}")
        if path not in z.members:
            raise BundleRejected(f"The custody chain {path} is missing.")
        digest = hashlib.sha256()
        out[vid] = list(chain_mod.parse_lines(_hashed(z.iter_blocks(path), digest), path))
        if digest.hexdigest() != manifest[path]:
            raise BundleRejected(f"{path} changed while the bundle was being verified.")
    return out


def _hashed(blocks: Iterator[bytes], digest: Any) -> Iterator[bytes]:
    for block in blocks:
        digest.update(block)
        yield block


def _check_exhibits(z: BagSource, bundle: dict[str, Any], manifest: dict[str, str],
                    chains: dict[str, list[ChainEntry]], report: BundleReport
                    ) -> tuple[list[dict[str, Any]], dict[str, dict[str, bytes]]]:
    listed = bundle.get("exhibits")
    if not isinstance(listed, list) or not listed:
        raise BundleRejected("bundle.json lists no exhibits.")
    index = checks.item_added_index(chains)
    by_seq = tokens.seq_maps(chains)
    verdicts: dict[Any, Any] = {}
    problems: list[str] = []
    token_results: list[tokens.TokenCheck] = []
    exhibits = []
    token_files: dict[str, dict[str, bytes]] = {}
    seen: set[str] = set()
    for summary in listed:
        if not isinstance(summary, dict) or not isinstance(summary.get("exhibit"), str):
            raise BundleRejected("bundle.json has a malformed exhibit entry.")
        name = summary["exhibit"]
        meta_path = f"{layout.exhibit_dir(layout.safe_part(name))}/metadata.json"
        if meta_path not in manifest or name in seen:
            raise BundleRejected(f"Exhibit {name[:40]} has no listed metadata.json (or appears twice).")
        seen.add(name)
        meta = _json(z, meta_path, MAX_SMALL, manifest)
        _check_meta_shape(meta, name)
        for art in meta["artifacts"]:
            if manifest.get(art["path"]) != art["sha256"]:
                problems.append(f"{name} {art['role']}: SHA-256 differs from the manifest")
        problems += checks.check_exhibit(meta, index)
        found = index.get(meta["uid"])
        if found is not None:
            data = found[2].get("data") or {}
            meta_sha = custody.payload_hash(custody.canonical_json(meta.get("metadata") or {}))
            if data.get("metadata_sha256") not in (None, meta_sha):
                problems.append(f"{name}: metadata differs from custody entry {found[1]}")
            for key in ("kind", "title", "source_url"):
                if key in data and data[key] != meta.get(key):
                    problems.append(f"{name}: {key} differs from custody entry {found[1]}")
        files: dict[str, bytes] = {}
        for stamp in meta.get("timestamps") or []:
            result, stamp_files = _check_stamp(z, manifest, stamp, by_seq, name, verdicts)
            token_results.append(result)
            files.update(stamp_files)
        token_files[name] = files
        exhibits.append(meta)
        report.exhibits.append({"exhibit": name, "uid": meta["uid"], "title": meta.get("title", ""),
                                "files": len(meta["artifacts"]),
                                "timestamps": len(meta.get("timestamps") or []),
                                "captured_at": meta.get("captured_at")})
    report.checks.append(checks.Finding(
        "exhibits", not problems, f"{len(exhibits)} exhibits match the custody entries that "
        "recorded them" if not problems else "mismatches", problems))
    t_problems = [p for t in token_results for p in t.problems]
    t_notes = [n for t in token_results for n in t.notes]
    t_notes += [f"{t.stem}: {t.tsa}, genTime {t.gen_time}" for t in token_results if t.ok]
    report.checks.append(checks.Finding(
        "timestamps", not t_problems,
        f"{len(token_results)} RFC 3161 token(s) and Merkle proofs verified" if token_results
        else "no timestamp tokens in this bundle (stamps were still queued at export)",
        t_problems, t_notes))
    return exhibits, token_files


def _check_meta_shape(meta: dict[str, Any], name: str) -> None:
    arts = meta.get("artifacts")
    texts = [meta.get(k) for k in ("uid", "kind", "title", "captured_at")]
    if (meta.get("exhibit") != name or not all(isinstance(t, str) for t in texts)
            or not isinstance(arts, list) or not arts
            or not isinstance(meta.get("timestamps", []), list)
            or not isinstance(meta.get("metadata", {}), dict)
            or not isinstance(meta.get("source_url") or "", str)
            or len(str(meta.get("title"))) > 2000 or len(str(meta.get("kind"))) > 100
            or len(str(meta.get("uid"))) > 100 or len(str(meta.get("source_url") or "")) > 100_000
            or any("\x00" in str(t) for t in texts)):
        raise BundleRejected(f"Exhibit {name[:40]}: metadata.json is malformed.")
    for art in arts:
        if (not isinstance(art, dict) or not isinstance(art.get("path"), str)
                or not isinstance(art.get("role"), str) or not isinstance(art.get("sha256"), str)
                or not isinstance(art.get("size"), int) or art["size"] < 0
                or not isinstance(art.get("name", ""), str) or len(art.get("name", "")) > 1000
                or not isinstance(art.get("media_type", ""), str)
                or len(art.get("media_type", "")) > 200
                or not art["path"].startswith(layout.exhibit_dir(layout.safe_part(name)) + "/")):
            raise BundleRejected(f"Exhibit {name[:40]}: metadata.json lists a file wrongly.")


def _check_stamp(z: BagSource, manifest: dict[str, str], stamp: Any,
                 chains: dict[str, dict[int, ChainEntry]], exhibit: str,
                 verdicts: dict[Any, Any]) -> tuple[tokens.TokenCheck, dict[str, bytes]]:
    if not isinstance(stamp, dict):
        raise BundleRejected(f"Exhibit {exhibit[:40]}: a timestamp entry is malformed.")
    paths = {k: stamp.get(k) for k in ("tsr", "proof_json", "tsa_ca_pem")}
    files: dict[str, bytes] = {}
    for key, path in paths.items():
        if path is None and key == "tsa_ca_pem":
            continue
        if not isinstance(path, str) or path not in manifest or path not in z.members:
            raise BundleRejected(f"Exhibit {exhibit[:40]}: a timestamp file is not listed.")
        files[path] = _listed_bytes(z, path, MAX_SMALL, manifest)
    tsr = files[str(paths["tsr"])]
    proof = files[str(paths["proof_json"])]
    pem = files.get(str(paths["tsa_ca_pem"])) if paths["tsa_ca_pem"] else None
    stem = Path(str(paths["tsr"])).stem
    return tokens.check_token(f"{exhibit} {stem}", tsr, proof, pem, chains, verdicts), files


def _check_manifest_token(z: BagSource, tag_bytes: bytes, report: BundleReport) -> None:
    if layout.MANIFEST_TOKEN not in z.members:
        report.checks[1].notes.append(
            "the tag manifest carries no RFC 3161 token of its own (the exporter logged its "
            "hash as a 'bundle_written' custody event, which their time-stamp queue covers)")
        return
    from app.timestamp.verify import verify_token

    raw = z.read_small(layout.MANIFEST_TOKEN, MAX_SMALL)
    digest = hashlib.sha256(tag_bytes).digest()
    verdict = verify_token(raw, digest=digest, roots_pem=_configured_roots())
    source = "a TSA root configured on this computer"
    if not verdict.ok and layout.MANIFEST_TOKEN_CA in z.members:
        bundled = verify_token(raw, digest=digest,
                               roots_pem=[z.read_small(layout.MANIFEST_TOKEN_CA, MAX_SMALL)])
        if bundled.ok:
            verdict = bundled
            source = "the TSA root shipped in the bundle (confirm it is the TSA's real root)"
    if verdict.ok:
        report.checks[1].notes.append(f"tag manifest time-stamped {verdict.gen_time} by "
                                      f"{verdict.tsa_name}, checked against {source}")
    else:
        report.checks.append(checks.Finding("manifest timestamp", False, "invalid",
                                            verdict.problems))


def _configured_roots() -> list[bytes]:
    try:
        from app.timestamp.config import load_tsas

        return [pem for tsa in load_tsas(include_disabled=True) for pem in tsa.roots_pem]
    except Exception:  # noqa: BLE001 - no local TSA list: nothing configured
        return []


@contextlib.contextmanager
def opened(path: Path, passphrase: str | None = None, identities: list[Any] | None = None,
           limits: Limits = DEFAULT_LIMITS, progress: Progress | None = None
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
    with unsealed(Path(path), passphrase, identities, budget) as stream, SafeZip(stream, limits) as z:
        yield z, verify_zip(z, {"none": "not encrypted", "passphrase": "age, passphrase",
                                "recipients": "age, X25519 recipient"}[kind], progress)


def verify_bundle(path: Path, passphrase: str | None = None, identities: list[Any] | None = None,
                  limits: Limits = DEFAULT_LIMITS, progress: Progress | None = None,
                  stamp_file: Path | None = None) -> BundleReport:
    """Verify a bundle file; a ``FILE.stamp.json`` beside it (or ``stamp_file``) adds the
    tag-manifest time-stamp made after export."""
    from app.bundle.stamp_later import SUFFIX, check_stamp_file

    with opened(path, passphrase, identities, limits, progress) as (_z, verified):
        report = verified.report
    stamp_file = stamp_file or Path(str(path) + SUFFIX)
    if stamp_file.is_file():
        report.checks.append(check_stamp_file(stamp_file, report.bundle_id,
                                              report.tagmanifest_sha256, report.exporter_vault_id))
        report.ok = all(c.ok for c in report.checks)
    return report

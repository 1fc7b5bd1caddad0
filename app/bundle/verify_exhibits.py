"""Verifying each exhibit: its metadata against the manifest and the custody entry that
recorded it, and its RFC 3161 tokens with their Merkle proofs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.bundle import checks, layout, shapes, tokens
from app.bundle.errors import BundleRejected
from app.bundle.members import MAX_SMALL, listed_bytes, read_json
from app.bundle.results import BundleReport
from app.bundle.safezip import BagSource
from app.vault import custody
from app.vault.custody import ChainEntry


def check_exhibits(
    z: BagSource,
    bundle: dict[str, Any],
    manifest: dict[str, str],
    chains: dict[str, list[ChainEntry]],
    report: BundleReport,
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
            raise BundleRejected(
                f"Exhibit {name[:40]} has no listed metadata.json (or appears twice)."
            )
        seen.add(name)
        meta = read_json(z, meta_path, MAX_SMALL, manifest, shapes.METADATA)
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
        report.exhibits.append(
            {
                "exhibit": name,
                "uid": meta["uid"],
                "title": meta.get("title", ""),
                "files": len(meta["artifacts"]),
                "timestamps": len(meta.get("timestamps") or []),
                "captured_at": meta.get("captured_at"),
                "archived": meta.get("archived") is True,
            }
        )
    report.checks.append(
        checks.Finding(
            "exhibits",
            not problems,
            f"{len(exhibits)} exhibits match the custody entries that recorded them"
            if not problems
            else "mismatches",
            problems,
        )
    )
    # A verified token over any entry of the exporter's chain anchors, through the hash
    # links, its first entry: the vault_created record naming the signing key.
    report.identity_anchored = any(
        t.ok and any(vid == report.exporter_vault_id for vid, _seq in t.covered)
        for t in token_results
    )
    t_problems = [p for t in token_results for p in t.problems]
    t_notes = [n for t in token_results for n in t.notes]
    t_notes += [f"{t.stem}: {t.tsa}, genTime {t.gen_time}" for t in token_results if t.ok]
    report.checks.append(
        checks.Finding(
            "timestamps",
            not t_problems,
            f"{len(token_results)} RFC 3161 token(s) and Merkle proofs verified"
            if token_results
            else "no timestamp tokens in this bundle (stamps were still queued at export)",
            t_problems,
            t_notes,
        )
    )
    return exhibits, token_files


def _check_meta_shape(meta: dict[str, Any], name: str) -> None:
    arts = meta.get("artifacts")
    texts = [meta.get(k) for k in ("uid", "kind", "title", "captured_at")]
    if (
        meta.get("exhibit") != name
        or not all(isinstance(t, str) for t in texts)
        or not isinstance(arts, list)
        or not arts
        or not isinstance(meta.get("timestamps", []), list)
        or not isinstance(meta.get("metadata", {}), dict)
        or not isinstance(meta.get("source_url") or "", str)
        or len(str(meta.get("title"))) > 2000
        or len(str(meta.get("kind"))) > 100
        or len(str(meta.get("uid"))) > 100
        or len(str(meta.get("source_url") or "")) > 100_000
        or any("\x00" in str(t) for t in texts)
    ):
        raise BundleRejected(f"Exhibit {name[:40]}: metadata.json is malformed.")
    for art in arts:
        if (
            not isinstance(art, dict)
            or not isinstance(art.get("path"), str)
            or not isinstance(art.get("role"), str)
            or not isinstance(art.get("sha256"), str)
            or not isinstance(art.get("size"), int)
            or art["size"] < 0
            or not isinstance(art.get("name", ""), str)
            or len(art.get("name", "")) > 1000
            or not isinstance(art.get("media_type", ""), str)
            or len(art.get("media_type", "")) > 200
            or not art["path"].startswith(layout.exhibit_dir(layout.safe_part(name)) + "/")
        ):
            raise BundleRejected(f"Exhibit {name[:40]}: metadata.json lists a file wrongly.")


def _check_stamp(
    z: BagSource,
    manifest: dict[str, str],
    stamp: Any,
    chains: dict[str, dict[int, ChainEntry]],
    exhibit: str,
    verdicts: dict[Any, Any],
) -> tuple[tokens.TokenCheck, dict[str, bytes]]:
    if not isinstance(stamp, dict):
        raise BundleRejected(f"Exhibit {exhibit[:40]}: a timestamp entry is malformed.")
    paths = {k: stamp.get(k) for k in ("tsr", "proof_json", "tsa_ca_pem", "tsa_untrusted_pem")}
    files: dict[str, bytes] = {}
    for key, path in paths.items():
        if path is None and key in ("tsa_ca_pem", "tsa_untrusted_pem"):
            continue
        if not isinstance(path, str) or path not in manifest or path not in z.members:
            raise BundleRejected(f"Exhibit {exhibit[:40]}: a timestamp file is not listed.")
        files[path] = listed_bytes(z, path, MAX_SMALL, manifest)
    tsr = files[str(paths["tsr"])]
    proof = files[str(paths["proof_json"])]
    shapes.parse(proof, shapes.PROOF, str(paths["proof_json"]))
    pem = files.get(str(paths["tsa_ca_pem"])) if paths["tsa_ca_pem"] else None
    untrusted = files.get(str(paths["tsa_untrusted_pem"])) if paths["tsa_untrusted_pem"] else None
    stem = Path(str(paths["tsr"])).stem
    return tokens.check_token(
        f"{exhibit} {stem}", tsr, proof, pem, chains, verdicts, untrusted_pem=untrusted
    ), files

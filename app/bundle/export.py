"""Export a case or a selection of items as a sealed, signed BagIt bundle.

The custody event ``bundle_exported`` is logged first (so the bundle carries the record
of its own transfer), then the bag is streamed into the sealing stream and written to a
temporary name next to the target (mode 0600), fsynced and moved into place with
``app.atomic.place_new`` (never over an existing file, also on FAT/exFAT sticks). On
failure a ``bundle_export_failed`` event records what happened.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__, atomic, drives
from app.bundle import bagwriter, chains, checks, layout, provenance, signing, tokens
from app.bundle.received import UNVERIFIED_ROLE, unverified_holders
from app.bundle.seal import Sealing, sealed_writer
from app.bundle.verify_txt import root_fingerprints
from app.errors import LockerError, NotFound, UsageError
from app.vault.custody import ChainEntry
from app.vault.events import Event
from app.vault.identity import fingerprint_of
from app.vault.models import Item, utc_now

if TYPE_CHECKING:
    from app.vault.store import Vault

Progress = Callable[[int, int], None]


@dataclass
class ExportResult:
    path: Path
    bundle_id: str
    fingerprint: str
    exhibits: list[str]
    sealing: str
    size: int
    tagmanifest_sha256: str
    manifest_timestamp: str | None
    self_check_ok: bool
    problems: list[str] = field(default_factory=list)
    file_sha256: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "bundle_id": self.bundle_id,
            "fingerprint": self.fingerprint,
            "exhibits": self.exhibits,
            "sealing": self.sealing,
            "size": self.size,
            "tagmanifest_sha256": self.tagmanifest_sha256,
            "manifest_timestamp": self.manifest_timestamp,
            "self_check_ok": self.self_check_ok,
            "problems": self.problems,
            "file_sha256": self.file_sha256,
        }


def select_items(
    vault: Vault,
    case: str | None = None,
    refs: list[str] | None = None,
    include_archived: bool = False,
) -> list[Item]:
    if bool(case) == bool(refs):
        raise UsageError("Choose what to export: --case NAME or --item ID (one or more).")
    if case:
        if case not in {c.name for c in vault.list_cases()}:
            raise NotFound(f"No case named '{case}' in this vault.")
        found = vault.list_items(case=case, archived=None if include_archived else False)
        found.sort(key=lambda i: (i.captured_at, i.id))
    else:
        found = []
        for ref in refs or []:
            item = vault.get_item(ref)
            if item.id not in {i.id for i in found}:
                found.append(item)
    if not found:
        raise UsageError("Nothing to export: the selection holds no items.")
    return [vault.get_item(i.id) for i in found]


def export_bundle(
    vault: Vault,
    out: Path,
    items: list[Item],
    sealing: Sealing,
    *,
    stamp: bool = True,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    reason: str = "",
) -> ExportResult:
    """``reason`` (why, for whom) is recorded with the transfer in the custody log."""
    out = Path(out)
    if len(reason) > 2000 or "\x00" in reason:
        raise UsageError("The reason is too long (2000 characters at most).")
    if out.exists() or out.is_symlink():
        raise UsageError(f"{out} already exists; choose a new file name.")
    if not out.parent.is_dir():
        raise NotFound(f"The folder {out.parent} does not exist.")
    key = vault.signing_key()
    fingerprint = fingerprint_of(key.public_key())
    bundle_id = str(uuid.uuid4())
    uids = [i.uid for i in items]
    exhibit_of = {i.uid: layout.exhibit_id(n) for n, i in enumerate(items, start=1)}
    vault.log_event(
        Event.BUNDLE_EXPORTED,
        None,
        {
            "bundle_id": bundle_id,
            "items": uids,
            "exhibits": exhibit_of,
            "sealing": sealing.kind,
            "recipient": ", ".join(sealing.recipients),
            "file": out.name,
            "exporter_fingerprint": fingerprint,
            "reason": reason,
        },
    )
    _remove_stale_partials(out)
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        # The originals alone are a lower bound of the bundle's size: refuse at once what
        # a FAT32 stick or the free space cannot take, rather than after minutes of writing
        # (the refusal is on the custody record like any failed export).
        drives.check_room(
            out.parent, sum(a.size for i in items for a in i.artifacts), what=f"bundle {out.name}"
        )
        try:
            result = _write(
                vault,
                out,
                tmp,
                items,
                exhibit_of,
                bundle_id,
                fingerprint,
                sealing,
                stamp,
                progress,
                cancelled,
            )
        except (FileExistsError, LockerError):
            raise
        except OSError as exc:
            raise drives.write_failure(exc, out.parent, f"bundle {out.name}") from exc
    except BaseException as exc:
        with contextlib.suppress(Exception):
            vault.log_event(
                Event.BUNDLE_EXPORT_FAILED,
                None,
                {"bundle_id": bundle_id, "reason": str(exc)[:500] or type(exc).__name__},
            )
        raise
    finally:
        atomic.remove_quietly(tmp)
    vault.log_event(
        Event.BUNDLE_WRITTEN,
        None,
        {
            "bundle_id": bundle_id,
            "items": uids,
            "tagmanifest_sha256": result.tagmanifest_sha256,
            "file_size": result.size,
            "file_sha256": result.file_sha256,
            "manifest_timestamp": result.manifest_timestamp,
        },
    )
    return result


def _remove_stale_partials(out: Path) -> None:
    """Temporary files an interrupted export of the same file left behind (kill -9, power
    loss) are removed; they are never a complete bundle."""
    for stale in out.parent.glob(f".{glob.escape(out.name)}.*.partial"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _write(
    vault: Vault,
    out: Path,
    tmp: Path,
    items: list[Item],
    exhibit_of: dict[str, str],
    bundle_id: str,
    fingerprint: str,
    sealing: Sealing,
    stamp: bool,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
) -> ExportResult:
    uid_set = set(exhibit_of)
    all_chains = chains.received_chains(vault, uid_set)
    all_chains[vault.vault_id] = chains.local_chain(vault, uid_set)
    created = utc_now()
    total = sum(a.size for i in items for a in i.artifacts)
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)

    problems: list[str] = []
    try:
        fh = os.fdopen(atomic.create_private(tmp), "wb")
    except OSError as exc:
        raise drives.write_failure(exc, out.parent, f"bundle {out.name}") from exc
    hashed = _HashingFile(fh)
    with fh:
        with sealed_writer(hashed, sealing) as stream:  # type: ignore[arg-type]
            bag = bagwriter.BagWriter(stream, time.gmtime(), tick, cancelled)
            try:
                tag_sha = _write_bag(
                    vault,
                    bag,
                    items,
                    exhibit_of,
                    bundle_id,
                    fingerprint,
                    sealing,
                    stamp,
                    all_chains,
                    created,
                    problems,
                )
            except BaseException:
                bag.abandon()
                raise
            bag.close(vault.signing_key())
        fh.flush()
        os.fsync(fh.fileno())
    try:
        atomic.place_new(tmp, out)
    except FileExistsError as exc:
        raise UsageError(f"{out} appeared meanwhile; nothing was written over it.") from exc
    result = ExportResult(
        out,
        bundle_id,
        fingerprint,
        list(exhibit_of.values()),
        sealing.describe(),
        out.stat().st_size,
        tag_sha[0],
        tag_sha[1],
        not problems,
        problems,
    )
    result.file_sha256 = hashed.digest.hexdigest()
    return result


class _HashingFile:
    """Pass-through writer that hashes what lands in the bundle file."""

    def __init__(self, fh: Any) -> None:
        self._fh = fh
        self.digest = hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.digest.update(data)
        return int(self._fh.write(data))

    def flush(self) -> None:
        self._fh.flush()


def _write_bag(
    vault: Vault,
    bag: bagwriter.BagWriter,
    items: list[Item],
    exhibit_of: dict[str, str],
    bundle_id: str,
    fingerprint: str,
    sealing: Sealing,
    stamp: bool,
    all_chains: dict[str, list[ChainEntry]],
    created: str,
    problems: list[str],
) -> tuple[str, str | None]:
    chain_finding, chain_checks = checks.check_chains(all_chains)
    problems += chain_finding.problems
    fingerprints = {vid: c.fingerprint for vid, c in chain_checks.items()}
    index = checks.item_added_index(all_chains)
    exhibits: list[dict[str, Any]] = []
    thumbs: dict[str, bytes] = {}
    for item in items:
        meta, thumb = _write_exhibit(vault, bag, item, exhibit_of[item.uid])
        exhibits.append(meta)
        if thumb:
            thumbs[meta["exhibit"]] = thumb
    for exhibit in exhibits:
        problems += checks.check_exhibit(exhibit, index)
    chain_files = []
    doubtful = unverified_holders(vault, {item.uid for item in items})
    for vid, entries in all_chains.items():
        path = layout.chain_path(vid)
        bag.add_bytes(path, b"".join(chains.entry_line(e) for e in entries))
        c = chain_checks[vid]
        chain_files.append(
            {
                "vault_id": vid,
                "fingerprint": c.fingerprint,
                "path": path,
                "entries": c.entries,
                "head": c.head,
                "head_seq": c.head_seq,
                "role": "exporter"
                if vid == vault.vault_id
                else "earlier holder"
                if vid not in doubtful
                else UNVERIFIED_ROLE,
            }
        )
    earlier = provenance.stored(vault, list(provenance.earlier_bundles(all_chains, bundle_id)))
    for origin, files in sorted(earlier.items()):
        for key, path in provenance.bag_paths(origin).items():
            if key in files:
                bag.add_bytes(path, files[key])
    model = {
        "format": layout.FORMAT,
        "bundle_id": bundle_id,
        "created_at": created,
        "earlier_bundles": sorted(earlier),
        "software": {"name": "Evidence Locker", "version": __version__},
        "exporter": {
            "vault_id": vault.vault_id,
            "fingerprint": fingerprint,
            "public_key_pem": signing.public_pem(vault.signing_key()).decode(),
        },
        "sealing": sealing.kind,
        "exhibits": exhibits,
        "chains": chain_files,
        "transfers": [
            {**t, "holder_verified": t["vault_id"] not in doubtful}
            for t in checks.transfers(all_chains, fingerprints)
        ],
        "events": checks.events_by_item(all_chains, [e["uid"] for e in exhibits]),
        "self_check": {"ok": not problems, "problems": list(problems), "checked_at": created},
    }
    # bundle.json says what the bundle holds; the per-item event lists (for the reports)
    # derive from the chain files and are not repeated there.
    bag.add_bytes(
        layout.BUNDLE_JSON,
        _json({k: v for k, v in model.items() if k not in ("events", "transfers")}),
    )
    _write_reports(bag, model, thumbs)
    return _write_tags(vault, bag, model, stamp)


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def _write_exhibit(
    vault: Vault, bag: bagwriter.BagWriter, item: Item, exhibit: str
) -> tuple[dict[str, Any], bytes | None]:
    base = layout.exhibit_dir(exhibit)
    files = []
    used: set[str] = set()
    for art in item.artifacts:
        name = layout.safe_part(art.name, "file")
        role = layout.safe_part(art.role, "original")
        path = f"{base}/{role}/{name}"
        while path.casefold() in used:
            path = f"{base}/{role}/{art.id}-{name}"
        used.add(path.casefold())
        with vault.open_artifact_by_id(art.id) as reader:
            sha = bag.add_stream(
                path,
                reader,  # type: ignore[arg-type]
                art.size,
                compress=bagwriter.worth_compressing(art.media_type),
            )
        if sha != art.sha256:
            raise LockerError(
                f"Item {item.id} {art.role}: stored bytes no longer match their "
                "SHA-256; run `locker verify` before exporting."
            )
        files.append(
            {
                "role": art.role,
                "name": art.name,
                "path": path,
                "size": art.size,
                "sha256": art.sha256,
                "media_type": art.media_type,
            }
        )
    thumb = vault.thumbnail(item.id)
    thumb_path = None
    if thumb:
        thumb_path = f"{base}/thumbnail-blurred.png"
        bag.add_bytes(thumb_path, thumb, compress=False)
    # Received items carry the sender's tokens; this vault's own tokens cover its
    # 'received' and later entries about the item.
    token_list = (
        tokens.received_item_tokens(vault, item.uid) if item.read_only else []
    ) + tokens.local_item_tokens(vault, item.uid)
    stamps = []
    for tok in token_list:
        entry = dict(tok.summary)
        for suffix, data in sorted(tok.files.items()):
            path = f"{base}/timestamps/{layout.safe_part(tok.stem + suffix)}"
            bag.add_bytes(path, data, compress=suffix != ".tsr")
            entry[suffix.lstrip(".").replace(".", "_").replace("-", "_")] = path
        if ".tsa-ca.pem" in tok.files:  # the certificate's own SHA-256, to compare with the TSA's
            entry["tsa_root_sha256"] = root_fingerprints(tok.files[".tsa-ca.pem"])
        stamps.append(entry)
    meta = {
        "format": layout.FORMAT,
        "exhibit": exhibit,
        "uid": item.uid,
        "kind": item.kind,
        "title": item.title,
        "source_url": item.source_url,
        "captured_at": item.captured_at,
        "stored_at": item.created_at,
        "case": item.case,
        "metadata": item.metadata,
        "notes": item.notes,
        "tags": item.tags,
        "archived": item.archived,
        "received": item.read_only,
        "artifacts": files,
        "thumbnail": {
            "path": thumb_path,
            "derived": True,
            "blurred": True,
            "note": "made by the app from the original; not evidence",
        }
        if thumb_path
        else {"path": None, "note": item.preview_note},
        "timestamps": stamps,
    }
    bag.add_bytes(f"{base}/metadata.json", _json(meta))
    summary = dict(meta)
    summary["metadata_path"] = f"{base}/metadata.json"
    return summary, thumb


def _write_reports(
    bag: bagwriter.BagWriter, model: dict[str, Any], thumbs: dict[str, bytes]
) -> None:
    from app.bundle.report_html import render_html
    from app.bundle.report_pdf import render_pdf
    from app.bundle.statement import render_statement_html, render_statement_pdf

    bag.add_bytes(layout.REPORT_HTML, render_html(model, thumbs))
    bag.add_bytes(layout.REPORT_PDF, render_pdf(model, thumbs), compress=False)
    bag.add_bytes(layout.STATEMENT_HTML, render_statement_html(model))
    bag.add_bytes(layout.STATEMENT_PDF, render_statement_pdf(model), compress=False)


def _write_tags(
    vault: Vault, bag: bagwriter.BagWriter, model: dict[str, Any], stamp: bool
) -> tuple[str, str | None]:
    from app.bundle.verify_txt import checker_files, verify_text

    bag.add_bytes(layout.BAGIT_TXT, b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
    info = [
        "Source-Organization: Evidence Locker user (see the custody report)",
        f"Bagging-Date: {model['created_at'][:10]}",
        f"Bag-Software-Agent: Evidence Locker {__version__}",
        f"Payload-Oxum: {bag.payload_bytes}.{len(bag.payload) + 1}",
        f"External-Identifier: {model['bundle_id']}",
        f"Bundle-Created: {model['created_at']}",
        f"Exporter-Vault-Id: {model['exporter']['vault_id']}",
        f"Exporter-Identity-Fingerprint: {model['exporter']['fingerprint']}",
        f"Exhibit-Count: {len(model['exhibits'])}",
        "Internal-Sender-Description: Sealed evidence bundle; see VERIFY.txt and "
        "data/report/custody-report.html",
    ]
    bag.add_bytes(layout.MANIFEST, bagwriter.manifest_text(bag.payload))
    info[3] = f"Payload-Oxum: {bag.payload_bytes}.{len(bag.payload)}"
    bag.add_bytes(layout.BAG_INFO, ("\n".join(info) + "\n").encode("utf-8"))
    checker = checker_files()
    for path, data in checker.items():
        bag.add_bytes(path, data)
    bag.add_bytes(
        layout.VERIFY_TXT, verify_text(model, checker.get(layout.CHECKER)).encode("utf-8")
    )
    tagmanifest = bagwriter.manifest_text(bag.tags)
    bag.add_bytes(layout.TAGMANIFEST, tagmanifest)
    key = vault.signing_key()
    bag.add_bytes(layout.SIGNER_KEY, signing.public_pem(key))
    bag.add_bytes(layout.SIGNATURE, signing.sign(key, tagmanifest), compress=False)
    digest = hashlib.sha256(tagmanifest).digest()
    stamped = _stamp_manifest(digest) if stamp else None
    if stamped is not None:
        bag.add_bytes(layout.MANIFEST_TOKEN, stamped[0], compress=False)
        if stamped[2]:
            bag.add_bytes(layout.MANIFEST_TOKEN_CA, stamped[2])
    return digest.hex(), (stamped[1] if stamped else None)


def _stamp_manifest(digest: bytes) -> tuple[bytes, str, bytes] | None:
    """A token over the tag manifest from the first configured TSA that answers, or None
    (the ``bundle_written`` custody event carries the hash and is stamped with the queue)."""
    try:
        from app.timestamp.client import stamp_data
        from app.timestamp.config import load_tsas

        tsas = load_tsas()
    except LockerError:
        return None
    for tsa in tsas:
        try:
            token = stamp_data(digest, tsa, timeout=15)
        except LockerError:
            continue
        return token.raw, str(token.verdict.gen_time), b"".join(tsa.roots_pem)
    return None

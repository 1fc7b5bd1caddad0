"""The shape of every JSON document a bundle (or a ``FILE.stamp.json``) carries, checked
in one place before any of it is used: bundle.json, each exhibit's metadata.json, each
custody chain line and its disclosed payload (per event), each timestamp proof, and the
stamp file. Documents are parsed with :func:`app.jsonsafe.loads` (no NaN, no huge
numbers, no duplicate keys, bounded depth); anything else raises ``BundleRejected``
(exit 5) with one line naming the file and the member.

Members not listed here are allowed (newer exporters may add some) but bounded in depth
and size by the loader.
"""

from __future__ import annotations

from typing import Any

from app.bundle.errors import BundleRejected
from app.jsonsafe import (
    AnyJSON,
    Bool,
    Int,
    JSONRejected,
    Obj,
    OneOf,
    Seq,
    Shape,
    Str,
    check,
    loads,
    opt,
)
from app.vault.events import Event

HEX64 = Str(64, r"[0-9a-f]{64}")
ID = Str(100)
TIME = Str(64)
TEXT = Str(100_000)
PATH = Str(1000)
SIZE = Int(0, 2**62)
SEQ = Int(1, 2**53)
DIGITS = Str(40, r"[0-9]{1,40}")
MAX_ITEMS = 100_000

ARTIFACT = Obj(
    {
        "path": PATH,
        "role": Str(100),
        "sha256": HEX64,
        "size": SIZE,
        "name": Str(1000),
        "media_type": Str(200),
    },
    required=("path", "role", "sha256", "size"),
)
STAMP_REF = Obj(
    {"tsr": PATH, "proof_json": PATH, "tsa_ca_pem": opt(PATH), "tsa_untrusted_pem": opt(PATH)},
    required=("tsr", "proof_json"),
)
EXHIBIT = Obj(
    {
        "exhibit": Str(100, min_len=1),
        "uid": ID,
        "kind": Str(100),
        "title": Str(10_000),
        "captured_at": TIME,
        "stored_at": TIME,
        "source_url": opt(TEXT),
        "case": Str(1000),
        "metadata": Obj(),
        "artifacts": Seq(ARTIFACT, 10_000, 1),
        "timestamps": Seq(STAMP_REF),
        "notes": Seq(AnyJSON()),
        "tags": Seq(AnyJSON()),
        "archived": Bool(),
        "received": Bool(),
        "metadata_path": PATH,
        "format": Str(100),
        "thumbnail": Obj({"path": opt(PATH), "note": TEXT}),
    },
    required=("exhibit",),
)
METADATA = Obj(
    EXHIBIT.fields, required=("exhibit", "uid", "kind", "title", "captured_at", "artifacts")
)
CHAIN_REF = Obj(
    {
        "vault_id": ID,
        "path": PATH,
        "head": HEX64,
        "entries": Int(0, 2**53),
        "head_seq": Int(0, 2**53),
        "role": Str(100),
        "fingerprint": Str(200),
    },
    required=("vault_id", "path"),
)
BUNDLE = Obj(
    {
        "bundle_id": ID,
        "created_at": TIME,
        "format": Str(100),
        "sealing": Str(100),
        "exporter": Obj(
            {"vault_id": ID, "fingerprint": Str(200), "public_key_pem": Str(4096)},
            required=("vault_id", "fingerprint"),
        ),
        "chains": Seq(CHAIN_REF, 10_000, 1),
        "exhibits": Seq(EXHIBIT, MAX_ITEMS, 1),
        "earlier_bundles": Seq(ID, MAX_ITEMS),
        "self_check": Obj(),
        "software": Obj(),
    },
    required=("bundle_id", "created_at", "exporter", "chains", "exhibits"),
)

CHAIN_LINE = Obj(
    {
        "seq": SEQ,
        "prev_hash": HEX64,
        "payload_hash": HEX64,
        "entry_hash": HEX64,
        "payload": opt(Str(1024 * 1024)),
    },
    required=("seq", "prev_hash", "payload_hash", "entry_hash"),
)
UIDS = Seq(ID, MAX_ITEMS)
TRANSFER: dict[str, Shape] = {
    "bundle_id": ID,
    "items": UIDS,
    "exhibits": Obj(extra=Str(100), max_keys=MAX_ITEMS),
    "recipient": TEXT,
    "reason": TEXT,
    "sender_fingerprint": Str(200),
    "exporter_fingerprint": Str(200),
    "file": TEXT,
    "sealing": Str(100),
}
# The data of the events other code reads; any other event's data is only an object.
EVENT_DATA: dict[str, Shape] = {
    Event.VAULT_CREATED: Obj({"identity_fingerprint": Str(200), "vault_id": ID}),
    Event.ITEM_ADDED: Obj(
        {
            "artifacts": Seq(
                Obj(
                    {
                        "role": Str(100),
                        "sha256": HEX64,
                        "size": SIZE,
                        "name": Str(1000),
                        "media_type": Str(200),
                    }
                )
            ),
            "captured_at": TIME,
            "title": Str(10_000),
            "kind": Str(100),
            "source_url": opt(TEXT),
            "metadata_sha256": HEX64,
            "case": Str(1000),
        }
    ),
    Event.BUNDLE_EXPORTED: Obj(TRANSFER),
    Event.BUNDLE_WRITTEN: Obj({"bundle_id": ID, "tagmanifest_sha256": HEX64, "file_sha256": HEX64}),
    Event.RECEIVED: Obj(
        {
            "bundle_id": ID,
            "from": Str(200),
            "sender_vault_id": ID,
            "origin_vault_id": ID,
            "exhibit": Str(100),
            "captured_at": opt(TIME),
            "artifacts": Seq(Obj({"role": Str(100), "sha256": HEX64, "size": SIZE})),
        }
    ),
}
EVENT_DATA[Event.BUNDLE_IMPORTED] = Obj(
    {
        **TRANSFER,
        "case": Str(1000),
        "sender_vault_id": ID,
        "exported_at": TIME,
        "tagmanifest_sha256": HEX64,
    }
)
PAYLOAD = Obj(
    {
        "seq": SEQ,
        "event": Str(64, r"[a-z_]{1,64}"),
        "at": TIME,
        "app_version": Str(64),
        "vault_id": ID,
        "item": opt(ID),
        "data": Obj(max_keys=10_000),
    },
    required=("seq", "event", "vault_id", "data"),
)

LEAF = Obj(
    {
        "custody_seq": SEQ,
        "leaf_index": Int(0, 2**53),
        "leaf_data": HEX64,
        "audit_path": Seq(HEX64, 64),
        "entry": Obj(
            {
                "seq": SEQ,
                "event": Str(64),
                "at": TIME,
                "item": opt(ID),
                "payload_hash": HEX64,
                "prev_hash": HEX64,
                "entry_hash": HEX64,
                "payload": opt(Str(1024 * 1024)),
            }
        ),
    },
    required=("custody_seq", "leaf_index", "leaf_data", "audit_path"),
)
PROOF = Obj(
    {
        "format": Str(100),
        "vault_id": ID,
        "token": Obj(
            {
                "nonce": opt(OneOf((DIGITS, Int(0, 2**160)))),
                "tsa_url": opt(TEXT),
                "tsa": opt(TEXT),
                "signer": opt(TEXT),
                "gen_time": opt(TIME),
                "serial": opt(Str(100)),
                "policy": opt(Str(200)),
                "id": AnyJSON(),
            }
        ),
        "merkle": Obj({"root": HEX64, "tree_size": Int(1, 2**53)}, required=("root", "tree_size")),
        "leaves": Seq(LEAF, MAX_ITEMS),
    },
    required=("merkle", "leaves", "token"),
)
STAMP_FILE = Obj(
    {
        "format": Str(100),
        "bundle_id": ID,
        "tagmanifest_sha256": HEX64,
        "vault_id": ID,
        "stamps": Seq(
            Obj(
                {"tsr": Str(1_500_000), "proof": PROOF, "tsa_ca_pem": opt(Str(1 << 20))},
                required=("tsr", "proof"),
            ),
            64,
        ),
    },
    required=("stamps",),
)


def parse(text: str | bytes, shape: Shape, what: str) -> Any:
    """The document in ``text`` when it has ``shape``; BundleRejected naming ``what``."""
    try:
        value = loads(text)
    except JSONRejected as exc:
        raise BundleRejected(f"{what[:160]}: {str(exc)[:200]}.") from exc
    try:
        return check(value, shape, what[:160])
    except JSONRejected as exc:
        raise BundleRejected(f"{str(exc)[:360]}.") from exc


def parse_payload(text: str, what: str) -> dict[str, Any]:
    """A disclosed custody payload, with its event's data shape."""
    payload: dict[str, Any] = parse(text, PAYLOAD, what)
    shape = EVENT_DATA.get(str(payload["event"]))
    if shape is not None:
        try:
            check(payload["data"], shape, f"{what} data")
        except JSONRejected as exc:
            raise BundleRejected(f"{str(exc)[:300]}.") from exc
    return payload

"""Bundles under attack: bytes flipped, cut or appended anywhere (plain and age-sealed);
a malicious sender who edits the JSON and re-signs everything with their real key;
random zips. Verification never reports OK for a changed bundle, only clean LockerError
subclasses escape, and a refused import leaves the receiving vault exactly as it was.

Guards: app.bundle.verify (manifests, Ed25519 over tag manifest and whole zip, chains),
app.bundle.safezip limits, app.bundle.importer's verify-everything-then-commit.
"""

from __future__ import annotations

import json
import random
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.bundle.export import export_bundle, select_items
from app.bundle.importer import import_bundle
from app.bundle.seal import Sealing, parse_identities
from app.bundle.verify import verify_bundle
from app.errors import LockerError
from app.vault import Vault
from app.vault.identity import age_recipient_of
from app.vault.models import NewArtifact, NewItem
from app.vault.verify import verify_vault
from tests.adversarial.util import synthetic_png
from tests.bundle.craft import read_members, resign, write_zip


class Setup:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sender = Vault.create(folder / "sender.locker", "sender pass")
        for n in range(2):
            self.sender.add_item(
                NewItem(
                    "screenshot", "Case", f"capture {n}", source_url=f"https://example.test/{n}"
                ),
                [
                    NewArtifact("original", f"shot-{n}.png", synthetic_png(seed=n), "image/png"),
                    NewArtifact("page.html", "page.html", b"<p>post</p>", "text/html"),
                ],
            )
        self.receiver = Vault.create(folder / "receiver.locker", "receiver pass")
        items = select_items(self.sender, case="Case")
        self.plain = folder / "plain.bundle"
        export_bundle(self.sender, self.plain, items, Sealing(), stamp=False)
        self.sealed = folder / "sealed.bundle"
        recipient = age_recipient_of(self.receiver.age_identity())
        export_bundle(
            self.sender, self.sealed, items, Sealing(recipients=(recipient,)), stamp=False
        )
        self.identities = parse_identities(self.receiver.age_identity())

    def close(self) -> None:
        self.sender.close()
        self.receiver.close()


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    s = Setup(tmp_path_factory.mktemp("bundles"))
    assert verify_bundle(s.plain).ok
    assert verify_bundle(s.sealed, identities=s.identities).ok
    # Control: re-signing unchanged members gives a bundle that verifies, so the forged
    # bundles below reach every check, not just the signature.
    key = s.sender.signing_key()
    control = write_zip(s.folder / "control.bundle", resign(read_members(s.plain), key), key=key)
    assert verify_bundle(control).ok
    yield s
    s.close()


def _verdict(path: Path, identities: list[Any] | None = None) -> str:
    try:
        return "ok" if verify_bundle(path, identities=identities).ok else "not ok"
    except LockerError:
        return "refused"


def _receiver_state(vault: Vault) -> tuple[int, tuple[int, str]]:
    return vault.count_items(archived=None), vault.chain_head()


FIXED = Path(__file__).resolve().parent / "fixtures"


def _fixed(kind: str) -> tuple[bytes, list[Any] | None]:
    """The committed bundle (same bytes every run, so every flip lands on the same field;
    see fixtures/make_fixed_bundles.py) and the identities that open it."""
    data = (FIXED / f"fixed-{kind}.bundle").read_bytes()
    ids = (
        parse_identities((FIXED / "fixed-sealed.identity.txt").read_text())
        if kind == "sealed"
        else None
    )
    return data, ids


def _verdict_strict(path: Path, identities: list[Any] | None = None) -> str:
    """Like _verdict, but anything other than a LockerError fails the test."""
    try:
        return "ok" if verify_bundle(path, identities=identities).ok else "not ok"
    except LockerError as exc:
        assert "\n" not in str(exc)
        return "refused"


@pytest.mark.parametrize("kind", ["plain", "sealed"])
def test_flips_truncations_and_appends_never_verify(tmp_path: Path, kind: str, soak: bool) -> None:
    original, ids = _fixed(kind)
    target = tmp_path / "t.bundle"
    target.write_bytes(original)
    assert _verdict_strict(target, ids) == "ok"
    rng = random.Random(7600 if kind == "plain" else 7601)
    size = len(original)
    flips = sorted({0, size - 1, *(rng.randrange(size) for _ in range(2000 if soak else 400))})
    variants: list[tuple[str, bytes]] = []
    for pos in flips:
        flipped = bytearray(original)
        flipped[pos] ^= rng.randrange(1, 256)
        variants.append((f"flip@{pos}", bytes(flipped)))
    for n in sorted({rng.randrange(size) for _ in range(200 if soak else 30)}):
        variants.append((f"cut@{n}", original[:n]))
    for tail in (b"\x00", b"PK\x05\x06" + bytes(18), rng.randbytes(100), original[:200]):
        variants.append((f"append{len(tail)}", original + tail))
    accepted = []
    for label, data in variants:
        target.write_bytes(data)
        if _verdict_strict(target, ids) == "ok":
            accepted.append(label)
    assert not accepted, f"changed bundles verified OK: {accepted[:10]}"


# Central directory file header fields (APPNOTE 4.3.12): name, offset, size.
CD_FIELDS = [
    ("version made by", 4, 2),
    ("version needed to extract", 6, 2),
    ("flags", 8, 2),
    ("compression", 10, 2),
    ("mod time", 12, 2),
    ("mod date", 14, 2),
    ("crc-32", 16, 4),
    ("compressed size", 20, 4),
    ("uncompressed size", 24, 4),
    ("name length", 28, 2),
    ("extra length", 30, 2),
    ("comment length", 32, 2),
    ("disk number", 34, 2),
    ("internal attributes", 36, 2),
    ("external attributes", 38, 4),
    ("local header offset", 42, 4),
]


def test_central_directory_field_mutations_never_verify(tmp_path: Path) -> None:
    """Every field of every central-directory entry set to a few telling values
    (0, 1, all ones, +1, and for "version needed" 0x40/0xFF which make zipfile raise
    NotImplementedError): always a clean refusal or a failed verification."""
    original, _ = _fixed("plain")
    entries = []
    at = original.find(b"PK\x01\x02")
    while at != -1:
        entries.append(at)
        at = original.find(b"PK\x01\x02", at + 4)
    assert len(entries) >= 10
    target = tmp_path / "cd.bundle"
    accepted = []
    for n, entry in enumerate(entries):
        for name, offset, width in CD_FIELDS:
            old = int.from_bytes(original[entry + offset : entry + offset + width], "little")
            values = {0, 1, (1 << (8 * width)) - 1, (old + 1) % (1 << (8 * width))}
            if name == "version needed to extract":
                values |= {0x40, 0xFF, 0x0340}
            for value in sorted(values - {old}):
                data = bytearray(original)
                data[entry + offset : entry + offset + width] = value.to_bytes(width, "little")
                target.write_bytes(bytes(data))
                if _verdict_strict(target) == "ok":
                    accepted.append(f"entry {n} {name}={value:#x}")
    assert not accepted, f"changed bundles verified OK: {accepted[:10]}"


def test_damaged_version_needed_is_a_clean_cli_error(tmp_path: Path) -> None:
    from tests.helpers.cli import locker

    original, _ = _fixed("plain")
    data = bytearray(original)
    entry = data.find(b"PK\x01\x02")
    data[entry + 6 : entry + 8] = (0x40).to_bytes(2, "little")  # zip version 6.4
    target = tmp_path / "version.bundle"
    target.write_bytes(bytes(data))
    proc = locker("verify-bundle", target)
    assert proc.returncode == 5, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "unexpected" not in proc.stderr
    proc = locker("verify-bundle", target, "--json")
    assert proc.returncode == 5
    assert json.loads(proc.stdout)["ok"] is False and json.loads(proc.stdout)["exit_code"] == 5


def test_whole_zip_signature_base64_is_strict(tmp_path: Path) -> None:
    """The last base64 character of the 64-byte signature carries 4 unused bits: each of
    the 15 other spellings of the same bytes is a changed byte and must not verify."""
    import base64

    from app.bundle.zipsig import PREFIX

    original, _ = _fixed("plain")
    comment_at = original.rindex(PREFIX)
    last = comment_at + len(PREFIX) + 85  # 86th character: 2 data bits + 4 unused
    assert original[last + 1 : last + 3] == b"=="
    alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    index = alphabet.index(original[last])
    same_bytes = [
        c for c in alphabet if alphabet.index(c) >> 4 == index >> 4 and c != original[last]
    ]
    assert len(same_bytes) == 15
    target = tmp_path / "b64.bundle"
    for char in same_bytes:
        data = bytearray(original)
        data[last] = char
        assert base64.b64decode(bytes(data[comment_at + len(PREFIX) :])) == base64.b64decode(
            original[comment_at + len(PREFIX) :]
        )
        target.write_bytes(bytes(data))
        assert _verdict_strict(target) != "ok", f"signature spelled with {chr(char)} verified"


def test_refused_import_leaves_the_receiver_unchanged(setup: Setup, tmp_path: Path) -> None:
    original = setup.plain.read_bytes()
    rng = random.Random(7602)
    before = _receiver_state(setup.receiver)
    target = tmp_path / "t.bundle"
    for _ in range(25):
        data = bytearray(original)
        data[rng.randrange(len(data))] ^= 0xFF
        target.write_bytes(bytes(data))
        with pytest.raises(LockerError):
            import_bundle(setup.receiver, target)
        assert _receiver_state(setup.receiver) == before


# -- a malicious sender: edits JSON, re-signs with the real key --------------------------

HOSTILE_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.sampled_from(
        [
            "../../etc/passwd",
            "/abs/path",
            "C:\\x",
            "a\u202eb",
            "\x00",
            "E-001",
            "0" * 5000,
            "data/exhibits/E-001/../../x",
        ]
    ),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.just([[[[[[[[[[[]]]]]]]]]]]),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replace(value[path[0]], path[1:], new)
    return copy


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_resigned_hostile_json_is_refused_cleanly(
    setup: Setup, tmp_path: Path, data: st.DataObject
) -> None:
    members = read_members(setup.plain)
    json_names = sorted(
        n for n in members if n.endswith((".json", ".jsonl")) and n.startswith("data/")
    )
    name = data.draw(st.sampled_from(json_names))
    if name.endswith(".jsonl"):
        lines = members[name].decode().splitlines()
        i = data.draw(st.integers(0, len(lines) - 1))
        doc = json.loads(lines[i])
        path = data.draw(st.sampled_from(list(_paths(doc))))
        lines[i] = json.dumps(_replace(doc, path, data.draw(HOSTILE_VALUES)))
        members[name] = ("\n".join(lines) + "\n").encode()
    else:
        doc = json.loads(members[name])
        path = data.draw(st.sampled_from(list(_paths(doc))))
        members[name] = json.dumps(_replace(doc, path, data.draw(HOSTILE_VALUES))).encode()
    key = setup.sender.signing_key()
    target = write_zip(tmp_path / "forged.bundle", resign(members, key), key=key)
    before = _receiver_state(setup.receiver)
    try:
        verify_bundle(target)
    except LockerError:
        pass
    try:
        result = import_bundle(
            setup.receiver, target, case=f"In {data.draw(st.integers(0, 10**9))}"
        )
    except LockerError:
        assert _receiver_state(setup.receiver) == before, "a refused import changed the vault"
    else:  # the edit was harmless: the import must leave a vault that still verifies
        del result
        assert verify_vault(setup.receiver).ok


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    members=st.dictionaries(
        st.sampled_from(
            [
                "bagit.txt",
                "bag-info.txt",
                "manifest-sha256.txt",
                "tagmanifest-sha256.txt",
                "data/bundle.json",
                "signature/tagmanifest-sha256.txt.sig",
                "signature/signer-ed25519.pem",
                "data/custody/chain-x.jsonl",
                "data/exhibits/E-001/metadata.json",
                "VERIFY.txt",
            ]
        )
        | st.text(min_size=1, max_size=30),
        st.binary(max_size=300),
        max_size=10,
    )
)
def test_random_zips_are_refused_cleanly(tmp_path: Path, members: dict[str, bytes]) -> None:
    target = tmp_path / "random.bundle"
    try:
        write_zip(target, members)
    except (ValueError, UnicodeEncodeError, zipfile.LargeZipFile):
        return  # not even a writable zip
    assert _verdict(target) != "ok"


# -- signed by the sender, hostile content (issue 10 §5): exit 5, one line, never exit 1 --


def _chain_name(members: dict[str, bytes]) -> str:
    return next(n for n in members if n.startswith("data/custody/chain-"))


def _edit_payload(members: dict[str, bytes], event: str, edit: Any) -> None:
    """Edit the disclosed payload of the first ``event`` entry and re-link the chain
    (payload_hash, entry_hash and every later prev/entry hash), as a sender can."""
    from app.vault import custody

    name = _chain_name(members)
    lines = [json.loads(line) for line in members[name].decode().splitlines()]
    done = False
    prev = "0" * 64
    for line in lines:
        if not done and "payload" in line and json.loads(line["payload"])["event"] == event:
            payload = json.loads(line["payload"])
            edit(payload)
            line["payload"] = json.dumps(payload, sort_keys=True, separators=(",", ":"))
            line["payload_hash"] = custody.payload_hash(line["payload"])
            done = True
        line["prev_hash"] = prev
        line["entry_hash"] = prev = custody.entry_hash(prev, line["payload_hash"])
    assert done
    members[name] = "".join(json.dumps(line) + "\n" for line in lines).encode()
    bundle = json.loads(members["data/bundle.json"])
    bundle["chains"][0]["head"] = prev
    members["data/bundle.json"] = json.dumps(bundle).encode()


def _exhibit_meta(members: dict[str, bytes]) -> str:
    return sorted(n for n in members if n.endswith("/metadata.json"))[0]


def _with_proof(members: dict[str, bytes], token: dict[str, Any], leaf: dict[str, Any]) -> None:
    """Give the first exhibit one timestamp whose proof file is ``token``/``leaf``."""
    meta_name = _exhibit_meta(members)
    meta = json.loads(members[meta_name])
    base = meta_name.rsplit("/", 1)[0] + "/timestamps/T-1"
    members[base + ".tsr"] = b"\x30\x03\x02\x01\x00"
    members[base + ".proof.json"] = json.dumps(
        {
            "vault_id": json.loads(members["data/bundle.json"])["exporter"]["vault_id"],
            "merkle": {"root": "00" * 32, "tree_size": 1},
            "token": {"tsa_url": "http://127.0.0.1:9/tsa", **token},
            "leaves": [
                {
                    "custody_seq": 2,
                    "leaf_index": 0,
                    "leaf_data": "00" * 32,
                    "audit_path": [],
                    **leaf,
                }
            ],
        }
    ).encode()
    meta["timestamps"] = [{"tsr": base + ".tsr", "proof_json": base + ".proof.json"}]
    members[meta_name] = json.dumps(meta).encode()


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _hostile_edits() -> dict[str, Any]:
    def item_added_list(m: dict[str, bytes]) -> None:
        _edit_payload(m, "item_added", lambda p: p.__setitem__("data", [1, 2]))

    def items_number(m: dict[str, bytes]) -> None:
        _edit_payload(m, "bundle_exported", lambda p: p["data"].__setitem__("items", 7))

    def nan_metadata(m: dict[str, bytes]) -> None:
        name = _exhibit_meta(m)
        m[name] = m[name].replace(b'"metadata": {}', b'"metadata": {"w": NaN}')
        assert b"NaN" in m[name]

    def seq_list(m: dict[str, bytes]) -> None:
        _with_proof(m, {"nonce": "1"}, {"custody_seq": [2]})

    def nonce_superscript(m: dict[str, bytes]) -> None:
        _with_proof(m, {"nonce": "\u00b2"}, {})

    def nonce_5000_digits(m: dict[str, bytes]) -> None:
        _with_proof(m, {"nonce": "7" * 5000}, {})

    def nested_chain_line(m: dict[str, bytes]) -> None:
        name = _chain_name(m)
        m[name] = m[name] + (_nested(100_000) + "\n").encode()

    def nested_payload(m: dict[str, bytes]) -> None:
        name = _chain_name(m)
        lines = [json.loads(line) for line in m[name].decode().splitlines()]
        lines[-1]["payload"] = _nested(100_000)
        m[name] = "".join(json.dumps(line) + "\n" for line in lines).encode()

    def nested_metadata(m: dict[str, bytes]) -> None:
        name = _exhibit_meta(m)
        m[name] = m[name].replace(
            b'"metadata": {}', b'"metadata": {"x": ' + _nested(100_000).encode() + b"}"
        )

    def exhibits_number(m: dict[str, bytes]) -> None:
        bundle = json.loads(m["data/bundle.json"])
        bundle["chains"][0]["entries"] = [1]
        bundle["created_at"] = 5
        m["data/bundle.json"] = json.dumps(bundle).encode()

    return {
        f.__name__: f
        for f in (
            item_added_list,
            items_number,
            nan_metadata,
            seq_list,
            nonce_superscript,
            nonce_5000_digits,
            nested_chain_line,
            nested_payload,
            nested_metadata,
            exhibits_number,
        )
    }


HOSTILE_EDITS = _hostile_edits()


@pytest.mark.parametrize("edit", sorted(HOSTILE_EDITS))
def test_signed_hostile_content_is_rejected_cleanly(
    setup: Setup, tmp_path: Path, edit: str
) -> None:
    from app.bundle.errors import BundleRejected

    members = read_members(setup.plain)
    HOSTILE_EDITS[edit](members)
    key = setup.sender.signing_key()
    target = write_zip(tmp_path / "hostile.bundle", resign(members, key), key=key)
    with pytest.raises(BundleRejected) as info:
        verify_bundle(target)
    assert "\n" not in str(info.value) and len(str(info.value)) < 400
    before = _receiver_state(setup.receiver)
    with pytest.raises(BundleRejected):
        import_bundle(setup.receiver, target, case=f"In {edit}")
    assert _receiver_state(setup.receiver) == before


def test_signed_hostile_content_cli_exit_5_one_line_and_json(
    setup: Setup, tmp_path: Path, passphrase_file: Path
) -> None:
    from tests.helpers.cli import locker

    members = read_members(setup.plain)
    HOSTILE_EDITS["item_added_list"](members)
    key = setup.sender.signing_key()
    target = write_zip(tmp_path / "hostile.bundle", resign(members, key), key=key)
    proc = locker("verify-bundle", target)
    assert proc.returncode == 5 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "must be an object" in proc.stderr and "unexpected" not in proc.stderr
    doc = json.loads(locker("verify-bundle", target, "--json").stdout)
    assert doc["ok"] is False and doc["exit_code"] == 5 and "must be an object" in doc["error"]
    vault = tmp_path / "r.locker"
    assert locker("init", vault, passphrase_file=passphrase_file).returncode == 0
    proc = locker("import", vault, target, "--json", passphrase_file=passphrase_file)
    assert proc.returncode == 5 and len(proc.stderr.strip().splitlines()) == 1
    doc = json.loads(proc.stdout)
    assert doc == {"ok": False, "error": doc["error"], "exit_code": 5}


def _stamp_file_variants(good: dict[str, Any]) -> dict[str, Any]:
    def stamp0(doc: dict[str, Any]) -> dict[str, Any]:
        return doc["stamps"][0]  # type: ignore[no-any-return]

    variants: dict[str, Any] = {
        "stamps a number": lambda d: d.__setitem__("stamps", 3),
        "stamp a list": lambda d: d["stamps"].__setitem__(0, [1]),
        "proof a string": lambda d: stamp0(d).__setitem__("proof", "x"),
        "tree_size text": lambda d: stamp0(d)["proof"]["merkle"].__setitem__("tree_size", "9"),
        "custody_seq list": lambda d: stamp0(d)["proof"]["leaves"][0].__setitem__(
            "custody_seq", [1]
        ),
        "nonce superscript": lambda d: stamp0(d)["proof"]["token"].__setitem__("nonce", "\u00b2"),
        "payload nested": lambda d: stamp0(d)["proof"]["leaves"][0]["entry"].__setitem__(
            "payload", "[" * 100_000 + "]" * 100_000
        ),
        "payload data a list": lambda d: stamp0(d)["proof"]["leaves"][0]["entry"].__setitem__(
            "payload",
            json.dumps({"seq": 1, "event": "bundle_written", "vault_id": "v", "data": []}),
        ),
        "tsr not canonical base64": lambda d: stamp0(d).__setitem__(
            "tsr", stamp0(d)["tsr"][:-3] + "B=="
        ),
    }
    return variants


def test_hostile_stamp_file_is_rejected_cleanly(setup: Setup, tmp_path: Path) -> None:
    """A FILE.stamp.json beside a bundle is input too: every member checked first."""
    import base64
    import copy
    import shutil

    bundle = tmp_path / "b.bundle"
    shutil.copyfile(setup.plain, bundle)
    entry = {
        "seq": 5,
        "event": "bundle_written",
        "at": "2026-01-01T00:00:00Z",
        "item": None,
        "payload_hash": "00" * 32,
        "prev_hash": "00" * 32,
        "entry_hash": "00" * 32,
        "payload": json.dumps({"seq": 5, "event": "bundle_written", "vault_id": "v", "data": {}}),
    }
    good = {
        "format": "evidence-locker-bundle-stamp/1",
        "bundle_id": "b",
        "vault_id": "v",
        "tagmanifest_sha256": "00" * 32,
        "stamps": [
            {
                "tsr": base64.b64encode(b"\x30\x03\x02\x01\x00").decode(),
                "tsa_ca_pem": "",
                "proof": {
                    "token": {"nonce": "12", "tsa_url": "http://127.0.0.1:9/"},
                    "merkle": {"root": "00" * 32, "tree_size": 1},
                    "leaves": [
                        {
                            "custody_seq": 5,
                            "leaf_index": 0,
                            "leaf_data": "00" * 32,
                            "audit_path": [],
                            "entry": entry,
                        }
                    ],
                },
            }
        ],
    }
    stamp = Path(str(bundle) + ".stamp.json")
    stamp.write_text(json.dumps(good))
    report = verify_bundle(bundle)  # well formed: a failed check, not a refusal
    assert not report.ok
    from app.bundle.errors import BundleRejected

    for label, edit in _stamp_file_variants(good).items():
        doc = copy.deepcopy(good)
        edit(doc)
        stamp.write_text(json.dumps(doc))
        with pytest.raises(BundleRejected) as info:
            verify_bundle(bundle)
        assert "\n" not in str(info.value), label
    stamp.write_text('{"stamps": [], "x": NaN}')
    with pytest.raises(BundleRejected):
        verify_bundle(bundle)

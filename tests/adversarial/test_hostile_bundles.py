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

pytest.importorskip("app.bundle.verify")

from app.bundle.export import export_bundle, select_items  # noqa: E402
from app.bundle.importer import import_bundle  # noqa: E402
from app.bundle.seal import Sealing, parse_identities  # noqa: E402
from app.bundle.verify import verify_bundle  # noqa: E402
from app.errors import LockerError  # noqa: E402
from app.vault import Vault  # noqa: E402
from app.vault.identity import age_recipient_of  # noqa: E402
from app.vault.models import NewArtifact, NewItem  # noqa: E402
from app.vault.verify import verify_vault  # noqa: E402
from tests.adversarial.util import synthetic_png  # noqa: E402
from tests.bundle.craft import read_members, resign, write_zip  # noqa: E402


class Setup:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sender = Vault.create(folder / "sender.locker", "sender pass")
        for n in range(2):
            self.sender.add_item(
                NewItem("screenshot", "Case", f"capture {n}", source_url=f"https://example.test/{n}"),
                [NewArtifact("original", f"shot-{n}.png", synthetic_png(seed=n), "image/png"),
                 NewArtifact("page.html", "page.html", b"<p>post</p>", "text/html")])
        self.receiver = Vault.create(folder / "receiver.locker", "receiver pass")
        items = select_items(self.sender, case="Case")
        self.plain = folder / "plain.bundle"
        export_bundle(self.sender, self.plain, items, Sealing(), stamp=False)
        self.sealed = folder / "sealed.bundle"
        recipient = age_recipient_of(self.receiver.age_identity())
        export_bundle(self.sender, self.sealed, items, Sealing(recipients=(recipient,)), stamp=False)
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


@pytest.mark.parametrize("kind", ["plain", "sealed"])
def test_flips_truncations_and_appends_never_verify(setup: Setup, tmp_path: Path, kind: str,
                                                    soak: bool) -> None:
    original = (setup.plain if kind == "plain" else setup.sealed).read_bytes()
    ids = None if kind == "plain" else setup.identities
    rng = random.Random(7600 if kind == "plain" else 7601)
    size = len(original)
    flips = sorted({0, size - 1, *(rng.randrange(size) for _ in range(2000 if soak else 400))})
    variants: list[tuple[str, bytes]] = []
    for pos in flips:
        data = bytearray(original)
        data[pos] ^= rng.randrange(1, 256)
        variants.append((f"flip@{pos}", bytes(data)))
    for n in sorted({rng.randrange(size) for _ in range(200 if soak else 30)}):
        variants.append((f"cut@{n}", original[:n]))
    for tail in (b"\x00", b"PK\x05\x06" + bytes(18), rng.randbytes(100), original[:200]):
        variants.append((f"append{len(tail)}", original + tail))
    target = tmp_path / "t.bundle"
    accepted = []
    for label, data in variants:
        target.write_bytes(data)
        if _verdict(target, ids) == "ok":
            accepted.append(label)
    assert not accepted, f"changed bundles verified OK: {accepted[:10]}"


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
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False), st.text(max_size=40),
    st.sampled_from(["../../etc/passwd", "/abs/path", "C:\\x", "a\u202eb", "\x00", "E-001",
                     "0" * 5000, "data/exhibits/E-001/../../x"]),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
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


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_resigned_hostile_json_is_refused_cleanly(setup: Setup, tmp_path: Path,
                                                  data: st.DataObject) -> None:
    members = read_members(setup.plain)
    json_names = sorted(n for n in members if n.endswith((".json", ".jsonl")) and n.startswith("data/"))
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
        result = import_bundle(setup.receiver, target, case=f"In {data.draw(st.integers(0, 10**9))}")
    except LockerError:
        assert _receiver_state(setup.receiver) == before, "a refused import changed the vault"
    else:  # the edit was harmless: the import must leave a vault that still verifies
        del result
        assert verify_vault(setup.receiver).ok


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(members=st.dictionaries(
    st.sampled_from(["bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt",
                     "data/bundle.json", "signature/tagmanifest-sha256.txt.sig",
                     "signature/signer-ed25519.pem", "data/custody/chain-x.jsonl",
                     "data/exhibits/E-001/metadata.json", "VERIFY.txt"]) | st.text(min_size=1, max_size=30),
    st.binary(max_size=300), max_size=10))
def test_random_zips_are_refused_cleanly(tmp_path: Path, members: dict[str, bytes]) -> None:
    target = tmp_path / "random.bundle"
    try:
        write_zip(target, members)
    except (ValueError, UnicodeEncodeError, zipfile.LargeZipFile):
        return  # not even a writable zip
    assert _verdict(target) != "ok"

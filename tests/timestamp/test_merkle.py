"""RFC 6962 Merkle tree: published test vectors, paths, and tamper locality."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.timestamp import merkle

# The certificate-transparency reference inputs and roots (RFC 6962 implementations).
CT_LEAVES = [
    bytes.fromhex(h)
    for h in (
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    )
]
CT_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]


@pytest.mark.parametrize("size", range(1, 9))
def test_reference_roots(size: int) -> None:
    assert merkle.root(CT_LEAVES[:size]).hex() == CT_ROOTS[size - 1]


def test_single_leaf_root_is_leaf_hash() -> None:
    data = hashlib.sha256(b"entry").digest()
    assert merkle.root([data]) == hashlib.sha256(b"\x00" + data).digest()
    assert merkle.root_from_path(data, 0, 1, []) == merkle.root([data])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(min_size=0, max_size=40), min_size=1, max_size=70))
def test_every_leaf_proves_itself(leaves: list[bytes]) -> None:
    root, paths = merkle.tree_with_paths(leaves)
    assert root == merkle.root(leaves)
    for i, data in enumerate(leaves):
        assert paths[i] == merkle.audit_path(i, leaves)
        assert merkle.root_from_path(data, i, len(leaves), paths[i]) == root


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 13, 100])
def test_changing_one_leaf_breaks_only_its_own_proof(size: int) -> None:
    leaves = [hashlib.sha256(str(i).encode()).digest() for i in range(size)]
    root, paths = merkle.tree_with_paths(leaves)
    for changed in range(size):
        for i, data in enumerate(leaves):
            leaf = bytes([data[0] ^ 1]) + data[1:] if i == changed else data
            holds = merkle.root_from_path(leaf, i, size, paths[i]) == root
            assert holds == (i != changed)


def test_malformed_paths_are_errors_not_crashes() -> None:
    leaves = [b"a", b"b", b"c"]
    root, paths = merkle.tree_with_paths(leaves)
    with pytest.raises(merkle.MerkleError):
        merkle.root_from_path(b"a", 3, 3, paths[0])
    with pytest.raises(merkle.MerkleError):
        merkle.root_from_path(b"a", 0, 3, paths[0][:1])
    with pytest.raises(merkle.MerkleError):
        merkle.root_from_path(b"a", 0, 3, paths[0] + [root])
    with pytest.raises(merkle.MerkleError):
        merkle.root_from_path(b"a", 0, 3, [b"short"] * 2)
    # A path valid for another position does not prove this one.
    assert merkle.root_from_path(b"a", 1, 3, paths[0]) != root

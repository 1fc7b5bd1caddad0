"""RFC 6962 / RFC 9162 Merkle trees over SHA-256.

    leaf_hash(d)    = SHA-256(0x00 || d)
    node_hash(l, r) = SHA-256(0x01 || l || r)
    MTH({d0})       = leaf_hash(d0)
    MTH(D[n])       = node_hash(MTH(D[0:k]), MTH(D[k:n]))   k = largest power of 2 < n

An audit path lists sibling hashes from the leaf upwards; ``root_from_path`` is the
verification algorithm of RFC 9162 section 2.1.3.2.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

HASH_SIZE = 32


class MerkleError(ValueError):
    """An index, size or path that cannot describe a position in a tree."""


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n >= 2)."""
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def _levels(leaves: Sequence[bytes]) -> list[list[bytes]]:
    """Every level of the tree, bottom up. A lone last node moves up unchanged, which
    builds exactly the RFC 6962 tree (left subtrees are always perfect)."""
    if not leaves:
        raise MerkleError("a Merkle tree needs at least one leaf")
    level = [leaf_hash(d) for d in leaves]
    levels = [level]
    while len(level) > 1:
        nxt = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            nxt.append(level[-1])
        levels.append(nxt)
        level = nxt
    return levels


def root(leaves: Sequence[bytes]) -> bytes:
    """MTH over the leaf data (each item is raw leaf data, not yet hashed)."""
    return _levels(leaves)[-1][0]


def audit_path(index: int, leaves: Sequence[bytes]) -> list[bytes]:
    """PATH(index, D[n]) as defined in RFC 6962 section 2.1.1 (recursive reference form)."""
    n = len(leaves)
    if not 0 <= index < n:
        raise MerkleError(f"leaf index {index} is outside a tree of {n} leaves")
    if n == 1:
        return []
    k = _split(n)
    if index < k:
        return audit_path(index, leaves[:k]) + [root(leaves[k:])]
    return audit_path(index - k, leaves[k:]) + [root(leaves[:k])]


def tree_with_paths(leaves: Sequence[bytes]) -> tuple[bytes, list[list[bytes]]]:
    """The root and every leaf's audit path in O(n log n) (for large batches)."""
    levels = _levels(leaves)
    paths: list[list[bytes]] = []
    for index in range(len(leaves)):
        path: list[bytes] = []
        i = index
        for level in levels[:-1]:
            sibling = i ^ 1
            if sibling < len(level):
                path.append(level[sibling])
            i //= 2
        paths.append(path)
    return levels[-1][0], paths


def root_from_path(leaf_data: bytes, index: int, size: int, path: Sequence[bytes]) -> bytes:
    """Recompute the root from one leaf's data and audit path (RFC 9162 2.1.3.2).
    Raises MerkleError when the path cannot belong to a tree of ``size`` leaves."""
    if size < 1 or not 0 <= index < size:
        raise MerkleError(f"leaf index {index} is outside a tree of {size} leaves")
    fn, sn = index, size - 1
    r = leaf_hash(leaf_data)
    for p in path:
        if len(p) != HASH_SIZE:
            raise MerkleError("an audit path entry is not a 32-byte hash")
        if sn == 0:
            raise MerkleError("the audit path is longer than the tree is deep")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise MerkleError("the audit path is shorter than the tree is deep")
    return r

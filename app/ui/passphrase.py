"""A rough, honest passphrase strength estimate for the meter (no network, no lists
sent anywhere). It rewards length and several words; it cannot know what an attacker
knows about the person, and the meter says so."""

from __future__ import annotations

import math
import re

COMMON = {
    "password",
    "passwort",
    "qwerty",
    "123456",
    "letmein",
    "iloveyou",
    "admin",
    "welcome",
    "사랑해",
    "비밀번호",
    "abc123",
    "monkey",
    "dragon",
}


def estimate_bits(passphrase: str) -> float:
    if not passphrase:
        return 0.0
    pool = 0
    if re.search(r"[a-z]", passphrase):
        pool += 26
    if re.search(r"[A-Z]", passphrase):
        pool += 26
    if re.search(r"[0-9]", passphrase):
        pool += 10
    if re.search(r"[^A-Za-z0-9\s]", passphrase):
        pool += 33
    if any(ord(c) > 127 for c in passphrase):
        pool += 200
    distinct = len(set(passphrase))
    length = len(passphrase)
    bits = min(length, distinct * 2) * math.log2(max(pool, 2))
    lowered = passphrase.lower()
    if any(word in lowered for word in COMMON):
        bits *= 0.4
    if re.fullmatch(r"(.)\1*", passphrase) or re.fullmatch(r"\d+", passphrase):
        bits *= 0.3
    words = len(re.findall(r"\w{3,}", passphrase))
    if words >= 4:
        bits = max(bits, 44 + 6 * words)
    return bits


def strength(passphrase: str) -> int:
    """0 (empty) .. 4 (strong)."""
    bits = estimate_bits(passphrase)
    if bits == 0:
        return 0
    if bits < 35:
        return 1
    if bits < 55:
        return 2
    if bits < 75:
        return 3
    return 4


MIN_STRENGTH = 2  # the create button needs at least "fair"

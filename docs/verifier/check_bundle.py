#!/usr/bin/env python3
"""Independent checker for Evidence Locker bundles (unsealed zip or unpacked bag folder).

    python3 check_bundle.py BAG_DIR_OR_UNENCRYPTED_ZIP --tsa-root ROOT.pem [--tsa-root ...]
        [--untrusted CHAIN.pem] [--expect-fingerprint XXXXX-XXXXX-...]
        [--accept-unverified-holders]

Python 3.9+ standard library and the `openssl` command (3.0+) only; it does not use the
Evidence Locker app. Get this file from the Evidence Locker project's repository
(docs/verifier/check_bundle.py), not from a bundle: the copy inside a bundle is there for
convenience and could have been replaced by whoever altered the bundle.

What it checks, printing each step (exit 0 only when everything holds, 1 when something
does not, 2 for a usage problem):
 1. every file against manifest-sha256.txt / tagmanifest-sha256.txt, nothing unlisted;
 2. the Ed25519 signature over the tag manifest (and, for a zip, over the whole zip);
 3. every custody chain recomputed from its first entry
    (payload_hash = SHA-256(canonical JSON), entry_hash = SHA-256(prev || payload_hash));
 4. every RFC 3161 token with `openssl ts -verify` against the roots YOU give (never a
    root from the bundle), and its Merkle path (RFC 6962) to the custody entries it stamps;
 5. each original's SHA-256 against the `item_added` entry that recorded it;
 6. the signer's key fingerprint against the `vault_created` entry of the exporter's chain
    when a verified token anchors that chain (else against --expect-fingerprint, which you
    confirmed with the sender);
 7. every earlier holder (any chain but the exporter's): its chain must end exactly at the
    head that holder signed in the bundle it passed on (its signed manifests and bundle.json,
    carried in data/custody/provenance/), with the key named in that chain's vault_created
    entry; else it is UNVERIFIED and the check fails (--accept-unverified-holders turns that
    into a loud warning).
"""

# ruff: noqa: UP031 - printf-style formatting kept where it reads better (runs on 3.9+)
from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import re
import stat
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

PREFIX = b"EVIDENCE-LOCKER-ZIPSIG1 "
ZIP_DOMAIN = b"evidence-locker-bundle-zip/1\x00"
SIGNATURE = "signature/tagmanifest-sha256.txt.sig"
SIGNER_KEY = "signature/signer-ed25519.pem"
MANIFEST_TOKEN = "signature/tagmanifest-sha256.txt.tsr"
SIGNATURE_FILES = {
    SIGNATURE,
    SIGNER_KEY,
    MANIFEST_TOKEN,
    "signature/tagmanifest-sha256.txt.tsa-ca.pem",
}
PROVENANCE = "data/custody/provenance/"
ED25519_SPKI = bytes.fromhex("302a300506032b6570032100")
MAX_MEMBERS, MAX_SMALL, BLOCK = 20000, 32 * 1024 * 1024, 1024 * 1024
HEX64 = re.compile(r"^[0-9a-f]{64}$")
BAD_NAME = re.compile(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


class Rejected(Exception):
    """The bundle cannot be checked further (hostile or broken structure)."""


class Report:
    def __init__(self):
        self.failed = False

    def step(self, ok, title, detail=""):
        print(("[ OK ] " if ok else "[FAIL] ") + title + (": " + detail if detail else ""))
        self.failed |= not ok
        return ok

    @staticmethod
    def warn(text):
        print("[WARN] " + text)

    @staticmethod
    def note(text):
        print("       " + text)


# -- reading the bag (folder or zip), refusing path tricks --------------------------------


def check_name(name):
    parts = name.split("/")
    if (
        not name
        or "\\" in name
        or name.startswith("/")
        or re.match(r"^[A-Za-z]:", name)
        or BAD_NAME.search(name)
        or any(p in ("", ".", "..") for p in parts)
    ):
        raise Rejected(f"unsafe member name {name[:120]!r}")


def _no_collisions(names):
    seen = {}
    for n in names:
        key = unicodedata.normalize("NFC", n).casefold()
        if key in seen:
            raise Rejected(f"member names collide: {seen[key][:80]!r} and {n[:80]!r}")
        seen[key] = n


class DirBag:
    def __init__(self, root):
        self.root, self.sizes, self.comment = root, {}, None
        for top, dirs, files in os.walk(root, followlinks=False):
            for name in dirs + files:
                full = os.path.join(top, name)
                rel = os.path.relpath(full, root).replace(os.sep, "/")
                mode = os.lstat(full).st_mode
                if stat.S_ISLNK(mode) or not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                    raise Rejected(f"{rel[:120]} is a link or special file")
                if stat.S_ISREG(mode):
                    check_name(rel)
                    self.sizes[rel] = os.lstat(full).st_size
            if len(self.sizes) > MAX_MEMBERS:
                raise Rejected("too many files")
        _no_collisions(self.sizes)

    def open(self, name):
        return open(os.path.join(self.root, *name.split("/")), "rb")

    def use_listed(self, listed):
        pass


JUNK = {".DS_Store", "Thumbs.db", "desktop.ini", "Desktop.ini"}


def name_readings(info):
    """Readings of a member name. Without the UTF-8 flag the zip specification says cp437,
    but Info-ZIP and macOS write UTF-8 and Korean Windows cp949: UTF-8 first when valid,
    then cp949, then cp437; the one the manifests list is used (app/bundle/repack.py)."""
    if info.flag_bits & 0x800 or info.filename.isascii():
        return [info.filename]
    raw, readings = info.orig_filename.encode("cp437"), []
    for encoding in ("utf-8", "cp949"):
        try:
            readings.append(raw.decode(encoding))
        except UnicodeDecodeError:
            pass
    return list(dict.fromkeys(readings + [info.filename]))


def is_junk(name):
    """Desktop metadata that archivers add when re-packing a folder."""
    parts = name.rstrip("/").split("/")
    return parts[0] == "__MACOSX" or parts[-1] in JUNK or parts[-1].startswith("._")


def top_folder(names):
    """ "folder/" when every name is inside one folder holding bagit.txt (zip -r r.zip folder)."""
    first = names[0].split("/", 1)[0] + "/" if names and "bagit.txt" not in names else ""
    ok = first and first + "bagit.txt" in names and all(n.startswith(first) for n in names)
    return first if ok else ""


class ZipBag:
    def __init__(self, path):
        self.path = path
        try:
            self.zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise Rejected(
                f"not a readable zip ({exc}); a sealed .age bundle must be opened with age -d first"
            ) from None
        infos = self.zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise Rejected("too many members")
        self.comment = self.zf.comment
        repacked = not self.comment.startswith(PREFIX)  # by zip -r, Explorer, 7-Zip, macOS
        members = []
        for info in infos:
            mode = info.external_attr >> 16
            names = name_readings(info)
            if (
                info.filename.endswith("/")
                and (not mode or stat.S_ISDIR(mode))
                or repacked
                and is_junk(names[0])
            ):
                continue
            members.append((names, info))
        strip = len(top_folder([m[0][0] for m in members])) if repacked else 0
        self.sizes, self.infos, self.alts = {}, {}, {}
        for names, info in members:
            self.add([n[strip:] for n in names], info)
        _no_collisions(self.sizes)

    def add(self, names, info):
        name, mode = names[0], info.external_attr >> 16
        check_name(name)
        if (stat.S_IFMT(mode) and not stat.S_ISREG(mode)) or info.flag_bits & 1:
            raise Rejected(f"{name[:120]} is a link, special or encrypted member")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Rejected(f"{name[:120]} uses an unexpected compression")
        if info.file_size > BLOCK and info.file_size > 200 * max(info.compress_size, 1):
            raise Rejected(f"{name[:120]} is compressed suspiciously well (zip bomb?)")
        if name in self.sizes:
            raise Rejected(f"duplicate member {name[:120]}")
        self.sizes[name], self.infos[name], self.alts[name] = info.file_size, info, names[1:]

    def use_listed(self, listed):
        """Name each member by the reading of its name that the manifests list."""
        for name, alts in list(self.alts.items()):
            other = next((a for a in alts if a in listed), None) if name not in listed else None
            if other and other not in self.sizes:
                check_name(other)
                self.sizes[other], self.infos[other] = self.sizes.pop(name), self.infos.pop(name)
        _no_collisions(self.sizes)

    def open(self, name):
        return self.zf.open(self.infos[name])

    def digest_before_comment(self):
        """SHA-256 of the file before the archive comment, which must end the file."""
        with open(self.path, "rb") as fh:
            end = fh.seek(0, 2)
            fh.seek(end - len(self.comment))
            if fh.read() != self.comment:
                return None
            fh.seek(0)
            left, digest = end - len(self.comment), hashlib.sha256()
            while left:
                block = fh.read(min(BLOCK, left))
                if not block:
                    return None
                digest.update(block)
                left -= len(block)
        return digest.digest()


def read(bag, name, cap=MAX_SMALL):
    if name not in bag.sizes:
        raise Rejected(f"the bundle has no {name}")
    if bag.sizes[name] > cap:
        raise Rejected(f"{name} is too large")
    with bag.open(name) as fh:
        data = fh.read(cap + 1)
    if len(data) > cap:
        raise Rejected(f"{name} is too large")
    return data


def read_json(bag, name, hashes, shape):
    data = read(bag, name)
    if hashlib.sha256(data).hexdigest() != hashes.get(name):
        raise Rejected(f"{name} is not the file its manifest lists")
    return parse(data, shape, name)


# -- strict JSON and the shapes of the documents used -------------------------------------

MAX_DEPTH = 64


def _no_duplicates(pairs):
    out = {}
    for key, value in pairs:
        if key in out:
            raise ValueError("duplicate key %r" % key[:80])
        out[key] = value
    return out


def _no_constant(name):
    raise ValueError("%s is not allowed" % name)


def _finite(text):
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError("number %s is out of range" % text[:40])
    return value


def _depth(value):
    todo, deepest = [(value, 1)], 1
    while todo:
        node, depth = todo.pop()
        if depth > MAX_DEPTH:
            raise ValueError("nested more than %d levels deep" % MAX_DEPTH)
        deepest = max(deepest, depth)
        items = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        todo.extend((child, depth + 1) for child in items)
    return deepest


def loads(text, what):
    """JSON with no duplicate keys, NaN, Infinity, overflowing numbers or deep nesting."""
    try:
        value = json.loads(
            text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant, parse_float=_finite
        )
        _depth(value)
        return value
    except RecursionError:
        raise Rejected(f"{what} is not acceptable JSON (nested too deeply)") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise Rejected(f"{what} is not acceptable JSON ({str(exc)[:120]})") from None


# A shape is a type (int means a true int, never a bool or float), a list of one shape
# (a list of such values) or a dict of field shapes; a field ending in "?" may be absent
# or null. Fields not named are not used by this checker and not looked at.
HASH = "hex64"
ARTIFACT = {"path": str, "role": str, "sha256": HASH, "size": int}
STAMP_REF = {"tsr": str, "proof_json": str, "tsa_untrusted_pem?": str}
METADATA = {
    "exhibit": str,
    "uid": str,
    "captured_at": str,
    "artifacts": [ARTIFACT],
    "timestamps?": [STAMP_REF],
    "metadata?": dict,
    "kind?": str,
    "title?": str,
    "source_url?": str,
}
BUNDLE = {
    "bundle_id": str,
    "exporter": {"vault_id": str, "fingerprint": str},
    "chains": [{"vault_id": str, "path": str, "head": HASH, "entries": int}],
    "exhibits": [{"exhibit": str}],
}
CHAIN_LINE = {
    "seq": int,
    "prev_hash": HASH,
    "payload_hash": HASH,
    "entry_hash": HASH,
    "payload?": str,
}
PAYLOAD = {"seq": int, "event": str, "vault_id": str, "item?": str, "data": dict}
EVENT_DATA = {
    "vault_created": {"identity_fingerprint?": str},
    "item_added": {
        "artifacts?": [{"role": str, "sha256": HASH, "size": int}],
        "captured_at?": str,
        "metadata_sha256?": HASH,
        "kind?": str,
        "title?": str,
        "source_url?": str,
    },
    "bundle_exported": {"bundle_id?": str},
    "bundle_imported": {"bundle_id?": str, "sender_fingerprint?": str},
}
PROOF = {
    "vault_id": str,
    "merkle": {"root": HASH, "tree_size": int},
    "leaves": [{"custody_seq": int, "leaf_index": int, "leaf_data": HASH, "audit_path": [HASH]}],
}
EARLIER_BUNDLE = {
    "bundle_id": str,
    "exporter": {"vault_id": str, "fingerprint": str},
    "chains": [{"vault_id": str, "head": HASH, "entries": int}],
}


def shape_problem(value, shape, where):
    """None when ``value`` has ``shape``, else one line saying where it does not."""
    if shape == HASH:
        ok = isinstance(value, str) and HEX64.match(value) is not None
        return None if ok else f"{where} is not a SHA-256 in hex"
    if isinstance(shape, list):
        if not isinstance(value, list):
            return f"{where} is not a list"
        return next(
            (p for i, v in enumerate(value) if (p := shape_problem(v, shape[0], f"{where}[{i}]"))),
            None,
        )
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            return f"{where} is not an object"
        for field, inner in shape.items():
            key = field.rstrip("?")
            if field.endswith("?") and value.get(key) is None:
                continue
            if key not in value:
                return f"{where} has no {key}"
            problem = shape_problem(value[key], inner, f"{where}.{key}")
            if problem:
                return problem
        return None
    if shape is int:
        ok = type(value) is int and abs(value) < 2**62
        return None if ok else f"{where} is not a whole number"
    return None if isinstance(value, shape) else f"{where} is not a {shape.__name__}"


def parse(text, shape, what):
    """The JSON document in ``text`` when it has ``shape``; else Rejected naming ``what``."""
    value = loads(text, what)
    problem = shape_problem(value, shape, what)
    if problem:
        raise Rejected(problem[:300])
    return value


# -- openssl --------------------------------------------------------------------------------


class OpenSSL:
    def __init__(self, tmp):
        self.tmp, self.count, self.root_subjects = tmp, 0, set()

    def file(self, data, suffix=".bin"):
        self.count += 1
        path = os.path.join(self.tmp, "f%d%s" % (self.count, suffix))
        with open(path, "wb") as fh:
            fh.write(data)
        return path

    @staticmethod
    def run(*args):
        done = subprocess.run(["openssl"] + list(args), capture_output=True, timeout=120)
        return done.returncode, done.stdout, done.stderr.decode("utf-8", "replace")

    def ed25519_raw(self, pem):
        code, der, _ = self.run("pkey", "-pubin", "-in", self.file(pem, ".pem"), "-outform", "DER")
        if code != 0 or len(der) != 44 or not der.startswith(ED25519_SPKI):
            return None
        return der[12:]

    def ed25519_verify(self, pem, data, signature):
        code, out, _ = self.run(
            "pkeyutl",
            "-verify",
            "-pubin",
            "-inkey",
            self.file(pem, ".pem"),
            "-rawin",
            "-in",
            self.file(data),
            "-sigfile",
            self.file(signature),
        )
        return code == 0 and b"Signature Verified Successfully" in out

    def token_info(self, tsr_path):
        """(genTime as 'YYYY-MM-DDTHH:MM:SSZ', Unix seconds, TSA name) from the token text."""
        code, out, _ = self.run("ts", "-reply", "-in", tsr_path, "-text")
        text = out.decode("utf-8", "replace")
        m = re.search(
            r"^Time stamp: (\w{3}) +(\d+) (\d\d):(\d\d):(\d\d)(?:\.\d+)? (\d{4})", text, re.M
        )
        if code != 0 or not m or m.group(1) not in MONTHS:
            return None, None, ""
        import calendar

        parts = (
            int(m.group(6)),
            MONTHS.index(m.group(1)) + 1,
            int(m.group(2)),
            int(m.group(3)),
            int(m.group(4)),
            int(m.group(5)),
        )
        tsa = re.search(r"^TSA: (.*)$", text, re.M)
        name = tsa.group(1).strip() if tsa else ""
        return (
            "%04d-%02d-%02dT%02d:%02d:%02dZ" % parts,
            calendar.timegm(parts + (0, 0, 0)),
            "TSA " + name if name and name != "unspecified" else "TSA not named in the token",
        )

    def ts_verify(self, tsr, roots_path, untrusted, digest_hex=None, data_path=None):
        tsr_path = self.file(tsr, ".tsr")
        when, epoch, tsa = self.token_info(tsr_path)
        args = ["ts", "-verify", "-in", tsr_path, "-CAfile", roots_path]
        args += ["-digest", digest_hex] if digest_hex else ["-data", data_path]
        if untrusted:
            args += ["-untrusted", self.file(untrusted, ".pem")]
        code, out, err = self.run(*args)
        if code != 0 and epoch is not None:  # a TSA certificate that expired since genTime
            code, out, err2 = self.run(*(args + ["-attime", str(epoch)]))
            if code == 0:
                tsa += " (chain checked at genTime)"
        ok = code == 0 and b"Verification: OK" in out
        why = (
            ""
            if ok
            else self.missing_root(tsr_path, untrusted)
            or (err.strip().splitlines() or ["failed"])[-1][:200]
        )
        return ok, when, tsa, why

    def cert_names(self, p7_path, form):
        """[(subject, issuer)] of the certificates in a PKCS#7 file."""
        code, out, _ = self.run("pkcs7", "-inform", form, "-in", p7_path, "-print_certs", "-noout")
        lines = out.decode("utf-8", "replace").splitlines() if code == 0 else []
        subjects = [x[8:].strip() for x in lines if x.startswith("subject=")]
        issuers = [x[7:].strip() for x in lines if x.startswith("issuer=")]
        return list(zip(subjects, issuers))  # noqa: B905 - strict= needs 3.10

    def missing_root(self, tsr_path, untrusted):
        """'no --tsa-root given for this TSA (its root is ...)' when the token's chain leads
        to a root that is not among those given, else ''."""
        token = os.path.join(self.tmp, "token%d.p7" % self.count)
        if self.run("ts", "-reply", "-in", tsr_path, "-token_out", "-out", token)[0] != 0:
            return ""
        issuer = dict(self.cert_names(token, "DER"))
        starts = list(issuer)
        if untrusted:
            bundle = self.file(b"", ".p7")
            if (
                self.run(
                    "crl2pkcs7", "-nocrl", "-certfile", self.file(untrusted, ".pem"), "-out", bundle
                )[0]
                == 0
            ):
                issuer.update((s, i) for s, i in self.cert_names(bundle, "PEM") if s not in issuer)
        for name in starts:  # up from the token's certificates to the top one we know of
            for _ in range(10):
                if name in self.root_subjects or issuer.get(name, name) == name:
                    break
                name = issuer[name]
            if name not in self.root_subjects:
                return "no --tsa-root given for this TSA (its root is %s)" % name[:200]
        return ""


def fingerprint(raw_key):
    text = base64.b32encode(hashlib.sha256(raw_key).digest()[:20]).decode("ascii")
    return "-".join(text[i : i + 5] for i in range(0, len(text), 5))


def norm_fp(value):
    return re.sub(r"[\s-]", "", value or "").upper()


# -- Merkle (RFC 6962 / RFC 9162 2.1.3.2) and the custody chain -----------------------------


def H(data):
    return hashlib.sha256(data).digest()


def merkle_root(leaf_data, index, size, path):
    if size < 1 or not 0 <= index < size:
        return None
    fn, sn, r = index, size - 1, H(b"\0" + leaf_data)
    for p in path:
        if sn == 0 or len(p) != 32:
            return None
        if fn & 1 or fn == sn:
            r = H(b"\1" + p + r)
            while not fn & 1 and fn:
                fn >>= 1
                sn >>= 1
        else:
            r = H(b"\1" + r + p)
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


def canonical(value):
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def check_chain(vid, data):
    """(entries by seq, disclosed payloads by seq, problems)."""
    entries, payloads, problems = {}, {}, []
    prev = "0" * 64
    for n, line in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
        try:
            e = parse(line, CHAIN_LINE, "line %d" % n)
        except Rejected as exc:
            problems.append("%s (not a well-formed entry)" % exc)
            break
        seq, p_hash, e_hash = e["seq"], e["payload_hash"], e["entry_hash"]
        if seq != n or e["prev_hash"] != prev:
            problems.append("entry %d does not link to the one before it" % seq)
        if H(bytes.fromhex(prev) + bytes.fromhex(p_hash)).hex() != e_hash:
            problems.append("entry %d: entry_hash is not SHA-256(prev_hash || payload_hash)" % seq)
        if e.get("payload") is not None:
            payload, found = check_payload(vid, seq, e["payload"], p_hash)
            problems += found
            payloads[seq] = payload
        entries[seq], prev = e_hash, e_hash
    return entries, payloads, problems


def check_payload(vid, seq, text, p_hash):
    """(the disclosed payload, or {} when unusable; problems)."""
    problems = []
    if H(text.encode("utf-8")).hex() != p_hash:
        problems.append("entry %d: payload_hash is not SHA-256(payload)" % seq)
    try:
        payload = parse(text, PAYLOAD, "entry %d payload" % seq)
        problem = shape_problem(
            payload["data"], EVENT_DATA.get(payload["event"], dict), "entry %d payload data" % seq
        )
        if problem:
            raise Rejected(problem)
    except Rejected as exc:
        return {}, problems + [str(exc)]
    if canonical(payload) != text:
        problems.append("entry %d: payload is not canonical JSON" % seq)
    if payload["seq"] != seq or payload["vault_id"] != vid:
        problems.append("entry %d: payload names another seq or vault" % seq)
    return payload, problems


# -- the checks -------------------------------------------------------------------------------


def check_files(bag, rep):
    def manifest(name, payload):
        out = {}
        for line in read(bag, name).decode("utf-8").splitlines():
            m = re.match(r"^([0-9a-f]{64}) [ *](.+)$", line)
            if not m:
                if line.strip():
                    raise Rejected(f"{name} has a malformed line")
                continue
            check_name(m.group(2))
            if m.group(2).startswith("data/") != payload or m.group(2) in out:
                raise Rejected(f"{name} lists {m.group(2)[:120]!r} wrongly or twice")
            out[m.group(2)] = m.group(1)
        return out

    payload, tags = manifest("manifest-sha256.txt", True), manifest("tagmanifest-sha256.txt", False)
    listed = dict(payload, **tags)
    bag.use_listed(listed)
    bad = [
        f"unlisted file {n[:120]}"
        for n in bag.sizes
        if n not in listed and n not in SIGNATURE_FILES and n != "tagmanifest-sha256.txt"
    ]
    bad += [f"{n}: listed but missing" for n in listed if n not in bag.sizes]
    if "manifest-sha256.txt" not in tags or "bagit.txt" not in tags:
        bad.append("the tag manifest does not cover manifest-sha256.txt and bagit.txt")
    actual = {}
    for name in sorted(listed):
        if name in bag.sizes:
            digest = hashlib.sha256()
            with bag.open(name) as fh:
                for block in iter(lambda: fh.read(BLOCK), b""):
                    digest.update(block)
            actual[name] = digest.hexdigest()
            if actual[name] != listed[name]:
                bad.append(f"{name}: SHA-256 differs from its manifest")
    info = read(bag, "bag-info.txt").decode("utf-8", "replace")
    oxum = "%d.%d" % (sum(bag.sizes.get(n, 0) for n in payload), len(payload))
    if "Payload-Oxum: " + oxum not in info.splitlines():
        bad.append("bag-info.txt Payload-Oxum does not match the payload")
    rep.step(
        not bad,
        "1. manifests and checksums",
        "%d payload and %d tag files match" % (len(payload), len(tags))
        if not bad
        else "; ".join(bad[:20]),
    )
    return listed, info


def check_signature(bag, ssl, info, bundle, rep):
    pem, tagmanifest = read(bag, SIGNER_KEY, 4096), read(bag, "tagmanifest-sha256.txt")
    raw = ssl.ed25519_raw(pem)
    if raw is None:
        rep.step(False, "2. signature", "signature/signer-ed25519.pem is not an Ed25519 public key")
        return None
    fp, problems = fingerprint(raw), []
    if not ssl.ed25519_verify(pem, tagmanifest, read(bag, SIGNATURE, 1024)):
        problems.append("the Ed25519 signature over tagmanifest-sha256.txt does not verify")
    # A zip without our signature comment was re-packed by another tool (zip -r, Windows
    # Explorer, ...): the tag-manifest signature above still covers every file.
    signed_zip = bool(bag.comment) and bag.comment.startswith(PREFIX)
    if signed_zip:
        digest = bag.digest_before_comment()
        sig = bag.comment[len(PREFIX) :] if bag.comment.startswith(PREFIX) else b""
        try:
            sig = base64.b64decode(sig, validate=True)
        except ValueError:
            sig = b""
        if (
            digest is None
            or len(sig) != 64
            or not ssl.ed25519_verify(pem, ZIP_DOMAIN + digest, sig)
        ):
            problems.append(
                "the whole-zip signature in the archive comment does not verify "
                "(the zip was changed or re-packed)"
            )
    if (bundle.get("exporter") or {}).get("fingerprint") != fp:
        problems.append("data/bundle.json names another exporter identity than the signer")
    if "Exporter-Identity-Fingerprint: " + fp not in info.splitlines():
        problems.append("bag-info.txt names another exporter identity than the signer")
    rep.step(
        not problems,
        "2. Ed25519 signature (openssl pkeyutl -verify -rawin)",
        "tag manifest{} signed by key {}{}".format(
            " and whole zip" if signed_zip else "",
            fp,
            " (the zip was re-packed by another tool: no whole-zip signature; every file "
            "is checked against the signed manifests)"
            if bag.comment is not None and not signed_zip
            else "",
        )
        if not problems
        else "; ".join(problems),
    )
    return fp


def check_chains(bag, hashes, bundle, rep):
    chains, problems = {}, []
    for c in bundle.get("chains") or []:
        vid = str(c.get("vault_id"))
        path = f"data/custody/chain-{vid}.jsonl"
        if c.get("path") != path or vid in chains:
            raise Rejected("bundle.json names a custody chain wrongly")
        data = read(bag, path, 1 << 30)
        if hashlib.sha256(data).hexdigest() != hashes.get(path):
            raise Rejected(f"{path} is not the file its manifest lists")
        entries, payloads, found = check_chain(vid, data)
        problems += [f"chain {vid[:8]}…: {p}" for p in found]
        if entries and (c.get("head") != entries[max(entries)] or c.get("entries") != len(entries)):
            problems.append(f"chain {vid[:8]}…: head differs from bundle.json")
        first = payloads.get(1) or {}
        if first.get("event") != "vault_created":
            problems.append(f"chain {vid[:8]}…: the first entry is not a disclosed vault_created")
        chains[vid] = {
            "entries": entries,
            "payloads": payloads,
            "fingerprint": str((first.get("data") or {}).get("identity_fingerprint") or ""),
        }
    exporter = str((bundle.get("exporter") or {}).get("vault_id"))
    own = chains.get(exporter)
    if own is None:
        problems.append("the exporter's own custody chain is missing")
    elif not any(
        p.get("event") == "bundle_exported"
        and (p.get("data") or {}).get("bundle_id") == bundle.get("bundle_id")
        for p in own["payloads"].values()
    ):
        problems.append("the exporter's chain does not record this export")
    rep.step(
        bool(chains) and not problems,
        "3. custody chains recomputed end to end",
        "; ".join(problems)
        if problems
        else ", ".join("%s… %d entries" % (v[:8], len(c["entries"])) for v, c in chains.items()),
    )
    return chains


def read_exhibits(bag, hashes, bundle):
    exhibits = []
    for e in bundle["exhibits"]:
        name = e["exhibit"]
        check_name(name)
        meta = read_json(bag, f"data/exhibits/{name}/metadata.json", hashes, METADATA)
        if meta["exhibit"] != name:
            raise Rejected(f"metadata.json of {name} names another exhibit")
        exhibits.append(meta)
    if not exhibits:
        raise Rejected("bundle.json lists no exhibits")
    return exhibits


def check_claims(exhibits, chains, rep):
    """A disclosed chain entry about an item the bundle does not carry is a claim about
    evidence nobody can check here: the app rejects such a bundle, and so do we."""
    carried = {meta["uid"] for meta in exhibits}
    found = [
        "chain %s… entry %d (%s) is about item %s, which this bundle does not carry"
        % (vid[:8], seq, p["event"][:40], p["item"][:40])
        for vid, c in chains.items()
        for seq, p in sorted(c["payloads"].items())
        if p.get("item") is not None and p["item"] not in carried
    ]
    if found:
        raise Rejected(
            "the bundle makes claims about evidence it does not carry (%s%s)"
            % (found[0], "; %d more" % (len(found) - 1) if len(found) > 1 else "")
        )


def check_tokens(bag, hashes, exhibits, chains, ssl, roots, untrusted, rep):
    """Verify every token; returns {vault id: {seq: earliest genTime}} of anchored entries."""
    anchored, seen, problems, count = {}, {}, [], 0
    for meta in exhibits:
        for t in meta.get("timestamps") or []:
            try:
                tsr = read(bag, t["tsr"])
                proof = read_json(bag, t["proof_json"], hashes, PROOF)
                extra = read(bag, t["tsa_untrusted_pem"]) if t.get("tsa_untrusted_pem") else b""
                if hashlib.sha256(tsr).hexdigest() != hashes.get(t["tsr"]):
                    raise Rejected("{} is not the file its manifest lists".format(t["tsr"]))
            except Rejected as exc:
                problems.append("{}: token or proof unreadable ({})".format(meta["exhibit"], exc))
                continue
            root, size = proof["merkle"]["root"], proof["merkle"]["tree_size"]
            vid, leaves = proof["vault_id"], proof["leaves"]
            name = "{} {}".format(meta.get("exhibit"), os.path.basename(t["tsr"]))
            key = (hashlib.sha256(tsr).hexdigest(), root)
            if key not in seen:
                count += 1
                seen[key] = ssl.ts_verify(tsr, roots, untrusted + extra, digest_hex=root)
                ok, when, tsa, why = seen[key]
                rep.step(
                    ok,
                    f"4. token {name} (openssl ts -verify)",
                    f"genTime {when}, {tsa}" if ok else why,
                )
            ok, when = seen[key][0], seen[key][1]
            chain = chains.get(vid)
            for leaf in leaves:
                seq, data = leaf["custody_seq"], bytes.fromhex(leaf["leaf_data"])
                got = merkle_root(
                    data, leaf["leaf_index"], size, [bytes.fromhex(p) for p in leaf["audit_path"]]
                )
                if got is None or got.hex() != root:
                    problems.append(
                        f"{name}: the Merkle path of entry {seq} does not lead to the token's "
                        "imprint"
                    )
                elif chain is None or chain["entries"].get(seq) != data.hex():
                    problems.append(
                        f"{name}: stamped entry {seq} is not in the bundle's custody chain"
                    )
                elif ok:
                    got_seq = anchored.setdefault(vid, {})
                    got_seq[seq] = min(got_seq.get(seq, when), when)
            if not ok:
                problems.append(f"{name}: not verified against the given root(s)")
    rep.step(
        not problems,
        "4. Merkle paths from tokens to custody entries",
        "; ".join(problems)
        if problems
        else "%d token(s); every stamped leaf is an entry of its chain" % count
        if count
        else "no tokens in this bundle (stamps were queued at export)",
    )
    return anchored


def anchor_of(anchored, vid, seq):
    """Earliest genTime of a verified token covering an entry at or after ``seq``."""
    times = [when for s, when in (anchored.get(vid) or {}).items() if s >= seq]
    return min(times) if times else None


def check_exhibits(bag, hashes, exhibits, chains, anchored, rep):
    added = {}
    for vid, c in chains.items():
        for seq, p in sorted(c["payloads"].items()):
            if p.get("event") == "item_added" and isinstance(p.get("item"), str):
                added.setdefault(p["item"], (vid, seq, p.get("data") or {}))
    for meta in exhibits:
        name, problems = meta.get("exhibit"), []
        found = added.get(meta.get("uid"))
        if found is None:
            rep.step(False, f"5. exhibit {name}", "no disclosed item_added entry records it")
            continue
        vid, seq, data = found
        recorded = {a.get("role"): a for a in data.get("artifacts") or [] if isinstance(a, dict)}
        arts = meta.get("artifacts") or []
        if {a.get("role") for a in arts} != set(recorded) or not arts:
            problems.append("its files differ from those in custody entry %d" % seq)
        for a in arts:
            rec = recorded.get(a.get("role")) or {}
            if not (
                hashes.get(a.get("path")) == a.get("sha256") == rec.get("sha256")
                and rec.get("size") == a.get("size") == bag.sizes.get(a.get("path"))
            ):
                problems.append(
                    "%s: SHA-256 or size differs from custody entry %d" % (a.get("path"), seq)
                )
        if data.get("captured_at") != meta.get("captured_at"):
            problems.append("capture time differs from custody entry %d" % seq)
        if (
            "metadata_sha256" in data
            and data["metadata_sha256"]
            != H(canonical(meta.get("metadata") or {}).encode("utf-8")).hex()
        ):
            problems.append("metadata differs from custody entry %d" % seq)
        for k in ("kind", "title", "source_url"):
            if k in data and data[k] != meta.get(k):
                problems.append("%s differs from custody entry %d" % (k, seq))
        when = anchor_of(anchored, vid, seq)
        rep.step(
            not problems,
            f"5. exhibit {name}: originals equal their item_added entry",
            "; ".join(problems)
            if problems
            else "%d file(s), entry %d of %s…, %s"
            % (
                len(arts),
                seq,
                vid[:8],
                f"time-stamped by {when}" if when else "not yet time-stamped",
            ),
        )


def check_identity(bundle, chains, anchored, signer_fp, expect, rep):
    vid = str((bundle.get("exporter") or {}).get("vault_id"))
    chain = chains.get(vid) or {}
    recorded, when = chain.get("fingerprint", ""), anchor_of(anchored, vid, 1)
    if when and norm_fp(recorded) != norm_fp(signer_fp):
        return rep.step(
            False,
            "6. signer identity",
            f"the key that signed this bundle ({signer_fp}) is not "
            f"the vault's identity {recorded} recorded in its time-stamped vault_created entry",
        )
    if when and expect and norm_fp(expect) != norm_fp(signer_fp):
        return rep.step(
            False, "6. signer identity", f"signer {signer_fp} is not --expect-fingerprint {expect}"
        )
    if when:
        rep.step(
            True,
            "6. signer identity",
            f"{signer_fp} = vault_created of the exporter's chain, anchored by a token of {when}",
        )
        rep.note(
            "so the bundle was signed by the vault with that identity; that it is the vault "
            "you expect is for you to confirm (the sender, --expect-fingerprint)"
        )
        return True
    if not expect:
        return rep.step(
            False,
            "6. signer identity",
            "no verified timestamp token anchors the "
            "exporter's custody chain, so nothing in the bundle ties the signing key "
            f"{signer_fp} to the vault; confirm the fingerprint with the sender and pass "
            "--expect-fingerprint",
        )
    ok = norm_fp(expect) == norm_fp(signer_fp) == norm_fp(recorded)
    return rep.step(
        ok,
        "6. signer identity",
        (
            "%s matches --expect-fingerprint (not anchored by a timestamp)"
            if ok
            else "signer %s, vault_created %s, expected " + expect
        )
        % ((signer_fp,) if ok else (signer_fp, recorded)),
    )


PROVENANCE_FILES = (
    "tagmanifest-sha256.txt",
    "manifest-sha256.txt",
    "signature.sig",
    "signer-ed25519.pem",
    "bundle.json",
)


def listed_digest(manifest, path):
    for line in manifest.decode("utf-8", "replace").splitlines():
        digest, _, name = line.partition("  ")
        if name == path:
            return digest
    return None


def carried_files(bag, hashes, bid):
    """The files of earlier bundle ``bid`` carried in provenance/ (listed ones only)."""
    base = PROVENANCE + bid + "/"
    return {k: read(bag, base + k) for k in PROVENANCE_FILES if base + k in hashes}


def forged_signature(ssl, files, recorded):
    """Why the carried signed manifests were not signed by the holder's identity, or ''.
    Such a bundle fails whatever is accepted (the app's "earlier transfers" check)."""
    if any(k not in files for k in PROVENANCE_FILES[:4]):
        return "its signed manifests were not all carried on"
    raw = ssl.ed25519_raw(files["signer-ed25519.pem"])
    if raw is None or not ssl.ed25519_verify(
        files["signer-ed25519.pem"], files["tagmanifest-sha256.txt"], files["signature.sig"]
    ):
        return "its signature does not verify"
    if not recorded or norm_fp(fingerprint(raw)) != norm_fp(recorded):
        return (
            f"it was signed by {fingerprint(raw)}, not by the identity {recorded or '(none)'} "
            "named in the chain's vault_created entry"
        )
    if (
        listed_digest(files["tagmanifest-sha256.txt"], "manifest-sha256.txt")
        != H(files["manifest-sha256.txt"]).hex()
    ):
        return "its tag manifest does not cover its manifest"
    return ""


def signed_head(files, bid, vid, recorded):
    """(entries, head) that holder ``vid`` signed for its own chain in the bundle.json of
    its earlier bundle ``bid`` (whose signature is already checked), or why not shown."""
    if "bundle.json" not in files:
        return "its bundle.json was not carried on (bundle passed on by an older version)"
    if (
        listed_digest(files["manifest-sha256.txt"], "data/bundle.json")
        != H(files["bundle.json"]).hex()
    ):
        return "its bundle.json is not the one it signed"
    try:
        doc = parse(files["bundle.json"], EARLIER_BUNDLE, PROVENANCE + bid + "/bundle.json")
    except Rejected as exc:
        return str(exc)
    if (
        doc["bundle_id"] != bid
        or doc["exporter"]["vault_id"] != vid
        or doc["exporter"]["fingerprint"] != recorded
    ):
        return "its bundle.json names another bundle or exporter"
    chain = next((c for c in doc["chains"] if c["vault_id"] == vid), None)
    return (
        (chain["entries"], chain["head"]) if chain else "its bundle.json does not give this chain"
    )


def prove_holder(bag, hashes, ssl, vid, chain, rep):
    """'' when the earlier holder's chain ends exactly at a head it signed, else why not.
    Carried manifests that holder did not sign fail outright."""
    why = "no bundle signed by this holder was carried on"
    last = max(chain["entries"]) if chain["entries"] else 0
    for seq in sorted(chain["payloads"]):
        p = chain["payloads"][seq]
        bid = p.get("event") == "bundle_exported" and p["data"].get("bundle_id")
        files = carried_files(bag, hashes, bid) if bid else {}
        if not files:
            continue
        forged = forged_signature(ssl, files, chain["fingerprint"])
        if forged:
            rep.step(False, f"7. earlier bundle {bid[:8]}… carried on", forged)
            why = f"earlier bundle {bid[:8]}…: {forged}"
            continue
        signed = signed_head(files, bid, vid, chain["fingerprint"])
        if isinstance(signed, str):
            why = f"earlier bundle {bid[:8]}…: {signed}"
        elif signed == (last, chain["entries"].get(last)):
            return ""
        else:
            why = (
                f"earlier bundle {bid[:8]}… signed this chain up to entry {signed[0]}, but the "
                f"chain carried now ends at entry {last} or differs"
            )
    return why


def check_earlier(bag, hashes, bundle, chains, ssl, accept, rep):
    """Every chain but the exporter's belongs to an earlier holder, and counts only when
    that holder's own signature (on the bundle it passed on) pins it."""
    exporter = bundle["exporter"]["vault_id"]
    explained = set()
    for vid, chain in sorted(chains.items()):
        if vid == exporter:
            continue
        explained |= {
            str(p["data"].get("bundle_id"))
            for p in chain["payloads"].values()
            if p.get("event") == "bundle_exported"
        }
        fp = chain["fingerprint"] or "?"
        why = prove_holder(bag, hashes, ssl, vid, chain, rep)
        if not why:
            rep.step(
                True,
                f"7. earlier holder {fp} (vault {vid[:8]}…)",
                "its chain ends exactly at the head it signed in the bundle it passed on",
            )
        elif accept:
            rep.warn(
                f"7. earlier holder {fp} (vault {vid[:8]}…) is UNVERIFIED: {why}; accepted "
                "with --accept-unverified-holders: its chain (times, identity, captures) may "
                "have been rewritten by the sender"
            )
        else:
            rep.step(
                False,
                f"7. earlier holder {fp} (vault {vid[:8]}…)",
                f"UNVERIFIED: {why} (pass --accept-unverified-holders to accept it as unverified)",
            )
    folders = {n.split("/")[3] for n in bag.sizes if n.startswith(PROVENANCE) and n.count("/") == 4}
    for bid in sorted(folders - explained):
        rep.step(
            False,
            f"7. earlier bundle {bid[:8]}…",
            "a provenance folder no earlier holder's custody entry explains",
        )


def check_manifest_token(bag, ssl, roots, untrusted, rep):
    if MANIFEST_TOKEN not in bag.sizes:
        rep.note(
            "the tag manifest carries no RFC 3161 token of its own (the exporter logged its "
            "hash as a bundle_written custody event; see BUNDLE.stamp.json if you got one)"
        )
        return
    ok, when, tsa, why = ssl.ts_verify(
        read(bag, MANIFEST_TOKEN),
        roots,
        untrusted,
        data_path=ssl.file(read(bag, "tagmanifest-sha256.txt")),
    )
    rep.step(
        ok,
        "4. tag-manifest token (openssl ts -verify -data)",
        f"genTime {when}, {tsa}" if ok else why,
    )


def load_roots(paths, ssl, rep):
    pems = []
    for path in paths:
        with open(path, "rb") as fh:
            data = fh.read()
        if b"-----BEGIN CERTIFICATE-----" not in data:  # one DER certificate
            code, data, _ = ssl.run("x509", "-inform", "DER", "-in", path)
            if code != 0:
                raise SystemExit(f"check_bundle: {path} is not a certificate")
        code, out, _ = ssl.run(
            "x509", "-in", ssl.file(data, ".pem"), "-noout", "-subject", "-fingerprint", "-sha256"
        )
        if code != 0:
            raise SystemExit(f"check_bundle: {path} is not a certificate")
        text = out.decode("utf-8", "replace")
        ssl.root_subjects |= {x[8:].strip() for x in text.splitlines() if x.startswith("subject=")}
        rep.note("trusted TSA root {}: {}".format(path, " ".join(text.split("\n")).strip()))
        pems.append(data.rstrip(b"\n") + b"\n")
    return ssl.file(b"".join(pems), ".pem")


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="\n\n".join(__doc__.split("\n\n")[2:]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("bundle", help="an unpacked bag folder or an unencrypted bundle zip")
    ap.add_argument(
        "--tsa-root",
        action="append",
        required=True,
        metavar="PEM",
        help="a TSA root certificate you obtained yourself (repeat for several)",
    )
    ap.add_argument(
        "--untrusted",
        action="append",
        default=[],
        metavar="PEM",
        help="intermediate certificates (not trusted, used to build chains)",
    )
    ap.add_argument(
        "--expect-fingerprint",
        metavar="FP",
        help="the exporter's identity fingerprint, confirmed with the sender",
    )
    ap.add_argument(
        "--accept-unverified-holders",
        action="store_true",
        help="accept earlier holders whose chains no signature of theirs proves "
        "(a loud warning instead of a failure)",
    )
    args = ap.parse_args(argv)
    if not os.path.exists(args.bundle):
        print(f"check_bundle: {args.bundle} does not exist", file=sys.stderr)
        return 2
    rep = Report()
    with tempfile.TemporaryDirectory(prefix="check-bundle-") as tmp:
        ssl = OpenSSL(tmp)
        try:
            roots = load_roots(args.tsa_root, ssl, rep)
            untrusted = b"".join(open(p, "rb").read() for p in args.untrusted)
        except OSError as exc:
            print(f"check_bundle: {exc}", file=sys.stderr)
            return 2
        try:
            bag = DirBag(args.bundle) if os.path.isdir(args.bundle) else ZipBag(args.bundle)
            hashes, info = check_files(bag, rep)
            bundle = read_json(bag, "data/bundle.json", hashes, BUNDLE)
            signer = check_signature(bag, ssl, info, bundle, rep)
            chains = check_chains(bag, hashes, bundle, rep)
            exhibits = read_exhibits(bag, hashes, bundle)
            check_claims(exhibits, chains, rep)
            anchored = check_tokens(bag, hashes, exhibits, chains, ssl, roots, untrusted, rep)
            check_manifest_token(bag, ssl, roots, untrusted, rep)
            check_exhibits(bag, hashes, exhibits, chains, anchored, rep)
            if signer is not None:
                check_identity(bundle, chains, anchored, signer, args.expect_fingerprint, rep)
            check_earlier(bag, hashes, bundle, chains, ssl, args.accept_unverified_holders, rep)
        except (
            Rejected,
            ValueError,
            KeyError,
            AttributeError,
            TypeError,
            zipfile.BadZipFile,
            OSError,
            RuntimeError,
            RecursionError,
        ) as exc:
            rep.step(False, "REJECTED", str(exc) or type(exc).__name__)
        except Exception as exc:  # noqa: BLE001 - anything unforeseen: never a pass, never a traceback
            rep.step(
                False,
                "REJECTED",
                f"unexpected problem reading the bundle ({type(exc).__name__}: {exc})",
            )
    print(
        "\nRESULT: "
        + (
            "FAILED - do not rely on this bundle as it is"
            if rep.failed
            else "everything checked holds"
        )
    )
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""VERIFY.txt: how to check a bundle without our app — first the independent checker
(docs/verifier/check_bundle.py, a copy in ``verifier/``), then every step by hand with
standard tools."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from app.bundle import layout
from app.resources import is_frozen, resource_path

# The authoritative copy lives in docs/verifier/ of the repository; an installer build
# ships it as a resource (packaging/spec_common.py: checker_datas).
CHECKER_SOURCE = (
    resource_path("verifier", "check_bundle.py")
    if is_frozen()
    else Path(__file__).resolve().parents[2] / "docs" / "verifier" / "check_bundle.py"
)

HEAD = """HOW TO VERIFY THIS EVIDENCE BUNDLE (without Evidence Locker)
==============================================================

Bundle {bundle_id}, exported {created_at}
Signed by the vault identity with fingerprint: {fingerprint}

A. THE SHORT WAY: one independent checker (Python 3.9+ and OpenSSL 3, nothing else)
   Obtain check_bundle.py from the Evidence Locker project itself (docs/verifier/ in its
   repository). {checker} is a convenience copy
   (SHA-256 {checker_sha}); do not trust it: anyone who altered this bundle could
   have altered it too. Obtain each TSA's root certificate from the TSA itself, then:
     python3 check_bundle.py BAG_FOLDER_OR_UNENCRYPTED_ZIP --tsa-root TSA-ROOT.pem
   It exits 0 only when every check below holds, and prints each step. It ties the
   signing key to the vault's identity through the RFC 3161 tokens: each token stamps
   custody entries, every entry hash chains back to the vault's first entry
   (vault_created), and that entry names the vault's identity fingerprint. If nothing in
   the bundle was time-stamped yet, confirm the fingerprint with the sender (by phone or
   in person) and add --expect-fingerprint {fingerprint}

B. STEP BY STEP, with standard tools
0. Unseal (only if you received a sealed .age file):
     age -d -o bundle.zip BUNDLE_FILE             # asks for the passphrase
     age -d -i my-identity.txt -o bundle.zip BUNDLE_FILE   # sealed to your age key
   The whole-zip signature (keep bundle.zip; check it before unpacking): the zip's archive
   comment is "EVIDENCE-LOCKER-ZIPSIG1 " + base64(Ed25519 signature over
   "evidence-locker-bundle-zip/1" + one zero byte + SHA-256 of every byte of the zip before
   the comment), made with the bundle's signer key. It shows that no byte of the zip
   (including zip metadata no manifest covers) changed since that key signed it; it says
   nothing about WHO holds that key (step 6 does):
     python3 -c 'import zipfile,sys,base64; c=zipfile.ZipFile(sys.argv[1]).comment; open("zipsig.bin","wb").write(base64.b64decode(c[24:]))' bundle.zip
     N=$(( $(wc -c < bundle.zip) - 112 ))
     {{ printf 'evidence-locker-bundle-zip/1\\000'; head -c "$N" bundle.zip | openssl dgst -sha256 -binary; }} > zipsig.msg
     unzip -p bundle.zip {signer_key} > zipsig-key.pem
     openssl pkeyutl -verify -pubin -inkey zipsig-key.pem -rawin -in zipsig.msg -sigfile zipsig.bin
   Then unpack into an empty folder and enter it:
     mkdir bag && cd bag && unzip ../bundle.zip
   (Evidence Locker does the same safely: locker open-bundle BUNDLE_FILE --out bag)

1. Every file against the BagIt manifests (SHA-256):
     sha256sum -c {manifest}
     sha256sum -c {tagmanifest}

2. The whole bag with a BagIt (RFC 8493) validator:
     bagit.py --validate .            # pip install bagit

3. The Ed25519 signature over the tag manifest (OpenSSL 3):
     openssl pkeyutl -verify -pubin -inkey {signer_key} -rawin \\
         -in {tagmanifest} -sigfile {signature}
   The signer's fingerprint is the SHA-256 of the raw 32-byte public key (first 20 bytes,
   base32, in groups of five); this prints it without the dashes:
     openssl pkey -pubin -in {signer_key} -outform DER | tail -c 32 | openssl dgst -sha256 -binary | head -c 20 | base32
   A valid signature only shows the files were signed by THIS key. Anyone can make a key
   and re-sign altered files, writing the new fingerprint everywhere; step 6 shows
   whether the key is the vault's own.

4. RFC 3161 trusted timestamps. Each exhibit's timestamps/ folder holds, per token, the
   response exactly as the time-stamp authority (TSA) sent it (.tsr), a Merkle proof
   (.proof.json), the TSA root certificate the exporter trusted (.tsa-ca.pem) and
   intermediate certificates, if any (.tsa-untrusted.pem). Use the TSA's root obtained
   from the TSA itself (TSA-ROOT.pem below) and compare its certificate fingerprint with
   the one the TSA publishes:
     openssl x509 -in TSA-ROOT.pem -noout -fingerprint -sha256
   The token's message imprint is the Merkle root, read from the proof:
"""

PROOF_ROOT = (
    "ROOT=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))"
    '["merkle"]["root"])\' {proof})'
)

CHAIN = """
   The root says nothing until it is tied to the custody chain: for each leaf of the
   proof, leaf_data must be the entry_hash of entry custody_seq in
   data/custody/chain-<vault_id>.jsonl (vault_id is in the proof), and folding the
   audit path from leaf_data must give the root (RFC 6962 / RFC 9162 2.1.3.2):
     python3 - PROOF.json <<'EOF'
     import hashlib, json, sys
     H = lambda b: hashlib.sha256(b).digest()
     doc = json.load(open(sys.argv[1]))
     for leaf in doc["leaves"]:
         fn, sn = leaf["leaf_index"], doc["merkle"]["tree_size"] - 1
         r = H(b"\\0" + bytes.fromhex(leaf["leaf_data"]))
         for p in map(bytes.fromhex, leaf["audit_path"]):
             if fn & 1 or fn == sn:
                 r = H(b"\\1" + p + r)
                 while not fn & 1 and fn:
                     fn >>= 1; sn >>= 1
             else:
                 r = H(b"\\1" + r + p)
             fn >>= 1; sn >>= 1
         print(leaf["custody_seq"], leaf["leaf_data"], sn == 0 and r.hex() == doc["merkle"]["root"])
     EOF
   A TSA certificate that expired after the token was issued is normal for old
   evidence; add -attime <genTime as Unix seconds> to check it at issue time.

5. The custody chain (data/custody/chain-<vault>.jsonl, one entry per line):
     payload_hash = SHA-256(UTF-8 bytes of "payload")  (canonical JSON: sorted keys, no spaces)
     entry_hash   = SHA-256(bytes(prev_hash) || bytes(payload_hash))
     the first prev_hash is 64 zeros; each prev_hash is the previous entry_hash.
   Entries about other evidence are included as bare hashes only, so the chain checks
   from its first entry to its head without disclosing them. Each exhibit's
   "item_added" entry lists the SHA-256 of every original: compare with sha256sum.

6. Who signed: line 1 of the exporter's chain (data/custody/chain-{vault_id}.jsonl)
   is the disclosed "vault_created" entry; its payload names the vault's
   "identity_fingerprint". When a token from step 4 (checked against the TSA's real
   root) stamps any entry of that chain, the chain up to that entry, and so this
   fingerprint, existed at the token's genTime and cannot have been rewritten since. The
   fingerprint printed in step 3 must be the same. If no token stamps the chain yet,
   confirm the fingerprint with the sender by phone or in person.

7. Earlier holders (received evidence passed on): data/custody/provenance/<bundle id>/
   holds each earlier bundle's own tag manifest, payload manifest, signature
   (signature.sig) and signer key. In that folder:
     openssl pkeyutl -verify -pubin -inkey signer-ed25519.pem -rawin -in tagmanifest-sha256.txt -sigfile signature.sig
     sha256sum manifest-sha256.txt      # must appear in tagmanifest-sha256.txt
   Its signer's fingerprint (as in step 3) must be the identity_fingerprint in the
   vault_created entry of the chain that recorded that bundle's "bundle_exported" event,
   time-stamped like step 6 (or at least the sender_fingerprint the next holder recorded
   in its "bundle_imported" entry). The originals' SHA-256 appear in its manifest.

8. Evidence Locker checks all of this in one step too:
     locker verify-bundle BUNDLE_FILE

검증 방법 (요약)
----------------
가. 가장 간단한 방법: check_bundle.py 를 Evidence Locker 프로젝트에서 직접 받으십시오
   (번들 안의 verifier/ 사본은 편의용이며 신뢰하지 마십시오). 각 TSA의 루트 인증서를 TSA에서
   직접 받은 뒤: python3 check_bundle.py 번들폴더_또는_zip --tsa-root TSA-ROOT.pem
   모든 검사가 통과할 때만 0으로 끝납니다. 타임스탬프가 보관 이력 체인의 첫 항목
   (vault_created, 보관함 식별자 지문 기록)을 고정하므로, 서명 키가 실제 보관함의 키인지 확인됩니다.
나. 단계별 확인:
0. 봉인된 파일이면 age -d 로 풉니다. zip 전체 서명(주석)은 위 0번 명령으로 확인합니다.
1. 모든 파일의 SHA-256 해시값: sha256sum -c manifest-sha256.txt 와 tagmanifest-sha256.txt
2. BagIt 형식 검증: bagit.py --validate .
3. 태그 매니페스트 서명: 위 3번의 openssl pkeyutl 명령. 서명만으로는 누가 서명했는지 알 수 없습니다.
4. 신뢰 타임스탬프(RFC 3161): TSA 루트 인증서는 TSA에서 직접 받고 인증서 SHA-256 지문을
   비교하십시오 (openssl x509 -fingerprint -sha256). 머클 루트는 증명(.proof.json)에서 읽습니다.
5. 보관 이력 체인(data/custody/)은 처음부터 끝까지 다시 계산해 확인합니다.
6. 서명자: 타임스탬프로 고정된 vault_created 항목의 지문과 3번 지문이 같아야 합니다.
   타임스탬프가 아직 없으면 보낸 사람에게 전화 등으로 지문을 직접 확인하십시오.
7. 이전 보유자: data/custody/provenance/ 의 서명도 같은 방법으로 확인합니다.
"""

CHECKER_README = """check_bundle.py in this folder is a CONVENIENCE COPY of the independent checker.
Do not trust it: whoever altered a bundle could have altered this file as well.
Obtain check_bundle.py from the Evidence Locker project itself (docs/verifier/ in its
repository) and compare, or simply use that one. See VERIFY.txt, part A.

이 폴더의 check_bundle.py 는 편의용 사본입니다. 신뢰하지 마십시오. 번들을 변조한 사람은 이
파일도 바꿀 수 있습니다. Evidence Locker 프로젝트에서 직접 받은 파일을 사용하십시오.
"""


def checker_files() -> dict[str, bytes]:
    """The checker copy and its note for ``verifier/`` in the bag (empty when this
    installation does not ship docs/verifier/)."""
    if not CHECKER_SOURCE.is_file():
        return {}
    return {
        layout.CHECKER: CHECKER_SOURCE.read_bytes(),
        layout.CHECKER_README: CHECKER_README.encode("utf-8"),
    }


def root_fingerprints(pem: bytes) -> list[str]:
    """SHA-256 fingerprints (AA:BB:... as openssl prints them) of the certificates in a PEM
    file, not of the file itself."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    try:
        certs = x509.load_pem_x509_certificates(pem)
    except ValueError:
        return []
    return [":".join(f"{b:02X}" for b in c.fingerprint(hashes.SHA256())) for c in certs]


def verify_text(model: dict[str, Any], checker: bytes | None = None) -> str:
    """``checker``: the bytes of the checker copy in the bag, if any."""
    text = HEAD.format(
        bundle_id=model["bundle_id"],
        created_at=model["created_at"],
        fingerprint=model["exporter"]["fingerprint"],
        manifest=layout.MANIFEST,
        tagmanifest=layout.TAGMANIFEST,
        signer_key=layout.SIGNER_KEY,
        signature=layout.SIGNATURE,
        checker=layout.CHECKER if checker else "(this bundle carries no copy)",
        checker_sha=hashlib.sha256(checker).hexdigest() if checker else "-",
    )
    lines: list[str] = []
    seen: set[str] = set()
    for e in model["exhibits"]:
        for t in e["timestamps"]:
            tsr, proof, pem = t.get("tsr"), t.get("proof_json"), t.get("tsa_ca_pem")
            if not tsr or not proof or tsr in seen:
                continue
            seen.add(tsr)
            ca = " -CAfile TSA-ROOT.pem"
            if t.get("tsa_untrusted_pem"):
                ca += f" -untrusted {t['tsa_untrusted_pem']}"
            lines.append(
                f"   {e['exhibit']}, {t.get('tsa') or 'TSA'}, genTime {t.get('gen_time')}:"
            )
            lines.append("     " + PROOF_ROOT.format(proof=proof))
            lines.append(f'     openssl ts -verify -digest "$ROOT" -in {tsr}{ca}')
            for fp in t.get("tsa_root_sha256") or []:
                lines.append(f"     (root the exporter trusted, {pem}: certificate SHA-256 {fp})")
    text += (
        ("\n".join(lines) + "\n")
        if lines
        else "   (No exhibit in this bundle had been time-stamped yet at export.)\n"
    )
    text += (
        f"\n   If {layout.MANIFEST_TOKEN} is present, it stamps the tag manifest itself\n"
        "   (made after everything else was written, so the custody report cannot show it):\n"
        f"     openssl ts -verify -data {layout.TAGMANIFEST} -in {layout.MANIFEST_TOKEN}"
        " -CAfile TSA-ROOT.pem\n"
        f"   ({layout.MANIFEST_TOKEN_CA} is the root the exporter trusted; compare its\n"
        "   certificate fingerprint, openssl x509 -noout -fingerprint -sha256 -in FILE.)\n"
        "   A BUNDLE_FILE.stamp.json beside the bundle (from `locker stamp-bundle`) holds\n"
        "   the same stamp made after export, for the exporter's record of this manifest.\n"
    )
    return text + CHAIN.replace("{vault_id}", model["exporter"]["vault_id"])

"""VERIFY.txt: exact commands to check a bundle with standard tools, without our app."""

from __future__ import annotations

from typing import Any

from app.bundle import layout

HEAD = """HOW TO VERIFY THIS EVIDENCE BUNDLE (without Evidence Locker)
==============================================================

Bundle {bundle_id}, exported {created_at}
Exporting vault identity fingerprint: {fingerprint}
Confirm this fingerprint with the sender by phone or in person.

0. Unseal (only if you received a sealed .age file):
     age -d -o bundle.zip BUNDLE_FILE             # asks for the passphrase
     age -d -i my-identity.txt -o bundle.zip BUNDLE_FILE   # sealed to your age key
   then unpack into an empty folder and enter it:
     mkdir bag && cd bag && unzip ../bundle.zip
   (Evidence Locker does the same safely: locker open-bundle BUNDLE_FILE --out bag)

1. Every file against the BagIt manifests (SHA-256):
     sha256sum -c {manifest}
     sha256sum -c {tagmanifest}

2. The whole bag with a BagIt (RFC 8493) validator:
     bagit.py --validate .            # pip install bagit

3. The exporter's Ed25519 signature over the tag manifest (OpenSSL 3):
     openssl pkeyutl -verify -pubin -inkey {signer_key} -rawin \\
         -in {tagmanifest} -sigfile {signature}
   The fingerprint above is the SHA-256 of the raw 32-byte public key (first 20 bytes,
   base32, in groups of five); this prints it without the dashes:
     openssl pkey -pubin -in {signer_key} -outform DER | tail -c 32 | openssl dgst -sha256 -binary | head -c 20 | base32

4. RFC 3161 trusted timestamps. Each exhibit's timestamps/ folder holds, per token, the
   response exactly as the time-stamp authority (TSA) sent it (.tsr), a Merkle proof
   (.proof.json), the TSA root certificate(s) used when it was stamped (.tsa-ca.pem;
   intermediate certificates, if the TSA has any, in .tsa-untrusted.pem;
   a careful checker obtains the TSA's root independently). The token's message imprint
   is the Merkle root in the proof; the proof's leaves are custody-chain entry hashes.
"""

CHAIN = """
5. The custody chain (data/custody/chain-<vault>.jsonl, one entry per line):
     payload_hash = SHA-256(UTF-8 bytes of "payload")       (disclosed entries)
     entry_hash   = SHA-256(bytes(prev_hash) || bytes(payload_hash))
     the first prev_hash is 64 zeros; each prev_hash is the previous entry_hash.
   Entries about other evidence are included as bare hashes only, so the chain checks
   from its first entry to its head without disclosing them. The heads are listed in
   data/bundle.json (signed through the manifests).

6. Evidence Locker checks all of the above in one step:
     locker verify-bundle BUNDLE_FILE

검증 방법 (요약)
----------------
0. 봉인된 파일이면 age -d 로 풉니다 (암호 또는 받는 사람의 age 키).
1. 모든 파일의 SHA-256 해시값 확인: sha256sum -c manifest-sha256.txt 와
   sha256sum -c tagmanifest-sha256.txt
2. BagIt 형식 검증: bagit.py --validate .
3. 보낸 보관함의 서명 확인: 위 3번의 openssl pkeyutl 명령. 지문(fingerprint)은
   보낸 사람에게 전화 등으로 직접 확인하십시오.
4. 신뢰 타임스탬프(RFC 3161) 확인: 위 4번의 openssl ts -verify 명령.
5. 보관 이력 체인(data/custody/)은 위 5번의 방법으로 처음부터 끝까지 확인됩니다.
"""


def verify_text(model: dict[str, Any]) -> str:
    text = HEAD.format(bundle_id=model["bundle_id"], created_at=model["created_at"],
                       fingerprint=model["exporter"]["fingerprint"], manifest=layout.MANIFEST,
                       tagmanifest=layout.TAGMANIFEST, signer_key=layout.SIGNER_KEY,
                       signature=layout.SIGNATURE)
    lines = []
    for e in model["exhibits"]:
        for t in e["timestamps"]:
            tsr, pem, root = t.get("tsr"), t.get("tsa_ca_pem"), t.get("root")
            if tsr and root:
                ca = f" -CAfile {pem}" if pem else " -CAfile TSA-ROOT.pem"
                if t.get("tsa_untrusted_pem"):
                    ca += f" -untrusted {t['tsa_untrusted_pem']}"
                lines.append(f"     openssl ts -verify -digest {root} -in {tsr}{ca}")
    if lines:
        text += "\n   Commands for the tokens in this bundle:\n" + "\n".join(lines) + "\n"
    else:
        text += "\n   (No exhibit in this bundle had been time-stamped yet at export.)\n"
    text += (f"\n   If {layout.MANIFEST_TOKEN} is present, it stamps the tag manifest:\n"
             f"     openssl ts -verify -data {layout.TAGMANIFEST} -in {layout.MANIFEST_TOKEN}"
             f" -CAfile {layout.MANIFEST_TOKEN_CA}\n"
             "   (the .tsa-ca.pem files are the roots the exporter trusted; a careful checker\n"
             "   uses the TSA's root obtained independently instead)\n"
             "   A BUNDLE_FILE.stamp.json beside the bundle (from `locker stamp-bundle`) holds\n"
             "   the same stamp made after export, for the exporter's record of this manifest.\n"
             "   A TSA certificate that expired after the token was issued is normal for old\n"
             "   evidence; add -attime <genTime as Unix seconds> to check it at issue time.\n")
    return text + CHAIN

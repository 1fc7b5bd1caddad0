"""`locker verify` check: every stored token and every Merkle leaf.

Each token is verified in full (status, imprint = stored root, nonce as sent, signature,
chain at genTime, critical EKU) against the trust anchors configured for its TSA; when
the TSA is no longer configured, against the anchors recorded when it was stamped (and
a note says so). Each leaf's audit path must lead from the custody entry's *current*
entry_hash to its token's root, so a changed entry breaks exactly its own proof.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from app.timestamp import merkle
from app.timestamp.config import all_configured, trust_for
from app.timestamp.verify import verify_token
from app.vault.verify import CheckResult

if TYPE_CHECKING:
    from app.vault.store import Vault


def check_timestamps(vault: Vault) -> CheckResult:
    conn = vault.read()
    problems: list[str] = []
    notes: list[str] = []
    tokens = conn.execute(
        "SELECT id, tsa_url, tsa_name, nonce, imprint, root, tree_size, trust_pem, response"
        " FROM ts_tokens ORDER BY id"
    ).fetchall()
    roots: dict[int, tuple[str, int]] = {}
    expired = 0
    known = all_configured()
    for token_id, url, name, nonce, imprint, root, size, trust_pem, raw in tokens:
        roots[int(token_id)] = (str(root), int(size))
        configured = trust_for(str(url), known)
        recorded = [str(trust_pem).encode("ascii", "replace")] if trust_pem else []
        digest = bytes.fromhex(str(root))
        token_nonce = int(nonce) if nonce else None
        if configured is not None:
            verdict = verify_token(
                bytes(raw),
                digest=digest,
                roots_pem=list(configured.roots_pem),
                untrusted_pem=list(configured.untrusted_pem),
                nonce=token_nonce,
                policy=configured.policy,
            )
            if not verdict.ok and recorded and recorded != list(configured.roots_pem):
                fallback = verify_token(
                    bytes(raw),
                    digest=digest,
                    roots_pem=recorded,
                    nonce=token_nonce,
                    policy=configured.policy,
                )
                if fallback.ok:
                    verdict = fallback
                    notes.append(
                        f"token {token_id} ({name}): valid against the trust anchor "
                        "recorded when it was stamped, not the one configured now"
                    )
        else:
            verdict = verify_token(bytes(raw), digest=digest, roots_pem=recorded, nonce=token_nonce)
            notes.append(
                f"token {token_id} ({name}): TSA not configured here; checked "
                "against the trust anchor recorded when it was stamped"
            )
        if verdict.imprint and verdict.imprint != str(imprint):
            problems.append(f"token {token_id}: stored imprint differs from the token")
        problems += [f"token {token_id} ({name}): {p}" for p in verdict.problems]
        expired += verdict.signer_expired_since

    leaves = 0
    for seq, token_id, index, path_json, entry_hash in conn.execute(
        "SELECT l.custody_seq, l.token_id, l.leaf_index, l.audit_path, c.entry_hash"
        " FROM ts_leaves l LEFT JOIN custody c ON c.seq = l.custody_seq"
        " ORDER BY l.token_id, l.leaf_index"
    ):
        leaves += 1
        if entry_hash is None or int(token_id) not in roots:
            problems.append(f"leaf for custody entry {seq}: its entry or token is missing")
            continue
        root, size = roots[int(token_id)]
        try:
            path = [bytes.fromhex(p) for p in json.loads(path_json)]
            got = merkle.root_from_path(bytes.fromhex(str(entry_hash)), int(index), size, path)
        except (ValueError, TypeError) as exc:
            problems.append(f"custody entry {seq}: timestamp proof is malformed ({exc})")
            continue
        if got.hex() != root:
            problems.append(
                f"custody entry {seq}: not what token {token_id} stamped "
                "(its proof no longer leads to the token's root)"
            )
        if len(problems) > 200:
            problems.append("... more problems not listed")
            break
    if expired:
        notes.append(
            f"{expired} token(s) were signed with a certificate that has expired "
            "since; they were valid at genTime, which is what counts"
        )
    pending = conn.execute(
        "SELECT COUNT(*) FROM custody WHERE seq NOT IN (SELECT custody_seq FROM ts_leaves)"
    ).fetchone()[0]
    if pending:
        notes.append(f"{pending} custody entries are still waiting for a timestamp")
    return CheckResult(
        "timestamps",
        not problems,
        f"{len(tokens)} tokens and {leaves} Merkle proofs checked",
        problems,
        notes,
    )

"""`locker stamp` and `locker verify-token`."""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path
from typing import Any

from app.commands.common import (
    add_json_arg,
    open_vault,
    print_json,
    safe_terminal,
    say,
    vault_command,
)
from app.errors import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_VERIFY,
    NotFound,
    RejectedInput,
    UsageError,
    os_failure,
)

STAMP_EPILOG = """Every custody entry waits in the vault until a TSA stamps it. One request
per TSA covers everything pending (a Merkle tree whose root is the token's imprint).
Without --tsa the configured TSAs are used: $LOCKER_TSA_CONFIG, else tsa.json in the
user config folder, else the shipped list (resources/tsa/tsas.json). Several --tsa give
independent tokens. Exit 0 when everything was stamped, 1 when a TSA failed (the entries
stay queued and are retried)."""

VERIFY_EPILOG = """Checks: status granted, imprint equals the digest (of --data, --digest,
or the Merkle root of --proof), nonce/policy when given, the CMS signature, the signer's
chain to a --ca trust anchor valid at genTime, and a critical timeStamping EKU.
Exit 0 valid, 4 invalid, 5 unreadable token, certificate or proof."""


class _TSAGroup(argparse.Action):
    """``--tsa URL`` starts a TSA; following ``--tsa-ca``/``--tsa-untrusted`` belong to it."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        groups: list[dict[str, Any]] = getattr(namespace, "tsa_groups", None) or []
        if option_string == "--tsa":
            groups.append({"url": values, "ca": [], "untrusted": []})
        else:
            if not groups:
                parser.error(f"{option_string} must follow the --tsa URL it belongs to")
            groups[-1]["ca" if option_string == "--tsa-ca" else "untrusted"].append(Path(values))
        namespace.tsa_groups = groups


def register(sub: Any) -> None:
    p = vault_command(
        sub,
        "stamp",
        cmd_stamp,
        help="time-stamp every pending custody entry now (RFC 3161)",
        epilog=STAMP_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--tsa",
        action=_TSAGroup,
        metavar="URL",
        dest="tsa_groups",
        help="TSA to use instead of the configured list (repeatable)",
    )
    p.add_argument(
        "--tsa-ca",
        action=_TSAGroup,
        metavar="PEM",
        dest="tsa_groups",
        help="trust anchor(s) for the preceding --tsa (required with --tsa)",
    )
    p.add_argument(
        "--tsa-untrusted",
        action=_TSAGroup,
        metavar="PEM",
        dest="tsa_groups",
        help="intermediate certificates for the preceding --tsa",
    )
    p.add_argument(
        "--status",
        action="store_true",
        help="only show the queue (pending entries, last error); contact no TSA",
    )
    add_json_arg(p)
    p.set_defaults(tsa_groups=None)

    t = sub.add_parser("tsas", help="list the configured time-stamp authorities and roots")
    add_json_arg(t)
    t.set_defaults(func=cmd_tsas)

    v = sub.add_parser(
        "verify-token",
        help="verify an RFC 3161 token offline",
        epilog=VERIFY_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    v.add_argument(
        "--token",
        required=True,
        type=Path,
        metavar="FILE.tsr",
        help="the time-stamp response (DER), e.g. from `locker extract`",
    )
    what = v.add_mutually_exclusive_group(required=True)
    what.add_argument("--data", type=Path, metavar="FILE", help="the stamped data")
    what.add_argument("--digest", metavar="HEX", help="the stamped digest, in hex")
    what.add_argument(
        "--proof",
        type=Path,
        metavar="PROOF.json",
        help="a Merkle proof written by `locker extract` (checks every leaf)",
    )
    v.add_argument(
        "--ca",
        required=True,
        type=Path,
        action="append",
        metavar="PEM",
        help="trust anchor(s) (repeatable)",
    )
    v.add_argument(
        "--untrusted",
        type=Path,
        action="append",
        default=[],
        metavar="PEM",
        help="intermediate or signer certificates not in the token",
    )
    v.add_argument("--nonce", type=int, help="the nonce sent in the request")
    v.add_argument("--policy", metavar="OID", help="require this TSA policy")
    add_json_arg(v)
    v.set_defaults(func=cmd_verify_token)


def _tsas_from_args(args: argparse.Namespace) -> list[Any] | None:
    from app.timestamp.config import tsa_from_args

    if not args.tsa_groups:
        return None
    tsas = []
    for g in args.tsa_groups:
        if not g["ca"]:
            raise UsageError(f"--tsa {g['url']} needs its trust anchor: add --tsa-ca PEM.")
        tsas.append(tsa_from_args(g["url"], g["ca"], untrusted=g["untrusted"]))
    return tsas


def cmd_stamp(args: argparse.Namespace) -> int:
    from app.timestamp.config import load_tsas
    from app.timestamp.service import stamp_pending
    from app.timestamp.status import vault_summary

    tsas = _tsas_from_args(args)
    with open_vault(args) as vault:
        if args.status:
            summary = vault_summary(vault)
            if args.json:
                print_json(summary)
            else:
                say(f"pending entries  {summary['pending']}")
                say(
                    f"tokens           {summary['tokens']} (latest genTime "
                    f"{summary['last_gen_time'] or '-'})"
                )
                for t in summary["tsas"]:
                    say(
                        f"tsa              {safe_terminal(t['tsa'])}: "
                        + (
                            f"failing ({safe_terminal(t['last_error'])}), next try "
                            f"{t['next_retry_at']}"
                            if t["failures"]
                            else "ok"
                        )
                    )
            return EXIT_OK
        if tsas is None:
            tsas = load_tsas()
            if not tsas:
                raise UsageError(
                    "No TSA is enabled in the TSA list; give one with --tsa URL --tsa-ca PEM."
                )
        report = stamp_pending(vault, tsas, progress=None if args.json else say)
    if args.json:
        print_json(report.to_json())
    else:
        for o in report.outcomes:
            if o.ok and o.entries:
                say(
                    f"{safe_terminal(o.tsa)}: stamped {o.entries} entries, genTime "
                    f"{o.gen_time}, Merkle root {o.root}"
                )
            elif o.ok:
                say(f"{safe_terminal(o.tsa)}: nothing pending")
            else:
                say(
                    f"{safe_terminal(o.tsa)}: FAILED: {safe_terminal(o.error)} "
                    f"(entries stay queued; next automatic try {o.next_retry_at})"
                )
        say(f"{report.pending_after} entries still waiting for a timestamp")
    return EXIT_OK if report.ok else EXIT_FAILURE


def cmd_tsas(args: argparse.Namespace) -> int:
    from cryptography.hazmat.primitives import hashes

    from app.timestamp.config import config_path, load_tsas
    from app.timestamp.verify import load_pem_certs

    path = config_path()
    rows = []
    for tsa in load_tsas(path, include_disabled=True):
        roots = [
            {
                "subject": c.subject.rfc4514_string(),
                "sha256": c.fingerprint(hashes.SHA256()).hex(),
                "not_after": c.not_valid_after_utc.isoformat(),
            }
            for c in load_pem_certs(list(tsa.roots_pem))
        ]
        rows.append({**tsa.to_json(), "root_certificates": roots})
    if args.json:
        print_json({"config": str(path), "tsas": rows})
        return EXIT_OK
    say(f"TSA list: {path}")
    for row in rows:
        say(
            f"{'enabled ' if row['enabled'] else 'disabled'}  {safe_terminal(row['name'])}  "
            f"{safe_terminal(row['url'])}"
        )
        for root in row["root_certificates"]:
            say(f"          root {safe_terminal(root['subject'])}  sha256 {root['sha256']}")
    return EXIT_OK


def _read(path: Path, what: str, limit: int = 1 << 20) -> bytes:
    try:
        if path.stat().st_size > limit:
            raise RejectedInput(f"The {what} {path} is too large.")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise NotFound(f"The {what} {path} does not exist.") from exc
    except IsADirectoryError as exc:
        raise RejectedInput(f"The {what} {path} is a folder, not a file.") from exc
    except OSError as exc:
        raise os_failure(exc, f"Cannot read the {what} {path}", RejectedInput) from exc


def _hash_file(path: Path, algorithm: str) -> bytes:
    h = hashlib.new(algorithm)
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    except FileNotFoundError as exc:
        raise NotFound(f"The data file {path} does not exist.") from exc
    except OSError as exc:
        raise os_failure(exc, f"Cannot read the data file {path}", RejectedInput) from exc
    return h.digest()


def _as_pem(data: bytes) -> bytes:
    """A root downloaded from a TSA's site is often one DER certificate (.cer/.crt):
    convert it; PEM (and anything unreadable, reported later) is passed on unchanged."""
    if b"-----BEGIN" in data:
        return data
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    try:
        return x509.load_der_x509_certificate(data).public_bytes(Encoding.PEM)
    except ValueError:
        return data


def cmd_verify_token(args: argparse.Namespace) -> int:
    from app.timestamp.proofs import check_leaf
    from app.timestamp.verify import verify_token

    raw = _read(args.token, "token file")
    roots = [_as_pem(_read(p, "certificate file")) for p in args.ca]
    untrusted = [_as_pem(_read(p, "certificate file")) for p in args.untrusted]
    probe = verify_token(raw, digest=None, roots_pem=[], untrusted_pem=[])
    if not probe.readable:
        _report(args, probe.to_json())
        raise RejectedInput(f"{args.token} is not a readable time-stamp token: {probe.problems[0]}")
    proof_problems: list[str] = []
    nonce: int | None = args.nonce
    if args.digest is not None:
        try:
            digest: bytes | None = bytes.fromhex(args.digest.strip())
        except ValueError as exc:
            raise UsageError("--digest must be hexadecimal (e.g. the Merkle root).") from exc
    elif args.data is not None:
        algorithm = (
            probe.hash_algorithm
            if probe.hash_algorithm in ("sha256", "sha384", "sha512")
            else "sha256"
        )
        digest = _hash_file(args.data, algorithm)
    else:
        try:
            from app.bundle.shapes import PROOF
            from app.jsonsafe import check, loads

            # Strict, bounded, every member checked (JSONRejected is a ValueError).
            doc = check(loads(_read(args.proof, "proof file", 256 << 20)), PROOF, "proof")
            merkle_info = doc["merkle"]
            root_hex, size = str(merkle_info["root"]), int(merkle_info["tree_size"])
            digest = bytes.fromhex(root_hex)
            leaves = doc["leaves"]
            if not isinstance(leaves, list) or not leaves:
                raise ValueError("no leaves")
            recorded_nonce = (doc.get("token") or {}).get("nonce")
            if nonce is None and recorded_nonce not in (None, ""):
                nonce = int(recorded_nonce)  # the nonce the app sent, kept in the proof
        except (ValueError, KeyError, TypeError) as exc:
            raise RejectedInput(f"{args.proof} is not a timestamp proof file ({exc}).") from exc
        for leaf in leaves:
            proof_problems += check_leaf(leaf if isinstance(leaf, dict) else {}, root_hex, size)
    try:
        verdict = verify_token(
            raw,
            digest=digest,
            roots_pem=roots,
            untrusted_pem=untrusted,
            nonce=nonce,
            policy=args.policy,
        )
    except ValueError as exc:
        raise RejectedInput(f"A certificate file is not valid PEM ({exc}).") from exc
    verdict.problems += proof_problems
    verdict.ok = verdict.ok and not proof_problems
    if any("not valid PEM" in p for p in verdict.problems):
        _report(args, verdict.to_json())
        raise RejectedInput(next(p for p in verdict.problems if "not valid PEM" in p))
    _report(args, verdict.to_json())
    return EXIT_OK if verdict.ok else EXIT_VERIFY


def _report(args: argparse.Namespace, data: dict[str, Any]) -> None:
    if args.json:
        print_json(data)
        return
    if data["ok"]:
        say(f"VALID timestamp: genTime {data['gen_time']} by {safe_terminal(data['tsa_name'])}")
        say(f"  imprint {data['hash_algorithm']}:{data['imprint']}")
        say(f"  serial {data['serial']}  policy {data['policy']}")
    elif data.get("readable"):
        say("INVALID timestamp:")
    for p in data["problems"] if data.get("readable") else []:
        say(f"  problem: {safe_terminal(p)}")
    for n in data["notes"]:
        say(f"  note: {safe_terminal(n)}")

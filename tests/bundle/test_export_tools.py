"""Export -> verify-bundle passes; open-bundle -> the folder validates with the real
bagit validator, sha256sum -c, openssl ts -verify and openssl pkeyutl; age -d with the
passphrase (or the recipient's identity) yields the same zip."""

from __future__ import annotations

import io
import json
import shlex

from app.bundle.age_scrypt import decrypt_passphrase_stream
from tests.bundle.conftest import fill_vault, stamp
from tests.bundle.tools import age_decrypt_passphrase, bagit_validate, run
from tests.helpers.cli import ROOT, locker


def test_sealed_export_verifies_with_app_and_standard_tools(
    make_vault, tsa_configured, tmp_path, passphrase_file, seal_file
):
    vault = make_vault("a")
    fill_vault(vault)
    stamp(vault, tsa_configured)
    vault.close()
    bundle = tmp_path / "case.bundle"
    done = locker(
        "export",
        tmp_path / "a.locker",
        "--out",
        bundle,
        "--case",
        "사건 1",
        "--seal-passphrase-file",
        seal_file,
        passphrase_file=passphrase_file,
    )
    assert done.returncode == 0, done.stderr
    assert "Signed by identity" in done.stdout and "time-stamped" in done.stdout

    checked = locker("verify-bundle", bundle, "--seal-passphrase-file", seal_file, "--json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    report = json.loads(checked.stdout)
    assert report["ok"] and [e["exhibit"] for e in report["exhibits"]] == ["E-001", "E-002"]
    assert all(e["timestamps"] >= 1 for e in report["exhibits"])
    assert {c["name"] for c in report["checks"]} >= {
        "checksums",
        "signature",
        "custody chains",
        "exhibits",
        "timestamps",
    }

    # On a computer that does not know the TSA, the roots shipped in the bundle are used,
    # and the report says so.
    empty = tmp_path / "no-tsas.json"
    empty.write_text('{"tsas": []}')
    elsewhere = locker(
        "verify-bundle",
        bundle,
        "--seal-passphrase-file",
        seal_file,
        "--json",
        env={"LOCKER_TSA_CONFIG": str(empty)},
    )
    assert elsewhere.returncode == 0, elsewhere.stdout
    notes = " ".join(n for c in json.loads(elsewhere.stdout)["checks"] for n in c["notes"])
    assert "shipped in the bundle" in notes

    bag = tmp_path / "bag"
    opened = locker("open-bundle", bundle, "--out", bag, "--seal-passphrase-file", seal_file)
    assert opened.returncode == 0, opened.stderr
    assert bagit_validate(bag).returncode == 0
    assert run(["sha256sum", "-c", "manifest-sha256.txt"], bag).returncode == 0
    assert run(["sha256sum", "-c", "tagmanifest-sha256.txt"], bag).returncode == 0
    verify_txt = (bag / "VERIFY.txt").read_text(encoding="utf-8")
    assert verify_txt.index("check_bundle.py") < verify_txt.index("sha256sum -c")  # checker first
    lines = [line.strip() for line in verify_txt.splitlines()]
    root = str(tsa_configured.ca_pem)
    token_steps = [
        f"{line}\n{lines[n + 1]}" for n, line in enumerate(lines) if line.startswith("ROOT=$(")
    ]
    token_steps += [line for line in lines if line.startswith("openssl ts -verify -data")]
    assert len(token_steps) >= 2  # the exhibits' shared token and the manifest token
    for step in token_steps:
        result = run(["sh", "-c", step.replace("TSA-ROOT.pem", shlex.quote(root))], bag)
        assert result.returncode == 0 and "Verification: OK" in result.stdout, (step, result.stderr)
    # The root's certificate SHA-256 (not the PEM file's) is printed, as openssl prints it.
    cert_fp = run(["openssl", "x509", "-in", root, "-noout", "-fingerprint", "-sha256"], bag)
    assert cert_fp.stdout.strip().split("=", 1)[1] in verify_txt
    assert "provenance" in verify_txt and "EVIDENCE-LOCKER-ZIPSIG1" in verify_txt
    copy = bag / "verifier" / "check_bundle.py"
    assert copy.read_bytes() == (ROOT / "docs" / "verifier" / "check_bundle.py").read_bytes()
    assert "Do not trust it" in (bag / "verifier" / "README.txt").read_text(encoding="utf-8")
    sig = run(
        [
            "openssl",
            "pkeyutl",
            "-verify",
            "-pubin",
            "-inkey",
            "signature/signer-ed25519.pem",
            "-rawin",
            "-in",
            "tagmanifest-sha256.txt",
            "-sigfile",
            "signature/tagmanifest-sha256.txt.sig",
        ],
        bag,
    )
    assert sig.returncode == 0 and "Signature Verified Successfully" in sig.stdout
    # The fingerprint command, run as written, prints the fingerprint to compare by phone.
    fingerprint = verify_txt.split("identity with fingerprint: ", 1)[1].split()[0]
    (fp_command,) = [
        line.strip()
        for line in verify_txt.splitlines()
        if line.strip().startswith("openssl pkey -pubin")
    ]
    printed = run(["sh", "-c", fp_command], bag)
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.strip() == fingerprint.replace("-", ""), (fp_command, printed.stdout)
    # Only the exported case's evidence is inside; the other case is not disclosed.
    everything = b"".join(p.read_bytes() for p in bag.rglob("*") if p.is_file())
    assert b"OTHER-CASE-SECRET-MARKER" not in everything and b"unrelated secret" not in everything

    # age -d with the passphrase yields the same zip our own unsealing produces.
    by_age = tmp_path / "by-age.zip"
    code, output = age_decrypt_passphrase(bundle, by_age, seal_file.read_text().strip())
    assert code == 0, output
    ours = io.BytesIO()
    with open(bundle, "rb") as src:
        decrypt_passphrase_stream(src, ours, seal_file.read_text().strip())
    assert by_age.read_bytes() == ours.getvalue()
    assert locker("verify-bundle", by_age).returncode == 0


def test_sealed_to_recipient_opens_with_age_identity(make_vault, tmp_path, passphrase_file):
    sender, receiver = make_vault("s"), make_vault("r")
    fill_vault(sender, count=1)
    sender.close()
    receiver.close()
    ident = locker(
        "identity",
        tmp_path / "r.locker",
        "--json",
        "--export-age-identity",
        tmp_path / "r-identity.txt",
        passphrase_file=passphrase_file,
    )
    assert ident.returncode == 0, ident.stderr
    recipient = json.loads(ident.stdout)["age_recipient"]
    assert recipient.startswith("age1")
    bundle = tmp_path / "to-r.age"
    done = locker(
        "export",
        tmp_path / "s.locker",
        "--out",
        bundle,
        "--item",
        "1",
        "--to",
        recipient,
        passphrase_file=passphrase_file,
    )
    assert done.returncode == 0, done.stderr
    plain = tmp_path / "plain.zip"
    result = run(
        ["age", "-d", "-i", str(tmp_path / "r-identity.txt"), "-o", str(plain), str(bundle)],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert locker("verify-bundle", plain).returncode == 0
    # Without the key: a clear error, exit 3; with the vault's key it verifies.
    no_key = locker("verify-bundle", bundle)
    assert no_key.returncode == 3 and "age key" in no_key.stderr
    other = tmp_path / "other-identity.txt"
    import pyrage

    other.write_text(str(pyrage.x25519.Identity.generate()) + "\n")
    wrong_key = locker("verify-bundle", bundle, "--identity-file", other)
    assert wrong_key.returncode == 3 and "None of the given keys" in wrong_key.stderr
    with_vault = locker(
        "verify-bundle", bundle, "--vault", tmp_path / "r.locker", passphrase_file=passphrase_file
    )
    assert with_vault.returncode == 0, with_vault.stdout + with_vault.stderr


def test_plain_zip_and_cli_errors(make_vault, tmp_path, passphrase_file, seal_file):
    vault = make_vault("a")
    fill_vault(vault, count=1)
    vault.close()
    out = tmp_path / "plain.zip"
    no_choice = locker(
        "export",
        tmp_path / "a.locker",
        "--out",
        out,
        "--case",
        "사건 1",
        passphrase_file=passphrase_file,
    )
    assert no_choice.returncode == 2 and "--no-encrypt" in no_choice.stderr and not out.exists()
    missing = locker(
        "export",
        tmp_path / "a.locker",
        "--out",
        out,
        "--case",
        "nope",
        "--no-encrypt",
        passphrase_file=passphrase_file,
    )
    assert missing.returncode == 6
    assert (
        locker(
            "export",
            tmp_path / "a.locker",
            "--out",
            out,
            "--case",
            "사건 1",
            "--no-encrypt",
            passphrase_file=passphrase_file,
        ).returncode
        == 0
    )
    again = locker(
        "export",
        tmp_path / "a.locker",
        "--out",
        out,
        "--case",
        "사건 1",
        "--no-encrypt",
        passphrase_file=passphrase_file,
    )
    assert again.returncode == 2 and "already exists" in again.stderr
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    sealed = tmp_path / "sealed.age"
    assert (
        locker(
            "export",
            tmp_path / "a.locker",
            "--out",
            sealed,
            "--case",
            "사건 1",
            "--seal-passphrase-file",
            seal_file,
            passphrase_file=passphrase_file,
        ).returncode
        == 0
    )
    bad = locker("verify-bundle", sealed, "--seal-passphrase-file", wrong)
    assert bad.returncode == 3 and "passphrase" in bad.stderr and "Traceback" not in bad.stderr
    log = locker("log", tmp_path / "a.locker", "--json", passphrase_file=passphrase_file)
    events = [e["event"] for e in json.loads(log.stdout)]
    assert events.count("bundle_exported") == 2 and events.count("bundle_written") == 2


def test_manifest_stamp_added_after_an_offline_export(
    make_vault, local_tsa, tmp_path, passphrase_file, monkeypatch
):
    """No TSA during export: the stamp is queued; later `stamp-bundle` writes
    FILE.stamp.json, which verify-bundle checks against this bundle's tag manifest."""
    import shutil

    vault = make_vault("a")
    fill_vault(vault, count=1)
    vault.close()
    bundle = tmp_path / "offline.zip"
    done = locker(
        "export",
        tmp_path / "a.locker",
        "--out",
        bundle,
        "--case",
        "사건 1",
        "--no-encrypt",
        passphrase_file=passphrase_file,
    )
    assert done.returncode == 0 and "queued" in done.stdout
    early = locker("stamp-bundle", tmp_path / "a.locker", bundle, passphrase_file=passphrase_file)
    assert early.returncode == 1 and "queued" in early.stderr
    tsa = local_tsa()
    shutil.copy(tsa.ca_pem, tmp_path / "root.pem")
    config = tmp_path / "tsa.json"
    config.write_text(
        json.dumps({"tsas": [{"name": "Later TSA", "url": tsa.url, "roots": ["root.pem"]}]})
    )
    monkeypatch.setenv("LOCKER_TSA_CONFIG", str(config))
    later = locker("stamp-bundle", tmp_path / "a.locker", bundle, passphrase_file=passphrase_file)
    assert later.returncode == 0, later.stderr
    checked = locker("verify-bundle", bundle, "--json")
    assert checked.returncode == 0, checked.stdout
    found = {c["name"]: c for c in json.loads(checked.stdout)["checks"]}
    assert found["manifest timestamp (added later)"]["ok"]
    other = tmp_path / "other.zip"
    unstamped = locker(
        "export",
        tmp_path / "a.locker",
        "--out",
        other,
        "--case",
        "사건 1",
        "--no-encrypt",
        "--no-stamp",
        passphrase_file=passphrase_file,
    )
    assert unstamped.returncode == 0
    # A TSA is configured and answers: --no-stamp must not be reported as "no TSA answered".
    assert "--no-stamp" in unstamped.stdout and "no TSA answered" not in unstamped.stdout
    wrong = locker("verify-bundle", other, "--stamp", str(bundle) + ".stamp.json")
    assert wrong.returncode == 4 and "does not stamp this bundle" in wrong.stdout


def test_ecdsa_tsa_tokens_verify_in_bundles(make_vault, local_tsa, tmp_path):
    from app.bundle.export import export_bundle, select_items
    from app.bundle.seal import Sealing
    from app.bundle.verify import verify_bundle

    vault = make_vault("ec")
    fill_vault(vault, count=1)
    stamp(vault, local_tsa(key="ec"))
    bundle = tmp_path / "ec.zip"
    export_bundle(vault, bundle, select_items(vault, case="사건 1"), Sealing())
    report = verify_bundle(bundle)
    assert report.ok, report.text()
    assert report.exhibits[0]["timestamps"] >= 1


def test_open_bundle_help_says_what_it_writes():
    """open-bundle's help used to repeat verify-bundle's 'Nothing is written'."""
    opened = locker("open-bundle", "--help")
    assert opened.returncode == 0
    text = " ".join(opened.stdout.split())
    assert "Nothing is written" not in text and "writes nothing unless --force" in text
    assert "Nothing is written" in " ".join(locker("verify-bundle", "--help").stdout.split())

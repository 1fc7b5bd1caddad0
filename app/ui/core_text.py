"""Messages from the core (capture, time-stamping, verify), which are English, shown in
the interface language. Known sentences are matched and rebuilt from a translated
template (addresses, codes and names kept as they are); an unknown sentence is shown as
it is. Nothing here changes what happened."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale


# (pattern, template) — the template's %1, %2… take the pattern's groups in order.
def _patterns() -> list[tuple[str, Callable[[], str]]]:
    return [
        (
            r"The server answered HTTP (\d+) for (\S+?)(?:; nothing was stored)?\.",
            lambda: QCoreApplication.translate(
                "CoreText", "The server answered with error %1 for %2; nothing was stored."
            ),
        ),
        (
            r"The site's certificate is not trusted \((.*)\); nothing was stored\.",
            lambda: QCoreApplication.translate(
                "CoreText", "The site's certificate is not trusted (%1); nothing was stored."
            ),
        ),
        (
            r"Could not load (\S+): (.*); nothing was stored\.",
            lambda: QCoreApplication.translate(
                "CoreText", "Could not load %1 (%2); nothing was stored."
            ),
        ),
        (
            r"The download of (\S+) did not finish within ([\d.]+) s \(--timeout\); nothing was stored\.",
            lambda: QCoreApplication.translate(
                "CoreText",
                "The download of %1 did not finish within %2 seconds; nothing was stored.",
            ),
        ),
        (
            r"(\S+) loaded but could not be rendered and saved in time; nothing was stored\.",
            lambda: QCoreApplication.translate(
                "CoreText", "%1 loaded but could not be saved in time; nothing was stored."
            ),
        ),
        (
            r"(\S+) did not load within ([\d.]+) s; nothing was stored\.",
            lambda: QCoreApplication.translate(
                "CoreText", "%1 did not load within %2 seconds; nothing was stored."
            ),
        ),
        (
            r"Capture cancelled; nothing was stored\.",
            lambda: QCoreApplication.translate(
                "CoreText", "Capture cancelled; nothing was stored."
            ),
        ),
        (
            r"The page could not be rendered; nothing was stored\.",
            lambda: QCoreApplication.translate(
                "CoreText", "The page could not be rendered; nothing was stored."
            ),
        ),
        (
            r"(\S+) answered HTTP (\d+) \((.*)\)\.",
            lambda: QCoreApplication.translate(
                "CoreText", "The time-stamp server %1 answered with error %2 (%3)."
            ),
        ),
        (
            r"(\S+) is not reachable \((.*)\)\.",
            lambda: QCoreApplication.translate(
                "CoreText", "The time-stamp server %1 cannot be reached (%2)."
            ),
        ),
        (
            r"Cancelled before it was captured\.",
            lambda: QCoreApplication.translate("CoreText", "Cancelled before it was captured."),
        ),
        (
            r"Cancelled; nothing was imported\.",
            lambda: QCoreApplication.translate("CoreText", "Cancelled; nothing was imported."),
        ),
        (
            r"The vault is locked\.",
            lambda: QCoreApplication.translate("CoreText", "The vault is locked."),
        ),
        (
            r"File not found: (.+)",
            lambda: QCoreApplication.translate("CoreText", "File not found: %1"),
        ),
        (
            r"(.+) is not a regular file \(a device, pipe or socket\); only files can be added\.",
            lambda: QCoreApplication.translate(
                "CoreText",
                "%1 is not a regular file (a device, pipe or socket); only files can be added.",
            ),
        ),
        # The vault verification report (app.vault.verify), line by line.
        (
            r"every page authenticates \(SQLCipher HMAC\) and the database is consistent",
            lambda: QCoreApplication.translate(
                "CoreText",
                "every page is authentic (SQLCipher HMAC) and the database is consistent",
            ),
        ),
        (r"all present", lambda: QCoreApplication.translate("CoreText", "all present")),
        (
            r"(\d+) entries, head (\w+)…",
            lambda: QCoreApplication.translate("CoreText", "%1 entries, last %2…"),
        ),
        (
            r"(\d+) artifacts \((\d+) bytes\) re-hashed",
            lambda: QCoreApplication.translate("CoreText", "%1 files (%2 bytes) hashed again"),
        ),
        (
            r"(\d+) tokens and (\d+) Merkle proofs checked",
            lambda: QCoreApplication.translate(
                "CoreText", "%1 tokens and %2 Merkle proofs checked"
            ),
        ),
        (
            r"note: (\d+) custody entries are still waiting for a timestamp",
            lambda: QCoreApplication.translate(
                "CoreText", "note: %1 custody entries are still waiting for a timestamp"
            ),
        ),
        (
            r"(\d+) received artifacts match (\d+) sender chain\(s\); (\d+) received token\(s\) verified",
            lambda: QCoreApplication.translate(
                "CoreText",
                "%1 received files match %2 sender chain(s); %3 received token(s) verified",
            ),
        ),
        (
            r"Vault verified: everything holds\.",
            lambda: QCoreApplication.translate("CoreText", "Vault verified: everything holds."),
        ),
    ]


def _check_names() -> dict[str, str]:
    return {
        "storage": QCoreApplication.translate("CoreText", "storage"),
        "append-only guards": QCoreApplication.translate("CoreText", "append-only guards"),
        "custody chain": QCoreApplication.translate("CoreText", "custody chain"),
        "evidence files": QCoreApplication.translate("CoreText", "evidence files"),
        "timestamps": QCoreApplication.translate("CoreText", "timestamps"),
        "received evidence": QCoreApplication.translate("CoreText", "received evidence"),
    }


# Operating-system reasons that often appear inside the sentences above.
def _reasons() -> dict[str, str]:
    return {
        "Name or service not known": QCoreApplication.translate(
            "CoreText", "the name could not be found"
        ),
        "Temporary failure in name resolution": QCoreApplication.translate(
            "CoreText", "the name could not be found"
        ),
        "Connection refused": QCoreApplication.translate("CoreText", "the connection was refused"),
        "timed out": QCoreApplication.translate("CoreText", "no answer in time"),
        "Network is unreachable": QCoreApplication.translate("CoreText", "no network"),
        "Not Found": QCoreApplication.translate("CoreText", "not found"),
        "network error": QCoreApplication.translate("CoreText", "network error"),
    }


def _reason(text: str) -> str:
    reasons = _reasons()
    for english, local in reasons.items():
        if english.lower() in text.lower():
            return local
    return text


def translate(message: str) -> str:
    """``message`` in the interface language when it is a known core sentence."""
    if QLocale().language() in (QLocale.Language.English, QLocale.Language.C) or not message:
        return message  # the core's own words are the English text
    lines = message.split("\n")
    return "\n".join(_line(line) for line in lines)


def _line(line: str) -> str:
    check = re.fullmatch(r"(\s*)\[(OK|FAIL)\] ([a-z -]+): (.*)", line)
    if check:  # "[OK] name: detail" of a verification report
        indent, state, name, detail = check.groups()
        mark = (
            QCoreApplication.translate("CoreText", "[OK]")
            if state == "OK"
            else QCoreApplication.translate("CoreText", "[PROBLEM]")
        )
        return f"{indent}{mark} {_check_names().get(name, name)}: {_line(detail)}"
    indent = line[: len(line) - len(line.lstrip())]
    text = line.strip()
    for pattern, template in _patterns():
        found = re.fullmatch(pattern, text)
        if found:
            out = template()
            for n, group in enumerate(found.groups(), start=1):
                value = group or ""
                if not re.fullmatch(r"\S+://\S+|\d+|[\d.]+", value):
                    value = _reason(value)
                out = out.replace(f"%{n}", value)
            return indent + out
    return line

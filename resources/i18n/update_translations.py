"""Regenerate the Qt Linguist sources and compiled translations.

    .venv/bin/python resources/i18n/update_translations.py

1. pyside6-lupdate extracts every tr()/translate() string of app/ui into app_en.ts and
   app_ko.ts (obsolete entries dropped).
2. Korean translations come from ko.json (source text -> translation; a key
   "Context|source" overrides one context). English needs only plural forms, derived
   from the "(s)" in the source text.
3. pyside6-lrelease compiles the .qm files the app loads.

Exits non-zero, listing them, when a string has no Korean translation.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BIN = Path(sys.executable).parent
SOURCES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app" / "ui").glob("*.py"))


def english_plural(text: str, plural: bool) -> str:
    """'%n file(s)' -> '%n file' / '%n files'; 'attempt(s)' likewise."""
    return re.sub(r"\(s\)", "s" if plural else "", text)


def fill(ts: Path, language: str, korean: dict[str, str]) -> list[str]:
    tree = ET.parse(ts)
    root = tree.getroot()
    root.set("language", "ko_KR" if language == "ko" else "en_US")
    missing: list[str] = []
    for context in root.findall("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            translation.attrib.pop("type", None)
            numerus = message.get("numerus") == "yes"
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            if language == "en":
                if numerus:
                    for plural in (False, True):
                        ET.SubElement(translation, "numerusform").text = english_plural(source, plural)
                else:
                    translation.set("type", "unfinished")  # English is the source text
                continue
            text = korean.get(f"{name}|{source}", korean.get(source))
            if text is None:
                missing.append(f"{name}: {source}")
                translation.set("type", "unfinished")
            elif numerus:
                ET.SubElement(translation, "numerusform").text = text
            else:
                translation.text = text
    body = ET.tostring(root, encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                  encoding="utf-8")
    return missing


def main() -> int:
    korean = json.loads((HERE / "ko.json").read_text(encoding="utf-8"))
    missing: list[str] = []
    for language in ("en", "ko"):
        ts = HERE / f"app_{language}.ts"
        subprocess.run([str(BIN / "pyside6-lupdate"), "-no-obsolete", *SOURCES, "-ts", str(ts)],
                       cwd=ROOT, check=True, capture_output=True)
        found = fill(ts, language, korean)
        if language == "ko":
            missing = found
        subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm",
                        str(HERE / f"app_{language}.qm")], check=True, capture_output=True)
    for line in missing:
        print(f"untranslated: {line}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())

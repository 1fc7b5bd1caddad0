"""Warnings shown right after a vault opens: an older copy put back (app/vault/headseen.py)
or a damaged leftover -wal that made it a read-only view (app/vault/walcheck.py). A
translated summary, then the core's exact English explanation (as error_text does)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from app.vault import Vault


def open_warnings(vault: Vault) -> list[str]:
    english = QLocale().language() == QLocale.Language.English
    found: list[tuple[str, str]] = []
    if vault.damaged_log is not None:
        found.append(
            (
                QCoreApplication.translate(
                    "OpenWarnings",
                    "The vault was opened read-only: the log left by an interrupted "
                    "session is damaged, so saved items may be missing. Nothing was changed. Restore "
                    "a backup, or build a new vault from it with 'locker recover'.",
                ),
                vault.damaged_log.message(),
            )
        )
    if vault.history_warning is not None:
        found.append(
            (
                QCoreApplication.translate(
                    "OpenWarnings",
                    "This vault may be an older copy put back: custody events this "
                    "computer saw are missing. If you did not restore a backup yourself, keep this "
                    "file and get help.",
                ),
                vault.history_warning.message(),
            )
        )
    return [detail if english else f"{summary}\n{detail}" for summary, detail in found]

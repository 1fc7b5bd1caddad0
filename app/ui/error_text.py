"""Errors shown to a person, in one place: a short line in the interface language, then
the core's own one-line explanation (which is English). Background work hands its
exception object to the GUI thread (app.ui.workers), and it is described here. Nothing
here changes what happened."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from app import errors
from app.ui.workers import TaskCancelled


def summary(exc: BaseException) -> str:
    """A translated one-line summary for the kind of error (checked most specific first)."""
    if isinstance(exc, errors.WrongPassphrase):
        return QCoreApplication.translate(
            "Errors", "The passphrase is not right. Nothing was changed."
        )
    if isinstance(exc, errors.AuthError):
        return QCoreApplication.translate(
            "Errors", "A passphrase or key is needed, or it is not right."
        )
    if isinstance(exc, errors.ReadOnlyCase):
        return QCoreApplication.translate(
            "Errors", "Received evidence is read-only and stays as it was sent."
        )
    if isinstance(exc, errors.VerificationFailed):
        return QCoreApplication.translate(
            "Errors", "Verification found a problem. Nothing was changed."
        )
    if isinstance(exc, errors.RejectedInput):
        return QCoreApplication.translate(
            "Errors",
            "This input was refused as damaged, unsupported or unsafe. Nothing was stored.",
        )
    if isinstance(exc, errors.NotFound):
        return QCoreApplication.translate("Errors", "Something needed was not found.")
    if isinstance(exc, errors.StorageError):
        return QCoreApplication.translate(
            "Errors", "The disk could not be written or read. The vault is unchanged."
        )
    if isinstance(exc, errors.UsageError):
        return QCoreApplication.translate("Errors", "This cannot be done as asked.")
    return QCoreApplication.translate(
        "Errors", "The operation did not finish. Nothing partial was kept."
    )


def describe(exc: BaseException) -> str:
    """What the app shows. For the core's errors: in English the core's message alone;
    otherwise the translated summary with the core's message under it. Failures that
    are not the core's (out of memory, cancelled, a bug) get a translated line."""
    if isinstance(exc, MemoryError):
        return QCoreApplication.translate("Errors", "Out of memory; nothing partial was kept.")
    if isinstance(exc, TaskCancelled):
        return QCoreApplication.translate("Errors", "Cancelled; nothing partial was kept.")
    if not isinstance(exc, errors.LockerError):
        return (
            QCoreApplication.translate("Errors", "Unexpected error (%1: %2).")
            .replace("%1", type(exc).__name__)
            .replace("%2", str(exc))
        )
    detail = str(exc) or type(exc).__name__
    if QLocale().language() == QLocale.Language.English:
        return detail
    from app.ui.core_text import translate

    return f"{summary(exc)}\n{translate(detail)}"

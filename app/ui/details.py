"""The details pane: metadata, SHA-256, timestamp status, custody history, notes and
tags (each added as a custody event; nothing is ever overwritten), archive/unarchive."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.bundle.received import received_details
from app.ui.controller import Controller
from app.ui.dialogs import ask
from app.ui.item_model import case_label, kind_label, local_time
from app.ui.reveal import RevealView
from app.vault.events import Event
from app.vault.models import CustodyEvent, Item
from app.vault.store import Vault


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def metadata_text(metadata: dict[str, object], limit: int = 14) -> str:
    """The item's recorded metadata with plain, translated labels (metadata_labels); a
    partial page picture says so first."""
    from app.ui.metadata_labels import metadata_text as labelled

    shot = metadata.get("screenshot")
    if isinstance(shot, dict) and shot.get("full_page") is False:
        metadata = dict(sorted(metadata.items(), key=lambda kv: kv[0] != "screenshot"))
    return labelled(metadata, limit)


class DetailsPane(QScrollArea):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.item: Item | None = None
        self.text_only = False
        # Unsaved note/tag text per item: switching items must never carry a draft over
        # to another item (notes cannot be removed once added). Dropped on lock.
        self._drafts: dict[int, tuple[str, str]] = {}
        self._request = 0  # the latest show_item; an older read that arrives late is dropped
        self.setWidgetResizable(True)
        self.setMinimumWidth(380)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self)
        self.setWidget(body)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.setSpacing(12)
        self.empty = QLabel(body)
        self.empty.setObjectName("quiet")
        self.empty.setWordWrap(True)
        outer.addWidget(self.empty)
        self.content = QWidget(body)
        outer.addWidget(self.content)
        outer.addStretch(1)
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.title = QLabel(self.content)
        self.title.setObjectName("heading")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        self.reveal = RevealView(controller, self.content)
        layout.addWidget(self.reveal)
        # The item's actions sit together under the preview, above the fold.
        archive_row = QHBoxLayout()
        archive_row.addStretch(1)
        self.archive_button = QPushButton(self.content)
        archive_row.addWidget(self.archive_button)
        layout.addLayout(archive_row)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(6)
        self.values: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        for key in (
            "case",
            "kind",
            "captured",
            "stored",
            "source",
            "files",
            "sha256",
            "timestamp",
            "state",
            "tags",
            "metadata",
        ):
            label, value = QLabel(self.content), QLabel(self.content)
            value.setWordWrap(True)
            # Take the width that is there; a long unbroken URL is clipped, never widens.
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            value.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            self.labels[key], self.values[key] = label, value
            if key != "metadata":
                self.form.addRow(label, value)
        self.values["sha256"].setObjectName("mono")
        # Labels that show recorded evidence data (not app text) are marked for tests/tools.
        for key in ("case", "source", "files", "sha256", "metadata", "tags"):
            self.values[key].setProperty("evidenceData", True)
        self.title.setProperty("evidenceData", True)
        layout.addLayout(self.form)
        self.labels["metadata"].setObjectName("subheading")
        layout.addWidget(self.labels["metadata"])
        layout.addWidget(self.values["metadata"])
        tag_row = QHBoxLayout()
        self.tag_edit = QLineEdit(self.content)
        self.add_tag_button = QPushButton(self.content)
        self.remove_tag_button = QPushButton(self.content)
        tag_row.addWidget(self.tag_edit, 1)
        tag_row.addWidget(self.add_tag_button)
        layout.addLayout(tag_row)
        untag_row = QHBoxLayout()
        untag_row.addStretch(1)
        untag_row.addWidget(self.remove_tag_button)
        layout.addLayout(untag_row)
        self.notes_heading = QLabel(self.content)
        self.notes_heading.setObjectName("subheading")
        layout.addWidget(self.notes_heading)
        self.notes = QListWidget(self.content)
        self.notes.setWordWrap(True)
        self.notes.setMaximumHeight(120)
        layout.addWidget(self.notes)
        self.note_edit = QPlainTextEdit(self.content)
        self.note_edit.setTabChangesFocus(True)  # Tab moves on: no keyboard trap
        self.note_edit.setMaximumHeight(70)
        layout.addWidget(self.note_edit)
        note_row = QHBoxLayout()
        note_row.addStretch(1)
        self.add_note_button = QPushButton(self.content)
        note_row.addWidget(self.add_note_button)
        layout.addLayout(note_row)
        self.history_heading = QLabel(self.content)
        self.history_heading.setObjectName("subheading")
        layout.addWidget(self.history_heading)
        self.history = QListWidget(self.content)
        self.history.setWordWrap(True)
        self.history.setMinimumHeight(120)
        layout.addWidget(self.history)
        self.add_tag_button.clicked.connect(self._add_tag)
        self.tag_edit.returnPressed.connect(self._add_tag)
        self.remove_tag_button.clicked.connect(self._remove_tag)
        self.add_note_button.clicked.connect(self._add_note)
        self.archive_button.clicked.connect(self._archive_clicked)
        controller.item_changed.connect(self._item_changed)
        self.retranslate()
        self.show_item(None)

    # -- text ------------------------------------------------------------------------

    def retranslate(self) -> None:
        names = {
            "case": self.tr("Case"),
            "kind": self.tr("Kind"),
            "captured": self.tr("Captured"),
            "stored": self.tr("Stored"),
            "source": self.tr("Source"),
            "files": self.tr("Files"),
            "sha256": self.tr("SHA-256"),
            "timestamp": self.tr("Timestamp"),
            "state": self.tr("State"),
            "tags": self.tr("Tags"),
            "metadata": self.tr("Recorded details"),
        }
        for key, label in self.labels.items():
            label.setText(names[key])
        self.empty.setText(self.tr("Select an item to see its details. Images stay blurred."))
        self.tag_edit.setPlaceholderText(self.tr("Tag"))
        self.tag_edit.setAccessibleName(self.tr("Tag"))
        self.add_tag_button.setText(self.tr("Add tag"))
        self.remove_tag_button.setText(self.tr("Remove tag"))
        self.notes_heading.setText(self.tr("Notes"))
        self.notes.setAccessibleName(self.tr("Notes"))
        self.note_edit.setPlaceholderText(
            self.tr("Write a note. Notes are added, never overwritten.")
        )
        self.note_edit.setAccessibleName(self.tr("New note"))
        self.add_note_button.setText(self.tr("Add note"))
        self.history_heading.setText(self.tr("Custody history"))
        self.history.setAccessibleName(self.tr("Custody history"))
        self.setAccessibleName(self.tr("Item details"))
        self.show_item(self.item.id if self.item else None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def event_label(self, event: str) -> str:
        """A custody event in words: every ``Event`` has a label (tests/ui/test_event_labels.py);
        a name this version does not know (a newer sender's) is shown with spaces."""
        labels: dict[str, str] = {
            Event.VAULT_CREATED: self.tr("Vault created"),
            Event.ITEM_ADDED: self.tr("Stored"),
            Event.NOTE_ADDED: self.tr("Note added"),
            Event.TAG_ADDED: self.tr("Tag added"),
            Event.TAG_REMOVED: self.tr("Tag removed"),
            Event.ITEM_ARCHIVED: self.tr("Archived"),
            Event.ITEM_UNARCHIVED: self.tr("Unarchived"),
            Event.ITEM_REVEALED: self.tr("Original viewed"),
            Event.ITEM_EXTRACTED: self.tr("Exported"),
            Event.VAULT_VERIFIED: self.tr("Vault checked"),
            Event.BACKUP_MADE: self.tr("Backup made"),
            Event.PASSPHRASE_CHANGED: self.tr("Passphrase changed"),
            Event.IDENTITY_EXPORTED: self.tr("Vault key exported"),
            Event.VAULT_RECOVERED: self.tr("Vault recovered from a damaged log"),
            Event.HISTORY_GAP_ACCEPTED: self.tr("Restored older copy acknowledged"),
            Event.BUNDLE_EXPORTED: self.tr("Handed over in a sealed bundle"),
            Event.BUNDLE_WRITTEN: self.tr("Bundle file written"),
            Event.BUNDLE_EXPORT_FAILED: self.tr("Bundle export failed"),
            Event.BUNDLE_IMPORTED: self.tr("Bundle received and checked"),
            Event.RECEIVED: self.tr("Received from an earlier holder"),
            Event.RECEIVED_AGAIN: self.tr("Received again (same evidence)"),
            Event.TAKEDOWN_LOCATION_ADDED: self.tr("Location where it was seen recorded"),
            Event.TAKEDOWN_LOCATION_LINKED: self.tr("Location linked to this item"),
            Event.TAKEDOWN_REQUEST_CREATED: self.tr("Takedown request drafted"),
            Event.TAKEDOWN_STATUS: self.tr("Takedown request status recorded"),
            Event.TAKEDOWN_NOTICE_WRITTEN: self.tr("Takedown notice written"),
            Event.TAKEDOWN_CHECK: self.tr("Location re-checked"),
            Event.TAKEDOWN_LOCATION_STATUS: self.tr("Location status confirmed"),
            Event.TAKEDOWN_HASHES_EXPORTED: self.tr("Hash list exported (no images)"),
        }
        return labels.get(event, event.replace("_", " "))

    # -- showing -----------------------------------------------------------------------

    def set_text_only(self, on: bool) -> None:
        self.text_only = on
        self.show_item(self.item.id if self.item else None)

    def _swap_drafts(self, new_id: int | None) -> None:
        old_id = self.item.id if self.item is not None else None
        if old_id == new_id:
            return
        if old_id is not None:
            draft = (self.note_edit.toPlainText(), self.tag_edit.text())
            if draft[0].strip() or draft[1].strip():
                self._drafts[old_id] = draft
            else:
                self._drafts.pop(old_id, None)
        note, tag = self._drafts.pop(new_id, ("", "")) if new_id is not None else ("", "")
        self.note_edit.setPlainText(note)
        self.tag_edit.setText(tag)

    def show_item(self, item_id: int | None) -> None:
        """Show ``item_id`` once it is read (off the GUI thread); None clears at once.
        Only the latest request is shown."""
        self._request += 1
        if not self.controller.is_unlocked:
            self._drafts.clear()
            self.note_edit.clear()
            self.tag_edit.clear()
        if item_id is None or not self.controller.is_unlocked:
            self._show(None)
            return
        vault = self.controller.require_vault()
        request = self._request

        def done(shown: _Shown | None) -> None:
            if request == self._request and self.controller.is_unlocked:
                self._show(shown)

        self.controller.run(
            lambda _ctx: _read_item(vault, item_id),
            quiet=True,
            on_done=done,
            on_fail=lambda _exc: done(None),
        )

    def _show(self, shown: _Shown | None) -> None:
        item = shown.item if shown is not None else None
        if self.controller.is_unlocked:
            self._swap_drafts(item.id if item is not None else None)
        self.item = item
        self.content.setVisible(item is not None)
        self.empty.setVisible(item is None)
        if shown is None or item is None:
            self.reveal.show_item(None, None, "")
            return
        self.title.setText(item.title or self.tr("(untitled)"))
        note = "" if not item.preview_note else self.tr("No preview for this item.")
        # The same item re-read (its reveal was just logged, a note added) keeps a reveal
        # in progress: the refresh arrives after the reveal, from the worker. Another item
        # or a change of text-only mode goes through the reveal view (which re-blurs).
        if item.id != self.reveal.item_id or self.text_only != self.reveal.hide_blurred:
            self.reveal.show_item(item.id, shown.thumbnail, note, self.text_only)
        v = self.values
        v["case"].setText(case_label(item.case))
        v["kind"].setText(kind_label(item.kind))
        v["captured"].setText(local_time(item.captured_at) + "\n" + item.captured_at)
        v["stored"].setText(local_time(item.created_at))
        v["source"].setText(item.source_url or self.tr("none"))
        v["source"].setToolTip(item.source_url or "")
        v["files"].setText("\n".join(f"{a.name} ({human_size(a.size)})" for a in item.artifacts))
        sha = item.sha256 or ""
        v["sha256"].setText(sha[:32] + "\n" + sha[32:] if sha else "")
        v["sha256"].setAccessibleDescription(sha)
        v["timestamp"].setText(shown.stamp)
        v["state"].setText(
            self.tr("Archived: %1").replace("%1", item.archived_reason)
            if item.archived
            else self.tr("In the main list")
        )
        v["tags"].setText(", ".join(item.tags) or self.tr("none"))
        v["metadata"].setText(metadata_text(item.metadata) or self.tr("none"))
        ro = item.read_only
        for widget in (
            self.tag_edit,
            self.add_tag_button,
            self.remove_tag_button,
            self.note_edit,
            self.add_note_button,
            self.archive_button,
        ):
            widget.setEnabled(not ro)
        self.remove_tag_button.setEnabled(not ro and bool(item.tags))
        self.archive_button.setText(self.tr("Unarchive") if item.archived else self.tr("Archive…"))
        self.notes.clear()
        for a in item.annotations:
            if a.kind == "note":
                self.notes.addItem(f"{local_time(a.created_at)}  {a.text}")
        self.history.clear()
        for event in shown.history:
            self.history.addItem(self._history_line(event))
        for fingerprint in shown.unverified_holders:
            self.history.addItem(
                self.tr(
                    "UNVERIFIED earlier holder %1: no signature of its own proves its custody chain"
                ).replace("%1", fingerprint)
            )

    def _history_line(self, event: CustodyEvent) -> str:
        data = event.payload.get("data", {})
        detail = ""
        if isinstance(data, dict):
            detail = str(data.get("reason") or data.get("text") or "")
        line = f"#{event.seq}  {local_time(event.at)}  {self.event_label(event.event)}"
        return f"{line}: {detail[:80]}" if detail else line

    def _item_changed(self, item_id: int) -> None:
        if self.item is not None and self.item.id == item_id:
            self.show_item(item_id)

    # -- actions -----------------------------------------------------------------------

    def _add_tag(self) -> None:
        text = self.tag_edit.text().strip()
        if self.item is not None and text:
            self.controller.add_tag(self.item.id, text)
            self.tag_edit.clear()

    def _remove_tag(self) -> None:
        if self.item is None or not self.item.tags:
            return
        item_id = self.item.id
        ask(
            self,
            "removeTagDialog",
            self.tr("Remove tag"),
            self.tr("Tag to remove:"),
            lambda tag: self.controller.remove_tag(item_id, tag) if tag else None,
            ok_text=self.tr("Remove tag"),
            cancel_text=self.tr("Cancel"),
            items=self.item.tags,
        )

    def _add_note(self) -> None:
        text = self.note_edit.toPlainText().strip()
        if self.item is not None and text:
            self.controller.add_note(self.item.id, text)
            self.note_edit.clear()

    def _archive_clicked(self) -> None:
        if self.item is None:
            return
        if self.item.archived:
            self.controller.unarchive(self.item.id)
            return
        item_id = self.item.id

        def chosen(reason: str) -> None:
            if reason.strip():
                self.controller.archive(item_id, reason.strip())

        ask(
            self,
            "archiveDialog",
            self.tr("Archive item"),
            self.tr("Why is this item archived? It is kept and can be brought back."),
            chosen,
            ok_text=self.tr("Archive"),
            cancel_text=self.tr("Cancel"),
            required=True,
            required_hint=self.tr("Write a reason to archive: it is kept in the custody history."),
        )


@dataclass
class _Shown:
    """What the pane shows of one item, read in a worker."""

    item: Item
    thumbnail: bytes | None
    stamp: str  # timestamp status (stamps.py)
    history: list[CustodyEvent]
    unverified_holders: list[str]


def _read_item(vault: Vault, item_id: int) -> _Shown:
    from app.ui.stamps import item_stamp

    item = vault.get_item(item_id)
    return _Shown(
        item,
        vault.thumbnail(item.id),
        item_stamp(vault, item.uid)[1],
        list(vault.custody_log(item.id)),
        _unverified_holders(vault, item.uid),
    )


def _unverified_holders(vault: Vault, uid: str) -> list[str]:
    """Fingerprints of earlier holders accepted as unverified on import (app/bundle/holders.py)."""
    details = received_details(vault, uid) or {}
    return [str(u.get("fingerprint") or "?") for u in details.get("unverified_holders", [])]

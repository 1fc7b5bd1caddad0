"""The evidence list as a lazily loaded model, shared by the grid and the table.

Pages of rows and blurred thumbnails are loaded in worker threads and cached in memory
only (an LRU of decoded QImages), so a vault with 100,000 items opens at once and scrolls
smoothly. Thumbnails are the vault's blurred derivatives; originals are never decoded here.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QImage

from app.ui.controller import Controller
from app.ui.workers import TaskContext
from app.vault.models import Item

PAGE_SIZE = 200
THUMB_CACHE = 1000  # decoded thumbnails kept in memory (about 80 KB each)
THUMB_SIDE = 160  # they are blurred: a small size loses nothing, even on high-DPI screens
ItemRole = Qt.ItemDataRole.UserRole + 1
SubtitleRole = Qt.ItemDataRole.UserRole + 2  # "host · time": tells same-titled items apart
Index = QModelIndex | QPersistentModelIndex


@dataclass
class ListFilter:
    case: str | None = None  # None: every case
    archived: bool = False  # True: the Archived view


@dataclass
class Row:
    item: Item
    note: str
    stamp: str  # timestamp status text, "" when unknown


class ItemModel(QAbstractTableModel):
    COLUMNS = ("title", "captured", "site", "kind", "timestamp", "notes")
    restored = Signal()  # a reload has loaded as many rows as before
    counted = Signal()  # a reload's count was read (off the GUI thread)

    def __init__(self, controller: Controller) -> None:
        super().__init__()
        self.controller = controller
        self.filter = ListFilter()
        self.text_only = False
        self._rows: list[Row] = []
        self._total = 0
        self._loading = False
        self._counting = False  # the count of a reload is being read
        self._restore_rows = 0
        self._generation = 0
        self._thumbs: OrderedDict[int, QImage | None] = OrderedDict()
        self._wanted: set[int] = set()
        self._in_flight: set[int] = set()
        self._placeholder = QImage(128, 128, QImage.Format.Format_RGB32)
        self._placeholder.fill(QColor("#d9dde3"))
        self._batch_timer = QTimer(self)
        self._batch_timer.setSingleShot(True)
        self._batch_timer.setInterval(15)
        self._batch_timer.timeout.connect(self._load_thumbnails)

    # -- loading -------------------------------------------------------------------

    def reload(self, new_filter: ListFilter | None = None) -> None:
        """Start again from the first page (after a filter change or a write). With the
        same filter, as many rows as were loaded are loaded again, then ``restored`` is
        emitted so the views can return to where the person was."""
        same = new_filter is None or new_filter == self.filter
        self._restore_rows = len(self._rows) if same else 0
        if new_filter is not None:
            self.filter = new_filter
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._total = 0
        self._loading = False
        self._counting = self.controller.is_unlocked
        self.endResetModel()
        if not self._counting:
            return
        vault = self.controller.require_vault()
        generation, flt = self._generation, self.filter

        def counted(total: int) -> None:
            if generation != self._generation:
                return
            self._counting = False
            self._total = total
            self.counted.emit()
            self.fetchMore(QModelIndex())

        def failed(_exc: BaseException) -> None:
            if generation == self._generation:
                self._counting = False
                self.counted.emit()

        self.controller.run(
            lambda _ctx: vault.count_items(flt.case, flt.archived),
            quiet=True,
            on_done=counted,
            on_fail=failed,
        )

    def clear(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self._rows, self._total, self._loading, self._counting = [], 0, False, False
        self._thumbs.clear()
        self._wanted.clear()
        self._in_flight.clear()
        self.endResetModel()

    def total(self) -> int:
        return self._total

    def counting(self) -> bool:
        """A reload's count is still being read (the list is not known to be empty)."""
        return self._counting

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or not self.controller.is_unlocked:
            return
        self._loading = True
        vault = self.controller.require_vault()
        generation, offset, flt = self._generation, len(self._rows), self.filter
        from app.ui.stamps import item_stamp

        def work(ctx: TaskContext) -> list[Row]:
            items = vault.list_items(flt.case, flt.archived, limit=PAGE_SIZE, offset=offset)
            notes = vault.latest_notes([i.id for i in items])
            rows = []
            for item in items:
                rows.append(Row(item, notes.get(item.id, ""), item_stamp(vault, item.uid)[0]))
            return rows

        def done(rows: list[Row]) -> None:
            if generation != self._generation:
                return
            self._loading = False
            rows = rows[: max(0, self._total - len(self._rows))]
            if rows:
                start = len(self._rows)
                self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
                self._rows.extend(rows)
                self.endInsertRows()
            if self._restore_rows:
                if len(self._rows) < self._restore_rows and self.canFetchMore(QModelIndex()):
                    self.fetchMore(QModelIndex())
                else:
                    self._restore_rows = 0
                    self.restored.emit()

        def failed(_exc: BaseException) -> None:
            if generation == self._generation:
                self._loading = False

        self.controller.run(work, quiet=True, on_done=done, on_fail=failed)

    def _thumbnail(self, item_id: int) -> QImage | None:
        if item_id in self._thumbs:
            self._thumbs.move_to_end(item_id)
            return self._thumbs[item_id]
        if item_id not in self._in_flight:
            self._wanted.add(item_id)
            if not self._batch_timer.isActive():
                self._batch_timer.start()
        return self._placeholder

    def _load_thumbnails(self) -> None:
        if not self._wanted or not self.controller.is_unlocked:
            return
        ids = list(self._wanted)[:64]
        self._wanted.difference_update(ids)
        self._in_flight.update(ids)
        vault = self.controller.require_vault()
        generation = self._generation

        def work(ctx: TaskContext) -> dict[int, QImage | None]:
            out: dict[int, QImage | None] = {}
            for item_id in ids:
                data = vault.thumbnail(item_id)
                image = QImage.fromData(data) if data else None
                if image is not None and max(image.width(), image.height()) > THUMB_SIDE:
                    image = image.scaled(
                        THUMB_SIDE,
                        THUMB_SIDE,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                out[item_id] = image if image is not None and not image.isNull() else None
            return out

        def done(images: dict[int, QImage | None]) -> None:
            self._in_flight.difference_update(ids)
            if generation != self._generation and not self._rows:
                return
            for item_id, image in images.items():
                self._thumbs[item_id] = image
            while len(self._thumbs) > THUMB_CACHE:
                self._thumbs.popitem(last=False)
            positions = [n for n, row in enumerate(self._rows) if row.item.id in images]
            if positions:
                self.dataChanged.emit(
                    self.index(min(positions), 0),
                    self.index(max(positions), 0),
                    [Qt.ItemDataRole.DecorationRole],
                )
            if self._wanted:
                self._batch_timer.start()

        def failed(_exc: BaseException) -> None:
            self._in_flight.difference_update(ids)

        self.controller.run(work, quiet=True, on_done=done, on_fail=failed)

    def refresh_item(self, item_id: int) -> None:
        """Re-read one row (after a note, tag or reveal) without reloading the list."""
        row = self.row_of(item_id)
        if row < 0 or not self.controller.is_unlocked:
            return
        from app.ui.stamps import item_stamp

        vault = self.controller.require_vault()
        generation = self._generation

        def work(_ctx: TaskContext) -> Row:
            item = vault.get_item(item_id)
            note = vault.latest_notes([item_id]).get(item_id, "")
            return Row(item, note, item_stamp(vault, item.uid)[0])

        def done(fresh: Row) -> None:
            now = self.row_of(item_id)
            if generation != self._generation or now < 0:
                return
            self._rows[now] = fresh
            self.dataChanged.emit(self.index(now, 0), self.index(now, self.columnCount() - 1))

        # On failure the row simply stays as it was.
        self.controller.run(work, quiet=True, on_done=done, on_fail=lambda _exc: None)

    def thumbnail_loaded(self, item_id: int) -> bool:
        return item_id in self._thumbs

    # -- model API -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def item_at(self, row: int) -> Item | None:
        return self._rows[row].item if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: int) -> int:
        for n, row in enumerate(self._rows):
            if row.item.id == item_id:
                return n
        return -1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (
            QCoreApplication.translate("ItemModel", "Title"),
            QCoreApplication.translate("ItemModel", "Captured"),
            QCoreApplication.translate("ItemModel", "Source site"),
            QCoreApplication.translate("ItemModel", "Kind"),
            QCoreApplication.translate("ItemModel", "Timestamp"),
            QCoreApplication.translate("ItemModel", "Notes"),
        )
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        item, column = row.item, self.COLUMNS[index.column()]
        if role == ItemRole:
            return item.id
        if role == SubtitleRole:
            host = urlsplit(item.source_url).hostname or "" if item.source_url else ""
            return (
                f"{host} · {short_time(item.captured_at)}" if host else local_time(item.captured_at)
            )
        if role == Qt.ItemDataRole.DecorationRole and column == "title" and not self.text_only:
            return self._thumbnail(item.id)
        if role == Qt.ItemDataRole.ToolTipRole and column == "title":
            return item.title
        if role == Qt.ItemDataRole.AccessibleTextRole and column == "title":
            return f"{item.title}, {kind_label(item.kind)}, {local_time(item.captured_at)}"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == "title":
            return item.title or QCoreApplication.translate("ItemModel", "(untitled)")
        if column == "captured":
            return local_time(item.captured_at)
        if column == "site":
            return urlsplit(item.source_url).hostname or "" if item.source_url else ""
        if column == "kind":
            return kind_label(item.kind)
        if column == "timestamp":
            return row.stamp or QCoreApplication.translate("ItemModel", "unknown")
        return row.note.splitlines()[0][:120] if row.note else ""


def kind_label(kind: str) -> str:
    labels = {
        "file": QCoreApplication.translate("ItemModel", "File"),
        "web": QCoreApplication.translate("ItemModel", "Web page"),
        "screenshot": QCoreApplication.translate("ItemModel", "Screenshot"),
        "download": QCoreApplication.translate("ItemModel", "Download"),
    }
    return labels.get(kind, kind)


def case_label(name: str | None) -> str:
    """A case name as shown: the default case that every vault starts with is stored
    under its English name (the CLI and bundles use it), but shown in the UI language."""
    from app.vault.store import DEFAULT_CASE

    if name == DEFAULT_CASE:
        return QCoreApplication.translate("ItemModel", "General")
    import re

    # A received case is named by the importer in English: "Received DATE from FPR (n)".
    received = re.fullmatch(
        r"Received (\d{4}-\d\d-\d\d) from ([A-Z2-7-]{5,})( \(\d+\))?", name or ""
    )
    if received:
        text = QCoreApplication.translate("ItemModel", "Received %1 from %2")
        return text.replace("%1", received[1]).replace("%2", received[2]) + (received[3] or "")
    return name or ""


def short_time(rfc3339: str | None) -> str:
    """Local time short enough to sit beside a site name: the time today, else the date
    and time without the current year."""
    import datetime as dt

    when = local_time(rfc3339)
    today = dt.date.today().strftime("%Y-%m-%d ")
    if when.startswith(today):
        return when[len(today) :]
    year = today[:5]
    return when[len(year) :] if when.startswith(year) else when


def local_time(rfc3339: str | None) -> str:
    """A stored UTC time shown in the computer's local time, to the minute."""
    if not rfc3339:
        return ""
    from app.vault.models import parse_rfc3339

    try:
        return parse_rfc3339(rfc3339).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return rfc3339

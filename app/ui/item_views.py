"""The middle column of the main window: a heading with the item count and the view
toggles, and the items as a blurred grid, a table, or a line saying there is nothing.
Both views share one ItemModel (which reads pages and thumbnails off the GUI thread);
``selected(item id or None)`` drives the details pane."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.grid_delegate import CELL, GridDelegate, TitleDelegate
from app.ui.item_model import ItemModel


class ItemViews(QWidget):
    selected = Signal(object)  # the selected item's id, or None

    def __init__(
        self, model: ItemModel, toggles: tuple[QAction, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 12, 6, 12)
        layout.setSpacing(8)
        view_bar = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setObjectName("subheading")
        view_bar.addWidget(self.heading, 1)
        self.view_buttons: list[QToolButton] = []
        for action in toggles:
            button = QToolButton(self)
            button.setObjectName("viewToggle")
            button.setDefaultAction(action)
            view_bar.addWidget(button)
            self.view_buttons.append(button)
        layout.addLayout(view_bar)
        self.views = QStackedWidget(self)
        layout.addWidget(self.views, 1)
        self.grid = QListView(self.views)
        self.grid.setObjectName("grid")
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setUniformItemSizes(True)
        self.grid.setItemDelegate(GridDelegate(self.grid))
        self.grid.setGridSize(CELL)
        self.grid.setLayoutMode(QListView.LayoutMode.Batched)
        self.grid.setBatchSize(200)
        self.table = QTableView(self.views)
        self.table.setObjectName("table")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(0, TitleDelegate(self.table))
        self.table.verticalHeader().setDefaultSectionSize(36)
        for view in (self.grid, self.table):
            view.setModel(self.model)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.selectionModel().selectionChanged.connect(self._selection_changed)
            self.views.addWidget(view)
        self._size_columns()
        self.model.modelReset.connect(self._size_columns)
        self.empty_label = QLabel(self.views)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setObjectName("quiet")
        self.views.addWidget(self.empty_label)
        self._scroll = (0, 0)
        self.model.restored.connect(self._restore_scroll)

    def retranslate(self) -> None:
        self.grid.setAccessibleName(self.tr("Evidence, blurred thumbnails"))
        self.table.setAccessibleName(self.tr("Evidence table"))

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)  # notes take what is left
        for column, width in ((0, 150), (1, 135), (2, 100), (3, 55), (4, 90)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)

    def keep_scroll(self) -> None:
        """Before a reload: where the person is in each list."""
        self._scroll = (
            self.grid.verticalScrollBar().value(),
            self.table.verticalScrollBar().value(),
        )

    def _restore_scroll(self) -> None:
        """After a reload, back to where the person was in the list."""
        self.grid.verticalScrollBar().setValue(self._scroll[0])
        self.table.verticalScrollBar().setValue(self._scroll[1])

    def show_state(self, case_name: str, unlocked: bool, archived: bool, table: bool) -> None:
        """The heading, and the grid, the table or the "nothing here" line."""
        if unlocked and self.model.counting():
            return  # shown once the count is read: no flash of "nothing here"
        total = self.model.total()
        self.heading.setText(
            self.tr("%1 · %n item(s)", "", total).replace("%1", case_name) if unlocked else ""
        )
        if total == 0 and unlocked:
            if archived:
                self.empty_label.setText(self.tr("Nothing is archived."))
            else:
                self.empty_label.setText(
                    self.tr("No evidence here yet. Import files, or drop them on this window.")
                )
            self.views.setCurrentWidget(self.empty_label)
        else:
            self.views.setCurrentWidget(self.table if table else self.grid)

    def _selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        item = self.model.item_at(indexes[0].row()) if indexes else None
        self.selected.emit(item.id if item else None)

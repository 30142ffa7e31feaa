"""The results of "Check folder": a dock with one row per problem; activating a row selects its article.
View > Problems shows and hides it (:meth:`CheckPanel.follow_action`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from editor.core.errors import describe_error
from editor.core.names import shown_path
from editor.core.problem import Level, Problem
from editor.ui.common.icons import font_icon
from editor.ui.common.wording import counted
from editor.ui.common.workers import Task, run_task

if TYPE_CHECKING:  # the checks themselves load with the first check
    from editor.core.validate import FolderCheck

ModelIndex = QModelIndex | QPersistentModelIndex


def _check_folder(root: Path) -> FolderCheck:
    """:func:`editor.core.validate.check_folder`, imported on the worker that runs the check."""
    from editor.core.validate import check_folder

    return check_folder(root)


def result_text(result: FolderCheck) -> str:
    """The status bar's line after a check: how many problems it found."""
    return counted(
        len(result.problems),
        QCoreApplication.translate("CheckPanel", "Check: 1 problem"),
        QCoreApplication.translate("CheckPanel", "Check: {0} problems"),
    )


class ProblemModel(QAbstractTableModel):
    """Problems as rows: level, file, line, message."""

    PATH_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._problems: list[Problem] = []
        self._headers = (self.tr("Level"), self.tr("File"), self.tr("Line"), self.tr("Problem"))
        self._levels = {Level.ERROR: self.tr("Error"), Level.WARNING: self.tr("Warning")}
        self._icons = {
            Level.ERROR: font_icon("fa6s.circle-xmark", color="#c62828"),
            Level.WARNING: font_icon("fa6s.triangle-exclamation", color="#b26a00"),
        }

    def set_problems(self, problems: list[Problem]) -> None:
        """Errors first, then the warnings, each by path and line as they come: fluxcd's one error
        sat below 48 description warnings."""
        self.beginResetModel()
        self._problems = sorted(problems, key=lambda problem: problem.level is not Level.ERROR)
        self.endResetModel()

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def problem_at(self, row: int) -> Problem | None:
        return self._problems[row] if 0 <= row < len(self._problems) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        problem = self._problems[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self._levels[problem.level],
                shown_path(problem.path),
                problem.line or "",
                problem.message,
            )[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._icons[problem.level]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(problem)
        if role == self.PATH_ROLE:
            return problem.path
        return None


class CheckPanel(QDockWidget):
    """A dock listing the problems found in the folder."""

    problem_activated = Signal(object)
    """A problem row was clicked or activated: the relative path of its article."""

    check_finished = Signal(object)
    """A check of the folder is over: the FolderCheck (None when it failed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Problems"), parent)
        self.setObjectName("checkPanel")
        self.setAllowedAreas(
            Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.TopDockWidgetArea
        )
        self._task: Task | None = None
        self._parts: tuple[ProblemModel, QLabel, QTableView] | None = None

    @property
    def model(self) -> ProblemModel:
        return self._built()[0]

    @property
    def summary(self) -> QLabel:
        return self._built()[1]

    @property
    def view(self) -> QTableView:
        return self._built()[2]

    def showEvent(self, event: QShowEvent) -> None:
        self._built()  # shown empty from the View menu: the table is there
        super().showEvent(event)

    def _built(self) -> tuple[ProblemModel, QLabel, QTableView]:
        """The table, its model and the summary line, made when first needed: the panel is hidden
        until a check runs, and its table cost ~3 ms of the window's start-up."""
        if self._parts is not None:
            return self._parts
        model = ProblemModel(self)
        summary = QLabel(self)
        view = QTableView(self)
        view.setObjectName("problemList")
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        header = view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.resizeSection(1, 320)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(summary)
        layout.addWidget(view, 1)
        self.setWidget(body)
        view.activated.connect(self._activated)
        view.clicked.connect(self._activated)
        self._parts = (model, summary, view)
        return self._parts

    def follow_action(self, action: QAction, minimized: Callable[[], bool]) -> None:
        """Show and hide the panel with ``action`` (View > Problems), and keep its check mark in
        step when the panel is closed or shown otherwise; not while the window is ``minimized``:
        the dock is hidden with the window then, and the mark says it is still open."""
        action.toggled.connect(self.setVisible)

        def follow(visible: bool) -> None:
            if action.isChecked() != visible and not minimized():
                blocked = action.blockSignals(True)
                action.setChecked(visible)
                action.blockSignals(blocked)

        self.visibilityChanged.connect(follow)

    @property
    def running(self) -> bool:
        return self._task is not None

    def run(self, pool: QThreadPool, root: Path) -> bool:
        """Check every article below ``root`` on ``pool`` and show what was found."""
        if self._task is not None:
            return False
        self.show_running()
        self._task = run_task(
            pool, lambda: _check_folder(root), self._done, self._failed, self._over
        )
        return True

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _done(self, result: FolderCheck) -> None:
        self._task = None  # before the signal: its receivers ask whether a check is running
        self.show_results(result.problems, result.files)
        self.check_finished.emit(result)

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.show_failure(self.tr("The check failed: {0}").format(describe_error(error)))
        self.check_finished.emit(None)

    def _over(self) -> None:
        self._task = None

    def show_running(self) -> None:
        self.model.set_problems([])
        self.summary.setText(self.tr("Checking…"))
        self.show()

    def show_results(self, problems: list[Problem], files: int) -> None:
        self.model.set_problems(problems)
        errors = sum(problem.level is Level.ERROR for problem in problems)
        warnings = len(problems) - errors
        if not problems:
            self.summary.setText(
                counted(
                    files, self.tr("No problems in 1 file."), self.tr("No problems in {0} files.")
                )
            )
        else:
            self.summary.setText(
                self.tr("{0}, {1} in {2}").format(
                    counted(errors, self.tr("1 error"), self.tr("{0} errors")),
                    counted(warnings, self.tr("1 warning"), self.tr("{0} warnings")),
                    counted(files, self.tr("1 file checked"), self.tr("{0} files checked")),
                )
            )
        self.show()
        self.raise_()

    def show_failure(self, message: str) -> None:
        self.model.set_problems([])
        self.summary.setText(message)
        self.show()

    def _activated(self, index: QModelIndex) -> None:
        # The problem's own path, not index.data(): through Qt a name that is not UTF-8 loses
        # its lone surrogate, and the list has no such row.
        problem = self.model.problem_at(index.row())
        if problem is not None and problem.path:
            self.problem_activated.emit(problem.path)

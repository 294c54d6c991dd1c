"""Running register jobs off the UI thread, with progress and cancel, the outcome back on the UI thread.

Like Anki's operations (`qt/aqt/operations/__init__.py`): a job is a plain function
`job(progress, cancelled)` that runs on a worker thread and must never touch a widget. It reports
with `progress(done, total)` and may ask `cancelled()`; once cancel is asked for, its next progress
report raises `JobCancelled`, so a job that only reports progress is cancellable too. Its result,
its error or its cancellation arrive as signals of the `Operation`, on the UI thread.

Jobs run one at a time on a single worker thread (`register_pool`), like Anki's `taskman`: SQLite
has one writer, and a second import must not plan against a register the first is changing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from bra_desktop.progress import Cancelled, JobCancelled, Progress
from bra_desktop.store.errors import RegisterError
from bra_desktop.ui.plain_text import plain_label

log = logging.getLogger(__name__)

Job = Callable[[Progress, Cancelled], Any]

_pool: QThreadPool | None = None
_running: set[Operation] = set()
"""Operations whose job has not reported back yet: kept alive even if the dialog that started one closes."""


def register_pool() -> QThreadPool:
    """The one worker thread that register jobs queue on."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


class _Relay(QObject):
    """Carries the worker's reports to the UI thread: it lives there, the worker only emits."""

    sig_progress = Signal(int, int)
    """(done, total) from the job, at most once per percent."""
    sig_done = Signal(object, object)
    """(result, error): the job returned or raised."""


class _Runnable(QRunnable):
    def __init__(self, job: Job, relay: _Relay, cancel: threading.Event) -> None:
        super().__init__()
        self._job = job
        self._relay = relay
        self._cancel = cancel
        self._percent = -1

    def _progress(self, done: int, total: int) -> None:
        """Report progress (throttled: a Qt signal per percent is plenty) and stop if cancelled."""
        if self._cancel.is_set():
            raise JobCancelled()
        percent = done * 100 // total if total > 0 else -1
        if percent != self._percent:
            self._percent = percent
            self._relay.sig_progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self._job(self._progress, self._cancel.is_set)
        except Exception as error:  # every failure goes back to the UI thread, none is lost here
            if not isinstance(error, (RegisterError, JobCancelled)):
                log.error("A background job failed", exc_info=error)
            self._relay.sig_done.emit(None, error)
        else:
            self._relay.sig_done.emit(result, None)


class Operation(QObject):
    """One job on the worker thread; connect to its signals, then `start()`."""

    sig_progress = Signal(int, int)
    """(done, total) while the job runs; total 0 means busy without a measure."""
    sig_succeeded = Signal(object)
    """The job's return value."""
    sig_failed = Signal(object)
    """The exception the job raised (a `RegisterError` carries a message for the user)."""
    sig_cancelled = Signal()
    """The job stopped because `cancel()` was asked for."""
    sig_finished = Signal()
    """After any of the three outcomes: the operation is over."""

    def __init__(self, job: Job) -> None:
        super().__init__()  # no parent: it must outlive a dialog closed while the job still runs
        self._job = job
        self._cancel = threading.Event()
        self._relay = _Relay(self)
        self._relay.sig_progress.connect(self.sig_progress, Qt.ConnectionType.QueuedConnection)
        self._relay.sig_done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self.running = False

    def start(self) -> None:
        self.running = True
        _running.add(self)
        register_pool().start(_Runnable(self._job, self._relay, self._cancel))

    def cancel(self) -> None:
        """Ask the job to stop at its next progress report; the outcome still arrives as a signal."""
        self._cancel.set()

    @Slot(object, object)
    def _done(self, result: Any, error: Exception | None) -> None:
        self.running = False
        _running.discard(self)
        if error is None:
            self.sig_succeeded.emit(result)
        elif self._cancel.is_set():
            self.sig_cancelled.emit()
        else:
            self.sig_failed.emit(error)
        self.sig_finished.emit()


class ProgressPanel(QWidget):
    """What a running operation shows: what is happening, a progress bar, and Avbryt when it can stop."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = plain_label("", self)
        self.bar = QProgressBar(self)
        self.cancel_button = QPushButton(self.tr("Avbryt"), self)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addLayout(row)
        self._operation: Operation | None = None
        self.cancel_button.clicked.connect(self._cancel)

    def follow(self, operation: Operation, text: str, *, cancellable: bool = True) -> None:
        """Show `operation` until it ends: `text` above the bar, Avbryt only if the job can stop."""
        self._operation = operation
        self.label.setText(text)
        self.bar.setRange(0, 0)  # busy until the first report
        self.cancel_button.setEnabled(cancellable)
        self.cancel_button.setVisible(cancellable)
        operation.sig_progress.connect(self._show_progress)

    def _show_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)

    def _cancel(self) -> None:
        if self._operation is not None and self._operation.running:
            self._operation.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Avbryter…"))

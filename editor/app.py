"""The window's entry points: ``main()`` for ``copydesk [PATH]``, ``create_main_window()`` for tests.

``main()`` builds everything the window needs (the QApplication and its identity, the settings, the
thread pool, the image loader and its cache) and passes it in; nothing is global.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QSize,
    QStandardPaths,
    QThreadPool,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from editor import APP_ID, APP_NAME, ORG_DOMAIN, ORG_NAME, __version__
from editor.bundled import bundled_samples, docs_dir, icons_dir, translations_dir
from editor.core.heap import one_arena
from editor.core.pool import usable_cores
from editor.core.scan_child import ScanChild, start_launch_scan
from editor.ui.article.body_feed import renderer_warm, warm_renderer_later
from editor.ui.common import dialogs
from editor.ui.common.first_paint import after_first_paint
from editor.ui.common.gui_turns import ImportsStepAside
from editor.ui.common.icons import load_icon_fonts_later
from editor.ui.common.settings import Settings
from editor.ui.images.image_loader import ImageLoader
from editor.ui.window.help import AppPlaces
from editor.ui.window.main_window import MainWindow

SAMPLE_DESK_NAME = "sample-desk"
# The collector is back on, and the settings written, by then even if the window never painted.
COLLECTOR_AT_LATEST_MS = 5_000
WARM_THREADS = ("copydesk-warm", "copydesk-icon")  # the warm-ups' threads' names begin so
WARM_ASIDE_MS = 10_000  # they step aside for the GUI thread's busy turns this long
WARM_LATEST_MS = 3_000  # after the first paint, the warm-ups wait no longer for the full list
WARM_ICONS_WAIT_S = 2.0  # the icon fonts wait no longer for the renderer's warm-up
WARM_POLL_MS = 50

NO_DISPLAY_MESSAGE = """\
copydesk: there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set).
Run it in a desktop session, or without a screen with QT_QPA_PLATFORM=offscreen.
The command line works without a display:
  copydesk list PATH               list the articles of a folder
  copydesk show FILE               show one article
  copydesk set FILE KEY=VALUE      change front matter values
  copydesk publish FILE...         publish (draft = false)
  copydesk draft FILE...           back to draft (draft = true)
  copydesk check PATH              check the articles for problems
  copydesk log FILE                an article's history, field by field (in a git checkout)
  copydesk sync [PATH]             pull, then push the desk (in a git checkout)
See copydesk --help."""


def has_display(
    environ: dict[str, str] | os._Environ[str] | None = None, platform: str | None = None
) -> bool:
    """False on Linux (and other X11/Wayland systems) with no display and no QT_QPA_PLATFORM set."""
    env = os.environ if environ is None else environ
    system = sys.platform if platform is None else platform
    if system.startswith(("win", "darwin", "cygwin")):
        return True
    return bool(env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def sample_desk_location() -> Path:
    """Where the private copy of the sample desk lives (the app's data folder)."""
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(data) / SAMPLE_DESK_NAME


def app_places(settings: Settings) -> AppPlaces:
    """Where the settings, the sample desk and the guide are, for Help and the status bar."""
    return AppPlaces(
        settings_file=settings.store.fileName(),
        sample_desk=sample_desk_location(),
        docs=docs_dir(),
    )


def sample_desk(data_dir: Path) -> Path:
    """A private copy of the bundled sample desk in ``data_dir`` (made on first use; the bundled
    files are never edited)."""
    target = data_dir / SAMPLE_DESK_NAME
    if target.is_dir():
        return target
    data_dir.mkdir(parents=True, exist_ok=True)
    import shutil  # only the first start copies the sample desk

    staging = Path(tempfile.mkdtemp(prefix=".sample-desk-", dir=data_dir))
    try:
        shutil.copytree(bundled_samples(), staging / "desk")
        os.replace(staging / "desk", target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def app_icon() -> QIcon:
    icons = icons_dir()
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        png = icons / f"{APP_ID}-{size}.png"
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))
    svg = icons / f"{APP_ID}.svg"
    if svg.is_file():
        icon.addFile(str(svg))
    return icon


def create_main_window(
    path: str | Path | None,
    settings: Settings | None = None,
    *,
    pool: QThreadPool | None = None,
    loader: ImageLoader | None = None,
    journal_dir: Path | None = None,
    early_scan: ScanChild | None = None,
) -> MainWindow:
    """Build the main window on ``path`` (a folder, a Hugo site or one article) without running the
    event loop. ``settings=None`` uses a throwaway settings file, never the user's; ``journal_dir``
    None keeps unsaved edits in memory only; ``early_scan``: the scan of ``path`` started before
    the window (:func:`editor.core.scan_child.start_launch_scan`), for its first listing."""
    temporary = None
    if settings is None:
        temporary = tempfile.TemporaryDirectory(prefix="copydesk-settings-")
        settings = Settings.in_file(Path(temporary.name) / "settings.ini")
    window = MainWindow(
        settings, pool, loader, places=app_places(settings), journal_dir=journal_dir
    )
    # the application's icon when it has one (application() made it): its files are read once
    shown = QApplication.windowIcon()
    window.setWindowIcon(app_icon() if shown.isNull() else shown)
    after_first_paint(
        window, lambda: warm_up_beside_scan(window, after_list=early_scan is not None)
    )
    after_first_paint(window, one_arena)  # the C heap's arenas (editor.core.heap says why)
    if temporary is not None:
        window.temporary_settings = temporary  # removed with the window
    window.feed.hold_while = tls_warming
    window.feed.offer_early(early_scan)
    if path is not None:
        window.open_folder(path)
    return window


def warm_up_beside_scan(window: MainWindow, after_list: bool = False) -> None:
    """:func:`warm_up`, its threads stepping aside (before each module they import) while the
    GUI thread paints the list or merges rows into it (:class:`ImportsStepAside`, for
    ``WARM_ASIDE_MS``).

    The warm-ups import qtawesome and the renderer for half a second, beside the launch scan
    and its paints: a paint makes ~900 calls into Python, each winning the interpreter lock back
    from every thread that wants it, and one took 100-230 ms beside them (the launch scan's stall
    at 100,000 articles). The TLS warm-up holds the lock ~90 ms in one call (Qt reading the CA
    certificates), which nothing can step aside in: the launch child's rows wait for it
    (``DeskFeed.hold_while``) rather than meet it.

    ``after_list``: the launch's rows come from its child (``scan_child``), as fast as the window
    can take them (a kept launch sends them at once, ``kept_launch``): the icon fonts (qtawesome's
    import, the biggest) then wait for the full list (or ``WARM_LATEST_MS``) and the renderer's
    warm-up, since every module imported beside the list is that much longer for it; the TLS
    and renderer warm-ups still come first."""
    aside = ImportsStepAside(window.feed.turns, WARM_THREADS)
    aside.install()
    QTimer.singleShot(WARM_ASIDE_MS, aside.remove)
    if not after_list or not window.feed.scanning:
        warm_up(window)
        return
    # The TLS warm-up (the rows wait for its one long call) and the renderer (the first article
    # opened right after the list waited 140-220 ms for it when it came after the list) now.
    warm_tls_later()
    warm_renderer_later()
    started: list[bool] = []

    def rest() -> None:
        if not started:
            started.append(True)
            window.feed.scan_finished.disconnect(rest)
            window.body.warm_up()
            icons_after_renderer(window, time.monotonic() + WARM_ICONS_WAIT_S)

    window.feed.scan_finished.connect(rest)
    QTimer.singleShot(WARM_LATEST_MS, window, rest)


def icons_after_renderer(window: MainWindow, latest: float) -> None:
    """Load the icon fonts once the renderer is warm (looked at every ``WARM_POLL_MS``), or at
    ``latest`` (``time.monotonic``) if it takes longer."""
    if renderer_warm() or time.monotonic() >= latest:
        load_icon_fonts_later()
    else:
        QTimer.singleShot(WARM_POLL_MS, window, lambda: icons_after_renderer(window, latest))


def tls_warming() -> bool:
    """Whether the TLS warm-up has yet to end (not started, or running)."""
    return not _tls_done.is_set()


def warm_up(window: MainWindow) -> None:
    """Load, once the window is on screen, what it did not need to show itself: the icon fonts,
    the body renderer and the TLS certificates (so the first article opens as fast as the next)."""
    window.body.warm_up()
    load_icon_fonts_later()
    warm_renderer_later()
    warm_tls_later()


_tls_warmed: list[threading.Thread] = []
_tls_done = threading.Event()


def warm_tls_later() -> None:
    """Load the system's CA certificates on a background thread (once a process): Qt reads them
    on the first https request, and the first cover thumbnail from the web held the window for
    about 150 ms (measured against a local TLS server: the first ``get()`` took 150-260 ms on the
    GUI thread without it, 1-4 ms after it). Even here it holds the interpreter lock ~90 ms (one
    C++ call, run with the lock held): :func:`warm_up_beside_scan` says where it goes."""
    if _tls_warmed:
        return

    def work() -> None:
        # All of it here: the module and Qt's TLS backend (OpenSSL) load in 120 ms, which held
        # the window's first turn after its first paint (the launch scan's stall at 100k).
        try:
            from PySide6.QtNetwork import QSslConfiguration, QSslSocket

            if QSslSocket.supportsSsl():
                QSslConfiguration.defaultConfiguration().caCertificates()
        finally:
            _tls_done.set()

    # Not a daemon: quitting waits for it rather than cutting Qt off mid-read.
    _tls_warmed.append(threading.Thread(target=work, name="copydesk-warm-tls"))
    _tls_warmed[0].start()


def install_translations(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Install Qt's own and Copydesk's translations for ``locale`` (default: the user's, which Qt
    reads from LANGUAGE, LC_ALL, LC_MESSAGES and LANG); returns the ones found (none for English)."""
    locale = QLocale() if locale is None else locale
    translators = []
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        translators.append(qt)
    own = QTranslator(app)
    if own.load(locale, "copydesk", "_", str(translations_dir())):
        translators.append(own)
    for translator in translators:
        app.installTranslator(translator)
    return translators


def application() -> QApplication:
    """The QApplication with Copydesk's identity (QSettings, desktop file), icon and translations."""
    QApplication.setOrganizationName(ORG_NAME)
    QApplication.setOrganizationDomain(ORG_DOMAIN)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    install_translations(app)
    return app


def _report_unexpected(window: MainWindow) -> None:
    """Show errors that escape a slot instead of only printing them (the app keeps running)."""
    showing = False

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        import traceback  # when something went wrong, not at every start

        nonlocal showing
        traceback.print_exception(kind, error, tb)
        if showing or issubclass(kind, KeyboardInterrupt):
            return
        showing = True
        try:
            dialogs.report_error(
                window,
                QCoreApplication.translate("App", "Unexpected error"),
                QCoreApplication.translate(
                    "App", "Something went wrong: {0}\nYour files were not changed by this error."
                ).format(error),
                "".join(traceback.format_exception(kind, error, tb)),
            )
        finally:
            showing = False

    sys.excepthook = hook


def main(
    path: str | None = None, screenshot: str | None = None, early_scan: ScanChild | None = None
) -> int:
    """Run the window on ``path`` (or the last folder, or the sample desk); returns the exit code.
    ``early_scan``: the scan of ``path`` already started (``editor.entry``).

    With ``screenshot``, the window saves a picture of itself there once the list has loaded, and
    quits (for the guide's pictures and for smoke tests of a built app)."""
    if not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 2
    target = Path(path).expanduser() if path else None
    if target is not None and not target.exists():
        print(f"copydesk: {path}: no such file or folder", file=sys.stderr)
        return 2

    app = application()
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl+C in the terminal quits
    window, problem = open_window(target, early_scan)
    if screenshot:
        window.scan_finished.connect(lambda: _save_picture(window, Path(screenshot)))
    elif problem:
        dialogs.report_error(window, QCoreApplication.translate("App", "Sample desk"), problem)
    code = app.exec()
    window.pool.waitForDone()
    return code


def open_window(
    target: Path | None, early_scan: ScanChild | None = None
) -> tuple[MainWindow, str | None]:
    """What ``main()`` does between the QApplication and its event loop (the start-up bench
    measures this too): the user's settings, the thread pool, the image loader and its cache, the
    journal, the folder (``target``, else the last one, else the sample desk), the window shown.
    Returns the window and a problem to report once it is up (the sample desk could not be made)."""
    settings = Settings(QSettings())
    pool = QThreadPool()
    pool.setMaxThreadCount(max(2, min(4, usable_cores())))
    cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    loader = ImageLoader(Path(cache) / "images" if cache else None)

    problem = None
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    journal = Path(data) / "unsaved" if data else None  # unsaved edits survive a crash here
    if target is None:
        target = settings.last_folder()
    if target is None:
        data = sample_desk_location().parent
        try:
            target = sample_desk(data)
        except OSError as error:
            problem = QCoreApplication.translate(
                "App", "The sample desk could not be copied to {0}: {1}"
            ).format(data, error.strerror or error)
    if early_scan is None:  # the last folder: its scan starts now, while the window is built
        early_scan = start_launch_scan(target)
    held = HeldWrites(settings.store)  # before the window records its folder in them
    window = create_main_window(
        target, settings, pool=pool, loader=loader, journal_dir=journal, early_scan=early_scan
    )
    after_first_paint(window, held.release)
    _report_unexpected(window)
    if not gc.isenabled():  # editor.entry turned it off for the start-up
        collect_after_first_paint(window)
    window.show()
    window.list_view.setFocus()
    return window, problem


class HeldWrites(QObject):
    """Holds back a QSettings' writing of its file until :meth:`release` (the first paint).

    A QSettings writes its file on the event loop's first turn after a change; opening the folder
    records it (last and recent folders), so the file was locked, written, flushed to the disk
    twice (``fdatasync``) and renamed before the window's first paint: 5-15 ms of waiting on the
    disk. Reading is unchanged (what is held is in the store), and quitting writes it as ever.
    Released at the latest after ``COLLECTOR_AT_LATEST_MS``."""

    def __init__(self, store: QSettings) -> None:
        super().__init__(store)
        self._store: QSettings | None = store
        store.installEventFilter(self)
        QTimer.singleShot(COLLECTOR_AT_LATEST_MS, self, self.release)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return event.type() == QEvent.Type.UpdateRequest  # the store's request to write: not yet

    def release(self) -> None:
        """Write what was held, and let the store write on its own again (once)."""
        store, self._store = self._store, None
        if store is not None:
            store.removeEventFilter(self)
            store.sync()
            self.deleteLater()


def collect_after_first_paint(window: QWidget) -> None:
    """Turn the garbage collector back on once ``window`` has painted (or after
    ``COLLECTOR_AT_LATEST_MS``, should it never paint). What the start-up made lives as long as
    the window, so it is first moved out of the collector's sight (``gc.freeze``): turning it on
    then costs no pass over those objects on the first turn after the paint."""

    def collect() -> None:
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    after_first_paint(window, collect)
    QTimer.singleShot(COLLECTOR_AT_LATEST_MS, collect)


def _save_picture(window: MainWindow, target: Path) -> None:
    """Save what the window shows to ``target`` and quit; the exit code says whether it worked."""
    app = QApplication.instance()
    saved = window.grab().save(str(target))
    if not saved:
        print(f"copydesk: could not save a picture to {target}", file=sys.stderr)
    window.close()
    if app is not None:
        app.exit(0 if saved else 1)

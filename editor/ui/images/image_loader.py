"""Images for the review desk, loaded without ever blocking the window.

Remote images come through one QNetworkAccessManager per loader, with a disk cache, a transfer timeout
and a size limit; local paths are looked up in the folders given (the article's folder and the site's
``static/``). Decoding happens on the loader's own small thread pool (QImage is safe off the GUI
thread, a 4000-pixel JPEG is not instant, and a local file may sit on a slow network share). Results
come back as ``loaded``/``failed`` signals keyed by the reference asked for.
"""

from __future__ import annotations

import http
import re
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtNetwork import (
    QNetworkAccessManager,
    QNetworkDiskCache,
    QNetworkReply,
    QNetworkRequest,
)

from editor import APP_NAME, __version__
from editor.core.validate import resolve_local_image

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")  # two letters at least: "C:" is a drive
_MAX_SIDE = 4096  # larger images are decoded scaled down: a preview needs no more
_CACHE_BYTES = 100 * 1024 * 1024
_REFERENCE, _ABORTED = "copydeskReference", "copydeskAborted"  # properties on each reply


def local_image_path(reference: str, search_dirs: list[Path]) -> Path | None:
    """The image file ``reference`` names inside one of ``search_dirs`` ("/x" is tried in each too)."""
    text = reference.strip()
    if text.startswith("/") and not text.startswith("//"):
        text = text.lstrip("/")
    for folder in search_dirs:
        # resolve_local_image keeps the file inside ``folder`` (no ../ escapes) and decodes %20.
        found = resolve_local_image(text, folder / "_", None)
        if found is not None:
            return found
    return None


def size_text(count: int) -> str:
    if count >= 1024 * 1024:
        return (
            f"{count / (1024 * 1024):.0f} MB"
            if count % (1024 * 1024) == 0
            else f"{count / (1024 * 1024):.1f} MB"
        )
    if count >= 1024:
        return f"{count / 1024:.1f} KB"
    return f"{count} bytes"


def decode_image(data: bytes | None, path: Path | None = None) -> tuple[QImage | None, str]:
    """Decode image bytes (or a file); returns (image, "") or (None, Qt's reason)."""
    if path is not None:
        reader = QImageReader(str(path))
    else:
        buffer = QBuffer()
        buffer.setData(QByteArray(data or b""))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > _MAX_SIDE:
        reader.setScaledSize(size.scaled(_MAX_SIDE, _MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return None, reader.errorString()
    return image, ""


class _DecodeSignals(QObject):
    done = Signal(int, object, str)
    """Job id, QImage or None, and the failure message."""


class _DecodeJob(QRunnable):
    """Find (for a local path) and decode one image on the thread pool; touches no widget."""

    def __init__(
        self,
        job: int,
        signals: _DecodeSignals,
        messages: dict[str, str],
        max_bytes: int,
        *,
        data: bytes | None = None,
        content_type: str = "",
        reference: str = "",
        search_dirs: list[Path] | None = None,
    ) -> None:
        super().__init__()
        self.job, self.signals, self.messages, self.max_bytes = job, signals, messages, max_bytes
        self.data, self.content_type, self.reference, self.search_dirs = (
            data,
            content_type,
            reference,
            search_dirs,
        )

    def run(self) -> None:
        try:
            image, message = self._work()
        except Exception as error:  # a worker must always answer, or the preview waits forever
            image, message = None, str(error)
        self.signals.done.emit(self.job, image, message)

    def _work(self) -> tuple[QImage | None, str]:
        if self.search_dirs is not None:
            path = local_image_path(self.reference, self.search_dirs)
            if path is None:
                return None, self.messages["not_found"]
            try:
                if path.stat().st_size > self.max_bytes:
                    return None, self.messages["too_big"]
            except OSError as error:
                return None, error.strerror or str(error)
            image, reason = decode_image(None, path)
            return (
                (image, "")
                if image is not None
                else (None, self.messages["unreadable"].replace("%1", reason))
            )
        image, reason = decode_image(self.data)
        if image is not None:
            return image, ""
        if self.content_type and not self.content_type.startswith("image/"):
            return None, self.messages["not_image"].replace("%1", self.content_type)
        return None, self.messages["unreadable"].replace("%1", self.content_type or reason)


class ImageLoader(QObject):
    loaded = Signal(str, object)
    """An image arrived: the reference asked for, and the QImage."""

    failed = Signal(str, str)
    """An image could not be had: the reference, and a reason for an editor."""

    def __init__(
        self,
        cache_dir: Path | None = None,
        parent: QObject | None = None,
        *,
        timeout_ms: int = 15000,
        max_bytes: int = 20 * 1024 * 1024,
    ) -> None:
        super().__init__(parent)
        self.timeout_ms = timeout_ms
        self.max_bytes = max_bytes
        # A pool of its own: destroying the loader then waits for its decoders before their signals go.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._manager = QNetworkAccessManager(self)
        self._manager.setTransferTimeout(timeout_ms)
        if cache_dir is not None:
            cache = QNetworkDiskCache(self._manager)
            cache.setCacheDirectory(str(cache_dir))
            cache.setMaximumCacheSize(_CACHE_BYTES)
            self._manager.setCache(cache)
        self._signals = _DecodeSignals(self)
        self._signals.done.connect(self._on_decoded)
        self._jobs: dict[int, str] = {}
        self._next_job = 0

    # --- public -------------------------------------------------------------------------------------

    def load(self, reference: str, search_dirs: list[Path]) -> None:
        """Start loading ``reference`` (an http(s) URL, or a path resolved against search_dirs)."""
        text = (reference or "").strip()
        if not text:
            self._fail_later(reference, self.tr("No image is set"))
            return
        if text.startswith("//"):
            text = "https:" + text  # protocol-relative, as a browser would read it on an https site
        scheme = _SCHEME.match(text)
        if scheme is None:
            self._decode(reference, search_dirs=[Path(folder) for folder in search_dirs])
            return
        if scheme.group(1).lower() not in ("http", "https"):
            message = self.tr(
                "Only http and https addresses or files of the site can be shown, not %1: links"
            )
            self._fail_later(reference, message.replace("%1", scheme.group(1).lower()))
            return
        url = QUrl(text, QUrl.ParsingMode.TolerantMode)
        if not url.isValid() or not url.host():
            self._fail_later(
                reference, self.tr("%1 is not a valid web address").replace("%1", text)
            )
            return
        self._get(reference, url)

    # --- network ------------------------------------------------------------------------------------

    def _get(self, reference: str, url: QUrl) -> None:
        request = QNetworkRequest(url)
        request.setAttribute(
            QNetworkRequest.Attribute.CacheLoadControlAttribute,
            QNetworkRequest.CacheLoadControl.PreferCache,
        )
        request.setRawHeader(b"User-Agent", f"{APP_NAME}/{__version__}".encode())
        request.setRawHeader(b"Accept", b"image/webp,image/png,image/jpeg,image/*;q=0.8,*/*;q=0.1")
        request.setMaximumRedirectsAllowed(5)
        request.setTransferTimeout(self.timeout_ms)
        reply = self._manager.get(request)
        # Bound slots with sender(), not lambdas holding the reply: a lambda that keeps a reply
        # alive crashes PySide when the manager deletes its replies on destruction.
        reply.setProperty(_REFERENCE, reference)
        reply.metaDataChanged.connect(self._check_announced_size)
        reply.downloadProgress.connect(self._check_received)
        reply.finished.connect(self._on_finished)

    def _too_big(self) -> str:
        return self.tr("The image is larger than the limit of %1").replace(
            "%1", size_text(self.max_bytes)
        )

    def _check_announced_size(self) -> None:
        reply = self.sender()
        if not isinstance(reply, QNetworkReply):
            return
        length = reply.header(QNetworkRequest.KnownHeaders.ContentLengthHeader)
        if isinstance(length, int) and length > self.max_bytes and reply.isRunning():
            self._abort(reply, self._too_big())

    def _check_received(self, received: int, _total: int) -> None:
        reply = self.sender()
        if isinstance(reply, QNetworkReply) and received > self.max_bytes and reply.isRunning():
            self._abort(reply, self._too_big())

    def _abort(self, reply: QNetworkReply, message: str) -> None:
        reply.setProperty(_ABORTED, message)
        reply.abort()

    def _on_finished(self) -> None:
        reply = self.sender()
        if not isinstance(reply, QNetworkReply):
            return
        reply.deleteLater()
        reference = str(reply.property(_REFERENCE) or "")
        aborted = reply.property(_ABORTED)
        if aborted:
            self.failed.emit(reference, aborted)
            return
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        if isinstance(status, int) and status >= 400:
            self.failed.emit(
                reference,
                self.tr("The server answered %1").replace(
                    "%1", f"{status} {self._reason(reply, status)}".strip()
                ),
            )
            return
        if reply.error() != QNetworkReply.NetworkError.NoError:
            self.failed.emit(reference, self._network_message(reply))
            return
        data = bytes(reply.readAll().data())
        if len(data) > self.max_bytes:
            self.failed.emit(reference, self._too_big())
            return
        content_type = (
            str(reply.header(QNetworkRequest.KnownHeaders.ContentTypeHeader) or "")
            .split(";")[0]
            .strip()
            .lower()
        )
        self._decode(reference, data=data, content_type=content_type)

    @staticmethod
    def _reason(reply: QNetworkReply, status: int) -> str:
        phrase = reply.attribute(QNetworkRequest.Attribute.HttpReasonPhraseAttribute)
        if isinstance(phrase, QByteArray | bytes):
            phrase = bytes(phrase).decode("latin-1")
        if phrase:
            return str(phrase)
        try:
            return http.HTTPStatus(status).phrase
        except ValueError:
            return ""

    def _network_message(self, reply: QNetworkReply) -> str:
        error = reply.error()
        host = reply.url().host()
        errors = QNetworkReply.NetworkError
        if error == errors.HostNotFoundError:
            return self.tr("The server %1 could not be found").replace("%1", host)
        if error == errors.ConnectionRefusedError:
            return self.tr("The server %1 refused the connection").replace("%1", host)
        if error in (errors.OperationCanceledError, errors.TimeoutError):
            seconds = f"{self.timeout_ms / 1000:g}"
            return (
                self.tr("The server %1 did not answer within %2 seconds")
                .replace("%1", host)
                .replace("%2", seconds)
            )
        if error == errors.SslHandshakeFailedError:
            return self.tr("A secure connection to %1 could not be made").replace("%1", host)
        if error == errors.InsecureRedirectError:
            return self.tr("The server redirected to an insecure (http) address; not followed")
        if error == errors.TooManyRedirectsError:
            return self.tr("The server redirected too many times")
        return reply.errorString()

    # --- decoding -----------------------------------------------------------------------------------

    def _decode(
        self,
        reference: str,
        *,
        data: bytes | None = None,
        content_type: str = "",
        search_dirs: list[Path] | None = None,
    ) -> None:
        messages = {
            "not_found": self.tr(
                "%1 was not found in the article's folder or the site's static folder"
            ).replace("%1", reference.strip()),
            "too_big": self._too_big(),
            "not_image": self.tr("The server did not send an image (%1)"),
            "unreadable": self.tr("The image could not be read (%1)"),
        }
        self._next_job += 1
        job = _DecodeJob(
            self._next_job,
            self._signals,
            messages,
            self.max_bytes,
            data=data,
            content_type=content_type,
            reference=reference,
            search_dirs=search_dirs,
        )
        self._jobs[self._next_job] = reference
        self._pool.start(job)  # the pool owns and deletes the job

    def _on_decoded(self, job: int, image: object, message: str) -> None:
        reference = self._jobs.pop(job, None)
        if reference is None:
            return
        if isinstance(image, QImage) and not image.isNull():
            self.loaded.emit(reference, image)
        else:
            self.failed.emit(reference, message or self.tr("The image could not be read"))

    def _fail_later(self, reference: str, message: str) -> None:
        # Always answer after load() returns, so a caller may connect or update its state first.
        QTimer.singleShot(0, self, lambda: self.failed.emit(reference, message))

"""Images for the review desk, loaded without ever blocking the window.

Remote images come through one QNetworkAccessManager per loader, with a disk cache, a transfer timeout
and a size limit, for the addresses the one web-address policy (:mod:`editor.core.urls`) allows; an
address on the user's own machine or network is not fetched (an article from outside could make the app
call a router or a cloud's metadata service just by being opened). Local paths are found by
:func:`editor.core.images.find_local_image`, the same rule the validation uses. Decoding happens on the loader's own small thread pool (QImage is safe off the GUI
thread, a 4000-pixel JPEG is not instant, and a local file may sit on a slow network share). Results
come back as ``loaded``/``failed`` signals keyed by the reference asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
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

from editor import APP_NAME, __version__
from editor.core.errors import describe_error
from editor.core.images import ImagePlaces, find_local_image
from editor.core.urls import WEB_SCHEMES, Verdict, check_web_url, is_local_reference, scheme_of

if TYPE_CHECKING:  # QtNetwork (and the access manager) load with the first web image
    from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply

_MAX_SIDE = 4096  # larger images are decoded scaled down: a preview needs no more
_CACHE_BYTES = 100 * 1024 * 1024
_REFERENCE, _ABORTED = "copydeskReference", "copydeskAborted"  # properties on each reply


def size_text(count: int) -> str:
    if count >= 1024 * 1024:
        return (
            f"{count / (1024 * 1024):.0f} MB"
            if count % (1024 * 1024) == 0
            else f"{count / (1024 * 1024):.1f} MB"
        )
    if count >= 1024:
        return f"{count / 1024:.1f} KB"
    return QCoreApplication.translate("ImageLoader", "{0} bytes").format(count)


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
        places: ImagePlaces | None = None,
    ) -> None:
        super().__init__()
        self.job, self.signals, self.messages, self.max_bytes = job, signals, messages, max_bytes
        self.data, self.content_type, self.reference, self.places = (
            data,
            content_type,
            reference,
            places,
        )

    def run(self) -> None:
        try:
            image, message = self._work()
        except Exception as error:  # a worker must always answer, or the preview waits forever
            image, message = None, str(error)
        self.signals.done.emit(self.job, image, message)

    def _work(self) -> tuple[QImage | None, str]:
        if self.places is not None:
            found = find_local_image(self.reference, self.places)
            path = found.path
            if path is None:
                return None, self.messages["not_found"].format(self.reference.strip(), found.reason)
            try:
                if path.stat().st_size > self.max_bytes:
                    return None, self.messages["too_big"]
            except OSError as error:
                return None, describe_error(error)
            image, reason = decode_image(None, path)
            return (
                (image, "")
                if image is not None
                else (None, self.messages["unreadable"].format(reason))
            )
        image, reason = decode_image(self.data)
        if image is not None:
            return image, ""
        if self.content_type and not self.content_type.startswith("image/"):
            return None, self.messages["not_image"].format(self.content_type)
        return None, self.messages["unreadable"].format(self.content_type or reason)


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
        local_network: bool = False,
    ) -> None:
        """``local_network`` lets images come from this machine or its network (a test's own
        server); the app never sets it."""
        super().__init__(parent)
        self.timeout_ms = timeout_ms
        self.max_bytes = max_bytes
        self.local_network = local_network
        # A pool of its own: destroying the loader then waits for its decoders before their signals go.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._cache_dir = cache_dir
        self._network: QNetworkAccessManager | None = None  # made for the first web image
        self._signals = _DecodeSignals(self)
        self._signals.done.connect(self._on_decoded)
        self._jobs: dict[int, str] = {}
        self._next_job = 0

    # --- public -------------------------------------------------------------------------------------

    def load(self, reference: str, places: ImagePlaces) -> None:
        """Start loading ``reference``: a web address the policy allows, or a file of the site
        found in ``places``."""
        text = (reference or "").strip()
        if not text:
            self._fail_later(reference, self.tr("No image is set"))
            return
        if is_local_reference(text):
            self._decode(reference, places=places)
            return
        scheme = scheme_of(text)
        if scheme is not None and scheme not in WEB_SCHEMES:
            message = self.tr(
                "Only http and https addresses or files of the site can be shown, not {0}: links"
            )
            self._fail_later(reference, message.format(scheme))
            return
        address = check_web_url(text)
        if address.verdict is Verdict.REFUSE:
            self._fail_later(
                reference,
                self.tr("{0} is not a valid web address ({1})").format(text, address.reason),
            )
            return
        if address.verdict is Verdict.ASK and not self.local_network:
            self._fail_later(
                reference,
                self.tr("Not loaded: {0} is an address on your own machine or network").format(
                    address.host
                ),
            )
            return
        self._get(reference, QUrl(address.url, QUrl.ParsingMode.StrictMode))

    # --- network ------------------------------------------------------------------------------------

    @property
    def _manager(self) -> QNetworkAccessManager:
        """The access manager with its disk cache, made on first use (QtNetwork costs ~5 ms to
        import, and most starts show no web image before the window is on screen)."""
        if self._network is None:
            from PySide6.QtNetwork import QNetworkAccessManager, QNetworkDiskCache

            manager = QNetworkAccessManager(self)
            manager.setTransferTimeout(self.timeout_ms)
            if self._cache_dir is not None:
                cache = QNetworkDiskCache(manager)
                cache.setCacheDirectory(str(self._cache_dir))
                cache.setMaximumCacheSize(_CACHE_BYTES)
                manager.setCache(cache)
            self._network = manager
        return self._network

    def _get(self, reference: str, url: QUrl) -> None:
        from PySide6.QtNetwork import QNetworkRequest

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
        return self.tr("The image is larger than the limit of {0}").format(
            size_text(self.max_bytes)
        )

    def _check_announced_size(self) -> None:
        from PySide6.QtNetwork import QNetworkReply, QNetworkRequest

        reply = self.sender()
        if not isinstance(reply, QNetworkReply):
            return
        length = reply.header(QNetworkRequest.KnownHeaders.ContentLengthHeader)
        if isinstance(length, int) and length > self.max_bytes and reply.isRunning():
            self._abort(reply, self._too_big())

    def _check_received(self, received: int, _total: int) -> None:
        from PySide6.QtNetwork import QNetworkReply

        reply = self.sender()
        if isinstance(reply, QNetworkReply) and received > self.max_bytes and reply.isRunning():
            self._abort(reply, self._too_big())

    def _abort(self, reply: QNetworkReply, message: str) -> None:
        reply.setProperty(_ABORTED, message)
        reply.abort()

    def _on_finished(self) -> None:
        from PySide6.QtNetwork import QNetworkReply, QNetworkRequest

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
                self.tr("The server answered {0}").format(
                    f"{status} {self._reason(reply, status)}".strip()
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
        from PySide6.QtNetwork import QNetworkRequest

        phrase = reply.attribute(QNetworkRequest.Attribute.HttpReasonPhraseAttribute)
        if isinstance(phrase, QByteArray | bytes):
            phrase = bytes(phrase).decode("latin-1")
        if phrase:
            return str(phrase)
        import http  # with the first failed web image

        try:
            return http.HTTPStatus(status).phrase
        except ValueError:
            return ""

    def _network_message(self, reply: QNetworkReply) -> str:
        from PySide6.QtNetwork import QNetworkReply

        error = reply.error()
        host = reply.url().host()
        errors = QNetworkReply.NetworkError
        if error == errors.HostNotFoundError:
            return self.tr("The server {0} could not be found").format(host)
        if error == errors.ConnectionRefusedError:
            return self.tr("The server {0} refused the connection").format(host)
        if error in (errors.OperationCanceledError, errors.TimeoutError):
            seconds = f"{self.timeout_ms / 1000:g}"
            return self.tr("The server {0} did not answer within {1} seconds").format(host, seconds)
        if error == errors.SslHandshakeFailedError:
            return self.tr("A secure connection to {0} could not be made").format(host)
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
        places: ImagePlaces | None = None,
    ) -> None:
        messages = {
            "not_found": self.tr("{0} was not found: {1}"),
            "too_big": self._too_big(),
            "not_image": self.tr("The server did not send an image ({0})"),
            "unreadable": self.tr("The image could not be read ({0})"),
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
            places=places,
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

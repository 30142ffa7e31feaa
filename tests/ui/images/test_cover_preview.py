from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPushButton

from editor.core.images import ImagePlaces
from editor.ui.common import dialogs, links
from editor.ui.images.cover_preview import CoverPreviewDialog
from editor.ui.images.image_loader import ImageLoader

WAIT_MS = 10_000  # generous: only a broken loader ever waits this long


def encode(image: QImage, fmt: str) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, fmt), f"cannot write {fmt}"
    return bytes(buffer.data().data())


def solid(width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    return image


def noise(width: int, height: int) -> QImage:
    """Random pixels: a PNG of them cannot be compressed below their size."""
    return QImage(os.urandom(width * height * 4), width, height, QImage.Format.Format_RGB32).copy()


@dataclass
class Route:
    body: bytes
    content_type: str = "image/png"
    status: int = 200
    length: bool = True  # send Content-Length (else the body ends when the connection closes)
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, Route]
    hits: list[str]

    def do_GET(self) -> None:
        self.hits.append(self.path)
        route = self.routes.get(self.path, Route(b"<h1>Not Found</h1>", "text/html", 404))
        if route.delay:
            time.sleep(route.delay)
        if not route.length:
            self.protocol_version = "HTTP/1.0"
        self.send_response(route.status)
        self.send_header("Content-Type", route.content_type)
        if route.length:
            self.send_header("Content-Length", str(len(route.body)))
        for name, value in route.headers.items():
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the loader gave up
            self.wfile.write(route.body)

    def log_message(self, *args: object) -> None:
        pass


@dataclass
class Server:
    base: str
    hits: list[str]
    png: QImage
    webp: QImage

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
def server(qapp) -> Iterator[Server]:
    png, webp = solid(320, 180), solid(64, 64)
    big = encode(noise(200, 200), "PNG")
    routes = {
        "/cover.png": Route(encode(png, "PNG"), headers={"Cache-Control": "max-age=3600"}),
        "/qr.webp": Route(encode(webp, "WEBP"), "image/webp"),
        "/mislabelled": Route(encode(png, "PNG"), "application/octet-stream"),
        "/page.html": Route(
            b"<!doctype html><title>Login</title><p>Please sign in</p>", "text/html; charset=utf-8"
        ),
        "/broken.png": Route(b"\x89PNG\r\n\x1a\n this is not really a PNG", "image/png"),
        "/forbidden.png": Route(b"no", "text/plain", 403),
        "/big.png": Route(big),
        "/big-stream.png": Route(big, length=False),
        "/slow.png": Route(encode(png, "PNG"), delay=1.5),
        "/moved": Route(b"", status=302, headers={"Location": "/cover.png"}),
    }
    hits: list[str] = []
    handler = type("Handler", (_Handler,), {"routes": routes, "hits": hits})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield Server(f"http://127.0.0.1:{httpd.server_address[1]}", hits, png, webp)
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def loader(qapp) -> Iterator[ImageLoader]:
    # The test server is on this machine: a loader in the app would not fetch from it.
    instance = ImageLoader(None, timeout_ms=5000, max_bytes=64 * 1024, local_network=True)
    yield instance
    instance.deleteLater()


def load_ok(
    qtbot, loader: ImageLoader, reference: str, places: ImagePlaces | None = None
) -> QImage:
    with (
        qtbot.assertNotEmitted(loader.failed),
        qtbot.waitSignal(loader.loaded, timeout=WAIT_MS) as blocker,
    ):
        loader.load(reference, places or ImagePlaces())
    assert blocker.args[0] == reference
    image = blocker.args[1]
    assert isinstance(image, QImage) and not image.isNull()
    return image


def load_fails(
    qtbot, loader: ImageLoader, reference: str, places: ImagePlaces | None = None
) -> str:
    with (
        qtbot.assertNotEmitted(loader.loaded),
        qtbot.waitSignal(loader.failed, timeout=WAIT_MS) as blocker,
    ):
        loader.load(reference, places or ImagePlaces())
    assert blocker.args[0] == reference
    return blocker.args[1]


def test_png_and_webp_load_from_http(qtbot, loader: ImageLoader, server: Server) -> None:
    png = load_ok(qtbot, loader, server.url("/cover.png"))
    assert png.size() == server.png.size()
    assert png.pixelColor(10, 10) == server.png.pixelColor(10, 10)
    webp = load_ok(qtbot, loader, server.url("/qr.webp"))
    assert (webp.width(), webp.height()) == (64, 64)


def test_mislabelled_image_and_redirect_still_load(
    qtbot, loader: ImageLoader, server: Server
) -> None:
    assert load_ok(qtbot, loader, server.url("/mislabelled")).width() == 320
    assert load_ok(qtbot, loader, server.url("/moved")).width() == 320


def test_http_errors_name_the_status(qtbot, loader: ImageLoader, server: Server) -> None:
    assert (
        load_fails(qtbot, loader, server.url("/missing.png")) == "The server answered 404 Not Found"
    )
    assert (
        load_fails(qtbot, loader, server.url("/forbidden.png"))
        == "The server answered 403 Forbidden"
    )


def test_a_web_page_is_not_an_image(qtbot, loader: ImageLoader, server: Server) -> None:
    assert (
        load_fails(qtbot, loader, server.url("/page.html"))
        == "The server did not send an image (text/html)"
    )


def test_a_corrupt_image_says_it_cannot_be_read(qtbot, loader: ImageLoader, server: Server) -> None:
    assert load_fails(qtbot, loader, server.url("/broken.png")).startswith(
        "The image could not be read"
    )


@pytest.mark.parametrize("path", ["/big.png", "/big-stream.png"])
def test_oversized_bodies_are_abandoned(
    qtbot, loader: ImageLoader, server: Server, path: str
) -> None:
    assert (
        load_fails(qtbot, loader, server.url(path))
        == "The image is larger than the limit of 64.0 KB"
    )


def test_a_silent_server_times_out(qtbot, server: Server) -> None:
    impatient = ImageLoader(None, timeout_ms=300, local_network=True)
    message = load_fails(qtbot, impatient, server.url("/slow.png"))
    assert message == "The server 127.0.0.1 did not answer within 0.3 seconds"


def test_refused_connection_is_explained(qtbot, loader: ImageLoader) -> None:
    import socket

    with socket.socket() as probe:  # a port that was free a moment ago: nobody listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert (
        load_fails(qtbot, loader, f"http://127.0.0.1:{port}/x.png")
        == "The server 127.0.0.1 refused the connection"
    )


def test_disk_cache_serves_a_second_load(qtbot, server: Server, tmp_path: Path) -> None:
    cached = ImageLoader(tmp_path / "cache", local_network=True)
    load_ok(qtbot, cached, server.url("/cover.png"))
    load_ok(qtbot, cached, server.url("/cover.png"))
    assert server.hits.count("/cover.png") == 1
    assert any((tmp_path / "cache").rglob("*"))


def test_several_loads_in_flight(qtbot, loader: ImageLoader, server: Server) -> None:
    answers: dict[str, object] = {}
    loader.loaded.connect(lambda ref, image: answers.setdefault(ref, image))
    loader.failed.connect(lambda ref, message: answers.setdefault(ref, message))
    references = [server.url(p) for p in ("/cover.png", "/qr.webp", "/missing.png", "/page.html")]
    for reference in references:
        loader.load(reference, ImagePlaces())
    qtbot.waitUntil(lambda: len(answers) == len(references), timeout=WAIT_MS)
    assert isinstance(answers[references[0]], QImage) and isinstance(answers[references[1]], QImage)
    assert answers[references[2]] == "The server answered 404 Not Found"


def test_local_paths_resolve_by_the_one_rule(qtbot, loader: ImageLoader, sample_desk: Path) -> None:
    static = sample_desk / "static"
    folder = sample_desk / "content" / "technology"
    places = ImagePlaces(folder, (static,))
    (folder / "beside.png").write_bytes(encode(solid(40, 30), "PNG"))
    image = load_ok(qtbot, loader, "/images/desk-cover.png", places)
    assert image.width() > 0
    assert load_ok(qtbot, loader, "beside.png", places).size().width() == 40
    # "/x" is the static folder only, "x" the article's folder only: as the validation says
    assert "no file static/beside.png" in load_fails(qtbot, loader, "/beside.png", places)
    climbed = load_fails(qtbot, loader, "../../static/images/desk-cover.png", places)
    assert "written /images/desk-cover.png" in climbed


def test_missing_or_escaping_local_files_fail_clearly(
    qtbot, loader: ImageLoader, sample_desk: Path, tmp_path: Path
) -> None:
    dirs = ImagePlaces(sample_desk / "content" / "technology", (sample_desk / "static",))
    message = load_fails(qtbot, loader, "/images/nowhere.png", dirs)
    assert message == (
        "/images/nowhere.png was not found: there is no file static/images/nowhere.png in the site"
    )
    assert "%2" in load_fails(qtbot, loader, "no%2where.png", dirs)  # as written, not filled in
    (tmp_path / "outside.png").write_bytes(encode(solid(4, 4), "PNG"))
    assert "outside the article's folder" in load_fails(qtbot, loader, "../../../outside.png", dirs)
    (sample_desk / "static" / "images" / "notes.png").write_text("not an image", encoding="utf-8")
    assert load_fails(qtbot, loader, "/images/notes.png", dirs).startswith(
        "The image could not be read"
    )


def test_a_local_file_over_the_limit_is_not_read(qtbot, sample_desk: Path) -> None:
    tiny = ImageLoader(None, max_bytes=100)
    assert (
        load_fails(
            qtbot, tiny, "/images/desk-cover.png", ImagePlaces(None, (sample_desk / "static",))
        )
        == "The image is larger than the limit of 100 bytes"
    )


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("", "No image is set"),
        ("   ", "No image is set"),
        (
            "ftp://example.com/a.png",
            "Only http and https addresses or files of the site can be shown, not ftp: links",
        ),
        (
            "javascript:alert(1)",
            "Only http and https addresses or files of the site can be shown, not javascript: links",
        ),
        (
            "file:///etc/hostname",
            "Only http and https addresses or files of the site can be shown, not file: links",
        ),
        (
            "data:image/png;base64,AAAA",
            "Only http and https addresses or files of the site can be shown, not data: links",
        ),
    ],
)
def test_other_references_are_refused(
    qtbot, loader: ImageLoader, reference: str, message: str
) -> None:
    assert load_fails(qtbot, loader, reference) == message


def test_the_default_open_goes_through_the_link_policy(
    qtbot, loader: ImageLoader, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    refused: list[str] = []
    monkeypatch.setattr(links, "launch", lambda url: opened.append(url.toString()) or True)
    monkeypatch.setattr(dialogs, "report_error", lambda _parent, _title, text: refused.append(text))
    dialog = CoverPreviewDialog(loader)
    qtbot.addWidget(dialog)
    dialog.show_images(
        {"enclosure": "https://example.invalid/a.png", "qrcode": "javascript:alert(1)"},
        ImagePlaces(),
    )
    qtbot.mouseClick(
        dialog.findChild(QPushButton, "openInBrowser_enclosure"), Qt.MouseButton.LeftButton
    )
    assert opened == ["https://example.invalid/a.png"]
    not_web = dialog.findChild(QPushButton, "openInBrowser_qrcode")
    assert not not_web.isEnabled()
    not_web.click()  # a disabled button ignores it; nothing reaches the desktop
    assert opened == ["https://example.invalid/a.png"] and refused == []


def test_preview_dialog_shows_images_failures_and_opens_through_the_policy(
    qtbot, loader: ImageLoader, server: Server, sample_desk: Path
) -> None:
    asked: list[str] = []
    dialog = CoverPreviewDialog(loader, open_url=asked.append)
    qtbot.addWidget(dialog)
    assert not dialog.isModal()
    images = {
        "enclosure": server.url("/cover.png"),
        "qrcode": server.url("/missing.png"),
        "logo": "/images/desk-cover.png",
    }
    dialog.show_images(images, ImagePlaces(None, (sample_desk / "static",)))
    assert dialog.isVisible()
    cover, qr, logo = (dialog.panel(key) for key in ("enclosure", "qrcode", "logo"))
    assert cover.area.message == "Loading…" and cover.area.image is None
    qtbot.waitUntil(lambda: not (cover.waiting or qr.waiting or logo.waiting), timeout=WAIT_MS)
    assert cover.area.image.size() == server.png.size()
    assert cover.status.text() == "320 × 180 pixels"
    assert qr.area.image is None and qr.area.message == "The server answered 404 Not Found"
    assert logo.area.image is not None
    cover_button = dialog.findChild(QPushButton, "openInBrowser_enclosure")
    assert cover_button.isEnabled()
    assert not dialog.findChild(QPushButton, "openInBrowser_logo").isEnabled()
    qtbot.mouseClick(cover_button, Qt.MouseButton.LeftButton)
    assert asked == [server.url("/cover.png")]


def test_preview_dialog_replaces_its_images_and_ignores_stale_answers(
    qtbot, loader: ImageLoader, server: Server
) -> None:
    dialog = CoverPreviewDialog(loader)
    qtbot.addWidget(dialog)
    dialog.show_images({"enclosure": server.url("/page.html")}, ImagePlaces())
    dialog.show_images({"enclosure": server.url("/cover.png")}, ImagePlaces())
    assert len(dialog.panels) == 1
    panel = dialog.panel("enclosure")
    qtbot.waitUntil(lambda: not panel.waiting, timeout=WAIT_MS)
    assert panel.area.image is not None
    with qtbot.waitSignal(loader.failed, timeout=WAIT_MS):
        loader.load(server.url("/missing.png"), ImagePlaces())
    assert panel.area.image is not None  # an answer for another reference changes nothing


def test_a_long_address_is_shortened_to_the_width_the_label_has(qtbot) -> None:
    from editor.ui.images.cover_preview import ElidedLabel

    address = "https://images.example.org/covers/2026/11/" + "x" * 120 + "/cover-final.webp"
    label = ElidedLabel(address)
    qtbot.addWidget(label)
    label.resize(200, 20)
    label.show()
    qtbot.waitUntil(label.isVisible)
    narrow = label.text()
    assert "…" in narrow and narrow.endswith(".webp") and narrow.startswith("https://")
    assert label.fontMetrics().horizontalAdvance(narrow) <= label.contentsRect().width()
    label.resize(3000, 20)
    qtbot.waitUntil(lambda: label.text() == address)
    assert label.toolTip() == address


@pytest.mark.parametrize(
    ("reference", "words"),
    [
        ("https://user:secret@images.example.org/a.png", "a user name and password"),
        ("https://images.example.org@evil.example/a.png", "would open 'evil.example'"),
        ("https://ex ample.org/a.png", "blank space"),
    ],
)
def test_addresses_the_policy_refuses_are_not_fetched(
    qtbot, loader: ImageLoader, reference: str, words: str
) -> None:
    message = load_fails(qtbot, loader, reference)
    assert message.startswith(reference + " is not a valid web address") and words in message


def test_the_app_does_not_fetch_from_its_own_machine_or_network(qtbot, server: Server) -> None:
    app_loader = ImageLoader(None, timeout_ms=5000)
    for reference in (server.url("/cover.png"), "http://169.254.169.254/latest/meta-data/x.png"):
        message = load_fails(qtbot, app_loader, reference)
        assert message.startswith("Not loaded:") and "your own machine or network" in message
    assert server.hits == []


def test_a_look_alike_host_is_shown_in_punycode(qtbot, loader: ImageLoader) -> None:
    dialog = CoverPreviewDialog(loader, open_url=lambda _url: None)
    qtbot.addWidget(dialog)
    dialog.show_images({"enclosure": "https://аррӏе.com/cover.png"}, ImagePlaces())
    panel = dialog.panel("enclosure")
    assert panel.address.toolTip() == "https://xn--80ak6aa92e.com/cover.png"
    button = dialog.findChild(QPushButton, "openInBrowser_enclosure")
    assert button.toolTip() == "https://xn--80ak6aa92e.com/cover.png"

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

import pytest

from editor.core import atomic as atomic_module
from editor.core import service as service_module
from editor.core.edit_common import EditError
from editor.core.frontmatter import FrontMatterError
from editor.core.service import (
    ConflictError,
    DocumentService,
    FileResult,
    Outcome,
    PathError,
    describe_error,
)

OLD_NS = (
    1_600_000_000_123_456_789  # a fixed past mtime, so "not written" cannot pass by timing luck
)

DRAFT_TOML = (
    b'+++\ntitle = "A draft"  # keep\ndraft = true\n[params]\ndraft = true\n+++\nBody +++\n'
)
PUBLISHED_TOML = b'+++\ntitle = "Out"\ndraft = false\n+++\nBody\n'


def put(path: Path, data: bytes) -> Path:
    """Write a file with a fixed old mtime."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, ns=(OLD_NS, OLD_NS))
    return path


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if "copydesk-tmp" in name)


# --- loading ---------------------------------------------------------------------------------------


def test_load_never_writes(sample_desk: Path) -> None:
    service = DocumentService(sample_desk)
    files = sorted((sample_desk / "content").rglob("*.md"))
    for path in files:
        os.utime(path, ns=(OLD_NS, OLD_NS))
    before = {path: snapshot(path) for path in files}
    for path in files:
        try:
            article = service.load(path)
        except FrontMatterError:
            assert path.name == "broken-front-matter.md"
            continue
        assert not article.is_dirty
        assert article.bytes_to_save() == before[path][0]
    assert {path: snapshot(path) for path in files} == before


def test_load_gives_relative_names_and_metadata(desk: Path) -> None:
    put(desk / "news" / "a.md", DRAFT_TOML)
    service = DocumentService(desk)
    article = service.load("news/a.md")
    assert article.relpath == "news/a.md"
    assert article.path == (desk / "news" / "a.md").resolve()
    assert article.metadata["draft"] is True
    assert article.fingerprint.size == len(DRAFT_TOML)
    assert article.fingerprint.mtime_ns == OLD_NS
    assert service.load(desk / "news" / "a.md").relpath == "news/a.md"


def test_load_refuses_a_folder(desk: Path) -> None:
    (desk / "folder.md").mkdir()
    with pytest.raises((FrontMatterError, OSError)):
        DocumentService(desk).load("folder.md")


# --- saving ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("swap", ["exchange", "replace"])
def test_save_writes_only_the_edit_atomically_and_keeps_the_mode(
    desk: Path, monkeypatch, swap: str
) -> None:
    path = put(desk / "a.md", DRAFT_TOML)
    path.chmod(0o640)
    service = DocumentService(desk)
    article = service.load(path)
    article.set_value("draft", False)
    replaced: list[tuple[str, str]] = []
    real_exchange, real_replace = atomic_module.exchange, os.replace

    def check(source, target) -> None:
        replaced.append((str(source), str(target)))
        assert Path(source).parent == path.parent  # the temporary file is in the same folder
        assert stat.S_IMODE(os.stat(source).st_mode) == 0o640  # mode set before the swap
        assert Path(source).read_bytes() == article.bytes_to_save()  # written in full first

    def spy_exchange(source, target) -> bool:
        check(source, target)
        # Without the exchange (another OS or filesystem) the save falls back to os.replace.
        return real_exchange(source, target) if swap == "exchange" else False

    def spy_replace(source, target) -> None:
        check(source, target)
        real_replace(source, target)

    monkeypatch.setattr(atomic_module, "exchange", spy_exchange)
    monkeypatch.setattr(service_module.os, "replace", spy_replace)
    saved, written = service.save(article)
    assert written
    assert [target for _, target in replaced] == [str(path)] * (1 if swap == "exchange" else 2)
    assert path.read_bytes() == DRAFT_TOML.replace(b"draft = true\n[", b"draft = false\n[")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert leftovers(desk) == []
    assert saved.metadata["draft"] is False
    assert not saved.is_dirty
    assert saved.fingerprint.same_content(path.read_bytes())


def test_saving_nothing_changed_writes_nothing(desk: Path) -> None:
    path = put(desk / "a.md", PUBLISHED_TOML)
    service = DocumentService(desk)
    article = service.load(path)
    assert article.set_value("draft", False) is False  # same value: no edit staged
    assert not article.is_dirty
    saved, written = service.save(article)
    assert saved.fingerprint.mtime_ns == OLD_NS
    assert not written
    assert snapshot(path) == (PUBLISHED_TOML, OLD_NS)
    article.set_body("Body\n")  # the same body text is no change either
    assert not article.is_dirty


def test_body_edit_is_saved_and_front_matter_kept(desk: Path) -> None:
    path = put(desk / "a.md", b"+++\r\ntitle = 'A'\r\n+++\r\nOld body")
    service = DocumentService(desk)
    article = service.load(path)
    article.set_body("New body\r\n")
    assert article.text_to_save() == "+++\r\ntitle = 'A'\r\n+++\r\nNew body\r\n"
    _, written = service.save(article)
    assert written
    assert path.read_bytes() == b"+++\r\ntitle = 'A'\r\n+++\r\nNew body\r\n"


@pytest.mark.parametrize("failing", ["exchange", "replace", "fsync", "mkstemp"])
def test_a_failed_write_leaves_the_file_and_no_temporary_file(
    desk: Path, monkeypatch, failing: str
) -> None:
    path = put(desk / "a.md", DRAFT_TOML)
    service = DocumentService(desk)
    article = service.load(path)
    article.set_value("draft", False)

    def fail(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    if failing == "replace":  # the fallback where the exchange is not available
        monkeypatch.setattr(atomic_module, "exchange", lambda *args: False)
    target = {"mkstemp": tempfile, "exchange": atomic_module}.get(failing, os)
    monkeypatch.setattr(target, failing, fail)
    with pytest.raises(OSError):
        service.save(article)
    assert snapshot(path) == (DRAFT_TOML, OLD_NS)
    assert leftovers(desk) == []
    result = service.set_draft([path], False)[0]
    assert result.outcome is Outcome.FAILED
    assert result.message == "No space left on device"
    assert snapshot(path) == (DRAFT_TOML, OLD_NS)
    assert leftovers(desk) == []


def test_conflict_when_the_file_changed_on_disk(desk: Path) -> None:
    path = put(desk / "a.md", DRAFT_TOML)
    service = DocumentService(desk)
    article = service.load(path)
    article.set_value("title", "Mine")
    theirs = DRAFT_TOML.replace(b"A draft", b"Theirs")
    put(path, theirs)
    with pytest.raises(ConflictError, match="changed on disk"):
        service.save(article)
    assert snapshot(path) == (theirs, OLD_NS)
    saved, written = service.save(article, force=True)
    assert written
    assert b'title = "Mine"' in path.read_bytes()
    assert saved.metadata["title"] == "Mine"


def test_same_bytes_with_a_new_mtime_is_no_conflict(desk: Path) -> None:
    path = put(desk / "a.md", DRAFT_TOML)
    service = DocumentService(desk)
    article = service.load(path)
    os.utime(path, ns=(OLD_NS + 10**9, OLD_NS + 10**9))  # touched, not changed
    article.set_value("draft", False)
    assert service.save(article)[1]


def test_conflict_when_the_file_was_deleted(desk: Path) -> None:
    path = put(desk / "a.md", DRAFT_TOML)
    service = DocumentService(desk)
    article = service.load(path)
    article.set_value("draft", False)
    path.unlink()
    with pytest.raises(ConflictError, match="deleted or moved"):
        service.save(article)
    assert not path.exists()
    assert leftovers(desk) == []


def test_an_edit_that_cannot_be_made_cleanly_is_not_written(desk: Path) -> None:
    data = b"---\nparams:\n  a: 1\n---\n"
    path = put(desk / "a.md", data)
    service = DocumentService(desk)
    article = service.load(path)
    article.set_value("params", 5)
    with pytest.raises(EditError):
        service.save(article)
    result = service.set_values([path], {"params": 5})[0]
    assert result.outcome is Outcome.FAILED
    assert "nested" in result.message
    assert snapshot(path) == (data, OLD_NS)


# --- read-only files -------------------------------------------------------------------------------


def test_a_file_without_write_permission_is_refused(desk: Path) -> None:
    # Also as root: the service checks the mode bits, since root passes os.access and the
    # atomic rename would replace the read-only file.
    path = put(desk / "a.md", DRAFT_TOML)
    path.chmod(0o444)
    service = DocumentService(desk)
    article = service.load(path)
    article.set_value("draft", False)
    with pytest.raises(PermissionError):
        service.save(article)
    result = service.publish([path])[0]
    assert result.outcome is Outcome.FAILED
    assert "read-only" in result.message
    assert snapshot(path) == (DRAFT_TOML, OLD_NS)
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert leftovers(desk) == []


def test_os_access_refusal_is_honoured(desk: Path, monkeypatch) -> None:
    path = put(desk / "a.md", DRAFT_TOML)
    monkeypatch.setattr(service_module.os, "access", lambda *args, **kwargs: False)
    result = DocumentService(desk).publish([path])[0]
    assert result.outcome is Outcome.FAILED
    assert snapshot(path) == (DRAFT_TOML, OLD_NS)


# --- operations over many files --------------------------------------------------------------------


def test_publish_many_with_failures_changes_the_others(desk: Path) -> None:
    good = [put(desk / f"good{n}.md", DRAFT_TOML) for n in range(3)]
    broken = put(desk / "broken.md", b'+++\ntitle = "A\ndraft = true\n+++\n')
    readonly = put(desk / "readonly.md", DRAFT_TOML)
    readonly.chmod(0o444)
    latin1 = put(desk / "latin1.md", b'+++\ntitle = "caf\xe9"\ndraft = true\n+++\n')
    missing = desk / "missing.md"
    already = put(desk / "already.md", PUBLISHED_TOML)
    paths = [good[0], broken, good[1], readonly, missing, latin1, already, good[2]]
    untouched = {path: snapshot(path) for path in (broken, readonly, latin1, already)}

    results = DocumentService(desk).publish(paths)

    assert [(r.path, r.outcome) for r in results] == [
        ("good0.md", Outcome.CHANGED),
        ("broken.md", Outcome.FAILED),
        ("good1.md", Outcome.CHANGED),
        ("readonly.md", Outcome.FAILED),
        ("missing.md", Outcome.FAILED),
        ("latin1.md", Outcome.FAILED),
        ("already.md", Outcome.UNCHANGED),
        ("good2.md", Outcome.CHANGED),
    ]
    messages = {r.path: r.message for r in results}
    assert "Malformed TOML" in messages["broken.md"] and "line 2" in messages["broken.md"]
    assert "read-only" in messages["readonly.md"]
    assert messages["missing.md"] == "The file no longer exists"
    assert "UTF-8" in messages["latin1.md"] and "line 2" in messages["latin1.md"]
    for result in results:
        assert result.ok is (result.outcome is not Outcome.FAILED)
        assert (result.article is None) is (result.outcome is Outcome.FAILED)
    for path in good:
        assert path.read_bytes() == DRAFT_TOML.replace(b"draft = true\n[", b"draft = false\n[")
    assert {path: snapshot(path) for path in untouched} == untouched
    assert not missing.exists()
    assert leftovers(desk) == []


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", id="binary"),
        pytest.param(b"+++\ndraft = true\n", id="unclosed"),
        pytest.param(b"---\ndraft: [true\n---\n", id="bad-yaml"),
        pytest.param(b'{"draft": true,}\n', id="bad-json"),
        pytest.param(b"+++\ndraft = true\ndraft = false\n+++\n", id="duplicate-key"),
    ],
)
@pytest.mark.parametrize("operation", ["publish", "unpublish"])
def test_unreadable_files_are_never_written(desk: Path, data: bytes, operation: str) -> None:
    path = put(desk / "bad.md", data)
    result = getattr(DocumentService(desk), operation)([path])[0]
    assert result.outcome is Outcome.FAILED
    assert result.message
    assert "Traceback" not in result.message
    assert snapshot(path) == (data, OLD_NS)


def test_publishing_a_published_file_changes_nothing(desk: Path) -> None:
    path = put(desk / "a.md", PUBLISHED_TOML)
    no_key = put(desk / "b.md", b'+++\ntitle = "No draft key"\n+++\n')
    results = DocumentService(desk).publish([path, no_key])
    assert [r.outcome for r in results] == [Outcome.UNCHANGED, Outcome.UNCHANGED]
    assert snapshot(path) == (PUBLISHED_TOML, OLD_NS)
    assert snapshot(no_key) == (b'+++\ntitle = "No draft key"\n+++\n', OLD_NS)


def test_unpublish_adds_draft_where_missing_and_keeps_its_type(desk: Path) -> None:
    no_key = put(desk / "a.md", b'+++\ntitle = "A"\n[params]\nx = 1\n+++\nbody')
    string = put(desk / "b.md", b'---\ntitle: B\ndraft: "false"\n---\nbody')
    capital = put(desk / "c.md", b'{"title": "C", "Draft": false}\n')
    both = put(desk / "d.md", b"+++\ndraft = true\nDraft = false\n+++\n")
    results = DocumentService(desk).unpublish([no_key, string, capital, both])
    assert [r.outcome for r in results] == [Outcome.CHANGED] * 4
    assert no_key.read_bytes() == b'+++\ntitle = "A"\ndraft = true\n[params]\nx = 1\n+++\nbody'
    assert string.read_bytes() == b'---\ntitle: B\ndraft: "true"\n---\nbody'
    assert capital.read_bytes() == b'{"title": "C", "Draft": true}\n'
    # Hugo reads "Draft" over "draft": that is the key to change.
    assert both.read_bytes() == b"+++\ndraft = true\nDraft = true\n+++\n"
    assert all(r.article is not None and r.article.metadata for r in results)


def test_a_file_without_front_matter_gets_a_toml_block(desk: Path) -> None:
    body = b"<p>Plain</p>\r\n<p>HTML</p>"
    path = put(desk / "plain.html", body)
    result = DocumentService(desk).unpublish([path])[0]
    assert result.outcome is Outcome.CHANGED
    assert path.read_bytes() == b"+++\r\ndraft = true\r\n+++\r\n" + body


def test_set_values_on_many(desk: Path) -> None:
    a = put(desk / "a.md", b"+++\narticle_id = 1\n+++\n")
    b = put(desk / "b.md", b"---\narticle_id: 2\n---\n")
    results = DocumentService(desk).set_values([a, b], {"article_id": "7", "source": "Wire"})
    assert [r.outcome for r in results] == [Outcome.CHANGED, Outcome.CHANGED]
    assert a.read_bytes() == b'+++\narticle_id = 7\nsource = "Wire"\n+++\n'
    assert b.read_bytes() == b"---\narticle_id: 7\nsource: Wire\n---\n"


def test_a_value_that_does_not_fit_fails_that_file_only(desk: Path) -> None:
    a = put(desk / "a.md", b"+++\narticle_id = 1\n+++\n")
    b = put(desk / "b.md", b'+++\narticle_id = "x-1"\n+++\n')
    results = DocumentService(desk).set_values([a, b], {"article_id": "x-2"})
    assert [r.outcome for r in results] == [Outcome.FAILED, Outcome.CHANGED]
    assert snapshot(a) == (b"+++\narticle_id = 1\n+++\n", OLD_NS)
    assert b.read_bytes() == b'+++\narticle_id = "x-2"\n+++\n'


# --- paths -----------------------------------------------------------------------------------------


def test_paths_outside_the_root_are_refused(tmp_path: Path, desk: Path) -> None:
    outside = put(tmp_path / "outside.md", DRAFT_TOML)
    (desk / "sub").mkdir()
    (desk / "sub" / "escape.md").symlink_to(outside)
    (desk / "linked-folder").symlink_to(tmp_path, target_is_directory=True)
    service = DocumentService(desk)
    for path in (
        "../outside.md",
        "sub/../../outside.md",
        outside,
        "sub/escape.md",
        "linked-folder/outside.md",
    ):
        with pytest.raises(PathError):
            service.load(path)
        result = service.publish([path])[0]
        assert result.outcome is Outcome.FAILED
        assert "outside the opened folder" in result.message
    assert snapshot(outside) == (DRAFT_TOML, OLD_NS)


def test_a_link_inside_the_root_is_written_through(desk: Path) -> None:
    target = put(desk / "real" / "a.md", DRAFT_TOML)
    link = desk / "link.md"
    link.symlink_to(Path("real") / "a.md")
    result = DocumentService(desk).publish(["link.md"])[0]
    assert result.outcome is Outcome.CHANGED
    assert result.path == "link.md"  # the name the index lists, so the row can be found
    assert link.is_symlink()
    assert os.readlink(link) == str(Path("real") / "a.md")
    assert target.read_bytes() == DRAFT_TOML.replace(b"draft = true\n[", b"draft = false\n[")
    assert leftovers(desk) == [] and leftovers(desk / "real") == []


def test_relpath_and_resolve(desk: Path) -> None:
    put(desk / "a" / "b.md", DRAFT_TOML)
    service = DocumentService(desk)
    assert service.relpath("a/b.md") == "a/b.md"
    assert service.relpath(desk / "a" / "./b.md") == "a/b.md"
    assert service.resolve("a/b.md") == (desk / "a" / "b.md").resolve()
    assert service.resolve(".") == service.root
    with pytest.raises(PathError):
        service.resolve("..")


def test_describe_error() -> None:
    assert describe_error(FileNotFoundError(2, "x")) == "The file no longer exists"
    assert describe_error(IsADirectoryError(21, "x")) == "This is a folder, not a file"
    assert "read-only" in describe_error(PermissionError(13, "x"))
    assert (
        describe_error(OSError(errno.ENOSPC, "No space left on device"))
        == "No space left on device"
    )
    assert describe_error(FrontMatterError("Bad", 3, 4)) == "Bad (line 3, column 4)"
    assert FileResult("a.md", Outcome.UNCHANGED).ok


def test_save_keeps_the_owner_where_it_may(desk: Path) -> None:
    path = put(desk / "a.md", DRAFT_TOML)
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)  # as root: a file that belongs to someone else
    else:
        others = [gid for gid in os.getgroups() if gid != os.getegid()]
        if not others:
            pytest.skip("needs root, or a second group of this user, to own a file differently")
        os.chown(path, -1, others[0])  # a group the new file would not get by default
    before = path.stat()
    assert (before.st_uid, before.st_gid) != (os.geteuid(), os.getegid())
    article = DocumentService(desk).load(path)
    article.set_value("draft", False)
    DocumentService(desk).save(article)
    after = path.stat()
    assert after.st_ino != before.st_ino  # replaced, not rewritten in place
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)


@pytest.mark.parametrize(
    ("data", "published", "drafted"),
    [
        pytest.param(b"+++\ndraft = 1\n+++\n", b"+++\ndraft = 0\n+++\n", None, id="int-one"),
        pytest.param(b"+++\ndraft = 0\n+++\n", None, b"+++\ndraft = 1\n+++\n", id="int-zero"),
        pytest.param(b"+++\ndraft = 1.0\n+++\n", b"+++\ndraft = 0.0\n+++\n", None, id="float"),
        # Hugo reads "yes" as false: already published, and a draft gets "true".
        pytest.param(
            b'+++\ndraft = "yes"\n+++\n', None, b'+++\ndraft = "true"\n+++\n', id="string-yes"
        ),
        pytest.param(
            b"---\ndraft: 'True'\n---\n", b"---\ndraft: 'false'\n---\n", None, id="string-true"
        ),
        pytest.param(b"---\ndraft:\n---\n", None, b"---\ndraft: true\n---\n", id="yaml-null"),
    ],
)
def test_draft_values_of_other_types(
    desk: Path, data: bytes, published: bytes | None, drafted: bytes | None
) -> None:
    # Publishing draft = 1 used to fail with "invalid literal for int()"; draft = 0 or "yes"
    # (already published for Hugo) used to be rewritten.
    service = DocumentService(desk)
    for operation, expected in (("publish", published), ("unpublish", drafted)):
        path = put(desk / f"{operation}.md", data)
        result = getattr(service, operation)([path])[0]
        assert result.ok, result.message
        if expected is None:
            assert result.outcome is Outcome.UNCHANGED
            assert snapshot(path) == (data, OLD_NS)
        else:
            assert result.outcome is Outcome.CHANGED
            assert path.read_bytes() == expected


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    from editor.core.index import summarize

    pipe = tmp_path / "x.md"
    os.mkfifo(pipe)
    service = DocumentService(tmp_path)
    with pytest.raises(FrontMatterError, match="not a regular file"):
        service.load(pipe)
    [result] = service.publish([pipe])
    assert result.outcome is Outcome.FAILED and "not a regular file" in result.message
    assert "not a regular file" in summarize(tmp_path, pipe).error


def test_a_body_that_would_read_as_front_matter_is_refused_before_writing(tmp_path: Path) -> None:
    path = tmp_path / "plain.md"
    path.write_bytes(b"Just a body.\n")
    service = DocumentService(tmp_path)
    article = service.load(path)
    article.set_body("---\nnot: front matter\n")
    with pytest.raises(EditError, match=r"read as front matter|unreadable"):
        service.save(article)
    assert path.read_bytes() == b"Just a body.\n"


def test_one_file_failing_unexpectedly_does_not_stop_the_others(
    tmp_path: Path, monkeypatch
) -> None:
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_bytes(b'+++\ntitle = "T"\ndraft = true\n+++\n')
    service = DocumentService(tmp_path)
    real_save = service._save  # what update() writes through

    def save(article, **kwargs):
        if article.relpath == "b.md":
            raise TypeError("surprise")
        return real_save(article, **kwargs)

    monkeypatch.setattr(service, "_save", save)
    results = service.publish(["a.md", "b.md", "c.md"])
    assert [result.outcome for result in results] == [
        Outcome.CHANGED,
        Outcome.FAILED,
        Outcome.CHANGED,
    ]
    assert "surprise" in results[1].message


def test_replace_bytes_writes_a_whole_version_and_refuses_an_unreadable_one(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"+++\ntitle = 'x'\n<<<<<<< HEAD\n+++\n")
    path.chmod(0o640)
    service = DocumentService(tmp_path)
    with pytest.raises(FrontMatterError):
        service.replace_bytes("a.md", b"+++\ntitle = \n+++\n")
    article = service.replace_bytes("a.md", b"+++\ntitle = 'mine'\n+++\nBody\n")
    assert path.read_bytes() == b"+++\ntitle = 'mine'\n+++\nBody\n"
    assert article.metadata["title"] == "mine" and (path.stat().st_mode & 0o777) == 0o640

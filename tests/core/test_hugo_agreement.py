"""Our publish state must agree with Hugo's own, file by file.

A small Hugo site is generated with front matter in many shapes; ``hugo list`` with a fixed
``--clock`` says which pages are drafts, future, expired and published, and ``state_of`` (through
the index) must say the same for every file. The ``all`` list also gives the dates Hugo read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor.core.frontmatter import BOM, read
from editor.core.hugo_keys import EXPIRY_DATE_KEYS, PUBLISH_DATE_KEYS
from editor.core.listing import scan_all
from editor.core.state import PublishState, first_date
from editor.core.values import hugo_reads_date

pytestmark = pytest.mark.hugo

CLOCK = dt.datetime(2025, 6, 15, 12, 0, tzinfo=dt.UTC)
CLOCK_ARG = "2025-06-15T12:00:00Z"
PAST = "2025-06-01T08:00:00Z"
FUTURE = "2025-07-01T08:00:00Z"
ZERO = "0001-01-01T00:00:00Z"  # Hugo's "no date"


def toml(*lines: str) -> bytes:
    return (
        "+++\n" + "".join(f"{line}\n" for line in ("title = 'T'", *lines)) + "+++\nBody\n"
    ).encode()


def yaml(*lines: str) -> bytes:
    return (
        "---\n" + "".join(f"{line}\n" for line in ("title: T", *lines)) + "---\nBody\n"
    ).encode()


def json_fm(members: str) -> bytes:
    return ('{\n  "title": "T"' + (", " + members if members else "") + "\n}\nBody\n").encode()


SITE: dict[str, bytes] = {
    # draft, in every spelling Hugo's cast.ToBool meets
    "draft-true.md": toml("draft = true"),
    "draft-false.md": toml("draft = false"),
    "draft-missing.md": toml(),
    "draft-string-true.md": toml('draft = "true"'),
    "draft-string-false.md": toml('draft = "false"'),
    "draft-string-yes.md": toml('draft = "yes"'),
    "draft-int.md": toml("draft = 1"),
    "draft-capital-key.md": toml("Draft = true"),
    "draft-both-cases.md": toml("draft = true", "DRAFT = false"),
    "draft-future.md": toml("draft = true", f"date = {FUTURE}"),
    "draft-expired.md": toml("draft = true", f"expiryDate = {PAST}"),
    # the publish date and its aliases
    "date-past.md": toml(f"date = {PAST}"),
    "date-future.md": toml(f"date = {FUTURE}"),
    "publishdate-future-date-past.md": toml(f"publishDate = {FUTURE}", f"date = {PAST}"),
    "publishdate-past-date-future.md": toml(f"publishDate = {PAST}", f"date = {FUTURE}"),
    "pubdate-future.md": toml(f"pubdate = {FUTURE}"),
    "published-future.md": toml(f"published = {FUTURE}"),
    "pubdate-past-published-future.md": toml(f"published = {FUTURE}", f"pubdate = {PAST}"),
    "published-past-date-future.md": toml(f"published = {PAST}", f"date = {FUTURE}"),
    "publishdate-lower-case-future.md": toml(f"publishdate = {FUTURE}"),
    "publishdate-both-cases.md": toml(f"publishdate = {PAST}", f"PublishDate = {FUTURE}"),
    # the expiry date and its alias
    "expiry-past.md": toml(f"expiryDate = {PAST}"),
    "expiry-future.md": toml(f"expiryDate = {FUTURE}"),
    "unpublishdate-past.md": toml(f"unpublishdate = {PAST}"),
    "expirydate-over-unpublishdate.md": toml(f"unpublishdate = {PAST}", f"expirydate = {FUTURE}"),
    "expiry-camel-case-past.md": toml(f"ExpiryDate = {PAST}"),
    "future-and-expired.md": toml(f"publishDate = {FUTURE}", f"expiryDate = {PAST}"),
    "published-then-expired.md": toml(f"date = {PAST}", 'expiryDate = "2025-06-10"'),
    # shapes of dates, and the boundaries around the clock
    "string-z-future.md": toml('date = "2025-06-16T00:00:00Z"'),
    "string-offset-past.md": toml('date = "2025-06-15T13:30:00+02:00"'),
    "string-offset-future.md": toml('date = "2025-06-15T12:30:00-01:00"'),
    "string-offset-no-colon.md": toml('date = "2025-06-15T14:30:00+0200"'),
    "string-no-zone-past.md": toml('date = "2025-06-15T11:30:00"'),
    "string-no-zone-future.md": toml('date = "2025-06-15T12:30:00"'),
    "string-space-future.md": toml('date = "2025-06-15 12:30:00"'),
    "string-fraction-future.md": toml('date = "2025-06-15T12:00:00.500Z"'),
    "string-date-only-future.md": toml('date = "2025-06-16"'),
    "string-date-only-today.md": toml('date = "2025-06-15"'),
    "string-empty.md": toml('date = ""'),
    "toml-local-datetime-future.md": toml("date = 2025-06-15T12:30:00"),
    "toml-local-datetime-past.md": toml("date = 2025-06-15T11:59:59"),
    "toml-local-date-future.md": toml("publishDate = 2025-06-16"),
    "toml-offset-datetime.md": toml("date = 2025-06-15T07:30:00-05:00"),
    "date-at-clock.md": toml(f"date = {CLOCK_ARG}"),
    "expiry-at-clock.md": toml(f"expiryDate = {CLOCK_ARG}"),
    "expiry-just-after-clock.md": toml('expiryDate = "2025-06-15T12:00:01Z"'),
    # the other layouts Hugo reads (as feeds write them); a zone name counts as UTC
    "rfc1123z-future.md": toml('date = "Sun, 15 Jun 2025 13:00:00 +0000"'),
    "rfc1123-named-zone.md": toml('date = "Sun, 15 Jun 2025 11:00:00 EST"'),
    "rfc822-future.md": toml('date = "16 Jun 25 08:00 GMT"'),
    "rfc850-future.md": toml('date = "Monday, 16-Jun-25 08:00:00 UTC"'),
    "day-month-year-future.md": toml('date = "16 Jun 2025"'),
    "ansic-future.md": toml('date = "Sun Jun 15 12:30:00 2025"'),
    "unixdate-named-zone.md": toml('date = "Sun Jun 15 11:30:00 MST 2025"'),
    "rubydate-future.md": toml('date = "Sun Jun 15 07:30:00 -0500 2025"'),
    "go-string-future.md": toml('date = "2025-06-15 12:00:00.5 +0000 UTC"'),
    "rfc1123-expired.md": toml('expiryDate = "Sat, 14 Jun 2025 00:00:00 GMT"'),
    # YAML and JSON front matter
    "yaml-draft-true.md": yaml("draft: true"),
    "yaml-draft-yes.md": yaml("draft: yes"),
    "yaml-draft-capital.md": yaml("Draft: True"),
    "yaml-date-future.md": yaml(f"date: {FUTURE}"),
    "yaml-date-only-future.md": yaml("date: 2025-06-16"),
    "yaml-expiry-quoted-past.md": yaml('expiryDate: "2025-06-01"'),
    "yaml-publishdate-past-expiry-future.md": yaml(
        f"publishDate: '{PAST}'", f"expiryDate: {FUTURE}"
    ),
    "json-draft-string.md": json_fm('"draft": "true"'),
    "json-date-future.md": json_fm(f'"date": "{FUTURE}"'),
    "json-expired.md": json_fm('"expiryDate": "2025-01-01T00:00:00Z"'),
    "json-published.md": json_fm(f'"draft": false, "date": "{PAST}"'),
    # bytes around the front matter
    "bom-crlf-draft.md": BOM + b"+++\r\ntitle = 'T'\r\ndraft = true\r\n+++\r\nBody\r\n",
    "no-front-matter.md": b"Just a body.\n",
    "closing-line-with-text.md": b"+++\ntitle = 'T'\ndraft = true\n+++ trailing text\nBody\n",
    "page.html": toml(f"date = {FUTURE}"),
    "section/nested-draft.md": toml("draft = true"),
    "section/nested-published.md": toml(f"date = {PAST}"),
}


def held_files() -> list[bytes]:
    """The files the tests hold: the sample desk's Markdown and this site's pages, for the tests
    that check one reader against another on every file at hand."""
    samples = Path(__file__).resolve().parents[2] / "resources" / "samples"
    return [path.read_bytes() for path in sorted(samples.rglob("*.md"))] + list(SITE.values())


def hugo_binary() -> str | None:
    """The hugo from the `hugo` package in this virtualenv, else one on PATH."""
    return shutil.which("hugo", path=str(Path(sys.executable).parent)) or shutil.which("hugo")


def run_hugo(binary: str, site: Path, which: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [binary, "list", which, "--clock", CLOCK_ARG, "--source", str(site), "--noBuildLock"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        # A local zone far from UTC: dates without a zone must still be read as UTC, as we do.
        env={**os.environ, "HUGO_CACHEDIR": str(site / ".cache"), "TZ": "Asia/Tokyo"},
    )


def hugo_list(binary: str, site: Path, which: str) -> list[dict[str, str]]:
    completed = run_hugo(binary, site, which)
    assert completed.returncode == 0, (
        f"hugo list {which} failed:\n{completed.stdout}\n{completed.stderr}"
    )
    # The pip wrapper prints a banner first; the CSV starts at its header line.
    lines = completed.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("path,"))
    return list(csv.DictReader(io.StringIO("\n".join(lines[start:]))))


def make_site(root: Path, files: dict[str, bytes]) -> Path:
    # Recent Hugo refuses .html content unless the security policy allows it.
    (root / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Agreement"\n[security]\nallowContent = [".*"]\n'
    )
    for name, data in files.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


@pytest.fixture(scope="module")
def binary() -> str:
    found = hugo_binary()
    if found is None:
        pytest.skip(
            "the hugo binary is not installed (it comes with the 'hugo' package of the test extra)"
        )
    return found


@pytest.fixture(scope="module")
def hugo(binary: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    site = make_site(tmp_path_factory.mktemp("site"), SITE)
    lists = {
        which: hugo_list(binary, site, which)
        for which in ("all", "drafts", "future", "expired", "published")
    }
    ours = {row.path: row for row in scan_all(site / "content", as_of=CLOCK)}
    return {"site": site, "ours": ours, **lists}


def _paths(rows: list[dict[str, str]]) -> set[str]:
    return {row["path"].removeprefix("content/") for row in rows}


def _hugo_date(text: str) -> dt.datetime | None:
    return None if text == ZERO else dt.datetime.fromisoformat(text)


def hugo_state(hugo: dict, name: str) -> PublishState:
    """Hugo's verdict for one file, from which lists it is in."""
    if name in _paths(hugo["drafts"]):
        return PublishState.DRAFT
    if name in _paths(hugo["published"]):
        return PublishState.PUBLISHED
    if name in _paths(hugo["future"]):
        return PublishState.SCHEDULED
    if name in _paths(hugo["expired"]):
        return PublishState.EXPIRED
    # In no list: `list future` builds without expired pages and `list expired` without future
    # ones, so a page whose publish date is ahead and whose expiry has passed is in neither. It
    # is not out yet: scheduled, since our rule looks at the publish date first.
    row = next(row for row in hugo["all"] if row["path"] == f"content/{name}")
    assert _hugo_date(row["publishDate"]) > CLOCK >= _hugo_date(row["expiryDate"])
    return PublishState.SCHEDULED


def test_hugo_lists_every_file(hugo: dict) -> None:
    assert _paths(hugo["all"]) == set(SITE)
    # Sanity: every state is represented, so the comparison below is not vacuous.
    states = {hugo_state(hugo, name) for name in SITE}
    assert states == {
        PublishState.DRAFT,
        PublishState.SCHEDULED,
        PublishState.PUBLISHED,
        PublishState.EXPIRED,
    }


@pytest.mark.parametrize("name", sorted(SITE))
def test_state_agrees_with_hugo(hugo: dict, name: str) -> None:
    row = hugo["ours"][name]
    assert row.error is None
    assert row.state is hugo_state(hugo, name)


@pytest.mark.parametrize("name", sorted(SITE))
def test_dates_agree_with_hugo(hugo: dict, name: str) -> None:
    row = next(row for row in hugo["all"] if row["path"] == f"content/{name}")
    _, metadata = read((hugo["site"] / "content" / name).read_bytes())
    # Hugo prints whole seconds; compare to the second.
    ours = first_date(metadata, PUBLISH_DATE_KEYS)
    assert (ours.replace(microsecond=0) if ours else None) == _hugo_date(row["publishDate"])
    assert first_date(metadata, EXPIRY_DATE_KEYS) == _hugo_date(row["expiryDate"])
    assert (row["draft"] == "true") is (hugo_state(hugo, name) is PublishState.DRAFT)


# Strings that look like dates; Hugo reads some and stops the build on the others.
DATE_STRINGS = [
    "2025-06-16",
    "2025-06-16T08:00:00Z",
    "2025-06-16T08:00:00.5",
    "2025-06-16T08:00:00-0200",
    "2025-06-16 08:00:00",
    "2025-06-16 08:00:00+02:00",
    "2025-06-16 08:00:00 +02:00",
    "2025-06-16 08:00:00.5Z",
    "Mon, 16 Jun 2025 08:00:00 GMT",
    "16 Jun 2025",
    "2025-06-16T08:00",
    "2025-06-16T08:00Z",
    "2025-06-16 08:00",
    "2025-06-16T08:00:00z",
    "2025-06-16T08:00:00 UTC",
    "2025-06-16 08:00:00 Z",
    "2025-06-16T08:00:00 +02:00",
    " 2025-06-16",
    "2025-6-16",
    "tomorrow",
]


def test_hugo_reads_date_knows_which_strings_stop_the_build(binary: str, tmp_path: Path) -> None:
    files = {
        f"d{n:02d}.md": toml(f"date = {json.dumps(text)}") for n, text in enumerate(DATE_STRINGS)
    }
    site = make_site(tmp_path, files)
    completed = run_hugo(binary, site, "all")
    refused = {
        Path(path).name for path in re.findall(r"not a parsable date: see (\S+)", completed.stderr)
    }
    expected = {
        name for name, text in zip(files, DATE_STRINGS, strict=True) if not hugo_reads_date(text)
    }
    assert expected, "some strings must be unreadable, or this test proves nothing"
    assert refused == expected, completed.stderr

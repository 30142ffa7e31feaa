"""copydesk --help, COMMAND --help and --version: complete, and every command's help ends with
examples that name it, that the parser accepts, and that work on the sample desk."""

from __future__ import annotations

import argparse
import glob
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from editor import __version__, cli, cli_help
from tests.helpers.cli import run
from tests.helpers.git import git, identify

# Run on a git copy of the sample desk: these need the window, a remote, or files named in them.
NOT_RUN = ("open", "sync", "merge-driver base.md")
# What an example leaves as its exit status when it is not 0: the sample desk has a broken file.
STATUS = {"copydesk check content/": 1}


def registered() -> dict[str, argparse.ArgumentParser]:
    return cli_help.commands_of(cli.build_parser())


# Discovered from the parser: a command registered anywhere is checked, example or not.
COMMANDS = list(registered())


def examples(help_text: str) -> tuple[list[str], list[str]]:
    """(the lines after the last Example(s): head, each example as one command line)."""
    lines = help_text.rstrip("\n").splitlines()
    heads = [index for index, line in enumerate(lines) if line in cli_help.EXAMPLE_HEADS]
    assert heads, "no 'Example:' / 'Examples:' block"
    block = lines[heads[-1] + 1 :]
    joined: list[str] = []
    continued = False
    for line in block:
        if continued:
            joined[-1] += " " + line.strip().removesuffix("\\").strip()
        else:
            joined.append(line.strip().removesuffix("\\").strip())
        continued = line.endswith("\\")
    return block, joined


def command_part(example: str) -> list[str]:
    """The copydesk command of an example line: the words before a pipe or a && / ||."""
    return shlex.split(re.split(r"\s(?:\||&&|\|\|)\s", example)[0])


def test_every_registered_command_is_a_known_subcommand() -> None:
    # SUBCOMMANDS decides what 'copydesk WORD' dispatches on: it must match the parser.
    assert set(registered()) == set(cli.SUBCOMMANDS)
    assert {"open", "list", "set", "log", "sync", "merge-driver"} <= set(registered())


@pytest.mark.parametrize("name", COMMANDS)
def test_each_command_help_has_a_description_and_ends_with_its_examples(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    status, out, err = run(capsys, name, "--help")
    assert (status, err) == (0, "")
    command = registered()[name]
    assert command.description, f"{name} has no description"
    assert command.description.split("\n")[0] in out
    block, lines = examples(out)
    assert lines, f"{name}: the examples block is empty"
    for raw in block:  # kept verbatim, indented, and nothing follows it
        assert raw.startswith("  "), f"{name}: {raw!r} is not an example line"
    for line in lines:
        words = shlex.split(line)
        assert words[:2] == ["copydesk", name], f"{name}: {line!r} is not an example of {name}"
    assert max(len(raw) for raw in block) <= 100


def test_a_command_registered_without_examples_is_caught() -> None:
    # What the test above does to a new command that has no entry in cli_help's tables.
    parser = cli.build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    subparsers.add_parser("fresh", help="a command nobody documented")
    cli_help.document(parser)
    fresh = cli_help.commands_of(parser)["fresh"]
    assert fresh.description is None and fresh.epilog is None
    with pytest.raises(AssertionError, match="no 'Example:'"):
        examples(fresh.format_help())


@pytest.mark.parametrize("name", COMMANDS)
def test_each_example_is_accepted_by_the_parser(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    _, out, _ = run(capsys, name, "--help")
    for line in examples(out)[1]:
        words = command_part(line)
        try:
            cli.build_parser().parse_args(words[1:])
        except SystemExit:
            pytest.fail(f"{line!r}: {capsys.readouterr().err}")


def test_the_examples_work_on_the_sample_desk(
    sample_desk: Path,
    git_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    git(sample_desk, "init", "-q", "-b", "main")
    identify(sample_desk, "Kim")
    git(sample_desk, "add", "-A")
    git(sample_desk, "commit", "-q", "-m", "The desk")
    monkeypatch.chdir(sample_desk)
    ran = 0
    for name in COMMANDS:
        _, out, _ = run(capsys, name, "--help")
        for line in examples(out)[1]:
            if line.removeprefix("copydesk ").startswith(NOT_RUN):
                continue
            words = [
                match for word in command_part(line) for match in sorted(glob.glob(word)) or [word]
            ]
            status, _, err = run(capsys, *words[1:])
            assert status == STATUS.get(line.split(" &&")[0], 0), f"{line!r}: {err}"
            ran += 1
    assert ran >= 20
    log = git(sample_desk, "log", "--format=%s")
    assert "Edit" in log and "Publish" in log and "Back to draft" in log


def test_top_level_help_lists_every_command_and_says_how_to_run_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "--help")
    assert (status, err) == (0, "")
    parser = cli.build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    listed = {choice.dest: choice.help for choice in subparsers._choices_actions}
    assert set(listed) == set(cli.SUBCOMMANDS)  # each has a one-line help
    for name, help_line in listed.items():
        assert help_line, f"{name} has no one-line help"
        first_words = " ".join(help_line.split()[:4])
        assert re.search(rf"^    {re.escape(name)}\s+{re.escape(first_words)}", out, re.M), name
    assert "copydesk PATH" in out
    assert "Exit status:" in out
    for code in ("0", "1", "2", "130", str(cli.EXIT_CLOSED_PIPE)):
        assert re.search(rf"^  {code} ", out, re.M), f"exit status {code} is not described"


def test_the_usage_line_names_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    """It left out ``open`` (issue 9), as did the unknown-command message's list."""
    _status, out, _err = run(capsys, "--help")
    usage = out.split("\n\n", 1)[0]
    (choices,) = re.findall(r"\{([^}]*)\}", usage)
    assert choices.split(",") == list(cli.SUBCOMMANDS)
    status, _out, err = run(capsys, "frobnicate", "x")
    assert status == 2 and "the commands are open, list," in err


def test_top_level_help_names_every_environment_variable_the_code_reads(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "--help")
    source = Path(cli.__file__).parent
    read = set()
    for path in source.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        read |= set(re.findall(r"environ(?:\.get)?\(?\[?\s*\"([A-Z][A-Z0-9_]+)\"", text))
        read |= set(re.findall(r"env\.get\(\"([A-Z][A-Z0-9_]+)\"", text))
        read |= set(re.findall(r"\"([A-Z][A-Z0-9_]+)\" in os\.environ", text))
    assert {"COPYDESK_CACHE_DIR", "COPYDESK_NO_CACHE", "QT_QPA_PLATFORM"} <= read
    environment = out[out.index("Environment:") :]
    missing = sorted(name for name in read if name not in environment)
    assert not missing, f"--help does not mention {missing}"


def test_version_first_line_then_python_and_qt(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "--version")
    assert (status, err) == (0, "")
    first, second = out.splitlines()
    assert first == f"copydesk {__version__}"
    assert second.startswith(f"Python {sys.version_info.major}.{sys.version_info.minor}.")
    assert "PySide6 6." in second


def test_version_does_not_import_qt() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from editor.cli import main; code = main(['--version']);"
            "sys.exit(3 if any(name.startswith('PySide6') for name in sys.modules) else code)",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert done.stdout.startswith(f"copydesk {__version__}\n")

"""The ``copydesk`` command's entry point: the window without loading the command line first.

``copydesk`` alone (a desktop launcher) and ``copydesk /some/folder`` (the desktop file's ``%f``, a
terminal with a path) open the window; importing :mod:`editor.cli` for them costs about 10 ms of
the window's start-up (argparse, every command's modules, the parser with its help texts). So a
bare start or one existing path that *looks* like a path (it has a separator, which no command
name has) goes straight to :func:`editor.app.main`; anything else goes to :func:`editor.cli.main`,
which parses it as before and says what is wrong. The rules of ``copydesk open`` are not repeated
here: a path the fast way cannot take (missing, neither file nor folder) takes the usual one.

A big desk's scan takes as long as the window's start-up; both are Python, so in one process they
take turns. Its own process (:mod:`editor.core.scan_child`) starts here for a path given, before
PySide6 loads, and lists the desk on the second core meanwhile; the window takes its rows.

A warm ``copydesk list --json DESK`` is answered from the last listing's kept answer by
:func:`editor.cli_kept.quick_list` before the command line is imported, when it holds.

The window's start-up makes some 200,000 objects (modules, classes, the widgets' wrappers) that
all live on; the cyclic garbage collector went through them some 90 times before the first paint
(about 5 ms of it). So it is off from here until the window has painted
(:func:`editor.app.open_window` turns it back on), and on again whenever the window path returns.
"""

from __future__ import annotations

import atexit
import builtins
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn


def window_path(arguments: Sequence[str]) -> tuple[bool, str | None]:
    """(True, the folder or file to open, or None for the last one) when ``arguments`` only ask
    for the window; (False, None) when the command line must read them."""
    if not arguments:
        return True, None
    if len(arguments) != 1:
        return False, None
    text = arguments[0]
    separators = {os.sep, os.altsep} - {None}
    if text.startswith("-") or not any(sep in text for sep in separators):
        return False, None  # an option, a command name, or a bare name: the command line decides
    path = Path(text).expanduser()
    if not (path.is_dir() or path.is_file()):
        return False, None  # the command line says why it cannot be opened
    return True, str(path.resolve())


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``copydesk``; returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    window, path = window_path(arguments)
    if window:
        from editor.core.scan_child import start_launch_scan

        early = start_launch_scan(path)  # (see the module's docstring)
        collecting = gc.isenabled()
        gc.disable()  # until the first paint (see the module's docstring)
        plain_import = builtins.__import__  # Python's own, unless PySide6 is imported already
        try:
            from editor.ui.pyside_imports import unhooked_imports

            with unhooked_imports(plain_import):  # (editor.ui.pyside_imports says why)
                from editor.app import main as app_main
        except ImportError:
            pass  # the command line gives the message ("the window cannot start: …")
        else:
            return app_main(path, early_scan=early)
        finally:
            if early is not None:
                early.stop()  # never outlives the window (nor runs on for the command line)
            if collecting:
                gc.enable()
    looked = None
    if arguments[:1] == ["list"]:
        from editor.cli_kept import quick_list

        try:
            answered = quick_list(arguments[1:])  # (see editor.cli_kept)
        except KeyboardInterrupt:
            return 130
        if isinstance(answered, int):
            if argv is None:
                end_process(answered, arguments)
            return answered
        looked = answered  # the look it took, when the desk changed: the listing's first
    from editor.cli import main as cli_main

    status = cli_main(arguments, looked=looked)
    if argv is None:  # the process's own command line: end as the command says
        end_process(status, arguments)
    return status


# Commands whose process ends without the interpreter's teardown (:func:`end_process`): they read,
# and what they write (the index cache, the kept listing) is closed before they return.
QUICK_END_COMMANDS = frozenset({"list"})


def end_process(status: int, arguments: Sequence[str]) -> NoReturn:
    """End the ``copydesk`` process with ``status`` once the command ``arguments`` ran.

    After ``list`` (:data:`QUICK_END_COMMANDS`), with no thread but the main one left, the
    interpreter's teardown is skipped: freeing every module and object the listing made took
    15-25 ms of a cold 10k listing's ~0.45 s and of a warm one's ~0.1 s, after its last byte was
    written. What an exit must still do is done first: the ``atexit`` functions, then stdout and
    stderr flushed. A flush that fails (the reader went away) leaves the usual exit to say so,
    as it always did; so does any other command."""
    threading = sys.modules.get("threading")
    alone = threading is None or threading.active_count() == 1
    if arguments[:1] and arguments[0] in QUICK_END_COMMANDS and alone:
        atexit._run_exitfuncs()
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        else:
            os._exit(status)
    sys.exit(status)

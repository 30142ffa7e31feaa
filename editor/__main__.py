from __future__ import annotations

import sys

# Guarded: a spawned index reader process imports this module (as __mp_main__) and must not start the
# app again, nor import the command line it does not use (each reader of a `python -m editor list`
# paid for editor.cli and its modules). In a frozen build those processes run this script, and
# freeze_support() turns them into workers before main() is reached; elsewhere it does nothing, so
# multiprocessing (6 ms of every command's start-up) is imported only there. ``python -m editor``
# is the ``copydesk`` command (editor.entry): the window, a warm ``list --json`` answered before
# the command line is imported, or the command line.
if __name__ == "__main__":
    from editor.entry import end_process, main

    if getattr(sys, "frozen", False):
        import multiprocessing

        multiprocessing.freeze_support()
    end_process(main(), sys.argv[1:])

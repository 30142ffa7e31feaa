from __future__ import annotations

import multiprocessing
import sys

from editor.cli import main

# Guarded: a spawned index reader process imports this module (as __mp_main__) and must not start the
# app again. In a frozen build those processes run this script, and freeze_support() turns them into
# workers before main() is reached.
if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())

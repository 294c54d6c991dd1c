"""`python -m bra_desktop` is the same as the `bra-desktop` command."""

import multiprocessing
import sys

from bra_desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the frozen app runs its export process through this entry
    sys.exit(main())

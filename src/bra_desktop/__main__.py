"""`python -m bra_desktop` is the same as the `bra-desktop` command."""

import sys

from bra_desktop.cli import main

sys.exit(main())

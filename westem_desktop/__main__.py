"""`python -m westem_desktop` runs the same entry point as the `westem-desktop` command."""

import sys

from westem_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())

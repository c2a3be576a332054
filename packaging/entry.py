"""The frozen application's entry point (packaging/westem-desktop.spec): the same as `westem-desktop`."""

import sys

from westem_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""Run the command line: ``python -m clientcheck report answers.json``."""

import sys

from clientcheck.cli import main

sys.exit(main())

"""``python -m segur_numerique.cli``."""

import sys

from segur_numerique.cli import main

sys.exit(main())

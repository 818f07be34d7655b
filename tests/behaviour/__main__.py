"""`python -m tests.behaviour`: the pass-rate table (see run.py)."""

import sys

from .run import main

sys.exit(main())

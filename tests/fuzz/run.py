"""Run the differential fuzzer from the command line.

    python tests/fuzz/run.py --programs 10000 --seed 0 [--modes grad,jvp] [--without early_return]
                             [--jobs 2] [--save [N]]

prints the summary table (verdicts per mode and per feature, distinct failure and refusal
messages) and exits 1 when any check is wrong or crashed.  ``--save`` shrinks the first example of
each distinct failure (at most N) and writes it to ``tests/fuzz/regressions/``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``fuzz`` importable from tests/
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from fuzz.cli import main
else:
    from .cli import main

if __name__ == "__main__":
    sys.exit(main(argparse.ArgumentParser(prog="tests/fuzz/run.py", description=__doc__.split("\n\n")[0]),
                  time.monotonic()))

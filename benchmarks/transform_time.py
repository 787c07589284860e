"""CPU time of the transform per mode, on the test suite's kind of work (speed23).

    python benchmarks/transform_time.py [--rounds 3] [--rows 200] [--profile N] [--order tottime]

The test suite spends most of its time in ``pipeline.differentiate`` on small functions: rule
table rows and zoo functions, each differentiated in a few modes.  This times the same: every
``len(TABLE) // rows``-th row of the rule table (``tests/rules``) and every function of
``tests/zoo.py``, each as ``grad`` (the generic transform: ``grad``), called on its sample
arguments, then specialized to them (``source_for``, as a signature's ``HOT``-th call builds it:
``specialized``), then
``value_and_grad``, ``jvp`` and ``vjp`` sources (``tangentish.source``).  A transform a mode
refuses (a row forward mode does not cover...) is counted as the time it took to refuse.  The
derivative cache is cleared before each round (the persistent one, ``TANGENTISH_CACHE_DIR``, is
unset); a first round (imports, templates parsed on first use) is not counted.  Prints, per mode,
the CPU milliseconds per function (the median of the rounds) and the round's total; with
``--profile N``, one more round under :mod:`cProfile` (CPU clock) and its ``N`` most expensive
functions.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import os
import pstats
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.pop("TANGENTISH_CACHE_DIR", None)
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import numpy as np  # noqa: E402
import zoo  # noqa: E402
from rules import TABLE  # noqa: E402
from test_rules import make_args  # noqa: E402

import tangentish  # noqa: E402
from tangentish.cache import CACHE  # noqa: E402
from tangentish.errors import TangentishError  # noqa: E402

MODES = ("grad", "specialized", "value_and_grad", "jvp", "vjp")


def cases(rows: int) -> list[tuple]:
    """(function, wrt, arguments): every ``len(TABLE) // rows``-th row, then the zoo."""
    step = max(1, len(TABLE) // rows)
    found = [(row.fn, row.wrt, make_args(row)) for row in TABLE[::step]]
    rng = np.random.default_rng(0)
    return found + [(fn, wrt, zoo.SAMPLES[fn.__name__](rng)) for fn, wrt in zoo.ZOO]


def _timed(spent: dict[str, float], mode: str, work: Callable[[], Any]) -> bool:
    """Run ``work``, adding its CPU time to ``spent[mode]``; whether it was not refused (a
    refusal is a transform's answer too: its time counts)."""
    start = time.process_time()
    done = True
    try:
        work()
    except TangentishError:
        done = False
    spent[mode] += time.process_time() - start
    return done


def one_round(every: list[tuple]) -> dict[str, float]:
    """Every transform of the set from an empty cache; CPU seconds per mode."""
    CACHE.clear()
    spent = dict.fromkeys(MODES, 0.0)
    for fn, wrt, args in every:
        call = functools.partial(_call, fn, wrt, args)
        if _timed(spent, "grad", call):
            _timed(spent, "specialized", functools.partial(_specialize, fn, wrt, args))
        for mode in ("value_and_grad", "jvp", "vjp"):
            _timed(spent, mode, functools.partial(tangentish.source, fn, wrt, mode=mode))
    return spent


def _call(fn: Callable, wrt: Any, args: list) -> Any:
    return tangentish.grad(fn, wrt)(*args)


def _specialize(fn: Callable, wrt: Any, args: list) -> Any:
    """The derivative specialized to ``args``, built as a signature's ``HOT``-th call builds it."""
    return tangentish.grad(fn, wrt).source_for(*args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--profile", type=int, default=0)
    parser.add_argument("--order", default="tottime")
    options = parser.parse_args()
    np.seterr(all="ignore")
    warnings.simplefilter("ignore")
    every = cases(options.rows)
    one_round(every)  # (imports, templates parsed on first use: not counted)
    rounds = [one_round(every) for _ in range(options.rounds)]
    print(f"{len(every)} functions, {options.rounds} rounds, CPU ms per function (median):")
    for mode in MODES:
        print(f"  {mode:15} {statistics.median(r[mode] for r in rounds) * 1e3 / len(every):7.2f}")
    totals = [sum(r.values()) for r in rounds]
    print(f"  {'round':15} {statistics.median(totals) * 1e3:7.0f} ms (best "
          f"{min(totals) * 1e3:.0f})")
    if options.profile:
        profile = cProfile.Profile(time.process_time)
        profile.runcall(one_round, every)
        text = io.StringIO()
        pstats.Stats(profile, stream=text).sort_stats(options.order).print_stats(options.profile)
        print(text.getvalue())


if __name__ == "__main__":
    main()

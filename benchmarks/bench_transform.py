"""The transform itself in a warm process (issue 12; the test suite's time is mostly this).

    python benchmarks/bench_transform.py [--rounds 5] [--profile N] [--clock cpu|wall]

Imports tangentish, runs the whole set once (imports, rule templates parsed on first use), then
times ``--rounds`` rounds of the set with the derivative cache cleared before each round
(``tangentish.cache.CACHE.clear()``; the persistent cache, ``TANGENTISH_CACHE_DIR``, is unset for
this process; one BLAS thread).  The set: every benchmark workload and the test zoo's functions
(``tests/zoo.py``), each as ``grad`` called on sample arguments (the generic transform), then the
one specialized to those arguments' signature (``source_for``, as ``tangentish.specialize`` builds
it on a signature's ``HOT``-th call), plus the zoo's ``jvp`` and ``vjp`` sources.  Prints the best
and the median round (CPU time by default: other processes' time on a shared machine is not counted)
and the transforms per round.  With ``--profile N``, one more round under :mod:`cProfile` and its
``N`` most expensive functions by own time and by cumulative time (call counts are exact: compare
them before and after a change when the machine is too busy for times).  ``--cases N`` keeps the
first ``N`` functions only: a set small enough to count instructions under valgrind (``valgrind
--tool=callgrind python benchmarks/bench_transform.py --rounds 1 --cases 20``).

The generated derivatives are the same whatever this measures; what it measures is how long
producing them takes (parse, passes, generating the text, compiling it).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
from pathlib import Path

os.environ.pop("TANGENTISH_CACHE_DIR", None)
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # (the derivatives' calls: small and steady)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import numpy as np  # noqa: E402
import timing  # noqa: E402
import workloads  # noqa: E402
import zoo  # noqa: E402

import tangentish  # noqa: E402
from tangentish.cache import CACHE  # noqa: E402


def cases() -> list[tuple]:
    """(function, wrt, arguments or None) per ``grad``; the zoo's also by ``jvp``/``vjp``."""
    rng = np.random.default_rng(0)
    found = [(w.fn, w.wrt, w.build(w.sizes[0], rng)) for w in workloads.WORKLOADS]
    found.append((workloads.thirty_lines, (0, 1), workloads.thirty_lines_inputs(rng)))
    found += [(fn, wrt, zoo.SAMPLES[fn.__name__](rng)) for fn, wrt in zoo.ZOO]
    return found


def one_round(every: list[tuple]) -> int:
    """Every transform of the set, from an empty cache; how many were built."""
    CACHE.clear()
    for fn, wrt, args in every:
        derivative = tangentish.grad(fn, wrt)
        derivative(*args)
        derivative.source_for(*args)  # (the specialization, as a signature's HOT-th call builds it)
    for fn, wrt in [(fn, wrt) for fn, wrt, _ in every if (fn, wrt) in zoo.ZOO]:
        tangentish.source(fn, wrt, mode="jvp")
        tangentish.source(fn, wrt, mode="vjp")
    return CACHE.stats.misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", type=int, default=0)
    parser.add_argument("--clock", choices=sorted(timing.CLOCKS), default="cpu")
    parser.add_argument("--cases", type=int, default=0, help="only the first N functions")
    options = parser.parse_args()
    np.seterr(all="ignore")
    every = cases()[:options.cases or None]
    now = timing.clock(options.clock)
    built = one_round(every)  # (imports, templates parsed on first use: not counted)
    times = []
    for _ in range(options.rounds):
        start = now()
        one_round(every)
        times.append(now() - start)
    if not times:
        return
    print(f"transform set: {len(every)} grad (+ specialized) and the zoo's jvp and vjp "
          f"sources, {built} cache misses a round; {options.clock} time, {options.rounds} rounds: "
          f"best {min(times) * 1e3:.0f} ms, median {statistics.median(times) * 1e3:.0f} ms")
    if options.profile:
        profile = cProfile.Profile()
        profile.runcall(one_round, every)
        for order in ("tottime", "cumulative"):
            text = io.StringIO()
            pstats.Stats(profile, stream=text).sort_stats(order).print_stats(options.profile)
            print(text.getvalue())


if __name__ == "__main__":
    main()

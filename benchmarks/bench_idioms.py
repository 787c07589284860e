"""tangentish against hand-written NumPy gradients on workloads it was not tuned for.

The issue-12 table (``run.py``) measures eight workloads the optimizer was developed against;
this one measures twenty-eight others (:mod:`idioms`, :mod:`idioms_more`, :mod:`idioms_extra`),
written as people write NumPy, at two sizes each.  Before timing, every hand-written gradient is
checked against tangentish's and both against central finite differences (the smaller size).
Then each row times the hand-written gradient and tangentish's (the derivative specialized to
the arguments, as every call after the first runs) in interleaved rounds in one process, and
prints the median ratio.

    python benchmarks/bench_idioms.py [--rounds 9] [--only xent,huber] [--clock cpu|wall]
"""

from __future__ import annotations

import argparse
import statistics
import sys

import idioms
import idioms_extra
import idioms_more
import numpy as np
from timing import interleave

import tangentish

WORK = idioms.WORK + idioms_more.WORK + idioms_extra.WORK
SIZES = {**idioms.SIZES, **idioms_more.SIZES, **idioms_extra.SIZES}


def _numeric(fn, args, position, step=1e-6):
    """Central finite differences of ``fn`` in the float argument at ``position``."""
    base = np.array(args[position], dtype=float)
    grad = np.zeros_like(base)
    for index in np.ndindex(base.shape):
        plus, minus = base.copy(), base.copy()
        plus[index] += step
        minus[index] -= step
        high = fn(*[plus if i == position else a for i, a in enumerate(args)])
        low = fn(*[minus if i == position else a for i, a in enumerate(args)])
        grad[index] = (high - low) / (2 * step)
    return grad


def _as_tuple(value):
    return value if isinstance(value, tuple) else (value,)


def check(name, fn, hand, make, wrt) -> None:
    """The hand-written gradient agrees with tangentish's and with finite differences."""
    args = make(SIZES.get(name, (10,))[0], np.random.default_rng(1))
    ours = _as_tuple(tangentish.grad(fn, wrt)(*args))
    theirs = _as_tuple(hand(*args))
    for position, a, b in zip(_as_tuple(wrt), ours, theirs, strict=True):
        numeric = _numeric(fn, args, position)
        for label, value in (("tangentish", a), ("hand-written", b)):
            if not np.allclose(value, numeric, rtol=1e-5, atol=1e-6):
                raise SystemExit(f"{name}: the {label} gradient of argument {position} is wrong")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--only", default="")
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu")
    options = parser.parse_args(argv)
    only = set(filter(None, options.only.split(",")))
    print("| workload | size | hand-written | tangentish | tangentish/hand |")
    print("|---|---|---:|---:|---:|")
    ratios = []
    for name, fn, hand, make, wrt in WORK:
        if only and name not in only:
            continue
        check(name, fn, hand, make, wrt)
        for size in SIZES.get(name, (10, 10000)):
            args = make(size, np.random.default_rng(1))
            derivative = tangentish.grad(fn, wrt)
            derivative(*args)  # (the generic derivative; the warm-up's calls specialize it)
            times = interleave({"hand": lambda h=hand, a=args: h(*a),
                                "ours": lambda d=derivative, a=args: d(*a)},
                               options.rounds, options.clock)
            ratio = statistics.median(o / h for o, h in zip(times["ours"], times["hand"],
                                                             strict=True))
            ratios.append(ratio)
            print(f"| {name} | {size} | {statistics.median(times['hand']) * 1e6:.1f} us "
                  f"| {statistics.median(times['ours']) * 1e6:.1f} us | {ratio:.2f}x |",
                  flush=True)
    if ratios:
        print(f"\nmedian ratio {statistics.median(ratios):.2f}x, worst {max(ratios):.2f}x, "
              f"{sum(r <= 1.1 for r in ratios)} of {len(ratios)} rows within 1.1x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

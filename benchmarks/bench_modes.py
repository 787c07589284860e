"""One function's transforms in a row: grad, then value_and_grad, jvp and vjp (speed20).

    python benchmarks/bench_modes.py [--rounds 5]

Each function of the test zoo (``tests/zoo.py``), with the derivative cache cleared before it
(``CACHE.clear()``, which forgets the kept front halves too), is built as the ``grad`` source,
then the ``value_and_grad``, ``jvp`` and ``vjp`` sources (``tangentish.source``): the later ones
are what a user asking for another mode of a function already differentiated pays, and what the
shared front half (:mod:`tangentish.front`) saves.  A mode that refuses a function counts the
time it took to refuse.  Prints the CPU milliseconds per mode (summed over the functions, the
median of the rounds, after a first round not counted: imports, rules parsed on first use).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import zoo  # noqa: E402

import tangentish  # noqa: E402
from tangentish.cache import CACHE  # noqa: E402

MODES = ("grad", "value_and_grad", "jvp", "vjp")


def one_round() -> dict[str, float]:
    spent = dict.fromkeys(MODES, 0.0)
    for fn, wrt in zoo.ZOO:
        CACHE.clear()
        for mode in MODES:
            start = time.process_time()
            with contextlib.suppress(tangentish.TangentishError):
                tangentish.source(fn, wrt, mode=mode)
            spent[mode] += time.process_time() - start
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    one_round()
    found = [one_round() for _ in range(rounds)]
    cells = [f"{mode} {statistics.median(r[mode] for r in found) * 1000:.0f} ms" for mode in MODES]
    total = statistics.median(sum(r.values()) for r in found) * 1000
    print(", ".join(cells), f"; total {total:.0f} ms ({len(zoo.ZOO)} functions)")


if __name__ == "__main__":
    main()

"""Latency of the API itself (issue 12): the first ``grad()``, a cached ``grad()``, the call wrapper.

    python benchmarks/bench_latency.py [--samples 5] [--rounds 11] [--clock cpu|wall]
                                       [--part all|first|cached]

Prints (1) the first ``grad()`` in a fresh interpreter, ``import tangentish`` included (NumPy is
imported before the clock starts: the user's code imports it anyway), the median of ``--samples``
processes, for a small function (``scalar20``) and the 30-line one; and whether that process
imported SciPy; (2) a cached ``grad(f)``; (3) one call of the derivative against one call of the
generated function it wraps, at scalar inputs (where the wrapper weighs most), and their
difference; (2) and (3) interleaved round by round, the best round and the median (on a machine
whose speed swings the best round is the steadier figure).  Targets: first ``grad()`` <= 30 ms,
cached <= 3 us, the wrapper small.

The fresh processes may write bytecode (``PYTHONDONTWRITEBYTECODE`` is unset for them, and
``PYTHONPYCACHEPREFIX`` points to a private cache unless set), as an installed package has it:
the first of them compiles and is not counted.

Which tangentish is measured is whichever ``import tangentish`` finds (``PYTHONPATH`` decides),
in this process and in the fresh ones.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import timing
import workloads

_FRESH = """
import json, sys, time
sys.path.insert(0, {benchmarks!r})
import numpy
import workloads
fn = workloads.{name}
now = time.{clock}
start = now()
import tangentish
imported = now()
tangentish.grad(fn, wrt={wrt!r})
done = now()
print(json.dumps([imported - start, done - imported, "scipy" in sys.modules]))
"""


def _environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("PYTHONPYCACHEPREFIX", os.path.join(tempfile.gettempdir(),
                                                       "tangentish-bench-pycache"))
    return env


def fresh_first_grad(name: str, wrt: object, samples: int, clock_name: str) -> tuple:
    """Medians over ``samples`` fresh processes of (import tangentish, first grad), and whether
    any of them imported SciPy."""
    runs = []
    for _ in range(samples + 1):
        code = _FRESH.format(benchmarks=timing.BENCHMARKS, name=name, wrt=wrt,
                             clock=timing.CLOCKS[clock_name])
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                timeout=120, check=False, env=_environment())
        if result.returncode != 0:
            raise RuntimeError(result.stderr.strip().splitlines()[-1])
        runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
    runs = runs[1:]  # the first may have compiled the bytecode
    return (timing.median([r[0] for r in runs]), timing.median([r[1] for r in runs]),
            any(r[2] for r in runs))


def first_grads(samples: int, clock_name: str) -> None:
    print(f"== first grad() in a fresh process (median of {samples}, {clock_name} clock) ==")
    for fn, wrt in ((workloads.scalar20, (0, 1)), (workloads.thirty_lines, (0, 1))):
        lines = len(inspect.getsource(fn).splitlines())
        imported, first, scipy = fresh_first_grad(fn.__name__, wrt, samples, clock_name)
        print(f"{fn.__name__:<13} ({lines:>2} lines): import {imported * 1e3:7.1f} ms + first "
              f"grad {first * 1e3:7.1f} ms = {(imported + first) * 1e3:7.1f} ms"
              f"   scipy imported: {'yes' if scipy else 'no'}")


def cached_and_wrapper(rounds: int, clock_name: str) -> None:
    import tangentish

    print(f"== cached grad() and the call wrapper ({rounds} interleaved rounds: best / median) ==")
    fn, wrt = workloads.scalar20, (0, 1)
    derivative = tangentish.grad(fn, wrt=wrt)
    raw = inspect.unwrap(derivative)
    x, y = workloads.scalar20_inputs(1, np.random.default_rng(0))
    samples = timing.interleave({"grad": lambda: tangentish.grad(fn, wrt=wrt),
                                 "wrapped": lambda: derivative(x, y), "raw": lambda: raw(x, y)},
                                rounds, clock_name)
    for key, label in (("grad", "cached grad(scalar20)"), ("wrapped", "derivative(x, y), scalars"),
                       ("raw", "generated function alone")):
        print(f"{label + ':':<30}{min(samples[key]) * 1e6:7.2f} us / "
              f"{timing.median(samples[key]) * 1e6:7.2f} us")
    best = min(samples["wrapped"]) - min(samples["raw"])
    per_round = [w - r for w, r in zip(samples["wrapped"], samples["raw"], strict=True)]
    print(f"{'wrapper overhead per call:':<30}{best * 1e6:7.2f} us / "
          f"{timing.median(per_round) * 1e6:7.2f} us  (best: of the best rounds; median: of the "
          "rounds' differences)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=5, help="fresh processes per function")
    parser.add_argument("--rounds", type=int, default=11, help="interleaved rounds")
    parser.add_argument("--clock", choices=tuple(timing.CLOCKS), default="cpu")
    parser.add_argument("--part", choices=("all", "first", "cached"), default="all")
    options = parser.parse_args(argv)
    if options.part in ("all", "first"):
        first_grads(options.samples, options.clock)
    if options.part in ("all", "cached"):
        cached_and_wrapper(options.rounds, options.clock)
    return 0


if __name__ == "__main__":
    sys.exit(main())

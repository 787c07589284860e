"""Latency of the API itself (issue 12): the first ``grad()``, a cached ``grad()``, the call wrapper.

    python benchmarks/bench_latency.py [--samples 5] [--rounds 11] [--clock cpu|wall]
                                       [--part all|first|cached] [--bytecode both|yes|no]

Prints (1) the first ``grad()`` in a fresh interpreter, ``import tangentish`` included (NumPy is
imported before the clock starts: the user's code imports it anyway), the median of ``--samples``
processes, for a small function (``scalar20``) and the 30-line one; and whether that process
imported SciPy; (2) a cached ``grad(f)``; (3) one call of the derivative against one call of the
generated function it wraps, at scalar inputs (where the wrapper weighs most), and their
difference (the generated function the wrapper runs for them: the one specialized to
scalars); (2) and (3) interleaved round by round, the best round and the median (on a machine
whose speed swings the best round is the steadier figure).  Targets: first ``grad()`` <= 30 ms,
cached <= 3 us, the wrapper small.

The first ``grad()`` is measured twice per function (``--bytecode yes`` or ``no`` picks one):

- **with bytecode**, as an installed package has it: the fresh processes may write bytecode
  (``PYTHONDONTWRITEBYTECODE`` is unset for them, and ``PYTHONPYCACHEPREFIX`` points to a private
  cache unless set); the first of them compiles and is not counted.  This is the figure the
  target is about.
- **from source**: ``PYTHONDONTWRITEBYTECODE=1`` and an empty
  ``PYTHONPYCACHEPREFIX``, so every module imported once the clock runs (tangentish's, and the
  standard library's it brings) is compiled from its source, as in an environment that sets
  ``PYTHONDONTWRITEBYTECODE`` over a tree without ``__pycache__``.

A third row per function is the first ``grad()`` served by the persistent cache
(``TANGENTISH_CACHE_DIR`` set to a fresh temporary directory, with bytecode): the first process
stores the derivative and is not counted, the others read it.

Which tangentish is measured is whichever ``import tangentish`` finds (``PYTHONPATH`` decides),
in this process and in the fresh ones (which run in an empty directory: ``python -c`` puts the
working directory first on ``sys.path``, so from a repository's root they measured that tree
whatever ``PYTHONPATH`` said).
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import subprocess
import sys
import tempfile

import machine
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


def _environment(bytecode: bool, empty: str, cache: str | None = None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONDONTWRITEBYTECODE", "TANGENTISH_CACHE_DIR")}
    if cache is not None:
        env["TANGENTISH_CACHE_DIR"] = cache
    if not bytecode:
        env.update(PYTHONDONTWRITEBYTECODE="1", PYTHONPYCACHEPREFIX=empty)
    env.setdefault("PYTHONPYCACHEPREFIX", os.path.join(tempfile.gettempdir(),
                                                       "tangentish-bench-pycache"))
    # One BLAS thread, as in the benchmark's other measurements: OpenBLAS starts a worker thread
    # when NumPy is imported, and that worker's spinning counted on the CPU clock (it doubled
    # the figure: 120 ms of CPU for 60 ms of wall time).
    env.update(dict.fromkeys(machine.THREAD_VARIABLES, "1"))
    return env


def fresh_first_grad(name: str, wrt: object, samples: int, clock_name: str,
                     bytecode: bool = True, cached: bool = False) -> tuple:
    """Medians over ``samples`` fresh processes of (import tangentish, first grad), and whether
    any of them imported SciPy; with bytecode, or every module compiled from source; with
    ``cached``, served by the persistent cache (the uncounted first process fills it)."""
    runs = []
    with tempfile.TemporaryDirectory() as empty:
        cache = os.path.join(empty, "derivatives") if cached else None
        for _ in range(samples + 1):
            runs.append(_fresh_run(name, wrt, clock_name, _environment(bytecode, empty, cache),
                                   empty))
    runs = runs[1:]  # the first may have compiled the bytecode
    return (timing.median([r[0] for r in runs]), timing.median([r[1] for r in runs]),
            any(r[2] for r in runs))


def _fresh_run(name: str, wrt: object, clock_name: str, env: dict[str, str], folder: str) -> list:
    code = _FRESH.format(benchmarks=timing.BENCHMARKS, name=name, wrt=wrt,
                         clock=timing.CLOCKS[clock_name])
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, check=False, env=env, cwd=folder)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1])
    return json.loads(result.stdout.strip().splitlines()[-1])


def first_grads(samples: int, clock_name: str, bytecode: str = "both") -> None:
    print(f"== first grad() in a fresh process (median of {samples}, {clock_name} clock) ==")
    kinds = {"yes": ((True, False),), "no": ((False, False),),
             "both": ((True, False), (False, False))}[bytecode] + ((True, True),)
    for fn, wrt in ((workloads.scalar20, (0, 1)), (workloads.thirty_lines, (0, 1))):
        lines = len(inspect.getsource(fn).splitlines())
        for with_bytecode, cached in kinds:
            imported, first, scipy = fresh_first_grad(fn.__name__, wrt, samples, clock_name,
                                                      with_bytecode, cached)
            how = "disk cache" if cached else "with bytecode" if with_bytecode else "from source"
            print(f"{fn.__name__:<13} ({lines:>2} lines, {how:<13}): import "
                  f"{imported * 1e3:7.1f} ms + first grad {first * 1e3:7.1f} ms = "
                  f"{(imported + first) * 1e3:7.1f} ms   scipy imported: "
                  f"{'yes' if scipy else 'no'}")


def cached_and_wrapper(rounds: int, clock_name: str) -> None:
    import tangentish

    print(f"== cached grad() and the call wrapper ({rounds} interleaved rounds: best / median) ==")
    fn, wrt = workloads.scalar20, (0, 1)
    derivative = tangentish.grad(fn, wrt=wrt)
    x, y = workloads.scalar20_inputs(1, np.random.default_rng(0))
    raw = _function_run(derivative, (x, y))
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


def _function_run(derivative, args: tuple):
    """The generated function a call of ``derivative`` with ``args`` runs once it is hot: the one
    specialized to their shapes and dtypes when there is one (the generic one, which
    ``inspect.unwrap`` gives, is several times slower at scalars: against it the wrapper's cost
    came out negative)."""
    special = getattr(derivative, "specializations", None)
    if special is None:
        return inspect.unwrap(derivative)
    for _ in range(100):  # (past specialize.HOT calls: the specialized function is built)
        derivative(*args)
    return special.function(args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=5, help="fresh processes per function")
    parser.add_argument("--rounds", type=int, default=11, help="interleaved rounds")
    parser.add_argument("--clock", choices=tuple(timing.CLOCKS), default="cpu")
    parser.add_argument("--part", choices=("all", "first", "cached"), default="all")
    parser.add_argument("--bytecode", choices=("both", "yes", "no"), default="both",
                        help="first grad() with bytecode, from source, or both")
    options = parser.parse_args(argv)
    if options.part in ("all", "first"):
        first_grads(options.samples, options.clock, options.bytecode)
    if options.part in ("all", "cached"):
        cached_and_wrapper(options.rounds, options.clock)
    return 0


if __name__ == "__main__":
    sys.exit(main())

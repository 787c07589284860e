"""Measurement: interleaved rounds and medians, peak memory, first and cached ``grad()``.

- :func:`interleave` times every candidate of a row in the same process, round by round (the
  order rotates each round), each timing a batch of calls long enough to take ``target`` seconds
  (about 1 ms or more), with the garbage collector off during a batch as :mod:`timeit` does.
  Neighbouring batches of a round see the same machine, so the report takes ratios round by
  round and gives their median (``report.Row.ratio``).
- The clock is the process's CPU time by default (``clock="cpu"``, :func:`time.process_time`, all
  of its threads): on a machine shared with other work, time the CPU spent on other processes
  is not counted (cache and memory-bandwidth contention still is).  For single-threaded NumPy
  on an idle machine it equals wall time; ``clock="wall"`` uses :func:`time.perf_counter`.
- :func:`peak_bytes` is the peak of memory allocated during one call, as tracemalloc sees it
  (NumPy reports its array buffers to tracemalloc).
- :func:`first_grads` runs a fresh interpreter per sample (round-robin over the functions):
  import NumPy, import tangentish, first ``tangentish.grad(f)`` (the transform, nothing cached,
  lazy imports included: the persistent cache, ``TANGENTISH_CACHE_DIR``, is left unset).  Each
  runs in an empty directory: ``python -c`` puts the working directory first on ``sys.path``, so
  from a repository's root it would time that tree's tangentish whatever ``PYTHONPATH`` says.
  With bytecode, as an installed package has it: ``PYTHONDONTWRITEBYTECODE`` is unset for them
  and ``PYTHONPYCACHEPREFIX`` points to a private cache unless set, and a first process per
  function compiles and is not counted (with ``PYTHONDONTWRITEBYTECODE=1`` inherited, every
  process compiled every module from its source: 300 ms instead of 60);
  :func:`warm_transform` times the transform alone in a process that has run one already;
  :func:`cached_grad` times ``grad(f)`` once its derivative is cached.
"""

from __future__ import annotations

import gc
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import types
from collections.abc import Callable
from pathlib import Path

from tangentish.specialize import HOT

BENCHMARKS = str(Path(__file__).resolve().parent)
CLOCKS = {"cpu": "process_time", "wall": "perf_counter"}


def clock(name: str) -> Callable[[], float]:
    return getattr(time, CLOCKS[name])


def _batch(call: Callable[[], object], number: int, now: Callable[[], float]) -> float:
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = now()
        for _ in range(number):
            call()
        return now() - start
    finally:
        if enabled:
            gc.enable()


def calibrate(call: Callable[[], object], target: float,
              now: Callable[[], float]) -> tuple[int, float]:
    """How many calls make a batch of about ``target`` seconds, and one call's estimated time."""
    for _ in range(HOT):  # warm up (caches, lazy imports; a derivative's HOT-th call with one
        call()            # signature builds the code later calls run: tangentish/specialize.py)
    number, elapsed = 1, _batch(call, 1, now)
    while elapsed < target and number < 1 << 22:
        number = max(number * 2, math.ceil(number * 1.2 * target / max(elapsed, 1e-9)))
        elapsed = _batch(call, number, now)
    return number, elapsed / number


def interleave(candidates: dict[str, Callable[[], object]], rounds: int, clock_name: str = "cpu",
               target: float = 2e-3, budget: float = 60.0) -> dict[str, list[float]]:
    """Per-call seconds of each candidate, one value per round.  Fewer rounds (at least 3) when
    ``rounds`` of them would take longer than ``budget`` seconds."""
    now = clock(clock_name)
    numbers, per_round = {}, 0.0
    for name, call in candidates.items():
        numbers[name], one = calibrate(call, target, now)
        per_round += numbers[name] * one
    rounds = max(3, min(rounds, int(budget / max(per_round, 1e-9))))
    names = list(candidates)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(_batch(candidates[name], numbers[name], now) / numbers[name])
    return samples


def median(values: list[float]) -> float:
    return statistics.median(values)


def peak_bytes(call: Callable[[], object]) -> int:
    """Peak memory allocated while ``call()`` runs (after one warm-up call), in bytes."""
    call()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = call()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    del result
    return peak - before


_FIRST_GRAD = """
import json, sys, time
now = time.{clock}
t0 = now()
import numpy
t1 = now()
import tangentish
t2 = now()
sys.path.insert(0, {benchmarks!r})
import workloads
fn = getattr(workloads, {name!r})
t3 = now()
tangentish.grad(fn, wrt={wrt!r})
t4 = now()
print(json.dumps([t1 - t0, t2 - t1, t4 - t3]))
"""


def _fresh_process(function_name: str, wrt: object, clock_name: str) -> list[float]:
    code = _FIRST_GRAD.format(benchmarks=BENCHMARKS, name=function_name, wrt=wrt,
                              clock=CLOCKS[clock_name])
    env = {key: value for key, value in os.environ.items()
           if key not in ("TANGENTISH_CACHE_DIR", "PYTHONDONTWRITEBYTECODE")}
    env.setdefault("PYTHONPYCACHEPREFIX", os.path.join(tempfile.gettempdir(),
                                                       "tangentish-bench-pycache"))
    with tempfile.TemporaryDirectory() as empty:  # (see the module docstring)
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                timeout=120, env=env, cwd=empty, check=False)
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines()
        raise RuntimeError(lines[-1] if lines else f"exit status {result.returncode}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def first_grads(functions: list[tuple[str, object]], samples: int,
                clock_name: str = "cpu") -> dict[str, dict | str]:
    """For each ``(name, wrt)`` of ``workloads``, medians over ``samples`` fresh processes, taken
    round-robin over the functions: ``numpy`` (its import), ``tangentish`` (its import on top of
    NumPy's) and ``grad`` (the first ``tangentish.grad`` call), in seconds; or the error text."""
    runs: dict[str, list | str] = {name: [] for name, _ in functions}
    for name, wrt in functions:  # (not counted: may compile the bytecode)
        try:
            _fresh_process(name, wrt, clock_name)
        except (RuntimeError, subprocess.TimeoutExpired, ValueError) as error:
            runs[name] = f"failed: {error}"
    for _ in range(samples):
        for name, wrt in functions:
            if isinstance(runs[name], str):
                continue
            try:
                runs[name].append(_fresh_process(name, wrt, clock_name))
            except (RuntimeError, subprocess.TimeoutExpired, ValueError) as error:
                runs[name] = f"failed: {error}"
    keys = ("numpy", "tangentish", "grad")
    return {name: values if isinstance(values, str) else
            {key: median([run[i] for run in values]) for i, key in enumerate(keys)}
            for name, values in runs.items()}


def warm_transform(fn: Callable, wrt: object, samples: int, clock_name: str = "cpu") -> float:
    """Median seconds of ``tangentish.grad`` on a fresh copy of ``fn`` in this process, where
    everything is imported already.  Each copy has a code object of its own (``code.replace()``:
    the same code, a new object), so the derivative is transformed again: a copy sharing ``fn``'s
    code would only be bound to the cached transform.  The copies are kept until the end (no code
    object's id is reused).  Helpers it calls keep their cached derivatives."""
    import tangentish

    now, times, copies = clock(clock_name), [], []
    for _ in range(samples):
        copy = types.FunctionType(fn.__code__.replace(), fn.__globals__, fn.__name__,
                                  fn.__defaults__, fn.__closure__)
        copies.append(copy)
        start = now()
        tangentish.grad(copy, wrt=wrt)
        times.append(now() - start)
    return median(times)


def cached_grad(fn: Callable, wrt: object, rounds: int, clock_name: str = "cpu") -> float:
    """Median seconds of ``tangentish.grad(fn, wrt=wrt)`` once its derivative is cached."""
    import tangentish

    tangentish.grad(fn, wrt=wrt)
    samples = interleave({"grad": lambda: tangentish.grad(fn, wrt=wrt)}, rounds, clock_name)
    return median(samples["grad"])

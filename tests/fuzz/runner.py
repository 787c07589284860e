"""Run programs: generate, load, find an accepted point, run every requested mode.

``run_program`` is a pure function of ``(seed, index, modes, without)`` and the implementation under
test.  A point is drawn up to ``ATTEMPTS`` times (a rejection names its reason: branch boundary,
kink, domain, ...); a program whose points are all rejected, or whose primal fails, is ``invalid``
in every mode.  ``run_many`` spreads programs over worker processes (recycled every
``RECYCLE`` programs, since every program leaves derivative functions and source text behind) and
returns results in program order, so the report does not depend on ``--jobs``.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from . import oracle
from .checks import Case, Outcome, prepare
from .gen_program import generate
from .modes import TIME_LIMIT, Hang, run_check, time_limit
from .plan import MODES, Plan, draw_plan
from .program import Program, draw_inputs, load, unload

ATTEMPTS = 3
RECYCLE = 40
PRIMAL_LIMIT = 30.0  # seconds for the primal and its finite differences at one point
MEMORY = 4 << 30  # bytes of address space per worker process: a runaway allocation is a MemoryError


@dataclass
class ProgramResult:
    program: Program
    outcomes: list[Outcome]
    plans: list[Plan | None] = field(default_factory=list)
    inputs: list[Any] | None = None
    rejections: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[int]:
        return [i for i, o in enumerate(self.outcomes) if o.verdict in ("wrong", "crash")]


def api_module() -> Any:
    import tangentish

    return tangentish


def find_case(program: Program, module: Any, seed: int, index: int) -> tuple[Case | None, list[str]]:
    """An accepted point for the program, and the reasons the rejected ones were rejected."""
    reasons = []
    for attempt in range(ATTEMPTS):
        inputs = draw_inputs(program, np.random.default_rng([seed, index, attempt]))
        try:
            with time_limit(PRIMAL_LIMIT):
                return prepare(program, module, inputs), reasons
        except oracle.Rejected as rejected:
            reasons.append(rejected.reason)
        except Hang:
            reasons.append("primal too slow")
            break
        except Exception as error:  # noqa: BLE001  (the program itself fails: not a finding)
            reasons.append(f"primal raised {type(error).__name__}")
            break
    return None, reasons


def check_program(program: Program, module: Any, modes: Iterable[str], api: Any, seed: int,
                  index: int, limit: float = TIME_LIMIT, deadline: float | None = None) -> ProgramResult:
    """The program's outcome in each mode; past ``deadline`` (a ``time.monotonic()``) the modes
    not yet run are left out (the first always runs), so a time budget holds within a program."""
    modes = list(modes)
    case, reasons = find_case(program, module, seed, index)
    if case is None:
        why = f"no usable point ({', '.join(reasons)})"
        return ProgramResult(program, [Outcome(m, "invalid", why) for m in modes], rejections=reasons)
    outcomes, plans = [], []
    for mode in modes:
        if deadline is not None and outcomes and time.monotonic() > deadline:
            break
        plan = draw_plan(program, mode, (seed, index, len(reasons), MODES.index(mode)))
        plans.append(plan)
        if plan is None:
            outcomes.append(Outcome(mode, "invalid", "not applicable (no float parameter of that kind)"))
        else:
            outcomes.append(run_check(case, plan, api, limit))
    return ProgramResult(program, outcomes, plans, case.inputs, reasons)


def run_program(seed: int, index: int, modes: Iterable[str] = MODES, without: Iterable[str] = (),
                api: Any = None, limit: float = TIME_LIMIT, deadline: float | None = None) -> ProgramResult:
    api = api if api is not None else api_module()
    program = generate(seed, index, without)
    with tempfile.TemporaryDirectory(prefix="tangentish-fuzz-") as folder:
        try:
            module = load(program, Path(folder), f"fz_{seed}_{index}")
        except Exception as error:  # noqa: BLE001  (a generator bug: counted, never hidden)
            why = f"program does not load ({type(error).__name__})"
            return ProgramResult(program, [Outcome(m, "invalid", why) for m in modes])
        try:
            return check_program(program, module, modes, api, seed, index, limit, deadline)
        finally:
            unload(module)


def limit_memory() -> None:
    """Cap this process's address space (worker processes; the command line with one job)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = MEMORY if hard == resource.RLIM_INFINITY else min(MEMORY, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _work(task: tuple) -> ProgramResult:
    # (the deadline holds in worker processes too: time.monotonic() is the machine's clock)
    seed, index, modes, without, deadline = task
    return run_program(seed, index, modes, without, deadline=deadline)


def run_many(seed: int, indices: Iterable[int], modes: Iterable[str] = MODES,
             without: Iterable[str] = (), jobs: int = 1, deadline: float | None = None,
             progress: Callable[[ProgramResult], None] | None = None) -> Iterator[ProgramResult]:
    """Results of the given programs in order (stopping at ``deadline``, a ``time.monotonic()``;
    the program running then checks no further mode)."""
    os.environ.setdefault("TANGENTISH_SOURCE_DIR", "")  # keep generated sources in memory
    tasks = ((seed, i, tuple(modes), tuple(without), deadline) for i in indices)
    if jobs <= 1:
        results: Iterable[ProgramResult] = map(_work, tasks)
        pool = None
    else:
        pool = multiprocessing.get_context("fork").Pool(jobs, limit_memory, maxtasksperchild=RECYCLE)
        results = pool.imap(_work, tasks, chunksize=2)
    try:
        for result in results:
            if progress is not None:
                progress(result)
            yield result
            if deadline is not None and time.monotonic() > deadline:
                break
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()

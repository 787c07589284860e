"""The differential fuzzer in the normal suite: a time-bounded run against tangentish, and every
saved regression.

``TANGENTISH_FUZZ_SECONDS`` (default 45) bounds the run, ``TANGENTISH_FUZZ_SEED`` (default 0) picks
the programs, ``TANGENTISH_FUZZ_SHRINK_SECONDS`` (default 30) bounds the shrinking of the first
failure, whose minimal program is in the failure message.  Any number of programs:
``python tests/fuzz/run.py --programs 10000 --jobs 2``.
"""

from __future__ import annotations

import itertools
import os
import time
from pathlib import Path

import pytest

import tangentish
from fuzz import regress
from fuzz.report import Summary
from fuzz.runner import run_many
from fuzz.shrink import shrink

REGRESSIONS = sorted(regress.FOLDER.glob("*.py"))


def test_fuzz_budget(monkeypatch):
    monkeypatch.setenv("TANGENTISH_SOURCE_DIR", "")
    seconds = float(os.environ.get("TANGENTISH_FUZZ_SECONDS", "45"))
    seed = int(os.environ.get("TANGENTISH_FUZZ_SEED", "0"))
    summary = Summary()
    for result in run_many(seed, itertools.count(), deadline=time.monotonic() + seconds):
        summary.add(result)
    checked = sum(c["ok"] + c["wrong"] + c["crash"] for c in summary.by_mode.values())
    assert checked > 0, summary.render()
    assert not summary.disagreements, summary.render(top=10)
    if summary.failures:
        pytest.fail(_failure_report(summary, seed), pytrace=False)


def _failure_report(summary: Summary, seed: int) -> str:
    key, (result, i) = next((k, e) for k, e in summary.examples.items()
                            if e[0].outcomes[e[1]].verdict in ("wrong", "crash"))
    budget = float(os.environ.get("TANGENTISH_FUZZ_SHRINK_SECONDS", "30"))
    small = shrink(result.program, result.inputs, result.plans[i], result.outcomes[i], tangentish, budget)
    plan = result.plans[i]
    return (f"{summary.failures} failing checks (seed {seed}).\n\n{summary.render(top=10)}\n\n"
            f"first failure: {key}\nprogram {result.program.index} shrunk to "
            f"(mode {plan.mode}, wrt {plan.render(small.program)!r}, inputs {small.inputs!r}):\n\n"
            f"{small.program.text}\n{small.outcome.verdict}: {small.outcome.detail}\n\n"
            f"reproduce: python tests/fuzz/run.py --seed {seed} --start {result.program.index} "
            f"--programs 1 --modes {plan.mode} --save 1")


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.stem for p in REGRESSIONS])
def test_regression(path: Path):
    outcome = regress.check(path, tangentish)
    assert outcome.verdict in ("ok", "refused"), (
        f"{path.name}: {outcome.verdict}: {outcome.detail} {outcome.where}\n\n{path.read_text()}")


def test_regressions_are_well_formed():
    """Every saved file loads and its finite-difference reference still accepts its point (else its
    regression test could pass without checking anything): with an API that refuses every call,
    each check ends ``refused``, never ``invalid``."""
    assert REGRESSIONS, "no saved regressions"
    for path in REGRESSIONS:
        outcome = regress.check(path, _RefuseAll())
        assert outcome.verdict == "refused", (path.name, outcome)


class _RefuseAll:
    class TangentishError(Exception):
        pass

    def __getattr__(self, name):
        def refuse(*args, **kwargs):
            raise self.TangentishError(name)

        return refuse

"""How many values the tape saves per loop iteration, with and without to-be-recorded analysis.

For each example loop, prints the names one iteration pushes when the tape saves only what the
adjoint reads and a later iteration overwrites (what tangentish generates), next to what a tape
saving every value the iteration assigns would push.  Also times both against the primal.

    python benchmarks/bench_tape.py
"""

from __future__ import annotations

import sys
import time

import numpy as np

import tangentish
from tangentish import rules  # noqa: F401  (registers the derivative rules, which tangentish loads lazily)
from tangentish.passes import tape
from tangentish.pipeline import Options, differentiate


def running_sum(x):
    s = 0.0
    for v in x:
        s = s + np.sin(v) * v
    return s


def rnn(h, w, xs):
    for t in range(xs.shape[0]):
        h = np.tanh(h @ w + xs[t])
    return np.sum(h)


def branchy(x):
    s = 0.0
    for v in x:
        if v > 0:
            s = s + v * v
        else:
            s = s - np.exp(v)
    return s


def fill(x):
    out = np.zeros(len(x))
    for i in range(len(x)):
        out[i] = np.sin(x[i]) * x[i]
    return np.sum(out * out)


def while_loop(x):
    n = 0
    while x < 100.0:
        x = x * 1.5 + 1.0
        n = n + 1
    return x * n


def _counts(fn, wrt):
    captured = {}
    original = tape.materialize

    def spy(derivative):
        captured["tbr"] = tape.snapshots(derivative, recorded=True)
        captured["all"] = tape.snapshots(derivative, recorded=False)
        return original(derivative)

    tape.materialize = spy
    try:
        import tangentish.pipeline as pipeline

        pipeline.materialize = spy
        differentiate(fn, Options(wrt=wrt))
    finally:
        tape.materialize = original
        pipeline.materialize = original
    per = lambda plan: sum(len(v) for v in plan.values())  # noqa: E731
    return per(captured["tbr"]), per(captured["all"])


def main() -> int:
    rng = np.random.default_rng(0)
    cases = [
        ("running_sum", running_sum, (rng.normal(size=1000),), 0),
        ("rnn", rnn, (rng.normal(size=8), rng.normal(size=(8, 8)) * 0.3,
                      rng.normal(size=(200, 8))), (0, 1)),
        ("branchy", branchy, (rng.normal(size=1000),), 0),
        ("fill", fill, (rng.normal(size=1000),), 0),
        ("while_loop", while_loop, (1.1,), 0),
    ]
    print(f"{'loop':<12} {'saved/iteration':>16} {'without TBR':>12} {'grad/primal time':>17}")
    for label, fn, args, wrt in cases:
        recorded, everything = _counts(fn, wrt)
        df = tangentish.grad(fn, wrt=wrt)
        start = time.perf_counter()
        df(*args)
        t_grad = time.perf_counter() - start
        start = time.perf_counter()
        fn(*args)
        t_primal = time.perf_counter() - start
        print(f"{label:<12} {recorded:>16} {everything:>12} {t_grad / t_primal:>17.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

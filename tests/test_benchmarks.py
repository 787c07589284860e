"""The benchmark's workloads are right before they are fast (nothing here times anything).

For every workload in ``benchmarks/workloads.py``, at its smallest size and on seeded inputs:
the hand-written gradient matches finite differences (central differences along random directions,
Richardson-extrapolated, with an error estimate), and tangentish's gradient equals the hand-written
one to rounding.  The peer adapters are checked on a stand-in NumPy module, so they need no peer.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

import numpy as np
import pytest

import tangentish

BENCHMARKS = str(Path(__file__).resolve().parent.parent / "benchmarks")
if BENCHMARKS not in sys.path:
    sys.path.insert(0, BENCHMARKS)

import peers  # noqa: E402  (benchmarks/ is on the path from here)
import workloads  # noqa: E402

EPS = np.finfo(np.float64).eps
NAMES = [w.name for w in workloads.WORKLOADS]


def _as_tuple(value):
    return value if isinstance(value, tuple) else (value,)


def _moved(args, position, direction, t):
    moved = list(args)
    moved[position] = args[position] + t * direction
    return moved


def directional_check(f, args, position, gradient, direction, step=1e-3):
    """Compare <gradient, direction> with finite differences of f along direction.

    Returns (difference, allowed).  Central differences with steps h, h/2 and h/4 give two
    Richardson values (truncation error O(h^4)); their distance estimates the error of the first,
    and the rounding of f's values divided by the step bounds the rest.  ``allowed`` is ten times
    that estimate."""
    def central(h):
        up = f(*_moved(args, position, direction, h))
        down = f(*_moved(args, position, direction, -h))
        return (up - down) / (2.0 * h), max(abs(up), abs(down))

    (d1, scale), (d2, _), (d4, _) = (central(step / k) for k in (1.0, 2.0, 4.0))
    coarse, fine = (4.0 * d2 - d1) / 3.0, (4.0 * d4 - d2) / 3.0
    estimate = abs(fine - coarse) + 16.0 * EPS * max(scale, 1.0) / step
    claimed = float(np.sum(np.asarray(gradient) * direction))
    return abs(claimed - fine), 10.0 * estimate


def _direction(value, rng):
    if isinstance(value, float):
        return float(rng.choice([-1.0, 1.0]))
    direction = rng.normal(size=np.shape(value))
    return direction / np.sqrt(np.mean(direction * direction))


def _inputs(workload, seed):
    return workload.build(workload.check_size or workload.sizes[0], np.random.default_rng(seed))


def _check_all_directions(workload, gradient_fn, seed):
    rng = np.random.default_rng(seed + 1)
    args = _inputs(workload, seed)
    gradients = _as_tuple(gradient_fn(*args))
    assert len(gradients) == len(workload.wrt_tuple)
    failures = []
    for position, gradient in zip(workload.wrt_tuple, gradients, strict=True):
        assert np.shape(gradient) == np.shape(args[position])
        for _ in range(2):
            difference, allowed = directional_check(workload.fn, args, position, gradient,
                                                    _direction(args[position], rng))
            if not difference <= allowed:
                failures.append((position, difference, allowed))
    return failures


@pytest.mark.parametrize("name", NAMES)
def test_hand_written_gradient_matches_finite_differences(name):
    workload = workloads.by_name(name)
    assert _check_all_directions(workload, workload.hand, seed=7) == []


@pytest.mark.parametrize("name", NAMES)
def test_the_check_catches_a_gradient_off_by_one_part_in_100000(name):
    workload = workloads.by_name(name)

    def wrong(*args):
        return tuple(1.00001 * g for g in _as_tuple(workload.hand(*args)))

    assert len(_check_all_directions(workload, wrong, seed=7)) == 2 * len(workload.wrt_tuple)


@pytest.mark.parametrize("name", NAMES)
def test_tangentish_gradient_equals_the_hand_written_one(name):
    workload = workloads.by_name(name)
    for seed in (3, 4):
        args = _inputs(workload, seed)
        expected = _as_tuple(workload.hand(*args))
        got = _as_tuple(tangentish.grad(workload.fn, wrt=workload.wrt)(*args))
        assert len(got) == len(expected)
        for g, e in zip(got, expected, strict=True):
            assert np.shape(g) == np.shape(e)
            assert np.asarray(g).dtype == np.float64
            scale = max(1.0, float(np.max(np.abs(e))))
            np.testing.assert_allclose(g, e, rtol=1e-9, atol=1e-12 * scale)


def test_every_workload_has_three_increasing_sizes_that_build():
    for workload in workloads.WORKLOADS:
        assert len(workload.sizes) == 3 and list(workload.sizes) == sorted(set(workload.sizes))
        args = _inputs(workload, 0)
        assert np.ndim(workload.fn(*args)) == 0


def test_fixed_point_sizes_are_iteration_counts():
    for size in workloads.by_name("while").sizes:
        args = workloads.fixed_point_inputs(size, np.random.default_rng(0))
        assert abs(workloads.fixed_point_iterations(*args) - size) <= 0.02 * size + 1


def test_peers_run_the_workload_code_with_their_own_numpy():
    calls = []

    def traced(name):
        def op(*args, **kwargs):
            calls.append(name)
            return getattr(np, name)(*args, **kwargs)
        return op

    stand_in = types.SimpleNamespace(**{n: traced(n) for n in dir(np) if n in
                                        ("sin", "cos", "exp", "log", "log1p", "tanh", "sqrt",
                                         "abs", "sum", "max", "maximum")})
    helpers = peers.rebind(workloads.helpers, stand_in)
    args = workloads.helpers_inputs(5, np.random.default_rng(0))
    assert helpers(*args) == pytest.approx(workloads.helpers(*args), rel=1e-15)
    assert calls.count("log1p") == 2 and "maximum" in calls   # the helpers saw it too
    assert workloads.helpers.__globals__["np"] is np          # the original is untouched


def test_the_thirty_line_function_is_thirty_lines_and_differentiates_right():
    import inspect

    assert 28 <= len(inspect.getsource(workloads.thirty_lines).splitlines()) <= 32
    args = workloads.thirty_lines_inputs(np.random.default_rng(0))
    gradients = tangentish.grad(workloads.thirty_lines, wrt=(0, 1))(*args)
    rng = np.random.default_rng(1)
    for position, gradient in zip((0, 1), gradients, strict=True):
        difference, allowed = directional_check(workloads.thirty_lines, args, position, gradient,
                                                _direction(args[position], rng))
        assert difference <= allowed


def test_the_benchmark_times_only_gradients_that_equal_the_hand_written_one():
    import run

    expected = (np.ones(3), 2.0)
    assert run.agreement((np.ones(3) + 1e-12, 2.0), expected) == ""
    assert "differs" in run.agreement((np.ones(3) * 1.001, 2.0), expected)
    assert "shape" in run.agreement((np.ones((3, 1)), 2.0), expected)
    assert "2 gradients" in run.agreement((np.ones(3), 2.0), np.ones(3))
    assert "differs" in run.agreement((np.array([1.0, np.nan, 1.0]), 2.0), expected)


def test_targets_are_reported_met_or_missed_with_the_worst_row():
    import report

    def row(name, size, times, memory=None, small=False, loop=False):
        return report.Row(name, size, "n", small=small, loop_heavy=loop, times=times,
                          memory=memory or {})

    rows = [row("a", 1, {"hand": 1.0, "tangentish": 1.05, "autograd": 20.0, "torch": 12.0},
                small=True),
            row("rnn", 10, {"hand": 1.0, "tangentish": 1.3, "autograd": 5.0, "torch": 30.0},
                memory={"hand": 100, "tangentish": 110}, loop=True),
            row("b", 100, {"hand": 1.0, "autograd": 1.0}, small=False)]
    rows[2].notes["tangentish"] = "failed: boom"
    thirty = report.Transform("thirty_lines", 31, 0.1, 0.005, 0.02, 0.01, 2e-6)
    lines = report.targets(rows, [thirty])
    assert lines[0].startswith("tangentish <= 1.1x") and "MISSED" in lines[0]
    assert "worst rnn n=10 at 1.30x" in lines[0] and "failed on b n=100" in lines[0]
    assert "MISSED" in lines[1] and "worst rnn n=10 at 3.85x" in lines[1]       # autograd
    assert ": met (" in lines[2]                                              # torch
    assert ": met (25 ms = " in lines[3]                 # first grad()
    assert ": met (" in lines[4]                                              # cached grad()
    assert ": met (" in lines[5] and "1.10x" in lines[5]                      # rnn memory


def test_ratios_are_medians_of_per_round_ratios():
    import report

    row = report.Row("a", 1, "n", small=True, loop_heavy=False,
                     times={"hand": 2.0, "tangentish": 3.0},
                     samples={"hand": [1.0, 2.0, 10.0], "tangentish": [1.1, 2.2, 30.0]})
    assert row.ratio("tangentish") == pytest.approx(1.1)     # not 3.0 / 2.0 from the medians
    row.samples = {}
    assert row.ratio("tangentish") == pytest.approx(1.5)
    assert row.ratio("autograd") is None


def test_the_tape_benchmark_still_runs_and_saves_no_more_than_everything():
    import bench_tape

    for fn, wrt in ((bench_tape.rnn, (0, 1)), (bench_tape.while_loop, 0),
                    (bench_tape.running_sum, 0)):
        recorded, everything = bench_tape._counts(fn, wrt)
        assert 0 <= recorded <= everything and everything > 0


def test_the_memory_benchmark_measures_right_gradients():
    """bench_memory's hand-written gradients against finite differences, tangentish against
    them, and its peak measure counts what a call allocates (a fresh array of the input's size
    is at least 1x)."""
    import bench_memory

    rng = np.random.default_rng(11)
    x = rng.uniform(-1.0, 1.0, 50)
    for fn, by_hand in bench_memory.WORKLOADS:
        gradient = by_hand(x)
        for _ in range(2):
            difference, allowed = directional_check(fn, (x,), 0, gradient,
                                                    _direction(x, rng))
            assert difference <= allowed, fn.__name__
        np.testing.assert_allclose(tangentish.grad(fn)(x), gradient, rtol=1e-12, atol=1e-15)
    assert bench_memory.peak(lambda v: v * 2.0, x) >= 1.0


def _idioms():
    import bench_idioms

    return bench_idioms.WORK


@pytest.mark.parametrize("row", range(28))
def test_the_idiom_workloads_hand_gradients_are_right(row):
    """bench_idioms.py's workloads (idioms.py, idioms_more.py, idioms_extra.py): each hand-written
    gradient and tangentish's, generic and specialized, against central finite differences (its
    own check)."""
    import bench_idioms

    work = _idioms()
    assert len(work) == 28
    name, fn, hand, make, wrt = work[row]
    bench_idioms.check(name, fn, hand, make, wrt)
    args = make(bench_idioms.SIZES.get(name, (10,))[0], np.random.default_rng(2))
    derivative = tangentish.grad(fn, wrt)
    expected = _as_tuple(hand(*args))
    for _ in range(3):  # (the generic derivative, then the specialized one)
        for g, e in zip(_as_tuple(derivative(*args)), expected, strict=True):
            np.testing.assert_allclose(g, e, rtol=1e-8, atol=1e-10)

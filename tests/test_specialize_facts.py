"""What a specialization proves from code as people write it (passes/patterns.py, ranks.py,
dtypes.py, unit_seed.py, list_items.py): numbers bound to names (``dt = 0.01``,
``x, v = 1.0, 0.0``), a module's numbers (``np.pi``), ``np.where``, operations that keep their
operand's shape (``np.zeros_like``, ``np.roll``, ``np.sort``...) or dtype (``np.diff``),
``np.linalg.norm`` over an axis, basic indexing (``x[:, None, :]``), gradients made fresh by a
runtime helper and numbers kept in a list (``acc[i] += v``).  Each row: the
specialized source has none of the generic helpers the facts make needless, and its gradients
(and the generic first call's) match central finite differences.
Then the guarantee itself: every pattern the analysis claims is the pattern of the value the
name holds when the function runs (list items too).  And what those facts first exposed: a loop
branch left dead when the output's value is (a float64 output seeded 1.0) must not take its
reads off the tape."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish
from tangentish.passes.desugar import desugar
from tangentish.passes.normalize import normalize
from tangentish.passes.patterns import size_one_patterns
from tangentish.specialize import signature
from tangentish.syntax.parse import parse_function

BENCHMARKS = str(Path(__file__).resolve().parent.parent / "benchmarks")
if BENCHMARKS not in sys.path:
    sys.path.insert(0, BENCHMARKS)

import idioms  # noqa: E402  (benchmarks/idioms.py: workloads written as people write NumPy)
import idioms_extra  # noqa: E402


def gaussian_scalars(mu, log_sigma):
    return 0.5 * ((1.3 - mu) / np.exp(log_sigma)) ** 2 + log_sigma + 0.5 * np.log(2 * np.pi)


def reorders(x, w):
    y = np.cumsum(x, axis=0) * np.flip(x) + np.sort(x) * w
    z = np.full_like(x, 0.5) + np.copy(x)[::-1] * np.asarray(w)
    return np.sum(np.tanh(y) * z)


def total_variation(u, f):  # np.diff
    return 0.5 * np.sum((u - f) ** 2) + 0.1 * np.sum(np.sqrt(np.diff(u) ** 2 + 1e-6))


def cosine_loss(a, b):  # np.linalg.norm(..., axis=1)
    num = np.sum(a * b, axis=1)
    den = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    return np.sum(1.0 - num / den)


def written_stencil(u, r):  # lap[1:-1] = ...: an item write keeps lap's pattern and dtype
    lap = np.zeros_like(u)
    lap[1:-1] = u[2:] - 2.0 * u[1:-1] + u[:-2]
    return np.sum((u + r * lap) ** 2)


RNG = np.random.default_rng(7)
_NONE = ("_rt.unbroadcast", "_rt.like", "_rt.seed")
CASES = [
    (idioms.euler, (0, 1), (2.0, 0.3, 40), _NONE),  # x, v = 1.0, 0.0; dt = 0.01
    (gaussian_scalars, (0, 1), (0.2, -0.4), _NONE),
    (idioms.gauss_nll, (0, 1), (0.3, -0.2, RNG.normal(size=6)), _NONE),  # np.pi
    (idioms.huber, (0,), (RNG.normal(size=3), RNG.normal(size=(7, 3)), 2 * RNG.normal(size=7)),
     _NONE),  # np.where
    (idioms.horner, (0, 1), (RNG.normal(size=4), RNG.uniform(-1, 1, size=5)), _NONE),  # zeros_like
    (idioms.stencil, (0, 1), (RNG.normal(size=6), 0.3), _NONE),  # np.roll
    (idioms.softkm, (0, 1), (RNG.normal(size=(3, 2)), RNG.normal(size=(5, 2)), 2.0),
     ("_rt.unbroadcast", "_rt.seed", "1.0 *")),  # X[:, None, :]
    (idioms.lj, (0,), (RNG.normal(size=(4, 3)) * 2,), _NONE),  # np.eye(X.shape[0])
    (idioms.layernorm, (0, 1), (RNG.normal(size=(3, 4)), RNG.normal(size=4),
                                RNG.normal(size=(4, 2))), _NONE),  # x.var(axis=-1, ...)
    (reorders, (0, 1), (RNG.normal(size=(4, 3)), RNG.normal(size=3)), _NONE),
    (total_variation, (0, 1), (RNG.normal(size=7), RNG.normal(size=7)), _NONE),
    (cosine_loss, (0, 1), (RNG.normal(size=(5, 3)), RNG.normal(size=(5, 3))), _NONE),
    (written_stencil, (0, 1), (RNG.normal(size=6), 0.3), ("_rt.seed", "_rt.like")),
    (idioms_extra.listacc, (0, 1), (RNG.normal(size=5), 0.7), _NONE),  # acc[i] += v
]


@pytest.mark.parametrize("fn, wrt, args, absent", CASES, ids=[c[0].__name__ for c in CASES])
def test_facts_of_plain_code_leave_no_generic_helpers(fn, wrt, args, absent):
    derivative = tangentish.grad(fn, wrt=wrt)
    calls = [derivative(*args) for _ in range(3)]  # the generic first, then the specialized
    specialized = derivative.source_for(*args)
    assert derivative.specializations.records
    for helper in absent:
        assert helper not in specialized, specialized
    for got in calls:
        for index, value in zip(wrt, got, strict=True):
            expected = numeric_grad(fn, args, index)
            assert np.shape(value) == np.shape(args[index])
            assert np.asarray(value).dtype == np.float64
            np.testing.assert_allclose(value, expected, rtol=1e-6, atol=1e-8)


def shaped(x, b):  # operations that keep a shape or index it, and ones that do not
    s = np.sort(x)
    flat = np.sort(x, axis=None)
    run = np.cumsum(x, axis=1)
    whole = np.cumsum(x)
    row = x[0]
    col = x[:, -1]
    lifted = x[None, :, ::-1]
    tail = x[1:]
    strided = x[::3]
    other = np.zeros_like(x, shape=(1, 2))
    rolled = np.roll(x, 2, axis=0) * b
    spread = x.var(axis=-1, keepdims=True) + np.median(x, axis=0)
    eye = np.eye(x.shape[0])
    zs = np.zeros(len(x))
    ar = np.arange(x.shape[-1])
    zt = np.zeros((x.shape[1], 2))
    norms = np.linalg.norm(x, axis=1) + np.linalg.norm(x, axis=-1, keepdims=True)
    whole_norm = np.linalg.norm(x)
    ord_norm = np.linalg.norm(x, 2, axis=0)  # (an ord: not claimed)
    written = np.zeros_like(x)
    written[0] = 2.0  # (an item write: the shape stays)
    swapped = np.swapaxes(x, 0, -1)
    stacks = x[None] @ swapped[None]  # (matrices stacked along a first axis of length 1)
    return s, flat, run, whole, row, col, lifted, tail, strided, other, rolled, spread, eye, zs, \
        ar, zt, norms, whole_norm, ord_norm, written, swapped, stacks


def _locals(fn, args) -> dict[str, object]:
    """``fn``'s local variables as it returns when called with ``args``."""
    seen: dict[str, object] = {}

    def tracer(frame, event, arg):
        if frame.f_code is fn.__code__:
            if event == "return":
                seen.update(frame.f_locals)
            return tracer
        return None

    sys.settrace(tracer)
    try:
        fn(*args)
    finally:
        sys.settrace(None)
    return seen


def _patterns(fn, args):
    info = parse_function(fn)
    desugar(info)
    norm = normalize(info)
    norm.facts = {name: fact[0] for name, fact in zip(
        ("x", "b"), signature(args), strict=True)}
    return size_one_patterns(norm, {})


@pytest.mark.parametrize("args", [
    (RNG.normal(size=(3, 1)), RNG.normal(size=1)),
    (RNG.normal(size=(1, 4)), RNG.normal(size=(1, 4))),
    (RNG.normal(size=(2, 2)), 0.5),
    (RNG.normal(size=(1, 1)), RNG.normal(size=(3, 1, 1))),
], ids=lambda a: "x" + "-b".join(str(np.shape(v)) for v in a) if isinstance(a, tuple) else None)
def test_claimed_patterns_are_the_values_patterns(args):
    """Run ``shaped`` and check the pattern of every name the analysis claims a pattern for
    (``tail``, ``strided``, ``flat`` and ``whole`` may have any: a pattern is never claimed)."""
    claimed = _patterns(shaped, args)
    seen = _locals(shaped, args)
    checked = [name for name in claimed if name in seen]
    assert {"s", "run", "row", "col", "lifted", "rolled", "spread", "eye", "zs", "ar", "zt",
            "norms", "whole_norm", "written", "swapped", "stacks"} <= set(checked)
    assert not {"flat", "whole", "tail", "strided", "other", "ord_norm"} & set(claimed)
    for name in checked:
        pattern = tuple(n == 1 for n in np.shape(seen[name]))
        assert claimed[name] == pattern, (name, claimed[name], np.shape(seen[name]))


def listed(x, b):  # lists of numbers (or not): what an item read is claimed to be
    acc = [0.0, 1.0]
    for i in range(2):
        acc[i] = acc[i] + b  # (b an array: so are the items)
    rows = [0.0, 0.0]
    rows[0] = x  # (an array written in)
    grown = [0.0]
    grown.append(x)  # (a method may add anything)
    handed = [0.0, 0.0]
    alias = handed  # (a copy may write any item)
    alias[1] = x
    kept = [b, 2.0]
    a0, a1, r1, g0, h1, k1 = acc[0], acc[1], rows[1], grown[0], handed[1], kept[1]
    return a0, a1, r1, g0, h1, k1


@pytest.mark.parametrize("args", [
    (RNG.normal(size=(3, 1)), 0.5),
    (RNG.normal(size=(2, 2)), RNG.normal(size=(1, 2))),
], ids=["b-scalar", "b-array"])
def test_claimed_list_item_patterns_are_the_values_patterns(args):
    """An item of a list the function made and changes only item by item (``acc[i] = ...``) has
    the pattern of every item put in it; a list handed to a method or copied has none."""
    claimed = _patterns(listed, args)
    seen = _locals(listed, args)
    assert not {"r1", "g0", "h1", "acc", "rows", "grown", "handed", "kept"} & set(claimed)
    expected = {"a0", "a1", "k1"} if np.ndim(args[1]) == 0 else set()  # (b joined with 2.0)
    assert expected <= set(claimed)
    for name in set(claimed) & {"a0", "a1", "k1"}:
        pattern = tuple(n == 1 for n in np.shape(seen[name]))
        assert claimed[name] == pattern, (name, claimed[name], np.shape(seen[name]))


def break_sum(x):  # (the output's value, dead once its seed is 1.0, is all a branch computes)
    s = x[0] * 0.0
    for v in x:
        if v > 2.0:
            break
        s = s + v * v
    return s


def positive_sines(x):
    s = np.sum(x) * 0.0
    for i in range(x.shape[0]):
        v = x[i]
        if v > 0.0:
            s = s + np.sin(v)
    return s


def branch_ladder(x, w):
    total = 0.0
    for i in range(x.shape[0]):
        v = x[i] * w
        if v > 1.0:
            total = total + v ** 2
        elif v < -1.0:
            continue
        else:
            total = total + np.exp(v)
    return total


def nested_rows(a):
    s = 0.0
    for row in a:
        for v in row:
            if v < 0.0:
                s = s - v
                continue
            s = s + v * v
    return s


def while_branch(x):
    s, k = 0.0, 0
    while k < x.shape[0]:
        v = x[k]
        if v > 0.0:
            s = s + np.tanh(v)
        k = k + 1
    return s


DEAD_BRANCHES = [
    (break_sum, (0,), (np.array([0.5, 1.0, 1.5, -0.3, 2.5, 0.7]),)),
    (positive_sines, (0,), (np.array([0.5, 1.0, 1.5, -0.3]),)),
    (branch_ladder, (0, 1), (np.array([0.2, 1.5, -2.0, 0.9, 3.0]), 0.8)),
    (nested_rows, (0,), (np.array([[0.5, -1.0], [1.5, -0.3], [2.0, 0.1]]),)),
    (while_branch, (0,), (np.array([0.5, -1.0, 1.5, 0.3]),)),
]


@pytest.mark.parametrize("fn, wrt, args", DEAD_BRANCHES, ids=[c[0].__name__ for c in DEAD_BRANCHES])
def test_a_branch_left_dead_still_tapes_what_its_adjoint_reads(fn, wrt, args):
    """A loop's branch that only adds to the output is dead code in a derivative specialized to a
    float64 output (its seed is 1.0, the output's value unused); what the branch's adjoint reads
    (``v``, bound by the loop body) must still be taped by the block around it (it was not: the
    second call on gave every iteration the last ``v``'s gradient)."""
    derivative = tangentish.grad(fn, wrt=wrt)
    for _ in range(3):
        got = derivative(*args)
        got = got if isinstance(got, tuple) else (got,)
        for index, value in zip(wrt, got, strict=True):
            np.testing.assert_allclose(value, numeric_grad(fn, args, index), rtol=1e-6, atol=1e-8)


def test_eagerly_a_first_call_runs_the_specialized_code(monkeypatch):
    """``TANGENTISH_SPECIALIZE_EAGERLY=1`` (``ENVIRONMENT.eager``; CI runs part of the suite so):
    the first call with a signature builds and runs its specialized derivative."""
    from tangentish.records import ENVIRONMENT

    def energy(u, k):
        lap = np.roll(u, 1) - 2 * u + np.roll(u, -1)
        return 0.5 * np.sum(u * u) + k * np.sum(lap * lap)

    args = (RNG.normal(size=5), 0.7)
    monkeypatch.setattr(ENVIRONMENT, "eager", True)
    derivative = tangentish.grad(energy, wrt=(0, 1))
    got = derivative(*args)
    assert derivative.specializations.records  # built by the first call
    for index, value in zip((0, 1), got, strict=True):
        np.testing.assert_allclose(value, numeric_grad(energy, args, index), rtol=1e-6, atol=1e-8)
    monkeypatch.setattr(ENVIRONMENT, "eager", False)
    again = tangentish.grad(lambda u, k: energy(u, k) * 2.0, wrt=(0, 1))
    again(*args)
    assert not again.specializations.records  # (the first call: the generic derivative)

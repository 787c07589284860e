"""passes/appended_lists.py, read by passes/dtypes.py, passes/ranks.py and passes/patterns.py: a
polynomial regression's features, ``np.stack([x ** k for k in range(4)], axis=1)``, are float64,
of rank 2 and of size-one pattern ``(False, False)`` once ``x`` is a float64 vector, so its
specialized gradient calls no helper (no seed check, ``feats.T @ g``, no un-broadcasting).  The
specialized gradient is the generic one bit for bit, special values included, and matches
central finite differences where finite; the lists' lengths are known only where the body fixes
them."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import generic_and_specialized, numeric_grad

import tangentish
from tangentish.passes.appended_lists import AppendedLists
from tangentish.passes.dataflow import definitions
from tangentish.passes.desugar import desugar
from tangentish.passes.normalize import normalize
from tangentish.specialize import signature
from tangentish.syntax.parse import parse_function

RNG = np.random.default_rng(6600)


def polyreg(w, x, y):
    feats = np.stack([x ** k for k in range(4)], axis=1)
    r = feats @ w - y
    return np.mean(r ** 2)


def joined(w, x):
    parts = [w]
    for k in range(1, 3):
        parts.append(w * x ** k)
    return np.sum(np.concatenate(parts) ** 2)


def single(w, z):
    parts = []
    for k in range(1):
        parts.append(w * k + w)
    return np.sum(np.stack(parts) * z)  # (1, n) against (3, n): broadcast along the new axis


def stopped(w, z):
    parts = [w]
    for k in range(3):
        if k == 2:
            break
        parts.append(w * k)
    return np.sum(np.stack(parts) * z)


SPECIAL = np.array([0.0, -0.0, 1.5, -2.25, np.inf, -np.inf, np.nan, 1e-300, 1e103, -1e160])
ROWS = [  # (function, arguments, what the specialized code must (not) say)
    (polyreg, (RNG.normal(size=4), RNG.normal(size=6), RNG.normal(size=6)),
     ("feats.T @", "_rt.")),
    (polyreg, (np.array([1e200, -1e-300, 0.0, -0.0]), SPECIAL, SPECIAL[::-1].copy()),
     ("feats.T @", "_rt.seed")),
    (joined, (RNG.normal(size=5), RNG.normal(size=5)), ("return", "_rt.seed")),
    (single, (RNG.normal(size=4), RNG.normal(size=(3, 4))), ("axis=0, keepdims=True", "_rt.")),
    (single, (SPECIAL, SPECIAL[None, ::-1] * np.ones((3, 1))), ("keepdims=True", "_rt.")),
    (stopped, (RNG.normal(size=4), RNG.normal(size=(3, 4))), ("_rt.unbroadcast", "_rt.seed")),
    (joined, (SPECIAL, SPECIAL[::-1].copy()), ("return", "_rt.seed")),
    (polyreg, (RNG.normal(size=4), RNG.normal(size=6).astype(np.float32), RNG.normal(size=6)),
     ("_rt.seed", "_rt.matmul")),  # (float32 features: not float64, the seed is checked)
]


@pytest.mark.parametrize("fn, args, said", ROWS, ids=[f"{r[0].__name__}-{i}"
                                                     for i, r in enumerate(ROWS)])
def test_specialized_is_the_generic_gradient_bit_for_bit(fn, args, said):
    specialized, source = generic_and_specialized(fn, args)
    present, absent = said
    assert present in source, source
    if signature(tuple(args)) is None:  # (NumPy 1.x promotes float32 by value: such a call runs
        generic = tangentish.grad(fn).source.splitlines()  # the generic derivative, by design)
        assert source == "\n".join(line for line in generic if not line.strip().startswith("#"))
    else:
        assert absent not in source, source
    finite = all(np.isfinite(a).all() for a in args)
    if finite and args[1].dtype == np.float64:  # (finite differences where they mean something)
        expected = numeric_grad(fn, args, 0)
        np.testing.assert_allclose(specialized, expected, rtol=1e-6, atol=1e-8)


def lengths(x):
    made = [x, x]
    made.append(x)  # 3 at its join
    for k in range(2, 7, 2):
        made.append(x * k)  # 6
    a = np.stack(made)
    later = [x]
    b = np.stack(later)
    later.append(x)  # after a join: not known there
    branched = []
    if x[0] > 0:
        branched.append(x)
    c = np.stack([*branched, x]) if branched else np.stack(branched)
    looped = []
    for _ in range(3):
        looped.append(x)
        d = np.stack(looped)  # a join in the loop
    return a, b, c, d


def test_a_length_is_known_only_where_the_body_fixes_it():
    info = parse_function(lengths)
    desugar(info)
    norm = normalize(info)
    lists = AppendedLists(norm.body, definitions(norm.body), set(norm.params))
    found = {stmt.targets[0].id: lists.length(stmt) for stmt in norm.body
             if id(stmt) in lists.joins}
    assert found == {"a": 6, "b": None}, found

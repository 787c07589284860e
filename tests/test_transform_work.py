"""How much work a transform does, counted (issue 12: the first ``grad()`` and every later transform
cost what their passes repeat).  Counts are exact where times are noise: each row states that a
question asked of each operation is asked once, not once per round of a fixed point or per
statement of the function.  The gradients are checked against finite differences too.
"""

from __future__ import annotations

import numpy as np
from helpers import numeric_grad

import tangentish
from tangentish.passes import supports


def _chain(x):
    """A value that may be NaN where unused (``np.sqrt``) read down a chain of 16 operations:
    the fixed point of :func:`supports.singular_fed` takes a round per link."""
    a = np.sqrt(x)
    b = a * 2.0
    c = b + x
    d = np.sin(c)
    e = d * c
    f = e - x
    g = np.cos(f)
    h = g * g
    i = h + f
    j = i * 0.5
    k = np.tanh(j)
    m = k * j
    n = m + i
    p = n * n
    q = p - k
    return np.sum(q)


def test_each_operation_is_asked_once_whether_its_partial_may_be_singular(monkeypatch):
    asked = []
    original = supports.singular_partial

    def counted(sweep, op):
        asked.append(op.key)
        return original(sweep, op)

    monkeypatch.setattr(supports, "singular_partial", counted)
    derivative = tangentish.grad(_chain)
    x = np.random.default_rng(1200).uniform(0.5, 2.0, size=4)
    np.testing.assert_allclose(derivative(x), numeric_grad(_chain, (x,)), rtol=1e-6, atol=1e-8)
    # 16 operations: once each for the fixed point, once each where an adjoint is guarded (the
    # fixed point asked each one once per round before: 16 rounds, 250 questions and more)
    assert 0 < len(asked) <= 2 * 17, len(asked)


def _ranges(w, x):
    total = 0.0
    for k in range(w.shape[0]):
        total = total + np.sum(w[k] * x)
    return total * total


def test_loops_over_ranges_cost_the_object_loop_pass_no_walk_of_the_function(monkeypatch):
    """passes/object_loops.py unrolls loops over objects and functions; what it needs to know of
    the function (its locals, what it changes) is made on the first loop over a name or a path,
    never for ``range(n)``."""
    from tangentish.passes import object_loops

    rng = np.random.default_rng(1201)
    walked = _walks_of_a_gradient(monkeypatch, object_loops, "_changed", _ranges,
                                  (rng.normal(size=(3, 4)), rng.normal(size=4)))
    assert walked == []



def _accumulators(x):
    total = 0.0
    scale = 1e-3
    for k in range(3):
        total = total + np.sum(np.sin(x) * k)
    return total * scale


def test_a_number_bound_to_a_local_runs_no_pass_for_function_aliases(monkeypatch):
    """The pipeline runs passes/partial_locals.py (``act = np.tanh``; ``g = partial(f, a)``)
    only for a function with a line that may bind a local to a function: a name or a dotted
    name, never a number (``total = 0.0``, which most loops start with)."""
    from tangentish.passes import partial_locals
    from tangentish.syntax.naming import alias_line

    assert [alias_line(line) for line in (
        "total = 0.0", "    eps = 1e-12  # small", "n = 3", "act = np.tanh", "f = g", "x = _f",
        "f = A if c else B", "y = 2.0 if c else 1.0")] == [False] * 3 + [True] * 5
    ran = []
    original = partial_locals.replace_partial_locals
    monkeypatch.setattr(partial_locals, "replace_partial_locals",
                        lambda info: ran.append(info) or original(info))
    x = np.random.default_rng(1203).normal(size=4)
    got = tangentish.grad(_accumulators)(x)
    np.testing.assert_allclose(got, numeric_grad(_accumulators, (x,)), rtol=1e-6, atol=1e-8)
    assert ran == []


def _keywords(x, w):
    y = np.sum(x * w, axis=0, keepdims=True)
    return np.sum(np.tanh(y) ** 2)


def test_calls_without_containers_by_keyword_cost_one_walk_of_the_function(monkeypatch):
    """passes/keyword_calls.py hands containers given by keyword to helpers by position; it
    walks the function for its locals only once a call to rewrite is found (``axis=0`` is
    none), not for every function."""
    from tangentish.passes import keyword_calls

    rng = np.random.default_rng(1204)
    walked = _walks_of_a_gradient(monkeypatch, keyword_calls, "walk", _keywords,
                                  (rng.normal(size=(3, 4)), rng.normal(size=4)))
    assert len(walked) == 1


def _walks_of_a_gradient(monkeypatch, module, name, fn, args):
    """The nodes ``module.name`` (a walk) was called on while the gradient of ``fn`` in both
    arguments was built; the gradient checked at ``args`` against finite differences."""
    walked = []
    original = getattr(module, name)
    monkeypatch.setattr(module, name, lambda node: walked.append(node) or original(node))
    got = tangentish.grad(fn, wrt=(0, 1))(*args)
    for a, b in zip(got, numeric_grad(fn, args, wrt=(0, 1)), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-8)
    return walked


def _items(x):
    s = 0.0
    for i in range(1, len(x)):
        s = s + np.sin(x[i]) * x[i - 1]
    return s


def test_the_proof_of_owned_adjoints_reads_the_statements_walks(monkeypatch):
    """passes/owned_proof.py asks which names are live after each update it may rewrite; the
    names each statement reads are the walks' the optimizer kept true (passes/walks.py), not
    walked again statement by statement."""
    from tangentish.passes import dataflow, owned_proof

    asked = []
    original = owned_proof.live_after
    monkeypatch.setattr(owned_proof, "live_after", lambda body, wanted, reads=dataflow.header_loads:
                        asked.append(reads) or original(body, wanted, reads))
    x = np.random.default_rng(1206).normal(size=5)
    got = tangentish.grad(_items)(x)
    np.testing.assert_allclose(got, numeric_grad(_items, (x,)), rtol=1e-6, atol=1e-8)
    assert asked and dataflow.header_loads not in asked

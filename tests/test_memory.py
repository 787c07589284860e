"""What lowers a gradient's peak memory (issue 9), and the soundness of each step.

- ``passes/substitute.py``: a temporary read once, just after it is made, goes into its use (its
  array is freed as soon as it is used).  It must never move a read past a write: each function
  of ``ORDER`` writes (in place, through a view, by a call, by rebinding) something a single-use
  temporary reads, between the temporary and its use.
- ``passes/shapes.StandIns``: a full reduction's adjoint reads a parameter of the same shape and
  dtype instead of the reduced array.
- ``passes/views.py``: that adjoint is a read-only broadcast view where only arithmetic reads it;
  a gradient handed to the user is always a new, writable array that shares memory with neither
  the arguments nor another gradient, nor a seed or tangent the caller gave.
"""

from __future__ import annotations

import gast
import numpy as np
import pytest
from helpers import numeric_grad
from test_soundness import ROWS as SOUNDNESS_ROWS
from test_writes import WORKS as WRITES_WORKS

import tangentish
from tangentish import runtime
from tangentish.ir import Op
from tangentish.passes import call_results, fresh, order, release, unit_seed
from tangentish.passes.derivative import Derivative
from tangentish.passes.owned_facts import Facts
from tangentish.syntax.naming import Namer

X = np.array([0.3, -0.7, 1.1])
C = np.array([1.5, 0.5, -2.0])
# Big enough for broadcast views (runtime.broadcast.VIEW_FROM: smaller ones get a new array).
BIG = np.linspace(-1.0, 1.0, 10_000)
BIG2 = np.cos(BIG)
HELD = np.ones(3)


def gaussian_log1p(x):
    return np.sum(np.exp(-x * x) + np.log1p(x * x))


def test_single_use_temporaries_go_into_their_use():
    """Before: every operation named (``neg_x_times_x``, ``_t2``, ``t1_plus_t2``), all alive until
    the gradient returns.  After: only what the adjoint reads keeps a name."""
    source = tangentish.grad(gaussian_log1p).source
    assert "    _t1 = np.exp(-x * x)\n" in source  # (-x recomputed: passes/recompute.py)
    assert "    out = np.sum(_t1 + np.log1p(x_times_x))\n" in source
    assert "_t2 = " not in source and "neg_x_times_x = " not in source
    assert "t1_plus_t2 = " not in source  # its adjoint is out_bar, spread by what reads it
    assert "_rt.unreduce" not in source and "x_bar = 2 * (out_bar / (1.0 + x_times_x) * x)\n" \
        in source


# -- a read is never moved past a write ----------------------------------------------------------

def written_in_place(x):
    c = C * 1.0
    t = c * 2.0  # read once, below; c changes in between (no derivative: the value shows it)
    c[0] = 5.0
    return np.sum(x * x) + np.sum(t) + np.sum(c * x)


def active_written_in_place(x):
    c = x * 0.5
    t = c * 2.0  # read once, below (its adjoint reads nothing of it)
    c[0] = 5.0
    return np.sum(t + c)


def written_through_a_view(x):
    c = C * 1.0
    v = c[0:2]  # a view of c
    t = c * 2.0
    v[0] = 5.0  # changes c, which t read
    return np.sum(x * x) + np.sum(t) + np.sum(v * x[0:2])


def active_written_through_a_view(x):
    c = x * 0.5
    v = c[0:2]
    t = c * 2.0
    v[0] = 5.0
    return np.sum(t) + np.sum(v)


def written_by_a_method(x):
    c = C * 1.0
    t = np.exp(c * 2.0)  # no derivative: the value shows a wrong order
    c.fill(2.0)
    return np.sum(x * x) + np.sum(t) + np.sum(c * x)


def written_by_numpy(x):
    c = C * 1.0
    t = c * 2.0
    np.copyto(c, 0.25)
    return np.sum(x * x) + np.sum(t) + np.sum(c * x)


def augmented(x):
    c = x * 0.5
    t = c * 2.0
    c += 1.0
    return np.sum(t + c)


def rebound(x):
    c = x * 0.5
    t = c * 2.0
    c = c * 3.0
    return np.sum(t + c)


def _bump_held(a):
    HELD[0] = HELD[0] + a
    return a


def written_by_a_helper(x):
    t = np.sum(HELD * 2.0)  # no derivative: the value shows a wrong order
    s = _bump_held(1.0)
    return np.sum(x * x) + t + s


ORDER = [written_in_place, active_written_in_place, written_through_a_view,
         active_written_through_a_view, written_by_a_method, written_by_numpy, augmented, rebound,
         written_by_a_helper]


@pytest.mark.parametrize("fn", ORDER, ids=[f.__name__ for f in ORDER])
def test_no_read_moves_past_a_write(fn):
    def fresh(x):
        HELD[:] = 1.0
        return fn(x)

    HELD[:] = 1.0
    value, got = tangentish.value_and_grad(fn)(X.copy())
    np.testing.assert_allclose(value, fresh(X.copy()), rtol=1e-12)
    np.testing.assert_allclose(got, numeric_grad(fresh, (X.copy(),), 0), rtol=1e-6, atol=1e-8)
    HELD[:] = 1.0


# -- gradients handed out are new, writable, unshared ---------------------------------------------

def total(x):
    return np.sum(x)


def mean_only(x):
    return np.mean(x)


def sum_of_two(x, y):
    return np.sum(x + y)


def scaled_sums(x, y):
    return np.sum(x) * 2.0 + np.mean(y * 3.0)


def sum_in_loop(x):
    s = 0.0
    for i in range(3):
        s = s + np.sum(x * i)
    return s


def sum_in_branch(x, c):
    if c > 0:
        return np.sum(x)
    return np.mean(x * x)


FRESH = [(total, (X,), 0), (mean_only, (X,), 0), (sum_of_two, (X, C), (0, 1)),
         (scaled_sums, (X, C), (0, 1)), (sum_in_loop, (X,), 0), (sum_in_branch, (X, 1.0), 0),
         (sum_in_branch, (X, -1.0), 0), (gaussian_log1p, (X,), 0)]
FRESH += [(total, (BIG,), 0), (mean_only, (BIG,), 0), (sum_of_two, (BIG, BIG2), (0, 1)),
          (scaled_sums, (BIG, BIG2), (0, 1)), (sum_in_loop, (BIG,), 0),
          (sum_in_branch, (BIG, -1.0), 0), (gaussian_log1p, (BIG,), 0)]
FRESH += [(fn, args, wrt) for fn, args, wrt in SOUNDNESS_ROWS]
FRESH += [(fn, (np.array([0.3, -0.2, 0.5]),), 0) for fn in WRITES_WORKS]


def _arrays(value):
    return [v for v in (value if isinstance(value, tuple) else (value,))
            if isinstance(v, np.ndarray)]


def _assert_fresh(grads, args, label):
    grads = _arrays(grads)
    for i, g in enumerate(grads):
        assert g.flags.writeable, f"{label}: gradient {i} is read-only"
        for a in _arrays(tuple(args)):
            assert not np.shares_memory(g, a), f"{label}: gradient {i} shares an argument's memory"
        for j, other in enumerate(grads[:i]):
            assert not np.shares_memory(g, other), f"{label}: gradients {j} and {i} share memory"


@pytest.mark.parametrize("fn, args, wrt", FRESH,
                         ids=[f"{fn.__name__}-{i}" for i, (fn, _, _) in enumerate(FRESH)])
def test_gradients_are_new_writable_arrays(fn, args, wrt):
    copies = tuple(np.array(a) if isinstance(a, np.ndarray) else a for a in args)
    _assert_fresh(tangentish.grad(fn, wrt=wrt)(*copies), copies, "grad")
    copies = tuple(np.array(a) if isinstance(a, np.ndarray) else a for a in args)
    _assert_fresh(tangentish.value_and_grad(fn, wrt=wrt)(*copies)[1], copies, "value_and_grad")
    copies = tuple(np.array(a) if isinstance(a, np.ndarray) else a for a in args)
    out, pullback = tangentish.vjp(fn, wrt)(*copies)
    seed = np.ones_like(out) if isinstance(out, np.ndarray) else 1.0
    _assert_fresh(pullback(seed), (*copies, seed), "vjp")


def test_a_view_is_never_written_into():
    """The gradient of a gradient reads the first one's views: its own values are fresh, and
    changing what it returns changes nothing the next call computes."""
    assert "view=True" in tangentish.grad(scaled_sums, wrt=(0, 1)).source
    hvp = tangentish.hvp(scaled_sums, wrt=(0, 1))
    first = hvp(BIG, BIG2, (BIG, BIG2))
    for part in first:
        part += 1.0
    np.testing.assert_allclose(hvp(BIG, BIG2, (BIG, BIG2))[0], np.zeros(BIG.size), atol=1e-12)
    g = tangentish.grad(gaussian_log1p)(BIG)
    g[0] = 9.0
    np.testing.assert_allclose(tangentish.grad(gaussian_log1p)(BIG)[0],
                               numeric_grad(gaussian_log1p, (BIG[:1],), 0)[0], rtol=1e-6)


def test_the_view_helper_matches_unreduce():
    from tangentish import runtime

    big = np.linspace(-1.0, 1.0, 2 * runtime.broadcast.VIEW_FROM)
    for grad, like in [(2.0, X), (np.float32(0.5), X.astype(np.float32)), (1.5, 3.0),
                       (np.array(2.0), np.ones((2, 3))), (2.0, big), (0.5, big.astype(np.float32)),
                       (np.float32(0.5), big.reshape(-1, 4)), (np.ones(1), big)]:
        view, full = runtime.unreduce(grad, like, view=True), runtime.unreduce(grad, like)
        assert np.shape(view) == np.shape(full) and np.result_type(view) == np.result_type(full)
        np.testing.assert_array_equal(view, full)
    assert not runtime.unreduce(2.0, big, view=True).flags.writeable  # a view: no memory
    assert runtime.unreduce(2.0, X, view=True).flags.writeable  # small: a new array is as quick


# Every pass that asks whether a value is a new array, or what it may return, asked of the view
# form and of the plain form: a view taken for a new array may be written into (read-only: a
# crash) or outlive the array it broadcasts.  (pass, question, its answer for view, for plain)
_VIEW_QUESTIONS = [
    ("fresh", lambda call: fresh.makes_fresh(
        Op(runtime.unreduce, call.args, {k.arg: k.value for k in call.keywords})), False, True),
    ("unit_seed_fresh", lambda call: unit_seed._fresh(call, "np"), False, True),
    ("unit_seed_returns", lambda call: [a.id for a in unit_seed._returns(call, "np", "_rt") or []],
     ["g"], []),
    ("call_results_returns", lambda call: [a.id for a in call_results.returned_operands(
        call, "np", "_rt") or []], ["g"], []),
    ("owned_fresh", lambda call: _owned_facts().fresh(call), False, True),
    ("owned_float", lambda call: _owned_facts().gives_float(call, set()), True, True),  # (its
    # dtype, a view's as a copy's; whether it is new is owned_fresh's question, asked with it)
    ("release", lambda call: release._view(call, "_rt"), True, False),
    ("order", lambda call: order._needs(call, "_rt"), (0, 0), (1, 1)),
]


def _owned_facts() -> Facts:  # (passes/owned.py's, of a function with no statements)
    return Facts(Derivative("f", gast.parse("def f(g, t): pass").body[0].args, [], Namer(set())),
                 set())


@pytest.mark.parametrize("question", _VIEW_QUESTIONS, ids=lambda q: q[0])
def test_every_pass_tells_the_view_from_a_new_array(question):
    _, ask, for_view, for_plain = question
    view = gast.parse("_rt.unreduce(g, t, view=True)").body[0].value
    plain = gast.parse("_rt.unreduce(g, t)").body[0].value
    assert ask(view) == for_view and ask(plain) == for_plain


def test_stand_in_keeps_the_dtype():
    """float32 stays float32 where the reduced array follows the parameter; a step that changes
    the dtype (a float64 constant array) keeps the array itself as the shape source."""
    x32 = X.astype(np.float32)
    assert tangentish.grad(gaussian_log1p)(x32).dtype == np.float32
    source = tangentish.grad(lambda x: np.sum(np.isnan(x) + x * C)).source
    assert "_rt.unreduce" in source and "(out_bar, x)" not in source


def _identity_like(x):
    return x * 1.0


def _sum_of_two(x, y):
    return x + y


@pytest.mark.parametrize("fn, wrt", [(_identity_like, 0), (_sum_of_two, (0, 1))])
def test_a_pullback_never_hands_back_the_callers_cotangent(fn, wrt):
    """Where the adjoint is the cotangent itself (``x_bar = out_bar``), the pullback returns a
    copy: changing the gradient must not change the caller's cotangent."""
    x = np.linspace(0.5, 1.5, 3)
    _, pullback = tangentish.vjp(fn, wrt=wrt)(*([x] * (2 if isinstance(wrt, tuple) else 1)))
    cotangent = np.arange(3.0)
    grads = pullback(cotangent)
    for g in grads if isinstance(grads, tuple) else (grads,):
        assert not np.may_share_memory(g, cotangent)
        g += 1.0
    np.testing.assert_array_equal(cotangent, np.arange(3.0))


# -- nor with a seed or a tangent the caller passed ---------------------------------------------

def identity(x, y):
    return x


def added(x, y):
    return x + y


def times_one(x, y):
    return x * 1.0 + 0.0 * y


def added_in_place(x, y):
    out = x.copy()
    out += y
    return out


def transposed(x, y):
    return x.reshape(2, 2).T + y.reshape(2, 2)


def sliced(x, y):
    return x[1:] - y[:3]


PASSED_ON = [identity, added, times_one, added_in_place, transposed, sliced]


@pytest.mark.parametrize("fn", PASSED_ON, ids=[fn.__name__ for fn in PASSED_ON])
def test_derivatives_share_no_memory_with_the_seed_or_tangents_given(fn):
    """The adjoint of ``x + y`` is the seed itself and the tangent of ``x.T`` a view of
    ``x_dot``: what a derivative returns is a new array in every mode (``grad`` and
    ``value_and_grad`` with ``out_bar=v`` handed ``v`` back), so changing it changes nothing."""
    x, y = np.array([0.3, -0.7, 1.1, 0.2]), np.array([1.5, 0.5, -2.0, 0.1])
    v = np.linspace(-1.0, 1.0, np.size(fn(x, y))).reshape(np.shape(fn(x, y)))
    tangents = {"x_dot": np.ones(4), "y_dot": np.full(4, 2.0)}
    runs = {
        "grad": lambda: tangentish.grad(fn, wrt=(0, 1))(x, y, out_bar=v),
        "value_and_grad": lambda: tangentish.value_and_grad(fn, wrt=(0, 1))(x, y, out_bar=v)[1],
        "vjp": lambda: tangentish.vjp(fn, wrt=(0, 1))(x, y)[1](v),
        "jvp": lambda: (tangentish.jvp(fn, wrt=(0, 1))(x, y, **tangents)[1],),
    }
    given = (x, y, v, *tangents.values())
    kept = tuple(np.array(a) for a in given)
    for mode, run in runs.items():
        first = run()
        _assert_fresh(first, given, mode)
        expected = tuple(np.array(g) for g in first)
        for g in first:
            g[...] = 7.0
        for g, want in zip(run(), expected, strict=True):
            np.testing.assert_array_equal(g, want, err_msg=mode)
        for a, b in zip(given, kept, strict=True):
            np.testing.assert_array_equal(a, b, err_msg=mode)

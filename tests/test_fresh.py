"""An array changed in place while a list holds *earlier* arrays of the same name: accepted when
the array was surely made in this pass through the loop body (and put in no list since), checked
against central differences in every mode; refused, as before, when it may be one the list holds."""

from __future__ import annotations

import numpy as np
import pytest
from test_second_order import MODES, check

import tangentish
import tangentish.runtime as rt
from tangentish.errors import UnsupportedConstructError

X = np.array([[0.3, -0.7, 1.1], [0.9, 0.2, -0.4], [-0.5, 1.3, 0.6], [0.1, -0.2, 0.8]])


def keeps_history(x):
    hist = []
    best = np.zeros(x.shape[1])
    for row in x:
        hist.append(best)  # the previous iteration's array
        best = np.maximum(best, row) * 1.5
        best[0] = best[0] * 0.5
    return np.sum(best) + np.sum(hist[1] * hist[2])


def keeps_views_of_history(x):
    hist = []
    acc = x[0] * 1.0
    for row in x:
        hist.append(acc[1:])  # a view of the previous iteration's array
        acc = np.sin(acc) + row
        acc[1] = acc[0] * acc[2]
    return np.sum(acc * acc) + np.sum(hist[-1] * hist[1])


def an_item_of_a_new_list(x):
    kept = [x[0] * 1.0]
    for row in x:
        both = kept + [row]  # a new list, holding the array kept holds
        first = both[0]
        first[1] = first[1] * row[2]
    return np.sum(kept[0] * kept[0])


def appends_before_the_change(x):
    hist = []
    best = np.zeros(x.shape[1])
    for row in x:
        best = np.maximum(best, row)
        hist.append(best)  # this iteration's array: the change below is seen through hist
        best[0] = best[0] * 0.5
    return np.sum(hist[0]) + np.sum(best)


def made_once(x):
    hist = []
    best = np.zeros(x.shape[1])  # one array for every iteration
    for row in x:
        hist.append(best)
        best[0] = best[0] + row[0]
    return np.sum(hist[0] * x[0])


def a_copy_of_the_name(x):
    kept = []
    new = x[0] * 2.0
    for row in x:
        kept.append(new)
        cur = new  # another name for the array kept holds: new arrays are made, but later
        cur[1] = row[1] * cur[0]
        new = cur * row
    return np.sum(kept[-1]) + np.sum(new)


def made_in_a_branch(x):
    hist = []
    best = np.zeros(x.shape[1])
    for row in x:
        hist.append(best)
        if row[0] > 0.0:
            best = row * 2.0
        best[2] = best[2] * row[2]
    return np.sum(hist[-1] * x[0])


def changed_in_an_inner_loop(x):
    hist = []
    for row in x:
        acc = row * 2.0  # made anew in each pass through the outer body, changed in the inner one
        for j in range(2):
            acc[j] = acc[j] * row[j + 1]
        hist.append(acc)
    return np.sum(hist[0] * hist[-1]) + np.sum(hist[1])


def filled_in_an_inner_loop(x):
    hist = []
    for row in x:
        parts = []  # a new list: appending to it leaves the lists hist holds alone
        for v in row:
            parts.append(v * row)
        hist.append(parts)
    return np.sum(hist[0][1] * hist[-1][2]) + np.sum(hist[1][0])


def put_in_the_list_in_the_inner_loop(x):
    hist = []
    for row in x:
        acc = row * 2.0
        for j in range(2):
            hist.append(acc)  # the next pass's change is seen through hist
            acc[j] = acc[j] * row[j + 1]
    return np.sum(hist[0]) + np.sum(hist[-1])


def bound_again_in_the_inner_loop(x):
    hist = [x[0] * 1.0]
    for row in x:
        acc = row * 2.0
        for j in range(2):
            acc[j] = acc[j] * row[j + 1]
            acc = hist[0]  # the next pass's change is of hist's array
    return np.sum(hist[0] * hist[0])


def branch_reads_it_before_the_change(x):
    hist = []
    for row in x:
        acc = row * 2.0
        if np.max(acc) > 1.0:  # a branch reading it between its making and the change
            scale = 0.5
            shift = np.sum(acc)
        else:
            scale = 2.0
            shift = 0.0
        acc[0] = acc[0] * scale + shift
        hist.append(acc)
    return np.sum(hist[0] * hist[-1]) + np.sum(hist[1])


def put_in_the_list_in_a_branch(x):
    hist = []
    for row in x:
        acc = row * 2.0
        if row[0] > 0.0:
            hist.append(acc)  # the change below is seen through hist
        acc[0] = acc[0] * 0.5
    return np.sum(hist[0]) + np.sum(hist[-1])


def changed_before_a_loop(v):
    g = v * 1.0
    if np.max(g) > 2.0:
        g[0] = 1.5
    else:
        g[0] = np.sum(g) * 0.25
    for _i in range(2):
        r = -(v * g)
        g, r = (r, g * r)
    return np.sum(np.tanh(g) * v)


def flat_write_after_a_guard(x):
    if np.sum(np.abs(x)) > 1e300:  # (the write's index and count bound in one branch only)
        return 0.0
    x.flat[::2] = x[1:3] * x[1]
    np.putmask(x, x > 0.5, x[1] * 2.0)
    return np.sum(np.sin(x)) * x[1]


def _differences(f, x, eps=1e-6):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[i] = eps
        grad[i] = (f(x + step) - f(x - step)) / (2 * eps)
    return grad


ACCEPTED = [keeps_history, keeps_views_of_history, changed_in_an_inner_loop,
            filled_in_an_inner_loop, branch_reads_it_before_the_change]
REFUSED = [appends_before_the_change, made_once, a_copy_of_the_name, made_in_a_branch,
           put_in_the_list_in_the_inner_loop, bound_again_in_the_inner_loop,
           put_in_the_list_in_a_branch]


@pytest.mark.parametrize("f", ACCEPTED, ids=lambda f: f.__name__)
def test_an_array_made_in_this_iteration_may_be_changed(f):
    x = X.copy()
    expected = _differences(f, x)
    np.testing.assert_allclose(tangentish.grad(f)(x), expected, rtol=1e-6, atol=1e-8)
    value, pullback = tangentish.vjp(f)(x)
    np.testing.assert_allclose(pullback(1.0), expected, rtol=1e-6, atol=1e-8)
    v = np.random.default_rng(3).normal(size=x.shape)
    _, tangent = tangentish.jvp(f)(x, x_dot=v)
    np.testing.assert_allclose(tangent, np.sum(expected * v), rtol=1e-6, atol=1e-8)
    np.testing.assert_array_equal(x, X)  # the argument is never changed


@pytest.mark.parametrize("f", REFUSED, ids=lambda f: f.__name__)
@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.vjp])
def test_an_array_a_list_may_hold_is_refused(f, transform):
    with pytest.raises(UnsupportedConstructError, match="is changed in place while") as caught:
        transform(f)(X.copy())
    assert "test_fresh.py" in str(caught.value) and "hint:" in str(caught.value)


def test_an_item_of_a_new_list_is_refused():
    with pytest.raises(UnsupportedConstructError, match="is changed in place while"):
        tangentish.grad(an_item_of_a_new_list)(X.copy())


def an_item_of_a_list_argument(xs, x):
    both = xs + [x]  # a new list holding the caller's array
    first = both[0]
    first[1] = first[1] * x[2]
    return np.sum(xs[0] * xs[0]) + np.sum(x)


def an_item_of_a_tuple_argument(t, x):
    first = t[0]
    first[1] = first[1] * x[2]
    return np.sum(t[0] * t[0]) + np.sum(x)


@pytest.mark.parametrize("f, holder", [(an_item_of_a_list_argument, list),
                                       (an_item_of_a_tuple_argument, tuple)])
@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.vjp])
def test_an_item_of_an_argument_changed_in_place_is_refused_and_never_written(f, holder,
                                                                              transform):
    """Was a silently wrong gradient that also wrote into the caller's array: the change reaches
    the argument's item, which is read afterwards."""
    kept = holder([X[0].copy()])
    x = X[1].copy()
    with pytest.raises(UnsupportedConstructError, match="is changed in place at"):
        transform(f, wrt="x")(kept, x)
    np.testing.assert_array_equal(kept[0], X[0])
    np.testing.assert_array_equal(x, X[1])


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("f, x", [(changed_before_a_loop, X[0]),
                                  (branch_reads_it_before_the_change, X),
                                  (filled_in_an_inner_loop, X),
                                  (flat_write_after_a_guard, X[1])],
                         ids=lambda case: getattr(case, "__name__", ""))
def test_second_order_through_an_array_made_in_this_pass(f, x, mode):
    """The gradient of these tapes the array (or a name the tape holds it by may be bound after the
    change, its placeholder holding no value at the change; or, for the write through `.flat`,
    the indices and counts of the writes, bound in one branch, which are new arrays and ints:
    passes/fresh.py); its derivative is not refused, and matches central differences of the
    gradient (the last was refused: mutation fuzzer, seed 20)."""
    check(mode, f, [x.copy()], 0)


# A helper that changes in place what a call made: a new array, never the helper's argument
# (`np.maximum.accumulate(b)` was refused as a change of `b`: fuzz seed 540, program 298).
MAKES_NEW = {
    "maximum.accumulate": lambda b: np.maximum.accumulate(b),
    "minimum.accumulate": lambda b: np.minimum.accumulate(b, axis=0),
    "add.accumulate": lambda b: np.add.accumulate(b),
    "multiply.outer": lambda b: np.multiply.outer(b, b)[0],
    "add.reduce": lambda b: np.add.reduce(np.stack([b, b * b])),
    "quantile": lambda b: np.quantile(np.stack([b, b * 2.0]), [0.25, 0.5, 0.75], axis=0)[1],
    "nanmax": lambda b: np.nanmax(np.stack([b, -b]), axis=0),
    "cumsum": lambda b: np.cumsum(b),
    # (`t = v.astype(float); t[0] = e` was refused as a write into the value of a call given
    # `float` or `np`: the dtype taken for memory the result may share; fuzz family dtype_mix)
    "astype(float)": lambda b: b.astype(float),
    "astype(np.float64)": lambda b: b.astype(np.float64),
    "astype('float64')": lambda b: b.astype("float64"),
    "astype(copy=True)": lambda b: b.astype(np.float64, copy=True),
}


def _changes_what_it_made(make):
    def helper(b):
        made = make(b)
        made[1] -= 0.5 * made[0]
        return np.sum(made * made)

    def f(x):
        return helper(x * 1.0) + helper(x)

    return helper, f


@pytest.mark.parametrize("name", sorted(MAKES_NEW))
def test_a_helper_changes_in_place_what_a_call_made(name):
    _, f = _changes_what_it_made(MAKES_NEW[name])
    x = np.array([0.7, -1.3, 2.1])
    expected = _differences(f, x.copy())
    np.testing.assert_allclose(tangentish.grad(f)(x), expected, rtol=1e-6, atol=1e-8)
    np.testing.assert_array_equal(x, [0.7, -1.3, 2.1])


def test_a_helper_changing_a_view_of_its_argument_is_still_refused():
    _, f = _changes_what_it_made(lambda b: b[::-1])
    x = np.array([0.7, -1.3, 2.1])
    with pytest.raises(UnsupportedConstructError, match="changes its argument 'b' in place"):
        tangentish.grad(f)(x)
    np.testing.assert_array_equal(x, [0.7, -1.3, 2.1])


# -- the runtime helpers the aliasing analysis takes as making new values -----------------------

_r = np.random.default_rng(611)


def _a(*shape):
    return _r.standard_normal(shape)


def _product_calls(left, right):
    """Calls of a product's two adjoints ``(g, a, b)`` over the operand shapes it takes."""
    shapes = {"matmul": [((2, 3), (3, 4), (2, 4)), ((3,), (3, 4), (4,)), ((2, 3), (3,), (2,)),
                         ((3,), (3,), ()), ((5, 2, 3), (3, 4), (5, 2, 4)),
                         ((2, 3), (5, 3, 4), (5, 2, 4))],
              "dot": [((), (3, 4), (3, 4)), ((3,), (3,), ()), ((2, 3), (3, 4), (2, 4)),
                      ((2, 3), (3,), (2,)), ((2, 2, 3), (4, 3, 5), (2, 2, 4, 5))],
              "inner": [((), (3,), (3,)), ((3,), (3,), ()), ((2, 3), (4, 3), (2, 4)),
                        ((2, 2, 3), (3,), (2, 2))]}[left.__name__.split("_")[0]]
    return [(helper, (_a(*g), _a(*a), _a(*b)), {}) for a, b, g in shapes
            for helper in (left, right)]


_T = _a(3, 4)
FRESH_CALLS = [
    (rt.private, (_a(3, 4),), {}), (rt.own, (_a(3, 4),), {}), (rt.zeros_like, (_a(3),), {}),
    (rt.set_index, (_a(3, 4), 1, 0.0), {}), (rt.set_index, (_a(4), slice(1, 3), _a(2)), {}),
    (rt.unindex, (_a(4), _a(3, 4), 1), {}), (rt.unindex, (_a(3, 4), _a(3, 4), Ellipsis), {}),
    (rt.unreduce, (_a(3), _a(3, 4)), {"axis": 1}), (rt.unreduce, (_a(3, 4), _a(3, 4)), {"axis": ()}),
    (rt.unreduce, (1.5, _a(3, 4)), {}), (rt.reduced_size, (_a(3, 4), 1), {}),
    *_product_calls(rt.matmul_left, rt.matmul_right), *_product_calls(rt.dot_left, rt.dot_right),
    *_product_calls(rt.inner_left, rt.inner_right),
    (rt.read_mask, (_a(3, 4),), {}), (rt.read_mask, (_a(3, 4), _a(3, 4) > 0.5), {}),
    (rt.reads, (_a(3, 4), 1), {}), (rt.reads, (_a(4), [1, 1, 2]), {}),
    (rt.reads, (_a(4), [1, 1, 2], _a(3) > 0.5), {}),
    (rt.chosen, (_a(3, 4), _a(3, 4)), {}), (rt.chosen, (_a(3, 4), 1.0), {}),
    (rt.chosen, (np.array([np.nan, 1.0, 2.0]), np.array([0.0, 1.0, 0.5])), {}),
    (rt.chosen, (_a(2, 3), np.ones((2, 3))), {}),
    (rt.divided, (_a(3, 4) > 0, _a(3, 4), _a(3, 4)), {}), (rt.divided, (True, _a(3), 2.0), {}),
    (rt.ties, (_T, np.max(_T)), {}), (rt.ties, (np.ones((3, 4)), np.ones(4)), {"axis": 0}),
    (rt.ties, (_T[0], np.min(_T[0], keepdims=True)), {"keepdims": True}), (rt.pick_first, (_a(3), _a(3)), {}),
    (rt.pick_first, (_a(3, 4), 0.0), {}), (rt.fpick_first, (_a(3), _a(3)), {"smallest": True}),
    (rt.step, (_a(3, 4),), {}), (rt.step, (_a(300),), {}),
    (rt.clip_inside, (_a(3, 4), -0.5, 0.5), {}), (rt.clip_inside, (_a(4), None, _a(4)), {}),
    (rt.clip_lower, (_a(3, 4), _a(4), 0.5), {}), (rt.clip_upper, (_a(3, 4), None, _a(3, 4)), {}),
    (rt.kept_ties, (_a(3, 4), 3.0, 3.0), {}), (rt.kept_ties, (_a(3, 4), _a(4), 0.0), {"axis": 0}),
    (rt.start_share, (_a(3, 4), 3.0, 3.0), {}),
    (rt.start_share, (np.ones((3, 4)), np.ones(4), np.ones(4)), {"axis": 0}),
    (rt.put_index, (_a(3, 4), np.array([0, 5, 5]), _a(3)), {}),
    (rt.put_index, (_a(4), np.arange(4), _a(4)), {"mode": "wrap"}),
    (rt.mask_index, (_a(3, 4), _a(3, 4) > 0.5, _a(2)), {}),
    (rt.mask_index, (_a(4), np.array([True, False, True, True]), 2.0), {"function": "putmask"}),
    (rt.diagonal_index, (_a(3, 3), 1.0), {}), (rt.diagonal_index, (_a(5, 2), _a(2)), {"wrap": True}),
    (rt.written_count, (np.array([True, False, True]),), {}),
    (rt.written_count, ((np.array([0, 2]),),), {}),
]


def test_every_fresh_helper_is_called_below() -> None:
    from tangentish.passes.fresh import FRESH_HELPERS

    assert {getattr(rt, name) for name in FRESH_HELPERS} == {call[0] for call in FRESH_CALLS}


@pytest.mark.parametrize("helper, args, kwargs", FRESH_CALLS,
                         ids=lambda v: getattr(v, "__name__", None) if callable(v) else "")
def test_a_fresh_helper_shares_no_memory_with_its_arguments(helper, args, kwargs) -> None:
    """What passes/fresh.py's FRESH_HELPERS claims: the result is a new array, whatever the
    shapes (a helper returning an argument as is, or a view of one, would let a change in place
    through the result reach a value the tape holds)."""
    result = helper(*args, **kwargs)
    for arg in args:
        if isinstance(arg, np.ndarray):
            assert not np.shares_memory(np.asarray(result), arg), helper.__name__


# An array's layout read before a change in place (`o.dtype`, `o.shape`, `np.shape(o)`) holds
# none of its memory: at second order, where the gradient restores `o` from the tape, it was taken
# for another name of `o` and refused; the out= rewrite reads `o.dtype` (fuzz seed 5402, program 2).
def _out_in_a_branch(v):
    o = np.zeros(3)
    if np.sum(v) > 0:
        np.sin(v, out=o)
    return np.sum(o * v)


def _dtype_then_changed(v):
    o = v * 1.0
    kind = o.dtype
    if np.sum(v) > 0:
        o[1] = o[0] * o[2]
    return np.sum(o ** 2) + np.ones(1, dtype=kind)[0]


def _shape_then_changed(v):
    o = v * 2.0
    size, shape = np.size(o), np.shape(o)
    if np.sum(v) > 0:
        o[0] = o[1] * o[2]
    return np.sum(o ** 2) * np.ones(shape)[0] + size


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("f", [_out_in_a_branch, _dtype_then_changed, _shape_then_changed],
                         ids=lambda f: f.__name__)
def test_a_layout_read_before_a_change_shares_no_memory(f, mode):
    check(mode, f, [np.array([0.5, -1.0, 2.0])], 0)

"""Adjoints updated in place (passes/owned.py): a table of the shapes aliasing takes, each
derivative against central finite differences, no argument changed, the same answer on a second
call, and the in-place form used exactly where the table says it is safe."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from helpers import numeric_grad, seed_for, specialized_calls

import tangentish

BENCHMARKS = str(Path(__file__).resolve().parent.parent / "benchmarks")
if BENCHMARKS not in sys.path:
    sys.path.insert(0, BENCHMARKS)

import idioms_extra  # noqa: E402  (benchmarks/: listacc, running sums in a list)

IN_PLACE = ("] += ", "] = 0.0", "_bar[i] = ")  # (the last: a first addition into zeros, a write)


def loop_items(x):  # x_bar[i] += g, O(1) per step
    s = 0.0
    for i in range(len(x)):
        s = s + np.sin(x[i]) * x[i]
    return s


def copied_name(x):  # y is x: two adjoints may be one array
    y = x
    return y[0] * 2.0 + x[1] * 3.0 + np.sum(y * x)


def view_read_twice(x):  # r is a view of x, read before and after
    r = x[1:]
    return r[0] * x[0] + np.sum(r * r) + r[1] * x[2]


def rows_of_matrix(x, w):  # x[i] is a row (a view): its adjoint must not alias x_bar
    total = 0.0
    for i in range(x.shape[0]):
        total = total + np.tanh(x[i] @ w)
    return total


def repeated_indices(x):  # an integer array repeats positions: counted once each
    idx = np.array([0, 0, 2, 2, 2])
    return np.sum(x[idx] ** 2) + x[0] * x[2]


def repeated_in_loop(x):  # a counter drawn from an array with repeats: += per step is right
    s = 0.0
    for j in np.array([1, 1, 0, 1]):
        s = s + x[j] * x[j]
    return s


def written_then_read(x):  # y[i] = v zeroes y_bar[i]; the read of y[i] before must not see it
    y = np.zeros(4)
    for i in range(3):
        y[i] = x[i] * x[i + 1]
        y[i + 1] = y[i] + np.sin(x[i])
    return np.sum(y * y)


def rows_written(x):  # a written row: y_bar[i] is a view while the row's adjoint is live
    y = np.zeros((3, 2))
    total = 0.0
    for i in range(3):
        y[i] = x[i] * 2.0
        total = total + np.sum(y[i] * x[i])
    return total + np.sum(y)


def saved_on_tape(x):  # the array changed in place is saved and restored in the loop
    y = x * 1.0
    for i in range(3):
        y[i + 1] = y[i] * y[i + 1]
    return np.sum(y)


def returned_twice(x):  # one value, two outputs: their adjoints add
    z = x[0] * x[1]
    return z + z * x[2]


def slice_updates(x):
    y = np.ones(5)
    y[1:3] = x[:2] * 3.0
    y[3:] += x[2:] ** 2
    return np.sum(np.exp(y) * y[0])


def list_items(x):  # a list is not an array: its adjoint stays with the helpers
    xs = [x[0], x[1] * 2.0]
    xs[1] = xs[0] * xs[1]
    return xs[0] + xs[1] * x[2]


def in_branch(x):
    s = 0.0
    for i in range(len(x)):
        if x[i] > 0.5:
            t = x[i] ** 2
            s = s + t
        else:
            s = s - x[i]
    return s


def negative_index(x):
    return x[-1] * x[0] + x[-2] ** 3


def arithmetic_start(x):  # x_bar = 2 * x, new and of x's shape (an adjoint): x_bar[1:] += g
    y = np.sum(x[1:] * x[:-1])
    return y + np.sum(x * x)


def broadcast_start(x, w):  # x_bar sums w over the rows broadcasting added
    y = np.sum(x[1:] ** 2) + x[0] * x[-1]
    return y + np.sum(x * w) + np.sum(x * x)


def guarded_then_sliced(x):  # x_bar = np.where(x > 0, g, 0.0), a new array: x_bar[1:] += h
    return np.sum(np.where(x > 0.5, np.sqrt(x), 0.0)) + np.sum(np.log(x)[1:] * x[:-1])


def selected_start(x, y):  # np.where of y's shape, not x's: no x_bar[1:] += h
    z = np.where(y > 0.5, x, 0.0)
    return np.sum(z * z) + np.sum(x[1:] ** 3)


# name, function, argument shapes, wrt, whether the gradient code updates in place (None: either)
CASES = [
    ("loop_items", loop_items, [(5,)], 0, True),
    ("copied_name", copied_name, [(3,)], 0, None),
    ("view_read_twice", view_read_twice, [(4,)], 0, None),
    ("rows_of_matrix", rows_of_matrix, [(3, 2), (2,)], (0, 1), True),
    ("repeated_indices", repeated_indices, [(3,)], 0, None),
    ("repeated_in_loop", repeated_in_loop, [(2,)], 0, None),
    ("written_then_read", written_then_read, [(4,)], 0, True),
    ("rows_written", rows_written, [(3, 2)], 0, None),
    ("saved_on_tape", saved_on_tape, [(4,)], 0, None),
    ("returned_twice", returned_twice, [(3,)], 0, True),
    ("slice_updates", slice_updates, [(4,)], 0, True),
    ("list_items", list_items, [(3,)], 0, None),
    ("in_branch", in_branch, [(5,)], 0, True),
    ("negative_index", negative_index, [(3,)], 0, True),
    ("arithmetic_start", arithmetic_start, [(4,)], 0, True),
    ("broadcast_start", broadcast_start, [(4,), (3, 4)], 0, None),
    ("guarded_then_sliced", guarded_then_sliced, [(5,)], 0, True),
    ("selected_start", selected_start, [(4,), (3, 4)], 0, None),
]


# Second order refused these once (the gradient's tape held the array its loop changes in
# place); the tape now holds copies of such values (passes/taped_views.py), so none is refused.
NO_HVP: set[str] = set()


def _args(name, shapes):
    rng = np.random.default_rng(seed_for(name))
    return [rng.uniform(0.1, 1.0, size=shape) for shape in shapes]


def _unchanged(args, copies):
    for arg, copy in zip(args, copies, strict=True):
        np.testing.assert_array_equal(arg, copy)


@pytest.mark.parametrize("name, f, shapes, wrt, in_place", CASES, ids=[c[0] for c in CASES])
def test_gradient(name, f, shapes, wrt, in_place):
    args = _args(name, shapes)
    copies = [a.copy() for a in args]
    df = tangentish.grad(f, wrt=wrt)
    first = df(*args)
    _unchanged(args, copies)
    second = df(*args)
    expected = numeric_grad(f, args, wrt)
    for got, again, want in zip(*(g if isinstance(wrt, tuple) else (g,)
                                  for g in (first, second, expected)), strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-7, err_msg=name)
        np.testing.assert_array_equal(got, again)
    if in_place is not None:
        assert any(form in df.source for form in IN_PLACE) == in_place, df.source


@pytest.mark.parametrize("name, f, shapes, wrt, in_place", CASES, ids=[c[0] for c in CASES])
def test_value_and_grad_and_vjp(name, f, shapes, wrt, in_place):
    args = _args(name, shapes)
    copies = [a.copy() for a in args]
    value, gradient = tangentish.value_and_grad(f, wrt=wrt)(*args)
    assert np.isclose(value, f(*copies))
    output, pullback = tangentish.vjp(f, wrt=wrt)(*args)
    seed = np.float64(1.5)
    once, twice = pullback(seed), pullback(seed)
    _unchanged(args, copies)
    for a, b, c in zip(*(g if isinstance(wrt, tuple) else (g,) for g in (gradient, once, twice)),
                       strict=True):
        np.testing.assert_allclose(b, 1.5 * a, rtol=1e-12, atol=1e-12)
        np.testing.assert_array_equal(b, c)


@pytest.mark.parametrize("name, f, shapes, wrt, in_place", CASES, ids=[c[0] for c in CASES])
def test_jvp_and_hvp(name, f, shapes, wrt, in_place):
    args = _args(name, shapes)
    position = wrt[0] if isinstance(wrt, tuple) else wrt
    copies = [a.copy() for a in args]
    direction = np.random.default_rng(seed_for(name) + 1).normal(size=args[position].shape)
    direction_copy = direction.copy()
    g = tangentish.grad(f, wrt=position)
    _, slope = tangentish.jvp(f, wrt=position)(*args, **{_tangent(f, position): direction})
    np.testing.assert_allclose(slope, np.sum(g(*args) * direction), rtol=1e-10, atol=1e-12)
    if name in NO_HVP:
        with pytest.raises(tangentish.UnsupportedConstructError):
            tangentish.hvp(f, wrt=position)(*args, direction)
        return
    product = tangentish.hvp(f, wrt=position)(*args, direction)
    _unchanged(args + [direction], copies + [direction_copy])

    def along(*moved):
        return np.sum(g(*moved) * direction)
    np.testing.assert_allclose(product, numeric_grad(along, args, position), rtol=1e-5,
                               atol=1e-6, err_msg=name)


def _tangent(f, position):
    return f"{f.__code__.co_varnames[position]}_dot"


def test_jvp_writes_its_own_tangent_in_place():
    def fill(x):
        out = np.zeros(len(x))
        for i in range(len(x)):
            out[i] = np.sin(x[i])
        return np.sum(out * out)
    source = tangentish.jvp(fill).source
    assert "out_dot[i] = " in source and "set_index" not in source


def test_user_tangent_is_never_written():
    def overwrite(x):
        y = x * 1.0
        y[0] = 2.0 * y[1]
        return np.sum(y * y)
    x = np.array([0.3, 0.7, 1.1])
    direction = np.array([1.0, -2.0, 0.5])
    keep = direction.copy()
    tangentish.jvp(overwrite)(x, x_dot=direction)
    np.testing.assert_array_equal(direction, keep)



def test_runtime_helpers_never_write_what_another_name_holds():
    acc, g = np.zeros(4), np.ones(2)
    kept = acc  # a second reference: the helper must not write into acc
    out = tangentish.runtime.add_at(acc, g, acc, slice(0, 2))
    assert out is not kept and not kept.any()
    also = out
    zeroed = tangentish.runtime.zero_index(out, 0)
    assert zeroed is not also and also[0] == 1.0

def test_a_rebound_parameter_is_not_assumed_floating():
    """A parameter the API made floating but the body binds again (to ints here) is not
    floating, nor is what is made like it."""
    import gast

    from tangentish.passes.derivative import Derivative
    from tangentish.passes.owned_facts import Facts as _Facts
    from tangentish.syntax.naming import Namer
    body = gast.parse("x = np.arange(3)\nx_bar = np.zeros_like(x)\ny = np.zeros(3)").body
    fn = Derivative("f", gast.parse("def f(x): pass").body[0].args, body, Namer(set()))
    assert _Facts(fn, {"x"}).floating == {"y"}


def products_in_loop(x, y):
    s = 0.0
    for i in range(len(x)):
        s = s + x[i] * y[i] * y[i]
    return s


def test_one_array_passed_twice():
    """The same array as two arguments: their adjoints are two arrays, each written in place."""
    a = np.array([0.4, 0.8, 1.3])
    keep = a.copy()
    df = tangentish.grad(products_in_loop, wrt=(0, 1))
    assert "x_bar[i] = " in df.source and "y_bar[i] += " in df.source  # (x_bar first: a write)
    x_bar, y_bar = df(a, a)
    assert x_bar is not y_bar
    np.testing.assert_array_equal(a, keep)
    for got, want in zip((x_bar, y_bar), numeric_grad(products_in_loop, [a, a.copy()], (0, 1)),
                         strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-6)


def carried_stencil(u, r):  # u carried around the loop keeps its shape: u_bar[2:] += g
    for _ in range(4):
        lap = np.zeros_like(u)
        lap[1:-1] = u[2:] - 2.0 * u[1:-1] + u[:-2]
        u = u + r * lap
    return np.sum(u * u)


def carried_growing(u, w):  # u of shape (1,) grows to w's shape: its adjoint's shape is unknown
    for _ in range(3):
        u = u * 0.5 + np.sin(w) + np.sum(u[1:] * 2.0)
    return np.sum(u * u)


SPECIALIZED = [  # (function, arguments, whether the specialized source adds in place)
    (carried_stencil, (np.linspace(0.1, 1.0, 7), 0.2), True),
    (carried_growing, (np.array([0.3]), np.linspace(0.1, 1.0, 5)), False),
]


@pytest.mark.parametrize("f, args, in_place", SPECIALIZED,
                         ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(SPECIALIZED)])
def test_a_carried_array_of_one_shape_is_added_into_in_place(f, args, in_place):
    """A value carried around a loop whose every value the specialization proves of a
    parameter's shape is stable: its adjoint's updates are written in place, not through
    ``_rt.add_at``; where the value may change its shape the helper stays."""
    copies = [np.copy(a) for a in args]
    df = tangentish.grad(f)
    results = specialized_calls(df, args, 3)  # generic, then specialized twice
    _unchanged(args, copies)
    source = df.source_for(*args)
    assert ("_rt.add_at(" not in source and "] += " in source) == in_place, source
    expected = numeric_grad(f, args, 0)
    for got in results:
        np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-8)


def running_products(x, w):  # an item read back by the loop (its adjoint reads the tape's)
    acc = [1.0, 0.0]
    for i in range(x.shape[0]):
        acc[0] = acc[0] * (x[i] + w)
        acc[1] = acc[1] + acc[0] * acc[0]
    return acc[1]


def int_sums(x, w):  # items begin as ints: not proven float64, so the helpers stay
    acc = [0, 0]
    for i in range(x.shape[0]):
        acc[0] += x[i] * w
        acc[1] += x[i] * x[i]
    return acc[0] * acc[1]


def item_made_array(x, w):  # an array written in: no list of numbers
    acc = [0.0, 0.0]
    for i in range(2):
        acc[i] = acc[i] + x[i] * w
    acc[1] = x * acc[1]
    return acc[0] + np.sum(acc[1])


def counter_items(x, w):  # items by a loop counter and a negative index, in nested loops
    acc = [0.0, 0.0, 0.0]
    for k in range(3):
        for i in range(x.shape[0]):
            acc[k] = acc[k] + np.sin(x[i] * (k + 1)) * w
        acc[-1] = acc[-1] * 0.5 + acc[k]
    return acc[0] * acc[1] + acc[-1]


def branch_items(x, w):  # items changed in a branch, one by a product
    acc = [0.0, 1.0]
    for i in range(x.shape[0]):
        if x[i] > 0.5:
            acc[0] += x[i] * w
        else:
            acc[1] *= x[i] + w
    return acc[0] + acc[1] * acc[0]


NUMBER_LISTS = [  # (function, whether the specialized source updates its adjoint in place)
    (idioms_extra.listacc, True),  # acc[0] += v; acc[1] += v * v
    (running_products, True),
    (int_sums, False),
    (item_made_array, False),
    (counter_items, None),
    (branch_items, None),
]


@pytest.mark.parametrize("f, in_place", NUMBER_LISTS, ids=[c[0].__name__ for c in NUMBER_LISTS])
def test_a_list_of_numbers_adjoint_is_updated_in_place(f, in_place):
    """A list of float64 numbers changed item by item (``acc[i] += v``, passes/list_items.py)
    has a float64 array of its length as adjoint: its items are added into and zeroed in place
    (``acc_bar[1] += g``), and the loop no longer tapes the items it overwrites, which no
    adjoint reads (_rt.add_at read the list for its layout alone); the adjoint of reading an
    item, ``_rt.unindex(g, acc, 1)``, is made as that array, ``np.array([0.0, g])``; elsewhere
    the helpers stay."""
    args = (np.linspace(0.2, 1.1, 5), 0.7)
    copies = [np.copy(a) for a in args]
    df = tangentish.grad(f, wrt=(0, 1))
    results = specialized_calls(df, args, 3)  # generic, then specialized twice
    _unchanged(args, copies)
    source = df.source_for(*args)
    helpers = "_rt.add_at(" in source or "_rt.zero_index(" in source
    assert in_place is None or (not helpers and "acc_bar[1] += " in source) == in_place, source
    if in_place:
        assert "acc[0] = _tape.pop()" not in source and "acc[1] = _tape" not in source, source
        assert "np.copy(acc[" not in source, source
        assert "_rt.unindex(" not in source and "acc_bar = np.array([" in source, source
    expected = numeric_grad(f, args, (0, 1))
    for got in results:
        for value, want in zip(got, expected, strict=True):
            np.testing.assert_allclose(value, want, rtol=1e-6, atol=1e-8)
    value, gradient = tangentish.value_and_grad(f, wrt=(0, 1))(*args)
    assert np.isclose(value, f(*args))


def masked_number(x):
    v = x.prod()
    kept = v[v > 0]  # (a number indexed by a bool: its adjoint is no array to write into)
    return np.sum(np.sin(np.power(np.abs(kept) + 1.0, np.cos(v))))


def test_a_number_indexed_by_a_bool_is_not_written_in_place():
    """``v_bar[c] += g`` of a number ``v`` and a bool ``c`` (a comparison: rank 0, but no int)
    raised ``TypeError: 'numpy.float64' object does not support item assignment`` where ``v[c]``
    was empty (fuzz calls seed 228 program 30): ``_rt.add_at`` stays."""
    df = tangentish.grad(masked_number)
    for x in (np.array([0.67, 0.7, 0.4, 0.38]), np.array([0.67, 0.7, 0.4, -0.38])):
        np.testing.assert_allclose(df(x), numeric_grad(masked_number, [x]), rtol=1e-6, atol=1e-8)

"""Second derivatives of functions that change an array they made in place more than once, or
through a view of a view, in a loop: the Hessian, the Hessian-vector product and the Jacobian of
the gradient against central differences of the gradient.

Before, the gradient put the overwritten parts back into the array itself (``a_1[1:] =
_tape.pop()``), which its tape also held, and differentiating it again was refused
(``changed in place while the gradient's tape ... may hold it``), though nothing after the
restore read what was put back (spring_chain_verlet in tests/idioms9_zoo.py; fuzz seed 9092,
program 118).  The proof that the array was made fresh in its pass (passes/fresh.py) stopped at
the first change in place (``f[:-1] += v``), at the run-time check guarding it
(``_rt.check_unshared``) and at the save of the part it overwrote; a restore into a copy made
again only views of the array itself, not views of a view (``r200 = r20[0]``, ``r20 =
r19[1:4]``; passes/undo.py), and only those made after the last earlier change of the array:
one made before it (``first = t[0]``, then ``t[0] = ...``) saw values that change still
overwrites when a later change is undone (made again there, it gave a wrong gradient).
An array made in an outer loop and changed twice in an inner one (``nested_fill``) was refused:
each change's restore counted the other's (``M[i] = _tape.pop()``, which only writes into M) as
a read of M, and the proof that no list holds M stopped at the tape's record of an item of it,
``_rt.like(M_item)`` (a ``Like`` or a copy for an array's item; passes/fresh.py).  A buffer
copied at the top of each pass (``b = b.copy()``, as the refusal's hint asks) was still refused:
a view of the other buffer, made before the copy, counted as sharing its memory, and a view by
a computed index (``s[i - 1]``) was not made again after a restore into a copy."""

import gast
import idioms9_zoo as z
import numpy as np
import pytest
from helpers import numeric_jacobian

import tangentish
from tangentish import ir
from tangentish.passes.desugar import desugar
from tangentish.passes.fresh import made_here
from tangentish.passes.normalize import normalize
from tangentish.syntax.parse import parse_function


def two_writes_read_after(x):  # (the second write's restore is read: into a copy)
    s = 0.0
    for i in range(2):
        y = np.sin(x) * (i + 1.0)
        y[0] = y[1] * y[2]
        y[2] = y[0] * x[i]
        s = s + np.sum(y * x)
    return s


def view_of_a_view(v, w):  # (fuzz seed 9092, program 118, shrunk by hand)
    c = np.arcsinh(v[-2] / 2.75)
    s = 0.0
    for _ in range(3):
        r = np.array(w)
        part = r[1:4]
        part[2] -= part[0] * np.tanh(c)
        s = s + np.sum(r * v)
        c = c + r[2]
    return c + s


def read_after_restore(x):  # (a view made before an earlier change is not made again after
    out = 0.0  # the later change's restore: `first = t[0]` saw t[0] before `t[0] = ...`)
    for i in range(2):
        t = np.exp(x) * (i + 1.0)
        first = t[0]
        t[0] = t[1] ** 2
        t[1] = first * t[0]
        out = out + np.sum(t * t) * first
    return out


def read_after_restore_2d(x):  # (`first` a row: a view of t that the restore must not remake)
    t = np.outer(np.exp(x), x)
    first = t[0]
    t[0] = t[1] ** 2
    w = first * 2.0
    t[1] = w * t[0]
    return np.sum(t * t) * np.sum(first) + np.sum(w)


def nested_fill(x):  # (made in the outer loop, changed twice in the inner one, items taped)
    total = 0.0
    for a in range(2):
        M = np.outer(x, x) * (a + 1.0)
        for i in range(len(x)):
            M[i, i] += np.sin(x[i])
            M[i] *= 0.5
        total = total + np.sum(M ** 2)
    return total


def double_buffer(x):  # (b = b.copy() each pass, as the refusal's hint asks)
    a = np.sin(x) * 1.0
    b = np.zeros_like(a)
    for _ in range(3):
        b = b.copy()
        b[1:-1] = 0.5 * (a[:-2] + a[2:])
        b[0] = a[0]
        b[-1] = a[-1] ** 2
        a, b = b, a
    return np.sum(a ** 3)


def double_buffer_shared(x):  # (b is the array a held in the pass before: refused)
    a = np.sin(x) * 1.0
    b = np.zeros_like(a)
    for _ in range(3):
        b[1:-1] = 0.5 * (a[:-2] + a[2:])
        b[-1] = a[-1] ** 2
        a, b = b, a
    return np.sum(a ** 3)


def carried_copy(x):  # (an item read by a computed index, s[i - 1], after the copy)
    s = np.ones(3)
    for i in range(3):
        s = s.copy()
        s[i] = s[i - 1] * x[i] + s[i]
        s *= 1.1
    return np.sum(s ** 2)


X = np.array([0.0, 1.1, 2.3, 2.9])
V = np.array([0.3, -0.5, 0.8, 0.1, 0.4])
W = np.array([0.2, 0.7, -0.4, 0.9, 0.5])
CASES = [("spring_chain_x0", z.spring_chain_verlet, (X, 1.5), 0),
         ("spring_chain_k", z.spring_chain_verlet, (X, 1.5), 1),
         ("view_of_a_view_v", view_of_a_view, (V, W), 0),
         ("view_of_a_view_w", view_of_a_view, (V, W), 1),
         ("read_after_restore_2d", read_after_restore_2d, (np.array([0.1, -0.2, 0.3]),), 0),
         ("nested_fill", nested_fill, (np.array([0.3, -0.5, 0.8]),), 0),
         ("double_buffer", double_buffer, (np.array([0.3, -0.5, 0.8, 0.1, 0.6]),), 0),
         ("carried_copy", carried_copy, (np.array([0.3, -0.5, 0.8]),), 0)]
# (their gradients; differentiating them again is refused: a view made before the first change
# is read after the second's restore, which therefore goes into the array itself)
CASES += [("two_writes_read_after", two_writes_read_after, (X,), 0),  # (refused before the
          ("read_after_restore", read_after_restore, (np.array([0.1, -0.2, 0.3]),), 0)]  # run-
REFUSED = [("double_buffer_shared", double_buffer_shared,  # time tape check, refusals4)
            (np.array([0.3, -0.5, 0.8, 0.1, 0.6]),), 0)]


@pytest.mark.parametrize("f, args, wrt", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_second_order_of_arrays_written_in_place(f, args, wrt):
    gradient = tangentish.grad(f, wrt=wrt)
    np.testing.assert_allclose(gradient(*args), numeric_jacobian(f, args, wrt), rtol=1e-6,
                               atol=1e-8, err_msg="gradient")
    expected = numeric_jacobian(lambda *a: np.asarray(gradient(*a), dtype=np.float64), args,
                                wrt, step=1e-6)
    arg = args[wrt]
    expected = expected.reshape(np.shape(arg) * 2)
    v = np.linspace(0.3, -1.0, np.size(arg)).reshape(np.shape(arg))
    v = v if np.ndim(arg) else float(v)
    for _ in range(2):  # (the generic derivative, then the one specialized to the call)
        hess = tangentish.hessian(f, wrt=wrt, progress=False)(*args)
        np.testing.assert_allclose(hess, expected, rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(tangentish.jacobian(gradient, wrt=wrt)(*args), expected,
                                   rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(tangentish.hvp(f, wrt=wrt)(*args, v),
                                   np.tensordot(expected, v, axes=np.ndim(v)),
                                   rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("f, args, wrt", [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_gradients_whose_second_order_is_refused(f, args, wrt):
    np.testing.assert_allclose(tangentish.grad(f, wrt=wrt)(*args),
                               numeric_jacobian(f, args, wrt), rtol=1e-6, atol=1e-8)
    with pytest.raises(tangentish.UnsupportedConstructError, match="changed in place") as info:
        tangentish.hessian(f, wrt=wrt, progress=False)(*args)
    message, hint = str(info.value).split("hint:")  # (the user's line, and the user's name)
    assert "'b' is changed in place at test_second_order_helper_writes.py:" in message
    assert "top of the loop's body, before its views and changes (`b = b.copy()`)" in hint


def test_a_restore_into_a_copy_makes_views_of_views_again():
    source = tangentish.grad(view_of_a_view).source
    assert "r = r.copy()" in source and "part = r[1:4]" in source.split("r = r.copy()")[1]


def test_restores_that_only_write_are_no_reads():
    """The restore of one change of M (``M[i, i] = _tape.pop()``) writes into M, reading nothing
    of it: the other change's restore is not needed for it, and neither is made."""
    source = tangentish.grad(nested_fill).source
    assert "M[i] = _tape.pop()" not in source and "M[i, i] = _tape.pop()" not in source


def test_the_inputs_stay_unchanged():
    x = X.copy()
    tangentish.hessian(z.spring_chain_verlet, progress=False)(x, 1.5)
    np.testing.assert_array_equal(x, X)


def _changes(f):
    info = parse_function(f)
    desugar(info)
    norm = normalize(info)
    return norm.body, [s for s in norm.body if ir.note(s).updates]


def test_an_array_changed_in_place_before_is_still_made_here():
    def f(x):
        y = np.zeros(3)
        y[0] = x[0]
        y[1:] += x[1:]
        return y

    body, (first, second) = _changes(f)
    assert made_here(body, second, ir.note(second).updates)


def test_an_array_put_in_a_list_before_is_not():
    def f(x):
        y = np.zeros(3)
        keep = [y]
        y[1:] += x[1:]
        return y, keep

    body, (change,) = _changes(f)
    assert not made_here(body, change, ir.note(change).updates)


def test_a_change_that_writes_the_array_into_itself_is_no_proof():
    def f(x):
        y = np.zeros((3, 3))
        y[0] = y  # (the array itself as the value written: refused elsewhere, not proven here)
        y[1] = x
        return y

    body, changes = _changes(f)
    assert all(isinstance(s, gast.stmt) for s in changes)
    assert not made_here(body, changes[-1], ir.note(changes[-1]).updates)

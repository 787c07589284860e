"""A small helper changing in place an argument the call names (``for row in d: row -= t``,
``w -= lr * g`` then ``w[w > 1] = 1``, ``acc.append(v)``) is inlined, its writes made on the
caller's array (or list) as Python makes them (``passes/helper_writes.py``): every mode against
central finite differences, second order too.  These were refused at the call ("changes its
argument in place") or when the derivative ran (``_rt.check_not_array``).  A helper whose only
change is ``p op= e`` on a parameter itself (``s += e``: a number rebound) keeps its own
derivative and that check, as before."""

from __future__ import annotations

import numpy as np
import pytest
from test_realworld import Row
from zoo_modes import check_first_order_modes, check_hessian_vector_product

import tangentish


def _shift_rows(d, t):
    for xi in d:
        xi -= t


def shift_copy(D, t):
    D = D.copy()
    _shift_rows(D, t)
    return np.sum(D ** 2)


def shift_argument(D, t):
    _shift_rows(D, t)
    return np.sum(D ** 2) + np.sum(D[0] * t)


def _clip_update(w, g, lr, bound=1.0):
    w -= lr * g
    w[w > bound] = bound


def sgd_steps(w0, X, y, lr=0.1, steps=3):
    w = w0.copy()
    for _ in range(steps):
        g = X.T @ (X @ w - y) / len(y)
        _clip_update(w, g, lr)
    return np.sum((X @ w - y) ** 2)


def _bump(s, x):
    s += np.sum(x ** 2)
    return s


def bump_number(x, base=0.5):
    s = base
    s = _bump(s, x)
    return s * np.sum(np.sin(x))


def _push(acc, v):
    acc.append(v * 3.0)


def appended_by_helper(x):
    acc = []
    for v in x:
        _push(acc, v)
    return sum(acc) * x[2] + np.sum(np.stack(acc) ** 2)


def _scale(v, c):
    v *= c
    return np.sum(v)


def scale_row_view(X, c):
    X = X.copy()
    row = X[0]
    total = _scale(row, c)
    return total + np.sum(X ** 2)


SCALE = 1.75  # (a module-level number, which `s += e` in a helper given it rebinds)


def _step(s, w, x):
    s += np.sum(x ** 2)
    w[0] = s * x[0]
    return s


def module_number_augmented(x):
    """The helper is inlined (it writes into ``w``); ``s += e`` on ``SCALE`` is a rebinding,
    not a write into the module's value under ``isinstance(SCALE, np.ndarray)``, which was
    refused (fuzz seed 5522 program 70: `writing into 'SCALE', the value of a call given
    'SCALE'`)."""
    w = x * 1.0
    t = _step(SCALE, w, x)
    return np.sum(w ** 2) + t * SCALE


R = np.random.default_rng(3131)
D, T = R.normal(size=(3, 4)), R.normal(size=4)
X, Y = R.normal(size=(6, 3)), R.normal(size=6)
ROWS = [
    Row("shift_copy", shift_copy, (D, T), (0, 1), second=False),
    Row("shift_copy_D", shift_copy, (D, T)),
    Row("shift_argument", shift_argument, (D, T), (0, 1), second=False),
    Row("sgd_steps", sgd_steps, (0.3 * R.normal(size=3), X, Y)),
    Row("sgd_steps_X", sgd_steps, (0.3 * R.normal(size=3), X, Y), 1),
    Row("bump_number", bump_number, (R.normal(size=4),)),
    Row("appended_by_helper", appended_by_helper, (R.normal(size=4),)),
    Row("module_number_augmented", module_number_augmented, (R.normal(size=4),)),
]


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_helpers_changing_named_arguments_in_every_mode(row):
    check_first_order_modes(row)
    if row.second and not isinstance(row.wrt, tuple):
        check_hessian_vector_product(row)


def test_a_helper_rebinding_its_parameter_is_refused_at_its_line_given_a_view():
    """``v *= c`` on the parameter itself, given ``row = X[0]``: inlined (no loop), the write
    through the view of ``X`` is refused where it runs, naming the helper's line.  (A helper
    with a loop keeps its own derivative and run-time check: inlined, a number's rebinding
    inside a loop would stop second order, fuzz seed 4903 program 51.)"""
    with pytest.raises(tangentish.UnsupportedConstructError) as caught:
        tangentish.grad(scale_row_view)(X[:3].copy(), 2.0)
    message = str(caught.value)
    assert "test_helper_writes.py:71" in message and "'row' is changed in place" in message


def _doubled_by_zip(ps, qs):
    for _, q in zip(ps, qs, strict=True):
        q *= 2.0


def _doubled_by_iter(ps, qs):
    it = iter(qs)
    q = next(it)
    q *= 2.0


def _doubled_by_filter(ps, qs):
    for q in filter(lambda r: True, qs):
        q *= 2.0


def _doubled_by_map(ps, qs):
    for q in map(np.asarray, qs):  # (the rows themselves)
        q *= 2.0


def _doubled_by_enumerate(ps, qs):
    for _, q in enumerate(qs):
        q *= 2.0


def _doubled_by_a_loop(ps, qs):
    for q in qs:
        q *= 2.0


def _first(a):
    return a[0]


def _doubled_through_a_helper(ps, qs):
    q = _first(qs)
    q *= 2.0


def _doubled_through_a_dict(ps, qs):
    d = {"a": qs[0]}
    q = d["a"]
    q *= 2.0


def _doubled_through_getattr(ps, qs):
    q = getattr(qs, "T").T[0]  # noqa: B009  (the spelling under test)
    q *= 2.0


def _doubled_through_a_lambda(ps, qs):
    g = lambda: qs[0]  # noqa: E731  (the spelling under test)
    q = g()
    q *= 2.0


def _doubled_through_a_nested_def(ps, qs):
    def pick(a):
        return a[0]
    q = pick(qs)
    q *= 2.0


@pytest.mark.parametrize("helper", [_doubled_by_zip, _doubled_by_iter, _doubled_by_filter,
                                    _doubled_by_map, _doubled_by_enumerate, _doubled_by_a_loop,
                                    _doubled_through_a_helper, _doubled_through_a_dict,
                                    _doubled_through_getattr, _doubled_through_a_lambda,
                                    _doubled_through_a_nested_def],
                         ids=lambda h: h.__name__)
def test_a_helper_changing_an_argument_s_rows_is_followed_or_refused(helper):
    """A helper given a constant array (``c``, not under ``wrt``) doubles its first row in place
    through an item of ``zip``, ``iter``, ``filter``, ``map``, a helper's result, a dict's entry,
    ``getattr(qs, "T")``, a lambda's or nested ``def``'s result: the caller's ``c[0]``, read
    before the call, is then another value.
    None of these was seen as the argument's (nor anything in a helper whose forms the rewrites
    refuse: ``map``, ``filter``), so the call ran unchecked and the gradient read the doubled row
    (twice the closed form).  Now it is the closed
    form or an error naming the change."""
    def f(x, c):
        y = np.sin(x * c[0])
        helper(c, c)
        return np.sum(y * c[0])

    x, c = np.array([0.3, 0.7]), np.array([[1.0, 2.0], [0.5, 0.25]])
    try:
        gradient = tangentish.grad(f)(x, c.copy())
    except tangentish.TangentishError as error:
        assert "in place" in str(error)
        return
    np.testing.assert_allclose(gradient, 2.0 * c[0] ** 2 * np.cos(x * c[0]), rtol=1e-12)


def _local_activation(w, x, b):  # a lambda's fresh result changed in place: no argument's
    act = lambda v: np.tanh(v)  # noqa: E731
    h = act(w * x)
    h += b
    return h


def test_a_lambda_s_fresh_result_changed_in_place_is_not_an_argument_s():
    """The lambda's body decides what its call may be (``np.tanh(v)``: a new array), so ``h +=
    b`` changes no argument of the helper and the caller is differentiated."""
    def f(w, x, b):
        return np.sum(_local_activation(w, x, b) ** 2)

    w, x, b = np.array([0.3, -0.6]), np.array([1.2, 0.4]), np.array([0.1, 0.2])
    h = np.tanh(w * x) + b
    np.testing.assert_allclose(tangentish.grad(f)(w, x, b), 2.0 * h * (1.0 - np.tanh(w * x) ** 2) * x,
                               rtol=1e-12)


def test_an_inlined_helper_called_as_a_statement_leaves_no_dead_statement():
    """``_shift_rows(D, t)`` returns nothing: its inlined result (``None``) is no statement of
    the generated code (a bare ``None`` line was left in the primal sweep)."""
    for mode in (tangentish.grad, tangentish.jvp):
        source = mode(shift_copy, wrt=(0, 1)).source
        assert not any(line.strip() == "None" for line in source.splitlines()), source

"""Second order of programs whose first derivative the aliasing analysis must see through: an
array made by arithmetic then written element by element (``acc = x * x``, ``acc[i] += ...``),
a copy of a module's array written in place, and an item of a list changed in place while the
gradient reads the list only for its layout.  The gradient of such a program tapes
``_rt.like(acc[i])`` or reads ``_rt.unindex(g, parts, 0)``; differentiating it again (``hvp``,
``hessian``, ``grad(grad(f))``) must not take these for a list holding the array changed in place
(``x * x`` and ``x + 0`` join no lists, a list times itself or plus a number raises;
``C.copy()`` of an array is a new array; ``_rt.unindex`` reads its list for its layout;
``isinstance(...)``, which the gradient tapes, is a bool).  Each
program is checked at first order against finite differences of ``f`` and at second order
against central finite differences of that gradient (``test_second_order.py``).  What stays
refused (a view written, then its array rebound through a helper) is refused with a clear
message.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad
from test_second_order import MODES, check, check_hessian, reference

import tangentish

C = np.array([[0.5, -0.2, 0.3], [0.1, 0.4, -0.6], [0.7, 0.2, 0.9]])


def square_then_writes(x):
    acc = x * x
    for i in range(len(x)):
        acc[i] += x[i] * acc[i]
    return np.sum(acc ** 2)


def plus_zero_then_writes(x):
    acc = x + 0
    for i in range(len(x)):
        acc[i] *= np.sin(acc[i])
    return np.sum(acc ** 2)


def zero_plus_then_recurrence(x):
    acc = 0 + x
    for i in range(1, len(x)):
        acc[i] += acc[i - 1] * acc[i]
    return np.sum(acc * x)


def exp_then_writes(x):
    acc = np.exp(x)
    for i in range(len(x)):
        acc[i] -= x[i] * acc[i]
    return np.sum(acc ** 2)


def product_with_a_scaled_copy(x):
    y = x * 1.0
    acc = x * y
    for i in range(len(x)):
        acc[i] += x[i] * acc[i]
    return np.sum(acc ** 2)


def quotient_then_writes(x):
    acc = x / (x * x + 1.0)
    for i in range(len(x)):
        acc[i] += acc[i] * acc[i]
    return np.sum(acc * x)


def square_of_rows(x):
    m = np.outer(x, x)
    acc = m * m
    for i in range(1, 3):
        acc[i] += acc[i - 1] * m[i]
    return np.sum(acc ** 2)


def module_copy_then_writes(x):
    h = C.copy()
    for i in range(3):
        h[i, 1] -= np.cos(x[i]) * h[i, 0]
    return np.sum(h @ x) + np.sum(h[1] * x * x)


def item_of_a_list_written(x):
    parts = []
    for i in range(2):
        parts.append(np.log(x * x + 0.5 * (i + 1)))
    w = np.sum(parts[0] * x)
    z = parts[1]
    z[x < 0.0] = -1.0
    return np.sum(z * x) + w * np.sum(np.sin(z))


CASES = [square_then_writes, plus_zero_then_writes, zero_plus_then_recurrence, exp_then_writes,
         product_with_a_scaled_copy, quotient_then_writes, square_of_rows,
         module_copy_then_writes, item_of_a_list_written]
POINT = np.array([0.3, -0.8, 1.1])


@pytest.mark.parametrize("fn", CASES, ids=lambda f: f.__name__)
def test_first_order(fn) -> None:
    assert_grad_close(tangentish.grad(fn)(POINT.copy()), numeric_grad(fn, [POINT.copy()]),
                      label=fn.__name__)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fn", CASES, ids=lambda f: f.__name__)
def test_second_order(fn, mode: str) -> None:
    check(mode, fn, [POINT.copy()], 0)


@pytest.mark.parametrize("fn", CASES, ids=lambda f: f.__name__)
def test_hessian(fn) -> None:
    check_hessian(fn, POINT.copy())


def element_of_another_scaled(x, w):
    """``c = w[1]; c *= 0.9`` changes ``w`` in place where ``w`` has rows (a view), else it
    rebinds a number: the gradient tests ``isinstance(c, np.ndarray)`` and tapes that bool,
    which holds no array (it was taken for a view of ``w``: fuzz seed 4953, program 20)."""
    s = 0.25
    for _ in range(2):
        c = w[1]
        c *= 0.9
        s = s + x[2] * x[0]
    return s * np.sum(x * x) + np.sum(w * x)


@pytest.mark.parametrize("mode", MODES)
def test_second_order_of_an_element_changed_by_op(mode: str) -> None:
    w = np.array([0.4, -0.9, 1.2])
    assert_grad_close(tangentish.grad(element_of_another_scaled)(POINT.copy(), w.copy()),
                      numeric_grad(element_of_another_scaled, [POINT.copy(), w.copy()]))
    check(mode, element_of_another_scaled, [POINT.copy(), w.copy()], 0)
    hessian = tangentish.hessian(element_of_another_scaled)(POINT.copy(), w.copy())
    columns = [reference(element_of_another_scaled, [POINT.copy(), w.copy()], 0, e)
               for e in np.eye(3)]
    np.testing.assert_allclose(hessian, np.stack(columns, axis=-1), rtol=1e-4, atol=1e-5)


def repeated_by_an_integer(x):  # x * 2 of a list repeats it: acc[i] may be an item of x
    acc = x * 2
    for i in range(len(x)):
        acc[i] += x[i] * acc[i]
    return np.sum(acc ** 2)


@pytest.mark.parametrize("mode", MODES)
def test_second_order_of_an_item_of_what_may_repeat_a_list(mode: str) -> None:
    """The gradient tapes ``_rt.like(acc[i])``, which makes a new record whatever ``acc[i]``
    is (a list or tuple made again, its arrays copied): it once was refused as possibly holding
    ``acc``, changed in place afterwards (``x * 2`` of a list repeats it; refusals3)."""
    assert_grad_close(tangentish.grad(repeated_by_an_integer)(POINT.copy()),
                      numeric_grad(repeated_by_an_integer, [POINT.copy()]), label="first order")
    check(mode, repeated_by_an_integer, [POINT.copy()], 0)
    check_hessian(repeated_by_an_integer, POINT.copy())
    rows = np.array([[0.3, -0.8], [1.1, 0.4], [-0.2, 0.9]])
    check(mode, repeated_by_an_integer, [rows], 0)  # (acc[i] a row: a view)


SECOND_ORDER = {"hvp": lambda fn: tangentish.hvp(fn)(POINT.copy(), POINT.copy()),
                "hessian": lambda fn: tangentish.hessian(fn)(POINT.copy())}


def divided_at_after_a_loop(x):  # (the tape holds the loop's last `a`; a name the analysis
    for _ in range(2):  # cannot tell apart from `a` is read after np.divide.at: checked at run
        for _ in range(2):  # time, and refused. zoo.rebound_at_the_end_of_a_loop was refused
            a = (x * 2.0 + 1.0, 0.0)[0]  # so too; its Hessian is computed since: test_view_writes)
    np.divide.at(a, np.array([0, 0, 2]), x ** 2 + 0.5)
    return np.sum(a ** 2)


@pytest.mark.parametrize("how", sorted(SECOND_ORDER))
def test_what_stays_refused_says_why(how: str) -> None:
    """The first derivative is right; the second refuses naming the tape, not ``_tape`` as if
    the user had written it, and the user's line that changes the array."""
    assert_grad_close(tangentish.grad(divided_at_after_a_loop)(POINT.copy()),
                      numeric_grad(divided_at_after_a_loop, [POINT.copy()]), label="first order")
    with pytest.raises(tangentish.UnsupportedConstructError) as caught:
        SECOND_ORDER[how](divided_at_after_a_loop)
    message = str(caught.value)
    line = divided_at_after_a_loop.__code__.co_firstlineno + 4
    assert f"'a' is changed in place at test_second_order_aliasing.py:{line} while the gradient's " \
        "tape" in message
    assert "copy 'a' where it is bound or at the top of the loop's body, before its views and " \
        "changes (`a = a.copy()`)" in message
    assert "_tape" not in message


def _same(a):
    return a


def rebound_to_copies_as_the_hint_says(x):  # (zoo.rebound_at_the_end_of_a_loop, the hint applied)
    y = x * 1.0
    for _ in range(2):
        y = y.copy()
        v = y[:2]
        v *= 3.0
        y = _same(y)
    return np.sum(y ** 2)


@pytest.mark.parametrize("mode", MODES)
def test_the_tape_hint_works(mode: str) -> None:
    check(mode, rebound_to_copies_as_the_hint_says, [POINT.copy()], 0)


# Refusals whose other name is a temporary the transformation made: the message shows the
# user's expression (never ``_seq``, ``_t1``...), and a hint that would work.
def loop_over_a_view_written(x):  # (of `y[0:2]` itself: read again, view_writes_zoo.py)
    y = x * 1.0
    s = 0.0
    for v in y[0:2].T:
        y[1] = y[1] + v
        s = s + v * y[0]
    return s


def loop_over_a_list_of_views_written(x):
    y = x * 1.0
    s = 0.0
    for r in [y[0:2], y[1:3]]:
        y[0] = y[0] * 2.0
        s = s + np.sum(r)
    return s


def loop_over_new_arrays_written(x):
    s = 0.0
    for r in [x * 1.0, x * 2.0]:
        r[0] = 1.0
        s = s + np.sum(r)
    return s


def loop_over_itself_changed(x):  # the loop's sequence is `_seq = g`, the same array
    g = x * 1.0
    s = 0.0
    for v in g:
        g -= 0.1 * v
        s = s + v * np.sum(g)
    return s


TEMPORARIES = [
    (loop_over_a_view_written, ["'y' is changed in place at", "while `y[0:2].T`, which shares "
     "its memory", "copy first, e.g. `y[0:2].T.copy()` where it is made"]),
    (loop_over_a_list_of_views_written, ["'y' is changed in place", "the list or tuple "
     "`[y[0:2], y[1:3]]`, which holds it", "put copies in `[y[0:2], y[1:3]]` where it is made"]),
    (loop_over_new_arrays_written, ["'r' is changed in place", "the list or tuple "
     "`[x * 1.0, x * 2.0]`, which holds it", "(`np.copy(...)` of each array), or change a copy "
     "of 'r'"]),
    (loop_over_itself_changed, ["'g' is changed in place at", "while an earlier value of 'g' (the "
     "same array, e.g. a sequence a loop runs over)", "copy first, e.g. `g = g.copy()`"]),
]


@pytest.mark.parametrize("fn, expected", TEMPORARIES, ids=[f.__name__ for f, _ in TEMPORARIES])
def test_refusals_name_the_users_expression(fn, expected: list[str]) -> None:
    with pytest.raises(tangentish.UnsupportedConstructError) as caught:
        tangentish.grad(fn)(POINT.copy())
    message = str(caught.value)
    for part in expected:
        assert part in message, message
    assert not re.search(r"\b_(seq|t\d+|list)\b", message), message


def restored_from_the_tape(x):  # the gradient puts y[1] back in place while its tape holds y
    s = 0.0
    for k in range(2):
        y = np.tanh(x * (k + 1.0))
        rows = [y[0:2], y[1:3]]
        s = s + np.sum(rows[0] * rows[1])
        y[1] = s * y[2]
        s = s + np.sum(y)
    return s


def copied_as_the_hints_say(x):
    acc = x * 2
    acc = acc.copy()
    for i in range(len(x)):
        acc[i] += x[i] * acc[i]
    s = np.sum(acc ** 2)
    for k in range(2):
        y = np.tanh(x * (k + 1.0))
        rows = [y[0:2], y[1:3]]
        s = s + np.sum(rows[0] * rows[1])
        y = y.copy()
        y[1] = s * y[2]
        s = s + np.sum(y)
    return s


@pytest.mark.parametrize("mode", MODES)
def test_a_restore_the_tape_does_not_see_is_differentiated_again(mode: str) -> None:
    """The tape holds the views of this pass's ``y`` in ``rows``, popped before ``y[1]`` is put
    back: the run-time check (refusals4) lets it by, where a static refusal stood."""
    check(mode, restored_from_the_tape, [POINT.copy()], 0)
    if mode == MODES[0]:
        check_hessian(restored_from_the_tape, POINT.copy())


@pytest.mark.parametrize("mode", MODES)
def test_the_hints_work(mode: str) -> None:
    check(mode, copied_as_the_hints_say, [POINT.copy()], 0)
    if mode == MODES[0]:
        check_hessian(copied_as_the_hints_say, POINT.copy())

"""``xs * k`` and ``k * xs`` of a list or tuple and an int (was refused: "`*` repeats the lists or
tuples it meets"): where exactly one operand surely holds a sequence the repetition has rules of
its own (runtime.repeated: each item's adjoint adds up its copies'), so ``out = [0.0] * n`` filled
item by item, ``np.stack([x] * 3)``, tuples repeated and repetitions of ragged lists are
differentiated.  Checked against finite differences in both modes, and at second order (the
adjoint's own rules: runtime.unrepeated is linear, its transpose the repetition of an adjoint).

The zero tangent of a list made by anything but a display (a repetition, a join, ``list(...)``)
was its zero *adjoint*, one stacked array, into which forward mode's ``rows_dot[i] = v_dot``
could not write an item of another shape (``rows = list(range(3))`` then ``rows[i] = x * i``:
a raw ValueError in jvp), nor append to it (a list parameter, copied, then ``acc.append(x)``: a
raw AttributeError); it is a list of its items' zeros now, as a display's tangent is.
"""

import numpy as np
import pytest

import tangentish


def filled_item_by_item(x):
    out = [0.0] * len(x)
    for i in range(len(x)):
        out[i] = np.sin(x[i]) * x[i]
    return sum(out)


def none_placeholders(x):
    rows = [None] * 3
    for i in range(3):
        rows[i] = x * (i + 1.0) + x ** 2
    return np.sum(np.stack(rows) ** 2)


def stacked_copies(x):
    return np.sum(np.stack(2 * [x, np.tanh(x)]) * np.arange(1.0, 5.0)[:, None])


def tuple_times_a_computed_count(x):
    times = len(x) - 1
    return np.sum(np.concatenate((x ** 2,) * times) * np.arange(3.0 * times))


def ragged_repeated(x):
    parts = [x[:1], x ** 2] * 2
    total = 0.0
    for k, p in enumerate(parts):
        total = total + (k + 1.0) * np.sum(p ** 3)
    return total


def repeated_then_grown(x):
    hs = [x] * 2
    hs.append(np.exp(-x))
    hs[1] = hs[0] * hs[2]
    return np.sum(np.stack(hs * 1) ** 2)


def repeated_none_times(x):  # (k <= 0: the empty list; every item's adjoint zero)
    return np.sum(x ** 2) + float(len([x] * 0) + len(0 * [x]))


def joined_placeholders(x):
    rows = [None, None] + [None]
    for i in range(3):
        rows[i] = x * (i + 1.0)
    return np.sum(np.stack(rows) ** 2)


def listed_range_overwritten(x):
    rows = list(range(3))
    for i in range(3):
        rows[i] = np.cos(x) * i
    return np.sum(np.stack(rows) ** 2)


CASES = [filled_item_by_item, none_placeholders, stacked_copies, tuple_times_a_computed_count,
         ragged_repeated, repeated_then_grown, repeated_none_times, joined_placeholders,
         listed_range_overwritten]
X = np.array([0.3, -0.7, 1.1])


SECOND = {filled_item_by_item, stacked_copies, ragged_repeated}  # (the rows of
# tests/rules/runtime_families.py check the helpers' rules at second order on their own)


@pytest.mark.parametrize("f", CASES, ids=lambda f: f.__name__)
def test_repetitions_are_differentiated(f):
    tangentish.check_grads(f, (X,), order=2 if f in SECOND else 1, warn=False)


def test_a_repetition_keeps_its_type_and_order():
    def kinds(x):
        t = 2 * (x, x ** 2)
        lst = [x, x ** 2] * 2
        same = isinstance(t, tuple) and isinstance(lst, list) and t[1] is t[3]
        return np.sum(np.stack(t) * np.stack(lst) * np.arange(1.0, 5.0)[:, None]) if same \
            else np.sum(x)
    x = np.array([0.5, 2.0])
    # d/dx of (1 + 3) x^2 + (2 + 4) x^4
    np.testing.assert_allclose(tangentish.grad(kinds)(x), 8.0 * x + 24.0 * x ** 3)


def maybe_list(x, extra):
    return np.sum(np.stack(extra * 2) * x)


def test_a_repetition_of_an_unknown_operand_stays_arithmetic():
    # (extra may be an array: `extra * 2` is then arithmetic, as its rules say)
    x = np.array([0.5, 2.0])
    extra = np.array([[1.0, 2.0]])
    np.testing.assert_allclose(tangentish.grad(maybe_list)(x, extra), [2.0, 4.0])


def appended_to_a_default(x, acc=[]):  # noqa: B006  (what is tested: a list parameter appended to)
    acc.append(np.sin(x))
    return np.sum(np.stack(acc)[-1] ** 2) * 1.5


def appended_to_the_callers(x, acc):
    acc.append(x * 2.0)
    return np.sum(np.stack(acc)[-1] ** 2) + np.sum(np.stack(acc[:-1]))


def ragged_appended_to(x, acc):
    acc.append(x * 2.0)
    total = 0.0
    for a in acc:
        total = total + np.sum(a ** 2)
    return total


def test_a_list_the_caller_passes_gets_a_tangent_list():
    # (its zero tangent was one stacked array: `acc_dot.append(x_dot)` raised a raw AttributeError;
    # at second order, the gradient's own copy `acc_1 = _rt.private(acc)` got `np.zeros_like`,
    # which raised on a ragged list)
    x = np.array([0.4, -1.2])
    tangentish.check_grads(appended_to_a_default, (x,), warn=False)
    tangentish.check_grads(appended_to_the_callers, (x, [np.ones(2), np.zeros(2)]), warn=False)
    tangentish.check_grads(ragged_appended_to, (x, [np.ones(3), np.zeros(1)]), order=2,
                           warn=False)


# `v * [a, b]` of an array `v` is NumPy's elementwise product, not a repetition (was read as one:
# a raw ValueError or IndexError in the adjoint, found with the mutation fuzzer's neighbours):
# where `v` varies it stays arithmetic; where it does not, its type is known only when the
# derivative runs, and the repetition's rules given an array take the elementwise product's
# derivative (a 0-d integer array, which repeats the list when it comes second, is refused).
def varying_times_a_list(x):
    v = np.sin(x[:2])
    return np.sum(v * [x[1], 2.0]) + np.sum([x[0], x[2]] * v ** 2)


def constant_array_times_a_list(x):
    v = np.array([[1.0, 2.0], [0.5, -1.0]])
    return np.sum(np.sin([x[1], x[0]] * v))


def zero_d_integer_times_a_list(x):
    return np.sum(np.array(2) * [x[1], x[0]])


@pytest.mark.parametrize("f", [varying_times_a_list, constant_array_times_a_list],
                         ids=lambda f: f.__name__)
def test_an_array_times_a_list_is_elementwise(f):
    tangentish.check_grads(f, (X,), order=2, warn=False)


def test_a_0d_integer_array_times_a_list_is_refused_when_it_runs():
    with pytest.raises(tangentish.errors.UnsupportedValueError, match="0-d integer array"):
        tangentish.grad(zero_d_integer_times_a_list)(X)

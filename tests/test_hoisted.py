"""Assignment expressions (``:=``), ``any``/``all`` of a generator, ``functools.reduce`` and
``itertools.accumulate`` run to its end, evaluated first in their statement, become statements
of their own (syntax/hoisted.py): every place Python evaluates one once (or once per round of a
``while``) in every first-order mode and second order, against central differences; the ones
that cannot move keep the fence's refusal at their line."""

import functools
import itertools
import math
import operator
from functools import reduce

import numpy as np
import pytest
from helpers import assert_both_orders

import tangentish
from tangentish.errors import MissingRuleError, UnsupportedConstructError


def if_test(x):
    if (n := np.linalg.norm(x)) > 1.0:
        x = x / n
    return np.sum(x ** 3)


def elif_test(x):
    if np.sum(x) > 5.0:
        return np.sum(x)
    elif (m := np.max(x * x)) < 10.0:
        return m * np.sum(np.sin(x))
    return 0.0


def while_test(x):
    k = 0
    while (s := np.sum(x ** 2)) > 0.1 and k < 10:
        k += 1
        if k == 2:
            continue  # (comes back to the assignment, as the test is evaluated again)
        x = x * 0.5
    return s + np.sum(x)


def assignment_value(x):
    y = (t := np.tanh(x)) * 2.0 + 1.0
    return np.sum(y * t)


def call_argument(x):
    total = np.sum(z := x * 3.0)
    return total * np.sum(np.cos(z))


def returned(x):
    return np.sum((w := np.exp(-x)) * w)


def for_iterable(x):
    acc = 0.0
    for v in (row := x[::-1] * 2.0):
        acc = acc + v * row[0]
    return acc


def condition_first_operand(x):
    if (s := np.sum(x)) > 0.0 and s < 100.0:
        return s ** 2
    return np.sum(np.sin(x)) + s


def _helper(v):
    if (q := np.sum(v * v)) > 0.5:
        return v / q
    return v


def through_helper(x):
    return np.sum(_helper(x) ** 2)


def nested_def(x):
    def scaled(v):
        return (c := np.cos(v)) * c
    return np.sum(scaled(x))


def any_in_if(x):
    if any(v > 1.0 for v in x):
        return np.sum(x ** 2)
    return np.sum(np.sin(x))


def all_in_elif(x):
    if np.sum(x) > 10.0:
        return np.sum(x)
    elif all(abs(v) < 1.0 for v in x):
        return np.sum(np.cos(x) * x)
    return np.sum(x ** 3)


def any_with_clause(x):
    _v = 2.0  # (the loop's variable takes another name)
    flag = any(a * b > 0.1 for a, b in zip(x, x[::-1], strict=True) if a > -1.0)
    return np.sum(x * _v) if flag else np.sum(x)


def all_in_while(x):
    k = 0
    while not all(v * v < 0.05 for v in x) and k < 20:
        x = x * 0.7
        k += 1
    return np.sum(x) * k


def any_in_conditional_test(x):
    return np.sum(x) if any(v > 0 for v in x) else 0.0


def reduce_lambda(x):
    return functools.reduce(lambda a, b: a * b + 0.5, x)


def _rot(t):
    c, s = np.cos(t), np.sin(t)
    return np.array([[c, -s], [s, c]])


def reduce_matmul(x):
    chain = reduce(np.matmul, [_rot(t) for t in x])  # (from functools import reduce)
    return np.sum(chain * np.array([[1.0, 2.0], [3.0, 4.0]]))


def reduce_operator(x):
    total = functools.reduce(operator.add, [x ** 2, np.sin(x), x])
    return np.sum(total * total)


def reduce_initial(x):
    return functools.reduce(_smooth_max, x, -1.0) + np.sum(x)


def _smooth_max(a, b):
    return np.logaddexp(a, b)


def running_sums(x):
    return np.sum(np.array(list(itertools.accumulate(x))) ** 2)


def running_products(x):
    return sum(itertools.accumulate(np.cos(x), operator.mul))


def smoothed_with_initial(x):
    ema = tuple(itertools.accumulate(x, lambda a, b: 0.8 * a + 0.2 * b, initial=0.5))
    return ema[-1] * ema[1] + max(itertools.accumulate(x, func=np.maximum))


def local_imports(x):  # (resolved before the lowering looks for `reduce`: fuzz seed 4009)
    from functools import reduce as fold

    import numpy as onp
    total = onp.sum(onp.outer(x, x)) + onp.add.reduce(x * x)
    return total + fold(lambda a, b: a * b, x)


def after_pure_calls(x):  # (math.prod and np.sum first: nothing they do can see the move)
    return math.prod([x[0], 2.0]) + np.sum(x) * functools.reduce(operator.mul, list(x[1:]))


CASES = [if_test, elif_test, while_test, assignment_value, call_argument, returned, for_iterable,
         condition_first_operand, through_helper, nested_def, any_in_if, all_in_elif,
         any_with_clause, all_in_while, any_in_conditional_test, reduce_lambda, reduce_matmul,
         reduce_operator, reduce_initial, running_sums, running_products,
         smoothed_with_initial, local_imports, after_pure_calls]
POINTS = [np.array([0.3, -0.8, 1.2]), np.array([-0.2, 0.1, 0.05])]


@pytest.mark.parametrize("f", CASES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("point", [0, 1])
def test_every_mode_matches_differences(f, point):
    assert_both_orders(f, POINTS[point], seed=2)


def test_any_stops_where_python_stops():
    seen = []

    def probe(v):
        seen.append(v)
        return v > 0

    def f(x):
        if any(probe(v) for v in x):
            return np.sum(x)
        return np.sum(x * 2.0)
    tangentish.grad(f)(np.array([-1.0, 2.0, 3.0]))
    assert seen == [-1.0, 2.0]


def _reduce_empty(x):
    return functools.reduce(operator.mul, x[:0]) + np.sum(x)


def test_reduce_of_nothing_raises_as_python_does():
    with pytest.raises(TypeError, match="empty"):
        _reduce_empty(POINTS[0])
    with pytest.raises(TypeError, match="reduce\\(\\) of empty iterable"):
        tangentish.grad(_reduce_empty)(POINTS[0])


def _accumulate_nothing(x):
    return np.sum(x) + len(list(itertools.accumulate(x[:0])))


def _accumulate_kept(x):
    total = 0.0
    for v in itertools.accumulate(x):  # (not run to its end at once by a builtin)
        total = total + v
    return total


def test_accumulate_of_nothing_and_one_that_is_not_consumed_at_once():
    np.testing.assert_allclose(tangentish.grad(_accumulate_nothing)(POINTS[0]), np.ones(3))
    with pytest.raises(MissingRuleError, match="itertools.accumulate"):
        tangentish.grad(_accumulate_kept)(POINTS[0])


_CALLS: list[float] = []


def _noted(v):
    _CALLS.append(float(v))
    return v


def _reduce_after_a_call(x):  # (the helper runs first: reduce's lambda must not run before it)
    return _noted(x[0]) + functools.reduce(lambda a, b: a * _noted(b), list(x))


def test_a_reduce_after_a_call_that_is_not_pure_stays_where_it_is():
    with pytest.raises((MissingRuleError, UnsupportedConstructError), match="reduce"):
        tangentish.grad(_reduce_after_a_call)(POINTS[0])


def test_the_assignment_is_a_statement_of_its_own():
    text = tangentish.source(if_test)
    assert ":=" not in "".join(line.split("#")[0] for line in text.splitlines())
    assert "n = np.linalg.norm(x)" in text


def later_operand(x):
    if np.sum(x) > 0 and (n := np.sum(x * x)) > 1.0:
        return n
    return np.sum(x)


def in_comprehension(x):
    return sum([y * y for v in x if (y := v - 0.1) > 0])


def read_before(x):
    n = 1.0
    return np.sum(n * x + (n := 2.0) * x)


def after_a_call(x):
    return np.sum(np.sin(x)) + np.sum(n := x * 2.0) * n


@pytest.mark.parametrize("f", [later_operand, in_comprehension, read_before, after_a_call],
                         ids=lambda f: f.__name__)
def test_a_hoisted_that_cannot_move_is_refused(f):
    with pytest.raises(UnsupportedConstructError) as info:
        tangentish.grad(f)(POINTS[0])
    assert "assignment expression" in str(info.value) and "test_hoisted.py" in str(info.value)

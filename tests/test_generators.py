"""Generator expressions consumed at once by a builtin (``sum(v * v for v in x)``), and
``zip``/``enumerate``/``reversed`` listed by ``list``/``tuple``, are differentiated as the list
comprehension they equal; every other generator is refused clearly."""

from __future__ import annotations

import builtins
import math
from math import fsum, prod

import numpy as np
import pytest
from helpers import assert_grad_close, numeric_grad

import tangentish
from tangentish.errors import UnsupportedConstructError

X = np.array([0.3, -0.7, 1.2, 0.5])


def over_range(x):
    return sum(x[i] ** 2 * (i + 1) for i in range(len(x)))


def over_items(x):
    return sum(np.sin(v) * v for v in x) / len(x)


def filtered(x):
    return sum(v * v for v in x if v > 0)


def zipped(x):
    return sum(a * b for a, b in zip(x, np.cos(x), strict=True))


def with_start(x):
    return sum((v ** 3 for v in x), 2.0 * x[0])


def inside_arithmetic(x):
    return np.exp(sum(0.1 * v for v in x)) * sum(v for v in x[:2])


def nested_helper(x):
    def norm2(u):
        return sum(w * w for w in u)
    return norm2(x) + norm2(x * 2.0)


def as_tuple(x):
    return np.sum(np.stack(tuple(v * 2.0 for v in x)) ** 2)


def as_list(x):
    squares = list(np.sin(v) * v for v in x if v > -0.5)  # noqa: C400  (as people write it)
    return squares[0] * squares[-1] + sum(squares)


def through_math(x):
    return math.fsum(v * v for v in x) + math.prod(v + 2.0 for v in x if v > -0.5)


def imported_from_math(x):
    return fsum(np.sin(v) for v in x) * prod(v for v in x[:2])


def mapped_lambda(x):
    return sum(map(lambda v: v ** 2 + np.sin(v), x))  # noqa: C417  (as people write it)


def mapped_function(x):
    return np.sum(np.array(list(map(np.tanh, x))) * x)


def mapped_two(x):
    return max(map(lambda a, b: a * b, x, np.cos(x)))


def filtered_lambda(x):
    return math.fsum(v * v for v in sorted(filter(lambda v: v > -0.5, x)))


def mapped_local_def(x):
    def cube(v):
        return v ** 3 - v

    return sum(list(map(cube, x)))


def mapped_builtin(x):
    return sum(tuple(map(abs, x * 3.0))) + min(map(float, x))


def mapped_named_lambda(x):
    f = lambda v: np.exp(-v) * v  # noqa: E731  (as people write it)
    return np.sum(list(map(f, x)))


def filtered_named_lambda(x):
    keep = lambda v: v > -0.5  # noqa: E731
    pair = lambda p, q: p * q + np.sin(p)  # noqa: E731
    return sum(filter(keep, x)) + sum(map(pair, x, x[::-1]))


def listed_enumerate_reversed(x):
    acc = 0.0
    for k, v in reversed(list(enumerate(x))):
        acc = acc * 0.5 + (k + 1) * v
    return acc ** 2


def listed_zip_bound(x):
    pairs = list(zip(x[:-1], np.sin(x[1:]), strict=True))
    return sum(a * b for a, b in pairs) + pairs[-1][1]


def tupled_enumerate(x):
    total = 0.0
    for k, v in tuple(enumerate(np.exp(x), start=1)):
        total = total + k * v
    return total


def listed_reversed(x):
    ys = list(reversed(x * 2.0))
    return ys[0] * ys[1] + np.sum(np.array(ys) ** 3)


def listed_then_changed(x):
    y = x * 1.0
    pairs = list(enumerate(y))
    y[0] = 5.0 * y[1]  # (the pairs hold the numbers listed before)
    return sum((k + 1) * v * v for k, v in pairs) + y[0] * y[2]


def named_then_summed(x):  # (a generator bound to a name, consumed by the next statement)
    terms = (np.sin(v) * v for v in x)
    return sum(terms)


def named_in_arithmetic(x):
    total = 0.0
    for k in range(2):
        squares = (v * v * (k + 1) for v in x)
        total += sum(squares) / 2.0
    return total


def unpacked(x):  # (unpacking runs a generator to its end first)
    a, b, c, d = (np.sin(v) * v for v in x)
    [e, *rest] = map(np.tanh, x)
    return a * b + c * d + e * sum(rest)


ACCEPTED = [named_then_summed, named_in_arithmetic, unpacked,
            over_range, over_items, filtered, zipped, with_start, inside_arithmetic, nested_helper,
            as_tuple, as_list, through_math, imported_from_math, mapped_lambda, mapped_function,
            mapped_two, filtered_lambda, mapped_builtin, mapped_local_def, mapped_named_lambda,
            filtered_named_lambda, listed_enumerate_reversed, listed_zip_bound, tupled_enumerate,
            listed_reversed, listed_then_changed]


@pytest.mark.parametrize("f", ACCEPTED, ids=lambda f: f.__name__)
def test_a_consumed_generator_is_differentiated_like_its_list_comprehension(f):
    x = X.copy()
    assert_grad_close(tangentish.grad(f)(x), numeric_grad(f, (x,)), label=f.__name__)
    np.testing.assert_array_equal(x, X)
    value, grad = tangentish.value_and_grad(f)(x)
    assert value == pytest.approx(f(x))
    direction = np.array([1.0, -2.0, 0.5, 3.0])
    output, tangent = tangentish.jvp(f, (x,), (direction,))
    assert output == pytest.approx(f(x))
    assert tangent == pytest.approx(numeric_grad(f, (x,)) @ direction, rel=1e-6, abs=1e-9)


def test_a_consumed_generator_at_second_order():
    h = tangentish.hessian(over_range)(X)
    np.testing.assert_allclose(h, np.diag(2.0 * np.arange(1, 5)), atol=1e-12)


@pytest.mark.parametrize("f", [mapped_lambda, mapped_two, filtered_lambda,
                               filtered_named_lambda, listed_enumerate_reversed, listed_zip_bound,
                               tupled_enumerate, listed_reversed], ids=lambda f: f.__name__)
def test_a_consumed_map_or_filter_at_second_order(f):
    assert tangentish.check_grads(f, (X,), order=2, seed=3, warn=False).ok


def _shadowed_sum(x):
    sum = builtins.sum  # a local `sum`: not provably the builtin consuming the generator
    return sum(v * v for v in x)


def _kept(x):
    squares = (v * v for v in x)
    return builtins.sum(squares)


def _any(x):
    return np.sum(x) if np.sum(x) > 5.0 and any(v > 0 for v in x) else 0.0  # (a later operand)


class _Lookalike:
    """A namespace whose ``fsum`` is not ``math.fsum``: it may rely on getting a generator."""

    @staticmethod
    def fsum(values):
        return next(iter(values))


lookalike = _Lookalike()


def _not_math(x):
    return lookalike.fsum(v * v for v in x)


def _map_looped(x):
    total = 0.0
    for y in map(lambda v: v * v, x):  # noqa: C417  (syntax/map_loops.py: `mapped = map(...)`)
        total = total + y
    return total


def _map_looped_changing(x):
    total = 0.0
    for y in map(lambda v: v * v, x):  # noqa: C417  (x changed while the map reads it)
        x[-1] = 0.0
        total = total + y
    return total


def _map_of_a_rebound_lambda(x):
    f = lambda v: v * 2.0  # noqa: E731
    first = sum(map(f, x))
    f = lambda v: v ** 3  # noqa: E731  (bound twice: each map calls the one bound then)
    return first + sum(map(f, x))


def _map_of_a_lambda_bound_in_branches(x, c):
    if c > 0:  # noqa: SIM108  (the branches bind f)
        f = lambda v: v * 2.0  # noqa: E731
    else:
        f = lambda v: v * 3.0  # noqa: E731
    return sum(map(f, x))


def test_map_of_a_name_bound_to_two_lambdas_in_turn_calls_each_in_turn():
    np.testing.assert_allclose(tangentish.grad(_map_of_a_rebound_lambda)(X), 2.0 + 3.0 * X ** 2)


def test_map_of_a_name_bound_in_branches_is_refused():
    with pytest.raises(UnsupportedConstructError, match="'f' varies") as info:
        tangentish.grad(_map_of_a_lambda_bound_in_branches)(X, 1.0)
    assert "test_generators.py" in str(info.value)


def _named_then_read_later(x):
    terms = (v * x[0] for v in x)
    x = x * 2.0  # (the generator reads the new x[0] when sum runs it)
    return sum(terms)


def _named_consumed_twice(x):
    terms = (v * v for v in x)
    return sum(terms) + sum(terms)  # (the second sum gets nothing)


@pytest.mark.parametrize("f", [_shadowed_sum, _kept, _any, _not_math, _named_then_read_later,
                               _named_consumed_twice], ids=lambda f: f.__name__)
def test_a_generator_that_may_not_be_consumed_at_once_is_refused(f):
    with pytest.raises(UnsupportedConstructError, match="generator expression") as info:
        tangentish.grad(f)(X)
    assert "test_generators.py" in str(info.value)


def test_a_loop_over_a_map_reads_the_items_python_s_iterator_gives():
    """``for y in map(f, x):`` is a loop over an iterator bound just before it, which
    syntax/iterators.py lists, refusing a loop that changes ``x`` as the map reads it."""
    np.testing.assert_allclose(tangentish.grad(_map_looped)(X), 2.0 * X)
    with pytest.raises(UnsupportedConstructError, match="changes a value in place") as info:
        tangentish.grad(_map_looped_changing)(X.copy())
    assert "test_generators.py" in str(info.value)


def _two_clauses(x):
    return sum(x[i] * x[j] for i in range(len(x)) for j in range(i))


def test_a_generator_with_two_fors_is_the_nested_loops():
    """(Refused before comprehensions with several ``for``s were nested loops: tests/test_layers.py
    has their table.)"""
    assert tangentish.check_grads(_two_clauses, (X,), modes=("rev", "fwd"), order=2, seed=9).ok


def test_a_generator_passed_to_a_global_that_shadows_the_builtin_is_refused(tmp_path, monkeypatch):
    (tmp_path / "own_sum.py").write_text(
        "def sum(values):\n"
        "    return next(iter(values))\n"  # user code that relies on getting a generator
        "\n"
        "def f(x):\n"
        "    return sum(v * v for v in x)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import own_sum
    with pytest.raises(UnsupportedConstructError, match="generator expression"):
        tangentish.grad(own_sum.f)(X)


def _max_of_generator(x):  # (max(v * v for v in x) is differentiated: passes/extremes.py)
    return max((v * v for v in x), key=abs) + min((v - 0.3 for v in x), key=lambda t: t * t)


def test_a_generator_with_a_key_is_its_items_ranked():
    """``max(<generator>, key=f)``: the generator's items listed, ranked by their keys
    (syntax/keyed.py; was refused, "`key=` of `max`")."""
    assert_grad_close(tangentish.grad(_max_of_generator)(X), numeric_grad(_max_of_generator, (X,)))

"""The refusals refusals6 lifted (``refusals6_zoo``): ``try`` statements, closures made by a
factory, a lambda chosen by a branch, ``iter``/``next``, ``list(zip(*rows))``, ``*args`` handed
on to a helper with defaults and a helper of its own taking ``*args``.  Each program in every
first-order mode against central differences within their error estimate, and ``hvp`` against
differences of the checked gradient (``idioms15_check``); what stays refused names the user's
line and says why; an exception the function raises, its derivative raises too."""

from __future__ import annotations

import idioms16_style_zoo as style16
import idioms17_style_zoo as style17
import numpy as np
import pytest
import refusals6_zoo as z
from idioms15_check import Case, by_name, check_each_position, check_refusal, seeded

import tangentish

_n, _u, _ = seeded(1706)  # (seeded points)

CASES = [
    # try / except / else / finally
    Case("cholesky_or_diagonal", z.cholesky_or_diagonal, (_n(3, 3), _n(3)), (0, 1)),
    Case("indefinite_falls_back", z.indefinite_falls_back, (_n(3, 3, scale=0.3), _n(3)), (0, 1)),
    Case("cholesky_logdet", z.cholesky_logdet, (_n(3, 3),)),
    Case("solve_else_finally", z.solve_else_finally, (_n(3, 3) + 3.0 * np.eye(3), _n(3)), (0, 1)),
    Case("singular_solve", z.singular_solve, (_u(0.5, 1.5, 2), _n(2)), (0, 1)),
    Case("bare_except", z.bare_except, (_u(0.5, 1.5, 2), _n(2)), (0, 1)),
    Case("try_finally", z.try_finally, (_n(3),)),
    # closures made by a factory
    Case("closure_made_by_a_factory", z.SCALED, (_n(3),)),
    Case("factory_called_inside", z.factory_called_inside, (_n(3), 0.7), (0, 1)),
    # a lambda chosen by a branch
    Case("lambda_by_conditional_true", z.lambda_by_conditional, (_n(3), True)),
    Case("lambda_by_conditional_false", z.lambda_by_conditional, (_n(3), False)),
    Case("lambda_or_function_lambda", z.lambda_or_function, (_n(3), 0.5), (0, 1)),
    Case("lambda_or_function_function", z.lambda_or_function, (_n(3), -0.5), (0, 1)),
    Case("lambdas_in_branches_0", z.lambdas_in_branches, (_n(3), 0)),
    Case("lambdas_in_branches_1", z.lambdas_in_branches, (_n(3), 1)),
    Case("lambdas_in_branches_2", z.lambdas_in_branches, (_n(3), 2)),
    # iter() / next(), zip(*rows), map
    Case("next_of_params", z.next_of_params, ([_n(2, 3), _n(2)], _n(3)), (0, 1)),
    Case("next_of_rows", z.next_of_rows, (_n(3, 3),)),
    Case("next_in_a_loop", z.next_in_a_loop, (_n(6),)),
    Case("loop_leaves_the_rest", z.loop_leaves_the_rest,
         (np.array([0.3, -0.2, 0.6, 0.1, 0.8, -0.5]),)),
    Case("columns_of_rows", z.columns_of_rows, (_n(6),)),
    Case("columns_strict", z.columns_strict, (_n(6),)),
    Case("mapped", z.mapped, (_n(3), 0.7), (0, 1)),
    # *args handed on; a helper of its own taking *args
    Case("forwards_args", z.forwards_args, (_n(3), 0.7), (0, 1)),
    Case("forwards_args_own", z.forwards_args_own, (_n(3), 0.7), (0, 1)),
    Case("forwards_kwargs", z.forwards_kwargs, (_n(3), 0.7), (0, 1)),
    # (idioms16's and idioms17's refusals, lifted)
    Case("try_solve", style16.try_solve, (_n(3, 3) + 3.0 * np.eye(3), _n(3)), (0, 1)),
    Case("try_log", style17.try_log, (0.5,)),
    Case("closure_factory", style17.closure_factory, (_n(3), _n(4, 3), _n(4)), (0, 1, 2)),
]
BY_NAME = by_name(CASES)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_each_lifted_program_in_every_mode_against_finite_differences(name):
    check_each_position(BY_NAME[name])


def test_the_branch_a_try_statement_takes_is_the_one_python_takes():
    """The points above are on the branch each program names: the `except` block of
    ``indefinite_falls_back`` runs (its value is the fallback's), the `try` block of
    ``cholesky_or_diagonal`` runs."""
    B, x = BY_NAME["indefinite_falls_back"].args
    A = B @ B.T - 4.0 * np.eye(3)
    with pytest.raises(np.linalg.LinAlgError):
        np.linalg.cholesky(A)
    value, _ = tangentish.value_and_grad(z.indefinite_falls_back)(B, x)
    fallback = np.diag(np.sqrt(np.abs(np.diag(A))))
    np.testing.assert_allclose(value, np.sum(np.tanh(fallback @ x)), rtol=1e-12)
    B, x = BY_NAME["cholesky_or_diagonal"].args
    value, _ = tangentish.value_and_grad(z.cholesky_or_diagonal)(B, x)
    L = np.linalg.cholesky(B @ B.T + 0.5 * np.eye(3))
    np.testing.assert_allclose(value, np.sum(np.tanh(L @ x)), rtol=1e-12)


@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.value_and_grad,
                                       tangentish.vjp, tangentish.hessian])
def test_an_exception_no_handler_takes_leaves_the_derivative_as_it_leaves_the_function(
        transform):
    a = np.array([0.7, 1.1])
    with pytest.raises(np.linalg.LinAlgError):
        z.unhandled_propagates(a)
    with pytest.raises(np.linalg.LinAlgError):
        transform(z.unhandled_propagates)(a)
    with pytest.raises(np.linalg.LinAlgError):
        tangentish.jvp(z.unhandled_propagates)(a, a_dot=a)


def test_next_of_an_exhausted_iterator_raises_stop_iteration_as_python_does():
    x = np.array([0.5, 1.5])
    with pytest.raises(StopIteration):
        z.next_exhausted(x)
    for transform in (tangentish.grad, tangentish.value_and_grad, tangentish.vjp):
        with pytest.raises(StopIteration):
            transform(z.next_exhausted)(x)


def test_args_of_another_length_than_the_helper_takes_raise_pythons_type_error():
    x = np.array([0.5, 1.5])
    with pytest.raises(TypeError):
        z.too_many_for_args(x)
    with pytest.raises(TypeError, match="dense"):
        tangentish.grad(z.too_many_for_args)(x)


@pytest.mark.parametrize("fn, args, named", [
    (z.try_calls_a_helper, (np.array([0.5, 1.5]),),
     ("`try` statement", "may raise where it cannot be asked first", "computing its arguments")),
    (z.reads_the_exception, (np.array([0.5, 1.5]),),
     ("`try` statement", "the exception is read as 'e'")),
    (z.returns_through_finally, (np.array([0.5, 1.5]),),
     ("`try` statement", "crosses its `finally` block")),
    (z.next_inside_an_expression, (np.array([0.5, 1.5]),),
     ("the iterator 'it'", "`v = next(it)`")),
    (z.changed_after_iter, ([0.5, 1.5],), ("the iterator 'it'", "`.append(...)`")),
    (z.extended_after_iter, ([0.5, 1.5], 2.0), ("the iterator 'it'", "`ys op= ...`")),
    (z.factory_with_branches, (np.array([0.5, 1.5]),),
     ("a call to a local value", "closure factory's result")),
])
@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.jvp])
def test_what_stays_refused_names_the_line_and_says_why(fn, args, named, transform):
    check_refusal(fn, args, named, transform)


def test_fails_answers_the_place_of_the_first_handler_taking_the_exception():
    """``runtime.fails`` (what a lowered ``try`` asks first): 0 where the call returns, else the
    place of the first ``except`` clause whose classes take the exception, as Python picks it;
    one none takes propagates."""
    from tangentish import runtime

    singular = np.zeros((2, 2))
    assert runtime.fails((np.linalg.LinAlgError,), np.linalg.inv, np.eye(2)) == 0
    first = 1 if issubclass(np.linalg.LinAlgError, ValueError) else 2  # (a ValueError: NumPy 2)
    assert runtime.fails((ValueError, np.linalg.LinAlgError), np.linalg.inv, singular) == first
    assert runtime.fails((TypeError, (KeyError, np.linalg.LinAlgError)), np.linalg.inv,
                         singular) == 2
    assert runtime.fails((TypeError, BaseException), np.linalg.solve, np.eye(2),
                         b=np.ones(3)) == 2
    with pytest.raises(np.linalg.LinAlgError):
        runtime.fails((TypeError, KeyError), np.linalg.inv, singular)


_STEPS = [  # (the ways a program reads its iterator; {k} a constant of the step)
    ["v = next(it)", "acc = acc + np.sin(v) * {k}"],
    ["v = next(it, 0.5)", "acc = acc * 0.9 + v * v * {k}"],
    ["next(it)"],
    ["for v in it:", "    acc = acc + v * {k}", "    if v > 0.0:", "        break"],
    ["for j in range(2):", "    v = next(it, 1.5)", "    acc = acc + v * (j + {k})"],
    ["rest = list(it)", "acc = acc + {k} * sum(rest)"],
]
_PLACES = ["", "if x[0] > 0.0:", "for r in range(2):"]
_SEQUENCES = ["x", "list(x)", "[x[0], 2.0 * x[1], np.tanh(x[2]), x[3] * x[0], x[4]]"]


def _iterator_programs(count: int, seed: int) -> str:
    rng = np.random.default_rng(seed)
    text = ["import numpy as np", ""]
    for p in range(count):
        head = _PLACES[p // 3 % len(_PLACES)]  # (the iterator bound in the body, a branch, a loop)
        pad = "    " * (1 + bool(head))
        text += [f"def program_{p}(x):", "    acc = 0.25", *(["    " + head] if head else []),
                 f"{pad}it = iter({_SEQUENCES[p % len(_SEQUENCES)]})"]
        for _ in range(int(rng.integers(1, 5))):
            k = round(float(rng.uniform(0.5, 2.0)), 2)
            text += [pad + line.format(k=k) for line in _STEPS[int(rng.integers(len(_STEPS)))]]
        text += ["    return acc", ""]
    return "\n".join(text)


@pytest.mark.parametrize("seed", [0, 1])
def test_iterators_read_as_python_reads_them_in_generated_programs(tmp_path, seed):
    """Random programs of ``next(it)``, ``next(it, d)``, loops over ``it`` that ``break``,
    ``list(it)`` (over an array, a list of it and a display; ``it`` bound in the function's
    body, in a branch and in a loop's body): the value Python computes (or
    its ``StopIteration``), and ``grad`` and ``jvp`` against central differences."""
    from helpers import module_from_text, numeric_jacobian

    count = 12
    module = module_from_text(tmp_path, f"iterator_programs_{seed}", _iterator_programs(count, seed))
    x = np.array([0.7, -0.4, 0.9, -1.3, 0.45])  # (away from the `v > 0.0` test)
    direction = np.array([0.3, -1.0, 0.5, 0.2, -0.7])
    for p in range(count):
        f = getattr(module, f"program_{p}")
        try:
            value = f(x.copy())
        except StopIteration:
            for transform in (tangentish.grad, tangentish.value_and_grad):
                with pytest.raises(StopIteration):
                    transform(f)(x)
            continue
        got_value, got = tangentish.value_and_grad(f)(x)
        assert got_value == value
        expected = numeric_jacobian(f, [x], 0)
        np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-8, err_msg=f"program_{p}")
        _, tangent = tangentish.jvp(f)(x, x_dot=direction)
        np.testing.assert_allclose(tangent, expected @ direction, rtol=1e-6, atol=1e-8)

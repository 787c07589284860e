"""A call of a name that does not resolve: refused when the transform runs if the call is always
reached, and an error where the call runs if it is inside a branch (``if``, ``a if c else b``,
``and``/``or``): compatibility code names what another NumPy or Python has
(``np.trapezoid(y) if hasattr(np, "trapezoid") else np.trapz(y)``), and the branch that runs is
differentiated as if the other were not there.  Never a value: the error names the call, the file
and the line; the failed look-up keeps the cache honest (define the name, and the function is
differentiated again)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import assert_grad_close, module_from_text, numeric_grad

import tangentish
from tangentish.errors import UnsupportedConstructError

X = np.array([0.4, -1.1, 0.9])


def in_if(x, new=True):
    if new:
        y = np.sin(x) * x
    else:
        y = np.sine_of(x) * x  # (no such function)
        y = y + 1.0
    return np.sum(y ** 2)


def in_conditional_expression(x):
    total = np.sum(x * x) if hasattr(np, "sum") else np.trapz_of_old(x * x)
    return total * np.sum(np.cos(x))


def in_conditional_on_an_argument(x, old):  # (hasattr(np, ...) is decided when differentiated)
    total = np.sum(x * x) if not old else np.trapz_of_old(x * x)
    return total * np.sum(np.cos(x))


def numpy_compatibility(x):  # on NumPy 1.x np.trapezoid is missing, on NumPy >= 2.4 np.trapz
    total = np.trapezoid(x * x) if hasattr(np, "trapezoid") else np.trapz(x * x)
    return total * np.sum(np.cos(x))


def in_or(x):
    shift = hasattr(np, "sin") or np.missing_shift(x)
    return np.sum(np.exp(x * shift))


def in_helper_branch(x):
    return np.sum(_helper(x, False) + _helper(x * 2.0, False))


def _helper(u, legacy):
    if legacy:
        return np.legacy_square(u)
    return u * u


@pytest.mark.parametrize("f", [in_if, in_conditional_expression, numpy_compatibility, in_or,
                               in_helper_branch],
                         ids=lambda f: f.__name__)
def test_a_missing_name_in_a_branch_that_does_not_run_is_no_obstacle(f):
    x = X.copy()
    expected = numeric_grad(f, (x,))
    assert_grad_close(tangentish.grad(f)(x), expected, label=f.__name__)
    value, grad = tangentish.value_and_grad(f)(x)
    assert value == pytest.approx(f(x))
    assert_grad_close(grad, expected, label=f.__name__)
    direction = np.array([0.5, 2.0, -1.0])
    output, tangent = tangentish.jvp(f, (x,), (direction,))
    assert tangent == pytest.approx(expected @ direction, rel=1e-6, abs=1e-9)
    hessian = tangentish.hessian(f)(x)
    assert_grad_close(hessian @ direction, numeric_grad(
        lambda u: tangentish.grad(f)(u) @ direction, (x,)), rtol=1e-4, atol=1e-6)
    np.testing.assert_array_equal(x, X)


@pytest.mark.parametrize("transform", ["grad", "value_and_grad", "jvp", "hessian"])
def test_the_branch_that_runs_raises_the_error_at_the_call(transform):
    derivative = getattr(tangentish, transform)(in_if)
    extra = {"x_dot": np.ones(3)} if transform == "jvp" else {}
    with pytest.raises(UnsupportedConstructError, match="cannot resolve the function "
                       "`np.sine_of`") as info:
        derivative(X, False, **extra)
    text = str(info.value)
    assert "test_unresolved_names.py" in text and "np.sine_of(x) * x" in text


def always_reached(x):
    return np.sum(np.sine_of(x))  # (no such function)


def in_a_loop(x):
    for _ in range(2):
        x = np.sine_of(x)
    return np.sum(x)


@pytest.mark.parametrize("f", [always_reached, in_a_loop], ids=lambda f: f.__name__)
def test_a_call_outside_any_branch_is_refused_when_the_transform_runs(f):
    with pytest.raises(UnsupportedConstructError, match="cannot resolve the function") as info:
        tangentish.source(f)
    assert "test_unresolved_names.py" in str(info.value)


def test_the_generated_code_says_what_the_branch_would_call():
    text = tangentish.source(in_conditional_on_an_argument)
    assert "_rt.unresolved('np.trapz_of_old')" in text
    code = [line.split("#")[0] for line in text.splitlines()]
    assert not any("np.trapz_of_old(" in line for line in code)
    assert_grad_close(tangentish.grad(in_conditional_on_an_argument)(X, False),
                      numeric_grad(in_conditional_on_an_argument, (X, False)))


def test_a_probe_of_the_module_keeps_only_the_branch_that_runs():
    """``hasattr(np, "sum")`` is decided when the function is differentiated
    (passes/module_probes.py): the other branch, naming what NumPy lacks, is not in the code."""
    code = [line.split("#")[0] for line in tangentish.source(in_conditional_expression).splitlines()]
    assert not any("trapz_of_old" in line or "hasattr" in line for line in code)


def test_defining_the_missing_name_differentiates_the_function_again(tmp_path):
    module = module_from_text(tmp_path, "late_caller", """
        import numpy as np

        def f(x, use_helper):
            if use_helper:
                return np.sum(helper(x))
            return np.sum(x * x)
        """)
    grad = tangentish.grad(module.f)
    assert_grad_close(grad(X, False), 2.0 * X)
    with pytest.raises(UnsupportedConstructError, match="`helper`"):
        grad(X, True)
    later = module_from_text(tmp_path, "late_helper", """
        import numpy as np

        def helper(u):
            return np.sin(u) * 3.0
        """)
    module.helper = later.helper  # (defined later, as in a notebook; asked for again: README)
    assert_grad_close(tangentish.grad(module.f)(X, True), 3.0 * np.cos(X))
    del module.helper
    with pytest.raises(UnsupportedConstructError, match="`helper`"):
        tangentish.grad(module.f)(X, True)

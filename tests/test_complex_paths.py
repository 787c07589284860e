"""Complex intermediates (``passes/complex_paths.py``): a value that may be complex meets only the
operations whose rules follow the convention; every other one, differentiated, is refused naming
it and its line (never a rule for reals applied without conjugation); a complex output, and a
derivative of a derivative through complex values, are refused too.  The rows of
``tests/rules/numpy_fft.py`` check the allowed ones against finite differences."""

from __future__ import annotations

import numpy as np
import pytest

import tangentish
from tangentish.errors import TangentishError, UnsupportedConstructError

X = np.linspace(0.3, 1.7, 6)


def cx_sinc(x):
    return np.sum(np.sinc(np.fft.fft(x)).real)


def cx_prod(x):
    return np.sum(np.abs(np.prod(1j * x)))


def cx_cumprod(x):
    z = np.exp(1j * x)
    return np.sum(np.cumprod(z).imag)


def cx_compare(x):
    z = np.fft.rfft(x)
    return np.sum(np.maximum(z, 0.0).real)


def cx_loop(x):  # complex from the second iteration on: the analysis carries it round the loop
    z = x * 1.0
    for _ in range(2):
        z = np.sinc(z) + 0.0
        z = z * np.exp(1j * x)
    return np.sum(np.abs(z))


def cx_output(x):
    return np.fft.fft(x)[1]


def _turned(x, n):  # (a loop on a parameter: a helper with a derivative of its own)
    z = x + 0j
    while n > 0:
        z = z * np.exp(1j * x)
        n -= 1
    return z


def cx_helper(x):  # (the caller's rules would take the helper's complex result for real)
    return np.sum(np.real(_turned(x, 2) * (1.0 + 1j)))


def cx_unseen(x, h):  # h complex, not differentiated: seen at run time only
    return np.sum(np.abs(np.fft.fft(x)) * h).real


def cx_outer(x):  # (a product with no complex form: refused, the allowed ones listed)
    z = np.concatenate([np.exp(1j * x), x])
    return np.sum(np.abs(np.outer(z, x)))


@pytest.mark.parametrize("fn, label", [(cx_sinc, "np.sinc"), (cx_prod, "np.prod"),
                                       (cx_cumprod, "np.cumprod"), (cx_compare, "np.maximum"),
                                       (cx_loop, "np.sinc"), (cx_outer, "np.outer")])
@pytest.mark.parametrize("transform", [tangentish.grad, tangentish.jvp])
def test_other_operations_of_complex_values_are_refused(fn, label, transform) -> None:
    """The message names the construct, the file and line, and the operations allowed."""
    with pytest.raises(UnsupportedConstructError, match="may be complex") as caught:
        transform(fn)
    text = str(caught.value)
    assert label in text and "test_complex_paths.py" in text and "np.concatenate, np.stack" in text
    assert ", line " in text


def cx_list_join(x):  # `+` of lists holding complex values joins them (no complex `+`)
    zs = [np.exp(1j * x[0])] + [x[1] * 2j, x[2]]
    return np.abs(zs[0] + 3.0 * zs[1] - zs[2] * 1j)


def test_lists_of_complex_values_join_as_lists() -> None:
    """(the complex form of `+` took their place: the gradient mixed up the items)"""
    from helpers import numeric_grad
    expected = numeric_grad(cx_list_join, [X[:3]], 0)
    np.testing.assert_allclose(tangentish.grad(cx_list_join)(X[:3]), expected, rtol=1e-6)


def test_complex_outputs_and_unseen_complex_values_are_refused() -> None:
    with pytest.raises(TangentishError, match="complex"):
        tangentish.grad(cx_output)(X)
    with pytest.raises(UnsupportedConstructError, match="_turned returns a value that may be"):
        tangentish.grad(cx_helper)(X)
    with pytest.raises(TangentishError, match="complex"):
        tangentish.grad(cx_unseen)(X, np.full(6, 1.0 + 2.0j))
    assert np.isfinite(tangentish.grad(cx_unseen)(X, np.full(6, 2.0))).all()


def test_complex_operations_off_the_differentiated_path_are_free() -> None:
    def f(x, h):
        k = np.sin(np.fft.fft(h)).real  # complex, but constant
        return np.sum(x * k)
    h = np.arange(6.0)
    assert np.allclose(tangentish.grad(f)(X, h), np.sin(np.fft.fft(h)).real)


def cx_spectral(x):
    z = np.fft.rfft(x)
    w = np.array(np.log1p(x ** 2) + 1j * x, dtype=complex)  # (its gradient's masks, np.any(w_mask),
    w[0:] *= np.exp(1j * x)[0:]  # were taken for complex: hvp refused the gradient's
    g = w.imag  # _rt.divided; grammar fuzz seed 6107 program 0)
    return np.sum(np.abs(z) ** 2 * np.arange(4.0)) + np.sum(np.fft.irfft(z * 0.5j, 6) ** 3) + \
        np.sum(np.sqrt(np.concatenate((g * g, [-1.0, 0.0])))[:6] ** 3)


def test_hvp_through_complex_values_matches_its_gradients_differences() -> None:
    v, step = np.cos(np.arange(6.0)), 1e-6
    grad = tangentish.grad(cx_spectral)
    expected = (grad(X + step * v) - grad(X - step * v)) / (2 * step)
    np.testing.assert_allclose(tangentish.hvp(cx_spectral)(X, v), expected, rtol=1e-6, atol=1e-6)


def cx_polyval(v):  # (the gradient's `_rt.unpolyval` of a complex value has no rule; a tape
    z = np.polyval(v, 0.5 + 0.2j)  # of complex and real values, refused here before, is taken
    return np.abs(z) + np.sum(v)  # now: tests/test_second_order_tapes.py)


def test_a_refusal_in_a_derivatives_own_code_names_the_users_line() -> None:
    """(it named a line of the generated gradient and a runtime helper, ``_rt.divided``)"""
    with pytest.raises(UnsupportedConstructError, match="second derivative through") as caught:
        tangentish.hvp(cx_polyval)(X[:3], X[:3])
    text = str(caught.value)
    assert "test_complex_paths.py" in text and ", in cx_polyval\n" in text
    assert "    z = np.polyval(v, 0.5 + 0.2j)" in text and "`_rt.unpolyval`" in text
    assert "[the derivative's code: grad_cx_polyval_wrt_v, line " in text and "hint: " in text


def test_analyzing_again_after_the_complex_forms_are_in_place_finds_the_same() -> None:
    from tangentish.passes.activity import analyze
    from tangentish.passes.desugar import desugar
    from tangentish.passes.normalize import normalize
    from tangentish.syntax.parse import parse_function

    info = parse_function(cx_spectral)
    desugar(info)
    norm = normalize(info)
    first = analyze(norm, ["x"]).complex
    assert first and analyze(norm, ["x"]).complex == first

"""A function whose output is not a number (None from a `return` without a value, a string, a
bool, an array of bools or objects) has nothing to differentiate.  Its gradient was 0 by
default, which hid the user's bug (a forgotten value after `return`, a comparison returned
instead of a loss); it is now an error naming the function, at the seed (``grad``,
``value_and_grad``, ``hessian``/``hvp``, ``has_aux``) and at the pullback's cotangent (``vjp``:
only a zero cotangent, or None, is accepted, as for such a value inside a returned tuple).
Integer outputs stay constants with a zero derivative."""

from __future__ import annotations

import numpy as np
import pytest

import tangentish
from tangentish.errors import ArgumentValueError, UnsupportedValueError


def bare_return(x):
    if x[0] > 0:
        return
    return np.sum(x ** 2)


def returns_none(x):
    np.sum(x ** 2)
    return None


def returns_text(x):
    return f"{np.sum(x):.3f}"


def returns_comparison(x):
    return np.sum(x ** 2) > 1.0


def returns_mask(x):
    return x > 0


def returns_objects(x):
    return np.array([np.sum(x), "loss"], dtype=object)


NOT_REAL = [(bare_return, "None"), (returns_none, "None"), (returns_text, "a str"),
            (returns_comparison, "a bool"), (returns_mask, "an array of dtype bool"),
            (returns_objects, "an array of dtype object")]
X = np.array([0.5, -1.5, 2.0])


@pytest.mark.parametrize(("fn", "what"), NOT_REAL, ids=[f.__name__ for f, _ in NOT_REAL])
@pytest.mark.parametrize("transform", ["grad", "value_and_grad", "hvp"])
def test_a_non_number_output_is_refused_naming_it(fn, what, transform):
    derivative = getattr(tangentish, transform)(fn)
    args = (X, np.ones(3)) if transform == "hvp" else (X,)
    kwargs = {"out_bar": np.ones(3)} if fn is returns_mask and transform != "hvp" else {}
    with pytest.raises(UnsupportedValueError, match=f"{fn.__name__} returned {what}, not a real"):
        derivative(*args, **kwargs)


@pytest.mark.parametrize(("fn", "what"), NOT_REAL, ids=[f.__name__ for f, _ in NOT_REAL])
def test_a_non_number_output_takes_only_a_zero_cotangent(fn, what):
    output, pullback = tangentish.vjp(fn)(X)
    assert output is None or isinstance(output, (str, bool, np.bool_, np.ndarray))
    with pytest.raises(ArgumentValueError, match="is not zero, but the output there is"):
        pullback(np.ones(np.shape(output)) if np.ndim(output) else 1.0)
    assert np.all(pullback(None) == 0.0) and pullback(None).shape == X.shape


def test_the_auxiliary_value_may_be_anything_but_the_output_not():
    def loss(x):
        return np.sum(x ** 2), None

    gradient, aux = tangentish.grad(loss, has_aux=True)(X)
    assert np.allclose(gradient, 2 * X) and aux is None

    def swapped(x):
        return None, np.sum(x ** 2)

    with pytest.raises(UnsupportedValueError, match="swapped returned None"):
        tangentish.grad(swapped, has_aux=True)(X)


def test_a_bare_return_on_the_other_branch_still_differentiates():
    assert np.allclose(tangentish.grad(bare_return)(-X), -2 * X)  # (closed form: 2x)


@pytest.mark.parametrize("fn", [lambda x: 3, lambda x: np.arange(1) * 0 + 2,
                                lambda x: len(x)], ids=["int", "int array", "len"])
def test_integer_outputs_are_constants_with_zero_derivative(fn):
    gradient = tangentish.grad(fn)(X, out_bar=np.ones(np.shape(fn(X))))
    assert np.array_equal(gradient, np.zeros(3))

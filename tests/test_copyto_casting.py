"""``np.copyto(y, v)`` is lowered to ``y[...] = v`` (``passes/in_place_calls.py``), but NumPy's
``copyto`` checks its cast (``casting='same_kind'`` unless told) where the assignment does not:
a float written into an integer array raised in NumPy and the derivative truncated it, returning
the gradient of a function that fails.  A table of destination dtypes, values (arrays, numbers,
NumPy scalars, lists, values out of range) and ``casting``/``where`` arguments: every mode raises
what ``f`` raises, or agrees with ``f``'s value and with central differences."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from helpers import assert_every_mode, module_from_text, specialize

import tangentish

TEXT = '''import numpy as np


def f(x):
    y = np.zeros(3, dtype=np.DTYPE)
    np.copyto(y, VALUE ARGS)
    return np.sum(y * x) + np.sum(x ** 2)
'''

DTYPES = ["float64", "float32", "int64", "int8", "bool_"]
VALUES = {
    "array": "x * 2.0",
    "number": "float(x[0]) * 3.0",
    "int": "3",
    "int_out_of_range": "300",
    "numpy_scalar": "np.float64(1.5)",
    "list": "[1.5, 2.5, 0.5]",
    "bools": "x > 0",
}
ARGS = {
    "": "",
    "unsafe": ", casting='unsafe'",
    "safe": ", casting='safe'",
    "where": ", where=x > 0",
    "positional": ", 'same_kind', x < 1",
}
X = np.array([0.3, -0.7, 1.1])


def _outcome(call):
    try:
        return call(), None
    except Exception as error:  # noqa: BLE001 (the class of what f raises, whatever it is)
        return None, type(error)


@pytest.mark.parametrize("args", sorted(ARGS))
@pytest.mark.parametrize("value", sorted(VALUES))
@pytest.mark.parametrize("dtype", DTYPES)
def test_copyto_casts_as_numpy_does(tmp_path, dtype: str, value: str, args: str) -> None:
    text = TEXT.replace("DTYPE", dtype).replace("VALUE", VALUES[value]).replace(
        "ARGS", ARGS[args])
    f = module_from_text(tmp_path, f"copyto_{dtype}_{value}_{args or 'plain'}", text).f
    expected, raised = _outcome(lambda: f(X.copy()))
    modes = {"grad": tangentish.grad(f), "value_and_grad": tangentish.value_and_grad(f),
             "vjp": lambda x: tangentish.vjp(f)(x)[0],
             "jvp": lambda x: tangentish.jvp(f)(x, x_dot=np.ones(3))[0]}
    for (mode, derivative), call in itertools.product(modes.items(), range(2)):
        got, got_raised = _outcome(lambda: derivative(X.copy()))  # noqa: B023 (called at once)
        assert got_raised is raised, (mode, call, got_raised, raised)  # (call 1: specialized)
        if mode in ("grad", "value_and_grad"):
            specialize(derivative, (X,))
        if raised is None and mode != "grad":
            value_of = got[0] if mode == "value_and_grad" else got
            np.testing.assert_allclose(value_of, expected, rtol=1e-12)
    if raised is None and dtype != "float32":  # (float32's rounding: differences are noise)
        assert_every_mode(f, X.copy(), np.array([1.0, 0.5, -0.25]))


def test_a_float_into_an_int_array_raises_numpys_error(tmp_path) -> None:
    text = TEXT.replace("DTYPE", "int64").replace("VALUE", "x * 2.0").replace("ARGS", "")
    f = module_from_text(tmp_path, "copyto_float_into_int", text).f
    with pytest.raises(TypeError, match="same_kind"):
        f(X)
    with pytest.raises(TypeError, match="same_kind"):
        tangentish.grad(f)(X)

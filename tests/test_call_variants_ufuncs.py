"""Call variants of the elementwise ufuncs and their keyword arguments (``tests/call_variants.py``
says what is checked): positional and keyword operands, Python floats and 0-d arrays mixed with
arrays, size-1 axes that broadcast, float32 and integer inputs, ``clip``'s bound spellings,
``out=`` into a local array, the ufunc methods (``reduce``, ``accumulate``, ``outer``); and the
keyword arguments no rule differentiates (``where=``, ``dtype=``, ``casting=``, ``out=`` into an
argument), each refused at its line."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from call_variants import Arg, Variant, kept, run, variants
from helpers import source_module

import tangentish
from tangentish.passes.helper_changes import changed_parameters

POSITIVE = (0.3, 2.0)
M, M_F4, M_I8 = Arg((3, 4)), Arg((3, 4), "f4"), Arg((3, 4), "i8")
P, P_F4, P_I8 = Arg((3, 4), domain=POSITIVE), Arg((3, 4), "f4", POSITIVE), Arg((3, 4), "i8", POSITIVE)
COLUMN, ROW, ZERO_D, SCALAR, EMPTY = Arg((3, 1)), Arg((4,)), Arg(()), Arg(None), Arg((0, 4))
P_COLUMN, P_ROW, P_SCALAR = Arg((3, 1), domain=POSITIVE), Arg((4,), domain=POSITIVE), \
    Arg(None, domain=POSITIVE)

UNARY = [
    "np.sin(x)", "np.cos(x=x)", "np.tanh(x)", "np.exp(x)", "np.exp2(x)", "np.expm1(x)",
    "np.sinh(x)", "np.cosh(x)", "np.arctan(x)", "np.arcsinh(x)", "np.square(x)", "np.abs(x)",
    "np.absolute(x)", "np.fabs(x)", "np.negative(x)", "np.positive(x)", "-x", "+x", "abs(x)",
    "x ** 2", "x ** 3.0", "np.power(x, 2)", "np.power(x, 3.0)", "np.float_power(x, 2)",
    "2.0 ** x", "np.power(2.0, x)", "np.ldexp(x, 2)", "np.deg2rad(x)", "np.radians(x)",
    "np.rad2deg(x)", "np.sinc(x)", "np.fmod(x, 0.7)", "np.mod(x, 0.7)", "x % 0.7",
    "np.remainder(x, -0.7)", "np.copysign(x, -1.0)", "np.nan_to_num(x)", "np.real(x)",
    "np.round(x, 1)", "np.rint(x)", "np.floor(x)", "np.ceil(x)", "np.trunc(x)", "np.fix(x)",
    "np.sign(x) * x", "np.heaviside(x, 0.5)", "np.maximum(x, 0.3)", "np.fmax(0.3, x)",
    "np.minimum(x, -0.2)", "np.fmin(x, 0.1)", "np.clip(x, -0.5, 0.5)", "x.clip(-0.5, 0.5)",
    "x.clip(min=-0.5)", "x.clip(max=0.5)", "np.clip(x, None, 0.3)", "np.clip(x, a_min=-0.3, a_max=None)",
    "np.clip(x, min=-0.3, max=0.4)", "np.where(x > 0, x, 0.1 * x)", "np.logaddexp(x, 0.5)",
    "np.hypot(x, 2.0)", "np.arctan2(x, 1.5)", "np.arctan2(1.5, x)", "np.true_divide(x, 3.0)",
    "np.divide(2.0, x + 3.0)", "np.multiply(2.0, x)", "np.subtract(1.0, x)", "np.add(x, 1)",
    "np.cbrt(x + 3.5)", "np.reciprocal(x + 3.0)", "np.unwrap(x)", "np.angle(x)", "np.conj(x)",
    "np.logaddexp2(x, x)", "x * x", "x / (1.0 + x * x)",
]
POSITIVE_UNARY = [
    "np.log(x)", "np.log2(x)", "np.log10(x)", "np.log1p(x)", "np.sqrt(x)", "x ** 0.5",
    "np.power(x, -1.5)", "np.float_power(x, 0.7)", "np.reciprocal(x)", "1.0 / x", "np.cbrt(x)",
    "x ** x", "np.power(x, x)", "np.arccosh(x + 1.0)", "np.arcsin(x / 3.0)", "np.arccos(x / 3.0)",
    "np.arctanh(x / 3.0)", "np.tan(x / 2.0)",
]
BINARY = [  # x and y of shapes that broadcast
    "x + y", "np.add(x, y)", "np.add(x1=x, x2=y)", "x - y", "np.subtract(y, x)", "x * y",
    "np.multiply(x, y)", "x / (y * y + 1.0)", "np.maximum(x, y)", "np.minimum(y, x)",
    "np.fmax(x, y)", "np.fmin(x, y)", "np.hypot(x, y)", "np.arctan2(x, y)", "np.logaddexp(x, y)",
    "np.logaddexp2(y, x)", "np.copysign(x, y)", "np.where(x > y, x, y)", "np.clip(x, y, None)",
    "np.clip(x, -1.5, y + 2.0)", "np.heaviside(x, y)", "(x @ np.ones(4))[:, None] * y", "np.fmod(x, y + 3.0)",
    "np.mod(x, y + 3.0)", "x ** 2 * y",
]
POSITIVE_BINARY = ["x ** y", "np.power(x, y)", "np.float_power(y, x)", "np.true_divide(x, y)",
                   "np.divide(x1=x, x2=y)", "np.log(x * y)", "np.sqrt(x + y)"]
METHODS = [  # the ufunc methods
    "np.add.reduce(x)", "np.add.reduce(x, axis=1)", "np.add.reduce(x, axis=-1, keepdims=True)",
    "np.add.reduce(x, axis=None)", "np.add.reduce(x, (0, 1))", "np.multiply.reduce(x, 0)",
    "np.maximum.reduce(x, axis=1)", "np.minimum.reduce(x, axis=0, keepdims=True)",
    "np.fmax.reduce(x, -1)", "np.add.accumulate(x)", "np.add.accumulate(x, axis=1)",
    "np.multiply.accumulate(x, axis=-1)", "np.maximum.accumulate(x, 0)",
    "np.minimum.accumulate(x, axis=1)", "np.multiply.outer(x, x[0])", "np.add.outer(x[0], x[1])",
    "np.subtract.outer(x[:, 0], x[0])", "np.maximum.outer(x[0], x[:, 1])",
    "o = np.zeros((3, 4)); np.round(x, 1, o); return o * x",  # (no derivative through round)
    "o = np.zeros((3, 4)); np.floor(x, o); return o + x",
    "(np.full(3, 2)[1] - 0.3) if np.sum(x) < 1e3 else x",  # (a float output of an integer)
    "if np.sum(x) < 1e3:\n    e = np.full((4, 2), 2)[1, 0]\nelse:\n    e = x\nreturn -0.3 + e",
    "n = np.full((3, 4), 2); n[0, 0] = 1.5 * x[0, 0]; return 0.5 + n",
]
REFUSED_WORDS = "is not handled by its derivative rule"
REFUSED = [
    "np.sin(x, where=x > 0)", "np.add(x, 1.0, where=x > 0)", "np.exp(x, dtype=np.float32)",
    "np.multiply(x, x, dtype=np.float64)", "np.add(x, x, casting='unsafe')",
    "np.sin(x, order='C')", "np.maximum(x, 0.0, where=x < 1)", "np.sqrt(x * x, dtype=None)",
]
OUT = [  # writing into an argument, by keyword or at the position of `out` (never a silent zero)
    "np.sin(x, out=x)", "np.add(x, 1.0, out=x)", "np.add(x, 1.0, x)",
]
OUT_WRITES = [  # a ufunc's out= one name or a basic slice of one, by keyword or at its position,
    # as a statement: the write o[...] = f(x) (out_arguments)
    "o = np.empty_like(x); np.sin(x, out=o); return o",
    "o = np.zeros((3, 4)); np.multiply(x, 2.0, out=o); return o * x",
    "o = np.zeros((3, 4)); np.add(x, x, o); return o", "o = np.zeros((3, 4)); np.exp(x, o); return o",
    "o = np.zeros((3, 4)); np.clip(x, 0.0, 1.0, o); return o",
    "o = np.zeros((3, 4)); np.add(x, x, o); return np.sum(o) + np.sum(x)",
    "o = np.zeros((4, 4)); np.multiply(x, x, out=o[1:]); return o",
    "o = np.ones((3, 5)); np.tanh(x, o[:, 1:]); return o * 2.0",
]
OUT_CHECKED = [  # a reduction's or product's out=, where it has the result's shape and dtype
    "o = np.zeros(4); np.cumsum(x[0], 0, None, o); return o",
    "o = np.zeros(4); np.sum(x, 0, None, o); return o", "o = np.zeros((3, 3)); np.dot(x, x.T, o); return o",
    "o = np.zeros(4); np.mean(x, 0, None, o); return o",
]

TABLE = kept([
    *variants(UNARY, M), *variants(UNARY[::2], M_F4), *variants(UNARY[1::3], M_I8),
    *variants(UNARY[::3], ZERO_D), *variants(UNARY[1::3], SCALAR), *variants(UNARY[2::4], EMPTY),
    *variants(POSITIVE_UNARY, P), *variants(POSITIVE_UNARY[::2], P_F4),
    *variants(POSITIVE_UNARY[1::2], P_I8), *variants(POSITIVE_UNARY[::3], P_SCALAR),
    *variants(BINARY, M, ROW), *variants(BINARY, COLUMN, ROW), *variants(BINARY[::2], M_F4, ROW),
    *variants(BINARY[1::2], M, SCALAR), *variants(BINARY[::3], ZERO_D, M),
    *variants(BINARY[1::3], M_I8, M), *variants(BINARY[2::3], M_F4, M_F4),
    *variants(BINARY[::4], EMPTY, ROW), *variants(BINARY[::2], SCALAR, M_F4),
    *variants(BINARY[1::2], Arg((), "f4"), M_F4), *variants(BINARY[::3], M_I8, SCALAR),
    *variants(BINARY[1::4], SCALAR, SCALAR), *variants(BINARY[2::4], ZERO_D, SCALAR),
    *variants(POSITIVE_BINARY, P, P_ROW), *variants(POSITIVE_BINARY, P_COLUMN, P_SCALAR),
    *variants(POSITIVE_BINARY[::2], P_F4, P_I8),
    *variants(METHODS, M), *variants(METHODS[::2], M_F4), *variants(METHODS[1::3], M_I8),
    *variants(REFUSED, M, refuses=REFUSED_WORDS),
    *variants(OUT, M, refuses="out="), *variants(OUT[::2], M_F4, refuses="out="),
    *variants(OUT_WRITES, M), *variants(OUT_WRITES, M_F4), *variants(OUT_CHECKED, M),
    *variants(OUT_WRITES, ZERO_D), *variants(OUT_WRITES, SCALAR),  # (a scalar output's seed)
    *variants(OUT_CHECKED, M_F4, refuses="out="),  # (a float32 result into a float64 array)
])


@pytest.mark.parametrize("variant", TABLE, ids=lambda v: v.id)
def test_ufunc_variants(variant: Variant, tmp_path_factory: pytest.TempPathFactory) -> None:
    run(variant, TABLE, "call_variants_ufuncs", tmp_path_factory)


HELPER = """
import numpy as np


def scale_into(a, b):
    np.multiply(a, 2.0, b)


def f(x):
    o = np.zeros(3)
    scale_into(x, o)
    return np.sum(o)
"""


def test_a_helper_writing_at_the_position_of_out_writes_its_parameter(tmp_path: Path) -> None:
    """The helper writes its parameter ``b``: inlined, the write is made on the caller's ``o``
    (``passes/helper_writes.py``), and the gradient is the one through it (2 per element)."""
    with source_module(tmp_path, "out_helper", HELPER) as module:
        assert changed_parameters(module.scale_into)["b"][0] == "writes"
        x = np.array([0.3, -1.2, 2.0])
        np.testing.assert_array_equal(tangentish.grad(module.f)(x), np.full(3, 2.0))
        assert tangentish.jvp(module.f)(x, x_dot=x) == (module.f(x), 2.0 * np.sum(x))

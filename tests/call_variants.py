"""The call-variant tables' machinery (``tests/test_call_variants*.py``).

A *variant* is one spelling of a NumPy call, as people write it: keyword or positional
arguments, negative, tuple or ``None`` axes, ``keepdims=``, ``dtype=``, the array method for
the ``np.`` function, on float64, float32 or integer arrays, 0-d arrays, Python floats, size-1
axes that broadcast and empty arrays.  Each table module lists its variants as an expression in
the arguments ``x, y, z`` plus one :class:`Arg` per argument; this module writes them as the
functions ``def v12(x, y): return <expression>`` of one source file (tangentish reads source),
and checks each one in every first-order mode:

* the value of ``vjp`` and of ``jvp`` is NumPy's, bit for bit, of NumPy's dtype and shape;
* ``grad`` (with a seeded cotangent as ``out_bar``, called twice: the second call runs the
  derivative specialized to the arguments' shapes), ``vjp``'s pullback and ``jvp`` (a seeded
  tangent) match the contraction of a central finite-difference Jacobian, within that Jacobian's
  own error estimate (the difference of two step sizes plus the rounding of the output's dtype);
* every gradient has its input's shape and dtype (float64 for an integer input; a Python float
  for a Python float) and every tangent its output's;
* or else, for the variants that say so (``refuses=``), every mode raises one of tangentish's
  errors naming the variant's file and line and containing the words given.

Spellings NumPy itself rejects (another NumPy version's) or that warn are left out of a table
when it is built; :func:`kept` says how many survived, and each table asserts it keeps most.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from helpers import assert_specialized, module_from_text, numeric_jacobian, seed_for, specialize

import tangentish
from tangentish.errors import TangentishError

NAMES = ("x", "y", "z")


@dataclass(frozen=True)
class Arg:
    """One argument: ``shape`` None for a Python float; ``dtype`` f8, f4 or i8 (distinct
    integers, so that no two elements tie); drawn from ``domain``."""

    shape: tuple[int, ...] | None
    dtype: str = "f8"
    domain: tuple[float, float] = (-2.0, 2.0)

    def describe(self) -> str:
        return "float" if self.shape is None else f"{self.dtype}{list(self.shape)}".replace(" ", "")

    def draw(self, rng: np.random.Generator) -> Any:
        low, high = self.domain
        if self.shape is None:
            return float(rng.uniform(low, high))
        size = int(np.prod(self.shape))
        if self.dtype == "i8":  # (odd around 0, so that no value sits on a kink at 0 either)
            values = 1 + rng.permutation(size) if low > 0 else 2 * rng.permutation(size) - size + 1
            return values.reshape(self.shape).astype(np.int64)
        return rng.uniform(low, high, size=self.shape).astype(np.dtype(self.dtype))


@dataclass(frozen=True)
class Variant:
    expr: str  # (or statements: `o = np.zeros(3); np.sin(x, out=o); return o`)
    args: tuple[Arg, ...]
    refuses: str | None = None  # the words every mode's refusal contains

    @property
    def id(self) -> str:
        return f"{self.expr} <- {', '.join(a.describe() for a in self.args)}"

    def text(self, name: str) -> str:
        """The variant as the function ``name``, on the line after its ``def`` (an expression,
        or statements ending in a ``return``, separated by semicolons or newlines)."""
        body = self.expr if "return " in self.expr else f"return {self.expr}"
        body = body.replace("\n", "\n    ")  # (or on lines of their own)
        return f"def {name}({', '.join(NAMES[: len(self.args)])}):\n    {body}\n"

    def inputs(self) -> list[Any]:
        rng = np.random.default_rng(seed_for(self.id))
        return [arg.draw(rng) for arg in self.args]


def variants(exprs: Iterable[str], *args: Arg, refuses: str | None = None) -> list[Variant]:
    return [Variant(expr, tuple(args), refuses) for expr in exprs]


def _numpy_accepts(variant: Variant) -> bool:
    """Whether this NumPy evaluates the spelling without an error or a warning, to a finite
    floating value (what is left is another version's spelling or a value with no derivative)."""
    namespace = {"np": np}
    exec(variant.text("f"), namespace)  # noqa: S102 (the table's own text)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            value = namespace["f"](*variant.inputs())
        except Exception:  # noqa: BLE001 (any refusal by NumPy drops the spelling)
            return False
    return np.issubdtype(np.result_type(value), np.floating) and bool(np.all(np.isfinite(value)))


def kept(table: list[Variant]) -> list[Variant]:
    return [variant for variant in table if _numpy_accepts(variant)]


def write_module(folder: Path, name: str, table: list[Variant]) -> dict[str, Callable]:
    """The table's functions, one per variant, written to ``folder/<name>.py`` and imported:
    ``{variant.id: function}``."""
    text = "import numpy as np\n" + "".join(f"\n\n{variant.text(f'v{k}')}"
                                             for k, variant in enumerate(table))
    module = module_from_text(folder, name, text)
    return {variant.id: getattr(module, f"v{k}") for k, variant in enumerate(table)}


_WRITTEN: dict[str, dict[str, Callable]] = {}  # (each table's module, written once per run)


def run(variant: Variant, table: list[Variant], name: str,
        folder: pytest.TempPathFactory) -> None:
    """:func:`check` of ``variant`` of ``table``, whose functions are written (the first time)
    as the module ``name`` in a new folder of ``folder``; floating-point errors raise."""
    if name not in _WRITTEN:
        _WRITTEN[name] = write_module(folder.mktemp("variants"), name, table)
    with np.errstate(all="raise"):
        check(variant, _WRITTEN[name][variant.id])


# -- the reference -------------------------------------------------------------------------------


def _as_float64(value: Any) -> Any:
    return value if isinstance(value, float) else np.asarray(value, dtype=np.float64)


def _jacobian(fn: Callable, args: list[Any], position: int) -> tuple[np.ndarray, np.ndarray]:
    """The central-difference Jacobian of ``fn`` in ``args[position]`` (in float64) and an
    estimate of its error: the difference from the one at half the step (truncation) plus the
    rounding of the output's dtype over the step, relative to the sizes of the output and of
    the inputs (what a sum of them cancels).  The step is the cube root of the epsilon of the
    dtype of the output on float64 inputs (float32 only for ``dtype=np.float32``)."""
    point = [_as_float64(a) for a in args]
    value = fn(*point)
    eps = float(np.finfo(np.result_type(value)).eps)
    step = float(np.cbrt(eps))
    coarse = numeric_jacobian(fn, point, position, step=step)
    fine = numeric_jacobian(fn, point, position, step=step / 2)
    value = np.abs(np.asarray(value, dtype=np.float64))
    scale = max(1.0, float(np.max(np.abs(point[position]), initial=0.0)))
    size = float(np.max(value, initial=0.0)) + sum(float(np.sum(np.abs(a))) for a in point)
    error = 4.0 * np.abs(coarse - fine) + 16.0 * eps * (1.0 + size) / (step / 2 * scale)
    return fine, error


def _close(label: str, actual: Any, expected: np.ndarray, error: np.ndarray,
           magnitude: np.ndarray, single: bool) -> None:
    """``actual`` within the finite differences' ``error``, plus float32 rounding of the
    ``magnitude`` of the terms that made it when the computation ran in single precision."""
    slack = error + (2e-3 * magnitude + 1e-5 if single else 1e-12 * magnitude + 1e-13)
    wrong = np.abs(np.asarray(actual, dtype=np.float64) - expected) > slack
    assert not np.any(wrong), (
        f"{label}: {np.asarray(actual)[wrong]} where the differences say {expected[wrong]} "
        f"(+- {slack[wrong]})")


def _expected_dtype(value: Any) -> Any:
    if isinstance(value, float):
        return float
    dtype = np.result_type(value)
    return dtype if np.issubdtype(dtype, np.floating) else np.dtype(np.float64)


def _same_kind(label: str, actual: Any, like: Any, dtype: Any) -> None:
    assert np.shape(actual) == np.shape(like), f"{label}: shape {np.shape(actual)}, want {np.shape(like)}"
    if dtype is float:
        assert isinstance(actual, float), f"{label}: a {type(actual).__name__} for a Python float"
    else:
        assert np.result_type(actual) == dtype, f"{label}: dtype {np.result_type(actual)}, want {dtype}"


# -- the check -----------------------------------------------------------------------------------


def _refusal(label: str, run: Callable[[], Any], fn: Callable) -> TangentishError | None:
    try:
        run()
    except TangentishError as error:
        where = error.location
        assert where is not None and where.filename == fn.__code__.co_filename, (
            f"{label}: the refusal names no place in the variant's file: {error}")
        assert where.lineno == fn.__code__.co_firstlineno + 1, f"{label}: wrong line: {error}"
        return error
    return None


def check(variant: Variant, fn: Callable) -> None:
    """Every first-order mode of ``fn`` at the variant's inputs against NumPy and finite
    differences, or every mode refusing with the variant's words."""
    args = variant.inputs()
    before = [np.copy(a) for a in args]
    value = fn(*[np.copy(a) if isinstance(a, np.ndarray) else a for a in args])
    rng = np.random.default_rng(seed_for("cotangent " + variant.id))
    cotangent = np.asarray(rng.standard_normal(np.shape(value)), dtype=np.result_type(value))
    tangents = [np.asarray(rng.standard_normal(np.shape(a)), dtype=_tangent_dtype(a))
                if not isinstance(a, float) else float(rng.standard_normal()) for a in args]
    wrt = tuple(range(len(args)))
    single = any(np.result_type(a) == np.float32 for a in [*args, value])
    modes = {
        "grad": lambda: _run_grad(fn, wrt, args, cotangent, _unit_seed_checked(variant, value)),
        "vjp": lambda: _run_vjp(fn, wrt, args, cotangent, (value, _at_promoted(fn, args))),
        "jvp": lambda: _run_jvp(fn, wrt, args, tangents, (value, _at_promoted(fn, args))),
    }
    results = {}
    for mode, run in modes.items():
        label = f"{variant.id} [{mode}]"
        refused = _refusal(label, lambda run=run, mode=mode: results.__setitem__(mode, run()), fn)
        if variant.refuses is not None:
            assert refused is not None, f"{label}: computed where a refusal is expected"
            assert variant.refuses in str(refused), f"{label}: {refused}"
        else:
            assert refused is None, f"{label}: refused: {refused}"
    for now, then in zip(args, before, strict=True):
        assert np.array_equal(now, then), f"{variant.id}: an input was changed"
    if variant.refuses is not None:
        return
    _compare(variant, fn, args, value, cotangent, tangents, results, single)


def _tangent_dtype(value: Any) -> np.dtype:
    dtype = np.result_type(value)
    return dtype if np.issubdtype(dtype, np.floating) else np.dtype(np.float64)


def _unit_seed_checked(variant: Variant, value: Any) -> bool:
    """Whether to also run a scalar output's derivative with the default seed, whose specialized
    code reads the seed as the number 1.0 (passes/unit_seed.py): every variant writing through
    ``out=``, and one in four of the others (a sample, for the suite's time)."""
    return np.ndim(value) == 0 and ("out=" in variant.expr or seed_for(variant.id) % 4 == 0)


def _run_grad(fn: Callable, wrt: tuple, args: list, cotangent: np.ndarray, unit: bool) -> tuple:
    derivative = tangentish.grad(fn, wrt=wrt)
    first = derivative(*args, out_bar=cotangent)
    specialize(derivative, args)
    second = derivative(*args, out_bar=cotangent)  # (the derivative specialized to the shapes)
    assert_specialized(derivative, args)
    for a, b in zip(first, second, strict=True):
        assert np.array_equal(a, b) and np.result_type(a) == np.result_type(b), (a, b)
    if unit:  # (the default seed's derivative specialized too: built by the first)
        for plain in (derivative(*args), derivative(*args)):
            for a, b in zip(first, plain, strict=True):
                scaled = np.asarray(b, dtype=np.float64) * float(cotangent)
                assert np.allclose(scaled, np.asarray(a, dtype=np.float64), rtol=1e-5, atol=1e-6) \
                    and np.result_type(a) == np.result_type(b), ("default seed", a, b)
    return first


def _at_promoted(fn: Callable, args: list) -> Any:
    """``fn`` at ``args`` with integers under ``wrt`` (arrays and scalars) promoted to float64,
    as the derivatives promote them (README, Arguments): NumPy 1.x computes ``x ** 0.5`` of an
    int64 array through ``pow`` and of a float64 one through ``sqrt``, an ulp apart; None when
    nothing is promoted."""
    def integral(a: Any) -> bool:
        return np.ndim(a) >= 0 and np.result_type(a).kind in "iu" and not isinstance(a, bool)

    if not any(integral(a) for a in args):
        return None
    return fn(*[np.asarray(a, dtype=np.float64) if integral(a) and isinstance(a, np.ndarray)
                else np.float64(a) if integral(a)
                else np.copy(a) if isinstance(a, np.ndarray) else a for a in args])


def _run_vjp(fn: Callable, wrt: tuple, args: list, cotangent: np.ndarray,
             values: tuple[Any, Any]) -> tuple:
    out, pullback = tangentish.vjp(fn, wrt)(*args)
    _same_value("vjp", out, *values)
    return pullback(cotangent)


def _run_jvp(fn: Callable, wrt: tuple, args: list, tangents: list,
             values: tuple[Any, Any]) -> Any:
    named = {f"{name}_dot": t for name, t in zip(NAMES, tangents, strict=False)}
    out, tangent = tangentish.jvp(fn, wrt)(*args, **named)
    _same_value("jvp", out, *values)
    return tangent


def _same_value(label: str, actual: Any, expected: Any, promoted: Any = None) -> None:
    if promoted is not None and np.array_equal(actual, promoted):
        expected = promoted  # (the value at the promoted arguments: see _at_promoted)
    _same_kind(f"{label} value", actual, expected, np.result_type(expected))
    assert np.array_equal(actual, expected), f"{label} value {actual} where NumPy gives {expected}"


def _compare(variant: Variant, fn: Callable, args: list, value: Any, cotangent: np.ndarray,
             tangents: list, results: dict, single: bool) -> None:
    out_dtype = np.result_type(value)
    jvp_expected = np.zeros(np.shape(value))
    jvp_error = np.zeros(np.shape(value))
    jvp_size = np.zeros(np.shape(value))
    for position, arg in enumerate(args):
        jac, error = _jacobian(fn, args, position)
        axes = np.ndim(value)
        expected = np.tensordot(cotangent, jac, axes=axes)
        bound = np.tensordot(np.abs(cotangent), error, axes=axes)
        size = np.tensordot(np.abs(cotangent), np.abs(jac), axes=axes)
        for mode in ("grad", "vjp"):
            label = f"{variant.id} [{mode}] argument {NAMES[position]}"
            gradient = results[mode][position]
            _same_kind(label, gradient, arg, _expected_dtype(arg))
            _close(label, gradient, expected, bound, size, single)
        in_axes = (list(range(axes, axes + np.ndim(arg))), list(range(np.ndim(arg))))
        jvp_expected += np.tensordot(jac, np.asarray(tangents[position]), axes=in_axes)
        jvp_error += np.tensordot(error, np.abs(tangents[position]), axes=in_axes)
        jvp_size += np.tensordot(np.abs(jac), np.abs(tangents[position]), axes=in_axes)
    label = f"{variant.id} [jvp] tangent"
    _same_kind(label, results["jvp"], value, out_dtype)
    _close(label, results["jvp"], jvp_expected, jvp_error, jvp_size, single)

"""Helpers shared by the test files: seeded random inputs and central finite differences.

``numeric_grad(f, args, wrt)`` is the reference every gradient test compares against.  It works in
float64, steps each element by ``step * max(1, |x|)`` in both directions and divides by the step that
was actually taken (the difference of the two representable points), so its error is about
``step**2 * |f'''|`` from truncation plus ``eps * |f| / step`` from rounding.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import sys
import textwrap
import types
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

DEFAULT_STEP = 1e-6


def seed_for(name: str) -> int:
    """A stable seed derived from a name (``hash()`` is salted per process; crc32 is not)."""
    return zlib.crc32(name.encode("utf-8"))


def random_value(rng: np.random.Generator, spec: Any, domain: tuple[float, float]) -> Any:
    """One random input: ``float`` → a Python float, a shape tuple → a float64 array of that shape
    (``()`` → a 0-d array), each drawn uniformly from ``domain``."""
    low, high = domain
    if spec is float:
        return float(rng.uniform(low, high))
    return np.asarray(rng.uniform(low, high, size=tuple(spec)), dtype=np.float64)


def _positions(wrt: int | Sequence[int]) -> tuple[list[int], bool]:
    single = not isinstance(wrt, (tuple, list))
    return ([wrt] if single else list(wrt)), single


def _steps(point: np.ndarray, step: float) -> Iterator[tuple[tuple[int, ...], np.ndarray,
                                                                 np.ndarray, float]]:
    """For each element of ``point``: its index, the point moved up and down by
    ``step * max(1, |x|)`` there, and the distance actually taken between the two."""
    for index in np.ndindex(point.shape):
        h = step * max(1.0, abs(float(point[index])))
        up, down = point.copy(), point.copy()
        up[index] += h
        down[index] -= h
        yield index, up, down, float(up[index]) - float(down[index])


def numeric_jacobian(f: Callable[..., Any], args: Sequence[Any], position: int, *,
                     step: float = DEFAULT_STEP) -> np.ndarray:
    """Central finite differences of ``f(*args)`` (any shape) with respect to ``args[position]``,
    in float64, shaped ``output.shape + input.shape``.  ``f`` receives the other arguments as
    given and a fresh perturbed copy of that one (a Python float for a float argument)."""
    base = args[position]
    is_float = isinstance(base, (float, int)) and not isinstance(base, np.ndarray)
    point = np.array(base, dtype=np.float64)
    columns = {}
    for index, up, down, taken in _steps(point, step):
        values = []
        for moved in (up, down):
            call = list(args)
            call[position] = float(moved) if is_float else moved
            values.append(np.asarray(f(*call), dtype=np.float64))
        columns[index] = (values[0] - values[1]) / taken
    out_shape = np.shape(next(iter(columns.values()))) if columns else np.shape(f(*args))
    jac = np.zeros(out_shape + point.shape)
    for index, column in columns.items():
        jac[(...,) + index] = column
    return jac


def one_sided_jacobian(f: Callable[[np.ndarray], Any], x: np.ndarray,
                       step: float = DEFAULT_STEP) -> np.ndarray:
    """Finite differences of ``f`` (any output shape) at ``x``, shaped ``out.shape + x.shape``:
    central where both sides are finite, else the one-sided one that is (at a singular or domain
    point: the one-sided derivative)."""
    middle = np.asarray(f(x), dtype=float)
    out = np.empty(middle.shape + x.shape)
    for index in np.ndindex(x.shape):
        shift = np.zeros_like(x)
        shift[index] = step
        up, down = np.asarray(f(x + shift), float), np.asarray(f(x - shift), float)
        column = np.where(np.isfinite(down), (middle - down) / step, np.nan)
        column = np.where(np.isfinite(up), (up - middle) / step, column)
        both = np.isfinite(up) & np.isfinite(down)
        out[(...,) + index] = np.where(both, (up - down) / (2 * step), column)
    return out


def numeric_grad(f: Callable[..., Any], args: Sequence[Any], wrt: int | Sequence[int] = 0, *,
                 step: float = DEFAULT_STEP) -> Any:
    """Central finite differences of the scalar ``f(*args)`` with respect to argument(s) ``wrt``.

    Returns one gradient per ``wrt`` entry (a tuple when ``wrt`` is a tuple or list): a Python float
    for a Python-float argument, a float64 array of the argument's shape otherwise.  ``args`` are not
    modified; ``f`` receives fresh copies of the perturbed argument at every evaluation.
    """
    positions, single = _positions(wrt)
    grads = []
    for position in positions:
        base = args[position]
        is_float = isinstance(base, (float, int)) and not isinstance(base, np.ndarray)
        grad = numeric_jacobian(lambda *a: float(f(*a)), args, position, step=step)
        grads.append(float(grad) if is_float else grad)
    return grads[0] if single else tuple(grads)


def copies(args: Sequence[Any]) -> tuple:
    """``args`` with every array copied (functions under test may change theirs in place)."""
    return tuple(np.array(a) if isinstance(a, np.ndarray) else a for a in args)


def call_unchanged(fn: Callable[..., Any], args: Sequence[Any]) -> Any:
    """``fn(*args)``, asserting that it left every argument as it was."""
    before = copies(args)
    result = fn(*args)
    for original, now in zip(before, args, strict=True):
        np.testing.assert_array_equal(now, original)
    return result


def generic_and_specialized(fn: Callable[..., Any], args: Sequence[Any]) -> tuple[Any, str]:
    """The gradient of ``fn`` at ``args`` from its generic derivative (the first call) and from
    the one specialized to them (built by :func:`specialize`, the second call), asserted the same
    bits (dtype, shape, zeros' signs; NaN where NaN), with the specialized source, comment lines
    left out."""
    import tangentish  # (as the other checkers here: helpers load without it)

    derivative = tangentish.grad(fn)
    with np.errstate(all="ignore"):
        generic = derivative(*args)
        specialize(derivative, args)
        specialized = derivative(*args)
    assert_specialized(derivative, args)
    assert generic.dtype == specialized.dtype and generic.shape == specialized.shape
    same = (generic == specialized) & (np.signbit(generic) == np.signbit(specialized))
    assert np.all(same | np.isnan(generic) & np.isnan(specialized))
    return specialized, "\n".join(line for line in derivative.source_for(*args).splitlines()
                                  if not line.strip().startswith("#"))


def specialize(derivative: Callable[..., Any], args: Sequence[Any]) -> None:
    """Build now the derivative specialized to ``args`` (positional, as the derivative binds
    them), which a signature's ``HOT``-th call builds (tangentish/specialize.py): the next call
    with them runs it (:func:`assert_specialized` checks that it did).  A call with a container
    (a list, a dict...) is left alone: maybe under ``wrt``, its calls run a derivative per
    structure (tangentish/structured.py)."""
    from tangentish.specialize import shapes

    if getattr(derivative, "specializations", None) is not None and \
            None not in shapes(tuple(args)):
        derivative.source_for(*args)


def specialized_calls(derivative: Callable[..., Any], args: Sequence[Any], count: int, *,
                      fresh: bool = False) -> list[Any]:
    """``count`` calls ``derivative(*args)`` (of copies of ``args`` each, if ``fresh``): the first
    runs the generic derivative, the others the one specialized to ``args`` (built after the first
    by :func:`specialize`; asserted, :func:`assert_specialized`)."""
    results = [derivative(*(copies(args) if fresh else args))]
    specialize(derivative, args)
    for _ in range(count - 1):
        results.append(derivative(*(copies(args) if fresh else args)))
        assert_specialized(derivative, args)
    return results


def assert_specialized(derivative: Callable[..., Any], args: Sequence[Any]) -> None:
    """After :func:`specialize` and a call with ``args`` (positional, as the derivative binds
    them): the derivative specialized to them was built, or tried (a failed one leaves the generic
    one in its place), and the call ran it, unless nothing is specialized for such a call (see
    tangentish/specialize.py): a test of "the specialized code" then cannot pass without running
    it.  (Integers under ``wrt`` are promoted to float64 by the call: either form counts.)"""
    from tangentish.specialize import LIMIT, SHAPES, shapes, signature

    special = getattr(derivative, "specializations", None)  # (none: built per container
    if special is None or len(special.records) >= LIMIT:  # structure, tangentish/structured.py;
        return  # or LIMIT reached)
    for call in _promotions(tuple(args)):
        facts = signature(call)
        if facts is None or len(facts) > len(special.names) or None in shapes(call):
            return  # (a container: maybe under wrt, its calls run a derivative per structure)
        if facts in special.records:
            ran = special.functions.get(shapes(call))
            assert ran is special.records[facts].function or len(special.functions) >= SHAPES, \
                "the call did not run the specialized derivative"
            return
    raise AssertionError("no specialized derivative was built for the call")


def _promotions(args: tuple) -> Iterator[tuple]:
    """``args``, then with each combination of its integers (Python ints, integer arrays)
    promoted to float64, as a call promotes those under ``wrt``."""
    integral = [i for i, a in enumerate(args) if type(a) is int or
                isinstance(a, np.ndarray) and a.dtype.kind in "iu"]
    for mask in range(1 << len(integral)):
        chosen = {i for bit, i in enumerate(integral) if mask >> bit & 1}
        yield tuple(np.asarray(a, dtype=np.float64) if i in chosen and isinstance(a, np.ndarray)
                    else float(a) if i in chosen else a for i, a in enumerate(args))


def assert_grad_close(actual: Any, expected: Any, *, rtol: float = 1e-5, atol: float = 1e-7,
                      label: str = "") -> None:
    """``actual`` matches the finite-difference ``expected`` in shape and value."""
    assert np.shape(actual) == np.shape(expected), (
        f"{label}: gradient shape {np.shape(actual)} != expected {np.shape(expected)}")
    np.testing.assert_allclose(np.asarray(actual, dtype=np.float64), expected, rtol=rtol,
                               atol=atol, err_msg=label)


def assert_reverse_modes(f: Callable[..., Any], x: np.ndarray, cotangent: float = -2.0) -> Any:
    """``grad``, ``value_and_grad`` and ``vjp`` of the scalar ``f`` at ``x`` against central
    differences (and ``f``'s own value); returns the finite-difference gradient."""
    import tangentish

    expected = numeric_grad(f, (x,))
    assert_grad_close(tangentish.grad(f)(x), expected, label="grad")
    value, grad = tangentish.value_and_grad(f)(x)
    np.testing.assert_allclose(value, f(x), rtol=1e-12)
    assert_grad_close(grad, expected, label="value_and_grad")
    _, pullback = tangentish.vjp(f)(x)
    assert_grad_close(pullback(cotangent), cotangent * expected, label="vjp")
    return expected


def assert_every_mode(f: Callable[..., Any], x: np.ndarray, direction: np.ndarray,
                      cotangent: float = 0.5) -> None:
    """:func:`assert_reverse_modes`, and ``jvp`` along ``direction`` (value and tangent)."""
    import tangentish

    expected = assert_reverse_modes(f, x, cotangent)
    value, tangent = tangentish.jvp(f)(x, x_dot=direction)
    np.testing.assert_allclose(value, f(x), rtol=1e-12)
    np.testing.assert_allclose(tangent, float(expected @ direction), rtol=1e-6, atol=1e-7)


def assert_both_orders(f: Callable[..., Any], x: np.ndarray, seed: int = 1) -> None:
    """:func:`assert_every_mode` along a fixed direction, then ``check_grads`` at second order."""
    import tangentish

    assert_every_mode(f, x, np.linspace(1.0, -0.5, x.size).reshape(x.shape))
    tangentish.check_grads(f, (x,), order=2, seed=seed, warn=False)


def module_from_text(directory: Any, name: str, text: str) -> Any:
    """A module ``name`` loaded from ``text`` (dedented), written as a file in ``directory``
    (functions need a file for their source)."""
    path = directory / f"{name}.py"
    path.write_text(textwrap.dedent(text))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def source_module(folder: Path, name: str, text: str) -> Iterator[types.ModuleType]:
    """``text`` written to ``folder/<name>.py`` and imported from there (tangentish reads the
    functions' source from the file, as it does users'); forgotten again afterwards."""
    (folder / f"{name}.py").write_text(text)
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(name)
    finally:
        sys.path.remove(str(folder))
        sys.modules.pop(name, None)

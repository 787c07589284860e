"""The function under test, its arguments and the bookkeeping of calls to it.

A :class:`Problem` owns float64 copies of the arguments being differentiated and
rebuilds fresh argument tuples for every call, so neither ``f`` nor the derivative
under test can ever see (or mutate) the caller's objects.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass

import numpy as np

F64 = np.dtype(np.float64)


@dataclass
class ArgSpec:
    """One differentiated argument: where it sits, what it looked like, its base point."""

    position: int
    name: str
    kind: str  # "array", "scalar" (a NumPy scalar) or "float" (a Python float)
    dtype: np.dtype  # the caller's floating dtype
    base: np.ndarray  # float64 copy of the caller's value
    scale: np.ndarray  # max(|x|, 1), the unit for relative steps

    @property
    def shape(self) -> tuple[int, ...]:
        return self.base.shape

    @property
    def size(self) -> int:
        return int(self.base.size)

    def rebuild(self, value: np.ndarray, dtype: np.dtype):
        """A fresh object of the caller's kind holding ``value`` in ``dtype``."""
        if self.kind == "float":
            return float(value)
        if self.kind == "scalar":
            return dtype.type(value)
        return np.array(value, dtype=dtype)

    def representable(self, value: np.ndarray) -> np.ndarray:
        """``value`` rounded to the caller's dtype and back, as float64."""
        return np.asarray(value, dtype=self.dtype).astype(F64)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _param_names(f) -> list[inspect.Parameter] | None:
    try:
        return list(inspect.signature(f).parameters.values())
    except (TypeError, ValueError):
        return None


def _position_of(item, params, nargs: int) -> int:
    """Resolve one ``wrt`` entry (an index or a parameter name) to a position."""
    if isinstance(item, (bool, np.bool_)):
        raise TypeError(f"wrt entries must be int indices or parameter names, not {item!r}")
    if isinstance(item, (int, np.integer)):
        pos = int(item) + nargs if item < 0 else int(item)
        if not 0 <= pos < nargs:
            raise ValueError(f"wrt={item!r} is out of range for {nargs} argument(s)")
        return pos
    if isinstance(item, str):
        positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
        for pos, param in enumerate(params or []):
            if param.name == item and param.kind in positional and pos < nargs:
                return pos
        raise ValueError(f"wrt={item!r} does not name a positional parameter of f")
    raise TypeError(f"wrt entries must be int indices or parameter names, not {item!r}")


def normalise_wrt(f, nargs: int, wrt) -> tuple[tuple[int, ...], bool]:
    """Positions of the differentiated arguments and whether ``wrt`` was a single item."""
    single = not isinstance(wrt, (tuple, list))
    items = (wrt,) if single else tuple(wrt)
    if not items:
        raise ValueError("wrt must name at least one argument")
    params = _param_names(f)
    positions = tuple(_position_of(item, params, nargs) for item in items)
    if len(set(positions)) != len(positions):
        raise ValueError(f"wrt={wrt!r} names the same argument twice")
    return positions, single


def _arg_name(params, pos: int) -> str:
    if params and pos < len(params):
        param = params[pos]
        if param.kind != inspect.Parameter.VAR_POSITIONAL:
            return param.name
    return f"args[{pos}]"


def _make_spec(value, pos: int, name: str) -> ArgSpec:
    if isinstance(value, (bool, np.bool_, int, np.integer)):
        raise TypeError(f"argument {pos} ({name!r}) is an integer; pass a float to differentiate")
    if isinstance(value, float) and not isinstance(value, np.floating):
        kind = "float"
    elif isinstance(value, np.floating):
        kind = "scalar"
    else:
        kind = "array"
    arr = np.asarray(value)
    if not np.issubdtype(arr.dtype, np.floating):
        raise TypeError(
            f"argument {pos} ({name!r}) has dtype {arr.dtype}; only real floating arguments "
            "can be differentiated"
        )
    base = arr.astype(F64, copy=True)
    if not np.all(np.isfinite(base)):
        raise ValueError(f"argument {pos} ({name!r}) contains non-finite values")
    return ArgSpec(pos, name, kind, arr.dtype, base, np.maximum(np.abs(base), 1.0))


def as_output(out, what: str = "f") -> np.ndarray:
    """Validate a function value: a real scalar or array."""
    if isinstance(out, (tuple, list, dict)):
        raise TypeError(f"{what} must return a scalar or an array, got {type(out).__name__}")
    arr = np.asarray(out)
    if arr.dtype == object or np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(f"{what} returned dtype {arr.dtype}; only real outputs are supported")
    return arr


def eps_of(dtype) -> float:
    """Machine epsilon of a floating dtype (float64's for anything else)."""
    dtype = np.dtype(dtype)
    if np.issubdtype(dtype, np.floating):
        return float(np.finfo(dtype).eps)
    return float(np.finfo(F64).eps)


class Problem:
    """``f``, its arguments, the differentiated ones, and call counters."""

    def __init__(self, f, args, wrt):
        if not callable(f):
            raise TypeError("f must be callable")
        self.f = f
        self.args = args if isinstance(args, tuple) else (args,)
        self.positions, self.single = normalise_wrt(f, len(self.args), wrt)
        params = _param_names(f)
        self.specs = [
            _make_spec(self.args[p], p, _arg_name(params, p)) for p in self.positions
        ]
        self.eval_dtypes = [F64 for _ in self.specs]
        self.f_calls = 0
        self.derivative_calls = 0
        self.notes: list[str] = []
        self.value = self._setup()  # f at the base point, as evaluated for differences
        self.out_shape = self.value.shape
        self.out_dtype = self.value.dtype

    @property
    def orig_dtypes(self) -> list[np.dtype]:
        return [spec.dtype for spec in self.specs]

    def arguments(self, points=None, dtypes=None) -> tuple:
        """A fresh argument tuple; ``points`` maps wrt index -> float64 array.

        Arrays among the other arguments are copied too, so that nothing the caller
        passed in can be modified by the functions being checked.
        """
        points = points or {}
        dtypes = dtypes or self.orig_dtypes
        out = [a.copy() if isinstance(a, np.ndarray) else a for a in self.args]
        for w, spec in enumerate(self.specs):
            out[spec.position] = spec.rebuild(points.get(w, spec.base), dtypes[w])
        return tuple(out)

    def call_f(self, points=None, dtypes=None) -> np.ndarray:
        """Evaluate ``f`` (counted) at the base point with some wrt arguments moved."""
        self.f_calls += 1
        return as_output(self.f(*self.arguments(points, dtypes or self.eval_dtypes)))

    def call(self, fn, *extra, points=None, dtypes=None, **kwargs):
        """Evaluate a derivative function (counted separately from ``f``)."""
        self.derivative_calls += 1
        return fn(*self.arguments(points, dtypes), *extra, **kwargs)

    def _setup(self) -> np.ndarray:
        """Evaluate f in float64; fall back to the caller's dtypes if f refuses."""
        try:
            value = self.call_f()
        except Exception as exc:
            if all(d == F64 for d in self.orig_dtypes):
                raise
            self.eval_dtypes = list(self.orig_dtypes)
            self.notes.append(
                f"f failed on float64 inputs ({_describe(exc)}); finite differences use the "
                "arguments' own dtypes with a correspondingly looser error estimate"
            )
            value = self.call_f()
        if not np.all(np.isfinite(value)):
            raise ValueError("f(*args) is not finite; cannot check derivatives there")
        return value

    def original_value(self) -> np.ndarray:
        """f evaluated exactly as the caller would (their dtypes); one extra call if needed."""
        if self.eval_dtypes == self.orig_dtypes:
            return self.value
        return self.call_f(dtypes=self.orig_dtypes)

"""The function under test, its arguments and the bookkeeping of calls to it.

A :class:`Problem` owns float64 copies of the arguments being differentiated and
rebuilds fresh argument tuples for every call, so neither ``f`` nor the derivative
under test can ever see (or mutate) the caller's objects.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..arguments import caller_location, check_argument, refuse_matrix, resolve_wrt
from ..arguments.wrt import display_name
from ..errors import ArgumentError, ArgumentValueError, UnsupportedValueError
from .outputs import FlatOutput, flat_output

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


def normalise_wrt(f, nargs: int, wrt) -> tuple[tuple[str, ...], tuple[int, ...], bool]:
    """Names and positions of the differentiated arguments, and whether ``wrt`` was one item
    (the project's one resolver, with the arguments given as a tuple of ``nargs`` values)."""
    resolved = resolve_wrt(f, wrt, nargs=nargs)
    return resolved.names, tuple(int(p) for p in resolved.positions), resolved.single


def _arguments(f, args) -> tuple:
    """``args`` as a tuple of ``f``'s positional arguments (one bare array or number is one
    argument); a list is ambiguous and refused, and so is a count ``f`` cannot take."""
    if isinstance(args, list):
        raise ArgumentError(f"check_grads takes the arguments of {display_name(f)} as a tuple, "
                            "got a list", caller_location(), hint="write check_grads(f, (x, w)); "
                            "for a single list argument, (np.asarray(values),)")
    if isinstance(args, (str, bytes, dict, set)) or args is None:
        raise ArgumentError(f"check_grads takes the arguments of {display_name(f)} as a tuple, "
                            f"got {type(args).__name__} {args!r}", caller_location(),
                            hint="write check_grads(f, (x, w))")
    args = args if isinstance(args, tuple) else (args,)
    try:
        signature = inspect.signature(f)
    except (TypeError, ValueError):
        return args
    try:
        signature.bind(*args)
    except TypeError as exc:
        raise ArgumentError(f"the arguments given to check_grads do not fit {display_name(f)}: "
                            f"{exc}", caller_location(), hint=f"{display_name(f)}{signature} "
                            "takes them in this order; args is a tuple of them") from None
    for position, value in enumerate(args):
        refuse_matrix(value, f"args[{position}]",
                      f"argument {position} given to check_grads: it")
    return args


def _make_spec(value, pos: int, name: str, fn_name: str) -> ArgSpec:
    value = check_argument(value, name, fn_name)
    if isinstance(value, float) and not isinstance(value, np.floating):
        kind = "float"
    elif isinstance(value, np.floating):
        kind = "scalar"
    else:
        kind = "array"
    arr = np.asarray(value)
    base = arr.astype(F64, copy=True)
    if not np.all(np.isfinite(base)):
        raise ArgumentValueError(f"argument {pos} ({name!r}) contains non-finite values: "
                                 "finite differences cannot be taken there", caller_location(),
                                 hint="check the derivative at a point where f is finite")
    return ArgSpec(pos, name, kind, arr.dtype, base, np.maximum(np.abs(base), 1.0))


def as_output(out, what: str = "f") -> np.ndarray:
    """Validate a function value: a real scalar or array."""
    if isinstance(out, (tuple, list, dict)):
        raise ArgumentError(f"{what} must return a scalar or an array to be checked, got "
                            f"{type(out).__name__}", caller_location(),
                            hint="check a wrapper that returns one of its values")
    arr = np.asarray(out)
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise UnsupportedValueError(f"{what} returned dtype {arr.dtype}; only real outputs can be "
                                    "checked", caller_location(), hint="check the real and "
                                    "imaginary parts as two real functions")
    if arr.dtype == object or arr.dtype.kind in "USV":
        raise ArgumentError(f"{what} returned dtype {arr.dtype}; only real outputs can be "
                            "checked", caller_location(), hint="return a float or a float array")
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
        if not callable(f) or isinstance(f, (str, bytes)):
            raise ArgumentError(f"check_grads needs the function to check, got "
                                f"{type(f).__name__} {f!r}", caller_location(),
                                hint="pass the function object itself, not its name")
        self.f = f
        self.wrt = wrt
        self.args = _arguments(f, args)
        names, self.positions, self.single = normalise_wrt(f, len(self.args), wrt)
        self.specs = [_make_spec(self.args[p], p, n, display_name(f))
                      for n, p in zip(names, self.positions, strict=True)]
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

        Arrays among the other arguments are copied too, and the lists, tuples and dicts that
        hold them, so that nothing the caller passed in can be modified by the functions being
        checked, and each call gets the same values (``acc.append(v)`` in ``f`` grew the
        caller's list at every evaluation).
        """
        points = points or {}
        dtypes = dtypes or self.orig_dtypes
        out = [_fresh(a) for a in self.args]
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

    def _first_call(self, dtypes=None) -> np.ndarray:
        """The first evaluation of ``f``: a container it returns makes ``f`` a
        :class:`~.outputs.FlatOutput` (checked as one vector of its float leaves)."""
        self.f_calls += 1
        value = self.f(*self.arguments(None, dtypes or self.eval_dtypes))
        if not isinstance(self.f, FlatOutput):
            flat = flat_output(self.f, value)
            if flat is not None:
                self.f, value = flat, flat.vector(value)
        return as_output(value)

    def _setup(self) -> np.ndarray:
        """Evaluate f in float64; fall back to the caller's dtypes if f refuses."""
        try:
            value = self._first_call()
        except Exception as exc:
            if all(d == F64 for d in self.orig_dtypes):
                raise
            self.eval_dtypes = list(self.orig_dtypes)
            self.notes.append(
                f"f failed on float64 inputs ({_describe(exc)}); finite differences use the "
                "arguments' own dtypes with a correspondingly looser error estimate"
            )
            value = self._first_call()
        if not np.all(np.isfinite(value)):
            raise ArgumentValueError("f(*args) is not finite; cannot check derivatives there",
                                     caller_location(), hint="check at a point where f is finite")
        return value

    def original_value(self) -> np.ndarray:
        """f evaluated exactly as the caller would (their dtypes); one extra call if needed."""
        if self.eval_dtypes == self.orig_dtypes:
            return self.value
        return self.call_f(dtypes=self.orig_dtypes)


def _fresh(value: Any) -> Any:
    """``value`` with its arrays copied, and the lists, tuples and dicts that hold them rebuilt
    (named tuples as themselves); any other object is handed on as it is."""
    kind = type(value)
    if kind is np.ndarray:
        return value.copy()
    if kind is list:
        return [_fresh(item) for item in value]
    if kind is dict:
        return {key: _fresh(item) for key, item in value.items()}
    if isinstance(value, tuple):
        items = [_fresh(item) for item in value]
        return kind(*items) if hasattr(value, "_fields") else tuple(items) if kind is tuple \
            else value
    return value

"""A stand-in for tangentish, for testing the fuzzer itself: derivatives by finite differences (so
they are right by construction), with switches that plant one bug each.

``FakeAPI()`` answers every transform the fuzzer calls; ``FakeAPI(bug="scale")`` returns gradients
off by one part in a million, ``"float32"`` the wrong dtype (``"float64"``: float64 for float32
arguments), ``"value_kind"`` a Python float value where f returns a NumPy scalar, ``"mutate"``
changes an input,
``"crash"`` raises ``ValueError``, ``"refuse"`` raises ``FakeError`` (its ``TangentishError``),
``"internal"`` its ``InternalError`` (a wrong shape the call check caught: a bug, not a refusal),
``"hang"`` spins for 30 s, ``"stale_pullback"`` returns zeros from a pullback's second call, ``"value"``
returns a value off by 1e-6, and ``when`` limits the bug to functions whose source contains a
string.  Test code only: never used against tangentish.
"""

from __future__ import annotations

import functools
import inspect
import time
from typing import Any

import numpy as np

from . import oracle


class FakeError(Exception):
    """The fake's ``TangentishError``."""


class FakeInternalError(FakeError):
    """The fake's ``InternalError``."""


class FakeAPI:
    TangentishError, InternalError = FakeError, FakeInternalError

    def __init__(self, bug: str | None = None, when: str | None = None, exact: Any = None):
        """``exact(*args)``, when given, returns the gradient with respect to every parameter
        (second-order answers are then finite differences of an exact gradient, as in the
        reference; without it, of a finite-difference gradient, which is too noisy for that)."""
        self.bug, self.when, self.exact = bug, when, exact

    def _buggy(self, fn: Any, bug: str) -> bool:
        return self.bug == bug and (self.when is None or self.when in inspect.getsource(fn))

    def _positions(self, fn: Any, wrt: Any) -> tuple[list[int], bool]:
        names = list(inspect.signature(fn).parameters)
        names = [n for n in names if inspect.signature(fn).parameters[n].kind.name != "KEYWORD_ONLY"]
        items = list(wrt) if isinstance(wrt, tuple) else [wrt]
        positions = [names.index(w) if isinstance(w, str) else w % len(names) for w in items]
        return positions, isinstance(wrt, tuple)

    def _gradient(self, fn: Any, wrt: Any, args: tuple) -> Any:
        if self._buggy(fn, "crash"):
            raise ValueError("planted crash")
        if self._buggy(fn, "refuse"):
            raise FakeError("planted refusal")
        if self._buggy(fn, "internal"):
            raise FakeInternalError("planted gradient of shape (1,) for x of shape ()")
        if self._buggy(fn, "hang"):  # (spinning, as a hang does: the limit counts CPU time)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                pass
        probe = oracle.primal_probe(fn, inspect.getsourcefile(fn))
        positions, many = self._positions(fn, wrt)
        out = []
        for p in positions:
            if self.exact is not None and getattr(fn, "__wrapped__", None) is None:
                value = np.asarray(self.exact(*args)[p], dtype=np.float64)
            else:
                value = oracle.partials(probe, list(args), p).value
            value = value * (1 + 1e-6) if self._buggy(fn, "scale") else value
            value = value.astype(np.float32) if self._buggy(fn, "float32") else value
            keep = not (self._buggy(fn, "float32") or self._buggy(fn, "float64"))
            value = value.astype(_dtype(args[p])) if keep else value
            out.append(value if isinstance(args[p], np.ndarray) else value[()])
        if self._buggy(fn, "mutate"):
            next(a for a in args if isinstance(a, np.ndarray))[...] += 1.0
        return tuple(out) if many else out[0]

    def grad(self, fn: Any, wrt: Any = 0) -> Any:
        @functools.wraps(fn)  # the signature of fn, so that grad of grad finds its parameters
        def gradient(*args: Any) -> Any:
            return self._gradient(fn, wrt, args)

        return gradient

    def value_and_grad(self, fn: Any, wrt: Any = 0) -> Any:
        def both(*args: Any) -> Any:
            value = fn(*args)  # (not ``+ 0.0``: a float32 scalar's sum with a Python float is a
            value = value + 1e-6 if self._buggy(fn, "value") else value  # float64 on NumPy 1.x)
            value = float(value) if self._buggy(fn, "value_kind") else value
            return value, self._gradient(fn, wrt, args)

        return both

    def jvp(self, fn: Any, wrt: Any = 0) -> Any:
        def forward(*args: Any, **tangents: Any) -> Any:
            positions, many = self._positions(fn, wrt)
            names = list(inspect.signature(fn).parameters)
            value = fn(*args)
            if np.ndim(value):  # (a derivative's jvp: finite differences along the tangents)
                dot = sum(oracle.directional(_values(fn), list(args), p, tangents[f"{names[p]}_dot"])
                          .value for p in positions)
                return value, np.asarray(dot, dtype=_dtype(value))
            grads = self._gradient(fn, wrt, args)
            grads = grads if many else (grads,)
            dot = sum(float(np.sum(g * tangents[f"{names[p]}_dot"]))
                      for g, p in zip(grads, positions, strict=True))
            return value, np.asarray(dot, dtype=_dtype(value))[()]

        return forward

    def vjp(self, fn: Any, wrt: Any = 0) -> Any:
        def split(*args: Any) -> Any:
            value = fn(*args)
            if np.ndim(value):  # (a derivative's vjp: finite differences of u . fn)
                positions, many = self._positions(fn, wrt)

                def parts(u: Any) -> Any:
                    found = [oracle.partials(_values(fn, u), list(args), p).value for p in positions]
                    return tuple(found) if many else found[0]

                return value, parts
            gradient, calls = self._gradient(fn, wrt, args), []

            def pullback(cotangent: float) -> Any:
                calls.append(cotangent)
                factor = 0.0 if len(calls) > 1 and self._buggy(fn, "stale_pullback") else cotangent
                if isinstance(gradient, tuple):
                    return tuple(g * factor for g in gradient)
                return gradient * factor

            return fn(*args), pullback

        return split

    def _second(self, fn: Any, wrt: Any) -> oracle.Probe:
        """Finite differences of this API's own gradient (paths from the primal)."""
        return oracle.derivative_probe(self.grad(fn, wrt), oracle.primal_probe(fn, inspect.getsourcefile(fn)))

    def hvp(self, fn: Any, wrt: Any = 0) -> Any:
        def product(*args: Any) -> Any:
            *given, vector = args
            position = self._positions(fn, wrt)[0][0]
            probe = self._second(fn, wrt)
            value = oracle.directional(probe, _in_float64(given), position, vector).value
            primals = given
            return value.astype(_dtype(primals[position]))[()] if np.ndim(value) == 0 else \
                value.astype(_dtype(primals[position]))

        return product

    def hessian(self, fn: Any, wrt: Any = 0) -> Any:
        def matrix(*args: Any) -> Any:
            position = self._positions(fn, wrt)[0][0]
            probe = self._second(fn, wrt)
            value = oracle.partials(probe, _in_float64(args), position).value
            size = int(np.size(args[position]))
            flipped = np.reshape(np.reshape(value, (size, size)).T, np.shape(value))
            return flipped.astype(_dtype(args[position]))

        return matrix

    def jacobian(self, fn: Any, wrt: Any = 0, mode: str = "rev", progress: bool = True) -> Any:
        """Finite differences of each element of ``fn``'s value (a gradient's, in the nested
        mode), ``value.shape + argument.shape``."""
        def matrix(*args: Any) -> Any:
            position = self._positions(fn, wrt)[0][0]
            shape = np.shape(fn(*args))
            rows = [oracle.partials(_values(fn, np.eye(int(np.prod(shape)))[k].reshape(shape)),
                                    _in_float64(args), position).value
                    for k in range(int(np.prod(shape)))]
            return np.reshape(np.stack(rows), shape + np.shape(args[position]))

        return matrix


def _values(fn: Any, weights: Any = None) -> oracle.Probe:
    """A probe of ``fn``'s array value (of ``sum(weights * value)`` when weights are given)."""

    def probe(args: list[Any]) -> tuple[np.ndarray, tuple]:
        value = np.asarray(fn(*args), dtype=np.float64)
        return (value if weights is None else np.asarray(np.sum(weights * value))), ()

    return probe


def _dtype(value: Any) -> np.dtype:
    """The floating dtype a derivative keeps for ``value`` (float64 for a Python float)."""
    dtype = getattr(value, "dtype", None)
    return dtype if dtype is not None and dtype.kind == "f" else np.dtype(np.float64)


def _in_float64(args: Any) -> list[Any]:
    """Float32 arguments (the fuzzer's float32 mode) at the float64 point they stand for: finite
    differences in float32 do not converge."""
    return [a.astype(np.float64) if isinstance(a, np.ndarray) else
            float(a) if isinstance(a, np.floating) else a for a in args]

"""The user-facing transforms: validate, build options, ask the cache.

``grad(f)`` returns a callable that takes ``f``'s arguments plus a keyword-only seed ``out_bar``; its
generated text is at ``.source`` and ``inspect.getsource`` shows it.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

import numpy as np

from . import rules  # noqa: F401  (registers the derivative rules)
from .cache import CACHE
from .errors import ArgumentError
from .extend import non_differentiable
from .pipeline import Options, Record, differentiate
from .syntax.parse import differentiated_function, mark_transparent
from .syntax.scope import anchored

_EXACT = (float, np.ndarray, np.floating, complex, np.complexfloating)


def _as_float(value: Any, name: str, fn_name: str) -> Any:
    """Integer (or list) arguments under ``wrt`` are promoted to float64, as documented."""
    if isinstance(value, np.ndarray):
        return value if value.dtype.kind in "fc" else value.astype(np.float64)
    if isinstance(value, (bool, np.bool_)):
        raise ArgumentError(f"cannot differentiate {fn_name} with respect to {name}={value!r}, a "
                            "boolean", hint="pass a float for the differentiated argument")
    if isinstance(value, (int, np.integer)):
        return float(value)
    if isinstance(value, (list, tuple)):
        try:
            return np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise ArgumentError(
                f"cannot differentiate {fn_name} with respect to {name}, a {type(value).__name__}"
                " that is not one array", hint="pass each array as a parameter of its own and "
                "list them in wrt") from None
    raise ArgumentError(
        f"cannot differentiate {fn_name} with respect to {name}, a {type(value).__name__}",
        hint="differentiated arguments must be floats or NumPy arrays of floats",
    )


def _wrap(built: Record, positions: list[tuple[int, str]], fn_name: str) -> Callable:
    generated = built.function

    @functools.wraps(generated)
    def derivative(*args: Any, **kwargs: Any) -> Any:
        if positions:
            args = list(args)
            for index, name in positions:
                if index < len(args):
                    if not isinstance(args[index], _EXACT):
                        args[index] = _as_float(args[index], name, fn_name)
                elif name in kwargs and not isinstance(kwargs[name], _EXACT):
                    kwargs[name] = _as_float(kwargs[name], name, fn_name)
        return generated(*args, **kwargs)

    derivative.source = built.source
    derivative.wrt = tuple(built.wrt)
    derivative.rule_keys = built.rule_keys
    derivative.record = built
    return derivative


def _positional_index(fn: Any, names: list[str]) -> list[tuple[int, str]]:
    code = fn.__code__
    positional = code.co_varnames[: code.co_argcount]
    return [(positional.index(n) if n in positional else 1 << 30, n) for n in names]


def _transform(f: Any, wrt: Any, mode: str, optimized: bool, verbose: int,
               has_aux: bool = False) -> Callable:
    if not callable(f):
        raise ArgumentError(f"expected a function to differentiate, got {f!r}",
                            hint="pass the function itself, e.g. tangentish.grad(loss)")
    options = Options(wrt=tuple(wrt) if isinstance(wrt, list) else wrt, mode=mode,
                      optimized=bool(optimized), has_aux=bool(has_aux))

    derivative = CACHE.get_or_build(f, options, lambda: differentiate(f, options, _derive),
                                    _wrap_for)
    if verbose:
        print(derivative.source)
    return derivative


def _derive(fn: Any, options: Options) -> Record:
    """A helper's derivative for the pipeline, through the cache."""
    return _transform(fn, options.wrt, options.mode, options.optimized, 0).record


def _wrap_for(built: Record, f: Any) -> Callable:
    """The derivative returned for ``f``.  Its generated function carries ``f``'s dependencies
    (anchored to ``f``) for the derivatives of functions that call ``f``."""
    generated = built.function
    generated.dependencies = anchored(built.dependencies, f)
    wrapper = _wrap(built, _positional_index(_base(f), built.wrt), generated.__name__)
    mark_transparent(wrapper, generated)
    return wrapper


def _base(f: Any) -> Any:
    return differentiated_function(f)


def grad(f: Callable, wrt: Any = 0, *, has_aux: bool = False, optimized: bool = True,
         verbose: int = 0) -> Callable:
    """The gradient of a scalar function ``f`` with respect to ``wrt`` (index, name or tuple).

    The result takes ``f``'s arguments and returns one gradient per ``wrt`` entry (a tuple when
    ``wrt`` is a tuple).  A keyword-only ``out_bar`` seeds the output's adjoint (default 1.0); with
    an array of the output's shape it computes a vector-Jacobian product.  With ``has_aux=True``,
    ``f`` returns ``(output, aux)`` and the result returns ``(gradient, aux)``.
    """
    return _transform(f, wrt, "grad", optimized, verbose, has_aux)


def value_and_grad(f: Callable, wrt: Any = 0, *, has_aux: bool = False, optimized: bool = True,
                   verbose: int = 0) -> Callable:
    """Like :func:`grad`, but the result returns ``(f(*args), gradient)`` from a single sweep
    (``((output, aux), gradient)`` with ``has_aux=True``)."""
    return _transform(f, wrt, "value_and_grad", optimized, verbose, has_aux)


def source(f: Callable, wrt: Any = 0, *, mode: str = "grad", optimized: bool = True) -> str:
    """The generated source of ``grad`` (``mode="grad"``) or ``value_and_grad`` of ``f``."""
    if mode not in ("grad", "value_and_grad", "jvp", "vjp"):
        raise ArgumentError(f"unknown mode {mode!r}",
                            hint="use 'grad', 'value_and_grad' or 'jvp'")
    return _transform(f, wrt, mode, optimized, 0).source


def jvp(f: Callable, wrt: Any = 0, *, has_aux: bool = False, optimized: bool = True,
        verbose: int = 0) -> Callable:
    """Forward mode: the returned function takes ``f``'s arguments plus one keyword-only tangent
    per ``wrt`` parameter (``x_dot=``) and returns ``(f(*args), directional derivative)``
    (``(output, derivative, aux)`` with ``has_aux=True``)."""
    return _transform(f, wrt, "jvp", optimized, verbose, has_aux)


class Pullback:
    """The reverse half of :func:`vjp`: call it with a cotangent of the output's shape (as often as
    needed; the primal is not run again).  ``.source`` shows the generated code."""

    def __init__(self, backward: Callable, residuals: tuple, source: str):
        self._backward, self._residuals, self.source = backward, residuals, source

    def __call__(self, cotangent: Any = 1.0) -> Any:
        return self._backward(self._residuals, cotangent)


def _wrap_vjp(derivative: Callable, has_aux: bool) -> Callable:
    backward = derivative.record.function.backward

    @functools.wraps(derivative)
    def split_call(*args: Any, **kwargs: Any) -> tuple:
        value, residuals = derivative(*args, **kwargs)
        pullback = Pullback(backward, residuals, derivative.source)
        if has_aux:
            (value, aux) = value
            return value, pullback, aux
        return value, pullback

    split_call.source = derivative.source
    return split_call


def vjp(f: Callable, wrt: Any = 0, *, has_aux: bool = False, optimized: bool = True,
        verbose: int = 0) -> Callable:
    """Reverse mode in split motion: the returned function runs ``f``'s primal once and returns
    ``(output, pullback)``; ``pullback(cotangent)`` returns the vector-Jacobian product(s) and can
    be called many times.  With ``has_aux=True`` it returns ``(output, pullback, aux)``."""
    return _wrap_vjp(_transform(f, wrt, "vjp", optimized, verbose, has_aux), has_aux)


def stop_gradient(x: Any) -> Any:
    """The identity, through which no derivative flows.  Given a function (as a decorator or a
    call), marks that whole function as non-differentiable and returns it."""
    if callable(x) and not isinstance(x, np.ndarray):
        non_differentiable(x)
    return x


non_differentiable(stop_gradient)


def _wrt_items(args: tuple, fn: Callable, wrt: Any) -> list[tuple[str, int]]:
    names = list(inspect.signature(fn).parameters)
    items = list(wrt) if isinstance(wrt, (tuple, list)) else [wrt]
    found = []
    for item in items:
        index = item if isinstance(item, int) else names.index(item)
        found.append((names[index], index))
    return found


def _basis(value: Any):
    """The unit vectors of ``value``'s shape, each shaped like ``value``."""
    array = np.asarray(value, dtype=float)
    for flat in range(array.size):
        unit = np.zeros(array.size)
        unit[flat] = 1.0
        yield unit.reshape(array.shape) if array.shape else float(unit[0])


def jacobian(f: Callable, wrt: Any = 0, *, mode: str = "rev") -> Callable:
    """The Jacobian of ``f``, shaped ``output.shape + input.shape`` (a tuple for a tuple ``wrt``).

    ``mode="rev"`` builds it row by row from one :func:`vjp` pullback (the primal runs once);
    ``mode="fwd"`` column by column from :func:`jvp`.  Both are exact."""
    if mode not in ("rev", "fwd"):
        raise ArgumentError(f"unknown jacobian mode {mode!r}", hint="use 'rev' or 'fwd'")
    many = isinstance(wrt, (tuple, list))

    def jacobian_fn(*args: Any, **kwargs: Any) -> Any:
        items = _wrt_items(args, _base(f), wrt)
        if mode == "rev":
            value, pullback = vjp(f, wrt=wrt)(*args, **kwargs)
            rows = [pullback(unit) for unit in _basis(value)]
            blocks = [np.array([r[k] if many else r for r in rows]) for k in range(len(items))]
            shape = np.shape(value)
            out = [b.reshape(shape + np.shape(args[i])) for b, (_, i) in zip(blocks, items,
                                                                                strict=True)]
        else:
            out = []
            forward = jvp(f, wrt=wrt)
            keyword = forward.record.tangents
            for name, index in items:
                zeros = {keyword[n]: np.zeros_like(np.asarray(args[i], dtype=float))
                         for n, i in items}
                columns = [forward(*args, **kwargs, **{**zeros, keyword[name]: unit})[1]
                           for unit in _basis(args[index])]
                block = np.moveaxis(np.array(columns), 0, -1)
                out.append(block.reshape(np.shape(columns[0]) + np.shape(args[index])))
        return tuple(out) if many else out[0]

    jacobian_fn.__name__ = f"jacobian_{getattr(f, '__name__', 'f')}"
    return jacobian_fn


def hessian(f: Callable, wrt: Any = 0) -> Callable:
    """The Hessian of a scalar ``f`` (forward over reverse: the Jacobian, by :func:`jvp`, of the
    generated gradient).  Shaped ``input.shape + input.shape``."""
    if isinstance(wrt, (tuple, list)):
        raise ArgumentError("hessian takes one wrt parameter",
                            hint="differentiate with respect to one array")
    return jacobian(grad(f, wrt=wrt), wrt=wrt, mode="fwd")


def hvp(f: Callable, wrt: Any = 0) -> Callable:
    """Hessian-vector products ``(*args, v) -> H v`` of a scalar ``f``, without forming ``H``:
    one forward-over-reverse sweep (``jvp`` of the generated gradient)."""
    if isinstance(wrt, (tuple, list)):
        raise ArgumentError("hvp takes one wrt parameter",
                            hint="differentiate with respect to one array")
    gradient = grad(f, wrt=wrt)
    product = jvp(gradient, wrt=wrt)
    name = _wrt_items((), _base(f), wrt)[0][0]

    def hvp_fn(*args: Any) -> Any:
        *primals, vector = args
        return product(*primals, **{product.record.tangents[name]: vector})[1]

    hvp_fn.source = product.source
    hvp_fn.__name__ = f"hvp_{getattr(f, '__name__', 'f')}"
    return hvp_fn

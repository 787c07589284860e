"""The user-facing transforms: validate, build options, ask the cache.

``grad(f)`` returns a callable that takes ``f``'s arguments plus a keyword-only seed ``out_bar``; its
generated text is at ``.source`` and ``inspect.getsource`` shows it.
"""

from __future__ import annotations

import functools
import inspect
import types
from collections.abc import Callable
from typing import Any

import numpy as np

from . import rules  # noqa: F401  (registers the derivative rules)
from .arguments import (
    VARARGS,
    VARKW,
    CallCheck,
    Wrt,
    caller_location,
    check_tangent_names,
    check_wrt_kinds,
    definition_location,
    parameters,
    resolve_wrt,
)
from .arguments.results import (
    check_gradients,
    check_output,
    check_output_tangent,
)
from .arguments.values import check_cotangent
from .cache import CACHE
from .errors import ArgumentError, ArgumentValueError, TangentishError, UnsupportedConstructError
from .extend import non_differentiable
from .pipeline import Options, Record, differentiate
from .syntax.parse import differentiated_function, mark_transparent
from .syntax.scope import anchored


def _short_traceback(transform: Callable) -> Callable:
    """A public transform whose errors point at the user's code (the message has file, line and
    caret) without tangentish's own frames in the traceback."""

    @functools.wraps(transform)
    def user_facing(*args: Any, **kwargs: Any) -> Any:
        try:
            return transform(*args, **kwargs)
        except TangentishError as exc:
            raise exc.with_traceback(None) from None

    return user_facing


def _wrap(built: Record, user: Any, wrt: Wrt, options: Options) -> Callable:
    """The derivative as users call it: arguments checked (and integers promoted) by one
    :class:`CallCheck` before generated code runs; what it returns checked to be real and shaped
    like its arguments, each gradient in its argument's dtype."""
    generated = built.function
    label = generated.__name__.removesuffix("_forward")  # vjp's forward half: named as vjp_f
    check = CallCheck(generated, _names(user), wrt, label, tangents=options.mode == "jvp")
    finish = functools.partial(_FINISH[options.mode], has_aux=options.has_aux, wrt=wrt,
                               label=label, source=built.source,
                               backward=getattr(generated, "backward", None))

    @functools.wraps(generated)
    def derivative(*args: Any, **kwargs: Any) -> Any:
        try:
            args, kwargs, primals = check.bind(args, kwargs)
        except TangentishError as exc:
            raise exc.with_traceback(None) from None
        result = generated(*args, **kwargs)
        try:
            return finish(result, primals)
        except TangentishError as exc:
            raise exc.with_traceback(None) from None

    def wrt_values(*args: Any, **kwargs: Any) -> list:
        """The (promoted) values under ``wrt`` of a call, without running the derivative."""
        return check.bind(args, kwargs, tangents=False)[2]

    derivative.source = built.source
    derivative.wrt = tuple(built.wrt)
    derivative.rule_keys = built.rule_keys
    derivative.wrt_values = wrt_values
    derivative.record = built
    return derivative


def _names(fn: Any) -> tuple[str, ...]:
    return tuple(p.name for p in parameters(fn) or ())


_ASYNC = inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR


def _check_transform(f: Any, wrt: Any) -> None:
    """What a transform checks on every call, cache hit or not: ``f`` is a function tangentish can
    read, and each ``wrt`` entry is an index or a name (not a bool, a float or None, which the
    cache's key would not tell from an int).  The rest of :func:`resolve_wrt` depends only on the
    code and on that key, so it runs once, when the derivative is built."""
    if not callable(f) or isinstance(f, (str, bytes)):
        raise ArgumentError(f"expected a function to differentiate, got {type(f).__name__} {f!r}",
                            caller_location(),
                            hint="pass the function itself, e.g. tangentish.grad(loss)")
    base = _base(f)
    code = getattr(base, "__code__", None)
    if code is not None and code.co_flags & _ASYNC:
        raise UnsupportedConstructError("cannot differentiate an `async def` function",
                                        definition_location(base),
                                        hint="differentiate a synchronous function")
    check_wrt_kinds(base, wrt)


def _resolve(f: Any, wrt: Any, mode: str) -> Wrt | None:
    """``wrt`` resolved against ``f``'s parameters before anything is built; None where the parser
    or the fence has the better error (not a plain function, ``*args`` or ``**kwargs``)."""
    if not isinstance(f, types.FunctionType):
        return None
    params = parameters(f)
    if any(p.kind in (VARARGS, VARKW) for p in params or ()):
        return None
    resolved = resolve_wrt(f, wrt, params=params)
    if mode == "jvp":
        check_tangent_names(f, resolved)
    return resolved


def _transform(f: Any, wrt: Any, mode: str, optimized: bool, verbose: int,
               has_aux: bool = False) -> Callable:
    _check_transform(f, wrt)
    options = Options(wrt=tuple(wrt) if isinstance(wrt, list) else wrt, mode=mode,
                      optimized=bool(optimized), has_aux=bool(has_aux))

    def build() -> Record:
        _resolve(_base(f), wrt, mode)  # wrong wrt: an error before any work
        return differentiate(f, options, _derive)

    def wrap(built: Record, fn: Any) -> Callable:
        """The derivative returned for ``fn``.  Its generated function carries ``fn``'s
        dependencies (anchored to ``fn``) for the derivatives of functions that call ``fn``."""
        resolved = _resolve(_base(fn), wrt, mode)
        if resolved is None:  # the generated function has the same positional parameters
            resolved = resolve_wrt(built.function, built.wrt[0] if built.single else built.wrt)
        generated = built.function
        generated.dependencies = anchored(built.dependencies, fn)
        wrapper = _wrap(built, _base(fn), resolved, options)
        mark_transparent(wrapper, generated)
        return wrapper

    derivative = CACHE.get_or_build(f, options, build, wrap)
    if verbose:
        print(derivative.source)
    return derivative


def _derive(fn: Any, options: Options) -> Record:
    """A helper's derivative for the pipeline, through the cache."""
    return _transform(fn, options.wrt, options.mode, options.optimized, 0).record


def _base(f: Any) -> Any:
    return differentiated_function(f)


@_short_traceback
def grad(f: Callable, wrt: Any = 0, *, has_aux: bool = False, optimized: bool = True,
         verbose: int = 0) -> Callable:
    """The gradient of a scalar function ``f`` with respect to ``wrt`` (index, name or tuple).

    The result takes ``f``'s arguments and returns one gradient per ``wrt`` entry (a tuple when
    ``wrt`` is a tuple).  A keyword-only ``out_bar`` seeds the output's adjoint (default 1.0); with
    an array of the output's shape it computes a vector-Jacobian product.  With ``has_aux=True``,
    ``f`` returns ``(output, aux)`` and the result returns ``(gradient, aux)``.
    """
    return _transform(f, wrt, "grad", optimized, verbose, has_aux)


@_short_traceback
def value_and_grad(f: Callable, wrt: Any = 0, *, has_aux: bool = False, optimized: bool = True,
                   verbose: int = 0) -> Callable:
    """Like :func:`grad`, but the result returns ``(f(*args), gradient)`` from a single sweep
    (``((output, aux), gradient)`` with ``has_aux=True``)."""
    return _transform(f, wrt, "value_and_grad", optimized, verbose, has_aux)


@_short_traceback
def source(f: Callable, wrt: Any = 0, *, mode: str = "grad", optimized: bool = True) -> str:
    """The generated source of ``grad`` (``mode="grad"``) or ``value_and_grad`` of ``f``."""
    _check_mode(mode, ("grad", "value_and_grad", "jvp", "vjp"), "source")
    return _transform(f, wrt, mode, optimized, 0).source


@_short_traceback
def jvp(f: Callable, wrt: Any = 0, *, has_aux: bool = False, optimized: bool = True,
        verbose: int = 0) -> Callable:
    """Forward mode: the returned function takes ``f``'s arguments plus one keyword-only tangent
    per ``wrt`` parameter (``x_dot=``) and returns ``(f(*args), directional derivative)``
    (``(output, derivative, aux)`` with ``has_aux=True``)."""
    return _transform(f, wrt, "jvp", optimized, verbose, has_aux)


class Pullback:
    """The reverse half of :func:`vjp`: call it with a cotangent of the output's shape (as often as
    needed; the primal is not run again).  ``.source`` shows the generated code."""

    def __init__(self, backward: Callable, residuals: tuple, source: str, *, output: Any = None,
                 primals: list | None = None, wrt: Wrt | None = None, label: str = "vjp"):
        self._backward, self._residuals, self.source = backward, residuals, source
        self._output, self._primals, self._wrt, self._label = output, primals, wrt, label

    def __call__(self, cotangent: Any = 1.0) -> Any:
        if self._wrt is None:  # made by hand, without what the checks need
            return self._backward(self._residuals, cotangent)
        try:
            cotangent = check_cotangent(cotangent, self._output, self._label)
        except TangentishError as exc:
            raise exc.with_traceback(None) from None
        grads = self._backward(self._residuals, cotangent)
        try:
            return check_gradients(grads, self._primals, self._wrt, self._label)
        except TangentishError as exc:
            raise exc.with_traceback(None) from None


def _finish_grad(result: Any, primals: list, *, has_aux: bool, wrt: Wrt, label: str,
                 **_: Any) -> Any:
    if has_aux:
        grads, aux = result
        return check_gradients(grads, primals, wrt, label), aux
    return check_gradients(result, primals, wrt, label)


def _finish_value_and_grad(result: Any, primals: list, *, has_aux: bool, wrt: Wrt, label: str,
                           **_: Any) -> Any:
    value, grads = result
    check_output(value[0] if has_aux else value, label)
    return value, check_gradients(grads, primals, wrt, label)


def _finish_jvp(result: Any, primals: list, *, label: str, **_: Any) -> Any:
    value, tangent, *aux = result
    check_output(value, label)
    return (value, check_output_tangent(tangent, value, label), *aux)


def _finish_vjp(result: Any, primals: list, *, has_aux: bool, wrt: Wrt, label: str, source: str,
                backward: Callable) -> Any:
    value, residuals = result
    if has_aux:
        value, aux = value
    check_output(value, label)
    pullback = Pullback(backward, residuals, source, output=value, primals=primals, wrt=wrt,
                        label=label)
    return (value, pullback, aux) if has_aux else (value, pullback)


_FINISH = {"grad": _finish_grad, "value_and_grad": _finish_value_and_grad, "jvp": _finish_jvp,
           "vjp": _finish_vjp}


@_short_traceback
def vjp(f: Callable, wrt: Any = 0, *, has_aux: bool = False, optimized: bool = True,
        verbose: int = 0) -> Callable:
    """Reverse mode in split motion: the returned function runs ``f``'s primal once and returns
    ``(output, pullback)``; ``pullback(cotangent)`` returns the vector-Jacobian product(s) and can
    be called many times.  With ``has_aux=True`` it returns ``(output, pullback, aux)``."""
    return _transform(f, wrt, "vjp", optimized, verbose, has_aux)


def stop_gradient(x: Any) -> Any:
    """The identity, through which no derivative flows.  Given a function (as a decorator or a
    call), marks that whole function as non-differentiable and returns it."""
    if callable(x) and not isinstance(x, np.ndarray):
        non_differentiable(x)
    return x


non_differentiable(stop_gradient)


def _basis(value: Any):
    """The unit vectors of ``value``'s shape, each shaped like ``value``."""
    array = np.asarray(value, dtype=float)
    for flat in range(array.size):
        unit = np.zeros(array.size)
        unit[flat] = 1.0
        yield unit.reshape(array.shape) if array.shape else float(unit[0])


@_short_traceback
def jacobian(f: Callable, wrt: Any = 0, *, mode: str = "rev") -> Callable:
    """The Jacobian of ``f``, shaped ``output.shape + input.shape`` (a tuple for a tuple ``wrt``).

    ``mode="rev"`` builds it row by row from one :func:`vjp` pullback (the primal runs once);
    ``mode="fwd"`` column by column from :func:`jvp`.  Both are exact."""
    _check_mode(mode, ("rev", "fwd"), "jacobian")
    many = isinstance(wrt, (tuple, list))
    transform = vjp(f, wrt=wrt) if mode == "rev" else jvp(f, wrt=wrt)  # checks f and wrt now

    def jacobian_fn(*args: Any, **kwargs: Any) -> Any:
        primals = transform.wrt_values(*args, **kwargs)
        if mode == "rev":
            value, pullback = transform(*args, **kwargs)
            rows = [pullback(unit) for unit in _basis(value)]
            blocks = [np.array([r[k] if many else r for r in rows]) for k in range(len(primals))]
            out = [b.reshape(np.shape(value) + np.shape(p))
                   for b, p in zip(blocks, primals, strict=True)]
        else:
            names = [transform.record.tangents[name] for name in transform.wrt]
            zeros = {n: np.zeros_like(p, dtype=float) for n, p in zip(names, primals, strict=True)}
            out = []
            for name, primal in zip(names, primals, strict=True):
                columns = [transform(*args, **kwargs, **{**zeros, name: unit})[1]
                           for unit in _basis(primal)]
                block = np.moveaxis(np.array(columns), 0, -1)
                out.append(block.reshape(np.shape(columns[0]) + np.shape(primal)))
        return tuple(out) if many else out[0]

    jacobian_fn.__name__ = f"jacobian_{getattr(f, '__name__', 'f')}"
    return jacobian_fn


def _check_mode(mode: Any, modes: tuple[str, ...], what: str) -> None:
    if mode not in modes:
        raise ArgumentError(f"unknown {what} mode {mode!r}", caller_location(),
                            hint=f"use one of {', '.join(map(repr, modes))}")


def _one_wrt(wrt: Any, what: str) -> None:
    if isinstance(wrt, (tuple, list)):
        raise ArgumentError(f"{what} takes one wrt parameter, got wrt={wrt!r}", caller_location(),
                            hint="differentiate with respect to one array (concatenate several "
                            "into one parameter for their joint Hessian)")


@_short_traceback
def hessian(f: Callable, wrt: Any = 0) -> Callable:
    """The Hessian of a scalar ``f`` (forward over reverse: the Jacobian, by :func:`jvp`, of the
    generated gradient).  Shaped ``input.shape + input.shape``."""
    _one_wrt(wrt, "hessian")
    return jacobian(grad(f, wrt=wrt), wrt=wrt, mode="fwd")


@_short_traceback
def hvp(f: Callable, wrt: Any = 0) -> Callable:
    """Hessian-vector products ``(*args, v) -> H v`` of a scalar ``f``, without forming ``H``:
    one forward-over-reverse sweep (``jvp`` of the generated gradient)."""
    _one_wrt(wrt, "hvp")
    product = jvp(grad(f, wrt=wrt), wrt=wrt)
    name = product.wrt[0]

    def hvp_fn(*args: Any, **kwargs: Any) -> Any:
        if not args:
            raise ArgumentError(f"hvp of {getattr(f, '__name__', f)} takes the function's "
                                "arguments and then the vector v", caller_location(),
                                hint="call it as hvp_fn(*args, v)")
        *primals, vector = args
        (primal,) = product.wrt_values(*primals, **kwargs)
        if np.shape(vector) != np.shape(primal):
            raise ArgumentValueError(f"the vector v has shape {np.shape(vector)}, but {name} has "
                                     f"shape {np.shape(primal)}", caller_location(),
                                     hint="v has the shape of the differentiated argument")
        return product(*primals, **kwargs, **{product.record.tangents[name]: vector})[1]

    hvp_fn.source = product.source
    hvp_fn.__name__ = f"hvp_{getattr(f, '__name__', 'f')}"
    return hvp_fn

"""The user-facing transforms: validate, build options, ask the cache.

``grad(f)`` returns a callable that takes ``f``'s arguments plus a keyword-only seed ``out_bar``; its
generated text is at ``.source`` and ``inspect.getsource`` shows it; in Jupyter and IPython it
displays as that source (:mod:`tangentish.display`).  ``f`` may be any callable a user holds: a
partial, a bound method or a callable object is differentiated as its function with the bound
arguments held constant (:mod:`tangentish.callables`), and the derivative returned is then a
``functools.partial`` of the function's derivative.  ``argnums=`` is JAX's name for ``wrt=``, and
``jvp(f, primals, tangents)`` / ``vjp(f, *primals)`` are also accepted in JAX's form."""

from __future__ import annotations

import functools
import inspect
import types
from collections.abc import Callable, Sequence
from typing import IO, Any

import numpy as np

from . import display
from .arguments import (
    POSITIONAL,
    VARARGS,
    VARKW,
    CallCheck,
    Wrt,
    WrtLike,
    caller_location,
    check_wrt_kinds,
    definition_location,
    is_wrt,
    own_parameters,
    parameters,
    pick_wrt,
    resolve_wrt,
)
from .arguments.recast import mark_gradient, recasting
from .arguments.results import finisher
from .cache import CACHE
from .callables import adapt, refuse_dense
from .errors import ArgumentError, ArgumentValueError, TangentishError, UnsupportedConstructError
from .fastcall import fast_path, plain_path
from .layout_checks import fresh
from .persist.store import through_disk
from .provenance import locate
from .records import ENVIRONMENT, Options, Record
from .registry import non_differentiable
from .specialize import seeded_run, shapes, specializations
from .stale import guarded
from .structured import bind_partial, dispatch_for, leaf_parameters, or_deferred
from .syntax.scope import anchored
from .syntax.target import differentiated_function, mark_transparent, refuse


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


def _pullback(*args: Any, **kwargs: Any) -> Any:  # (vjp's: a gradient never imports pullback.py)
    from .pullback import Pullback
    return Pullback(*args, **kwargs)


def _wrap(built: Record, user: Any, wrt: Wrt, options: Options, special: Any) -> Callable:
    """The derivative as users call it: arguments checked (and integers promoted) by one
    :class:`CallCheck` before generated code (``special``'s for their shapes, if any) runs; what
    it returns checked to be real and shaped like its arguments, each in its argument's dtype.
    A plain call of a gradient (see :mod:`.fastcall`) takes a shorter path to the same result
    (``tests/test_call_paths.py`` compares the two)."""
    generated = built.function
    table = special.functions if special is not None else None  # shapes → specialized code
    label = generated.__name__.removesuffix("_forward")  # vjp's forward half: named as vjp_f
    names = leaf_parameters(built) if options.structure else \
        tuple(p.name for p in own_parameters(user) or ())  # (its code's: see own_parameters)
    check = CallCheck(generated, names, wrt, label,
                      tangents=built.tangents if options.mode == "jvp" else None)
    trees = dispatch_for(user, wrt, options, label, _transform)
    outputs = built.outputs
    pullback = functools.partial(_pullback, getattr(generated, "backward", None),
                                 source=built.source, wrt=wrt, label=label,
                                 tree=outputs and outputs.output)
    finish = finisher(options.mode, options.has_aux, wrt, label, pullback, outputs)
    recast = recasting(user, options.mode, options.has_aux)
    fast = fast_path(check, wrt, options)  # (what a plain call's arguments are, or None)
    single = wrt.positions[0] if wrt.single else None

    def prepare(args: tuple, kwargs: dict) -> tuple:
        """``(function, args, kwargs, primals)`` of a checked call (function None: ``args`` is
        the result already, of containers under ``wrt``)."""
        try:
            if trees is not None and trees.applies(args, kwargs):  # containers under wrt
                return None, trees(args, kwargs), None, None
            args, kwargs, primals = check.bind(args, kwargs)
            run = generated if table is None else table.get(shapes(args)) or special.function(args)
            run = run if recast is None else recast(run)  # (a transform of a grad: recast.py)
            if kwargs:  # a seed given to a derivative whose code leaves it to the caller
                run = seeded_run(run, generated, kwargs, label)
        except TangentishError as exc:
            raise exc.with_traceback(None) from None
        return run, args, kwargs, primals

    def derivative(*args: Any, **kwargs: Any) -> Any:
        run, args, kwargs, primals = prepare(args, kwargs)
        try:  # (an error raised by the generated code gets the user's line: see provenance.py)
            return args if run is None else checked(run(*args, **kwargs), primals, kwargs)
        except BaseException as exc:  # (Ctrl-C too: its traceback shows the generated lines)
            locate(exc)
            raise

    def checked(result: Any, primals: list, given: dict | None = None) -> Any:
        try:  # (apart from the arrays `given` by keyword: out_bar=, x_dot=)
            return finish(result, primals, given)
        except TangentishError as exc:
            raise exc.with_traceback(None) from None

    if fast is not None:  # a plain call is checked no more (see fastcall.py)
        derivative = plain_path(fast, single, table, generated, prepare, checked,
                                tuple(wrt.positions))
    functools.update_wrapper(derivative, generated)
    return _described(derivative, built, check, special, trees)


def _described(derivative: Callable, built: Record, check: CallCheck, special: Any,
               trees: Any) -> Callable:
    """``derivative`` with what users read from it: sources, ``wrt``, rule keys, its record."""

    def wrt_values(*args: Any, **kwargs: Any) -> list:
        """The (promoted) values under ``wrt`` of a call, without running the derivative."""
        return check.bind(args, kwargs, tangents=False)[2]

    def source_for(*args: Any, **kwargs: Any) -> str:
        """The source calls with these arguments run (built now if need be: see specialize.py)."""
        return built.source if special is None else \
            special.source(*check.bind(args, kwargs, tangents=False)[:2])

    derivative.source, derivative.source_for = built.source, source_for
    derivative.specializations = special  # (None: calls always run the generic derivative)
    derivative.wrt, derivative.wrt_values = tuple(built.wrt), wrt_values
    derivative.rule_keys = built.rule_keys
    derivative.record = built
    derivative.specialized = getattr(trees, "derivative_for", None)  # containers: per structure
    return display.attach(derivative, built.source)


_ASYNC = inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR


def _check_transform(f: Any, wrt: Any) -> None:
    """What a transform checks on every call, cache hit or not: ``f`` is a function tangentish can
    read, each ``wrt`` entry an index or a name (not a bool, float or None, which the cache's key
    would not tell from an int); the rest of :func:`resolve_wrt` runs once, at the build."""
    if isinstance(f, classmethod):
        raise refuse(f)
    if not callable(f) or isinstance(f, (str, bytes)):
        raise ArgumentError(f"expected a function to differentiate, got {type(f).__name__} {f!r}",
                            caller_location(),
                            hint="pass the function itself, e.g. tangentish.grad(loss)")
    if getattr(getattr(f, "record", None), "outputs", None) is not None:
        raise ArgumentError(f"cannot differentiate {f.__name__}: the function it differentiates "
                            "returns a dict, namedtuple or dataclass, which its generated code "
                            "returns as the flat tuple of the leaves", caller_location(),
                            hint="differentiate a function that returns a tuple of the values")
    refuse_dense(f)
    base = differentiated_function(f)
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
    params = own_parameters(f)  # (``*args`` alone: its derivative takes it too, pipeline.py)
    if any(p.kind == VARKW for p in params or ()):
        return None
    return resolve_wrt(f, wrt, params=params)


def _quick_key(f: Any, wrt: Any, mode: str, optimized: bool, has_aux: bool, structure: tuple,
               receiver: type | None, seeded: bool, *helper: Any) -> tuple | None:
    """The key a plain function's derivative is also cached under: the arguments as given, with
    the exact types of ``wrt`` (``True`` is never ``1``); a hit skips what :func:`_check_transform`
    and ``Options`` decide, which depend on nothing else (``f``'s code is checked by the hit)."""
    if f.__class__ is not types.FunctionType:
        return None
    kind = wrt.__class__
    if kind is tuple:
        kind = tuple(map(type, wrt))
    elif kind is not int and kind is not str:
        return None
    return mode, wrt, kind, optimized, has_aux, ENVIRONMENT.checked, structure, receiver, \
        seeded, *helper  # (helper: a helper's sequences and read items)


def _transform(f: Any, wrt: Any, mode: str, optimized: bool, verbose: int, has_aux: bool = False,
               structure: tuple = (), receiver: type | None = None, seeded: bool | None = None,
               sequences: tuple = (), read_items: tuple | None = None) -> Callable:
    seeded = mode in ("vjp", "jvp") if seeded is None else seeded  # (a user's: Options.seeded)
    quick = _quick_key(f, wrt, mode, optimized, has_aux, structure, receiver, seeded, sequences, read_items)
    if quick is not None:
        found = CACHE.hit(f, quick)
        if found is not None:
            return _shown(found, verbose) if verbose else found
    adapted = adapt(f, wrt)
    if adapted is not None:
        inner = _transform(adapted.function, adapted.wrt, mode, optimized, 0, has_aux, (),
                           adapted.receiver, seeded, sequences, read_items)
        return _shown(bind_partial(adapted, inner, lambda: _transform(  # (layout_checks.py)
            fresh(f), wrt, mode, optimized, 0, has_aux, structure, receiver, seeded, sequences,
            read_items)), verbose)
    _check_transform(f, wrt)
    options = Options(tuple(wrt) if isinstance(wrt, list) else wrt, mode, bool(optimized),
                      bool(has_aux), structure=structure, receiver=receiver, seeded=seeded,
                      sequences=sequences, read_items=read_items)

    def build() -> Record:
        _ = structure or _resolve(differentiated_function(f), wrt, mode)  # wrong wrt: an error
        return through_disk(f, options, _derive)  # (the pipeline, or the persistent cache)

    def wrap(built: Record, fn: Any) -> Callable:
        """The derivative returned for ``fn``; its generated function carries ``fn``'s anchored
        dependencies (for callers' derivatives), and it follows ``fn``'s helpers (stale.py)."""
        base = differentiated_function(fn)
        resolved = None if structure else _resolve(base, wrt, mode)
        if resolved is None:  # the generated function has the same positional parameters
            resolved = resolve_wrt(built.function, built.wrt[0] if built.single else built.wrt)
        built.function.dependencies = anchored(built.dependencies, fn)
        special = specializations(built, fn, options, _derive)
        again = functools.partial(_transform, f, wrt, mode, optimized, 0, has_aux, structure,
                                  receiver, seeded, sequences, read_items)  # (see stale.py)
        wrapper = guarded(_wrap(built, base, resolved, options, special), built, base, again)
        mark_transparent(wrapper, built.function)
        mark_gradient(built.function, mode, has_aux, resolved)
        return wrapper

    return _shown(or_deferred(lambda: CACHE.get_or_build(f, options, build, wrap, alias=quick),
                              differentiated_function(f), options, _resolve, _transform), verbose)


def _shown(derivative: Callable, verbose: int) -> Callable:
    if verbose:
        print(derivative.source)
    return derivative


def _derive(fn: Any, options: Options) -> Record:
    """A helper's derivative for the pipeline, through the cache."""
    return _transform(fn, options.wrt, options.mode, options.optimized, 0, False, options.structure,
                      options.receiver, options.seeded, options.sequences, options.read_items).record


def grad(f: Callable, wrt: WrtLike = 0, *, argnums: WrtLike | None = None, has_aux: bool = False,
         optimized: bool = True, verbose: int = 0) -> Callable:
    """The gradient of a scalar function ``f`` with respect to ``wrt`` (index, name or tuple;
    ``argnums`` is the same, by JAX's name).

    The result takes ``f``'s arguments and returns one gradient per ``wrt`` entry (a tuple when
    ``wrt`` is a tuple).  A keyword-only ``out_bar`` seeds the output's adjoint (default 1.0); with
    an array of the output's shape it computes a vector-Jacobian product.  With ``has_aux=True``,
    ``f`` returns ``(output, aux)`` and the result returns ``(gradient, aux)``.
    """
    try:  # (what @_short_traceback does, without its extra call: a cached grad() is ~3 us)
        return _transform(f, wrt if argnums is None else pick_wrt(wrt, argnums), "grad",
                          optimized, verbose, has_aux)
    except TangentishError as exc:
        raise exc.with_traceback(None) from None


def value_and_grad(f: Callable, wrt: WrtLike = 0, *, argnums: WrtLike | None = None,
                   has_aux: bool = False, optimized: bool = True, verbose: int = 0) -> Callable:
    """Like :func:`grad`, but the result returns ``(f(*args), gradient)`` from a single sweep
    (``((output, aux), gradient)`` with ``has_aux=True``)."""
    try:  # (as in grad)
        return _transform(f, wrt if argnums is None else pick_wrt(wrt, argnums),
                          "value_and_grad", optimized, verbose, has_aux)
    except TangentishError as exc:
        raise exc.with_traceback(None) from None


@_short_traceback
def source(f: Callable, wrt: WrtLike = 0, *, argnums: WrtLike | None = None, mode: str = "grad",
           optimized: bool = True) -> str:
    """The generated source of ``grad`` (``mode="grad"``), ``value_and_grad``, ``jvp`` or ``vjp``
    of ``f``."""
    _check_mode(mode, ("grad", "value_and_grad", "jvp", "vjp"), "source")
    return _transform(f, pick_wrt(wrt, argnums), mode, optimized, 0).source


@_short_traceback
def show(f: Callable, wrt: WrtLike = 0, *, argnums: WrtLike | None = None, mode: str = "grad",
         file: IO[str] | None = None, color: bool | None = None) -> None:
    """Print the generated source: of ``f`` itself when it is a derivative tangentish returned (or
    a pullback), else of its ``mode`` derivative (as :func:`source`).  Coloured when ``file``
    (default stdout) is a terminal, ``NO_COLOR`` is unset and pygments is installed
    (``color=True``/``False`` decides instead)."""
    if display.is_derivative(f):
        text = f.source
    else:
        _check_mode(mode, ("grad", "value_and_grad", "jvp", "vjp"), "show")
        text = _transform(f, pick_wrt(wrt, argnums), mode, True, 0).source
    display.write_source(text, file, color)


@_short_traceback
def jvp(f: Callable, wrt: Any = 0, tangents: Sequence[Any] | None = None, *,
        argnums: WrtLike | None = None, has_aux: bool = False, optimized: bool = True,
        verbose: int = 0) -> Any:
    """Forward mode: the returned function takes ``f``'s arguments plus one keyword-only tangent
    per ``wrt`` parameter (``x_dot=``) and returns ``(f(*args), directional derivative)``
    (``(output, derivative, aux)`` with ``has_aux=True``).

    JAX's form ``jvp(f, primals, tangents)`` (two sequences of equal length, one entry per
    positional parameter from the first) evaluates at once and returns the same tuple."""
    if tangents is not None:
        primals = _sequence(wrt, "primals", "jvp")
        tangents = _sequence(tangents, "tangents", "jvp")
        if len(tangents) != len(primals):
            raise ArgumentValueError(f"jvp got {len(primals)} primals but {len(tangents)} "
                                     "tangents", caller_location(),
                                     hint="give one tangent per primal, of its shape")
        derivative = _jax_style(f, primals, argnums, "jvp", optimized, has_aux)
        keywords = {derivative.record.tangents[name]: tangent
                    for name, tangent in zip(derivative.wrt, tangents, strict=True)}
        return derivative(*primals, **keywords)
    return _transform(f, pick_wrt(wrt, argnums), "jvp", optimized, verbose, has_aux)


def _sequence(value: Any, what: str, transform: str) -> tuple:
    if isinstance(value, (tuple, list)) and value:
        return tuple(value)
    raise ArgumentError(f"{transform}(f, primals, tangents) takes {what} as a non-empty tuple or list"
                        f", got {type(value).__name__} {value!r}", caller_location(), hint=f"e.g. "
                        f"{transform}(f, (x,), (v,)); or {transform}(f, wrt=...) to call later")


def _jax_style(f: Any, primals: tuple, argnums: Any, mode: str, optimized: bool,
               has_aux: bool) -> Callable:
    """The derivative with respect to every primal, for JAX's call forms."""
    if argnums is not None:
        raise ArgumentError(f"{mode}(f, primals...) differentiates with respect to every primal "
                            "and takes no argnums", caller_location(),
                            hint=f"drop argnums, or use {mode}(f, argnums=...) and call the result")
    positional = [p for p in parameters(f) or () if p.kind == POSITIONAL]
    if parameters(f) is not None and len(primals) > len(positional) and not any(
            p.kind == VARARGS for p in parameters(f)):
        raise ArgumentValueError(f"{mode} got {len(primals)} primals, but "
                                 f"{getattr(f, '__qualname__', f)} takes {len(positional)} "
                                 "positional arguments", caller_location(),
                                 hint="give one primal per positional parameter, in order")
    return _transform(f, tuple(range(len(primals))), mode, optimized, 0, has_aux)


@_short_traceback
def vjp(f: Callable, wrt: Any = 0, *primals: Any, argnums: WrtLike | None = None,
        has_aux: bool = False, optimized: bool = True, verbose: int = 0) -> Any:
    """Reverse mode in split motion: the returned function runs ``f``'s primal once and returns
    ``(output, pullback)``; ``pullback(cotangent)`` returns the vector-Jacobian product(s) and can
    be called many times.  With ``has_aux=True`` it returns ``(output, pullback, aux)``.

    JAX's form ``vjp(f, *primals)`` evaluates at once, with respect to every primal (the pullback
    returns a tuple, one cotangent per primal).  It is recognised by its values: a second
    argument that is not an index, a name, or a tuple or list of them (an array, a float) or more
    than one argument after ``f``; so a lone ``int`` is read as ``wrt`` (write ``2.0``)."""
    if primals or not is_wrt(wrt):
        values = (wrt, *primals)
        return _jax_style(f, values, argnums, "vjp", optimized, has_aux)(*values)
    return _transform(f, pick_wrt(wrt, argnums), "vjp", optimized, verbose, has_aux)


def stop_gradient(x: Any) -> Any:
    """The identity, through which no derivative flows.  Given a function (as a decorator or a
    call), marks that whole function as non-differentiable and returns it."""
    if callable(x) and not isinstance(x, np.ndarray):
        non_differentiable(x)
    return x


non_differentiable(stop_gradient)


def _check_mode(mode: Any, modes: tuple[str, ...], what: str) -> None:
    if mode not in modes:
        raise ArgumentError(f"unknown {what} mode {mode!r}", caller_location(),
                            hint=f"use one of {', '.join(map(repr, modes))}")

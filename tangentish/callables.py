"""Any callable a user holds, as the plain function tangentish differentiates plus what is bound.

Guarantee to the API: :func:`adapt` turns a ``functools.partial``, a bound method (class methods
included), a ``staticmethod`` object or a callable object into an :class:`Adapted`: the Python
function whose source is differentiated, the arguments bound to it (passed first, as constants),
and ``wrt`` translated to that function's parameter names, so the derivative of the held callable
is the derivative of the function, called with the bound arguments::

    grad(functools.partial(loss, x=X))      ->  grad(loss, wrt="w"), called as  d(w, x=X)
    grad(model.loss)        (def loss(self, x))  ->  grad(Model.loss, wrt="x"), called as d(model, x)
    grad(model)             (def __call__(self, x))  ->  the same through Model.__call__
    grad(Model.create)      (a classmethod)  ->  grad(Model.create.__func__), called as d(Model, ...)

``wrt`` counts and names parameters as the held callable does (``inspect.signature``): index 0 of
a partial or a bound method is its first parameter still to be passed.  A name may also pick an
argument a partial bound by position (differentiated at its bound value).  The object a method is
bound to is a constant: ``wrt="self"`` and ``wrt="self.w"`` are refused with what to do instead
(attributes under ``wrt`` need container support, which the core does not have yet).

Plain functions (and tangentish's own derivatives) are not adapted: :func:`adapt` returns None.
"""

from __future__ import annotations

import functools
import inspect
import types
from typing import Any

from .arguments import (
    KEYWORD,
    POSITIONAL,
    Param,
    caller_location,
    check_wrt_kinds,
    definition_location,
    parameters,
    resolve_wrt,
)
from .arguments.trees import is_container
from .errors import ArgumentError, UnsupportedConstructError
from .layouts import layout
from .syntax.target import differentiated_function, refuse

_DEPTH = 32


def refuse_dense(f: Any) -> None:
    """Refuse to differentiate a result of ``hessian``, ``jacobian`` or ``hvp`` (marked
    ``dense_of`` by :mod:`tangentish.dense`): a Python loop over columns, not generated code."""
    dense = getattr(f, "dense_of", None)
    if isinstance(dense, str):
        raise UnsupportedConstructError(
            f"cannot differentiate the result of tangentish.{dense} (a loop over its columns, "
            "which is not differentiated again)", caller_location(),
            hint="differentiate generated derivatives instead: tangentish.jacobian(tangentish."
            "grad(tangentish.grad(f)))(x, out_bar_bar=v) is the third derivative along v")


class Adapted:
    """A held callable seen as ``function(*args, <call's arguments>, **keywords)``.  (A plain
    class: a frozen dataclass costs a first ``grad()`` a millisecond to make.)"""

    __slots__ = ("function", "args", "keywords", "wrt", "owner", "what", "receiver")

    def __init__(self, function: types.FunctionType, args: tuple, keywords: dict, wrt: Any,
                 owner: Any, what: str):
        self.function, self.args, self.keywords = function, args, keywords
        self.wrt = wrt  # translated: parameter names of ``function`` (a str, or a tuple of them)
        self.owner = owner  # the object a method is bound to (None for a partial)
        self.what = what  # how the held callable is described in messages
        self.receiver = receiver_class(self)  # the class ``self.method(...)`` calls resolve in

    def bind(self, derivative: Any) -> functools.partial:
        """``derivative`` (of ``function``) with the bound arguments filled in, as a partial, so
        that it can be differentiated again (:func:`adapt` peels it like any other partial)."""
        return functools.partial(derivative, *self.args, **self.keywords)


def adapt(f: Any, wrt: Any) -> Adapted | None:
    """``f`` as a plain function plus bound arguments, or None when ``f`` is a plain function
    (or not callable at all: the API reports that)."""
    if isinstance(f, types.FunctionType) and \
            (f.__module__ or "").partition(".")[0] in ("numpy", "scipy"):
        return _ruled(f, wrt)  # (NumPy's or SciPy's Python function: its rules, if it has some)
    if isinstance(f, types.FunctionType) or not callable(f) or isinstance(f, type):
        return None
    function, args, keywords, owner = _peel(f)
    if function is f:  # a builtin, a ufunc...: the function calling it, if it has rules
        from .trampolines import trampoline

        function = trampoline(f)
        if function is None:
            return None  # (the parser says why it has no source)
    if not isinstance(function, types.FunctionType):  # (np.multiply in a partial: its rules)
        from .trampolines import trampoline

        function = trampoline(function) or _refused(function, f)
    check_wrt_kinds(f, wrt)
    translated = _translate(f, function, args, keywords, owner, wrt)
    return Adapted(function, tuple(args), dict(keywords), translated, owner, _describe(f))


def _refused(function: Any, held: Any) -> Any:
    raise refuse(function, via=f"inside {_describe(held)}")


def _ruled(f: types.FunctionType, wrt: Any) -> Adapted | None:
    from .trampolines import trampoline

    function = trampoline(f)
    if function is None:
        return None
    check_wrt_kinds(f, wrt)
    return Adapted(function, (), {}, _translate(f, function, [], {}, None, wrt), None,
                   _describe(f))


def receiver_class(adapted: Adapted) -> Any:
    """The class of the object a bound method (or a callable object's ``__call__``) runs on,
    when that object is its first argument and is not differentiated: its ``self.method(...)``
    calls then run that class's methods, which the transform inlines (keyed by the class).  A
    derivative of such a method, bound in turn (``hessian(obj.loss)`` differentiates the
    gradient with ``obj`` bound), was built for that class: the same."""
    made = getattr(differentiated_function(adapted.function), "__tangentish_receiver__", None)
    if made is not None:
        return made
    owner, own = adapted.owner, parameters(adapted.function) or ()
    if owner is None or isinstance(owner, type) or not own or not adapted.args or \
            adapted.args[0] is not owner:
        return None
    wrt = adapted.wrt if isinstance(adapted.wrt, tuple) else (adapted.wrt,)
    cls = type(owner)
    if own[0].name in wrt or cls.__getattribute__ is not object.__getattribute__ or any(
            isinstance(inspect.getattr_static(cls, name, None), types.FunctionType)
            for name in getattr(owner, "__dict__", ())):
        return None  # (an attribute of the object itself hides its class's method of that name)
    return layout(owner) or cls  # (the objects its attributes hold, when they decide code)


def _peel(f: Any) -> tuple[Any, list, dict, Any]:
    """Unwrap partials, bound methods, staticmethods and callable objects, outermost first."""
    args: list = []
    keywords: dict = {}
    owner = None
    for _ in range(_DEPTH):
        if isinstance(f, functools.partial):
            args[:0] = f.args
            keywords = {**f.keywords, **keywords}  # the outer partial's keywords win
            f = f.func
        elif isinstance(f, types.MethodType):
            owner = f.__self__ if owner is None else owner
            args.insert(0, f.__self__)
            f = f.__func__
        elif isinstance(f, staticmethod):
            f = f.__func__
        elif _callable_object(f):
            owner = f if owner is None else owner
            args.insert(0, f)
            f = type(f).__call__
        else:
            break
    return f, args, keywords, owner


def _callable_object(f: Any) -> bool:
    """An instance whose class defines ``__call__`` in Python (not a function, class or
    builtin, and not one of tangentish's own objects)."""
    if isinstance(f, (type, types.FunctionType, types.BuiltinFunctionType, classmethod)):
        return False
    call = type(f).__dict__.get("__call__") or next(
        (c.__dict__["__call__"] for c in type(f).__mro__ if "__call__" in c.__dict__), None)
    return isinstance(call, types.FunctionType) and not (
        getattr(call, "__module__", "") or "").startswith("tangentish.")


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _describe(f: Any) -> str:
    if isinstance(f, functools.partial):
        inner = getattr(f.func, "__qualname__", None) or getattr(f.func, "__name__", None) \
            or repr(f.func)
        return f"functools.partial of {inner}"
    if isinstance(f, types.MethodType):
        kind = "class" if isinstance(f.__self__, type) else type(f.__self__).__name__
        return f"{f.__func__.__qualname__} bound to {_article(kind)} {kind} object" \
            if kind != "class" else f"the class method {f.__qualname__}"
    if isinstance(f, staticmethod):
        return f"staticmethod {getattr(f.__func__, '__qualname__', f.__func__)!r}"
    return f"a callable {type(f).__name__} object (its __call__)"


def _translate(held: Any, function: types.FunctionType, args: list, keywords: dict, owner: Any,
               wrt: Any) -> Any:
    """``wrt`` as the held callable counts it → names of ``function``'s parameters."""
    own = parameters(function) or ()
    params = _held_parameters(own, len(args), keywords)
    single = not isinstance(wrt, (tuple, list))
    names = [_name(held, function, own, params, args, owner, item)
             for item in ([wrt] if single else wrt)]
    return names[0] if single else tuple(names)


def _held_parameters(own: tuple[Param, ...], nargs: int, keywords: dict) -> tuple[Param, ...]:
    """The held callable's parameters, as ``inspect.signature`` gives them (without its cost):
    the first ``nargs`` positional ones are gone, and a parameter bound by keyword turns it and
    every positional one after it keyword-only."""
    out: list[Param] = []
    dropped = 0
    keyword_only = False
    for param in own:
        if param.kind == POSITIONAL and dropped < nargs:
            dropped += 1
            continue
        if param.name in keywords:
            keyword_only = True
            param = param._replace(default=keywords[param.name])
        if keyword_only and param.kind == POSITIONAL:
            param = param._replace(kind=KEYWORD, positional_only=False)
        out.append(param)
    return tuple(out)


def _name(held: Any, function: types.FunctionType, own: tuple[Param, ...],
          params: tuple[Param, ...], args: list, owner: Any, item: Any) -> str:
    bound_object = own[0].name if owner is not None and own else None
    if isinstance(item, str):
        if bound_object is not None and item == bound_object and is_container(owner):
            return item  # a dataclass or namedtuple object: its gradient has its structure
        if bound_object is not None and (item == bound_object or
                                         item.startswith(f"{bound_object}.")):
            raise _bound_object_error(function, item, bound_object, owner)
        positional = [p.name for p in own if p.kind == POSITIONAL]
        if item in positional[:len(args)]:
            return item  # bound by a partial: differentiated at its bound value
        if any(p.name == item and p.kind in (POSITIONAL, KEYWORD) for p in params):
            return item  # checked in full when the function's derivative is built
    else:
        positional = [p.name for p in params if p.kind == POSITIONAL]
        if -len(positional) <= item < len(positional):
            return positional[item]
    return resolve_wrt(held, item, params=params).names[0]  # raises the resolver's error


def _bound_object_error(function: types.FunctionType, item: str, name: str,
                        owner: Any) -> ArgumentError:
    kind = f"the class {owner.__name__}" if isinstance(owner, type) else \
        f"{_article(type(owner).__name__)} {type(owner).__name__} object"
    attribute = item.partition(".")[2]
    if attribute and is_container(owner):
        hint = (f"name the object itself, wrt={name!r}: the gradient is {_article(type(owner).__name__)}"
                f" {type(owner).__name__} holding the gradient of each float field (its "
                f".{attribute} is the one asked for)")
    elif attribute:
        hint = (f"make {type(owner).__name__} a dataclass and differentiate with wrt={name!r} (the "
                f"gradient is then one of its objects), or write the computation as a function "
                f"that takes {attribute} as a parameter (def loss({attribute}, x): ...) and call "
                f"it with {name}.{attribute}")
    else:
        hint = "differentiate with respect to the method's own parameters"
    return ArgumentError(f"wrt={item!r}: {function.__qualname__} is bound to {kind}, which "
                         f"is passed as {name!r} and held constant", definition_location(function),
                         hint=hint)


__all__ = ["Adapted", "adapt"]

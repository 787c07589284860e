"""Calls of methods of the user's own classes (see README "Any callable"), in the function being
differentiated:

- ``MODEL.loss(x)`` or ``MODEL(x)`` on an object of the module: the method's body inlined as a
  small helper's is (:mod:`.inline_helpers`), its ``self`` read as ``MODEL``; a method that
  cannot be inlined is called as written and differentiated as its function with the object its
  first argument (a derivative of its own, :mod:`.calls`, built knowing the object's class);
- ``self.act(v)`` (or ``self(v)``) in a bound method differentiated (``grad(model.loss)``): the
  method of the object's class (``info.receiver``, part of the transform's key: a subclass
  overriding ``act`` gets a derivative of its own), inlined with ``self`` kept, or else called
  as written with a derivative of its own.

- ``self.l1(x)``, ``self.layers[0].act(h)``, ``self.acts[1](x)`` in a bound method whose object
  holds objects or functions: what they are is read from the object's layout (``info.receiver``,
  a :class:`...layouts.Layout`, part of the transform's key), the method of the held object's
  class inlined with its ``self`` read as ``self.l1``, or a held function called;
- ``LAYERS[0](x)``, ``LAYERS[0].act(x)``: an item of a module's list (as loops over it are
  unrolled, :mod:`.object_loops`) followed as ``MODEL(x)`` is.

A static method called through ``self`` (``self.penalty(x)``) is its class's function, called
as a module-level helper is (inlined when small).  What cannot be followed (the class unknown,
an attribute of the object that is data, a class method) is refused at the call.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> __name__ = "example"  # (what follows is a user's module, not tangentish's own code)
    >>> if True:  # (one example: the class and the function in one file)
    ...     class Model:
    ...         def __init__(self, w):
    ...             self.w = w
    ...         def act(self, v):
    ...             return np.tanh(v * self.w)
    ...     MODEL = Model(2.0)
    ...     def f(x):
    ...         return np.sum(MODEL.act(x))
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")
    def f(x):
        _t1 = x * MODEL.w
        tanh_t1 = np.tanh(_t1)
        out = np.sum(tanh_t1)
        return out
"""

from __future__ import annotations

import inspect
import types
from typing import Any

import gast
import numpy as np

from ..ir import Op
from ..layouts import Layout, class_of, layout
from ..registry import REGISTRY, TANGENT
from ..syntax import build
from ..syntax.printer import expression_text
from ..syntax.resolve import Reference, constant_path
from ..syntax.resolve import item_reference as spelled_item
from ..syntax.tree_walk import walk
from .binding import is_user_function
from .helper_changes import check_call
from .lowering import Lowering, call_argument, call_label


def own_method_call(norm: Lowering, func: gast.expr, call: gast.Call
                    ) -> tuple[gast.expr, Op] | None:
    """``self.act(v)`` lowered (see the module docstring); ``None`` when ``func`` is not a method
    of the function's ``self`` nor of an object or a function it holds."""
    if _is_super(func):
        *found, cls = super_method(norm, func, call)
        norm.objects.append((f"{found[0].__qualname__}()", cls, found[1]))
        try:  # (its own `super()`, found from its class)
            result = inline_own_method(norm, *found, call)
        finally:
            norm.objects.pop()
        if result is None:  # (generated code has no `__class__` cell: `Base.m(self, x)`)
            base = build.attribute(norm.lower(build.name(found[0].__qualname__.split(".")[0]))[0],
                                   found[0].__name__)
            return _method_call(norm, *found, cls, call, base)
        return result, Op(None, [result] if isinstance(result, gast.Name) else [], node=call)
    top, parts = norm.info.receiver, constant_path(func)
    own = _self_name(norm) if isinstance(top, Layout) else None
    below = top.at(parts[1:]) if own is not None and parts is not None and len(parts) > 1 and \
        parts[0] == own else None
    if below is not None and below.function is not None:  # self.acts[0](x)
        return _function_call(norm, below.function, func, call)
    found = _below_self(norm, func, call, parts, below) if own is not None and \
        parts is not None and parts[0] == own else None
    if found is None:
        found = own_method(norm, func, call)
        found = None if found is None else (*found, norm.info.receiver)
    if found is None:
        return None
    if isinstance(found[0], staticmethod):  # self.penalty(x): the class's function, called
        return _function_call(norm, found[0].__func__, func, call)
    result = inline_own_method(norm, *found[:2], call)
    if result is None:
        return _method_call(norm, *found, call)
    return result, Op(None, [result] if isinstance(result, gast.Name) else [], node=call)


def _is_super(func: gast.expr) -> bool:
    value = func.value if isinstance(func, gast.Attribute) else None
    return isinstance(value, gast.Call) and isinstance(value.func, gast.Name) and \
        value.func.id == "super" and not value.args and not value.keywords


def super_method(norm: Lowering, func: gast.Attribute, call: gast.Call
                 ) -> tuple[Any, gast.expr, Any]:
    """``super().forward(x)`` in a method of a bound method's object (differentiated, or inlined
    into one), or of a module's object inlined (``MODEL.forward(x)``, whose ``self`` is read as
    ``MODEL``): the method Python's ``super()`` finds, the next class after the one defining the
    method in the object's class's MRO that has it, with the receiver (``self``, or ``MODEL``)
    and the object's class (or layout); an error naming the call when that is not known (the
    object's class, a plain method of it)."""
    cls, own = class_of(norm.info.receiver), _self_name(norm)
    receiver, keyed = build.name(own) if own is not None else None, norm.info.receiver
    if norm.objects and norm.inlining and norm.objects[-1][0] == norm.inlining[-1]:
        _, keyed, receiver = norm.objects[-1]  # (a module's object: its method inlined last)
        cls = class_of(keyed)
    owner = _defining_class(norm, cls) if cls is not None else None
    if owner is None or receiver is None:
        raise norm.error(
            f"cannot differentiate the call `super().{func.attr}(...)`: the object's class is "
            "not known here", call, hint="differentiate the bound method "
            "(`tangentish.grad(obj.method)`), or call the base class's method by its name")
    mro = cls.__mro__
    base = next((c for c in mro[mro.index(owner) + 1:] if func.attr in vars(c)), None)
    function = vars(base).get(func.attr) if base is not None else None
    _check_plain(norm, base or owner, func.attr, function, func, call)
    return function, build.clone(receiver), keyed


def _defining_class(norm: Lowering, cls: type) -> type | None:
    """The class of ``cls``'s MRO whose body defines the method being lowered (the function
    differentiated, or the method inlined into it last), or ``None``."""
    label = norm.inlining[-1] if norm.inlining else f"{norm.info.fn.__qualname__}()"
    qualname = label.removesuffix("()")
    name = qualname.rsplit(".", 1)[-1]
    return next((c for c in cls.__mro__ if getattr(vars(c).get(name), "__qualname__", None)
                 == qualname), None)


def _below_self(norm: Lowering, func: gast.expr, call: gast.Call, parts: list,
                target: Layout | None) -> tuple | None:
    """A call of an object the bound method's object holds (``self.l1(x)``,
    ``self.layers[0].act(h)``), known from the object's layout (:mod:`...layouts`, part of the
    transform's key; ``target`` is what ``func`` names in it): ``(method, receiver, receiver's
    class or layout)``; ``None`` when ``func`` is no such path."""
    top = norm.info.receiver
    if target is not None and target.items is None and \
            target.cls.__module__ not in ("builtins", "numpy"):
        attr, receiver, holder = "__call__", func, target
    elif type(parts[-1]) is str and len(parts) > 2:
        attr, receiver, holder = parts[-1], func.value, top.at(parts[1:-1])
        if holder is None or holder.items is not None or holder.function is not None:
            return None
    else:
        return None
    function = inspect.getattr_static(holder.cls, attr, None)
    _check_plain(norm, holder.cls, attr, function, func, call)
    return function, receiver, holder if holder.attrs else holder.cls


def _check_plain(norm: Lowering, cls: type, attr: str, function: Any, func: gast.expr,
                 call: gast.Call) -> None:
    """``function`` (``cls.attr``) is a plain method of a module-level class, which the
    function's module names (that look-up is recorded: redefining the method derives again)."""
    path = cls.__qualname__.split(".")
    found, value = (False, None) if "<locals>" in path or function is None else \
        norm.info.lookup_path([*path, attr])
    if isinstance(function, staticmethod):  # (the class gives its function: Model.penalty)
        function = function.__func__
    if not found or value is not function or not isinstance(function, types.FunctionType):
        raise norm.error(
            f"cannot differentiate the call `{expression_text(func)}(...)`: {cls.__qualname__}."
            f"{attr} is not a plain method of a class of the function's module", call,
            hint="call a module-level function instead (class methods and properties are not "
            "followed through `self`, nor classes the module does not name)")


def _self_name(norm: Lowering) -> str | None:
    """The bound method's ``self`` (its first parameter), when the function never rebinds it."""
    node = norm.info.node
    own = [a.id for a in node.args.posonlyargs + node.args.args]
    if not own or any(isinstance(n, gast.Name) and n.id == own[0] and
                      isinstance(n.ctx, (gast.Store, gast.Del)) for n in walk(node)):
        return None
    return own[0]


def _function_call(norm: Lowering, function: Any, func: gast.expr, call: gast.Call
                   ) -> tuple[gast.expr, Op]:
    """A function held by the object called (``self.acts[0](x)``): a small helper inlined, or
    else called where it is held, with its rule or a derivative of its own."""
    if is_user_function(function):
        from .inline_helpers import inline_helper  # (a helper called: imported then)

        result = inline_helper(norm, function, call)
        if result is not None:
            return result, Op(None, [result] if isinstance(result, gast.Name) else [], node=call)
    args = [call_argument(norm, a) for a in call.args]
    keywords = {k.arg: call_argument(norm, k.value) for k in call.keywords}
    value = build.call(build.clone(func), *args, **keywords)
    op = Op(function, args, keywords, call_label(func, function), call)
    norm.written = check_call(norm, op, call)
    return value, op


def item_reference(norm: Lowering, func: gast.expr) -> Reference | None:
    """What a path with an index rooted at a name the function reads from its module or closure
    holds (``LAYERS[0]``, ``LAYERS[0].act``, ``ACTS[1]``), or ``None``."""
    parts = constant_path(func)
    if parts is None or all(type(p) is str for p in parts) or parts[0] in norm.locals:
        return None
    return spelled_item(norm.info, func, norm.machinery)


def object_method_call(norm: Lowering, value: Any, call: gast.Call) -> tuple[gast.expr, Op] | None:
    """``MODEL.loss(x)`` lowered (see the module docstring); ``None`` when ``value`` (what
    ``call`` calls) is not a method of an object of the module."""
    result = inline_method(norm, value, call)
    if result is not None:
        return result, Op(None, [result] if isinstance(result, gast.Name) else [], node=call)
    found = method_of(norm, value, call.func)
    if found is None or not is_user_function(found[0]):
        return None
    function, receiver, owner = found
    return _method_call(norm, function, receiver, layout(owner) or type(owner), call)


def _method_call(norm: Lowering, function: Any, receiver: gast.expr, cls: type,
                 call: gast.Call, base: gast.expr | None = None) -> tuple[gast.expr, Op]:
    """``receiver.m(x)`` called as written, keyed by ``function`` with ``receiver`` first (for
    ``super().m(x)``, ``base`` is ``Base.m``, called as ``Base.m(receiver, x)``)."""
    args = [call_argument(norm, a) for a in call.args]
    keywords = {k.arg: call_argument(norm, k.value) for k in call.keywords}
    atom = norm.atom(receiver)
    value = build.call(build.clone(call.func), *args, **keywords) if base is None else \
        build.call(base, build.clone(atom), *args, **keywords)
    op = Op(function, [atom, *args], keywords, call_label(call.func, function),
            call, receiver=cls)
    norm.written = check_call(norm, op, call)
    return value, op


def inline_method(norm: Lowering, value: Any, call: gast.Call) -> gast.expr | None:
    """``model.loss(x)`` or ``model(x)``, where ``model`` is an object of the module (or below one)
    whose class is defined beside the function: the method's body inlined as a helper's is, its
    receiver parameter (``self``) read as the caller spelled the object (``model.w``, and
    ``self.act(v)`` becomes ``model.act(v)``, inlined in turn).  ``None`` when it is not such a
    call or the method cannot be inlined (:func:`object_method_call` then gives it a derivative
    of its own).
    The object itself is data the derivative reads live; rebinding the name to another object
    of another class, or redefining the method, derives again (see :mod:`..syntax.scope`)."""
    found = method_of(norm, value, call.func)
    if found is None or REGISTRY.known(value) or REGISTRY.has(TANGENT, value):
        return None
    function, receiver, owner = found
    norm.objects.append((f"{function.__qualname__}()", layout(owner) or type(owner), receiver))
    try:  # (for `super()` in its body: super_method)
        return _inlined(norm, function, call, receiver)
    finally:
        norm.objects.pop()


def own_method(norm: Lowering, func: gast.expr, call: gast.Call) -> tuple[Any, gast.expr] | None:
    """``self.act(v)`` (or ``self(v)``) in a method being differentiated bound
    (``tangentish.grad(model.loss)``), or in a method inlined into it: the method of the object's
    class (``info.receiver``, part of the transform's key) and the receiver ``self``.  ``None``
    when ``func`` is not (an attribute of) the method's ``self`` (its first parameter, never
    rebound); an error when the class has no such method."""
    fn, node = norm.info.fn, norm.info.node
    own = [a.id for a in node.args.posonlyargs + node.args.args]
    receiver, attr = (func.value, func.attr) if isinstance(func, gast.Attribute) else \
        (func, "__call__")
    if not own or not isinstance(receiver, gast.Name) or receiver.id != own[0] or (
            norm.info.receiver is None and "." not in fn.__qualname__.replace(".<locals>.", "")
    ) or any(
            isinstance(n, gast.Name) and n.id == own[0] and isinstance(n.ctx, (gast.Store, gast.Del))
            for n in walk(node)):
        return None
    spelled = f"`{expression_text(func)}(...)`"
    cls = class_of(norm.info.receiver)
    if cls is None and (hasattr(np.ndarray, attr) or hasattr(list, attr) or
                        hasattr(dict, attr)):
        return None  # (a static method's array or list: the method rules say)
    if cls is None:
        raise norm.error(
            f"cannot differentiate the call {spelled}: methods called on `{own[0]}` are inlined "
            f"only in a bound method differentiated with respect to its other arguments, whose "
            f"object holds no attribute hiding a method of its class", call,
            hint=f"differentiate the bound method (`tangentish.grad(obj.{fn.__name__})`) with "
            "respect to its arguments, or call a module-level function instead of a method")
    function = inspect.getattr_static(cls, attr, None)
    if function is None:
        raise norm.error(
            f"cannot differentiate the call {spelled}: `{attr}` is not a method of "
            f"{cls.__qualname__} (an attribute of the object, whose value the derivative is not "
            "built for)", call,
            hint=f"differentiate a function calling the module's object instead "
            f"(`def f(x): return MODEL.{fn.__name__}(x)`): its attributes are then known")
    _check_plain(norm, cls, attr, function, func, call)
    return function, receiver


def inline_own_method(norm: Lowering, function: Any, receiver: gast.expr,
                      call: gast.Call) -> gast.expr | None:
    """The body of :func:`own_method`'s method inlined for this call, ``self`` kept as the
    receiver; ``None`` when it cannot be (it then gets a derivative of its own)."""
    return _inlined(norm, function, call, receiver)


def method_of(norm: Lowering, value: Any, func: gast.expr) -> tuple[Any, gast.expr, Any] | None:
    """The Python function a call of ``value`` (spelled ``func``) runs with its receiver first,
    the receiver's spelling and the receiver; ``None`` unless the receiver is what ``func`` spells, resolved
    in the function's scope (a bound method of it, or an object whose class defines
    ``__call__``)."""
    if isinstance(value, types.MethodType):
        function, owner, receiver = value.__func__, value.__self__, getattr(func, "value", None)
    elif not isinstance(value, (type, types.FunctionType, types.ModuleType)) and \
            isinstance(inspect.getattr_static(type(value), "__call__", None), types.FunctionType):
        function, owner, receiver = inspect.getattr_static(type(value), "__call__"), value, func
    else:
        return None
    parts = constant_path(receiver) if receiver is not None else None
    if parts is None or parts[0] in norm.locals or not isinstance(function, types.FunctionType):
        return None
    found, resolved = norm.info.lookup_path(parts)
    if not (found and resolved is owner):
        return None
    if not isinstance(value, types.MethodType):  # (its class's __call__: the class is kept)
        norm.info.keep_class(parts, owner)
    return function, receiver, owner


def _inlined(norm: Lowering, function: Any, call: gast.Call, receiver: Any) -> gast.expr | None:
    """``function``'s body inlined for ``call`` (``receiver``: a method's), or ``None``."""
    from .inline import inline_definition  # (a method called: imported then)
    from .inline_helpers import helper_definition

    fdef = helper_definition(norm, function, call, receiver)
    if fdef is None:
        return None
    return inline_definition(norm, f"{function.__qualname__}()", fdef, call)

"""A classmethod constructor called by its class, ``Model.from_params(p)``, whose body is one
``return cls(...)`` of values made of its parameters by arithmetic, indexing and slicing, read
as the construction it makes, ``Model(p[:-1], p[-1])``: the class spelt as the call spells it,
each parameter read as the call's argument.  The construction is then what the function's own
constructions are (:mod:`.record_locals`, :mod:`.chained_calls`: ``Model.from_params(p).loss(x)``).
Left as written (and refused where it is differentiated, as before) when the body is anything
else (a global, a call, a second statement), the call spreads ``*args``/``**kwargs``, or an
argument that is not a name or a constant is read other than once, in the order the call
gives them (its evaluation moved, duplicated or dropped otherwise).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> __name__ = "example"
    >>> class Model:
    ...     def __init__(self, w, b):
    ...         self.w = w
    ...         self.b = b
    ...     @classmethod
    ...     def from_params(cls, p, scale=2.0):
    ...         return cls(scale * p[:-1], b=p[-1])
    >>> def loss(p, x):
    ...     return np.sum(x @ Model.from_params(p).w)
    >>> info = parse_function(loss)
    >>> constructions_of_classmethods(info)
    True
    >>> print(function_text(info.node), end="")
    def loss(p, x):
        return np.sum(x @ Model(2.0 * p[:-1], b=p[-1]).w)
"""

from __future__ import annotations

import copy
import inspect
import types

import gast

from ..errors import TangentishError
from ..syntax import build
from ..syntax.parse import SourceInfo, parse_function
from ..syntax.resolve import dotted
from ..syntax.tree_walk import walk
from .plain_records import _Arguments

_PURE = (gast.Constant, gast.Name, gast.BinOp, gast.UnaryOp, gast.Subscript, gast.Slice,
         gast.Tuple, gast.keyword, gast.Load, gast.operator, gast.unaryop)


def constructions_of_classmethods(info: SourceInfo) -> bool:
    """Rewrite ``info.node`` in place (see the module); returns whether it changed."""
    changed = False
    for node in list(walk(info.node)):
        for field, value in gast.iter_fields(node):
            items = value if isinstance(value, list) else [value]
            for at, item in enumerate(items):
                made = _construction(info, item) if isinstance(item, gast.Call) else None
                if made is None:
                    continue
                changed = True
                if isinstance(value, list):
                    value[at] = made
                else:
                    setattr(node, field, made)
    return changed


def _construction(info: SourceInfo, call: gast.Call) -> gast.Call | None:
    parts = dotted(call.func)
    if parts is None or len(parts) < 2 or any(isinstance(a, gast.Starred) for a in call.args) \
            or any(k.arg is None for k in call.keywords):
        return None
    found, method = info.lookup_path(parts)
    if not (found and isinstance(method, types.MethodType) and isinstance(method.__self__, type)
            and info.lookup_path(parts[:-1]) == (True, method.__self__)):
        return None
    made = _made(method.__func__)
    if made is None:
        return None
    try:
        bound = inspect.signature(method).bind(*call.args,
                                               **{k.arg: k.value for k in call.keywords})
    except (TypeError, ValueError):
        return None
    bound.apply_defaults()
    if any(not isinstance(v, gast.AST) and type(v) not in (int, float, bool, type(None))
           for v in bound.arguments.values()):
        return None  # (a default that is no plain constant: left as written)
    given = {p: v if isinstance(v, gast.AST) else build.constant(v)
             for p, v in bound.arguments.items()}
    reads = [n.id for n in walk(made) if isinstance(n, gast.Name) and n.id in given]
    moved = [p for p in given if not isinstance(given[p], (gast.Name, gast.Constant))]
    if any(reads.count(p) != 1 for p in moved) or [p for p in reads if p in moved] != moved:
        return None
    made = _Arguments(given).visit(copy.deepcopy(made))  # (the parameters read as the call's)
    made.func = build.clone(call.func.value)
    return gast.copy_location(made, call)


def _made(function: types.FunctionType) -> gast.Call | None:
    """The ``cls(...)`` call that ``function``'s one statement returns, made only of its
    parameters and constants by arithmetic, indexing and slicing; else None."""
    try:
        node = parse_function(function, forms=False).node
    except TangentishError:
        return None
    body = [s for s in node.body if not (isinstance(s, gast.Expr) and
                                         isinstance(s.value, gast.Constant))]
    args = node.args
    if len(body) != 1 or not isinstance(body[0], gast.Return) or args.vararg or args.kwarg or \
            args.kwonlyargs or args.posonlyargs or not args.args:
        return None
    made, params = body[0].value, {a.id for a in args.args[1:]}
    if not (isinstance(made, gast.Call) and isinstance(made.func, gast.Name) and
            made.func.id == args.args[0].id):
        return None
    inside = [n for a in [*made.args, *made.keywords] for n in walk(a)]
    if any(not isinstance(n, _PURE) or isinstance(n, gast.Name) and n.id not in params or
           isinstance(n, gast.keyword) and n.arg is None for n in inside):
        return None
    return made


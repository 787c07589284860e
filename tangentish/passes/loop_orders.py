"""Loops over what cannot be indexed: iterated as the tuple of what Python's loop gives.

:mod:`desugar_loops` runs every ``for`` loop over a range, reading ``seq[_i]``.  That is the
loop's item for a list, a tuple, an array, a string or a range, but not for a dict (``d[_i]`` is a
lookup of the key ``_i``: a wrong item, silently, when the keys are small ints), a dict's view
(``d.items()`` cannot be indexed) or an iterator (``map(...)`` has no length).  So a loop over one
of those, known as such when the derivative is built, runs over ``tuple(<iterable>)``, evaluated
once before the loop as Python evaluates the iterable: a parameter not under ``wrt`` (what the
caller passes there is not known: a dict, a set, an iterator; a list or an array gives its items
as indexing does), a dict's ``.items()``, ``.keys()`` or ``.values()``; a call of the builtins
``map``, ``filter``, ``iter``, ``set``, ``frozenset``, ``dict``, of a class whose objects cannot
be indexed (``itertools.product``, ``itertools.combinations``, ``np.ndindex``) or of a generator
function; a module's or closure's name
holding a mapping, a set, a view or an iterator now (a dependency of the derivative); a
parameter of an inlined helper that its call gives one of those, or a parameter of the function
not under ``wrt``; and, where ``wrt`` is not known, a parameter whose default is one.  (A
dict built in the function, and one under ``wrt``, are unrolled before: :mod:`dict_loops`,
:mod:`unroll`.)

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> def f(x, scale={"a": 1.0, "b": 2.0}):
    ...     s = 0.0
    ...     for i, (name, c) in enumerate(scale.items()):
    ...         s = s + c * x[i]
    ...     return s
    >>> info = parse_function(f)
    >>> desugar(info)
    >>> print(function_text(info.node), end="")
    def f(x, scale={'a': 1.0, 'b': 2.0}):
        s = 0.0
        _seq = tuple(scale.items())
        for _i in range(len(_seq)):
            i = _i + 0
            name, c = _seq[_i]
            s = s + c * x[i]
        return s
"""

from __future__ import annotations

import builtins
import inspect
from collections.abc import Iterator, Mapping, MappingView, Set
from typing import Any

import gast

from ..syntax import build
from ..syntax.parse import SourceInfo
from ..syntax.resolve import dotted
from .dataflow import assigned

_VIEWS = frozenset({"items", "keys", "values"})
_UNINDEXED_BUILTINS = frozenset({"map", "filter", "iter", "set", "frozenset", "dict"})
_UNINDEXED = (Mapping, Set, MappingView, Iterator)


def unindexable(info: SourceInfo | None, node: gast.FunctionDef | None,
                iterable: gast.expr, constants: frozenset[str] = frozenset()) -> bool:
    """Whether ``iterable`` surely cannot be read as ``seq[_i]`` (see the module docstring);
    ``constants``: parameters of an inlined helper ``node`` that its call gives constants."""
    if isinstance(iterable, gast.Call):
        func = iterable.func
        if isinstance(func, gast.Attribute) and func.attr in _VIEWS:
            return not iterable.args and not iterable.keywords
        if isinstance(func, gast.Name) and func.id in _UNINDEXED_BUILTINS and info is not None:
            return info.lookup(func.id)[1] is getattr(builtins, func.id)
        return _makes_iterator(info, node, func)
    parts = dotted(iterable)
    if parts is None or info is None or node is None:
        return False
    if parts[0] in build.parameter_names(node.args):
        if len(parts) > 1:
            return False
        if node is not info.node:
            return parts[0] in constants
        if info.varying is not None:  # a constant argument, of any kind: a dict passed is one
            return parts[0] not in info.varying
        return isinstance(_default(info, parts[0]), _UNINDEXED)
    if parts[0] in assigned(node.body):
        return False
    found, value = info.lookup_path(parts)
    return found and isinstance(value, _UNINDEXED)


def _makes_iterator(info: SourceInfo | None, node: gast.FunctionDef | None,
                    func: gast.expr) -> bool:
    """Whether ``func`` (a module's or closure's name or attribute path) is a class whose objects
    cannot be indexed (``itertools.product``, ``np.ndindex``) or a generator function."""
    parts = dotted(func)
    if parts is None or info is None or node is None or parts[0] in build.parameter_names(node.args) or \
            parts[0] in assigned(node.body):
        return False
    found, value = info.lookup_path(parts)
    if not found:
        return False
    if isinstance(value, type):
        return not (hasattr(value, "__getitem__") and hasattr(value, "__len__"))
    return inspect.isgeneratorfunction(value)


def _default(info: SourceInfo, name: str) -> Any:
    try:
        parameter = inspect.signature(info.fn).parameters.get(name)
    except (TypeError, ValueError):
        return None
    return None if parameter is None else parameter.default


def constant_arguments(info: SourceInfo, inlining: bool, call: gast.Call,
                       fdef: gast.FunctionDef) -> frozenset[str]:
    """The parameters of the helper ``fdef`` that ``call`` gives a parameter of the function not
    under ``wrt`` (``inlining``: the call is in a helper inlined already, whose names are not the
    function's: none) or a module's or closure's mapping, set, view or iterator."""
    args = fdef.args
    positional = [a.id for a in args.posonlyargs + args.args]
    given = [*zip(positional, call.args, strict=False), *((k.arg, k.value) for k in call.keywords)]
    own = build.parameter_names(info.node.args)
    found = set()
    for name, value in given:
        parts = dotted(value)
        if name is None or parts is None:
            continue
        if parts[0] in own:
            if len(parts) == 1 and not inlining and info.varying is not None and \
                    parts[0] not in info.varying and parts[0] not in assigned(info.node.body):
                found.add(name)
        elif parts[0] not in assigned(info.node.body) and unindexable(info, info.node, value):
            found.add(name)
    return frozenset(found)

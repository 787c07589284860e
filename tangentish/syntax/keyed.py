"""``sorted(seq, key=F)`` and ``min``/``max(seq, key=F)`` as the comparisons they make: the items'
order is a permutation computed from the keys (no derivative flows through it: a key only decides
an order), the result the items taken in that order (their derivatives flow back to where each
came from; the items are listed by a comprehension, which iterates what a loop may: a list, an
array, ``zip``, ``enumerate``..., or is the generator given).  :mod:`.hoisted` lowers such a
call where it may move an expression (see there)::

    s = sorted(xs, key=lambda v: abs(v), reverse=True)

    _items = [_v for _v in xs]
    _keys = [abs(_v) for _v in _items]
    _ranks = [sum([_keys[_j] > _keys[_i] or (_keys[_j] == _keys[_i] and _j < _i)
                   for _j in range(len(_items))]) for _i in range(len(_items))]
    _sorted = [_items[_ranks.index(_k)] for _k in range(len(_items))]
    s = _sorted

An item's rank is the number of items that come before it in Python's order (a smaller key, or
an equal key and an earlier place: ``sorted`` is stable, also with ``reverse=True``), so the
order is Python's wherever the keys compare as a total order (with a NaN key and another item,
two items share rank 0 and ``index`` raises ValueError where Python's order is undefined).
``min`` (``max``) is the item of rank 0 in the ascending (descending) order:
the first one with the smallest (largest) key, as Python returns, and Python's ``ValueError`` on
an empty sequence; ``max(a, b, key=F)`` ranks ``[a, b]``.  ``F`` is a lambda of one parameter
(its body), ``operator.itemgetter(i)`` of one constant (``item[i]``) or a function read from
outside (called: ``abs``, ``np.linalg.norm``, a helper); ``reverse`` a constant; ``min``/``max``
take no ``default=``.  Any other form is left alone (and refused where it is differentiated).

    >>> import ast
    >>> from tangentish.syntax.parse import parse_function
    >>> def f(xs):
    ...     return max(xs, key=abs)
    >>> for line in ast.unparse(gast.gast_to_ast(parse_function(f).node)).splitlines():
    ...     print(line[:72] + " ..." * (len(line) > 72))  # doctest: +ELLIPSIS
    def f(xs):
        _items = [_v for _v in xs]
        if len(_items) == 0:
            raise ValueError('max() ...')
        _keys = [abs(_v) for _v in _items]
        _ranks = [sum([_keys[_j] > _keys[_i] or (_keys[_j] == _keys[_i] and  ...
        _max = _items[_ranks.index(0)]
        return _max
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import gast

from . import build
from .naming import dotted, fresh_name, renamed
from .tree_walk import walk

_READS = ("len", "range", "sum", "ValueError")
Apply = Callable[[gast.expr], gast.expr]


def keyed(node: gast.AST, builtin: Callable[[str], bool], local: set[str],
          resolve: Callable[[list[str]], tuple[bool, Any]]) -> tuple[str, Apply, bool] | None:
    """``(which, F applied to an item, reverse)`` of a call this module lowers, or None."""
    if not (isinstance(node, gast.Call) and isinstance(node.func, gast.Name) and
            node.func.id in ("sorted", "min", "max") and node.args and
            not any(isinstance(a, gast.Starred) for a in node.args) and
            all(n not in local and builtin(n) for n in (node.func.id, *_READS))):
        return None
    which = node.func.id
    keywords = {k.arg: k.value for k in node.keywords}
    if "key" not in keywords or set(keywords) - {"key", "reverse" if which == "sorted" else "key"} \
            or (which == "sorted" and len(node.args) != 1):
        return None
    reverse = keywords.get("reverse", gast.Constant(value=False, kind=None))
    if not (isinstance(reverse, gast.Constant) and isinstance(reverse.value, bool)):
        return None
    apply = _unary(keywords["key"], local, resolve)
    return None if apply is None else (which, apply, reverse.value or which == "max")


def _unary(function: gast.expr, local: set[str],
           resolve: Callable[[list[str]], tuple[bool, Any]]) -> Apply | None:
    if isinstance(function, gast.Lambda):
        args = function.args
        if args.vararg or args.kwarg or args.kwonlyargs or args.defaults or args.posonlyargs \
                or len(args.args) != 1 or any(isinstance(n, gast.NamedExpr)
                                              for n in walk(function)):
            return None
        parameter = args.args[0].id
        return lambda item: renamed(function.body, {parameter: item.id})
    if isinstance(function, gast.Call) and len(function.args) == 1 and not function.keywords \
            and isinstance(function.args[0], gast.Constant):  # operator.itemgetter(i)
        parts = dotted(function.func)
        if parts is not None and parts[0] not in local and \
                resolve(parts) == (True, operator.itemgetter):
            return lambda item: build.subscript(item, build.constant(function.args[0].value))
        return None
    parts = dotted(function)
    if parts is None or parts[0] in local or not resolve(parts)[0]:
        return None
    return lambda item: build.call(build.clone(function), item)


def lowered(node: gast.Call, found: tuple[str, Apply, bool],
            taken: set[str]) -> tuple[str, list[gast.stmt]]:
    """The statements computing ``node`` (see the module docstring), and its result's name."""
    which, apply, descending = found
    items, keys, ranks = (fresh_name(w, taken) for w in ("items", "keys", "ranks"))
    v, i, j, k = (fresh_name(w, taken) for w in ("v", "i", "j", "k"))
    count = build.call("len", build.name(items))
    sequence = node.args[0] if which == "sorted" or len(node.args) == 1 else \
        build.list_(node.args)
    listed = gast.ListComp(elt=sequence.elt, generators=sequence.generators) \
        if isinstance(sequence, gast.GeneratorExp) else _each(build.name(v), v, sequence)
    out: list[gast.stmt] = [build.assign(items, listed)]
    if which != "sorted":
        empty = gast.Compare(left=count, ops=[gast.Eq()], comparators=[build.constant(0)])
        message = build.constant(empty_message(which))
        out.append(build.if_(empty, [gast.Raise(exc=build.call("ValueError", message),
                                                cause=None)]))
    out.append(build.assign(keys, _each(apply(build.name(v)), v, build.name(items))))
    key_i, key_j = (build.subscript(build.name(keys), build.name(n)) for n in (i, j))
    before = gast.BoolOp(op=gast.Or(), values=[
        gast.Compare(left=key_j, ops=[gast.Gt() if descending else gast.Lt()],
                     comparators=[key_i]),
        gast.BoolOp(op=gast.And(), values=[
            gast.Compare(left=build.clone(key_j), ops=[gast.Eq()],
                         comparators=[build.clone(key_i)]),
            gast.Compare(left=build.name(j), ops=[gast.Lt()], comparators=[build.name(i)])])])
    rank = build.call("sum", _each(before, j, build.call("range", build.clone(count))))
    out.append(build.assign(ranks, _each(rank, i, build.call("range", build.clone(count)))))
    result = fresh_name(which, taken)

    def at(rank_of: gast.expr) -> gast.expr:
        index = build.call(build.attribute(build.name(ranks), "index"), rank_of)
        return build.subscript(build.name(items), index)

    value = _each(at(build.name(k)), k, build.call("range", build.clone(count))) \
        if which == "sorted" else at(build.constant(0))
    out.append(build.assign(result, value))
    return result, out


def _each(element: gast.expr, variable: str, iterable: gast.expr) -> gast.ListComp:
    return gast.ListComp(elt=element, generators=[gast.comprehension(
        target=build.name(variable, store=True), iter=iterable, ifs=[], is_async=0)])


def empty_message(name: str) -> str:
    """What this Python's ``max``/``min`` says of an empty sequence (Python 3.13 changed the words:
    "max() iterable argument is empty")."""
    try:
        (max if name == "max" else min)([])
    except ValueError as error:
        return str(error)
    return f"{name}() arg is an empty sequence"  # (not reached)

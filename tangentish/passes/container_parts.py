"""Parts of container parameters, for :mod:`.unroll`: a :class:`Part` is a constant path into a
container parameter with the structure under it, and :func:`loop_items` says what a loop over a
structured part runs over, one value per iteration.

    >>> from collections import namedtuple
    >>> import gast
    >>> from tangentish.arguments.trees import structure
    >>> from tangentish.syntax.printer import expression_text
    >>> L = namedtuple("L", "w b")
    >>> params = Part("params", structure({"layers": [L(1.0, 2.0), L(3.0, 4.0)]}))
    >>> loop = gast.parse("enumerate(reversed(params['layers']))").body[0].value
    >>> def resolve(node):
    ...     if isinstance(node, gast.Subscript):
    ...         return params.child("layers")
    ...     return params if getattr(node, "id", None) == "params" else None
    >>> [expression_text(item) for item in loop_items(loop, resolve)]
    ["(0, params['layers'][1])", "(1, params['layers'][0])"]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gast

from ..arguments.trees import DATACLASS, DICT, LIST, NAMEDTUPLE, TUPLE, Tree
from ..syntax import build

_SEQUENCES = (LIST, TUPLE, NAMEDTUPLE)
NESTED = (gast.FunctionDef, gast.AsyncFunctionDef, gast.Lambda, gast.ClassDef)
Resolve = Callable[[gast.expr], "Part | None"]


class Part:
    """A node of a container parameter: the parameter, its structure, the path and the node's."""

    def __init__(self, root: str, top: Tree, path: tuple = (), tree: Tree | None = None):
        self.root, self.top, self.path = root, top, path
        self.tree = top if tree is None else tree

    def child(self, key: Any) -> Part | None:
        if self.tree.kind in _SEQUENCES and isinstance(key, int) and not isinstance(key, bool):
            if not -len(self.tree.keys) <= key < len(self.tree.keys):
                return None
            key %= len(self.tree.keys)
        sub = self.tree.child(key)
        return None if sub is None else Part(self.root, self.top, (*self.path, key), sub)

    def items(self) -> list[Part]:
        return [Part(self.root, self.top, (*self.path, k), sub)
                for k, sub in zip(self.tree.keys, self.tree.children, strict=True)]

    def expression(self, where: gast.AST) -> gast.expr:
        """``params['layers'][0].w``: fields by name, keys and indexes by subscript."""
        node: gast.expr = build.name(self.root)
        tree = self.top
        for key in self.path:
            if isinstance(key, str) and tree.kind in (NAMEDTUPLE, DATACLASS):
                node = build.attribute(node, key)
            else:
                node = build.subscript(node, build.constant(key))
            tree = tree.child(key)
        return located(node, where)


def structured(tree: Tree) -> bool:
    """Whether ``tree`` is or holds a dict, a namedtuple or a dataclass (no display rebuilds it)."""
    return tree.kind in (DICT, NAMEDTUPLE, DATACLASS) or any(structured(c) for c in tree.children)


def loop_items(node: gast.expr, resolve: Resolve) -> list[gast.expr] | None:
    """One value per iteration of a loop over ``node``, if it runs over a structured part
    (through ``enumerate``, ``zip``, ``reversed``, a dict's ``.items()``...), else None."""
    part = resolve(node)
    if part is not None:
        return _items(part, node)
    if not isinstance(node, gast.Call) or not isinstance(node.func, (gast.Name, gast.Attribute)):
        return None
    if isinstance(node.func, gast.Attribute):
        return _dict_view(resolve(node.func.value), node)
    if node.func.id == "reversed" and len(node.args) == 1 and not node.keywords:
        items = loop_items(node.args[0], resolve)
        return None if items is None else items[::-1]
    if node.func.id == "enumerate":
        return _enumerated(node, resolve)
    if node.func.id == "zip" and node.args and all(k.arg == "strict" for k in node.keywords):
        return _zipped(node, resolve)
    if node.func.id in ("list", "tuple") and len(node.args) == 1 and not node.keywords:
        return loop_items(node.args[0], resolve)
    if node.func.id == "sorted" and len(node.args) == 1:
        return _sorted(node, resolve)
    return None


def _sorted(node: gast.Call, resolve: Resolve) -> list[gast.expr] | None:
    """``sorted(params)``, ``sorted(params.items())``, ``sorted(d.keys(), reverse=True)``: items
    that are constant keys, or tuples led by one, in the order of those keys (distinct keys
    of one type: the comparison never reaches a value, and cannot raise)."""
    flags = [constant_key(k.value) for k in node.keywords if k.arg == "reverse"]
    if len(flags) != len(node.keywords) or any(type(f) is not bool for f in flags):
        return None
    items = loop_items(node.args[0], resolve)
    if items is None:
        return None
    keys = [constant_key(i.elts[0] if isinstance(i, gast.Tuple) and i.elts else i) for i in items]
    if NONE in keys or len(set(keys)) != len(keys) or len({type(k) for k in keys}) > 1:
        return None
    order = sorted(range(len(items)), key=keys.__getitem__, reverse=any(flags))
    return [items[k] for k in order]


def _zipped(node: gast.Call, resolve: Resolve) -> list[gast.expr] | None:
    parts = [resolve(arg) for arg in node.args]
    if not any(p is not None and structured(p.tree) for p in parts):
        return None  # (containers of arrays: their displays, in the loop machinery)
    columns = [[item.expression(arg) for item in p.items()] if p is not None and
               p.tree.kind in _SEQUENCES else loop_items(arg, resolve)
               for p, arg in zip(parts, node.args, strict=True)]
    if any(column is None for column in columns):
        return None
    if any(constant_key(k.value) is True for k in node.keywords) and \
            len({len(c) for c in columns}) > 1:
        return None  # (zip would raise: not unrolled, refused as a use of the whole container)
    return [build.tuple_(list(row)) for row in zip(*columns, strict=False)]


def _enumerated(node: gast.Call, resolve: Resolve) -> list[gast.expr] | None:
    if node.keywords and (len(node.keywords) != 1 or node.keywords[0].arg != "start"):
        return None
    given = node.args[1:] or [k.value for k in node.keywords]
    start = constant_key(given[0]) if len(given) == 1 else 0 if not given else None
    items = loop_items(node.args[0], resolve) if node.args else None
    if items is None or not isinstance(start, int):
        return None
    return [build.tuple_([build.constant(start + k), item]) for k, item in enumerate(items)]


def _items(part: Part, where: gast.AST) -> list[gast.expr] | None:
    if not structured(part.tree):
        return None
    if part.tree.kind in _SEQUENCES:
        return [item.expression(where) for item in part.items()]
    if part.tree.kind == DICT and all(isinstance(k, (str, int)) for k in part.tree.keys):
        return [located(build.constant(k), where) for k in part.tree.keys]  # (its keys)
    return None


def _dict_view(part: Part | None, node: gast.Call) -> list[gast.expr] | None:
    """``params.items()``, ``.values()``, ``.keys()`` of a dict part."""
    view = node.func.attr
    if part is None or part.tree.kind != DICT or node.args or node.keywords or \
            view not in ("items", "values", "keys") or \
            not all(isinstance(k, (str, int)) for k in part.tree.keys):
        return None
    keys = [located(build.constant(k), node) for k in part.tree.keys]
    values = [item.expression(node) for item in part.items()]
    if view == "keys":
        return keys
    if view == "values":
        return values
    return [build.tuple_([k, v]) for k, v in zip(keys, values, strict=True)]


NONE = object()

#: Builtins that consume a generator argument whole: over a structured part, the generator can
#: be a list (then a display, one item per element, like a list comprehension).
CONSUMERS = frozenset({"sum", "min", "max", "list", "tuple", "sorted"})


def static_lookup(node: gast.expr, resolve: Resolve) -> gast.expr | None:
    """What a question about a dict part's keys reads, known at transform time:
    ``'b' in params`` (``not in``) → a constant, ``params.get('w', d)`` → ``params['w']`` or ``d``
    (``None`` without a default), a copy (:func:`_copied_dict`) → a display; else None."""
    if isinstance(node, gast.Compare) and len(node.ops) == 1 and \
            isinstance(node.ops[0], (gast.In, gast.NotIn)):
        part, key = resolve(node.comparators[0]), constant_key(node.left)
        if part is None or part.tree.kind != DICT or key is NONE:
            return None
        found = part.child(key) is not None
        return located(build.constant(found == isinstance(node.ops[0], gast.In)), node)
    copied = _copied_dict(node, resolve)
    if copied is not None:
        return copied
    if not (isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute) and
            node.func.attr == "get" and 1 <= len(node.args) <= 2 and not node.keywords):
        return None
    part, key = resolve(node.func.value), constant_key(node.args[0])
    if part is None or part.tree.kind != DICT or key is NONE:
        return None
    entry = part.child(key)
    if entry is not None:
        return entry.expression(node)
    return node.args[1] if len(node.args) == 2 else located(build.constant(None), node)


def _copied_dict(node: gast.expr, resolve: Resolve) -> gast.expr | None:
    """``params.copy()``, ``dict(params, ...)`` and ``{**params, ...}`` of a dict part, whose keys
    are known: the copy is made from its display (``{'w': params['w'], ...}``), which the dict
    machinery follows entry by entry; else None."""
    if isinstance(node, gast.Dict):
        spread = [i for i, k in enumerate(node.keys) if k is None]
        shown = {i: _display(node.values[i], resolve) for i in spread}
        node.values = [shown.get(i) or v for i, v in enumerate(node.values)]
        return node if any(shown.values()) else None
    if not isinstance(node, gast.Call):
        return None
    if isinstance(node.func, gast.Attribute) and node.func.attr == "copy" and not node.args \
            and not node.keywords:
        return _display(node.func.value, resolve)
    if isinstance(node.func, gast.Name) and node.func.id == "dict" and len(node.args) == 1:
        shown = _display(node.args[0], resolve)
        node.args = [shown or node.args[0]]
        return node if shown is not None else None
    return None


def _display(node: gast.expr, resolve: Resolve) -> gast.expr | None:
    part = resolve(node)
    if part is None or part.tree.kind != DICT:
        return None
    return located(gast.Dict(keys=[build.constant(k) for k in part.tree.keys],
                             values=[item.expression(node) for item in part.items()]), node)


def constant_key(node: gast.expr) -> Any:
    """The value of a constant key or index (``'w'``, ``0``, ``-1``, ``2 - 1``), else ``NONE``."""
    if isinstance(node, gast.Constant) and isinstance(node.value, (str, int)):
        return node.value
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub):
        value = constant_key(node.operand)
        return -value if type(value) is int else NONE
    if isinstance(node, gast.BinOp) and type(node.op) in _INTEGER:
        left, right = constant_key(node.left), constant_key(node.right)
        if type(left) is int and type(right) is int and (right or type(node.op) is not _DIVIDES):
            return _INTEGER[type(node.op)](left, right)
    return NONE


_DIVIDES = gast.FloorDiv
_INTEGER = {gast.Add: int.__add__, gast.Sub: int.__sub__, gast.Mult: int.__mul__,
            gast.FloorDiv: int.__floordiv__}


def located(node: gast.AST, where: gast.AST) -> gast.AST:
    """``node`` and everything in it at the position of ``where``."""
    for each in build.nodes(node):
        gast.copy_location(each, where)
    return node


def first_jump(body: list[gast.stmt]) -> gast.stmt | None:
    """The first ``break``/``continue`` of this loop (not of a loop or function inside it)."""
    stack = list(reversed(body))
    while stack:
        node = stack.pop()
        if isinstance(node, (gast.Break, gast.Continue)):
            return node
        if isinstance(node, (gast.For, gast.While)):
            stack.extend(reversed(node.orelse))
        elif not isinstance(node, NESTED) and isinstance(node, gast.stmt):
            stack.extend(reversed([c for c in build.children(node) if isinstance(
                c, (gast.stmt, gast.excepthandler))]))
        elif isinstance(node, gast.excepthandler):
            stack.extend(reversed(node.body))
    return None

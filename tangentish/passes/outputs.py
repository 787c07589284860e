"""Container outputs become flat tuples: a function returning a dict, namedtuple or dataclass
display is differentiated as the function returning the tuple of the display's leaves.

Guarantee to the next stage: no ``return`` holds a dict display or builds a namedtuple or a
dataclass.  When a function's ``return`` statements build such a container (directly, or nested
in tuple and list displays), every ``return`` must build one of the same structure (keys, fields,
lengths): each becomes assignments of its leaves to names of their own (``out_a``, ``out_enc_w``,
``out_0_b``; ``aux_...`` for the aux under ``has_aux``) in the order Python evaluates them, and
``return out_a, out_b``.  The structure (an :class:`~tangentish.arguments.outputs.Outputs`) goes
to the derivative's record, and the derivative rebuilds the output around the leaves.  A return
whose structure cannot be read from the code (a dict built before the ``return``, keys that are
not constants, a constructor call that leaves fields to their defaults) raises
:class:`UnsupportedConstructError` at its line.  Returns of tuples and lists only are left alone
(the tuple and list machinery differentiates them).

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     return {"a": np.sin(x), "b": (x * 2, 3)}
    >>> info = parse_function(f)
    >>> flatten_outputs(info, has_aux=False).output.keys
    ('a', 'b')
    >>> print(function_text(info.node), end="")
    def f(x):
        out_a = np.sin(x)
        out_b_0 = x * 2
        out_b_1 = 3
        return out_a, out_b_0, out_b_1
"""

from __future__ import annotations

import gast

from ..arguments.outputs import Outputs
from ..arguments.trees import DATACLASS, DICT, LEAF, LIST, NAMEDTUPLE, TUPLE, Tree, leaf_names
from ..arguments.values import is_dataclass
from ..errors import NonScalarOutputError, UnsupportedConstructError
from ..syntax import build
from ..syntax.parse import SourceInfo
from .desugar import ALWAYS, SIMPLE, exits

_STRUCTURED = (DICT, NAMEDTUPLE, DATACLASS)
_LEAF = Tree(LEAF)


def flatten_outputs(info: SourceInfo, has_aux: bool) -> Outputs | None:
    """Rewrite the ``return`` statements of ``info.node`` that build containers (see the module);
    the structures returned, or None when no ``return`` builds a dict, namedtuple or dataclass."""
    returns = _returns(info.node.body)
    parts = [_split(ret.value, has_aux) for ret in returns]
    found = []
    taken: set[str] | None = None  # the function's names, read once a leaf needs a name
    for which, root in ((0, "out"), (1, "aux")):
        displays = [(ret, _Display(info, part[which])) for ret, part in zip(returns, parts,
                                                                             strict=True)]
        if not any(d.structured for _, d in displays):
            found.append(None)
            continue
        _same_structure(info, displays, "the output" if which == 0 else "the aux")
        if exits(info.node.body) != ALWAYS:
            raise UnsupportedConstructError(
                f"{info.name} returns {_describe(displays[0][1].tree)} on some paths and None "
                "(by reaching its end) on others: the output's structure depends on the data",
                info.location(info.node), hint="end the function with a `return` of the same "
                "structure")
        found.append(displays[0][1].tree)
        taken = set(build.names(info.node)) if taken is None else taken
        names = leaf_names(root, displays[0][1].tree, taken)
        for ret, display in displays:
            _rewrite(info, ret, display, names, which if has_aux else None)
    return None if found == [None, None] else Outputs(*found)


def refuse_gradient(info: SourceInfo, outputs: Outputs | None, mode: str) -> None:
    """``grad`` and ``value_and_grad`` need a scalar output: a container is refused."""
    if outputs is None or outputs.output is None or mode not in ("grad", "value_and_grad"):
        return
    ret = _returns(info.node.body)[0]
    raise NonScalarOutputError(
        f"{mode}({info.name}) needs a scalar output, but {info.name} returns "
        f"{_describe(outputs.output)}", info.location(ret),
        hint="use tangentish.vjp (the pullback takes the cotangent in the output's structure) "
        "or tangentish.jacobian; or return a scalar (e.g. the sum of the entries) to use grad")


def _returns(stmts: list) -> list[gast.Return]:
    """The ``return`` statements in ``stmts``, not those of functions nested in them."""
    found: list[gast.Return] = []
    for node in stmts:
        if isinstance(node, gast.Return):
            found.append(node)
        elif node.__class__ not in SIMPLE and not isinstance(  # (an expression holds none)
                node, (gast.FunctionDef, gast.ClassDef, gast.expr)):
            found.extend(_returns(list(gast.iter_child_nodes(node))))
    return found


def _split(value: gast.expr | None, has_aux: bool) -> tuple:
    if has_aux and isinstance(value, (gast.Tuple, gast.List)) and len(value.elts) == 2:
        return value.elts[0], value.elts[1]
    return value, None


class _Display:
    """The structure one returned expression builds, and its leaf expressions in the order
    Python evaluates them."""

    def __init__(self, info: SourceInfo, node: gast.expr | None):
        self.info, self.node = info, node
        self.order: list[tuple[tuple, gast.expr]] = []  # (path, expression), evaluation order
        self.tree = self._tree(node, ()) if node is not None else _LEAF
        self.structured = any(t.kind in _STRUCTURED for _, t in self.tree.paths())

    def _tree(self, node: gast.expr, path: tuple) -> Tree:
        if isinstance(node, gast.Dict):
            return self._dict(node, path)
        if isinstance(node, (gast.Tuple, gast.List)):
            keys = tuple(range(len(node.elts)))
            return Tree(TUPLE if isinstance(node, gast.Tuple) else LIST, None, keys,
                        tuple(self._tree(e, (*path, k)) for k, e in zip(keys, node.elts,
                                                                          strict=True)))
        if isinstance(node, gast.Call):
            built = self._constructor(node)
            if built is not None:
                return self._call(node, built, path)
        self.order.append((path, node))
        return _LEAF

    def _dict(self, node: gast.Dict, path: tuple) -> Tree:
        keys = []
        for key in node.keys:
            if not (isinstance(key, gast.Constant) and
                    isinstance(key.value, (str, int, float, bytes, type(None)))):
                raise UnsupportedConstructError(
                    "cannot differentiate a returned dict whose keys are not constants"
                    if key is not None else "cannot differentiate `**` in a returned dict",
                    self.info.location(key if key is not None else node),
                    hint="write each key as a literal: {'a': ..., 'b': ...}")
            if key.value in keys:
                raise UnsupportedConstructError(
                    f"the returned dict has the key {key.value!r} twice",
                    self.info.location(key), hint="give each key once")
            keys.append(key.value)
        children = tuple(self._tree(v, (*path, k)) for k, v in zip(keys, node.values,
                                                                    strict=True))
        return Tree(DICT, None, tuple(keys), children)

    def _constructor(self, node: gast.Call) -> type | None:
        """The namedtuple or dataclass class a call builds, or None."""
        parts = _dotted(node.func)
        if parts is None:
            return None
        found, value = self.info.lookup(parts[0]) if len(parts) == 1 else \
            self.info.lookup_path(parts)
        if not found or not isinstance(value, type):
            return None
        if issubclass(value, tuple) and hasattr(value, "_fields"):
            return value
        return value if is_dataclass(value) else None

    def _call(self, node: gast.Call, cls: type, path: tuple) -> Tree:
        if any(isinstance(arg, gast.Starred) for arg in node.args):
            raise self._mismatch(node, cls, "star arguments (`*`) hide which field gets what")
        names, positional = _fields(self.info, node, cls)
        given: dict[str, gast.expr] = {}
        for name, arg in zip(positional, node.args, strict=False):
            given[name] = arg
        if len(node.args) > len(positional):
            raise self._mismatch(node, cls, f"takes {len(positional)} positional arguments")
        for keyword in node.keywords:
            if keyword.arg is None or keyword.arg not in names or keyword.arg in given:
                raise self._mismatch(node, cls, "`**`" if keyword.arg is None else
                                     f"the field {keyword.arg!r} is unknown or given twice")
            given[keyword.arg] = keyword.value
        missing = [n for n in names if n not in given]
        if missing:
            raise self._mismatch(node, cls, f"the call leaves {missing[0]!r} to its default")
        subtrees = {}
        for name, arg in [*zip(positional, node.args, strict=False),
                          *((k.arg, k.value) for k in node.keywords)]:
            subtrees[name] = self._tree(arg, (*path, name))
        kind = NAMEDTUPLE if issubclass(cls, tuple) else DATACLASS
        return Tree(kind, cls, tuple(names), tuple(subtrees[n] for n in names))

    def _mismatch(self, node: gast.Call, cls: type, why: str) -> UnsupportedConstructError:
        return UnsupportedConstructError(
            f"cannot differentiate returning {cls.__name__}(...): {why}",
            self.info.location(node), hint=f"pass every field of {cls.__name__} explicitly, "
            "by position or by name, so that the output's structure is read from the code")


def _fields(info: SourceInfo, node: gast.Call, cls: type) -> tuple[list[str], list[str]]:
    """A namedtuple's or dataclass's fields, and those a positional argument can fill."""
    if issubclass(cls, tuple):
        return list(cls._fields), list(cls._fields)
    import dataclasses  # (imported already: ``cls`` is a dataclass)

    fields = dataclasses.fields(cls)
    if any(not f.init for f in fields) or hasattr(cls, "__post_init__"):
        raise UnsupportedConstructError(
            f"cannot differentiate returning the dataclass {cls.__name__}: it has "
            f"{'__post_init__' if hasattr(cls, '__post_init__') else 'fields outside __init__'}"
            ", so its tangents could not be built field by field", info.location(node),
            hint="return a dataclass whose fields are all set by __init__ (no __post_init__), "
            "or a dict")
    return [f.name for f in fields], [f.name for f in fields if not getattr(f, "kw_only", False)]


def _dotted(node: gast.expr) -> list[str] | None:
    if isinstance(node, gast.Name):
        return [node.id]
    if isinstance(node, gast.Attribute):
        inner = _dotted(node.value)
        return None if inner is None else [*inner, node.attr]
    return None


def _same_structure(info: SourceInfo, displays: list, what: str) -> None:
    first_ret, first = displays[0]
    for ret, display in displays:
        if display.node is None or display.tree != first.tree:
            raise UnsupportedConstructError(
                f"{what} of {info.name} has a structure that depends on the data: it is "
                f"{_describe(first.tree)} at line {first_ret.lineno}, but "
                f"{_describe(display.tree)} here", info.location(ret),
                hint="return the same containers (keys, fields, lengths) from every `return`, "
                "each written out in the `return` statement")


def _describe(tree: Tree) -> str:
    if tree.kind == DICT:
        return f"a dict with keys {list(tree.keys)}"
    if tree.kind in (NAMEDTUPLE, DATACLASS):
        return f"a {tree.type.__name__}"
    if tree.kind in (LIST, TUPLE):
        return f"a {tree.kind} of {len(tree.keys)}"
    return "a value that is not a container display"


def _rewrite(info: SourceInfo, ret: gast.Return, display: _Display, names: dict,
             part: int | None) -> None:
    """``return {...}`` → the leaves assigned (to ``names``, by path) in evaluation order, then
    ``return (leaves)`` (``part``: which half of ``(output, aux)`` under ``has_aux``)."""
    assigns = [gast.copy_location(build.assign(names[path], expr), ret)
               for path, expr in display.order]
    flat = build.tuple_([build.name(names[path]) for path, _ in display.tree.leaf_paths()])
    if part is None:
        ret.value = flat
    else:
        ret.value.elts[part] = flat
    _insert_before(info.node, ret, assigns)


def _insert_before(node: gast.AST, target: gast.stmt, new: list[gast.stmt]) -> bool:
    for field_name in ("body", "orelse", "finalbody"):
        stmts = getattr(node, field_name, None)
        if not isinstance(stmts, list):
            continue
        for index, stmt in enumerate(stmts):
            if stmt is target:
                stmts[index:index] = new
                return True
            if not isinstance(stmt, (gast.FunctionDef, gast.ClassDef)) and \
                    _insert_before(stmt, target, new):
                return True
    return any(_insert_before(h, target, new) for h in getattr(node, "handlers", ()))


__all__ = ["flatten_outputs", "refuse_gradient"]

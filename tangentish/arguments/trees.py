"""Containers of arguments (pytrees): their structure, their leaves, and rebuilding them.

A *tree* is a float, a floating array, a constant (an int, a bool, None, a string, an integer or
boolean array, a function), or a dict, list, tuple, namedtuple or dataclass of trees.  Its
:class:`Tree` (what JAX calls a treedef) records the container types, the dict keys in insertion
order, the field names and the lengths, and which leaves are differentiated (floats) and which are
constants; it is hashable and compares by value, so it can key a cache::

    structure({"W": np.ones(2), "n": 3})  ->  Tree(kind='dict', keys=('W', 'n'), children=(
                                                 Tree(kind='leaf'), Tree(kind='constant')))
    leaves({"W": w, "n": 3})              ->  [w, 3]
    rebuild(tree, [w_bar, None], like)    ->  {"W": w_bar, "n": None}

Anything else inside a container (a set, an arbitrary object, a complex number) raises
:class:`~tangentish.errors.ArgumentError` naming where it is.
"""

from __future__ import annotations

import functools
import keyword
import re
from typing import Any

import numpy as np

from ..errors import ArgumentError, Frozen
from .values import is_dataclass, refuse_masked, refuse_matrix
from .wrt import caller_location

LEAF, CONSTANT = "leaf", "constant"
DICT, LIST, TUPLE, NAMEDTUPLE, DATACLASS = "dict", "list", "tuple", "namedtuple", "dataclass"
_CONSTANTS = (int, bool, str, bytes, type(None), np.integer, np.bool_, np.str_)


class _Hashed(Frozen):
    __slots__ = ("hashed",)  # (not a field: computed once, trees key a cache)


class Tree(_Hashed):
    """The structure of one argument: a leaf, a constant, or a container of trees.  (A value
    record, not a frozen dataclass: making one costs a first ``grad()`` a millisecond.)"""

    __slots__ = ("kind", "type", "keys", "children")
    kind: str
    type: type | None  # a namedtuple's or dataclass's class
    keys: tuple  # dict keys, field names, or 0..n-1 for a list or tuple
    children: tuple[Tree, ...]

    def __init__(self, kind: str, type: type | None = None, keys: tuple = (),
                 children: tuple[Tree, ...] = ()):
        self._set(kind=kind, type=type, keys=keys, children=children,
                  hashed=hash((kind, type, keys, children)))

    def __hash__(self) -> int:
        return self.hashed

    @property
    def is_container(self) -> bool:
        return self.kind not in (LEAF, CONSTANT)

    def child(self, key: Any) -> Tree | None:
        """The subtree under ``key`` (a dict key, a field name, an index), or None."""
        for k, sub in zip(self.keys, self.children, strict=True):
            if k == key and type(k) is type(key):
                return sub
        return None

    def paths(self, prefix: tuple = ()) -> list[tuple[tuple, Tree]]:
        """Every node below and including this one, as (path of keys, subtree), pre-order."""
        found = [(prefix, self)]
        for key, sub in zip(self.keys, self.children, strict=True):
            found.extend(sub.paths((*prefix, key)))
        return found

    def leaf_paths(self) -> list[tuple[tuple, Tree]]:
        """The leaves and constants, in flattening order."""
        return _leaf_paths(self)


@functools.lru_cache(maxsize=256)
def _leaf_paths(tree: Tree) -> list[tuple[tuple, Tree]]:
    return [(p, t) for p, t in tree.paths() if not t.is_container]


def is_container(value: Any) -> bool:
    """Whether ``value`` is a container tangentish flattens (dict, list, tuple, namedtuple,
    dataclass instance)."""
    kind = value.__class__
    if kind is float or kind is np.ndarray:
        return False
    return kind in (dict, list, tuple) or _is_namedtuple(value) or _is_dataclass(value)


def _is_namedtuple(value: Any) -> bool:
    return isinstance(value, tuple) and hasattr(type(value), "_fields")


def _is_dataclass(value: Any) -> bool:
    return is_dataclass(value) and not isinstance(value, type)


def _fields(value: Any) -> tuple[str, ...]:
    import dataclasses  # (imported already: ``value`` is a dataclass)

    return tuple(f.name for f in dataclasses.fields(value) if f.init)


_LEAF_TREE, _CONSTANT_TREE = Tree(LEAF), Tree(CONSTANT)


def structure(value: Any, where: str = "the argument") -> Tree:
    """The :class:`Tree` of ``value`` (``where`` names it in errors, e.g. ``params``)."""
    return _structure(value, where, ())


def _structure(value: Any, root: str, path: tuple) -> Tree:
    kind = value.__class__
    if kind is np.ndarray and value.dtype.kind == "f" or kind is float:  # the common leaves
        return _LEAF_TREE
    if kind is dict:
        return Tree(DICT, None, tuple(value), tuple(
            _structure(v, root, (*path, k)) for k, v in value.items()))
    if kind in (list, tuple):
        return Tree(LIST if kind is list else TUPLE, None, tuple(range(len(value))), tuple(
            _structure(v, root, (*path, i)) for i, v in enumerate(value)))
    if _is_namedtuple(value):
        return Tree(NAMEDTUPLE, kind, tuple(value._fields), tuple(
            _structure(v, root, (*path, f".{k}")) for k, v in zip(value._fields, value,
                                                                   strict=True)))
    if _is_dataclass(value):
        names = _fields(value)
        return Tree(DATACLASS, kind, names, tuple(
            _structure(getattr(value, k), root, (*path, f".{k}")) for k in names))
    return _LEAF_TREE if _leaf_kind(value, root, path) == LEAF else _CONSTANT_TREE


def _spelled(root: str, path: tuple) -> str:
    """``params['W1'].w[0]`` from the root's name and the keys (fields start with a dot)."""
    return root + "".join(k if isinstance(k, str) and k.startswith(".") else f"[{k!r}]"
                          for k in path)


def _leaf_kind(value: Any, root: str, path: tuple) -> str:
    if isinstance(value, np.ndarray):
        where = _spelled(root, path)
        refuse_matrix(value, where, f"{where}: it")
        refuse_masked(value, where, f"{where}: it")
        if value.dtype.kind == "f":
            return LEAF
        if value.dtype.kind in "iubUS":
            return CONSTANT
    elif isinstance(value, (float, np.floating)):
        return LEAF
    elif isinstance(value, _CONSTANTS) or callable(value):
        return CONSTANT
    what = f"an array of dtype {value.dtype}" if isinstance(value, np.ndarray) \
        else f"a {type(value).__name__}"
    raise ArgumentError(
        f"{_spelled(root, path)} is {what}, which a differentiated container cannot hold",
        caller_location(), hint="containers under wrt hold floats and float arrays (differentiated) "
        "and ints, bools, None, strings, integer arrays or functions (constants); dicts, lists, "
        "tuples, namedtuples and dataclasses of them may nest")


def leaves(value: Any, tree: Tree) -> list:
    """The leaves and constants of ``value`` (of structure ``tree``), in flattening order."""
    if not tree.is_container:
        return [value]
    if tree.kind == DICT:
        items = list(value.values())
    elif tree.kind == DATACLASS:
        items = [getattr(value, k) for k in tree.keys]
    else:
        items = list(value)
    return [leaf for item, sub in zip(items, tree.children, strict=True)
            for leaf in leaves(item, sub)]


def rebuild(tree: Tree, values: list, like: Any) -> Any:
    """A value of structure ``tree`` holding ``values`` (in flattening order) in place of the
    leaves and constants of ``like`` (which gives a dataclass the fields that are not in it)."""
    found = iter(values)
    result = _rebuild(tree, found, like)
    return result


def _rebuild(tree: Tree, values: Any, like: Any) -> Any:
    if not tree.is_container:
        return next(values)
    if tree.kind == DATACLASS:
        parts = {k: _rebuild(sub, values, getattr(like, k))
                 for k, sub in zip(tree.keys, tree.children, strict=True)}
        import dataclasses  # (imported already: ``like`` is a dataclass)

        return dataclasses.replace(like, **parts)
    items = list(like.values()) if tree.kind == DICT else list(like)
    parts = [_rebuild(sub, values, item) for sub, item in zip(tree.children, items, strict=True)]
    if tree.kind == DICT:
        return dict(zip(tree.keys, parts, strict=True))
    if tree.kind == NAMEDTUPLE:
        return tree.type(*parts)
    return parts if tree.kind == LIST else tuple(parts)


def leaf_names(root: str, tree: Tree, taken: set[str]) -> dict[tuple, str]:
    """A readable, unused Python name for every node of ``tree`` (``params['W1']`` →
    ``params_W1``, ``layers[0][1]`` → ``layers_0_1``, ``p.w`` → ``p_w``); ``taken`` grows."""
    found: dict[tuple, str] = {}
    for path, _ in tree.paths():
        if not path:
            found[path] = root
            continue
        base = "_".join([root, *(_piece(k) for k in path)])
        name, n = base, 1
        while name in taken or keyword.iskeyword(name):
            n += 1
            name = f"{base}_{n}"
        taken.add(name)
        found[path] = name
    return found


def spelled_names(root: str, tree: Tree, names: dict[tuple, str]) -> dict[str, str]:
    """The source text reading each node of ``tree`` below ``root`` (``params['W1']``,
    ``layers[0][1]``, ``p.w``) by its name in ``names`` (:func:`leaf_names`), for messages."""
    found: dict[str, str] = {}
    for path, _ in tree.paths()[1:]:
        node, text = tree, root
        for key in path:
            fielded = node.kind in (NAMEDTUPLE, DATACLASS) and isinstance(key, str)
            text += f".{key}" if fielded else f"[{key!r}]"
            node = node.children[node.keys.index(key)]
        found[names[path]] = text
    return found


def _piece(key: Any) -> str:
    text = re.sub(r"\W", "_", str(key)).strip("_") if not isinstance(key, int) else str(key)
    return text or "key"


def same_structure(value: Any, tree: Tree, where: str, of: str = "its argument") -> None:
    """``value`` (a tangent or a cotangent) has the structure ``tree`` (its leaves may be
    anything: they are checked one by one later); ``of`` names whose structure that is."""
    if not tree.is_container:
        return
    try:
        found = structure_only(value)
    except TypeError:
        found = None
    if found != _shape_of(tree):
        path, expected, given = _first_difference(value, tree, ())
        inside = f" at {_spelled('', path)} it is {_describe_value(given)} where {of} has " \
            f"{_describe(expected)}" if path else f" it is {_describe_value(given)}"
        raise ArgumentError(f"{where} must have the structure of {of} ({_describe(tree)})"
                            f", but{inside}", caller_location(),
                            hint="give it the same containers, keys and lengths, e.g. "
                            "a dict with the same keys, in the same order")


def _first_difference(value: Any, tree: Tree, path: tuple) -> tuple[tuple, Tree, Any]:
    """The first place (keys from the top) where ``value``'s containers differ from ``tree``'s:
    ``(path, the subtree there, the value there)``."""
    found, shape = structure_only(value), _shape_of(tree)
    if found is not None and shape is not None and found[:3] == shape[:3]:
        children = value.values() if type(value) is dict else \
            [getattr(value, k) for k in tree.keys] if tree.kind == DATACLASS else value
        for key, sub, child in zip(tree.keys, tree.children, children, strict=True):
            if structure_only(child) != _shape_of(sub):
                named = tree.kind in (NAMEDTUPLE, DATACLASS)
                return _first_difference(child, sub, (*path, f".{key}" if named else key))
    return path, tree, value


def structure_only(value: Any) -> Any:
    """Containers, keys and lengths of ``value``, ignoring what the leaves are."""
    if type(value) is dict:
        return (DICT, None, tuple(value), tuple(structure_only(v) for v in value.values()))
    if type(value) in (list, tuple):
        return (LIST if type(value) is list else TUPLE, None, len(value),
                tuple(structure_only(v) for v in value))
    if _is_namedtuple(value):
        return (NAMEDTUPLE, type(value), value._fields, tuple(structure_only(v) for v in value))
    if _is_dataclass(value):
        return (DATACLASS, type(value), _fields(value),
                tuple(structure_only(getattr(value, k)) for k in _fields(value)))
    return None


def _shape_of(tree: Tree) -> Any:
    if not tree.is_container:
        return None
    keys = tree.keys if tree.kind in (DICT, NAMEDTUPLE, DATACLASS) else len(tree.keys)
    return (tree.kind, tree.type, keys, tuple(_shape_of(sub) for sub in tree.children))


def _describe(tree: Tree) -> str:
    if not tree.is_container:
        return "a leaf"
    if tree.kind == DICT:
        return f"a dict with keys {list(tree.keys)}"
    if tree.kind in (NAMEDTUPLE, DATACLASS):
        return f"a {tree.type.__name__}"
    return f"a {tree.kind} of {len(tree.keys)}"


def _describe_value(value: Any) -> str:
    if type(value) is dict:
        return f"a dict with keys {list(value)}"
    if isinstance(value, (list, tuple)) and not _is_namedtuple(value):
        return f"a {type(value).__name__} of {len(value)}"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    return f"a {type(value).__name__}"


def used_as_one_array(exc: TypeError, trees: dict[Any, Tree], label: str,
                      where: str) -> ArgumentError | None:
    """The error to raise when a function differentiated over a list or tuple under ``wrt`` fails
    with ``exc`` (``x * x`` of a list: it wanted one array); ``None`` when no list or tuple is
    under ``wrt``.  ``where`` names the argument (``"given for"``, ``"given as argument"``)."""
    sequences = [name for name, tree in trees.items() if tree.kind in (LIST, TUPLE)]
    if not sequences:
        return None
    return ArgumentError(
        f"{label} failed with the {trees[sequences[0]].kind} {where} {sequences[0]}: {exc}",
        caller_location(), hint="a list or tuple under wrt is differentiated item by item, as a "
        "container; if the function uses it as one array, pass np.asarray(...) instead")

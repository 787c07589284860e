"""Containers a function returns: the output's structure, and its values, tangents and cotangents
moved between that structure and the flat tuple generated code works with.

A function that returns a dict, namedtuple or dataclass display (nested in tuples and lists or
not) is differentiated as if it returned the flat tuple of the display's leaves
(:mod:`tangentish.passes.outputs`); the structure is an :class:`~.trees.Tree` whose leaves are the
returned expressions.  Around the generated code, the derivative puts the leaves back::

    assemble(Tree(DICT, keys=("a", "b"), ...), [a, b])   ->  {"a": a, "b": b}

A leaf is differentiated when its value is a float or a floating array; any other value (an int, a
bool, None, a string, an integer array) is a constant: its tangent is ``None``, and a cotangent
given for it must be ``None`` or zero (it is ignored).  :func:`value_structure` reads the same
structure from a value (for ``jacobian``, which sees only what a ``vjp`` or ``jvp`` returned).
"""

from __future__ import annotations

from typing import Any

from ..errors import Frozen
from .trees import (
    CONSTANT,
    DATACLASS,
    DICT,
    LEAF,
    LIST,
    NAMEDTUPLE,
    TUPLE,
    Tree,
    is_container,
    leaves,
    same_structure,
)
from .values import check_cotangent, constant_cotangent, is_constant, is_dataclass


class Outputs(Frozen):
    """The structures a function returns: its output's, and under ``has_aux`` its aux's (None
    where that part is not a container display the derivative flattened)."""

    __slots__ = ("output", "aux")
    output: Tree | None
    aux: Tree | None

    def __init__(self, output: Tree | None = None, aux: Tree | None = None):
        self._set(output=output, aux=aux)


def assemble(tree: Tree, parts: list | tuple) -> Any:
    """A value of structure ``tree`` holding ``parts`` (in flattening order) at its leaves."""
    found = iter(parts)
    return _assemble(tree, found)


def _assemble(tree: Tree, parts: Any) -> Any:
    if not tree.is_container:
        return next(parts)
    items = [_assemble(sub, parts) for sub in tree.children]
    if tree.kind == DICT:
        return dict(zip(tree.keys, items, strict=True))
    if tree.kind == LIST:
        return items
    if tree.kind == TUPLE:
        return tuple(items)
    if tree.kind == NAMEDTUPLE:
        return tree.type(*items)
    return tree.type(**dict(zip(tree.keys, items, strict=True)))  # a dataclass, by its fields


def value_structure(value: Any) -> Tree | None:
    """The structure of a returned value (None when it is not a container): its leaves are
    ``LEAF`` for floats and floating arrays and ``CONSTANT`` for anything else."""
    if not is_container(value):
        return None
    return _value_structure(value)


def _value_structure(value: Any) -> Tree:
    if type(value) is dict:
        return Tree(DICT, None, tuple(value), tuple(_value_structure(v) for v in value.values()))
    if type(value) in (list, tuple):
        return Tree(LIST if type(value) is list else TUPLE, None, tuple(range(len(value))),
                    tuple(_value_structure(v) for v in value))
    if isinstance(value, tuple) and hasattr(type(value), "_fields"):
        return Tree(NAMEDTUPLE, type(value), tuple(value._fields),
                    tuple(_value_structure(v) for v in value))
    if is_dataclass(value) and not isinstance(value, type):
        import dataclasses  # (imported already: ``value`` is a dataclass)

        names = tuple(f.name for f in dataclasses.fields(value) if f.init)
        return Tree(DATACLASS, type(value), names,
                    tuple(_value_structure(getattr(value, k)) for k in names))
    return Tree(CONSTANT if is_constant(value) else LEAF)


def output_value(tree: Tree | None, flat: Any) -> Any:
    """The value the function returns, from the flat tuple generated code returned."""
    return flat if tree is None else assemble(tree, flat)


def output_tangent(tree: Tree | None, tangent: Any, flat: Any) -> Any:
    """The output's tangent in its structure: ``None`` at the constant leaves (also of a tuple
    or list the function returns as it is)."""
    if tree is None:
        return _none_at_constants(tangent, flat)
    return assemble(tree, [_none_at_constants(t, v) if isinstance(v, (tuple, list)) else
                           None if is_constant(v) else t for t, v in zip(tangent, flat,
                                                                          strict=True)])


def _matches(value: Any, tree: Tree) -> bool:
    """``value`` has the containers of ``tree`` down to its leaves (whatever is below them)."""
    if not tree.is_container:
        return True
    if tree.kind == DICT:
        items = list(value.values()) if type(value) is dict and tuple(value) == tree.keys else None
    elif tree.kind in (LIST, TUPLE):
        wanted = list if tree.kind == LIST else tuple
        items = list(value) if type(value) is wanted and len(value) == len(tree.keys) else None
    elif type(value) is not tree.type:
        items = None
    else:
        items = list(value) if tree.kind == NAMEDTUPLE else [getattr(value, k) for k in tree.keys]
    return items is not None and all(_matches(item, sub) for item, sub in
                                     zip(items, tree.children, strict=True))


def _none_at_constants(tangent: Any, value: Any) -> Any:
    if isinstance(value, (tuple, list)) and type(tangent) is type(value):
        return type(value)(None if is_constant(v) and not isinstance(v, (tuple, list)) else
                           _none_at_constants(t, v) for t, v in zip(tangent, value, strict=True))
    return tangent


def flat_cotangent(tree: Tree, given: Any, flat: tuple, label: str) -> tuple:
    """The cotangent given in the output's structure as the flat tuple the generated pullback
    takes: each float leaf's checked against its value; ``None`` or a zero at a constant leaf."""
    if not _matches(given, tree):  # (a leaf may hold a list the function built: not compared)
        same_structure(given, tree, f"the cotangent given to the pullback of {label}",
                       of="the output")
    out = []
    for item, value, (path, _) in zip(leaves(given, tree), flat, tree.leaf_paths(), strict=True):
        where = f"{label} (at {_spelled(tree, path)})"
        out.append(constant_cotangent(item, value, where) if is_constant(value) and
                   not isinstance(value, (tuple, list))  # (a list the function built: its items)
                   else check_cotangent(item, value, where))
    return tuple(out)


def _spelled(tree: Tree, path: tuple) -> str:
    """``output['scaled'].n[0]``: keys and indexes in brackets, fields after a dot."""
    text, node = "output", tree
    for key in path:
        text += f".{key}" if node.kind in (NAMEDTUPLE, DATACLASS) else f"[{key!r}]"
        node = node.child(key)
    return text


__all__ = ["Outputs", "assemble", "constant_cotangent", "flat_cotangent", "is_constant",
           "output_tangent", "output_value", "value_structure"]

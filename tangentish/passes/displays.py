"""A dict, list or tuple display handed to a helper that gets a derivative of its own
(``loss({"w": params_w, "b": params_b}, x)``, what a dict passed whole becomes: :mod:`.containers`
for a dict parameter, :mod:`.dict_reads` for a dict built in the function): the helper's
derivative is built over the display's leaves, as a container under ``wrt`` is
(``Options.structure``: its own signature takes ``params_w, params_b`` where the helper takes
``params``), and the caller calls it with the display's names in their place and takes one
adjoint (or passes one tangent) per differentiated name.

A display qualifies when it is passed positionally and holds, at any depth, only dict, list and
tuple displays with constant keys, names and constants; a name that holds a differentiable value
is a leaf of the derivative, any other name or constant is a constant of it (so the derivative's
key says which), and a name the caller surely holds a list or tuple in is refused (its leaf would
be an array).

    >>> import gast
    >>> node = gast.parse("{'w': w, 'b': (b, 2.0), 'n': n}").body[0].value
    >>> tree = display_tree(node, lambda name: name in ("w", "b"), set())
    >>> tree.keys, [t.kind for _, t in tree.leaf_paths()]
    (('w', 'b', 'n'), ['leaf', 'leaf', 'constant', 'constant'])
    >>> [getattr(leaf, "id", None) for leaf in leaves(node)]
    ['w', 'b', None, 'n']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gast

from ..arguments.trees import CONSTANT, DICT, LEAF, LIST, TUPLE, Tree
from ..syntax import build

_LEAF, _CONSTANT = Tree(LEAF), Tree(CONSTANT)


def display_tree(node: gast.expr, active: Callable[[str], bool], sequences: set[str]
                 ) -> Tree | None:
    """The :class:`Tree` the helper's derivative takes ``node`` as, or None when it cannot."""
    if isinstance(node, gast.Dict):
        if any(not (isinstance(k, gast.Constant) and type(k.value) in (str, int))
               for k in node.keys):  # (``**other``: keys not known here)
            return None
        keys = tuple(k.value for k in node.keys)
        if len(set(keys)) != len(keys):
            return None
        children = [display_tree(v, active, sequences) for v in node.values]
        return None if None in children else Tree(DICT, None, keys, tuple(children))
    if isinstance(node, (gast.List, gast.Tuple)):
        children = [display_tree(e, active, sequences) for e in node.elts]
        if None in children or any(isinstance(e, gast.Starred) for e in node.elts):
            return None
        return Tree(LIST if isinstance(node, gast.List) else TUPLE, None,
                    tuple(range(len(children))), tuple(children))
    if isinstance(node, gast.Name):
        if node.id in sequences:
            return None
        return _LEAF if active(node.id) else _CONSTANT
    return _CONSTANT if isinstance(node, gast.Constant) else None


def leaves(node: gast.expr | tuple) -> list[gast.expr]:
    """The leaves and constants of a display (or of the tuple of nodes ``*args`` collects), in
    the order the derivative takes them."""
    if isinstance(node, tuple):
        return [leaf for e in node for leaf in leaves(e)]
    if isinstance(node, gast.Dict):
        return [leaf for value in node.values for leaf in leaves(value)]
    if isinstance(node, (gast.List, gast.Tuple)):
        return [leaf for e in node.elts for leaf in leaves(e)]
    return [node]


def flat_arguments(args: list[gast.expr], structure: tuple, function: Any) -> list[gast.expr]:
    """A call's positional arguments as the derivative takes them: each display of
    ``structure`` replaced by its leaves."""
    import inspect

    shown = {p for p, _ in structure}
    positional = [p for p in inspect.signature(function).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)]
    out: list[gast.expr] = []
    star = positional[-1] if positional and positional[-1].kind == positional[-1].VAR_POSITIONAL \
        else None
    for index, arg in enumerate(args):
        parameter = star if star is not None and index >= len(positional) - 1 else \
            positional[index] if index < len(positional) else None
        out.extend(leaves(arg) if parameter is not None and parameter.name in shown else [arg])
    return out


def shares(bound: Any, callee: Any, wrt: list[str]) -> list[tuple[str, gast.Name]]:
    """(the derivative's differentiated parameter, the caller's name) per entry of ``wrt``, a
    display's differentiated leaves each (see :meth:`.calls.Callees.shares`)."""
    structure = dict(callee.structure)
    nodes: list[Any] = []
    for parameter in wrt:
        value = bound.arguments[parameter]
        if parameter in structure:
            kinds = [t.kind for _, t in structure[parameter].leaf_paths()]
            nodes.extend(leaf for leaf, kind in zip(leaves(value), kinds, strict=True)
                         if kind == LEAF)
        else:
            nodes.append(value)
    return list(zip(callee.record.wrt, nodes, strict=True))


def display_of(names: dict[tuple, str], lists: set[tuple], path: tuple, tree: Tree
               ) -> gast.expr | None:
    """A dict parameter handed whole to a call (:mod:`.containers`): the display of its leaves
    (``names``: each node's name by path), dicts, lists and tuples of names; None when it holds
    something else, or a list the function may change (``lists``: rebuilt by a display)."""
    if not tree.is_container:
        return build.name(names[path])
    if tree.kind not in (DICT, LIST, TUPLE) or path in lists:
        return None
    items = [display_of(names, lists, (*path, k), sub)
             for k, sub in zip(tree.keys, tree.children, strict=True)]
    if None in items:
        return None
    if tree.kind == DICT:
        return gast.Dict(keys=[build.constant(k) for k in tree.keys], values=items)
    return build.list_(items) if tree.kind == LIST else build.tuple_(items)

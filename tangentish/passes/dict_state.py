"""What :mod:`dict_locals` knows about each dict local at a point of the function: whether it is
bound, which keys it surely holds (in insertion order), which it may hold, and whether that order
is known.  A join (after an ``if``, around a loop) keeps only what holds on both paths; a use that
needs more than is known (a read of a key that may be missing, iterating a dict whose order is not
known) is refused by the caller.

    >>> a = Entry(ALWAYS, ("w", "b"), frozenset(), True, frozenset({1}))
    >>> b = a.written("v")
    >>> b.keys, join(a, b).keys, sorted(join(a, b).maybe)
    (('w', 'b', 'v'), ('w', 'b'), ['v'])
"""

from __future__ import annotations

import operator
from typing import NamedTuple

import gast

from ..syntax.parse import SourceInfo
from ..syntax.resolve import constant_path

NEVER, MAYBE, ALWAYS = 0, 1, 2


class Entry(NamedTuple):
    bound: int  # NEVER, MAYBE or ALWAYS bound to a dict
    keys: tuple  # the keys it surely holds, in insertion order
    maybe: frozenset  # keys it holds on some paths only
    ordered: bool  # whether ``keys`` is the insertion order on every path
    sites: frozenset  # the statements that may have bound it (a rebinding changes this)

    @property
    def exact(self) -> bool:
        """Whether its keys and their order are known (iteration, ``len``, copies, returns)."""
        return self.bound == ALWAYS and not self.maybe and self.ordered

    def written(self, key: object) -> Entry:
        """After ``d[key] = ...``."""
        if key in self.keys:
            return self
        if key in self.maybe:  # (present now; where it sits in the order is not known)
            return self._replace(keys=self.keys + (key,), maybe=self.maybe - {key}, ordered=False)
        return self._replace(keys=self.keys + (key,))

    def deleted(self, key: object) -> Entry:
        """After ``del d[key]`` (``key`` surely present)."""
        return self._replace(keys=tuple(k for k in self.keys if k != key))


UNBOUND = Entry(NEVER, (), frozenset(), True, frozenset())


def bound_to(keys: list, site: int) -> Entry:
    """A dict just built with ``keys`` by the statement ``site``."""
    return Entry(ALWAYS, tuple(keys), frozenset(), True, frozenset({site}))


def join(a: Entry, b: Entry) -> Entry:
    """What holds after a path that left ``a`` merges with one that left ``b``."""
    if a == b:
        return a
    sites = a.sites | b.sites
    if a.bound != ALWAYS or b.bound != ALWAYS:
        bound = NEVER if a.bound == b.bound == NEVER else MAYBE
        return Entry(bound, (), frozenset(), True, sites)
    common = set(a.keys) & set(b.keys)
    keys = tuple(k for k in a.keys if k in common)
    other = tuple(k for k in b.keys if k in common)
    maybe = a.maybe | b.maybe | (set(a.keys) ^ set(b.keys))
    return Entry(ALWAYS, keys, frozenset(maybe), a.ordered and b.ordered and keys == other, sites)


class Const(NamedTuple):
    """A name known to hold a string or int constant here (``state["=k"]``: the key a loop over a
    container argument binds, ``k, v = ("w", params["w"])``)."""

    value: object


def join_states(a: dict, b: dict) -> dict:
    """Dict locals joined; a constant kept where both paths agree on it."""
    joined = {}
    for name, entry in a.items():
        if isinstance(entry, Entry):
            joined[name] = join(entry, b[name])
        elif b.get(name) == entry:
            joined[name] = entry
    return joined


def constant_key(node: gast.AST) -> tuple[bool, object]:
    """``(True, key)`` for a string or int constant (``-1`` too), else ``(False, None)``."""
    if isinstance(node, gast.Constant) and type(node.value) in (str, int):
        return True, node.value
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub):
        found, value = constant_key(node.operand)
        if found and type(value) is int:
            return True, -value
    return False, None


_FOLDED = {gast.Add: operator.add, gast.Sub: operator.sub, gast.Mult: operator.mul,
           gast.FloorDiv: operator.floordiv, gast.Mod: operator.mod}


def known_key(node: gast.AST, state: dict) -> tuple[bool, object]:
    """:func:`constant_key`, also of a name known to hold a constant there (``state["=k"]``,
    :class:`Const`) and of ``+ - * // %`` between such ints (``d[i + 1]``) or ``+`` of strs."""
    found, key = constant_key(node)
    if not found and isinstance(node, gast.Name) and f"={node.id}" in state:
        return True, state[f"={node.id}"].value
    if found or not (isinstance(node, gast.BinOp) and type(node.op) in _FOLDED):
        return found, key
    (left_found, left), (right_found, right) = (known_key(n, state)
                                                for n in (node.left, node.right))
    ints = type(left) is int and type(right) is int and (right != 0 or type(node.op) in (
        gast.Add, gast.Sub, gast.Mult))
    strs = type(left) is str and type(right) is str and type(node.op) is gast.Add
    if left_found and right_found and (ints or strs):
        return True, _FOLDED[type(node.op)](left, right)
    return False, None


def module_dict(info: SourceInfo, local: set[str], node: gast.AST) -> dict | None:
    """The dict that ``node``, a name (or a constant path: ``CONFIG["opt"]``) of the module or
    a closure, holds; None for anything else.  A dict built from it (``{**DEFAULTS, "lr": lr}``,
    ``DEFAULTS.copy()``) reads its items live (``DEFAULTS["lr"]``); its keys, in order, are part
    of what the derivative depends on (``info.lookup_sequence``)."""
    parts = constant_path(node)
    if parts is None or parts[0] in local:
        return None
    found, value = info.lookup_sequence(parts)
    return value if found and type(value) is dict else None


def copies_dict(info: SourceInfo, local: set[str], names: set[str], node: gast.AST) -> bool:
    """Whether ``node`` is ``d.copy()`` of a dict local ``d`` (of ``names``) or of a module's
    dict (:func:`module_dict`)."""
    return isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute) and \
        node.func.attr == "copy" and not node.args and not node.keywords and (
            isinstance(node.func.value, gast.Name) and node.func.value.id in names
            or module_dict(info, local, node.func.value) is not None)


def unknown_source(info: SourceInfo, node: gast.AST) -> tuple[str, str]:
    """What a refusal of a dict built from ``node`` says, and its hint: the keys of a dict
    argument (not under ``wrt``: one under it is built again for its keys) are known only when
    the function runs; anything else is not a dict the function builds."""
    params = {a.id for a in (*info.node.args.posonlyargs, *info.node.args.args,
                             *info.node.args.kwonlyargs)}
    if isinstance(node, gast.Name) and node.id in params:
        return (f"a dict built from the argument {node.id!r}, whose keys are known only when the "
                "function runs (not when its derivative is built)",
                f"read the entries it needs by key (`dict(a=x, s={node.id}['s'])`, "
                f"`{node.id}.get('s', 1.0)`); or differentiate with respect to {node.id!r} too "
                "(a dict under `wrt` is followed key by key)")
    return ("a dict built from something that is not a dict built in the function",
            "build it from displays with constant keys, `dict(k=...)` and copies of dicts built "
            "in the function or of a module's dict with str or int keys, or of a dict argument "
            "under `wrt`")

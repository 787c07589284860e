"""A private copy of a normalized function, for another transform of it (the pipeline's memo).

The later passes change the trees they are handed and the notes on their statements, so a front
half shared between transforms (:mod:`tangentish.front`) hands each one a copy of it, made by
:func:`copied`: the user's tree (``info.node``), the normalized body and the aux, every node once
(two references to one node stay two references to one copy; a list of statements stays one
list: ``info.names`` and ``info.body_nodes`` compare bodies by identity), each statement's
:class:`~tangentish.ir.Note` and its :class:`~tangentish.ir.Op` copied with their operands
pointing into the copy, and the mutable state of the :class:`~.normalize.Normalized` and of its
:class:`~tangentish.syntax.parse.SourceInfo` (lists, dicts and sets copied; values the user's
scope resolved to, rule keys, modules and strings shared).  The function itself, its globals,
lines and recorder are the ``fresh`` info's: the snapshot kept by the memo holds none of them, so
keeping it keeps no user function alive.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x):
    ...     return np.sin(x) * x
    >>> norm = normalize(parse_function(f), False, set(), True)
    >>> again = copied(norm, parse_function(f))
    >>> again.body[0] is norm.body[0], ir.note(again.body[0]).op.args[0] is again.body[0].value.args[0]
    (False, True)
"""

from __future__ import annotations

from typing import Any

import gast

from .. import ir
from ..syntax.naming import Namer
from ..syntax.parse import SourceInfo
from ..syntax.resolve import Machinery
from ..syntax.scope import Recorder
from .normalize import Normalized

_ATOMS = frozenset({str, int, float, bool, type(None), gast.Load, gast.Store, gast.Del})
_AST, _SLOT = gast.AST, ir.SLOT
# (SourceInfo's own: from the fresh info; values the user's scope resolved to: shared)
_FRESH = ("fn", "root", "globals", "filename", "lines", "first_line", "recorder")
_KEPT_NOT = ("fn", "root", "globals")  # (by a snapshot: the fresh info's, when copied again)
_SHALLOW = ("_resolved", "imported", "inlined", "borrowed", "quiet", "entries", "hoisted")
# (Note fields holding the ids of statements: set after normalization; a copy cannot keep them)
_BY_ID = ("blocks", "save", "owner")


class NotCopied(Exception):
    """The state holds what a copy cannot carry (a note naming statements by id)."""


class _Copier:
    def __init__(self) -> None:
        self.memo: dict[int, Any] = {}
        self.notes: list[tuple[gast.AST, ir.Note]] = []

    def tree(self, value: Any) -> Any:
        kind = value.__class__
        if kind in _ATOMS:
            return value
        memo = self.memo
        found = memo.get(id(value))
        if found is not None:
            return found
        tree = self.tree
        if kind is list:  # (a loop, not a generator: two frames a level, as build.clone)
            new = memo[id(value)] = []
            push = new.append
            for item in value:
                push(item if item.__class__ in _ATOMS else tree(item))
            return new
        if kind is tuple:
            return tuple(tree(item) for item in value)
        if not isinstance(value, _AST):
            return value
        new = memo[id(value)] = kind.__new__(kind)
        state = new.__dict__
        for name, item in value.__dict__.items():
            if item.__class__ in _ATOMS:
                state[name] = item
            elif name == _SLOT:
                self.notes.append((new, item))
            else:
                state[name] = tree(item)
        return new

    def note(self, old: ir.Note) -> ir.Note:
        new = self.memo.get(id(old))
        if new is not None:  # (one note on two nodes: one copy on both copies)
            return new
        new = self.memo[id(old)] = ir.Note.__new__(ir.Note)
        new.__dict__.update(old.__dict__)
        if any(name in old.__dict__ for name in _BY_ID):
            raise NotCopied(f"a note names statements by id: {sorted(old.__dict__)}")
        if old.op is not None:
            new.op = self.op(old.op)
        return new

    def op(self, old: ir.Op) -> ir.Op:
        found = self.memo.get(id(old))
        if found is None:
            found = self.memo[id(old)] = ir.Op.__new__(ir.Op)
            found.__dict__.update(old.__dict__)
            found.args = [self.tree(arg) for arg in old.args]
            found.keywords = {name: self.tree(arg) for name, arg in old.keywords.items()}
            found.node = self.memo.get(id(old.node), old.node)  # (for messages: read only)
        return found

    def value(self, value: Any) -> Any:
        """An attribute of the info or the normalized function: trees copied (through the
        memo), containers copied one level, the rest shared."""
        kind = value.__class__
        if kind is dict:
            return {key: self.tree(item) for key, item in value.items()}
        if kind is set:
            return set(value)
        return self.tree(value)


def copied(norm: Normalized, fresh: SourceInfo | None) -> Normalized:
    """A copy of ``norm`` (and of its info, whose function, scope and lines are ``fresh``'s) that
    the later passes may change without changing ``norm``; with ``fresh`` None, one holding no
    function nor globals (to keep).  Raises :class:`NotCopied` for a state it cannot copy
    faithfully."""
    copier = _Copier()
    old = norm.info
    info = SourceInfo.__new__(SourceInfo)
    state = info.__dict__
    state["node"] = copier.tree(old.node)
    body, aux = copier.tree(norm.body), copier.tree(norm.aux)
    for name, value in old.__dict__.items():
        if name in _FRESH:
            state[name] = fresh.__dict__[name] if fresh is not None else \
                None if name in _KEPT_NOT else value
        elif name in _SHALLOW:
            state[name] = value.copy()
        elif name != "node":
            state[name] = copier.value(value)
    info.recorder = _recorder(old.recorder, fresh.recorder if fresh is not None else None)
    new = Normalized.__new__(Normalized)
    for name, value in norm.__dict__.items():
        if name == "info":
            new.info = info
        elif name == "namer":
            new.namer = _namer(value)
        elif name == "machinery":
            new.machinery = Machinery(dict(value.aliases))
        else:
            new.__dict__[name] = copier.value(value)
    new.body, new.aux = body, aux
    for node, note in copier.notes:
        node.__dict__[ir.SLOT] = copier.note(note)
    return new


def _namer(old: Namer) -> Namer:
    new = Namer.__new__(Namer)
    new.__dict__.update(old.__dict__)
    new.taken, new._next = set(old.taken), dict(old._next)
    return new


def _recorder(old: Recorder | None, fresh: Recorder | None) -> Recorder | None:
    """The dependencies ``old`` recorded, relative to ``fresh``'s function (the same one), or
    with ``fresh`` None, a copy of ``old``."""
    if old is None:
        return fresh
    new = Recorder.__new__(Recorder)
    new.__dict__.update((fresh or old).__dict__)
    new._found = {**old._found, **fresh._found} if fresh is not None else dict(old._found)
    return new

"""The record a transformation builds (:class:`Derivative`) and the marker statements passes
leave for later ones: ``# adjoint of:`` comments, tape pushes and pops, saves of in-place updates.

A marker is an expression statement naming ``__<kind><id>__``; :mod:`generate` turns comment markers
into comments and :mod:`tape` replaces the others, so none reaches the generated text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import gast

from ..syntax.naming import Namer
from .normalize import name

if TYPE_CHECKING:
    from .calls import Callee

_KINDS = ("comment", "push_end", "pop", "save", "restore")


@dataclass
class Derivative:
    """A generated function before it is turned into text."""

    name: str
    args: gast.arguments
    body: list[gast.stmt]
    comments: list[str] = field(default_factory=list)
    namer: Namer | None = None
    protected: set[str] = field(default_factory=set)  # names the optimizer must keep
    saves: dict[int, gast.stmt] = field(default_factory=dict)  # in-place updates, see tape.py
    callees: dict[str, Callee] = field(default_factory=dict)  # helpers' derivatives, see calls.py
    extras: dict[str, object] = field(default_factory=dict)  # rule modules' names, see template.py


def marker(kind: str, block: int) -> gast.stmt:
    return gast.Expr(value=name(f"__{kind}{block}__"))


def marker_of(stmt: gast.stmt) -> tuple[str, int] | None:
    if isinstance(stmt, gast.Expr) and isinstance(stmt.value, gast.Name):
        text = stmt.value.id
        for kind in _KINDS:
            prefix = f"__{kind}"
            if text.startswith(prefix) and text.endswith("__") and text[len(prefix):-2].isdigit():
                return kind, int(text[len(prefix):-2])
    return None


def is_comment(stmt: gast.stmt) -> bool:
    found = marker_of(stmt)
    return found is not None and found[0] == "comment"


def call(func: str, *args: gast.expr) -> gast.Call:
    root, *attrs = func.split(".")
    node: gast.expr = name(root)
    for attr in attrs:
        node = gast.Attribute(value=node, attr=attr, ctx=gast.Load())
    return gast.Call(func=node, args=list(args), keywords=[])


def constant(value: object) -> gast.Constant:
    return gast.Constant(value=value, kind=None)

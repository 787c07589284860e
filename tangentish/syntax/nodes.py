"""Small node helpers shared by the passes."""

from __future__ import annotations

import copy

import gast


def with_context(node: gast.expr, ctx: type) -> gast.expr:
    """A copy of ``node`` whose names and subscripts are all in context ``ctx`` (Load/Store)."""
    node = copy.deepcopy(node)
    for sub in gast.walk(node):
        if hasattr(sub, "ctx"):
            sub.ctx = ctx()
    return node

"""Turn a :class:`Derivative` into source text.

Guarantee: the text is a single ``def`` that parses back to the same function, printed by
:mod:`tangentish.syntax.printer` (precedence-exact, one alias per module, ``pass`` in a block
left empty), with a one-line docstring and the provenance comments that still introduce code.  It
depends only on the derivative (no ids, no hashes, no set order), so it is byte-identical across
processes.
"""

from __future__ import annotations

import gast

from .. import ir
from ..syntax import build
from ..syntax.printer import function_text
from .dataflow import blocks
from .derivative import Derivative

_TYPE_PARAMS = {"type_params": []} if "type_params" in gast.FunctionDef._fields else {}


def _tidy_comments(body: list[gast.stmt]) -> None:
    """Drop comments that introduce nothing (followed by another comment, or by nothing)."""
    for block in blocks(body):
        kept = []
        for index, stmt in enumerate(block):
            following = block[index + 1] if index + 1 < len(block) else None
            if isinstance(stmt, ir.Comment) and (following is None or isinstance(
                    following, (ir.Comment, gast.Return))):
                continue
            kept.append(stmt)
        block[:] = kept


def generate(fn: Derivative, docstring: str) -> str:
    _tidy_comments(fn.body)
    doc = build.expression(build.constant(docstring))
    node = gast.FunctionDef(name=fn.name, args=fn.args, body=[doc, *fn.body], decorator_list=[],
                            returns=None, type_comment=None, **_TYPE_PARAMS)
    return function_text(node)

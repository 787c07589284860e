"""Turn a :class:`Derivative` into source text.

Guarantee: the text is a single ``def`` that parses back to the same function, with the comment
markers replaced by ``# ...`` lines and a one-line docstring.  The output depends only on the
derivative (no ids, no hashes, no dict-order surprises), so it is byte-identical across processes.
"""

from __future__ import annotations

import re

import astor
import gast

from .derivative import Derivative

_MARKER = re.compile(r"^(\s*)__comment(\d+)__$")


def generate(fn: Derivative, docstring: str) -> str:
    doc = gast.Expr(value=gast.Constant(value=docstring, kind=None))
    node = gast.FunctionDef(
        name=fn.name, args=fn.args, body=[doc, *fn.body], decorator_list=[], returns=None,
        type_comment=None, type_params=[],
    )
    module = gast.Module(body=[node], type_ignores=[])
    text = astor.to_source(gast.gast_to_ast(module), pretty_source="".join)
    lines = []
    for line in text.splitlines():
        match = _MARKER.match(line)
        if match:
            lines.append(f"{match.group(1)}# {fn.comments[int(match.group(2))]}")
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"

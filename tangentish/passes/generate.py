'''Turn a :class:`Derivative` into source text.

Guarantee: the text is a single ``def`` that parses back to the same function, printed by
:mod:`tangentish.syntax.printer` (precedence-exact, one alias per module, ``pass`` in a block
left empty), with a one-line docstring and the provenance comments that still introduce code, and
the runtime helpers NumPy says in one call spelled in NumPy (:mod:`.spelling`).  It
depends only on the derivative (no ids, no hashes, no set order), so it is byte-identical across
processes.

Below, the comment that introduces nothing (the optimizer removed its statements) is dropped:

    >>> import gast
    >>> from tangentish import ir
    >>> from tangentish.syntax import build
    >>> from tangentish.syntax.naming import Namer
    >>> from tangentish.passes.derivative import Derivative
    >>> signature = gast.parse("def g(x): pass").body[0].args
    >>> body = [ir.Comment("adjoint of: return 2.0 * y  [g.py:3]"),
    ...         build.assign("y_bar", build.constant(2.0)),
    ...         ir.Comment("adjoint of: y = np.sum(x)  [g.py:2]"),
    ...         build.assign("x_bar", build.call("_rt.unreduce", build.name("y_bar"),
    ...                                          build.name("x"))),
    ...         ir.Comment("adjoint of: z = x * 0.0  [g.py:1]"),
    ...         build.return_(build.name("x_bar"))]
    >>> print(generate(Derivative("grad_g", signature, body, Namer()), "Gradient of g."), end="")
    def grad_g(x):
        """Gradient of g."""
        # adjoint of: return 2.0 * y  [g.py:3]
        y_bar = 2.0
        # adjoint of: y = np.sum(x)  [g.py:2]
        x_bar = _rt.unreduce(y_bar, x)
        return x_bar
'''

from __future__ import annotations

from typing import Any

import gast

from .. import ir
from ..provenance import LineMap
from ..syntax import build
from ..syntax.parse import SourceInfo
from ..syntax.printer import function_text
from .dataflow import blocks
from .derivative import Derivative
from .masked_ratios import divide_quotients
from .spelling import SPELLED, spell_in_numpy

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


def generate(fn: Derivative, docstring: str, marks: list | None = None,
             helpers: set[str] | None = None, quiet: list | None = None) -> str:
    """The text of ``fn``; ``marks``, if given, gets ``(line, statement)`` for each statement;
    ``helpers``, if known, the runtime's helpers ``fn`` names (:func:`.spelling.spell_in_numpy`),
    to which those that the last steps add are added (:mod:`.masked_ratios`); ``quiet``: the
    user's ``np.errstate`` and ``catch_warnings`` blocks, whose statements run under them
    (:mod:`.quiet_runs`)."""
    _tidy_comments(fn.body)
    spell_in_numpy(fn.body, fn.machinery.aliases, helpers)
    added = {"divided"} if divide_quotients(fn.body, fn.machinery.aliases, fn.namer) else set()
    if helpers is None or "divided" in helpers or added:  # (a tangent's quotient, where it is
        from .read_quotients import divide_where_read  # read: imported where one may be)
        if divide_where_read(fn):
            added.add("reads")
    if quiet:
        from .quiet_runs import wrap_quiet  # (a function with an np.errstate block: imported)

        added |= wrap_quiet(fn.body, quiet, fn.machinery.aliases)
    if helpers is not None:  # (what the record says it calls: :func:`outside`)
        helpers.update(added)
    doc = build.expression(build.constant(docstring))
    node = gast.FunctionDef(name=fn.name, args=fn.args, body=[doc, *fn.body], decorator_list=[],
                            returns=None, type_comment=None, **_TYPE_PARAMS)
    return function_text(node, marks)


def generate_mapped(fn: Derivative, docstring: str, info: SourceInfo,
                    helpers: set[str] | None = None) -> tuple[str, LineMap]:
    """The text of ``fn`` and which of ``info``'s lines each of its lines comes from
    (``helpers``: see :func:`generate`)."""
    marks: list = []
    text = generate(fn, docstring, marks, helpers, info.quiet)
    return text, line_map(marks, info)


def line_map(marks: list, info: SourceInfo) -> LineMap:
    """Each statement's user line (:attr:`ir.Note.origin`; a statement without one, made by a
    pass, continues the one before it, as the code after a provenance comment does), from the
    ``def`` line on."""
    runs, current = [(1, info.node.lineno)], info.node.lineno
    for line, stmt in sorted(marks, key=lambda mark: mark[0]):
        found = stmt.__dict__.get(ir.SLOT)
        origin = found.origin if found is not None else None
        if origin is not None and origin != current:
            runs.append((line, origin))
            current = origin
    used = sorted({user for _, user in runs})
    names = tuple((user, name) for user in used
                  if (name := _function_at(info, user)) != info.name)
    return LineMap(info.filename, info.name, tuple(runs),
                   tuple((user, info.line_text(user)) for user in used), names)


def _function_at(info: SourceInfo, line: int) -> str:
    """The function whose text holds ``line``: ``info``'s or a helper inlined from its file."""
    if 0 <= line - info.first_line < len(info.lines):
        return info.name
    for helper in info.inlined:
        code = getattr(helper, "__code__", None)
        if code is not None and code.co_firstlineno <= line <= max(
                (last for _, _, last in code.co_lines() if last is not None), default=0):
            return helper.__name__
    return info.name


def body_uses(fn: Derivative) -> tuple[set[str], set[str], set[str]]:
    """The names ``fn``'s body reads, those it binds, and the runtime's helpers it names."""
    return build.name_uses(gast.Module(body=fn.body, type_ignores=[]), fn.machinery.aliases["_rt"])


def outside(fn: Derivative, cells: dict[str, Any], known: tuple | None = None
            ) -> dict[str, tuple[str, ...]]:
    """What ``fn`` reads from outside itself besides its cells: ``reads`` (free names of its body,
    and every name its signature's defaults read, since those run in the user's scope) and
    ``runtime`` (the ``_rt.NAME`` helpers it calls).  ``known``: :func:`body_uses` of its body
    before it was generated, kept where the spelling pass had nothing to rewrite."""
    if known is None or not SPELLED.isdisjoint(known[2]):
        known = body_uses(fn)
    read, bound, runtime = known
    defaults, params, _ = build.name_uses(fn.args, fn.machinery.aliases["_rt"])
    free = (read - bound - params - set(cells)) | defaults
    return {"reads": tuple(sorted(free)), "runtime": tuple(sorted(runtime))}

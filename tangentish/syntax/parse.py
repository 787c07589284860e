"""Parse a live Python function into a gast ``FunctionDef`` plus the facts needed to report on it.

Guarantee to the next stage: ``parse_function(fn)`` returns a :class:`SourceInfo` whose ``node`` is the
function's ``FunctionDef`` with every node's ``lineno`` and ``col_offset`` pointing at the real file
(line numbers absolute, columns as in the file, before any dedent), decorators removed.
"""

from __future__ import annotations

import builtins
import inspect
import os
import textwrap
import types
from dataclasses import dataclass, field
from typing import Any

import gast

from ..errors import Location, SourceUnavailableError


@dataclass
class SourceInfo:
    """A parsed function together with where it came from and the scope it reads."""

    fn: types.FunctionType
    node: gast.FunctionDef
    filename: str
    lines: list[str]
    first_line: int
    globals: dict[str, Any]
    closure: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.fn.__name__

    @property
    def short_filename(self) -> str:
        return os.path.basename(self.filename)

    def line_text(self, lineno: int) -> str:
        index = lineno - self.first_line
        if 0 <= index < len(self.lines):
            return self.lines[index].rstrip("\n")
        return ""

    def location(self, node: gast.AST | None) -> Location:
        lineno = getattr(node, "lineno", None) or self.first_line
        col = getattr(node, "col_offset", 0) or 0
        end_col = getattr(node, "end_col_offset", None)
        if getattr(node, "end_lineno", lineno) != lineno:
            end_col = None
        return Location(self.filename, lineno, self.name, self.line_text(lineno), col, end_col)

    def lookup(self, name: str) -> tuple[bool, Any]:
        """Resolve a free name the way Python would: closure, then globals, then builtins."""
        if name in self.closure:
            return True, self.closure[name]
        if name in self.globals:
            return True, self.globals[name]
        if hasattr(builtins, name):
            return True, getattr(builtins, name)
        return False, None


def closure_values(fn: types.FunctionType) -> dict[str, Any]:
    """The current values of the function's closure cells (empty cells are left out)."""
    values = {}
    for name, cell in zip(fn.__code__.co_freevars, fn.__closure__ or (), strict=True):
        try:
            values[name] = cell.cell_contents
        except ValueError:
            continue
    return values


def _unwrap(fn: Any) -> types.FunctionType:
    target = inspect.unwrap(fn) if callable(fn) else fn
    if isinstance(target, types.MethodType):
        target = target.__func__
    if not isinstance(target, types.FunctionType):
        kind = type(fn).__name__
        raise SourceUnavailableError(
            f"tangentish can only differentiate Python functions, got {fn!r} of type {kind}",
            hint="pass a function defined with `def` in a file; for a builtin or a C extension "
            "function, register a rule with tangentish.extend.adjoint",
        )
    return target


def _read_source(fn: types.FunctionType) -> tuple[list[str], int]:
    try:
        lines, first = inspect.getsourcelines(fn)
    except (OSError, TypeError) as exc:
        code = fn.__code__
        raise SourceUnavailableError(
            f"cannot read the source of {fn.__qualname__!r} "
            f"(defined in {code.co_filename}, line {code.co_firstlineno}): {exc}",
            hint="define the function in a file (or a notebook cell) instead of typing it into "
            "the interactive prompt or creating it with exec/eval",
        ) from None
    return lines, max(first, 1)


def _find_function(tree: gast.Module, fn: types.FunctionType) -> gast.FunctionDef:
    for node in gast.walk(tree):
        if isinstance(node, gast.FunctionDef):
            return node
        if isinstance(node, gast.Lambda):
            return _lambda_as_function(node, fn)
    raise SourceUnavailableError(
        f"could not find the definition of {fn.__qualname__!r} in its source",
        hint="define the function with `def` on its own lines",
    )


def _lambda_as_function(node: gast.Lambda, fn: types.FunctionType) -> gast.FunctionDef:
    ret = gast.Return(value=node.body)
    gast.copy_location(ret, node.body)
    fdef = gast.FunctionDef(
        name=fn.__name__, args=node.args, body=[ret], decorator_list=[], returns=None,
        type_comment=None, type_params=[],
    )
    return gast.copy_location(fdef, node)


def _shift_positions(tree: gast.AST, line_delta: int, col_delta: int) -> None:
    for node in gast.walk(tree):
        if hasattr(node, "lineno") and node.lineno is not None:
            node.lineno += line_delta
            if getattr(node, "end_lineno", None) is not None:
                node.end_lineno += line_delta
            if getattr(node, "col_offset", None) is not None:
                node.col_offset += col_delta
            if getattr(node, "end_col_offset", None) is not None:
                node.end_col_offset += col_delta


def _parse_lines(lines: list[str], fn: types.FunctionType) -> tuple[gast.Module, int]:
    """Parse the source lines; returns the tree and the column the text was shifted left by."""
    text = "".join(lines)
    if fn.__name__ != "<lambda>":
        first_text = next((ln for ln in lines if ln.strip()), "")
        return gast.parse(textwrap.dedent(text)), len(first_text) - len(first_text.lstrip())
    # A lambda sits inside a larger statement: parse the shortest prefix from `lambda` that works.
    start = lines[0].find("lambda")
    snippet = text[start:].rstrip()
    while snippet:
        try:
            return gast.parse(snippet), start
        except SyntaxError:
            snippet = snippet[:-1]
    raise SyntaxError("no parsable lambda expression")


def parse_function(fn: Any) -> SourceInfo:
    """Parse ``fn`` and return its :class:`SourceInfo` (positions pointing at the real file)."""
    target = _unwrap(fn)
    lines, first = _read_source(target)
    try:
        tree, indent = _parse_lines(lines, target)
    except SyntaxError as exc:
        raise SourceUnavailableError(
            f"cannot parse the source of {target.__qualname__!r}: {exc.msg}",
            hint="define the function with `def` on its own lines",
        ) from None
    _shift_positions(tree, first - 1, indent)
    node = _find_function(tree, target)
    node.decorator_list = []
    filename = inspect.getsourcefile(target) or target.__code__.co_filename
    return SourceInfo(
        fn=target,
        node=node,
        filename=filename,
        lines=lines,
        first_line=first,
        globals=target.__globals__,
        closure=closure_values(target),
    )

"""Find the source of exactly the code a function runs.

Guarantee: :func:`read_source` returns the ``ast`` node of the ``def`` or ``lambda`` whose compiled
code *is* ``fn.__code__`` (same bytecode, names, constants, nested code and line layout), or raises
:class:`SourceUnavailableError`.  So:

- of several lambdas on one line, the one ``fn`` is (``sq, cube = (lambda x: x*x), (lambda x: x*x*x)``);
- a file edited but not reloaded is an error (the function still runs its old code), never the new
  text, and never another function that moved onto the old line numbers.

How: the top-level statement holding ``fn``'s first line (with the file's top-level imports, which
change how 3.11+ compiles a method call on a module) is compiled as Python would (exact scopes, name
mangling, ``__future__`` flags: no scope reaches past a top-level statement) at its own line
numbers, else the whole file is, and the code objects defined on ``fn``'s first line with ``fn``'s
name are compared with ``fn.__code__`` field by field.  When several lambdas start on that line,
each is moved by a line offset in a compile of its own, which tells which node produced which code
object on every Python version (3.10 has no column positions), nested lambdas included.
Compiling never runs anything.
The file is read through ``linecache``: first as cached (the text the function was compiled from,
if a traceback or we read it already), then fresh from disk.  A derivative tangentish generated is
read from :data:`SHOWN` first: anyone may clear ``linecache``, its file may have been cleaned up,
and ``linecache`` would then read the *user's* module through the globals the derivative runs with.
"""

from __future__ import annotations
import __future__

import _thread
import ast
import copy
import functools
import inspect
import linecache
import types
from collections import OrderedDict
from typing import Any

from ..errors import SourceUnavailableError
from .tree_walk import walk

_FUTURE = 0
for _feature in __future__.all_feature_names:
    _FUTURE |= getattr(__future__, _feature).compiler_flag
_IGNORED_FLAGS = inspect.CO_NESTED  # set when defined inside another function, whatever its scope
_SHIFT = 1 << 20  # line offset that moves one candidate lambda away from the others
_MAX_CANDIDATES = 10

_MEMO: OrderedDict[tuple[str, str, bool, int], tuple[ast.Module, types.CodeType | None]] = OrderedDict()
_MEMO_SIZE = 8
_MEMO_LOCK = _thread.allocate_lock()

Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda

SHOWN: dict[str, list[str]] = {}
"""The lines of every live generated function's text, by its file name (kept by the loader)."""


class Source:
    """A function's definition in its file (positions as in the file)."""

    __slots__ = ("node", "filename", "lines", "first_line")

    def __init__(self, node: Definition, filename: str, lines: list[str], first_line: int):
        self.node, self.filename = node, filename
        self.lines = lines  # the whole file
        self.first_line = first_line  # of the definition, decorators included

    @property
    def last_line(self) -> int:
        return self.node.end_lineno or self.first_line


def fingerprint(code: types.CodeType, base: int | None = None, relative: bool = True) -> tuple:
    """Everything that decides what ``code`` does, with lines relative to its first line (or,
    without ``relative``, as they are: fingerprints of code objects with the same first line
    compare alike either way, see :func:`same_code`)."""
    base = code.co_firstlineno if base is None else base
    if relative:
        lines = tuple([(start, end, None if line is None else line - base)
                       for start, end, line in code.co_lines()])
    else:
        lines = tuple(code.co_lines())
    return (code.co_name, code.co_argcount, code.co_posonlyargcount, code.co_kwonlyargcount,
            code.co_flags & ~_IGNORED_FLAGS, code.co_code, code.co_names, code.co_varnames,
            code.co_freevars, code.co_cellvars, code.co_firstlineno - base,
            getattr(code, "co_exceptiontable", b""),
            tuple(_constant_key(c, base, relative) for c in code.co_consts), lines)


def same_code(one: types.CodeType, other: types.CodeType) -> bool:
    """``fingerprint(one) == fingerprint(other)``; for code objects starting on the same line,
    the lines are compared as they are (the same answer, without shifting every entry)."""
    relative = one.co_firstlineno != other.co_firstlineno
    return fingerprint(one, relative=relative) == fingerprint(other, relative=relative)


def _constant_key(value: Any, base: int, relative: bool = True) -> Any:
    if isinstance(value, types.CodeType):
        return fingerprint(value, base, relative)
    if isinstance(value, (tuple, frozenset)):
        items = [_constant_key(v, base, relative) for v in value]
        return (type(value).__name__, tuple(sorted(items, key=repr)) if isinstance(
            value, frozenset) else tuple(items))
    if isinstance(value, (float, complex)):
        return (type(value).__name__, repr(value))
    return (type(value).__name__, value)


def _code_objects(code: types.CodeType):
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _code_objects(const)


def _first_line(node: Definition) -> int:
    decorators = getattr(node, "decorator_list", [])
    return min([node.lineno, *(d.lineno for d in decorators)])


def _is_candidate(node: ast.AST, code: types.CodeType) -> bool:
    if isinstance(node, ast.Lambda):
        return code.co_name == "<lambda>" and node.lineno == code.co_firstlineno
    return isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and \
        node.name == code.co_name and _first_line(node) == code.co_firstlineno


def _candidates(tree: ast.Module, code: types.CodeType) -> list[Definition]:
    """The definitions that may be ``code``'s, looked for only in the top-level statements that
    span its first line (a large module is parsed once, but not walked whole for each function)."""
    line = code.co_firstlineno
    found = []
    stack = [stmt for stmt in reversed(tree.body) if _spans(stmt, line)]
    while stack:  # only nodes whose lines span ``line`` can hold a definition starting there
        node = stack.pop()
        if _is_candidate(node, code):
            found.append(node)
        stack.extend(child for child in reversed(list(ast.iter_child_nodes(node)))
                     if _spans(child, line))
    return found


def _spans(node: ast.AST, line: int) -> bool:
    if not hasattr(node, "lineno"):  # operators, contexts, arguments objects
        return not isinstance(node, (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop,
                                     ast.boolop))
    return _first_line(node) <= line <= (node.end_lineno or node.lineno)


def pytest_rewritten(fn: types.FunctionType) -> bool:
    loader = fn.__globals__.get("__loader__")
    return type(loader).__name__ == "AssertionRewritingHook"


def _compile(tree: ast.Module, text: str, filename: str, rewrite: bool, flags: int,
             from_tree: bool = False) -> types.CodeType | None:
    """The module's code as Python (or pytest's assertion rewriting) compiled it, with the
    ``__future__`` flags the function was compiled with (``compile`` inherits its caller's);
    ``None`` if it does not compile.  ``from_tree``: compile ``tree`` itself (a changed copy of
    the parsed file), not ``text``."""
    try:
        if rewrite:
            from _pytest.assertion.rewrite import rewrite_asserts

            tree = copy.deepcopy(tree)
            rewrite_asserts(tree, text.encode("utf-8"), filename, None)
            return compile(tree, filename, "exec", flags=flags, dont_inherit=True)
        # from the text, as the import did: compiling a parsed tree recurses once per level and
        # fails on expressions the parser accepts (a chain of a few thousand operators)
        return compile(tree if from_tree else text, filename, "exec", flags=flags,
                       dont_inherit=True)
    except Exception:  # SyntaxError, a rewriter that changed its signature, RecursionError
        return None


def _module(filename: str, text: str, rewrite: bool, flags: int
            ) -> tuple[ast.Module, types.CodeType | None]:
    key = (filename, text, rewrite, flags)
    with _MEMO_LOCK:
        if key in _MEMO:
            _MEMO.move_to_end(key)
            return _MEMO[key]
    tree = ast.parse(text, filename)
    found = (tree, _compile(tree, text, filename, rewrite, flags))
    with _MEMO_LOCK:
        _MEMO[key] = found
        while len(_MEMO) > _MEMO_SIZE:
            _MEMO.popitem(last=False)
    return found


def file_lines(fn: types.FunctionType, fresh: bool) -> list[str]:
    filename = fn.__code__.co_filename
    shown = SHOWN.get(filename)
    if shown is not None:
        return shown
    if fresh:
        linecache.checkcache(filename)
    return linecache.getlines(filename, fn.__globals__)


def _match(fn: types.FunctionType, lines: list[str], rewrite: bool) -> Definition | None:
    code = fn.__code__
    if not rewrite:
        found = _match_statement(code, lines)
        if found is not None:
            return found
    text = "".join(lines)
    found = _compiled(code, text, rewrite)
    if found is None:
        return None
    tree, compiled, nodes = found
    if not any(same_code(c, code) for c in compiled):
        return _in_closure(code, tree, nodes)
    if len(nodes) == 1 and len(compiled) == 1:
        return nodes[0]
    return _pick(fn, tree, text, nodes, rewrite)


def _match_statement(code: types.CodeType, lines: list[str]) -> Definition | None:
    """The definition of ``code`` found by compiling only the top-level statement that holds its
    first line, at its own line numbers (a function's scopes end at its top-level statement): a
    first ``grad()`` then costs the function's lines, not its module's.  ``None`` unless exactly
    one definition and one code object match (the caller then compiles the whole file)."""
    text = _statement_text(lines, code.co_firstlineno)
    found = None if text is None else _compiled(code, text, False)
    if found is None:
        return None
    _, compiled, nodes = found
    if len(nodes) == 1 and len(compiled) == 1 and same_code(compiled[0], code):
        return nodes[0]
    return None


def _compiled(code: types.CodeType, text: str, rewrite: bool
              ) -> tuple[ast.Module, list[types.CodeType], list[Definition]] | None:
    """``text`` parsed, the code objects compiling it defines on ``code``'s first line with its
    name, and the definitions starting there; ``None`` if it does not compile."""
    try:
        tree, module = _module(code.co_filename, text, rewrite, code.co_flags & _FUTURE)
    except (SyntaxError, ValueError):
        return None
    if module is None:
        return None
    compiled = [c for c in _code_objects(module) if c.co_name == code.co_name
                and c.co_firstlineno == code.co_firstlineno]
    return tree, compiled, _candidates(tree, code)


def _statement_text(lines: list[str], line: int) -> str | None:
    """The file with only the top-level statement holding ``line`` (1-based) and the top-level
    imports kept, every other line blank (so line numbers are the file's; the imports because
    Python 3.11+ compiles a method call on an imported module differently); ``None`` if ``line``
    is not in the file."""
    if not 1 <= line <= len(lines):
        return None
    kept = ["\n"] * len(lines)
    for start, stop in _statements_of(tuple(lines)):
        if start < line <= stop or lines[start].startswith(("import ", "from ")):
            kept[start:stop] = lines[start:stop]
    return "".join(kept)


@functools.lru_cache(maxsize=4)  # (a transform reads many functions of one file: one scan)
def _statements_of(lines: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    return tuple(_top_level(lines))


def _top_level(lines: list[str]):
    """``(start, stop)`` line indices of each top-level statement, by the lines starting at column 0
    (a decorator with its definition); a string or bracket at column 0 misleads it, which the
    compile and the comparison that follow catch."""
    def opens(text: str) -> bool:  # a line at column 0 that is no closing bracket or comment
        return text[:1] not in ("", " ", "\t", "\n", "\r", "\f", ")", "]", "}", "#")

    start, decorated = 0, False
    for index, text in enumerate(lines):
        if index > start and opens(text) and not decorated:
            yield start, index
            start = index
        if opens(text):
            decorated = text.startswith("@")
    yield start, len(lines)


def _pick(fn: types.FunctionType, tree: ast.Module, text: str, nodes: list[Definition],
          rewrite: bool) -> Definition | None:
    """Several definitions start on the line: compile again once per candidate, that one moved
    down by an offset, and keep the candidates whose moved code is ``fn``'s.  One candidate per
    compile, because candidates can nest (``lambda x: g(lambda y: y)(x)``): a lambda inside a
    moved one moves with it, so the moved candidate's own code is the outermost code object on
    the moved line, and its nested code keeps its place relative to it."""
    code = fn.__code__
    if len(nodes) > _MAX_CANDIDATES:
        raise SourceUnavailableError(
            f"{len(nodes)} lambdas start on line {code.co_firstlineno} of {code.co_filename}; "
            "tangentish cannot tell which one is the function to differentiate",
            hint="define the function with `def`, or put fewer lambdas on one line")
    originals = {id(n) for n in nodes}
    order = [n for n in walk(tree) if id(n) in originals]
    wanted, moved_line = fingerprint(code), code.co_firstlineno + _SHIFT
    matches = []
    for index, original in enumerate(order):
        moved = copy.deepcopy(tree)
        _shift([n for n in walk(moved) if _is_candidate(n, code)][index], _SHIFT)
        module = _compile(moved, text, code.co_filename, rewrite, code.co_flags & _FUTURE,
                          from_tree=True)
        if module is None:
            return None
        if any(compiled.co_name == code.co_name and fingerprint(compiled) == wanted
               for compiled in _outermost_on(module, moved_line)):
            matches.append(original)
    return _by_column(code, matches)


def _outermost_on(code: types.CodeType, line: int):
    """The code objects first on ``line`` that no code object first on ``line`` holds."""
    if code.co_firstlineno == line:
        yield code
        return
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _outermost_on(const, line)


def _in_closure(code: types.CodeType, tree: ast.Module, nodes: list[Definition]
                ) -> Definition | None:
    """A module-level ``def`` compiled inside a function that gives it its free variables (how
    :mod:`tangentish.loader` binds generated code to closure cells)."""
    if not code.co_freevars:
        return None
    for node in nodes:
        if node not in tree.body:
            continue
        scope = ast.FunctionDef(
            name="__tangentish_scope__", body=[ast.Pass()], decorator_list=[], returns=None,
            args=ast.arguments(posonlyargs=[], args=[ast.arg(arg=n) for n in code.co_freevars],
                               vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None,
                               defaults=[]), type_params=[])
        module = ast.Module(body=[ast.copy_location(scope, node)], type_ignores=[])
        ast.fix_missing_locations(module)  # (the new nodes only: `node` is parsed, and shared)
        scope.body = [node]  # (compile reads the tree, never changes it: no copy needed)
        try:
            compiled = compile(module, code.co_filename, "exec", flags=code.co_flags & _FUTURE,
                               dont_inherit=True)
        except Exception:  # anything that does not compile is no match
            continue
        if any(c.co_name == code.co_name and fingerprint(c) == fingerprint(code)
               for c in _code_objects(compiled)):
            return node
    return None


def _shift(node: ast.AST, delta: int) -> None:
    for child in walk(node):
        if "lineno" in child._attributes and getattr(child, "lineno", None) is not None:
            child.lineno += delta
            if getattr(child, "end_lineno", None) is not None:
                child.end_lineno += delta


def _by_column(code: types.CodeType, matches: list[Definition]) -> Definition | None:
    """Equal code is equally right; prefer the node whose columns ``co_positions`` names (3.11+)."""
    if len(matches) <= 1 or not hasattr(code, "co_positions"):
        return matches[0] if matches else None
    columns = {col for line, _, col, _ in code.co_positions()
               if line == code.co_firstlineno and col is not None}
    for node in matches:
        body = node.body
        if getattr(body, "col_offset", None) in columns:
            return node
    return matches[0]


def read_source(fn: types.FunctionType) -> Source:
    """The verified definition of ``fn`` (see the module docstring)."""
    code = fn.__code__
    rewrite = pytest_rewritten(fn)
    lines: list[str] = []
    for fresh in (False, True):
        lines = file_lines(fn, fresh)
        if not lines:
            continue
        for rewritten in (False, True) if rewrite else (False,):
            node = _match(fn, lines, rewritten)
            if node is not None:
                return Source(node, code.co_filename, lines, _first_line(node))
    if not lines:
        raise SourceUnavailableError(
            f"cannot read the source of {fn.__qualname__!r} (defined in {code.co_filename}, "
            f"line {code.co_firstlineno})",
            hint="define the function in a file (or a notebook cell) instead of typing it into "
            "the interactive prompt or creating it with exec/eval")
    now = lines[code.co_firstlineno - 1].strip() if code.co_firstlineno <= len(lines) else ""
    raise SourceUnavailableError(
        f"the source of {fn.__qualname__!r} in {code.co_filename} does not match the code it "
        f"runs: the file was changed after the function was defined (line {code.co_firstlineno} "
        f"now reads {now!r})",
        hint="reload the module (importlib.reload) or restart, then differentiate the new "
        "function; tangentish differentiates the code a function runs")

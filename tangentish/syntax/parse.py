"""Parse a live Python function into a gast ``FunctionDef`` plus the facts needed to report on it.

Guarantee to the next stage: ``parse_function(fn)`` returns a :class:`SourceInfo` whose ``node`` is the
``FunctionDef`` of exactly the code ``fn`` runs (see :mod:`.source`: the right lambda of several on a
line; an edited, not reloaded file is an error), with every node's ``lineno`` and ``col_offset``
pointing at the real file, decorators removed.  Name resolution goes through ``info.lookup``, which
records what it found in ``info.dependencies`` (see :mod:`.scope`) so cached derivatives are never
stale.  Text from the user's files or objects reaches generated code only through
``info.provenance`` and ``info.display_name``, which return one sanitized line.

What is differentiated is decided by the function object (:mod:`.target`).
"""

from __future__ import annotations

import _thread
import ast
import builtins
import os
import types
from collections import OrderedDict
from typing import Any

import gast

from ..errors import Location, UnsupportedConstructError
from . import form_tests, scope, star
from .build import child_fields, clone, names
from .convert import measured_gast
from .source import file_lines, pytest_rewritten, read_source
from .target import differentiated_function

# Python's parser accepts deeper code than its own tree walkers (and ours) can recurse through:
# beyond this many levels of statements and expressions, refuse clearly instead of overflowing.
MAX_NESTING = 200


class SourceInfo:
    """A parsed function together with where it came from and the scope it reads.  (A plain
    class: a dataclass costs a first ``grad()`` half a millisecond to make.)"""

    def __init__(self, fn: types.FunctionType, node: gast.FunctionDef, filename: str,
                 lines: list[str], first_line: int, globals: dict[str, Any], root: Any = None,
                 recorder: scope.Recorder | None = None):
        self.fn, self.node, self.filename, self.lines = fn, node, filename, lines
        self.first_line, self.globals = first_line, globals
        self.root = root  # the object differentiation was asked for (a wrapper, or ``fn`` itself)
        self.recorder = recorder
        self.inlined: list[Any] = []  # helpers inlined into it (passes/inline_helpers.py)
        self.borrowed: dict[int, str] = {}  # and their lines (of the same file)
        self.quiet: list[Any] = []  # its np.errstate blocks (syntax/quiet_blocks.py)
        self.receiver: Any = None  # a bound method's class or layout (records.Options.receiver)
        # the parameters under wrt, when known (loops over the others: passes/loop_orders.py)
        self.varying: frozenset[str] | None = None
        # the variable the function's own early returns assign (passes/desugar.py), if any
        self.early_result: str | None = None
        # the variables dict locals became and the user's text for each (``cfg_w``: ``cfg['w']``)
        self.entries: dict[str, str] = {}
        self.hoisted: set[str] = set()  # names given to dict displays (passes/dict_hoist.py)
        # getattr(p, name) read as p's dict at name: (line, column) of name → p's class
        self.fields_by_name: dict[tuple[int, int], str] = {}  # (passes/record_locals.py)
        # its own ``*args``, a keyword-only tuple parameter while differentiated (syntax/star.py)
        self.star: str | None = None
        # names bound by the function's own top-level imports: (module, attribute path, value)
        # (syntax/imports.py)
        self.imported: dict[str, tuple[str, tuple, Any]] = {}
        # each resolution once: the recorder keeps the first one of a name or path anyway, and
        # a transform asks again for every use (`np.sin` thousands of times in a long function)
        self._resolved: dict[Any, tuple[bool, Any]] = {}
        # (node, its body, every name it uses, the names it assigns), when the last pass to walk
        # it whole (passes/desugar.py) changed no name: for normalization, which reads them once
        # (passes/lowering.py), and only while ``node.body`` is still that list (a pass that
        # rewrites statements in place and keeps the list must set it to None)
        self.names: tuple[gast.FunctionDef, list, set[str], set[str]] | None = None
        # (node, its body, every node of the body): what the fence walked, for desugaring, on
        # the same terms
        self.body_nodes: tuple[gast.FunctionDef, list, list[gast.AST]] | None = None

    def __repr__(self) -> str:
        return f"SourceInfo({self.fn.__qualname__}, {self.filename}:{self.first_line})"

    @property
    def name(self) -> str:
        return self.fn.__name__

    @property
    def closure(self) -> dict[str, Any]:
        """The current values of the closure cells (empty cells left out); not recorded."""
        values = {}
        for name, cell in zip(self.fn.__code__.co_freevars, self.fn.__closure__ or (),
                              strict=True):
            try:
                values[name] = cell.cell_contents
            except ValueError:
                continue
        return values

    @property
    def short_filename(self) -> str:
        return os.path.basename(self.filename)

    @property
    def display_name(self) -> str:
        """The function's qualified name as one safe line (for docstrings and messages)."""
        return one_line(getattr(self.fn, "__qualname__", self.name))

    @property
    def dependencies(self) -> tuple[scope.Dependency, ...]:
        """Every resolution made so far (see :mod:`.scope`), the function's own code and defaults
        included."""
        return self.recorder.dependencies if self.recorder is not None else ()

    def line_text(self, lineno: int) -> str:
        index = lineno - self.first_line
        if 0 <= index < len(self.lines):
            return self.lines[index].rstrip("\n")
        return self.borrowed.get(lineno, "")

    def provenance(self, lineno: int) -> str:
        """``<source line>  [file.py:12]`` as one sanitized line, for a generated comment."""
        text = one_line(self.line_text(lineno).strip())
        return f"{text}  [{one_line(self.short_filename)}:{int(lineno)}]"

    def location(self, node: gast.AST | None) -> Location:
        lineno = getattr(node, "lineno", None) or self.first_line
        col = getattr(node, "col_offset", 0) or 0
        end_col = getattr(node, "end_col_offset", None)
        if getattr(node, "end_lineno", lineno) != lineno:
            end_col = None
        return Location(self.filename, lineno, self.name, self.line_text(lineno), col, end_col)

    def is_builtin(self, name: str) -> bool:
        """Whether the free name ``name`` is the builtin of that name (not a global or a closure
        variable shadowing it; the caller knows the function binds no local of that name)."""
        found, value = self.lookup(name)
        return found and value is getattr(builtins, name, None)

    def lookup(self, name: str) -> tuple[bool, Any]:
        """Resolve a free name the way Python would: closure, then globals, then builtins."""
        found = self._resolved.get(name)
        if found is None:
            if name in self.imported:
                return self.lookup_path([name])
            found = self._resolved[name] = scope.resolve(self.fn, name, self.recorder)
        return found

    def lookup_sequence(self, parts: list) -> tuple[bool, Any]:
        """:meth:`lookup_path` of a list, tuple or dict whose items the derivative is built for
        (its length, or a dict's keys, recorded too)."""
        key = (scope.SIZED, tuple(parts))  # (no path has a tuple in it)
        found = self._resolved.get(key)
        if found is None:
            found = self._resolved[key] = self._sequence(parts)
        return found

    def _sequence(self, parts: list) -> tuple[bool, Any]:
        found, value = self._path(parts)
        if found and type(value) in (list, tuple, dict) and self.recorder is not None:
            self._expect(parts, scope.SIZED, (type(value), scope.size(value)))
        return found, value

    def keep_class(self, parts: list, value: Any) -> None:
        """Record that what ``parts`` resolves to, ``value``, keeps its class (a call of it runs
        its class's ``__call__``: the same object given another class derives again)."""
        if self.recorder is not None:
            self._expect(parts, scope.TYPE, type(value))

    def keep_value(self, parts: list, value: Any) -> None:
        """Record that what ``parts`` resolves to equals ``value`` (a constant the derivative is
        written with: a tuple of keys; another value, equal or not, derives again)."""
        if self.recorder is not None:
            self._expect(parts, scope.EQUAL, value)

    def keep_same(self, parts: list, value: Any) -> None:
        """Record that what ``parts`` resolves to is ``value`` itself (a helper's default the
        derivative reads by the global's name: any other object derives again)."""
        if self.recorder is not None:
            self._expect(parts, scope.SAME, scope.reference(value))

    def _expect(self, parts: list, kind: str, expected: Any) -> None:
        fn, root = self.fn, parts[0]
        if root in self.imported:
            module, attrs, _ = self.imported[root]
            self.recorder.add(scope.Dependency(scope.IMPORTED, module, (*attrs, *parts[1:]),
                                               kind, expected))
            return
        where = scope.CLOSURE if root in fn.__code__.co_freevars else \
            scope.GLOBAL if root in fn.__globals__ else scope.BUILTIN
        index = fn.__code__.co_freevars.index(root) if where == scope.CLOSURE else -1
        self.recorder.add(scope.Dependency(where, root, tuple(parts[1:]), kind, expected,
                                           self.recorder.owner_for(fn), False, index))

    def lookup_path(self, parts: list[str]) -> tuple[bool, Any]:
        """Resolve ``np.linalg.norm`` (given as its parts): ``(False, None)`` when any part is
        missing."""
        key = tuple(parts)
        found = self._resolved.get(key)
        if found is None:
            found = self._resolved[key] = self._path(parts)
        return found

    def _path(self, parts: list) -> tuple[bool, Any]:
        if parts[0] not in self.imported:
            return scope.resolve_path(self.fn, parts, self.recorder)
        module, attrs, value = self.imported[parts[0]]
        for attr in parts[1:]:
            value = scope.step(value, attr)
            if value is scope.MISSING:
                break
        if self.recorder is not None:
            self.recorder.add(scope.dependency(scope.IMPORTED, module, value,
                                               (*attrs, *parts[1:])))
        return value is not scope.MISSING, (None if value is scope.MISSING else value)


def one_line(text: str) -> str:
    """``text`` with every control, format or line/paragraph separator character escaped
    (``\\n``, ``\\u2028``, ``\\x85``...) and tabs as spaces: safe inside a ``#`` comment."""
    if text.isprintable():
        return text
    import unicodedata  # (here: a C module a first grad() of printable lines does not load)

    out = []
    for char in text:
        if char == "\t":
            out.append(" ")
        elif unicodedata.category(char)[0] == "C" or unicodedata.category(char) in ("Zl", "Zp"):
            out.append(char.encode("unicode_escape", "backslashreplace").decode("ascii"))
        else:
            out.append(char)
    return "".join(out)


def _as_function_def(node: ast.AST, fn: types.FunctionType, filename: str) -> gast.FunctionDef:
    if isinstance(node, ast.AsyncFunctionDef):
        line = node.lineno
        raise UnsupportedConstructError(
            "cannot differentiate an `async def`",
            Location(filename, line, fn.__name__, "", node.col_offset),
            hint="differentiate a synchronous function")
    try:  # (the converter measures the depth as it goes: no walk of its own)
        converted, depth = measured_gast(node)
    except RecursionError:  # deeper than the converter recurses: refused below
        _check_nesting(node, fn, filename)
        raise
    if depth is None:  # pragma: no cover - a gast the converter does not build on
        _check_nesting(node, fn, filename)
    elif depth > MAX_NESTING:
        _refuse_nesting(node, fn, filename)
    if isinstance(converted, gast.Lambda):
        ret = gast.Return(value=converted.body)
        gast.copy_location(ret, converted.body)
        fdef = gast.FunctionDef(
            name=fn.__name__, args=converted.args, body=[ret], decorator_list=[],
            returns=None, type_comment=None, type_params=[],
        )
        return gast.copy_location(fdef, converted)
    converted.decorator_list = []
    return converted


def _check_nesting(node: ast.AST, fn: types.FunctionType, filename: str) -> None:
    """Refuse a definition nested more than :data:`MAX_NESTING` levels deep, walking it without
    recursion (so the check itself cannot overflow): one level at a time, and only when some
    level is too deep, node by node to name the first offender."""
    level, depth = [node], 1
    tree = ast.AST
    while level and depth <= MAX_NESTING:
        below: list[ast.AST] = []
        push = below.append
        for current in level:
            for name in child_fields(current.__class__):
                value = getattr(current, name, None)
                if value.__class__ is list:
                    for child in value:
                        if isinstance(child, tree):
                            push(child)
                elif isinstance(value, tree):
                    push(value)
        level, depth = below, depth + 1
    if level:
        _refuse_nesting(node, fn, filename)


def _refuse_nesting(node: ast.AST, fn: types.FunctionType, filename: str) -> None:
    stack = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        if depth > MAX_NESTING:
            line = getattr(current, "lineno", None) or getattr(node, "lineno", 0)
            raise UnsupportedConstructError(
                f"the code of {fn.__name__!r} is nested more than {MAX_NESTING} levels deep "
                "(statements and expressions)",
                Location(filename, line, fn.__name__, "", getattr(current, "col_offset", 0)),
                hint="split long expressions into several assignments and deep blocks into "
                "helper functions")
        for name in child_fields(current.__class__):
            value = getattr(current, name, None)
            if value.__class__ is list:
                stack.extend((child, depth + 1) for child in value if isinstance(child, ast.AST))
            elif isinstance(value, ast.AST):
                stack.append((value, depth + 1))


def parse_function(fn: Any, forms: bool = True) -> SourceInfo:
    """Parse ``fn`` and return its :class:`SourceInfo` (positions pointing at the real file);
    ``forms=False``: the code as written, none of the rewrites of :func:`_rewrite_forms` (which
    may refuse what a scan of the code as written reads: passes/helper_changes.py)."""
    recorder = scope.Recorder(fn)
    target = differentiated_function(fn, recorder)
    node, filename, lines, first_line = _parsed(target)
    recorder.bindings(target)
    info = SourceInfo(
        fn=target,
        node=node,
        filename=filename,
        lines=lines,
        first_line=first_line,
        globals=target.__globals__,
        root=fn,
        recorder=recorder,
    )
    if forms:
        _rewrite_forms(info, node, lines)
    return info


def _rewrite_forms(info: SourceInfo, node: gast.FunctionDef, lines: list[str]) -> None:
    """The rewrites of forms the lines may hold, each module imported only then (a first
    ``grad()`` of a function holding none loads none of them: syntax/form_tests.py)."""
    if any(stmt.__class__ in _IMPORTS for stmt in node.body):  # (first: the names they bind
        from . import imports  # then resolve, below)

        imports.hoist(info)
    if form_tests.may_hoist(lines):  # (`if (n := e) > c:`: `n = e` first, syntax/hoisted.py)
        from . import hoisted

        node.body = hoisted.Hoisting(info.is_builtin, info.lookup_path, node).block(node.body)
    if form_tests.may_match(lines):  # (`match mode:` of literal cases: an `if` chain)
        from .match_statements import literal_matches

        node.body = literal_matches(node.body, set(names(node, functions=True)))
    if form_tests.may_spread_displays(lines):  # (`(2, *x.shape)`: `(2,) + tuple(x.shape)`)
        from . import star_displays

        star_displays.spread_displays(node, info.is_builtin)
    if form_tests.may_unzip(lines):  # (`a, b = zip(*pairs)`: a tuple of each entry)
        from . import unzip

        node.body = unzip.unzip(node.body, info.is_builtin, node)
    if form_tests.may_iterate(lines):  # (`it = iter(seq)`, `v = next(it)`: items and a count)
        from . import iterators, map_loops

        map_loops.hoist_map_loops(node, info.is_builtin)  # (`for v in map(f, xs):`: a name)
        iterators.replace_iterators(info, info.is_builtin)
    if star.may_spread(lines):  # (`loss(x, *args)` of a fixed-arity helper: its items)
        node.body = star.spread_calls(node.body, info.lookup_path, node)


_IMPORTS = (gast.Import, gast.ImportFrom)


_PARSED: OrderedDict[int, tuple] = OrderedDict()
_PARSED_SIZE = 64
_PARSED_LOCK = _thread.allocate_lock()


def _parsed(fn: types.FunctionType) -> tuple[gast.FunctionDef, str, list[str], int]:
    """``fn``'s definition as a fresh gast tree (the passes change it in place), its file, its
    lines and its first line.  A function is differentiated many times (each mode, each
    specialization, each derivative of a derivative), so the tree converted from the verified
    source is kept, for the :data:`_PARSED_SIZE` functions last parsed, and each call gets a
    :func:`~.build.clone` of it.  Safe: :func:`read_source` is a pure function of the code object,
    the function's name, whether pytest rewrote its module and the lines it reads first
    (``file_lines(fn, False)``: linecache's list, or a derivative's shown text), and the entry
    is used only when all four are the same objects (the code and the lines compared by identity,
    and held: equal code in another file is another entry, and a file whose cached text changed
    is read again exactly as before); the kept tree is never handed out, so no pass changes it;
    what fails (no source, too deep) raises before anything is kept."""
    code, name, rewrite, lines = fn.__code__, fn.__name__, pytest_rewritten(fn), file_lines(fn, False)
    key = id(code)
    with _PARSED_LOCK:
        found = _PARSED.get(key)
        if found is not None and (found[0] is not code or found[1] != name or
                                  found[2] != rewrite or found[3] is not lines):
            found = None
        if found is not None:
            _PARSED.move_to_end(key)
    if found is not None:
        return clone(found[4]), *found[5:]
    source = read_source(fn)
    node = _as_function_def(source.node, fn, source.filename)
    lines = source.lines[source.first_line - 1:source.last_line]
    entry = (code, name, rewrite, file_lines(fn, False), clone(node), source.filename, lines,
             source.first_line)
    with _PARSED_LOCK:
        _PARSED[key] = entry
        while len(_PARSED) > _PARSED_SIZE:
            _PARSED.popitem(last=False)
    return node, source.filename, lines, source.first_line

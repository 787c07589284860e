"""Deterministic naming of everything the transformation introduces.

Adjoints are ``x_bar``, tangents ``x_dot``, temporaries are derived from the expression they hold
(``sin_x``, ``x_T``) or fall back to ``_t1``, ``_t2``...  Every name is checked against the names the
function already uses, so a user variable is never shadowed.  No randomness, no ``id()``.
"""

from __future__ import annotations

import keyword
import os
import re
import sys
import types
from typing import Any

import gast

from .build import clone, names
from .scope import names_classmethod
from .tree_walk import walk

_BINOP_WORDS = {
    gast.Add: "plus",
    gast.Sub: "minus",
    gast.Mult: "times",
    gast.Div: "over",
    gast.Pow: "pow",
    gast.MatMult: "at",
    gast.FloorDiv: "floordiv",
    gast.Mod: "mod",
}
_MAX_DERIVED = 14
# A line that may build a record (a dataclass or named tuple: a CapWords name called and bound,
# `p = Point(...)`, `s = mod.State(`, a private `s = _State(`), for passes/record_locals.py: a
# pattern compiled (by re's cache) only once a line holds a capital letter, `=` and `(`
RECORD_CALL = r"(?:=|\bin)\s*[\[(]?\s*(?:\w+\.)*_*[A-Z]\w*\("  # (`= [Dense(`: record_loops.py)
CHAINED_RECORD_CALL = r"\b_*[A-Z]\w*\([^()]*\)\("
BUILT_THEN_CALLED = r"\b_*[A-Z]\w*\(.*\)\.\w+\("  # (`SGD(lr=0.1).step(`: chained_calls.py)
# A line that may bind a local to a function (``act = np.tanh``, ``f = A if c else B``,
# ``act = ACTS[name]``), for
# passes/partial_locals.py: a name or a dotted name bound, never a number (``total = 0.0``);
# said by :func:`alias_line` without compiling it (0.25 ms of a first ``grad()``)
ALIAS = r"^\s*\w+\s*=\s*[^\W\d][\w.]*\s*(?:\[.*\]\s*)?(?:#.*)?$|=.*\sif\s.*\selse\s|=\s*lambda\b"


def may_build_record(lines: list[str]) -> bool:
    """Whether a line of ``lines`` matches :data:`RECORD_CALL`, or calls what a CapWords call
    returns or a method of what a CapWords call builds (``Kernel(ls)(X, X)``, ``SGD(lr).step(p,
    g)``: bound to a local first, passes/chained_calls.py) (a plain
    first ``grad()``'s lines seldom hold a capital letter: compiling the pattern cost it 0.2
    ms)."""
    return any("(" in line and line.lower() != line and (
        ("=" in line or "for " in line) and re.search(RECORD_CALL, line) or
        ")(" in line and re.search(CHAINED_RECORD_CALL, line) or
        ")." in line and re.search(BUILT_THEN_CALLED, line)) for line in lines)


def called(name: str, text: str) -> bool:
    """Whether ``text`` calls the identifier ``name``: ``re.search(rf"\\b{name}\\s*\\(", text)``
    without compiling a pattern per name."""
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        while end < len(text) and text[end].isspace():
            end += 1
        if (at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")) and \
                text.startswith("(", end):
            return True
        at = text.find(name, at + 1)
    return False


def _word(c: str) -> bool:
    return c.isalnum() or c == "_"


def alias_line(line: str) -> bool:
    """``re.search(ALIAS, line)`` for a line (a newline at its end at most; else the pattern)."""
    if "=" not in line or "\n" in line[:-1]:
        return "=" in line and re.search(ALIAS, line) is not None
    equals = _positions(line, "=")
    return _conditional(line, equals[0]) or any(_lambda_after(line, at) for at in equals) or \
        _bound_name(line)


def _positions(text: str, part: str) -> list[int]:
    found, at = [], text.find(part)
    while at >= 0:
        found.append(at)
        at = text.find(part, at + 1)
    return found


def _lambda_after(line: str, at: int) -> bool:
    """``=\\s*lambda\\b`` at the ``=`` at ``at``."""
    after = line[at + 1:].lstrip()
    return after.startswith("lambda") and not (len(after) > 6 and _word(after[6]))


def _conditional(line: str, first: int) -> bool:
    """``=.*\\sif\\s.*\\selse\\s`` from the first ``=``."""
    ifs = [at for at in _positions(line, "if") if at - 1 > first and line[at - 1].isspace()
           and line[at + 2:at + 3].isspace()]
    return bool(ifs) and any(at - 1 >= ifs[0] + 3 and line[at - 1].isspace() and
                             line[at + 4:at + 5].isspace() for at in _positions(line, "else"))


def _bound_name(line: str) -> bool:
    """``^\\s*\\w+\\s*=\\s*[^\\W\\d][\\w.]*\\s*(?:\\[.*\\]\\s*)?(?:#.*)?$``."""
    text = line.lstrip()
    end = 0
    while end < len(text) and _word(text[end]):
        end += 1
    rest = text[end:].lstrip()
    if not end or not rest.startswith("="):
        return False
    rest = rest[1:].lstrip()
    if not rest or not _word(rest[0]) or rest[0].isdecimal():
        return False
    end = 1
    while end < len(rest) and (_word(rest[end]) or rest[end] == "."):
        end += 1
    tail = rest[end:].lstrip()
    if tail.startswith("["):
        return any(not tail[at + 1:].lstrip() or tail[at + 1:].lstrip().startswith("#")
                   for at in _positions(tail, "]"))
    return not tail or tail.startswith("#")


def may_bind_function(lines: list[str]) -> bool:
    """Whether a function of these ``lines`` may hold a function in a local that
    passes/partial_locals.py replaces: a ``partial(`` call, or a name an :data:`ALIAS` line binds
    that a line calls (``act = np.tanh`` and ``act(``; the pass takes an alias every read of which
    is a call, so a copy never called, ``total = penalty``, is none), or a module
    (:func:`may_alias_module`)."""
    if any("partial(" in line for line in lines) or may_alias_module(lines):
        return True
    text = ""
    for line in lines:
        if alias_line(line):
            name = line.split("=", 1)[0].strip()
            text = text or "\n".join(lines)
            if not name.isidentifier() or called(name, text):
                return True
    return False


def may_alias_module(lines: list[str]) -> bool:
    """Whether a function of these ``lines`` may bind a local to a module that
    passes/module_aliases.py replaces: a line ``name = a.b`` (a name or attribute path) and a
    read ``name.`` on another line (a cheap text test; the pass decides)."""
    for line in lines:
        left, equals, right = line.partition("=")
        name, right = left.strip(), right.strip()
        if equals and name.isidentifier() and right[:1].isalpha() and \
                right.replace(".", "").replace("_", "a").isalnum() and any(
                    re.search(rf"(?<![\w.]){name}\.", other) for other in lines
                    if other is not line):
            return True
    return False


def may_build_dict(lines: list[str]) -> bool:
    """Whether a function of these ``lines`` may build a dict that passes/dict_locals.py
    replaces: a display, a ``dict(``/``OrderedDict(`` call or a ``.copy()`` (of a module's
    dict, maybe)."""
    return any("{" in line or "dict(" in line or "Dict(" in line or ".copy()" in line
               for line in lines)


def may_read_key(lines: list[str]) -> bool:
    """Whether a line of ``lines`` reads a string key (``g["delta"]``): of a parameter, or of
    the dict display a small helper returns (``g = greeks(s)``), inlined by
    passes/record_helpers.py and then a dict local."""
    return any('["' in line or "['" in line for line in lines)


def may_call_record_maker(fn: Any) -> bool:
    """Whether ``fn`` names a function of its own module, or of a module of its directory, that
    names a named tuple or dataclass class, or a class with an ``__init__`` written in Python
    (``s = make(x)`` where ``make`` returns ``S(...)``, ``layer = build(W)`` returning
    ``Dense(W, b)``, ``p = model.params(W)``; a classmethod of a class it names,
    ``Model.from_params(p)``: passes/class_constructors.py): a record its text does not show,
    which passes/record_helpers.py inlines (a few look-ups by name, no source read)."""
    if names_classmethod(fn):
        return True
    space, code = getattr(fn, "__globals__", None), getattr(fn, "__code__", None)
    names = code.co_names if space is not None and code is not None else ()
    for name in names:
        value = space.get(name)
        helpers = [getattr(value, n, None) for n in names] if isinstance(
            value, types.ModuleType) and _beside(value.__dict__, code) else [value]
        for helper in helpers:  # (`make(x)`, or `model.make(x)` of a module beside it; also
            if isinstance(helper, types.FunctionType) and (  # `from model import build`)
                    helper.__globals__ is space or _beside(helper.__globals__, code) or
                    _user_file(helper.__code__.co_filename)) and _names_record_class(helper):
                return True
    return False


def _user_file(filename: str) -> bool:
    """Whether ``filename`` is no file of Python's or of an installed package (under none of
    the interpreter's prefixes)."""
    return not filename.startswith((sys.prefix, sys.base_prefix, sys.exec_prefix, "<"))


def _names_record_class(helper: types.FunctionType) -> bool:
    """Whether ``helper`` reads a record class by name or as an attribute of a module it reads
    (``Acts(...)``, ``model.Acts(...)``)."""
    space, names = helper.__globals__, helper.__code__.co_names
    return any(_record_class(space.get(n)) or isinstance(space.get(n), types.ModuleType) and
               any(_record_class(getattr(space[n], m, None)) for m in names) for n in names)


def _beside(space: dict, code: Any) -> bool:
    """Whether the module of globals ``space`` is a file of the directory ``code``'s is in (a
    project's other module: ``from model import make``, not an installed package's)."""
    path = space.get("__file__")
    return isinstance(path, str) and os.path.dirname(path) == os.path.dirname(code.co_filename)


def _record_class(value: Any) -> bool:
    return isinstance(value, type) and (issubclass(value, tuple) and hasattr(value, "_fields")
                                        or hasattr(value, "__dataclass_fields__")  # (no import
                                        # of dataclasses, which compiles a pattern: a plain
                                        # first grad() compiles none; a plain class's:)
                                        or not issubclass(value, BaseException) and
                                        isinstance(getattr(value, "__init__", None),
                                                   types.FunctionType))


def may_hold_container(lines: list[str], fn: Any) -> bool:
    """Whether passes/dict_locals.py may find a dict or a record in ``fn`` (of ``lines``; a
    record under ``wrt`` rebuilt, ``p._replace(w=e)``, is a construction: passes/replaced_records.py)."""
    return may_build_dict(lines) or may_build_record(lines) or may_read_key(lines) or \
        may_call_record_maker(fn) or any("replace(" in line or "_asdict(" in line for line in lines)


def names_in(tree: gast.AST) -> set[str]:
    """Every identifier that appears in ``tree`` (variables and parameter names)."""
    return set(names(tree, functions=True))


class Namer:
    """Hands out fresh names that collide with nothing used so far."""

    def __init__(self, taken: set[str] | None = None):
        self.taken: set[str] = set(taken or ())
        self._counter = 0
        self._next: dict[str, int] = {}  # per base, the first suffix not yet tried

    def reserve(self, name: str) -> None:
        self.taken.add(name)

    def fresh(self, base: str) -> str:
        base = _sanitize(base)
        if base not in self.taken:
            self.taken.add(base)
            return base
        index = self._next.get(base, 1)
        while f"{base}_{index}" in self.taken:
            index += 1
        self._next[base] = index + 1
        name = f"{base}_{index}"
        self.taken.add(name)
        return name

    def temp(self) -> str:
        while True:
            self._counter += 1
            name = f"_t{self._counter}"
            if name not in self.taken:
                self.taken.add(name)
                return name

    def derived(self, expr: gast.AST) -> str:
        """A short name describing ``expr`` (``sin_x``), or a numbered temporary."""
        hint = describe(expr)
        if hint and len(hint) <= _MAX_DERIVED:
            return self.fresh(hint)
        return self.temp()

    def adjoint(self, name: str) -> str:
        return self.fresh(f"{name}_bar")

    def tangent(self, name: str) -> str:
        return self.fresh(f"{name}_dot")


def _sanitize(text: str) -> str:
    text = word_characters(text)
    if not text or text[0].isdigit():
        text = f"v_{text}"
    if keyword.iskeyword(text):
        text = f"{text}_"
    return text


def word_characters(text: str) -> str:
    """``re.sub(r"\\W", "_", text)`` without compiling a pattern: each character neither
    alphanumeric nor ``_`` (as ``str.isalnum`` tells, which is what ``\\w`` reads) made ``_``."""
    if text.isascii() and text.replace("_", "a").isalnum():
        return text
    return "".join(c if c.isalnum() or c == "_" else "_" for c in text)


def _atom_word(node: gast.AST) -> str | None:
    if isinstance(node, gast.Name):
        return node.id.lstrip("_") or None
    if (isinstance(node, gast.Constant) and isinstance(node.value, (int, float))
            and not isinstance(node.value, bool) and float(node.value).is_integer()
            and 0 <= node.value < 100):
        return str(int(node.value))
    return None


def _index_word(base: str, index: gast.AST) -> str:
    if isinstance(index, gast.Constant) and isinstance(index.value, int):
        return f"{base}{index.value}" if index.value >= 0 else f"{base}_last"
    if isinstance(index, gast.Slice) or (isinstance(index, gast.Tuple) and any(
            isinstance(e, gast.Slice) for e in index.elts)):
        return f"{base}_slice"
    return f"{base}_item"


def _binop_words(expr: gast.BinOp) -> str | None:
    left, right = _atom_word(expr.left), _atom_word(expr.right)
    word = _BINOP_WORDS.get(type(expr.op))
    if not (left and right and word):
        return None
    if left[0].isdigit():
        if not isinstance(expr.op, (gast.Add, gast.Mult)) or right[0].isdigit():
            return None
        left, right = right, left  # 3 * x reads as x_times_3
    return f"{left}_{word}_{right}"


def describe(expr: gast.AST) -> str | None:
    """A few words naming what ``expr`` computes, or ``None`` when no short name fits."""
    if isinstance(expr, gast.Call):
        func = expr.func
        fname = func.attr if isinstance(func, gast.Attribute) else getattr(func, "id", None)
        if fname is None:
            return None
        receiver = _atom_word(func.value) if isinstance(func, gast.Attribute) else None
        args = [_atom_word(a) for a in expr.args[:1]]
        if receiver and not isinstance(func.value, gast.Name):
            receiver = None
        if receiver and receiver not in {"np", "numpy", "math"}:
            return f"{fname}_{receiver}"
        if args and args[0]:
            return f"{fname}_{args[0]}"
        return fname
    if isinstance(expr, gast.BinOp):
        return _binop_words(expr)
    if isinstance(expr, gast.UnaryOp) and isinstance(expr.op, gast.USub):
        word = _atom_word(expr.operand)
        return f"neg_{word}" if word else None
    if isinstance(expr, gast.Attribute):
        word = _atom_word(expr.value)
        return f"{word}_{expr.attr}" if word else None
    if isinstance(expr, gast.Subscript):
        word = _atom_word(expr.value)
        return _index_word(word, expr.slice) if word else None
    return None


def renamed(node: gast.AST, new: dict[str, str]) -> gast.AST:
    """A copy of ``node`` with each name in ``new`` (read or bound) replaced by its new one."""
    copied = clone(node)
    for child in walk(copied):
        if isinstance(child, gast.Name) and child.id in new:
            child.id = new[child.id]
    return copied


def fresh_name(word: str, taken: set[str]) -> str:
    """``_word`` (then ``_word2``, ``_word3``...): the first not in ``taken``, which it joins."""
    candidate, k = f"_{word}", 1
    while candidate in taken:
        k += 1
        candidate = f"_{word}{k}"
    taken.add(candidate)
    return candidate


def dotted(node: gast.AST) -> list[str] | None:
    """``np.linalg.norm`` → ``['np', 'linalg', 'norm']``; ``None`` for anything else."""
    parts = []
    while isinstance(node, gast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, gast.Name):
        return None
    parts.append(node.id)
    return parts[::-1]

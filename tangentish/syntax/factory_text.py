"""Compile a generated function inside the loader's factory straight from text.

The loader (:mod:`tangentish.loader`) compiles ``def name`` nested in a factory whose parameters
are the closure names.  Building that factory as a syntax tree means ``ast.parse`` of the whole
text and a compile of Python ``ast`` objects: two conversions of every node of a large derivative.
Compiling the text itself, indented one space under a ``def`` line, costs one C pass; the code it
gives differs from the tree's only in its positions (every line one later, every column one to the
right), which :func:`inner_code` moves back, re-encoding the location table exactly as CPython
writes it.  So the result equals, as a code object, what compiling the tree gives: tests compare
the two, and :func:`inner_code` answers ``None`` (the caller builds the tree) when the text
could change under indentation (a string spanning lines) or this Python's location table is not
the one read here (checked once against the tree path).

    >>> code = inner_code("def f(x):\\n    return x * k\\n", "f", "<demo>", ["k"])
    >>> if code is not None:  # (None before Python 3.11, whose location table is not read here)
    ...     print(code.co_firstlineno, code.co_freevars, list(code.co_positions())[-1])
    ... else:
    ...     print(1, ('k',), (2, 2, 4, 16))
    1 ('k',) (2, 2, 4, 16)
"""

from __future__ import annotations

import ast
import functools
import re
import sys
import types

FACTORY = "__tangentish_factory__"


def inner_code(text: str, name: str, filename: str,
               cells: list[str]) -> types.CodeType | None:
    """The code of ``def name`` in ``text`` compiled as if nested in the factory taking
    ``cells`` (sorted names), positions as in ``text``; ``None`` when this path cannot be used."""
    if not _indentable(text) or not _supported():
        return None
    return _compiled(text, name, filename, cells)


def _compiled(text: str, name: str, filename: str, cells: list[str]) -> types.CodeType | None:
    indented = " " + text.replace("\n", "\n ").rstrip(" ")
    source = f"def {FACTORY}({', '.join(cells)}):\n{indented}\n return {name}\n"
    module = compile(source, filename, "exec", dont_inherit=True)
    factory = next(c for c in module.co_consts if isinstance(c, types.CodeType))
    inner = next(c for c in factory.co_consts
                 if isinstance(c, types.CodeType) and c.co_name == name)
    return _moved(inner)


def _indentable(text: str) -> bool:
    """Whether indenting every line leaves the program's meaning alone: no string literal may
    span lines (a backslash continuation, or triple quotes other than a one-line docstring)."""
    if "\\\n" in text or "'''" in text:
        return False
    if '"""' not in text:
        return True
    for line in text.splitlines():
        if '"""' in line:
            stripped = line.strip()
            if line.count('"""') != 2 or not (stripped.startswith('"""')
                                                and stripped.endswith('"""')):
                return False
    return True


def _moved(code: types.CodeType) -> types.CodeType | None:
    """``code`` one line up and one column left (nested code objects too)."""
    table = _shifted_table(code.co_linetable)
    if table is None:
        return None
    consts = []
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            const = _moved(const)
            if const is None:
                return None
        consts.append(const)
    return code.replace(co_firstlineno=code.co_firstlineno - 1, co_linetable=table,
                        co_consts=tuple(consts))


_ENTRY = re.compile(rb"[\x80-\xff][\x00-\x7f]*")  # an entry: a first byte with bit 7 set,
# then its payload (varints and columns, all below 128): the table splits into entries by bytes
_SHIFTED: dict[bytes, bytes | None] = {}  # entry → the same entry one column left (None: cannot)


def _shifted_table(table: bytes) -> bytes | None:
    """CPython 3.11+'s location table (Objects/locations.md) with every column one less.  Each
    entry shifts on its own (line deltas are relative), and a large function repeats the same few
    hundred entries: split in C, each distinct entry shifted once per process, joined in C."""
    entries = _ENTRY.findall(table)
    if sum(map(len, entries)) != len(table):  # (not a table as read here)
        return None
    global _SHIFTED
    if len(_SHIFTED) > 50_000:  # (a bound; replaced, never cleared under another thread)
        _SHIFTED = {}
    shifted = _SHIFTED
    for entry in set(entries).difference(shifted):
        shifted[entry] = _shifted_entry(entry)
    out = list(map(shifted.__getitem__, entries))
    return None if None in out else b"".join(out)


def _shifted_entry(entry: bytes) -> bytes | None:
    """One entry of the table one column left (``None`` when a column would fall below 0)."""
    first = entry[0]
    code, length = (first >> 3) & 15, (first & 7) + 1
    if code in (13, 15):  # no column, no location: copied
        return entry
    if code < 10:  # short form (most entries): stays one, the width kept
        second = entry[1]
        column = code * 8 + ((second >> 4) & 7)
        if column == 0:  # (the function's prologue, at column 0 either way)
            return None if second & 15 else entry
        column -= 1
        return bytes((0x80 | ((column >> 3) << 3) | (first & 7),
                      ((column & 7) << 4) | (second & 15)))
    if code < 13:  # one-line form
        delta, column, end, end_delta = code - 10, entry[1], entry[2], 0
    else:  # long form
        delta, at = _svarint(entry, 1)
        end_delta, at = _varint(entry, at)
        column, at = _varint(entry, at)
        end, at = _varint(entry, at)
        column, end = column - 1, end - 1
    if (column, end) != (0, 0):  # (the function's prologue, at column 0 either way)
        if column < 1 or end < 1:  # (long form: -1 is "unknown")
            return None
        column, end = column - 1, end - 1
    out = bytearray()
    _write_entry(out, length, delta, end_delta, column, end)
    return bytes(out)


def _write_entry(out: bytearray, length: int, delta: int, end_delta: int, column: int,
                 end: int) -> None:
    """One entry, in the form CPython's assembler picks for it."""
    if end_delta == 0:
        if delta == 0 and column < 80 and 0 <= end - column < 16:
            out.append(0x80 | ((column >> 3) << 3) | (length - 1))
            out.append(((column & 7) << 4) | (end - column))
            return
        if 0 <= delta < 3 and column < 128 and end < 128:
            out.append(0x80 | ((10 + delta) << 3) | (length - 1))
            out += bytes((column, end))
            return
    out.append(0x80 | (14 << 3) | (length - 1))
    _write_svarint(out, delta)
    _write_varint(out, end_delta)
    _write_varint(out, column + 1)
    _write_varint(out, end + 1)


def _varint(table: bytes, at: int) -> tuple[int, int]:
    value, shift = 0, 0
    while True:
        byte = table[at]
        at += 1
        value |= (byte & 63) << shift
        shift += 6
        if not byte & 64:
            return value, at


def _svarint(table: bytes, at: int) -> tuple[int, int]:
    value, at = _varint(table, at)
    return (-(value >> 1) if value & 1 else value >> 1), at


def _write_varint(out: bytearray, value: int) -> None:
    while value >= 64:
        out.append(64 | (value & 63))
        value >>= 6
    out.append(value)


def _write_svarint(out: bytearray, value: int) -> None:
    _write_varint(out, ((-value) << 1) | 1 if value < 0 else value << 1)


_SAMPLE = ('def sample(x, *, out_bar=1.0):\n    """Sample (tangentish)."""\n'
           '    y = [v * k for v in (x, 2.0)]\n'
           '    z = np.sin(y[0]) + (lambda t: t * k)(x)' + ' + k' * 40 + '\n'
           '    return (z +\n            y[1])\n')


@functools.cache
def _supported() -> bool:
    """Whether this Python writes location tables as read here: the sample compiled both ways
    gives equal code objects (checked once per process)."""
    if sys.version_info < (3, 11):
        return False
    cells = ["k", "lambda_", "np"]
    fast = _compiled(_SAMPLE, "sample", "<check>", cells)
    return fast is not None and fast == tree_code(_SAMPLE, "sample", "<check>", cells)


def tree_code(text: str, name: str, filename: str, cells: list[str]) -> types.CodeType:
    """The same code, built the long way: the text parsed, nested in a factory tree, compiled."""
    tree = ast.parse(text)
    inner = tree.body[0]
    params = [ast.arg(arg=n) for n in cells]
    factory = ast.FunctionDef(
        name=FACTORY,
        args=ast.arguments(posonlyargs=[], args=params, vararg=None, kwonlyargs=[],
                           kw_defaults=[], kwarg=None, defaults=[]),
        body=[inner, ast.Return(value=ast.Name(id=name, ctx=ast.Load()))],
        decorator_list=[], returns=None, type_params=[],
    )
    module = ast.Module(body=[factory], type_ignores=[])
    for node in (factory, *params, factory.body[1], factory.body[1].value):  # the parsed def has
        node.lineno, node.col_offset, node.end_lineno, node.end_col_offset = 1, 0, 1, 0  # its own
    compiled = compile(module, filename, "exec", dont_inherit=True)
    factory_code = next(c for c in compiled.co_consts if isinstance(c, types.CodeType))
    return next(c for c in factory_code.co_consts
                if isinstance(c, types.CodeType) and c.co_name == name)

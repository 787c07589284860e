"""Compile a generated function inside the loader's factory straight from text.

The loader (:mod:`tangentish.loader`) compiles ``def name`` nested in a factory whose parameters
are the closure names.  Building that factory as a syntax tree means ``ast.parse`` of the whole
text and a compile of Python ``ast`` objects: two conversions of every node of a large derivative.
Compiling the text itself under a ``def`` line costs one C pass.  Only the text's first line, its
``def``, is indented (one space, under the factory's ``def``): the body, already indented deeper,
stays as written, so every position in it keeps its column and only moves one line down.  The
function's own code holds nothing of its ``def`` line but its prologue, which sits at column 0
either way (its defaults run in the factory); so the code differs from the tree's only in its
first line number (relative line steps do the rest), which :func:`inner_code` moves back, in
nested code objects too.  The result equals, as a code object, what compiling the tree gives:
tests compare the two, and :func:`inner_code` answers ``None`` (the caller builds the tree) when
the first line is not a plain ``def`` or this Python's code does not come out equal (checked once
against the tree path).

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
import sys
import types

FACTORY = "__tangentish_factory__"


def inner_code(text: str, name: str, filename: str,
               cells: list[str]) -> types.CodeType | None:
    """The code of ``def name`` in ``text`` compiled as if nested in the factory taking
    ``cells`` (sorted names), positions as in ``text``; ``None`` when this path cannot be used."""
    if not _plain_def(text) or not _supported():
        return None
    return _compiled(text, name, filename, cells)


def _compiled(text: str, name: str, filename: str, cells: list[str]) -> types.CodeType:
    first, _, body = text.partition("\n")
    source = f"def {FACTORY}({', '.join(cells)}):\n {first}\n{body.rstrip()}\n return {name}\n"
    module = compile(source, filename, "exec", dont_inherit=True)
    factory = next(c for c in module.co_consts if isinstance(c, types.CodeType))
    inner = next(c for c in factory.co_consts
                 if isinstance(c, types.CodeType) and c.co_name == name)
    return _moved(inner)


def _plain_def(text: str) -> bool:
    """Whether the first line is a whole ``def`` (no string or line continuing past it)."""
    first = text.partition("\n")[0]
    return first.startswith("def ") and first.endswith(":") and "\\" not in first \
        and "'''" not in first and '"""' not in first


def _moved(code: types.CodeType) -> types.CodeType:
    """``code`` one line up (nested code objects too)."""
    consts = tuple(_moved(c) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    return code.replace(co_firstlineno=code.co_firstlineno - 1, co_consts=consts)


_SAMPLE = ('def sample(x, *, out_bar=1.0):\n    """Sample (tangentish)."""\n'
           '    y = [v * k for v in (x, 2.0)]\n'
           '    z = np.sin(y[0]) + (lambda t: t * k * x)(x)' + ' + k' * 40 + '\n'
           '    s = """two\nlines"""\n'
           '    return (z +\n            y[1])\n')


@functools.cache
def _supported() -> bool:
    """Whether this Python's code comes out as read here: the sample (a comprehension, a lambda
    reading a parameter, a string spanning lines) compiled both ways gives equal code objects
    (checked once per process)."""
    if sys.version_info < (3, 11):
        return False
    cells = ["k", "lambda_", "np"]
    return _compiled(_SAMPLE, "sample", "<check>", cells) == tree_code(_SAMPLE, "sample",
                                                                        "<check>", cells)


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

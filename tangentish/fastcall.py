"""The call wrapper's plain path, written out for one gradient's arity.

A plain call of a ``grad`` derivative (every argument by position; each one under ``wrt`` a
Python float or a floating ndarray, each other one a Python int, bool, float or an ndarray:
:func:`tangentish.specialize.plain_shapes`) needs no argument check, and when the gradients come
back plain (:func:`tangentish.arguments.results.plain_gradient`: a real scalar for a float, an
ndarray of its argument's dtype and shape, no view, no array returned twice) none of them either.
Asking that through generic helpers costs loops, ``zip`` and calls: a few microseconds, as much as
a small gradient itself.  :func:`plain_path` writes the same tests out for this derivative's
number of arguments and its ``wrt``, so a call costs a few attribute reads per argument.  The
text is made once per derivative, from a fixed template (nothing of the user's is in it), and it
makes exactly :func:`plain_shapes`'s key and :func:`plain_gradients`'s decision
(``tests/test_call_paths.py`` checks both paths against each other); any other call, and any
result that is not plain, is the checked path's.

    >>> print(plain_text((True, False), None, True).splitlines()[4])
        c = a0.__class__
"""

from __future__ import annotations

import os
from collections.abc import Callable

import numpy as np

from .arguments.results import plain_gradients
from .specialize import INT_MARK, OTHER_MARK

_FILENAME = os.path.join(os.path.dirname(os.path.abspath(__file__)), "<plain call>")
"""Inside the package's directory (error locations skip its frames, as they skip the package's),
no file of it (tracebacks show no line of another file)."""
_PAIRS = 4  # up to this many gradients the no-array-twice test is written out pairwise


def plain_path(wanted: tuple[bool, ...], single: int | None,
               table: dict | None, generated: Callable) -> tuple[Callable, Callable]:
    """``(pick, plain)`` for a gradient: ``pick(args)`` the generated function a plain call with
    these positional arguments runs (None: not a plain call, or no function for its key yet);
    ``plain(result, args)`` whether what it returned needs no check.  ``wanted[i]``: whether
    argument ``i`` is under ``wrt``; ``single``: its position when the gradient is one value (else
    None: a tuple); ``table``: the specialized functions by key (None: always ``generated``).
    (Two functions, not one that calls the generated code: a traceback through a call shows no
    more frames of tangentish's than before.)"""
    namespace = {"ndarray": np.ndarray, "float64": np.float64, "F64": np.dtype(np.float64),
                 "I64": np.dtype(np.int64), "INT": INT_MARK, "OTHER": OTHER_MARK,
                 "table": table, "generated": generated, "plain_gradients": plain_gradients}
    exec(compile(plain_text(wanted, single, table is not None), _FILENAME, "exec"), namespace)
    return namespace["pick"], namespace["plain"]


def plain_text(wanted: tuple[bool, ...], single: int | None, specialized: bool) -> str:
    """The text :func:`plain_path` compiles."""
    names = "".join(f"a{i}, " for i in range(len(wanted)))
    lines = ["def pick(args):",
             f"    if len(args) != {len(wanted)}:",
             "        return None",
             f"    {names}= args"]
    for index, differentiated in enumerate(wanted):
        lines += _entry(index, differentiated)
    if specialized:
        lines.append(f"    return table.get(({''.join(f'k{i}, ' for i in range(len(wanted)))}))")
    else:
        lines.append("    return generated")
    lines += ["", "", "def plain(result, args):", f"    {names}= args"]
    positions = [i for i, w in enumerate(wanted) if w]
    lines += _single(single) if single is not None else _several(positions)
    lines.append("    return False")
    return "\n".join(lines) + "\n"


def _entry(index: int, differentiated: bool) -> list[str]:
    """``k<index>``: the argument's :func:`plain_shapes` entry (None returned: not plain)."""
    a, k = f"a{index}", f"k{index}"
    lines = [f"    c = {a}.__class__",
             "    if c is ndarray:",
             f"        d = {a}.dtype",
             "        if d is F64:",
             f"            {k} = {a}.shape"]
    if differentiated:
        lines += ["        elif d.kind != 'f':", "            return None"]
    lines += ["        else:",
              f"            {k} = (INT if d is I64 else OTHER, {a}.shape)",
              "    elif c is float:",
              f"        {k} = ()"]
    if not differentiated:
        lines += ["    elif c is int or c is bool:", f"        {k} = (INT, ())"]
    return lines + ["    else:", "        return None"]


def _plain(g: str, a: str) -> str:
    """The test of :func:`plain_gradient` (and, for an array, no view) as an expression."""
    return (f"((({g}.__class__ is float or {g}.__class__ is float64) if {a}.__class__ is float "
            f"else ({g}.__class__ is ndarray and {g}.base is None and {g}.dtype == {a}.dtype "
            f"and {g}.shape == {a}.shape)))")


def _single(position: int) -> list[str]:
    a = f"a{position}"
    test = (f"(result.__class__ is float or result.__class__ is float64) if {a}.__class__ is "
            f"float else (result.__class__ is ndarray and result.dtype == {a}.dtype and "
            f"result.shape == {a}.shape)")
    return [f"    if {test}:", "        return True"]


def _several(positions: list[int]) -> list[str]:
    if len(positions) > _PAIRS:
        return [f"    return plain_gradients(result, args, {tuple(positions)!r})"]
    grads = [f"g{i}" for i in range(len(positions))]
    tests = [_plain(g, f"a{p}") for g, p in zip(grads, positions, strict=True)]
    tests += [f"({x} is not {y} or {x}.__class__ is not ndarray)"
              for i, x in enumerate(grads) for y in grads[i + 1:]]
    joined = " and\n            ".join(tests)
    return [f"    if result.__class__ is tuple and len(result) == {len(positions)}:",
            f"        {''.join(g + ', ' for g in grads)}= result",
            f"        if ({joined}):",
            "            return True"]

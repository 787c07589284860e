"""The call wrapper's plain path, written out for one gradient's arity.

A plain call of a ``grad`` derivative (every argument by position; each one under ``wrt`` a
Python float or a floating ndarray, each other one a Python int, bool, float or an ndarray:
:func:`tangentish.specialize.plain_shapes`) needs no argument check, and when the gradients come
back plain (:func:`tangentish.arguments.results.plain_gradient`: a real scalar for a float, an
ndarray of its argument's dtype and shape, no view, no array returned twice) none of them either.
Asking that through generic helpers costs loops, ``zip`` and calls: a few microseconds, as much as
a small gradient itself.  :func:`plain_path` writes the same tests out for this derivative's
number of arguments and its ``wrt``, into the function users call: it runs the generated code
itself (one frame of tangentish's in a traceback, as the checked path has), so a call costs a few
attribute reads per argument.  The text is made once per derivative, from a fixed template
(nothing of the user's is in it), and it makes exactly :func:`plain_shapes`'s key and
:func:`plain_gradients`'s decision (``tests/test_call_paths.py`` checks both paths against each
other); any other call goes to the checked path, and a result that is not plain to its check.

    >>> print(plain_text((True, False), None, True).splitlines()[8])
            c0 = a0.__class__

An error of tangentish's that escapes the generated code gets the location of the user's statement
it came from (:func:`tangentish.provenance.locate`: one ``try`` around the whole body, which costs
a call nothing until something is raised).

A derivative that must follow the helpers it reaches (:mod:`tangentish.stale`) checks them first
thing, in the same function: ``watch`` (None: nothing to check) tests them, ``stale(args,
kwargs)`` answers a call they fail.  :func:`watching` makes that function from the same code with
its own ``watch``: a wrapper around the derivative cost a helpers workload's call about 1 us
(packing and unpacking the arguments, a frame), the test itself 0.15 us.
"""

from __future__ import annotations

import functools
import os
import types
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from .arguments.results import plain_gradients
from .errors import TangentishError
from .persist.store import compiled
from .provenance import locate
from .specialize import INT_MARK, OTHER_MARK

if TYPE_CHECKING:
    from .arguments import CallCheck, Wrt
    from .records import Options

_FILENAME = os.path.join(os.path.dirname(os.path.abspath(__file__)), "<plain call>")
"""Inside the package's directory (error locations skip its frames, as they skip the package's),
no file of it (tracebacks show no line of another file)."""
_NO = type("NoArgument", (), {"__repr__": lambda self: "<no argument>"})()
"""The default of the wrapper's positional parameters: an argument not given."""
_PAIRS = 4  # up to this many gradients the no-array-twice test is written out pairwise


def plain_path(wanted: tuple[bool, ...], single: int | None, table: dict | None,
               generated: Callable, prepare: Callable, checked: Callable,
               order: tuple[int, ...] | None = None) -> Callable:
    """The derivative users call, for a gradient: a plain call runs the generated function for
    its key in ``table`` (``generated`` when ``table`` is None: no specializations) and returns
    what it gives when that is plain, else ``checked(result, primals)``; any other call (or one
    whose key has no function yet) takes the checked path: ``prepare(args, kwargs)`` checks and
    binds it (``(function, args, kwargs, primals)``), then the function runs here too (one frame
    of tangentish's in a traceback on either path).
    ``wanted[i]``: whether argument ``i`` is under ``wrt``; ``single``: its position when the
    gradient is one value (else None: a tuple); ``order``: the positions under ``wrt`` in the
    order of the gradients (default: ascending)."""
    namespace = {"ndarray": np.ndarray, "float64": np.float64, "F64": np.dtype(np.float64),
                 "I64": np.dtype(np.int64), "INT": INT_MARK, "OTHER": OTHER_MARK, "NO": _NO,
                 "lookup": None if table is None else table.get,  # (the table is never replaced)
                 "last": [(_NO,) * (len(wanted) + 1)],  # (no call yet: no key is _NO)
                 "generated": generated, "plain_gradients": plain_gradients,
                 "prepare": prepare, "checked": checked, "TangentishError": TangentishError,
                 "locate": locate, "watch": None, "stale": None}
    text = plain_text(wanted, single, table is not None, order)
    exec(compiled(text, _FILENAME), namespace)  # (the persistent cache's, when it is on)
    derivative = namespace["derivative"]
    derivative.watching = functools.partial(watching, derivative, namespace)
    return derivative


def watching(derivative: Callable, namespace: dict, watch: Callable[[], bool],
             stale: Callable[[tuple, dict], object]) -> Callable:
    """``derivative`` (with the attributes it has now) checking ``watch()`` before each call, and
    answering one it fails by ``stale(args, kwargs)``; ``derivative`` itself is its
    ``unguarded``."""
    code = derivative.__code__
    checked = types.FunctionType(code, {**namespace, "watch": watch, "stale": stale},
                                 code.co_name, derivative.__defaults__)
    functools.update_wrapper(checked, derivative)  # (its attributes: source, record, ...)
    del checked.watching
    checked.__wrapped__ = getattr(derivative, "__wrapped__", derivative)  # (the generated one)
    checked.unguarded = derivative
    return checked


def plain_text(wanted: tuple[bool, ...], single: int | None, specialized: bool,
               order: tuple[int, ...] | None = None) -> str:
    """The text :func:`plain_path` compiles."""
    count = len(wanted)
    names = "".join(f"a{i}, " for i in range(count))
    lines = [f"def derivative({''.join(f'a{i}=NO, ' for i in range(count))}/, *args, **kwargs):",
             "    if watch is not None and not watch():  # (a helper rebound: stale.py)",
             f"        return stale((*[a for a in ({names}) if a is not NO], *args), kwargs)",
             f"    if kwargs or args or a{count - 1} is NO:",
             f"        args = (*[a for a in ({names}) if a is not NO], *args)",
             *_unplain("        ")]
    given = f"({names})"  # (the arguments of a call that has all of them, and no more)
    for index, differentiated in enumerate(wanted):
        lines += _entry(index, differentiated, given)
    if specialized:
        lines += _looked_up(count, given)
    else:
        lines.append("    run = generated")
    lines.append(f"    result = run({names})")
    positions = list(order) if order is not None else [i for i, w in enumerate(wanted) if w]
    lines += _single(single) if single is not None else _several(positions, given)
    lines.append(f"    return checked(result, [{', '.join(f'a{p}' for p in positions)}])")
    return "\n".join([*lines[:3], "    try:", *("    " + line for line in lines[3:]),
                      "    except BaseException as exc:", "        locate(exc)",
                      "        raise"]) + "\n"


def _looked_up(count: int, given: str) -> list[str]:
    """``run``, the function for the keys ``k<i>``: the last call's when its keys are equal
    (``last[0]``, one tuple of the keys and the function, replaced whole: a thread reads one
    call's or another's, never a mix), else the table's, which then becomes the last.  Comparing
    a few keys costs less than hashing them all (shape tuples cache no hash) and looking up."""
    keys = "".join(f"k{i}, " for i in range(count))
    same = " and ".join(f"m[{i}] == k{i}" for i in range(count))
    return ["    m = last[0]",
            f"    if {same}:",
            f"        run = m[{count}]",
            "    else:",
            f"        run = lookup(({keys}))",
            "        if run is None:", *_unplain("            ", given),
            f"        last[0] = ({keys}run)"]


def _unplain(indent: str, given: str = "args") -> list[str]:
    """The checked path, from where a call turned out not to be plain (``given``: its positional
    arguments)."""
    return [f"{indent}run, args, kwargs, primals = prepare({given}, kwargs)",
            f"{indent}return args if run is None else checked(run(*args, **kwargs), primals, "
            "kwargs)"]


def _entry(index: int, differentiated: bool, given: str) -> list[str]:
    """``k<index>``: the argument's :func:`plain_shapes` entry (the checked path: not plain);
    for an array, ``d<index>`` and ``s<index>``: its dtype and shape, which the gradients' test
    reuses (``a.shape`` makes a new tuple at each read: reading it again, and comparing dtypes
    by ``==`` where they are one object, cost about a third of the wrapper's instructions at
    small arrays)."""
    a, k, c, d, s = (f"{letter}{index}" for letter in "akcds")
    lines = [f"    {c} = {a}.__class__",
             f"    if {c} is ndarray:",
             f"        {d} = {a}.dtype",
             f"        if {d} is F64:",
             f"            {k} = {s} = {a}.shape"]
    if differentiated:
        lines += [f"        elif {d}.kind != 'f':", *_unplain("            ", given)]
    lines += ["        else:",
              f"            {s} = {a}.shape",
              f"            {k} = (INT if {d} is I64 else OTHER, {s})",
              f"    elif {c} is float:",
              f"        {k} = ()"]
    if not differentiated:
        lines += [f"    elif {c} is int or {c} is bool:", f"        {k} = (INT, ())"]
    return lines + ["    else:", *_unplain("        ", given)]


def _plain(g: str, a: str) -> str:
    """The test of :func:`plain_gradient` (and, for an array, no view) as an expression (``c<i>``:
    the class of argument ``a<i>``, read by its entry)."""
    i = a[1:]
    return (f"((((h := {g}.__class__) is float or h is float64) if c{i} is float "
            f"else ((h := {g}.__class__) is ndarray and {g}.base is None and "
            f"{_same_dtype(g, i)} and {g}.shape == s{i} and s{i})))")  # (0-d: a NumPy scalar)


def _same_dtype(g: str, i: str) -> str:
    """``g.dtype == d<i>`` (the argument's dtype), by identity first: the same dtype object in
    nearly every call, and ``==`` costs several times ``is``."""
    return f"((t := {g}.dtype) is d{i} or t == d{i})"


def _single(position: int) -> list[str]:
    test = (f"((h := result.__class__) is float or h is float64) if c{position} is "
            f"float else ((h := result.__class__) is ndarray and "
            f"{_same_dtype('result', str(position))} and result.shape == s{position} and "
            f"s{position})")
    return [f"    if {test}:", "        return result"]


def _several(positions: list[int], given: str) -> list[str]:
    if len(positions) > _PAIRS:
        return [f"    if plain_gradients(result, {given}, {tuple(positions)!r}):",
                "        return result"]
    grads = [f"g{i}" for i in range(len(positions))]
    tests = [_plain(g, f"a{p}") for g, p in zip(grads, positions, strict=True)]
    tests += [f"({x} is not {y} or {x}.__class__ is not ndarray)"
              for i, x in enumerate(grads) for y in grads[i + 1:]]
    joined = " and\n            ".join(tests)
    return [f"    if result.__class__ is tuple and len(result) == {len(positions)}:",
            f"        {''.join(g + ', ' for g in grads)}= result",
            f"        if ({joined}):",
            "            return result"]


def fast_path(check: CallCheck, wrt: Wrt, options: Options) -> tuple | None:
    """Per positional argument, whether it is differentiated, for a gradient whose plain calls need
    no more than :func:`plain_shapes` (a float or an ndarray under ``wrt`` is no container)."""
    if options.mode != "grad" or options.has_aux or None in wrt.positions \
            or check.least > len(check.positional):
        return None
    return tuple(position in wrt.positions for position in range(len(check.positional)))

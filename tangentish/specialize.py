"""Derivatives specialized to a call signature: the ranks, size-one axes and kinds of the arguments.

A derivative serves every shape, so it keeps shape-generic helpers (``_rt.unbroadcast(g, x)``,
``_rt.matmul_left(g, a, b)``) where the shapes of a given call would let plain NumPy say it
(``np.sum(g, axis=0)``, ``g @ b.T``) or say nothing.  Broadcasting is decided by exactly each
array's rank and which of its axes have length 1, so a call's :func:`signature` is one *pattern*
per positional argument (:mod:`tangentish.passes.patterns`): an ndarray's tuple of ``n == 1`` per
axis, ``()`` for a Python or NumPy scalar, ``None`` (unknown: the generic code for it) for anything
else; with it, the argument's *kind* (``"float64"``, ``"int"`` or None: another dtype), from which
:mod:`tangentish.passes.dtypes` proves values float64 (a seed the caller checks, reductions'
adjoints spread by broadcasting).  :class:`Specializations` maps a signature to a derivative
transformed with those facts: the signature *is* the facts, so a call never runs a body
specialized to other shapes or dtypes.

A signature's :data:`HOT`-th call builds its derivative (the calls before it run the generic one:
a derivative called a few times is not transformed twice, see :data:`HOT`); ``source_for`` builds
it at once (:meth:`Specializations.source`), and so does every call under
``TANGENTISH_SPECIALIZE_EAGERLY=1``.  Calls whose arguments are none of them an ndarray
or a scalar, and every call once :data:`LIMIT` signatures are specialized, run the generic
derivative.  Scalars count: a loop over Python floats specialized to rank 0 loses its
``_rt.unbroadcast`` calls, which cost more than the arithmetic they follow.  A specialized
transform that raises leaves its signature with the generic derivative: the call that asked for
it, and every later one, runs the generic code (facts only add knowledge, so such a failure is
the specialization's to give up, never the call's).  Threads: lookups take
no lock; building takes one and looks again first, so each signature is compiled once.
"""

from __future__ import annotations

import _thread
import types
from collections.abc import Callable
from typing import Any

import numpy as np

from .arguments import POSITIONAL, parameters
from .errors import NonScalarOutputError, TangentishError
from .records import ENVIRONMENT, Derive, Options, Record
from .registry import REGISTRY
from .syntax.scope import first_broken

HOT = 64
"""The call with one signature that builds its specialized derivative (the calls before it run
the generic one).  Like a JIT's threshold: a specialization is one more transform, 8-46 ms for
the benchmark's workloads, and it saves 5-66 us per call (generic calls of 11-138 us, measured on
their smallest sizes: ci16 in benchmarks/RESULTS.md), so it pays for itself after 270-3,200
calls.  Building it at the 64th call, a derivative has spent 0.7-9 ms in generic calls by then,
under a build's cost (so a loop's total is at most about twice the best choice's, the
ski-rental bound), while derivatives called a few times (a script, a check, a test) never pay a
build they cannot earn back.  (It was the second call: ~15% of the test suite's CPU was
specializations that one more call then ran.)"""
LIMIT = 8
"""Signatures specialized per derivative; calls with others run the generic derivative."""
SHAPES = 64
"""Distinct argument shapes remembered (each with the function it runs) per derivative."""


_F64, _I64 = np.dtype(np.float64), np.dtype(np.int64)


def below_2(version: str) -> bool:
    """``np.lib.NumpyVersion(version) < "2.0.0"`` (whose patterns cost a first ``grad()`` 0.2 ms
    to compile): a 1.x, or 2.0.0 with anything after it (a release candidate, a dev build)."""
    major, _, rest = version.partition(".")
    return int(major) < 2 or (major == "2" and rest.startswith("0.0") and rest != "0.0"
                              and not rest[3:4].isdigit())


_VALUE_BASED = below_2(np.__version__)
"""NumPy 1.x promotes by value: a float64 scalar times a float32 array is float32 there, so the
folds a specialization writes (``out_bar * x`` for a helper that promotes with
``_rt``'s ``_cotangent``) would round; calls with arrays of other dtypes run the generic derivative."""
INT_MARK, OTHER_MARK = "i", "?"  # a key's marks of an argument's kind (none: float64)


def shapes(args: tuple) -> tuple:
    """What a call's signature is computed from, cheaply: one entry per positional argument, its
    shape (an ndarray's; ``()`` for a Python or NumPy scalar) when it holds float64 values (a
    Python float, ``np.float64``, a float64 ndarray), ``(mark, shape)`` for other numbers
    (:data:`INT_MARK` for a Python int or bool, an int64 ndarray; :data:`OTHER_MARK` for other dtypes),
    or None (anything else)."""
    return tuple([_entry(value) for value in args])


def _entry(value: Any) -> Any:
    kind = value.__class__
    if kind is np.ndarray:
        dtype = value.dtype
        return value.shape if dtype is _F64 else (INT_MARK if dtype is _I64 else OTHER_MARK, value.shape)
    if kind is float or kind is np.float64:
        return ()
    if kind is int or kind is bool:
        return INT_MARK, ()
    return (OTHER_MARK, ()) if isinstance(value, np.generic) else None


def plain_shapes(args: tuple, differentiated: tuple[bool, ...]) -> tuple | None:
    """:func:`shapes` of a call whose arguments need no checking or promotion (the call
    wrapper's fast path): each differentiated argument a Python float or a floating ndarray,
    each other one a Python number or an ndarray; None for any other call."""
    key = []
    for value, wanted in zip(args, differentiated, strict=True):  # (the caller checked)
        kind = value.__class__
        if kind is np.ndarray:
            dtype = value.dtype
            if dtype is _F64:
                key.append(value.shape)
                continue
            if wanted and dtype.kind != "f":
                return None
            key.append((INT_MARK if dtype is _I64 else OTHER_MARK, value.shape))
        elif kind is float:
            key.append(())
        elif not wanted and (kind is int or kind is bool):
            key.append((INT_MARK, ()))
        else:
            return None
    return tuple(key)


def signature(args: tuple) -> tuple | None:
    """The facts of a call's positional arguments: one ``(size-one pattern, kind)`` each (None:
    unknown), or None when none of them is known."""
    key = shapes(args)
    if all(shape is None for shape in key) or _VALUE_BASED and any(
            entry and entry[0].__class__ is str and entry[0] == OTHER_MARK and entry[1]
            for entry in key):
        return None
    return facts_of(key)


def facts_of(key: tuple) -> tuple:
    """Per :func:`shapes` entry, ``(pattern, kind)``: the size-one pattern, and ``"float64"``
    (float64 values), ``"int"`` (Python ints and bools, int64 arrays) or None (another dtype);
    None for an unknown argument."""
    return tuple([None if entry is None else _fact(entry) for entry in key])


def _fact(entry: tuple) -> tuple:
    if entry and entry[0].__class__ is str:
        mark, shape = entry
        return tuple([n == 1 for n in shape]), "int" if mark == INT_MARK else None
    return tuple([n == 1 for n in entry]), "float64"


def seeded_run(run: Callable, generic: Callable, kwargs: dict, label: str) -> Callable:
    """The function a call giving keywords ``kwargs`` runs, when the shapes chose ``run``: a
    derivative whose code reads the seed as it is (``run.plain_seed``: the seed's name, the
    function's, and whether the code is for the default seed only, see passes/unit_seed.py; set
    where a specialized derivative proves its output a float64 scalar, see passes/dtypes.py)
    runs a given seed only after this check (like ``_rt.seed``'s there, it must be a number),
    and one for the default seed leaves a given seed to the generic derivative, which reads it."""
    seed, function, unit = run.__dict__.get("plain_seed", (None, "", False))
    if seed not in kwargs:
        return run
    if unit:
        return generic
    if np.ndim(kwargs[seed]) != 0:
        raise NonScalarOutputError(
            f"the seed `{seed}` given to {label} has shape {np.shape(kwargs[seed])} but "
            f"{function} returned shape ()", hint="pass a number (the output is a scalar)")
    return run


class Specializations:
    """The derivatives of one generic derivative, by signature.  ``build(facts)`` returns the
    record of the derivative specialized to ``facts`` (one ``(parameter, (pattern, kind))`` per
    argument), or None when it may no longer be built (the function changed since the generic
    one was).
    ``functions`` maps the :func:`shapes` of calls seen to the generated function they run."""

    __slots__ = ("names", "build", "generic", "functions", "records", "calls", "lock")

    def __init__(self, names: tuple[str, ...], build: Callable[[tuple], Any], generic: Any):
        self.names = names  # the positional parameters
        self.build = build
        self.generic = generic  # the generic record
        self.functions: dict[tuple, Callable] = {}  # shapes → generated function
        self.records: dict[tuple, Any] = {}  # signature → record (generic or specialized)
        self.calls: dict[tuple, int] = {}  # signature → its generic calls so far (< HOT)
        self.lock = _thread.allocate_lock()

    def function(self, args: tuple) -> Callable:
        """The generated function a call with these arguments runs, when its shapes are new."""
        key = shapes(args)
        facts = signature(args)
        if facts is None or len(facts) > len(self.names):
            found = self.generic
        elif facts in self.records:
            found = self.records[facts]
        elif not ENVIRONMENT.eager and self.calls.get(facts, 0) < HOT - 1:  # not hot yet
            if facts in self.calls or len(self.calls) < SHAPES:  # (a lost count between threads
                self.calls[facts] = self.calls.get(facts, 0) + 1  # only delays the build)
            return self.generic.function
        else:
            found = self.record(facts)
        if len(self.functions) < SHAPES:
            self.functions[key] = found.function
        return found.function

    def source(self, args: tuple, kwargs: dict) -> str:
        """The source a call with these (bound) arguments runs: the specialized one, built if
        need be, or the generic one (a seed given to a derivative for the default seed)."""
        found = self.record(signature(args))
        run = seeded_run(found.function, self.generic.function, kwargs, "")
        return self.generic.source if run is self.generic.function else found.source

    def record(self, facts: tuple | None) -> Any:
        """The record specialized to ``facts``, built if need be (the generic record when
        ``facts`` is None, or :data:`LIMIT` is reached)."""
        if facts is None or len(facts) > len(self.names):
            return self.generic
        with self.lock:
            found = self.records.get(facts)
            if found is not None or len(self.records) >= LIMIT:
                return found or self.generic
            try:
                built = self.build(tuple(zip(self.names, facts, strict=False))) if any(
                    p is not None for p in facts) else None
            except (TangentishError, RecursionError):  # facts only add knowledge: a transform
                built = None  # they make fail is theirs to give up, never the call's (the
                # generic one runs); a transform too deep for Python's stack likewise
            found = self.generic if built is None else built
            self.records[facts] = found
            return found


IMPROVABLE = frozenset(("unbroadcast", "seed", "unreduce", "matmul_left",
                        "matmul_right", "dot_left", "dot_right"))
"""The runtime helpers that facts may rewrite (the seed and reductions' adjoints by what
passes/dtypes.py proves, and ``passes.ranks.RANKED_HELPERS``, named here so that wrapping a
derivative read from the persistent cache imports no pass; a test checks they agree): a
derivative calling none is not specialized."""


def differentiate(fn: Any, options: Options, derive: Derive) -> Record:
    """The pipeline's derivative, through the persistent cache (imported when first asked)."""
    from .persist.store import through_disk

    return through_disk(fn, options, derive)


def specializations(built: Record, fn: Any, options: Options,
                    derive: Derive) -> Specializations | None:
    """What specializes the derivative ``built`` of ``fn`` (grad and value_and_grad, when it calls
    a helper facts may rewrite; None otherwise), while ``fn`` is as it was built from."""
    if options.mode not in ("grad", "value_and_grad") or options.structure or \
            not IMPROVABLE.intersection(built.runtime) or \
            not isinstance(fn, types.FunctionType):
        return None
    code, generation, dependencies = fn.__code__, REGISTRY.generation, built.dependencies

    def build(facts: tuple) -> Record | None:
        if fn.__code__ is not code or REGISTRY.generation != generation or \
                first_broken(dependencies, fn, keep=False) is not None:
            return None  # the function changed: its new derivative is for grad() to build
        return differentiate(fn, Options(options.wrt, options.mode, options.optimized,
                                         options.has_aux, options.checked, facts=facts,
                                         receiver=options.receiver, seeded=options.seeded,
                                         read_items=options.read_items),
                               derive)

    names = tuple(p.name for p in parameters(built.function) or () if p.kind == POSITIONAL)
    return Specializations(names, build, built)

"""What a derivative pass (reverse or forward) knows of the function it differentiates.

:class:`Derivation` holds the normalized function, which names are active, the namer and the
machinery aliases, the helper derivatives called so far, the rule-module names the generated code
needs, and the facts rules read: definition counts, shapes, names that may be unbound or hold a
list or tuple.
:class:`~.sweep.Sweep` (reverse) and :class:`~.forward.Tangents` (forward) add their own names.

    >>> import numpy as np
    >>> import tangentish.rules  # registers the derivative rules
    >>> from tangentish.registry import REGISTRY
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.activity import analyze
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x, n):
    ...     y = np.sin(x) * n
    ...     return np.sum(y)
    >>> info = parse_function(f); desugar(info)
    >>> norm = normalize(info)
    >>> facts = Derivation(norm, analyze(norm, ["x"]), REGISTRY, None)
    >>> sorted(facts.active), facts.definitions["y"]
    (['out', 'sin_x', 'x', 'y'], 1)
"""

from __future__ import annotations

import functools

from ..registry import Registry
from .activity import Activity
from .calls import CalleeBuilder, Callees
from .dataflow import definition_counts, maybe_unbound, must_define
from .normalize import Normalized
from .patterns import number_lists, size_one_patterns
from .ranks import proven_ranks
from .sequences import surely_sequences
from .shapes import StandIns, analyze_shapes, sequence_names


class Derivation:
    def __init__(self, norm: Normalized, activity: Activity, registry: Registry,
                 callees: CalleeBuilder | None):
        self.norm = norm
        self.activity = activity
        self.active = activity.active
        self.registry = registry
        self.namer = norm.namer
        self.machinery = norm.machinery
        self.extras: dict[str, object] = {}
        self.callees = Callees(callees, norm.namer, norm.info)
        if norm.kinds:  # (specialized to dtypes: casts of float64 values to float64, copies)
            from .proven_casts import drop_proven_casts
            drop_proven_casts(norm)
        self.definitions = definition_counts(norm.body)
        self.shapes = analyze_shapes(norm, self.definitions)
        self.ranks = proven_ranks(norm, self.shapes)
        self.patterns = size_one_patterns(norm, self.ranks)  # (empty: not specialized)
        for name, pattern in self.patterns.items():
            if pattern:  # (rank 0 from facts may be a bool: not an index BasicIndex may read)
                self.ranks.setdefault(name, len(pattern))
        self.scalars = {name for name, rank in self.ranks.items() if rank == 0}
        missed = self.shapes.missed  # (scalars it never asked about: the same classes again)
        if self.shapes.dropped and self.patterns:  # (a carried shape unproven: again, knowing
            scalars = frozenset(name for name, pattern in self.patterns.items() if pattern == ())
            if scalars & missed:  # scalars)
                self.shapes = analyze_shapes(norm, self.definitions, scalars=scalars)
        elif not self.patterns and self.scalars & missed:  # (x * i of a loop's i: x's shape)
            self.shapes = analyze_shapes(norm, self.definitions, scalars=frozenset(self.scalars))
        self.float64: set[str] = set()  # (empty: not specialized to dtypes)
        if norm.kinds:  # (imported where the facts give kinds: a specialized derivative)
            from .dtypes import float64_names
            self.float64 = float64_names(norm)
        self.number_lists = number_lists(norm, self.patterns, self.float64)  # (acc[i] += v)
        self.unbound = maybe_unbound(norm.body)
        self.sequences = sequence_names(norm, registry)  # may hold a list or tuple: no np.zeros_like
        self.callees.sequences = lambda: surely_sequences(norm)  # (a helper handed one: so built)
        self.stand_ins: StandIns | None = None  # set by reverse (it knows wrt)

    @functools.cached_property
    def surely_bound(self) -> frozenset[str]:
        """The names holding a value wherever the adjoint sweep reads them: the parameters and
        those every path through the body binds (not to the placeholder for "no value yet")."""
        return frozenset(self.norm.params) | (must_define(self.norm.body) - self.unbound)

    @functools.cached_property
    def surely_sequences(self) -> set[str]:
        """The names holding a list or tuple on every run (:func:`.sequences.surely_sequences`)."""
        return surely_sequences(self.norm)

    @functools.cached_property
    def aranges(self) -> set[str]:
        """The names bound once to ``np.arange(n)`` (:mod:`.unique_index`; asked only where an
        adjoint indexes with an integer array)."""
        from .unique_index import aranges  # (what only some functions need)

        return aranges(self.norm.body, self.definitions)

    @functools.cached_property
    def stacked_joins(self) -> dict[str, str]:
        """``np.concatenate(rows)`` bound to a name right after ``np.stack(rows)``: the stack's name
        (:mod:`.stacked_joins`; asked only where an adjoint cuts a join)."""
        from .stacked_joins import stacked_joins  # (what only some functions need)

        return stacked_joins(self.norm.body, self.definitions)

"""Activity analysis: which variables vary with the ``wrt`` inputs *and* influence the output.

Guarantee to the next stage: ``Activity.active`` holds the single-assignment names whose derivative
can be non-zero.  A value is *varied* if it depends on a ``wrt`` input through operations that carry
derivatives, and *useful* if the output depends on it that way.  Only a rule's differentiated
parameters propagate (``x.shape``, comparisons and ``np.argmax`` cut the chain); an operation with
no rule propagates through every operand, so that an unknown function, attribute or indexed object
applied to an active value is reported (:func:`check_rules`), never treated as a constant.
A name whose every change leaves the output unchanged is not useful either: the maximum
subtracted in a logsumexp or softmax (:mod:`shift` proves it), so its adjoint is never written.
Nothing flows into a name proven to hold integer or bool values (:mod:`integral`:
``y = np.zeros(3, dtype=int)``, then ``y[0] = v`` truncates ``v``): it never varies.

Below, ``n`` varies (it is a ``wrt`` input) but is not useful: ``np.reshape`` does not
differentiate its shape argument, and ``m`` never reaches the output.

    >>> import numpy as np
    >>> import tangentish.rules  # registers the derivative rules
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(x, n):
    ...     y = x * 2.0
    ...     z = np.reshape(y, n)
    ...     m = n * 2
    ...     return z
    >>> info = parse_function(f); desugar(info)
    >>> activity = analyze(normalize(info), ["x", "n"])
    >>> sorted(activity.varied), sorted(activity.useful), sorted(activity.active)
    (['m', 'n', 'x', 'y', 'z'], ['x', 'y', 'z'], ['x', 'y', 'z'])
"""

from __future__ import annotations

from typing import Any

import gast

from .. import ir
from ..errors import MissingRuleError, UnsupportedConstructError
from ..ir import Op
from ..registry import ADJOINT, REGISTRY, TANGENT, Registry
from ..syntax.build import names
from ..syntax.parse import SourceInfo
from .binding import (
    bind,
    differentiated_params,
    is_user_function,
    missing_rule_hint,
    writes,
    writes_out,
)
from .complex_parts import Kinds, constant_parts, unread_operands
from .complex_paths import mark_complex, refuse_complex, refuse_complex_output
from .dataflow import assigned, statements
from .dataflow import target as target_of
from .integral import INTEGRAL, kinds, may_truncate
from .left_out import refuse_left_out
from .normalize import Normalized
from .sequences import refuse_sequence_arithmetic, surely_sequences


class Activity:
    """Which names vary with ``wrt`` and which are useful (influence the output); ``active``: both.
    (A plain class: a dataclass costs a first ``grad()`` half a millisecond to make.)"""

    def __init__(self, varied: set[str], useful: set[str],
                 flows: dict[int, tuple[Op, list[str]]] | None = None,
                 shapes: Shapes | None = None):
        self.varied, self.useful = varied, useful
        self.active = varied & useful
        # flowing_names of each op the analysis saw, by id (the op kept alive beside its answer)
        self.flows = {} if flows is None else flows
        self.shapes = Shapes() if shapes is None else shapes  # the bindings it worked out
        # (defined name, operation) of each statement that has both, as analyze found them, for
        # check_rules right after it (None: check_rules finds them)
        self.rows: list[tuple[str, Op]] | None = None
        # what passes/integral.py proves of the names' dtypes (INTEGRAL, FLOATING, SEQUENCE)
        self.kinds: dict[str, str] = {}
        self.complex: frozenset[str] = frozenset()  # names that may be complex (complex_paths)
        self.real: frozenset[str] | None = None  # where some may be, those proven real

    def __repr__(self) -> str:
        return f"Activity(varied={self.varied!r}, useful={self.useful!r}, active={self.active!r})"

    def flowing(self, op: Op, info: SourceInfo, registry: Registry = REGISTRY) -> list[str]:
        """:func:`flowing_names` of ``op``, remembered (binding an op to its rule is not free)."""
        found = self.flows.get(id(op))
        if found is None or found[0] is not op:
            found = self.flows[id(op)] = (op, flowing_names(op, info, registry, self.shapes))
        return found[1]


class Shapes:
    """What binding a call to its rule answers (:func:`~.binding.bind`, :func:`~.binding.
    writes_out`), worked out once per shape of call: the rule, the function, how many operands
    by position and which keywords, all they read of the call.  A long function calls ``np.sin``
    thousands of times; each call of one shape binds alike (or raises alike: an error is never
    remembered, so each call raises its own, at its own line)."""

    def __init__(self) -> None:
        self.slots: dict[tuple, tuple[Any, dict[str, int | str]]] = {}
        self.writes: dict[tuple, tuple[Any, bool]] = {}
        self.flows: dict[tuple, tuple[Any, list[int | str]]] = {}
        self.rules: dict[tuple[int, str, Any], tuple[Registry, bool, Any]] = {}

    @staticmethod
    def shape(op: Op, template: Any) -> tuple | None:
        key = (id(template), op.key, len(op.args), tuple(op.keywords))
        try:
            hash(key)
        except TypeError:  # an unhashable callable: bound call by call
            return None
        return key

    @staticmethod
    def stand_in(op: Op) -> Op:
        """``op`` with each operand replaced by where it is: its index, or its keyword."""
        return Op(op.key, list(range(len(op.args))), {k: k for k in op.keywords}, op.label,
                  op.node)

    def bind(self, op: Op, template: Any, info: SourceInfo) -> dict[str, gast.expr]:
        """``bind(op, template, info)``."""
        shape = self.shape(op, template)
        if shape is None:
            return bind(op, template, info)
        found = self.slots.get(shape)
        if found is None or found[0] is not template:
            found = self.slots[shape] = (template, bind(self.stand_in(op), template, info))
        args, keywords = op.args, op.keywords
        return {p: args[s] if s.__class__ is int else keywords[s] for p, s in found[1].items()}

    def flowing(self, op: Op, template: Any, info: SourceInfo) -> list[str]:
        """The names of the operands bound to ``template``'s differentiated parameters, in the
        parameters' order (:func:`flowing_names` once the rule is known)."""
        shape = self.shape(op, template)
        if shape is None:
            values = bind(op, template, info)
            return [n for p in sorted(differentiated_params(template)) if p in values
                    for n in names(values[p])]
        found = self.flows.get(shape)
        if found is None or found[0] is not template:
            slots = self.bind(self.stand_in(op), template, info)
            found = self.flows[shape] = (template, [
                slots[p] for p in sorted(differentiated_params(template)) if p in slots])
        args, keywords = op.args, op.keywords
        return [n for s in found[1] for n in names(args[s] if s.__class__ is int else keywords[s])]

    def rule(self, registry: Registry, kind: str, key: Any) -> tuple[bool, Any]:
        """Whether ``key`` is declared non-differentiable and, if not, its rule of ``kind``
        (None when it has none), asked of ``registry`` once per key."""
        try:
            found = self.rules.get((id(registry), kind, key))
        except TypeError:  # an unhashable callable
            return _rule(registry, kind, key)
        if found is None or found[0] is not registry:
            found = self.rules[id(registry), kind, key] = (registry, *_rule(registry, kind, key))
        return found[1], found[2]

    def writes_out(self, op: Op, template: Any) -> tuple[str, ...]:
        """``writes_out(op, template)``."""
        shape = self.shape(op, template)
        if shape is None:
            return writes_out(op, template)
        found = self.writes.get(shape)
        if found is None or found[0] is not template:
            found = self.writes[shape] = (template, writes_out(self.stand_in(op), template))
        return found[1]


def _rule(registry: Registry, kind: str, key: Any) -> tuple[bool, Any]:
    if registry.is_nondifferentiable(key):
        return True, None
    return False, registry.lookup(kind, key)


def flowing_names(op: Op, info: SourceInfo, registry: Registry = REGISTRY,
                  shapes: Shapes | None = None) -> list[str]:
    """The operand names whose derivative flows through ``op`` to its result."""
    if op.key is None or op.is_display:
        return op.operand_names()
    if shapes is None:
        shapes = Shapes()
    nondifferentiable, template = shapes.rule(registry, ADJOINT, op.key)
    if nondifferentiable:
        return []
    if template is None:
        return op.operand_names()  # unknown: every operand; check_rules reports it if active
    try:
        return shapes.flowing(op, template, info)
    except UnsupportedConstructError:  # a call its rule cannot take (max(xs) against max(a, b)):
        return op.operand_names()  # as unknown; check_rules binds it again, and raises, if active


def _rows(norm: Normalized) -> list[tuple[str, Op]]:
    """``(defined name, operation)`` of every statement with an operation that defines a name
    (its target, or the variable it changes in place), in order."""
    rows = []
    slot = ir.SLOT
    for stmt in statements(norm.body):
        found = stmt.__dict__.get(slot)  # (ir.has_op, then defined_name, without two calls)
        if found is None or found.op is None:
            continue
        name = found.updates if found.updates is not None else target_of(stmt)
        if name is not None:
            rows.append((name, found.op))
    return rows


def _flows(rows: list[tuple[str, Op]], info: SourceInfo, registry: Registry, shapes: Shapes
           ) -> tuple[list[tuple[str, list[str]]], dict[int, tuple[Op, list[str]]]]:
    """``(defined name, flowing names)`` of each row, and the flowing names by operation (see
    :class:`Activity`)."""
    seen: dict[int, tuple[Op, list[str]]] = {}
    flows = []
    for name, op in rows:
        flowing = flowing_names(op, info, registry, shapes)
        seen[id(op)] = (op, flowing)
        flows.append((name, flowing))
    return flows, seen


def _varied(flows: list[tuple[str, list[str]]], wrt: list[str]) -> set[str]:
    """The names a name of ``wrt`` flows into (to a fixed point: loops)."""
    varied, changed = set(wrt), True
    while changed:
        size = len(varied)
        for target, flowing in flows:
            if not varied.isdisjoint(flowing):
                varied.add(target)
        changed = len(varied) != size
    return varied


def _stack_slots(rows: list[tuple[str, Op]], body: list) -> dict:
    """:func:`.tape_slots.stack_slots`, imported where a list is popped."""
    if not any(op.key is list.pop for _, op in rows):
        return {}
    from .tape_slots import stack_slots
    return stack_slots(rows, body)


def _varied_slots(flows: list[tuple[str, list[str]]], wrt: list[str], slots: dict
                  ) -> tuple[list[tuple[str, list[str]]], set[str]]:
    """``flows`` with the slot rows cut (:func:`.tape_slots.cut`) for the least set of varied
    names they give, and that set (to a fixed point: what varies only grows)."""
    if not slots:
        return flows, _varied(flows, wrt)
    from .tape_slots import cut

    varied = set(wrt)
    while True:
        sliced = cut(flows, slots, varied)
        found = _varied(sliced, wrt)
        if found == varied:
            return sliced, found
        varied = found


def analyze(norm: Normalized, wrt: list[str], registry: Registry = REGISTRY,
            slots: bool = False) -> Activity:
    """Forward *varied* and backward *useful* sweeps, repeated until loops add nothing;
    ``slots``: the items of a tuple popped off a stack vary position by position
    (:mod:`.tape_slots`: forward mode)."""
    shapes, rows = Shapes(), _rows(norm)
    local = set(norm.params) | assigned(norm.body)
    complex_names = mark_complex(rows, norm.info, local, lambda: surely_sequences(norm))
    flows, seen = _flows(rows, norm.info, registry, shapes)
    found = kinds(norm, wrt) if may_truncate(norm, rows) else {}
    if INTEGRAL in found.values():  # nothing flows into an integer or bool value
        flows = [(target, []) if found.get(target) == INTEGRAL else (target, flowing)
                 for target, flowing in flows]
        for name, op in rows:
            if found.get(name) == INTEGRAL:
                seen[id(op)] = (op, [])
    stacked = _stack_slots(rows, norm.body) if slots else {}
    flows, varied = _varied_slots(flows, wrt, stacked)
    known = Kinds(rows, complex_names, norm.info, local, wrt)
    if (kept := constant_parts(rows, flows, seen, varied, known)) is not flows:
        flows, varied = _varied_slots(kept, wrt, stacked)  # (z.imag of a z varying along the reals)
    useful = set(names(norm.output))
    if norm.aux is not None:
        useful -= set(names(norm.aux)) - set(names(norm.output))
    unchanging = _invariant_shifts(norm)
    unread = unread_operands(rows, useful, known)  # (a of (a + 1j * b).imag: .complex_parts)
    backward = [(target, [n for n in flowing if n not in unchanging and n not in unread.get(id(op), ())]
                 if unchanging or unread else flowing) for (target, flowing), (_, op) in zip(
                     reversed(flows), reversed(rows), strict=True)]
    changed = True
    while changed:
        size = len(useful)
        for target, flowing in backward:
            if target in useful:
                useful.update(flowing)
        changed = len(useful) != size
    activity = Activity(varied, useful, seen, shapes)
    activity.rows, activity.kinds, activity.complex = rows, found, complex_names
    if complex_names:
        activity.real = frozenset(local - complex_names)
    return activity


def check_rules(norm: Normalized, activity: Activity, kind: str,
                registry: Registry = REGISTRY) -> None:
    """Raise, at the first active statement in source order, for an operation without a rule of
    ``kind`` (adjoint or tangent) or for a complex value on a differentiated path."""
    local = set(norm.params) | assigned(norm.body)
    active, shapes, varied = activity.active, activity.shapes, activity.varied
    rows = activity.rows if activity.rows is not None else _rows(norm)
    refuse_sequence_arithmetic(norm, active, rows, varied)
    for name, op in rows:
        if op.key is not None and (op.method or name in activity.useful):
            # (a method's receiver may be no array: "useful" assumes one, so checked anyway)
            refuse_left_out(op, shapes, registry, kind, varied, norm.info)
        if name not in active or constant_operation(op, varied):
            continue
        refuse_complex(norm.info, op, local, activity.complex)
        if op.key is None or op.is_display:
            continue
        nondifferentiable, template = shapes.rule(registry, kind, op.key)
        if nondifferentiable:
            continue
        if template is None and is_user_function(op.key):
            continue  # differentiated through its source, see calls.py
        written = writes(op, template, shapes.writes_out(op, template) if template is not None
                         else tuple(name for name in ("out",) if name in op.keywords))
        if written is not None:
            _refuse_writing(op, written, norm.info)
        if template is None and op.key is list.pop and kind == ADJOINT:
            raise MissingRuleError(
                "reverse mode through `list.pop(i)` with an index (or `del xs[i]`, which is "
                "`xs.pop(i)`) is supported only on a list the function builds (else only "
                "`xs.pop()`, which removes the last item, has a reverse rule)",
                norm.info.location(op.node),
                hint="read the item by index (`v = xs[i]`) and rebuild the list without it, or "
                "use forward mode (tangentish.jvp); an array: `a = np.delete(a, i)`")
        if template is None:
            raise MissingRuleError(
                f"no {'derivative' if kind == ADJOINT else 'forward-mode (tangent)'} rule for "
                f"{op.label}{_qualified(op.key)}", norm.info.location(op.node),
                hint=missing_rule_hint(op.key))
        shapes.bind(op, template, norm.info)
    if activity.complex:  # (after the operations: one of them is the likelier mistake)
        refuse_complex_output(norm.output, rows, norm.info, activity.complex, active)


def _refuse_writing(op: Op, name: str, info: Any) -> None:
    raise UnsupportedConstructError(
        f"the argument `{name}=` of {op.label} (by keyword or at its position) is not supported "
        "where the result is differentiated: "
        + ("it writes into an existing array" if name == "out" else
           "it lets NumPy change the input array in place"), info.location(op.node),
        hint="drop `out` and assign the result to a new variable" if name == "out" else
        f"drop `{name}` (or pass `{name}=False`)")


def constant_operation(op: Op, varied: set[str] | frozenset[str]) -> bool:
    """Whether no operand of ``op`` varies with ``wrt``: its result is a constant where it is made
    (``Z = C.copy()`` of a global ``C``, even if ``Z[i] = x`` makes ``Z`` active later), so it
    needs no rule in any mode.  A method of a global object is resolved to the bound method, its
    receiver part of ``op.key`` and never a local name."""
    return varied.isdisjoint(op.operand_names())


def _qualified(key: object) -> str:
    """`` (numpy.lib.index_tricks.RClass)`` for keys that are not plain functions."""
    if isinstance(key, tuple) and len(key) == 2 and isinstance(key[1], type):
        kind = key[1]
        return f" (an object of type {kind.__module__}.{kind.__qualname__})"
    return ""


KINDS = {"rev": ADJOINT, "fwd": TANGENT}


_EXTREMA = frozenset({"max", "min", "amax", "amin"})


def _invariant_shifts(norm: Normalized) -> set[str]:
    """:func:`.shift.invariant_shifts`, imported where a function named as ``np.max`` or
    ``np.min`` is called (most functions call none; its own test of the key is exact)."""
    notes = (stmt.__dict__.get(ir.SLOT) for stmt in norm.body)
    if not any(note is not None and note.op is not None and
               getattr(note.op.key, "__name__", None) in _EXTREMA for note in notes):
        return set()
    from .shift import invariant_shifts  # (where a max or min is)
    return invariant_shifts(norm)

"""The whole transformation, one stage per line (see :func:`differentiate`).

parse → (containers) → dict locals → outputs → fence → desugar → normalize → aliases → activity → reverse |
forward → optimize → tape → (split) → generate → load.  Memoization lives in
:mod:`tangentish.api`; the front half (parse to normalize) in :mod:`tangentish.front`, whose
normalized function the transforms of one function share (a copy each); everything here is a pure
function of the user's function and the options,
returning a :class:`Record` per generated function that the API, ``export``, the checker and the
CLI read (nothing re-parses generated text).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import gast

from . import arguments, collector, ir, rules  # noqa: F401  (rules: registers the rules)
from .errors import Location, UnsupportedConstructError
from .front import FRONTS, Fronts, front, resolve_wrt, tangent_keywords
from .loader import load
from .passes.accumulate import subtract_negations
from .passes.activity import KINDS, analyze, check_rules
from .passes.calls import given
from .passes.cast_guards import guard_writes
from .passes.coalesce import coalesce_copies
from .passes.common import share_common
from .passes.dataflow import definition_counts, item_read, statements
from .passes.derivative import Derivative
from .passes.generate import body_uses, generate_mapped, outside
from .passes.normalize import Normalized
from .passes.optimize import eliminate_dead_code, optimize
from .passes.order import order_operands
from .passes.owned import own_adjoints
from .passes.placeholders import drop_placeholders
from .passes.recompute import recompute_negations
from .passes.release import release
from .passes.reverse import reverse
from .passes.spread import spread_by_broadcasting
from .passes.tape import materialize
from .passes.versions import share_versions
from .passes.walks import Walks
from .provenance import IN_USER_CODE
from .records import BUILDING, ENVIRONMENT, MODES, Derive, Options, Record, refresh_environment
from .registry import REGISTRY
from .syntax.build import clone, tuple_
from .syntax.naming import _sanitize
from .syntax.parse import SourceInfo, parse_function

# Passes only some transforms run (containers under wrt, jvp, vjp, checked) load where they run.


def differentiate(fn: Any, options: Options, derive: Derive | None = None) -> Record:
    """Generate, compile and return the derivative of ``fn`` described by ``options``;
    ``derive`` builds (or fetches) the derivatives of helper functions ``fn`` calls."""
    with collector.paused(), IN_USER_CODE, REGISTRY.settling():  # (trees gone at its end: the
        return _parsed(fn, options, derive or differentiate)  # collector sees none; refusals: user's)


def _parsed(fn: Any, options: Options, derive: Derive) -> Record:
    info = parse_function(fn)
    token = BUILDING.set((*BUILDING.get(), info.fn.__code__))
    try:
        return _differentiate(info, options, derive, FRONTS)
    except UnsupportedConstructError as exc:  # (a derivative's own item write refused: as a
        from .passes.functional_writes import retried  # new value, if that is all it was)
        return retried(fn, info, exc, lambda again: _differentiate(again, options, derive))
    except RecursionError:  # (code the parser's depth limit let by, deeper than a pass recurses)
        raise _too_deep(info) from None
    finally:
        BUILDING.reset(token)


def _too_deep(info: SourceInfo) -> UnsupportedConstructError:
    return UnsupportedConstructError(
        f"the code of {info.name!r} is nested too deeply for the transform (Python's recursion "
        "limit was reached while differentiating it)",
        Location(info.filename, info.first_line, info.name, info.line_text(info.first_line), 0),
        hint="split long expressions into several assignments and deep blocks into helper "
        "functions")


def _differentiate(info: SourceInfo, options: Options, derive: Derive,
                   fronts: Fronts | None = None) -> Record:
    made = fronts.front(info, options) if fronts is not None else front(info, options)
    norm, outputs, wrt, single = made.norm, made.outputs, made.wrt, made.single
    info, name = norm.info, _name(norm.info, options.mode, made.named)
    if (asked := given(norm, options)) != options:  # (the derivative another request asks for)
        return derive(info.root, asked)
    copied = _protect_aliases(norm)  # (a value changed in place: copies and checks)
    activity = analyze(norm, wrt, slots=options.mode == "jvp")
    check_rules(norm, activity, KINDS["fwd" if options.mode == "jvp" else "rev"])
    callees = _callee_builder(derive, options)
    if options.mode == "jvp":
        from .passes.forward import forward
        derivative = forward(norm, activity, wrt, fn_name=name, callees=callees, seeded=options.seeded,
                             floats=frozenset(wrt) if len(BUILDING.get()) == 1 else frozenset())
    else:
        derivative = reverse(norm, activity, wrt, single=single, fn_name=name, callees=callees,
                             with_value=options.mode == "value_and_grad",
                             seed_checked=options.mode == "vjp",  # by pullback.Pullback
                             seeded=options.seeded)
    derivative.quiet = tuple(info.quiet)  # (its np.errstate blocks: passes/quiet_runs.py)
    derivative.checked = frozenset(() if options.structure else _floats(info, wrt, options.mode))
    unit = _unit_seed(derivative, norm, options)  # (the default seed, specialized: 1.0)
    guard_writes(derivative, activity, norm)  # (writes into arrays of unproven dtype, checked)
    if options.checked:  # before optimizing: what the checks read stays computed
        from .passes.checked import add_checks
        add_checks(derivative)
    walks = Walks()  # each statement walked once for the optimizer and the memory passes
    if options.optimized:
        derivative = _optimized(derivative, set(norm.params), options.mode, walks, unit)
    materialize(derivative)  # (new statements for its markers: the others' walks stay true)
    if options.optimized:  # (vjp: before it is split, the pullback's own arrays only)
        own_adjoints(derivative, _floats(info, wrt, options.mode), options.mode == "vjp", walks)
    if options.optimized and options.mode in ("grad", "value_and_grad"):  # (vjp is split)
        _save_memory(derivative, set(norm.params), walks)
    if options.optimized and options.mode != "vjp":  # (vjp: each half once it is split)
        share_versions(derivative, walks)
    if unit:  # (no gradient is the caller's array: ``x_bar = y`` where ``out_bar * y`` was)
        from .passes.unit_seed import own_gradients

        own_gradients(derivative, set(norm.params), options.mode == "value_and_grad")
    drop_placeholders(derivative.body, derivative.machinery.aliases["_rt"])  # (no read meets them)
    return _record(info, norm, derivative, options, wrt, single, copied, outputs)


def _protect_aliases(norm: Normalized) -> list[str]:
    if not any(ir.note(s).updates or ir.note(s).augments for s in statements(norm.body)):
        return norm.copied  # (nothing changes in place: the pass is not even imported)
    from .passes.aliases import protect_aliases

    return protect_aliases(norm)


def _optimized(derivative: Derivative, params: set[str], mode: str, walks: Walks,
               unit: bool) -> Derivative:
    """The optimizer, then what the facts of a specialization let go: a scalar output's
    ``np.sum`` adjoint, full reductions' adjoints spread by broadcasting, the unit seed."""
    derivative = optimize(derivative, params, mode != "jvp", walks)
    if mode == "grad" and derivative.scalars:  # (specialized to scalars: the
        from .passes.scalar_output import seed_reads_scalar
        seed_reads_scalar(derivative, walks)  # seed reads a scalar, not its np.sum)
    if mode != "jvp" and (spread_by_broadcasting(derivative, walks) |
                          _lend_shapes(derivative, params, walks)):
        share_common(derivative, walks)  # (``g * 2 * x`` and ``g * 2 * y`` once spread: once)
        eliminate_dead_code(derivative, walks)  # (what only a view's shape read)
    if unit:  # (the output's adjoint, now ``s_bar = 1.0``: into its reads; sums of ones: counts)
        from .passes.counted import count_sums
        from .passes.unit_seed import propagate_units
        propagate_units(derivative, params, walks)
        count_sums(derivative, walks)  # (and what only the sums read goes)
    return derivative


def _lend_shapes(derivative: Derivative, params: set[str], walks: Walks) -> bool:
    if not derivative.float64:  # (shapes read from parameters: a specialized gradient's only)
        return False
    from .passes.shape_donors import lend_shapes
    return lend_shapes(derivative, params, walks)


def _unit_seed(derivative: Derivative, norm: Normalized, options: Options) -> bool:
    """In a gradient specialized to a float64 scalar output (its seed read as given), the seed
    as the number 1.0 (:mod:`.passes.unit_seed`; a call giving one runs the generic code)."""
    if not (options.facts and derivative.plain_seed and not options.has_aux and
            options.mode in ("grad", "value_and_grad")):
        return False
    from .passes.unit_seed import use_unit_seed  # (a specialized gradient's only)

    return use_unit_seed(derivative, norm.seed)


def _save_memory(derivative: Derivative, params: set[str], walks: Walks) -> None:
    """Fewer large arrays alive at once: a parameter's negation recomputed where it is read,
    products in the order needing fewer arrays, values freed after their last read (``walks``)."""
    coalesce_copies(derivative, params, walks)
    if derivative.float64:  # (only Ties, specialized to float64, writes _rt.step)
        from .passes.step_signs import share_step_signs
        share_step_signs(derivative, walks)
    if any(stmt.__class__ is gast.For and any(map(item_read, stmt.body))
           for stmt in statements(derivative.body)):  # (a loop reading a[0]: the pass runs)
        from .passes.invariant_items import hoist_invariant_items  # (before release: an array
        hoist_invariant_items(derivative)  # read only before a loop is freed there)
    counts = definition_counts(derivative.body)  # (once for the three)
    recompute_negations(derivative, params, walks, counts)
    if derivative.float64:  # (np.exp(0.0 - t) as np.exp(-t), the sign into t's definition)
        from .passes.even_at_zero import even_signs
        even_signs(derivative, params, walks, counts)
    order_operands(derivative, walks)
    release(derivative, params, walks, counts)
    subtract_negations(derivative, walks)
    if derivative.float64:  # (specialized to float64: sums in place, reductions as methods)
        from .passes.reduction_methods import plain_forms  # (a specialized gradient's only)
        plain_forms(derivative, walks)


def _record(info: SourceInfo, norm: Normalized, derivative: Derivative, options: Options,
            wrt: list[str], single: bool, copied: list[str], outputs: Any) -> Record:
    cells = {**norm.machinery.values, **_closure(info), **derivative.extras, **derivative.callees.cells()}
    callees = derivative.callees.records()
    keys = _rule_keys(norm) + [k for c in callees for k in c.rule_keys]
    dependencies = info.dependencies + tuple(  # (a helper consulted and not called included)
        dep for c in derivative.callees.consulted for dep in getattr(c.function, "dependencies", ()))
    common = {"mode": options.mode, "wrt": wrt, "single": single,
              "seed": None if options.mode == "jvp" else norm.seed,
              "tangents": tangent_keywords(info, wrt) if options.mode == "jvp" else {},
              "rule_keys": keys, "callees": callees, "of": info.name,
              "mutated": tuple(copied), "dependencies": dependencies,
              "machinery": dict(norm.machinery.aliases), "outputs": outputs,
              "zeros": tuple(sorted(derivative.zeros))}
    defaults, kwdefaults = info.fn.__defaults__, info.fn.__kwdefaults__
    if options.mode == "vjp":
        from .passes.split import split

        output = norm.output
        if norm.aux is not None:  # the forward half returns (output, aux)
            output = tuple_([output, norm.aux])
            derivative.body[-1].value = derivative.body[-1].value.elts[0]
        ahead, back = split(derivative, output, norm.params, norm.seed)
        if options.optimized:  # (the halves share expression nodes: each renames its own)
            back.body = _cloned(back.body)
            share_versions(ahead)  # (walked afresh: splitting changed statements)
            share_versions(back)
            drop_placeholders(ahead.body, norm.machinery.aliases["_rt"])  # (copies shared now)
        what = f"{info.display_name} with respect to {', '.join(wrt)} (tangentish)"
        back_text, back_lines = generate_mapped(
            back, f"Pullback of {what}: cotangent in, gradients out.", info)
        backward = Record(back.name, back_text, load(back_text, back.name, info.globals, cells,
                                                     None, None, lines=back_lines),
                          **common, **outside(back, cells))
        text, lines = generate_mapped(ahead, f"Primal of {what}: returns the output and what "
                                             "the pullback needs.", info)
        function = load(text, ahead.name, info.globals, cells, defaults, kwdefaults, lines=lines)
        function.backward = backward.function  # bound together (see cache.py)
        return Record(ahead.name, text, function, backward=backward, **common,
                      **outside(ahead, cells))
    known = body_uses(derivative)  # (one walk: the spelling pass's test, what it reads outside)
    text, lines = generate_mapped(derivative, _docstring(info, wrt, options.mode), info, known[2])
    unit = derivative.plain_seed and all(a.id != norm.seed for a in derivative.args.kwonlyargs)
    seeds = {} if options.mode == "jvp" or unit else {norm.seed: 1.0}
    function = load(text, derivative.name, info.globals, cells, defaults,
                    {**(kwdefaults or {}), **seeds} or None, lines=lines)
    if derivative.plain_seed:  # (the call wrapper checks a seed given to it, or runs the
        function.plain_seed = norm.seed, info.name, unit  # generic code for it: api._wrap)
    if options.receiver is not None:  # (see callables.receiver_class; never persisted)
        function.__tangentish_receiver__ = options.receiver
    return Record(derivative.name, text, function, **common, **outside(derivative, cells, known))


def _cloned(body: list[gast.stmt]) -> list[gast.stmt]:
    """A copy of ``body`` whose statements keep their user lines (the line map reads them)."""
    for old, new in zip(statements(body), statements(copied := clone(body)), strict=True):
        origin = old.__dict__.get(ir.SLOT)
        if origin is not None and origin.origin is not None:  # (and whether it is the
            ir.note(new).origin, ir.note(new).adjoint = origin.origin, origin.adjoint  # adjoint's)
    return copied


def _callee_builder(derive: Derive, options: Options) -> Callable[[Any, list, str, Any], Record]:
    def build(function: Any, wrt: list[str], mode: str, receiver: type | None = None,
              sequences: tuple = (), read_items: tuple | None = None,
              structure: tuple = (), masked: bool = False) -> Record:
        return derive(function, Options(wrt=wrt[0] if len(wrt) == 1 else tuple(wrt), mode=mode,
                                        optimized=options.optimized, checked=options.checked,
                                        structure=structure, receiver=receiver,
                                        sequences=sequences, read_items=read_items,
                                        seeded="masks" if masked else False))  # (supports_base)

    return build


def _floats(info: SourceInfo, wrt: list[str], mode: str) -> set[str]:
    """What the API casts to floats (arguments/values.py): the wrt values, in jvp their tangents."""
    tangents = tangent_keywords(info, wrt).values() if mode == "jvp" else ()
    return {*wrt, *tangents} if len(BUILDING.get()) == 1 else set()


def _name(info: SourceInfo, mode: str, wrt: list[str]) -> str:
    return f"{mode}_{_sanitize(info.name.strip('<>'))}_wrt_{'_'.join(wrt)}"


def _docstring(info: SourceInfo, wrt: list[str], mode: str) -> str:
    what = {"value_and_grad": "Value and gradient", "jvp": "Value and directional derivative"}
    what = what.get(mode, "Gradient")
    return f"{what} of {info.display_name} with respect to {', '.join(wrt)} (tangentish)."


def _closure(info: SourceInfo) -> dict[str, Any]:
    """The user's closure cells, and the values the function's own imports bind."""
    return {**dict(zip(info.fn.__code__.co_freevars, info.fn.__closure__ or (), strict=True)),
            **{name: value for name, (_, _, value) in info.imported.items()}}


def _rule_keys(norm: Normalized) -> list[Hashable]:
    keys: list[Hashable] = list(norm.info.inlined)  # (a rule registered for one later: rebuilt)
    for stmt in statements(norm.body):
        op = ir.note(stmt).op
        if op is not None and op.key is not None and not op.is_display:
            keys.append(op.key)
    return keys


__all__ = ["BUILDING", "ENVIRONMENT", "MODES", "Derive", "Options", "Record", "differentiate",
           "refresh_environment", "resolve_wrt"]

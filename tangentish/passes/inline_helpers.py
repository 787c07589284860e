"""Small helpers of the differentiated function's own module, inlined where they are called.

A call to a module-level function defined beside the differentiated one is replaced by the helper's
body, as a nested ``def`` is (:mod:`.inline`), so the helper's primal runs once and its adjoint reads
what that primal computed.  Otherwise a helper gets a derivative function of its own that recomputes
its primal at the call (:mod:`.calls`), which cost 2-3 times a hand-written gradient on helper-heavy
code.  A helper is inlined when all of these hold, and otherwise keeps its own derivative:

- no derivative rule is registered for it (a rule says how to differentiate it), and it is not
  marked ``@tangentish.checkpoint`` (``tangentish/markers.py``);
- it lives in the same module (same globals and file), or in another file and would be
  refused a derivative of its own, for its ``**kwargs`` or its recursion, and reads its module's
  names alike or through its module (:func:`.foreign_methods.foreign_helper`); it closes over
  nothing (a method's
  ``__class__`` cell for ``super()`` apart: :mod:`.method_calls`), imports nothing
  (``syntax/imports.py``), has no ``*args`` (its ``**kwargs`` is the dict of the call's other
  keywords: :mod:`.keyword_collect`), and is not already being inlined or
  differentiated (recursion);
- it has at most :data:`MAX_STATEMENTS` statements, inlining nests at most :data:`MAX_DEPTH` deep,
  and the function has inlined fewer than :data:`BUDGET` statements so far (a helper called a
  thousand times does not make the derivative a thousand copies long);
- it writes into nothing (no item or attribute assignment, no in-place method such as ``append``
  or ``fill``, no ``v += ...`` but on a number it started itself): what it changes would be the
  caller's own value; unless each parameter it changes is handed a name of the caller's, whose
  array the inlined writes then change as Python's do (``p op= e`` on an array made ``p[...] op=
  e``: :mod:`.helper_writes`), followed by the function's own in-place machinery, or a value
  the call's own arithmetic makes (``normalize_(x * 2.0)``: no other name sees it); a helper
  with a loop whose only changes are ``p op= e`` on parameters keeps its own derivative;
- each default the call leaves out is a number, a string, a boolean or ``None``, taken from the
  function as it is now, or is written as a global of the module still bound to that very object
  (``knots=KNOTS``: the body reads the global, :mod:`.helper_defaults`);
- none of its free names is a variable of the caller's (the helper's global ``scale`` must not read
  the caller's local ``scale``) or a name generated code has already given a temporary or an alias
  (unless the helper's global is the very module that alias stands for, as ``np`` usually is).

The helper's code and defaults are recorded among the derivative's dependencies, and the helper
among its rule keys, so redefining the helper, changing its defaults or registering a rule for it
later derives again.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> __name__ = "example"  # (what follows is a user's module, not tangentish's own code)
    >>> if True:  # (one example: the helper and its caller in one file)
    ...     def cell(h, rate=0.5):
    ...         return np.tanh(h) * rate
    ...     def f(x):
    ...         return np.sum(cell(2.0 * x))
    >>> info = parse_function(f); desugar(info)
    >>> info.node.body = normalize(info).body
    >>> print(function_text(info.node), end="")
    def f(x):
        x_times_2 = 2.0 * x
        tanh_x_times_2 = np.tanh(x_times_2)
        _t1 = tanh_x_times_2 * 0.5
        out = np.sum(_t1)
        return out
"""

from __future__ import annotations

import copy
import inspect
import numbers
from typing import Any

import gast

from ..markers import MARK
from ..registry import REGISTRY, TANGENT
from ..syntax import build, scope
from ..syntax.fence import fence
from ..syntax.naming import may_bind_function
from ..syntax.parse import parse_function
from ..syntax.tree_walk import walk
from .chosen_factories import as_called
from .desugar import desugar
from .foreign_methods import foreign_helper, needs_inlining
from .generator_helpers import listed_generator
from .helper_bodies import module_reads
from .helper_defaults import clashing, constant_defaults
from .inline import inline_definition
from .keyword_collect import collect_keywords, collect_positionals
from .loop_orders import constant_arguments
from .lowering import Lowering
from .module_defaults import inline_modules
from .source_forms import rewrite_source_forms

MAX_STATEMENTS = 30
MAX_DEPTH = 4
BUDGET = 300

# Methods that change their receiver in place (a helper calling one keeps its own derivative).
_MUTATING = frozenset({"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse",
                       "fill", "put", "itemset", "resize", "setflags", "setfield", "partition",
                       "update", "setdefault", "popitem", "add", "discard"})
_FLAGS = inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR  # (a generator: generator_helpers)


def inline_helper(norm: Lowering, function: Any, call: gast.Call) -> gast.expr | None:
    """Emit ``function``'s body for this call and return the result's atom, or ``None`` (nothing
    emitted) when the helper is not inlined."""
    fdef = helper_definition(norm, function, call)
    if fdef is None:
        return None
    return inline_definition(norm, f"{function.__qualname__}()", fdef, call)


def _parsed(norm: Lowering, function: Any, call: gast.Call) -> Any:
    """The helper's source, reading names in the caller's recorder (what its rewriting reads:
    the caller's derivative depends on it); a closure factory's or a recursive call's as
    ``call`` runs it, its ``if`` statements on literal arguments decided (``if kind ==
    "tanh":``, :mod:`.chosen_factories`).  A helper being inlined already (a recursive call) is
    inlined again only where this decides something."""
    info = parse_function(function)
    node, info.recorder = info.node, norm.info.recorder or info.recorder
    recursive = f"{function.__qualname__}()" in norm.inlining
    if recursive or _calls_itself(function) or any(
            isinstance(c, type(function.__code__)) for c in function.__code__.co_consts):
        info.node = as_called(node, call)  # (a factory, or a recursion: its first call too)
    if info.node is node and recursive:  # (inlined again only where literal arguments
        raise RecursionError(function.__qualname__)  # decide more of it: `power(x, n - 1)`,
    if inspect.isgeneratorfunction(function) and not _listed(norm, call, info):  # bounded by
        raise ValueError("a generator whose items are not taken at once")  # MAX_DEPTH)
    return info


def _calls_itself(function: Any) -> bool:
    """Whether ``function`` reads the global of its name, bound to itself (a recursion)."""
    return function.__name__ in function.__code__.co_names and \
        function.__globals__.get(function.__name__) is function


def helper_definition(norm: Lowering, function: Any, call: gast.Call,
                      receiver: gast.expr | None = None, factory: bool = False
                      ) -> gast.FunctionDef | None:
    foreign = _foreign(norm, function, factory)
    if foreign is None:
        return None
    try:
        info = _parsed(norm, function, call)
        if not collect_positionals(info, call, receiver is not None):  # (*args: one per argument)
            return None
        probed = rewrite_source_forms(info)  # (the forms
        collects = info.node.args.kwarg is not None  # its own derivative rewrites: out=...)
        if not collect_keywords(info, call):  # (**kwargs: a dict of the call's other keywords,
            return None  # a variable per key before the fence, as the function's own are)
        if collects:
            from .dict_locals import replace_dict_locals

            replace_dict_locals(info, built=True)
        fence(info, inlined=True)
        _replace_dict_locals(info, probed)  # (as its own derivative would: a variable per key)
        inline_modules(info, call, norm.locals | set(norm.current) | set(norm.params))  # xp=np
    except Exception:  # (its own derivative reports what is wrong with it, in its own words)
        return None
    if info.imported:  # (names its own imports bind: resolved in its own derivative's scope)
        return None
    fdef = info.node if receiver is None else _received(info.node, receiver)
    if fdef is not None and foreign:  # (its module's names read through its module)
        fdef = foreign_helper(function, fdef, norm.info, call)
    if fdef is None:
        return None
    size = _statements(fdef)
    writes = not inspect.isgeneratorfunction(function) and _writes(fdef)  # (its list: its own)
    if size > MAX_STATEMENTS or norm.inlined_size + size > BUDGET or writes and \
            not _writes_named_arguments(function, fdef, call) \
            or _clashes(norm, fdef, set() if receiver is None else set(build.names(receiver))):
        return None
    fdef = copy.deepcopy(fdef)
    if not constant_defaults(norm, function, fdef, call):
        return None
    if not foreign:  # (another file's lines are not this file's: its body stands at the call)
        norm.info.borrowed.update({info.first_line + i: line.rstrip("\n")
                                   for i, line in enumerate(info.lines)})
    norm.info.quiet.extend(q for q in info.quiet if q not in norm.info.quiet)  # (quiet_runs)
    desugar(norm.info, fdef,  # (its loops call builtins: `min(len(a), len(b))` for a `zip`)
            constant_arguments(norm.info, bool(norm.inlining), call, fdef))
    if _clashes(norm, fdef, set() if receiver is None else set(build.names(receiver))):
        return None  # (a temporary of the caller's named `min`: the desugared helper's call)
    if writes:  # (`for row in d: row -= t`: written on `d` itself, as the function's own are)
        from .helper_writes import write_parameters_in_place
        from .view_writes import rewrite_view_writes

        rewrite_view_writes(_with_node(info, fdef))
        write_parameters_in_place(_with_node(info, fdef), _given_numbers(norm, fdef, call))
    _record(norm, function)
    norm.inlined_size += size
    norm.info.inlined.append(function)
    for name in module_reads(fdef) - norm.helper_names:
        norm.namer.reserve(name)  # (a temporary must not take the name of a global it reads)
        norm.helper_names.add(name)
    return fdef


def _foreign(norm: Lowering, function: Any, factory: bool) -> bool | None:
    """Whether ``function`` is of another file than the caller (inlined only where
    :func:`.foreign_methods.needs_inlining`, or as a closure ``factory``: :mod:`.closures`);
    None where it is not inlined at all."""
    own = norm.info.fn
    code = function.__code__
    foreign = function.__globals__ is not own.__globals__ or \
        code.co_filename != own.__code__.co_filename
    if (foreign and not (factory or needs_inlining(function))
            or code.co_freevars not in ((), ("__class__",)) or code.co_flags & _FLAGS
            or function is own
            or len(norm.inlining) >= MAX_DEPTH
            or REGISTRY.known(function) or REGISTRY.has(TANGENT, function)
            or getattr(function, MARK, False)):
        return None
    return foreign


def _listed(norm: Lowering, call: gast.Call, info: Any) -> bool:
    """A generator helper, changing nothing in place, whose items the call's consumer takes at
    once (``tuple(pairs(x))``), made the function returning their list (generator_helpers.py);
    False where it is not."""
    if id(call) not in norm.consumed or _writes(info.node):
        return False
    info.node = listed_generator(info.node, set(norm.current))
    return info.node is not None


def _received(fdef: gast.FunctionDef, receiver: gast.expr) -> gast.FunctionDef | None:
    """A copy of the method ``fdef`` without its first parameter, which it reads as ``receiver``
    (the caller's spelling of the object); ``None`` when the method rebinds that parameter or a
    function inside it takes a parameter of that name."""
    positional = fdef.args.posonlyargs + fdef.args.args
    if not positional:
        return None
    own = positional[0].id
    for node in walk(fdef):
        if isinstance(node, gast.Name) and node.id == own and not isinstance(node.ctx, gast.Load) \
                and node is not positional[0]:
            return None
        if isinstance(node, (gast.Lambda, gast.FunctionDef)) and node is not fdef:
            return None  # (its parameters could shadow the receiver's name)
    fdef = copy.deepcopy(fdef)
    first = fdef.args.posonlyargs or fdef.args.args
    del first[0]
    for node in walk(gast.Module(body=fdef.body, type_ignores=[])):
        for field, value in gast.iter_fields(node):
            if isinstance(value, list):
                value[:] = [_spelled(v, own, receiver) for v in value]
            else:
                setattr(node, field, _spelled(value, own, receiver))
    return fdef


def _spelled(node: object, own: str, receiver: gast.expr) -> object:
    if isinstance(node, gast.Name) and node.id == own:
        return gast.copy_location(build.clone(receiver), node)
    return node


def _statements(fdef: gast.FunctionDef) -> int:
    return sum(isinstance(node, gast.stmt) for node in build.node_list(fdef)) - 1


def _writes(fdef: gast.FunctionDef) -> bool:
    """Whether the helper may change a value in place: an item or attribute assignment, an
    in-place method, or ``v += ...`` on anything but a number it started itself (``s = 0.0``):
    ``buf += 4.0`` on an array argument changes the caller's array."""
    counters = _counters(fdef)
    for node in build.nodes(fdef):
        if isinstance(node, gast.AugAssign) and not (
                isinstance(node.target, gast.Name) and node.target.id in counters):
            return True
        if isinstance(node, (gast.Subscript, gast.Attribute)) and \
                isinstance(node.ctx, (gast.Store, gast.Del)):
            return True
        if isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute) and \
                node.func.attr in _MUTATING:
            return True
    return False


def _writes_named_arguments(function: Any, fdef: gast.FunctionDef, call: gast.Call) -> bool:
    """Whether the helper changes a parameter in place (``d[i] = v``, ``for row in d: row -=
    t``; :func:`.helper_changes.changed_parameters`), each such parameter given a name of the caller's
    (``shift_rows(D, t)``) or a value of the call's own arithmetic (``normalize_(x * 2.0)``):
    inlined, it then changes the caller's array, as Python does, and the function's own in-place
    machinery (:mod:`.aliases`) follows it.  A helper with a loop whose only changes are ``p op=
    e`` on parameters keeps its own derivative and run-time check (inlined, a number rebound in
    a loop left ``p[...] op= e`` in a branch never run, which second order refused: fuzz seed
    4903 program 51).  (Otherwise the helper keeps a derivative of its own, whose call refuses
    such a change.)"""
    from .helper_changes import changed_parameters

    changed, given = changed_parameters(function), _given(fdef, call)
    looped = any(isinstance(n, (gast.For, gast.While)) for n in walk(fdef))
    return bool(changed) and (not looped or any(
        not _rebinds_itself(p, node) for p, (_, node) in changed.items())) and not any(
        isinstance(a, gast.Starred) for a in call.args) and all(
        isinstance(given.get(p), (gast.Name, gast.BinOp, gast.UnaryOp)) for p in changed)


def _given_numbers(norm: Lowering, fdef: gast.FunctionDef, call: gast.Call) -> set[str]:
    """The helper's parameters the call gives a module-level (or closure) number by name
    (``pair(SCALE)``, ``SCALE = 1.75``): ``p op= e`` on one rebinds it, never writes into an
    array (fuzz seed 5522 program 70: the write ``SCALE[...] += e`` of the branch that never ran
    was refused as a write into a module-level value, and at second order as one into a value
    the function does not own)."""
    return {p for p, a in _given(fdef, call).items() if isinstance(a, gast.Name) and a.id not in norm.locals
            and _number(norm.info.lookup(a.id))}


def _given(fdef: gast.FunctionDef, call: gast.Call) -> dict[str, gast.expr]:
    """The helper's parameters the call gives a value, each with the expression it gives."""
    positional = [a.id for a in fdef.args.posonlyargs + fdef.args.args]
    given = dict(zip(positional, call.args, strict=False))
    given.update({k.arg: k.value for k in call.keywords if k.arg is not None})
    return given


def _number(found: tuple[bool, Any]) -> bool:
    return found[0] and isinstance(found[1], numbers.Number) and not isinstance(found[1], bool)


def _rebinds_itself(param: str, node: gast.AST) -> bool:
    """``p op= e`` on the parameter itself: a number is rebound (the helper's own derivative,
    checked to be given none but numbers, keeps that case as it was, second order included)."""
    return isinstance(node, gast.AugAssign) and isinstance(node.target, gast.Name) and \
        node.target.id == param


def _with_node(info: Any, fdef: gast.FunctionDef) -> Any:
    """The helper's source ``info`` describing the copy ``fdef`` being inlined."""
    helper = copy.copy(info)
    helper.node = fdef
    return helper


def _counters(fdef: gast.FunctionDef) -> set[str]:
    """Names every plain assignment of which in the helper is a number (``s = 0.0``), and that are
    not parameters: ``s += v`` then makes a new value the first time, and changes only that."""
    numbers: dict[str, bool] = {}
    for node in build.node_list(fdef):
        if isinstance(node, gast.Assign):
            for target in node.targets:
                for name in build.nodes(target):
                    if isinstance(name, gast.Name) and isinstance(name.ctx, gast.Store):
                        literal = isinstance(target, gast.Name) and \
                            isinstance(node.value, gast.Constant) and \
                            type(node.value.value) in (int, float)
                        numbers[name.id] = numbers.get(name.id, True) and literal
        elif isinstance(node, (gast.For, gast.comprehension, gast.AnnAssign, gast.NamedExpr)):
            for name in build.nodes(node.target):
                if isinstance(name, gast.Name):
                    numbers[name.id] = False
    return {name for name, literal in numbers.items() if literal} - _params(fdef)


def _params(fdef: gast.FunctionDef) -> set[str]:
    return {a.id for a in build.nodes(fdef.args) if isinstance(a, gast.Name)}


def _clashes(norm: Lowering, fdef: gast.FunctionDef, receiver: set[str]) -> bool:
    """Whether a free name of the helper is one of the caller's variables, or a name generated
    code already uses for something else (but the names of the receiver the caller spelled,
    written into a method's body for its ``self``)."""
    return clashing(norm, module_reads(fdef) - receiver)


def _record(norm: Lowering, function: Any) -> None:
    """The helper's code and defaults decide the generated code: changing either derives again."""
    recorder = norm.info.recorder
    if recorder is None:
        return
    for dep in scope.binding_dependencies(function, recorder.owner_for(function)):
        recorder.add(dep.replaced(binding=False))


def _replace_dict_locals(info: Any, probed: bool = False) -> None:
    from .dict_locals import replace_dict_locals  # (its dicts and records, if it builds any)

    replace_dict_locals(info)
    if probed or may_bind_function(info.lines):  # (and its
        # partials and function aliases: pipeline.py)
        from .partial_locals import replace_partial_locals

        replace_partial_locals(info)
    if any("](" in line for line in info.lines):  # (and `ACTS[name](x)`: one copy per key)
        from .function_tables import dispatch_function_tables

        dispatch_function_tables(info)

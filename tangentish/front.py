"""The front half of a transform, shared by the transforms of one function (issue 12).

:func:`front` runs the stages from the parsed source to the normalized function (source forms,
containers, dict locals, outputs, fence, ``wrt``, desugar, normalize); what follows them in
:mod:`tangentish.pipeline` (the options' facts, aliases, activity, reverse or forward...) differs
between ``grad``, ``value_and_grad``, ``vjp``, a specialization, the checked and unoptimized
derivatives, but these stages read none of that: only ``wrt``, ``has_aux``, whether the
transform is ``jvp`` (its tangents' names are reserved), the containers under ``wrt``, the
receiver, whether the function is a helper (built for its caller), the rules registered and the
function's scope.  So :class:`Fronts` keeps, per function, a copy of the normalized function for
each of those keys (:mod:`.passes.snapshot`; the later passes change the trees they get) and
hands each later transform of it a copy of that, instead of running the stages again.

Never stale: a kept front half is used only for the same function object (held weakly), whose
code is the same, whose lines are the same object (the parse cache's: an edited file is read
again), while the registry's ``generation`` is the one it was made at (a rule added by
``extend``, or one loaded that changes an answer) and every dependency it recorded holds
(:func:`~.syntax.scope.first_broken`: a global rebound, a helper redefined, a default changed, a
list it was unrolled over resized...), as the derivative cache checks its own entries.  A
front half that raised is not kept (the error is raised again by the next transform), nor is
one whose output a ``grad`` refuses (a container: refused at the same place as before).
Bounded: the :data:`SIZE` last kept, least recently used first out; a snapshot holds no user
function, globals nor lines of its own.
"""

from __future__ import annotations

import _thread
import sys
import types
import weakref
from collections import OrderedDict
from typing import Any

from . import arguments, ir
from .arguments.trees import DICT
from .cache import CLEARED
from .loader import is_generated
from .passes.array_operands import arrays_for_sequences
from .passes.dataflow import statements
from .passes.desugar import desugar
from .passes.keyword_calls import by_position
from .passes.normalize import Normalized, normalize, parameters
from .passes.outputs import flatten_outputs, refuse_gradient
from .passes.snapshot import NotCopied, copied
from .passes.source_forms import rewrite_source_forms
from .records import BUILDING, Options
from .registry import REGISTRY
from .runtime import helper_named
from .syntax.fence import fence
from .syntax.form_tests import (
    calls_a_bound_path,
    changes_items,
    may_hold_modules,
    writes_into,
)
from .syntax.naming import may_bind_function, may_hold_container
from .syntax.parse import SourceInfo
from .syntax.scope import first_broken
from .syntax.star import star_as_tuple

SIZE = 32
"""Front halves kept (a function built in several modes: each mode after the first copies one)."""


class Front:
    """What the front half hands the rest: the normalized function (``norm.info`` its info),
    the returned containers' structures, ``wrt`` as parameters (containers' leaves under
    ``structure``), whether it was one, and the names the derivative is named after."""

    __slots__ = ("norm", "outputs", "wrt", "single", "named", "params")

    def __init__(self, norm: Normalized, outputs: Any, wrt: list[str], single: bool,
                 named: list[str], params: list[str]):
        self.norm, self.outputs, self.wrt, self.single = norm, outputs, wrt, single
        self.named, self.params = named, params  # (and the parameters normalize saw)

    def copy(self, fresh: SourceInfo | None) -> Front:
        return Front(copied(self.norm, fresh), self.outputs, list(self.wrt), self.single,
                     list(self.named), list(self.params))


def front(info: SourceInfo, options: Options) -> Front:
    """Run the front half on ``info`` (changed in place) for ``options``."""
    probed = rewrite_source_forms(info)  # dict comprehensions, getattr(np, "name", None)...
    _containers_by_position(info, options.structure)  # (def f(x, *args); helper(x, p=params))
    if options.structure:  # containers under wrt: their parts named statically (loops unrolled)
        _name_container_parts(info, options.structure)
    info.receiver = options.receiver  # (a bound method's class or layout: its loops unrolled)
    _replace_dict_locals(info, probed)  # dicts built in the function, locals holding functions
    outputs = flatten_outputs(info, options.has_aux)  # returned dicts...: flat tuples
    if len(BUILDING.get()) == 1:  # (a helper's: refused at its call, passes/calls.py)
        refuse_gradient(info, outputs, options.mode)
    fence(info)
    wrt, single = resolve_wrt(info, parameters(info.node), options.wrt)  # (info.varying)
    _desugar(info)
    named = list(wrt)
    if options.structure:  # containers under wrt: the function over their leaves
        from .passes.containers import flatten_parameters
        wrt, single = flatten_parameters(info, wrt, options.structure), False
    params = parameters(info.node)
    norm = normalize(info, options.has_aux, _reserved(info, wrt, options.mode), options.mode != "jvp")
    arrays_for_sequences(norm)  # (np.square(xs) of a list: np.square(np.asarray(xs)))
    if any("eig" in line or "svd" in line for line in info.lines):  # (values and vectors read
        from .passes.spectral_reads import mark_spectral_reads  # both: refused at a repeated one)
        mark_spectral_reads(norm)
    return Front(norm, outputs, wrt, single, named, params)


class Fronts:
    """The front halves kept (see the module docstring); thread-safe."""

    def __init__(self) -> None:
        self._kept: OrderedDict[tuple, tuple] = OrderedDict()
        self._lock = _thread.allocate_lock()
        self.hits = self.misses = 0

    def front(self, info: SourceInfo, options: Options) -> Front:
        """:func:`front` of ``info`` (fresh from the parser) for ``options``: a copy of the one
        kept for the same key when it is still valid, else run and kept."""
        key = _key(info, options)
        with self._lock:
            entry = self._kept.get(key) if key is not None else None
            if entry is not None:
                self._kept.move_to_end(key)
        if entry is not None and _holds(entry, info, options):
            made = _reused(entry, info, options.mode == "jvp")
            if made is not None:
                self.hits += 1
                return made
        self.misses += 1
        generation = REGISTRY.generation
        made = front(info, options)
        if key is not None and REGISTRY.generation == generation:
            self._keep(key, info, made, generation, options.mode == "jvp")
        return made

    def _keep(self, key: tuple, info: SourceInfo, made: Front, generation: int,
              jvp: bool) -> None:
        held = self._kept.get(key)  # (a reverse transform's serves more: kept over a jvp's)
        if jvp and held is not None and held[-2] != "jvp" and held[0]() is info.root:
            return
        try:
            kept = made.copy(None)
        except NotCopied:
            return
        structured = made.outputs is not None and made.outputs.output is not None
        entry = (weakref.ref(info.root), info.fn.__code__, info.lines, generation,
                 info.dependencies, structured, "jvp" if jvp else _reverse(made.norm), kept)
        with self._lock:
            self._kept[key] = entry
            self._kept.move_to_end(key)
            while len(self._kept) > SIZE:
                self._kept.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self.hits = self.misses = 0


def _key(info: SourceInfo, options: Options) -> tuple | None:
    """What the front half reads besides the function: None when it is not kept (a function
    the memo cannot watch: a callable object, a bound method, made anew each time)."""
    if not isinstance(info.root, types.FunctionType):
        return None
    return (id(info.root), options.wrt, options.has_aux, options.structure, options.receiver,
            len(BUILDING.get()) == 1, "scipy.stats" in sys.modules, "scipy.linalg" in sys.modules)


def _holds(entry: tuple, info: SourceInfo, options: Options) -> bool:
    root, code, lines, generation, dependencies, structured, _, _ = entry
    if root() is not info.root or info.fn.__code__ is not code or info.lines is not lines:
        return False
    if generation != REGISTRY.generation:
        return False
    if structured and len(BUILDING.get()) == 1 and options.mode in ("grad", "value_and_grad"):
        return False  # (refused: by the front half itself, at the same place)
    return first_broken(dependencies, info.root, keep=False) is None


def _reused(entry: tuple, info: SourceInfo, jvp: bool) -> Front | None:
    """A copy of the kept front half for a transform in the mode ``jvp`` or not, with ``info``'s
    function; None where it may differ.  A reverse transform's serves a jvp too, where the only
    differences cannot arise: normalize reserves the jvp's tangent keywords (``x_dot``), which
    changes nothing when no name it gave or tried (all in ``namer.taken``) is one of them but
    the namer's taken names; and it copies the array an in-place runtime helper writes into
    (``_rt.add_at``, in a derivative differentiated again) in reverse only (``"mixed"``: none)."""
    kind, kept = entry[-2], entry[-1]
    if kind == ("jvp" if jvp else "reverse") or kind == "mixed" and not jvp:
        return kept.copy(info)
    if not jvp or kind != "mixed":
        return None
    from .passes.forward import tangent_keywords as keywords  # (a jvp's: loaded for it)

    reserved = set(keywords(kept.wrt, kept.params).values())
    if reserved & kept.norm.namer.taken:
        return None
    made = kept.copy(info)
    made.norm.namer.taken |= reserved
    return made


def _reverse(norm: Normalized) -> str:
    """"mixed" when a reverse transform's front half is a jvp's too (no in-place runtime
    helper called: see :func:`_reused`), else "reverse"."""
    for stmt in statements(norm.body):
        op = stmt.__dict__.get(ir.SLOT)
        if op is not None and op.op is not None and helper_named(op.op.key, _IN_PLACE):
            return "reverse"
    return "mixed"


_IN_PLACE = frozenset({"add_at", "zero_index", "own"})  # (lower.py's, and the copy it makes)


def _replace_dict_locals(info: SourceInfo, probed: bool = False) -> None:
    inlined = False  # (helpers handed a record or dict inlined: their text is not info.lines')
    if may_hold_container(info.lines, info.fn):  # (else no dict nor record: not even
        from .passes.dict_locals import replaced  # imported; a key read, a call:
        from .passes.nested_records import replaced_in_rounds  # of one a helper returns?)
        inlined = replaced_in_rounds(info, replaced)
        probed = probed or calls_a_bound_path(info.node)  # (a record of functions: aliases)
    if probed or inlined or may_bind_function(info.lines):  # g = partial(f, (probed: trap = getattr(...))
        from .passes.partial_locals import replace_partial_locals  # a); g(b) is f(a, b)
        replace_partial_locals(info)
    if inlined or any("](" in line for line in info.lines):  # ACTS[name](x): one copy per key
        from .passes.function_tables import dispatch_function_tables
        dispatch_function_tables(info)
    if inlined or any(".T[" in line for line in info.lines):  # B.T[j] = v is B[:, j] = v (the fence
        from .passes.transposed_writes import rewrite_transposed_writes  # refuses the first)
        rewrite_transposed_writes(info)
    if inlined or any(")[" in line for line in info.lines):  # y.reshape(-1)[1] = v is the view
        from .passes.view_targets import name_view_targets  # named, then written (the fence
        name_view_targets(info)  # refuses the first)
    if inlined or any(".flat[" in line for line in info.lines):  # y.flat[s] = v is y.put(positions, v)
        from .passes.flat_writes import rewrite_flat_writes  # (the fence refuses the first)
        rewrite_flat_writes(info)
    if "scipy.stats" in sys.modules:  # (a frozen distribution's methods: the family's)
        from .passes.frozen import replace_frozen
        replace_frozen(info)
    if inlined or info.receiver is not None or may_hold_modules(info.fn, info.lines):
        from .passes.module_defaults import resolve_defaults  # act=np.tanh: act(x) is np.tanh(x);
        resolve_defaults(info)  # xp=np, self.xp = np: xp.sum(v) is np.sum(v)


def _desugar(info: SourceInfo) -> None:
    """Desugar, then make the writes through a view or another name of an array on the array
    (not in a derivative's own code, which reads its views for their shapes; there, the in-place
    helpers get a copy of an argument a copy between names may alias)."""
    if not is_generated(info.fn) and changes_items(info.node):  # (else not even imported)
        from .passes.list_views import rewrite_list_views

        rewrite_list_views(info)  # (before the comprehensions become loops)
    desugar(info)
    if not is_generated(info.fn) and writes_into(info.node):
        from .passes.view_writes import rewrite_view_writes

        rewrite_view_writes(info)
    elif any("_rt.add_at(" in line or "_rt.zero_index(" in line for line in info.lines):
        from .passes.in_place_helpers import protect_in_place_helpers  # (differentiated again:

        protect_in_place_helpers(info.node)  # a copy between names is no statement any more)


def _name_container_parts(info: SourceInfo, structure: tuple) -> None:
    """Parts of containers under ``wrt`` named by their paths (passes/unroll.py; helpers handed
    a record inlined: record_parameters.py; a dict rebound to dicts built, copied first:
    dict_rebound.py), then calls unpacking a dict of them, ``dense(x,
    **params)``, given its entries (keyword_unpacking.py), and records of them rebuilt with a
    field replaced, ``p._replace(w=e)``, as constructions (replaced_records.py)."""
    from .passes.dict_rebound import copy_rebound_dicts
    from .passes.keyword_unpacking import expand_keyword_unpacking
    from .passes.record_parameters import resolve_parts
    if any(tree.kind == DICT for _, tree in structure):  # (`params = {k: ... for ...}`)
        copy_rebound_dicts(info, structure)
    rebuilt = any("replace(" in line or "_asdict(" in line for line in info.lines)  # (`p._replace(w=e)`)
    if rebuilt:
        from .passes.replaced_records import rebinds_renamed, replaced_as_constructions

        rebinds_renamed(info, structure)  # (`p = p._replace(...)`: `p_2 = ...`)
    resolve_parts(info, structure)
    expand_keyword_unpacking(info, structure)
    if rebuilt:
        replaced_as_constructions(info, structure)  # (a construction of the record's class)


def _containers_by_position(info: SourceInfo, structure: tuple) -> None:
    """``*args`` as a tuple parameter (syntax/star.py), and containers handed to helpers by
    keyword handed by position (passes/keyword_calls.py)."""
    star_as_tuple(info, structure, len(BUILDING.get()) == 1)
    by_position(info, frozenset(p for p, tree in structure if tree.is_container))


def _reserved(info: SourceInfo, wrt: list[str], mode: str) -> set[str]:
    """Names generated code needs that the user's locals must give up (renamed)."""
    return set(tangent_keywords(info, wrt).values()) if mode == "jvp" else set()


def tangent_keywords(info: SourceInfo, wrt: list[str]) -> dict[str, str]:
    from .passes.forward import tangent_keywords
    return tangent_keywords(wrt, parameters(info.node))


def resolve_wrt(info: SourceInfo, params: list[str], wrt: Any) -> tuple[list[str], bool]:
    """``wrt`` → parameter names, and whether it was single (see :mod:`tangentish.arguments`);
    recorded as ``info.varying`` (a loop over another parameter runs over ``tuple(p)``)."""
    own = arguments.own_parameters(info.fn)  # (its code's: a wraps wrapper's own)
    if own is not None and info.node.args.vararg is None and info.star is None and \
            any(p.kind == arguments.VARARGS for p in own):  # (a helper's ``*args``: above)
        own = tuple(p._replace(kind=arguments.POSITIONAL) if p.kind == arguments.VARARGS else p
                    for p in own)
    resolved = arguments.resolve_wrt(info.fn, wrt, params=own)
    info.varying = frozenset(resolved.names)
    return list(resolved.names), resolved.single


FRONTS = Fronts()
CLEARED.append(FRONTS.clear)  # (CACHE.clear() forgets them too)

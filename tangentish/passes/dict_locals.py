"""Dict locals become one variable per key (scalar replacement), before anything reads the function.

Guarantee to the next stage: no dict is built in the function except in a ``return`` (which
:mod:`outputs` flattens).  A local bound only to dicts with constant keys (``{...}``,
``dict(...)``, copies: ``dict(d)``, ``{**d, ...}``, ``d.copy()``) and written by ``d[K] = e``,
``d[K] op= e``, ``d.update(...)``, ``del d[K]`` (and ``d.setdefault``/``d.pop`` of a constant
key, :mod:`dict_methods`) is replaced by a variable per key, named
``d_K`` (``K`` a str or int constant, or a name known to hold one there: ``k = "w"``, the key
of a loop over a container argument that :mod:`unroll` unrolled); its reads (``d[K]``,
``d.get(K, c)``, ``K in d``, ``len(d)``) are that variable or a constant; a ``for`` over
``d``, ``d.keys()``, ``d.values()`` or ``d.items()`` is unrolled in insertion order, the key a
constant in each copy of the body; ``return d`` returns the display.
What is known at each point (:mod:`dict_state`) follows branches and loops; any use that the
keys known there cannot answer exactly (a key set on one path only and read after, a key added
in a loop, a non-constant key, the dict passed on or aliased, ``d.popitem``...) raises
:class:`UnsupportedConstructError` at its line.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     p = {"w": x, "v": x ** 2}
    ...     p["w"] += 1.0
    ...     for k, v in p.items():
    ...         x = x * v
    ...     return p
    >>> info = parse_function(f)
    >>> replace_dict_locals(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        p_w = x
        p_v = x ** 2
        p_w += 1.0
        k = 'w'
        v = p_w
        x = x * v
        k = 'v'
        v = p_v
        x = x * v
        return {'w': p_w, 'v': p_v}
"""

from __future__ import annotations

from typing import Any

import gast

from ..syntax import build, naming
from ..syntax.parse import SourceInfo
from ..syntax.printer import expression_text
from .desugar import ALWAYS as RETURNS
from .desugar import exits
from .dict_hoist import hoist_dict_builds
from .dict_loops import runs_once
from .dict_method_calls import split_method_calls
from .dict_methods import lowered
from .dict_reads import Reads, State, known, placed
from .dict_rebound import per_structure
from .dict_state import UNBOUND, Const, bound_to, constant_key, copies_dict, join_states

_ROUNDS = 8  # a loop's analysis reaches its fixed point in two or three rounds
_NESTED = (gast.FunctionDef, gast.Lambda)


def replace_dict_locals(info: SourceInfo, built: bool = False) -> None:
    """Rewrite ``info.node`` in place (see the module docstring); records built in the function
    first become dicts (:mod:`record_locals`); ``built``: a pass added a dict display the text
    does not show (a helper's ``**kwargs``: :mod:`keyword_collect`)."""
    from .nested_records import replaced_in_rounds  # (objects in objects' fields: again)

    replaced_in_rounds(info, replaced, built)


def replaced(info: SourceInfo, built: bool = False) -> bool:
    """:func:`replace_dict_locals`, saying whether helpers were inlined (their bodies are not in
    ``info.lines``, which the text checks of later passes read)."""
    records = naming.may_build_record(info.lines) or any(  # (`p._replace(w=e)` of a record
        "replace(" in line for line in info.lines)  # under wrt: a construction, replaced_records)
    dicts = built or naming.may_build_dict(info.lines)
    inlined = False
    if dicts or naming.may_hold_container(info.lines, info.fn):  # (a record or dict handed to a
        from .record_helpers import inline_record_helpers  # helper, or returned: inlined)
        if inlined := inline_record_helpers(info):  # (`s = step(s, dt)`, `s._replace(v=e)`: constructions;
            records = records or naming.may_call_record_maker(info.fn)  # `s = make(x)`: returned;
            dicts = dicts or naming.may_read_key(info.lines)  # `g = greeks(s)`, `g["d"]`)
            if dicts:
                hoist_dict_builds(info)
    if records:  # (a dataclass or named tuple is a CapWords name called)
        from .record_locals import replace_record_locals
        records = replace_record_locals(info)
    if not records and not dicts:
        return inlined  # (no dict can be built: the common case costs a look at the text)
    node = info.node
    own = build.outside_nested(node.body)
    local = {n.id for n in own if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load)}
    local |= {a.id for a in build.nodes(node.args) if isinstance(a, gast.Name)}
    local |= {n.name for n in own if isinstance(n, gast.FunctionDef)}  # (a `def len(...)`)
    candidates = _candidates(info, own, local)
    if not candidates:
        return inlined
    if any(isinstance(n, gast.GeneratorExp) for n in own):  # (`sum(e for k in d)`: a list
        from ..syntax.generators import consume_generators  # comprehension, which a dict

        consume_generators(info, local)  # local's unrolls)
    locals_ = DictLocals(info, candidates, naming.names_in(node), local)
    locals_.check_bindings(own, node)
    node.body = locals_.block(node.body, dict.fromkeys(sorted(candidates), UNBOUND)) or \
        [gast.copy_location(gast.Pass(), node.body[0])]
    return inlined


def _candidates(info: SourceInfo, own: list[gast.AST], local: set[str]) -> set[str]:
    """The names some statement binds to a dict built in the function."""
    probe = Reads(info, set(), set(), local)
    found: set[str] = set()
    while True:
        more = {s.targets[0].id for s in own if isinstance(s, gast.Assign)
                and len(s.targets) == 1 and isinstance(s.targets[0], gast.Name)
                and _builds_dict(probe, s.value, found)} - found
        if not more:
            return found
        found |= more


def _builds_dict(probe: Reads, value: gast.expr, found: set[str]) -> bool:
    if isinstance(value, gast.Dict) or (isinstance(value, gast.Call)
                                        and probe.maker(value.func)):
        return True
    return copies_dict(probe.info, probe.local, found, value)


def _stored(stmt: gast.stmt) -> set[str]:
    """The names ``stmt`` binds, in it or in the statements it holds."""
    return {n.id for n in build.nodes(stmt) if isinstance(n, gast.Name)
            and not isinstance(n.ctx, gast.Load)}


def _constants(stmt: gast.Assign) -> dict[str, Const]:
    """``{"=k": Const("w")}`` for ``k = "w"`` or ``k, v = ("w", ...)``."""
    found: dict[str, Const] = {}
    for target in stmt.targets:
        pairs = [(target, stmt.value)]
        if isinstance(target, gast.Tuple) and isinstance(stmt.value, gast.Tuple) \
                and len(target.elts) == len(stmt.value.elts):
            pairs = list(zip(target.elts, stmt.value.elts, strict=True))
        for name, value in pairs:
            known_key, key = constant_key(value)
            if isinstance(name, gast.Name) and known_key:
                found[f"={name.id}"] = Const(key)
    return found


def _site(node: gast.AST) -> tuple:
    return (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))


class DictLocals(Reads):
    """The statements: each rewritten under the state known before it, which it updates."""

    def __init__(self, *args: object):
        super().__init__(*args)
        self.jumps: list[list[State]] = []  # per loop being read, the states at its jumps

    def check_bindings(self, own: list[gast.AST], node: gast.FunctionDef) -> None:
        """Refuse a dict local also bound other than by ``d = <dict>`` or used in a nested
        function (a parameter too, where the structured derivative retries: :mod:`dict_rebound`)."""
        allowed = {id(s.targets[0]) for s in own if isinstance(s, gast.Assign)
                   and len(s.targets) == 1 and isinstance(s.targets[0], gast.Name)}
        for current in [*(params := list(build.nodes(node.args))), *own]:
            if isinstance(current, gast.Name) and current.id in self.names \
                    and not isinstance(current.ctx, (gast.Load, gast.Del)) \
                    and id(current) not in allowed:
                raise per_structure(self.refuse(
                    f"binding {current.id!r} other than to a dict, while it is also a dict built in "
                    "the function", current, hint="use another name for the other value"), current in params)
            if isinstance(current, _NESTED) and self.names & naming.names_in(current):
                raise self.refuse("a dict built in the function used in a nested function",
                                  current, hint="read the values you need into variables first")

    def block(self, stmts: list[gast.stmt], state: State) -> list[gast.stmt]:
        out: list[gast.stmt] = []
        for stmt in [part for s in stmts for part in split_method_calls(self, s)]:
            bound = _stored(stmt)
            out.extend(self.stmt(stmt, state))
            for name in bound:  # (a constant a name held is gone once it is bound again)
                state.pop(f"={name}", None)
            if isinstance(stmt, gast.Assign):
                state.update(_constants(stmt))
        return out

    def stmt(self, stmt: gast.stmt, state: State) -> list[gast.stmt]:
        method = getattr(self, f"_{stmt.__class__.__name__}", None)
        if method is not None:
            return method(stmt, state)
        if self.names & set(build.names(stmt)):
            raise self.refuse(f"a dict built in the function used in a "
                              f"`{stmt.__class__.__name__.lower()}` statement", stmt,
                              hint="use it in assignments, `if`, `for` and `while` only")
        return [stmt]

    def _Assign(self, stmt: gast.Assign, state: State) -> list[gast.stmt]:
        if len(stmt.targets) == 1 and self.is_local(stmt.targets[0]):
            return self._bind(stmt, stmt.targets[0].id, state)
        if len(stmt.targets) == 1 and isinstance(stmt.targets[0], gast.Name):
            made = lowered(self, stmt.value, stmt.targets[0].id, state, stmt)
            if made is not None:  # (`c = d.setdefault(K, v)`, `c = d.pop(K)`)
                return made
        stmt.value = self.expr(stmt.value, state)
        stmt.targets = [self.target(t, state) for t in stmt.targets]
        return [stmt]

    def _bind(self, stmt: gast.Assign, d: str, state: State) -> list[gast.stmt]:
        if isinstance(stmt.value, gast.Name):
            raise self.refuse(f"binding {d!r} to another name's dict (an alias: a write through "
                              "either changes both)", stmt,
                              hint=f"copy it: `{d} = dict({stmt.value.id})`")
        if isinstance(stmt.value, gast.Call) and not self.builtin(stmt.value.func, "dict") and \
                self.maker(stmt.value.func):
            self.ordered.add(d)
        pairs = self.entries(stmt.value, state)
        state[d] = bound_to(list(dict.fromkeys(k for k, _ in pairs)), _site(stmt))
        return self.assignments(d, pairs, stmt)

    def assignments(self, d: str, pairs: list, where: gast.stmt) -> list[gast.stmt]:
        """``d_k = value`` for each pair, in order; through temporaries when a value reads a
        variable an earlier pair writes (``d = {"a": d["b"], "b": d["a"]}``)."""
        targets = [self.var(d, k) for k, _ in pairs]
        values = [v for _, v in pairs]
        if any(build.loads(v) & set(targets[:i]) for i, v in enumerate(values)):
            temps = [self.namer.temp() for _ in values]
            first = [build.assign(t, v) for t, v in zip(temps, values, strict=True)]
            values, out = [build.name(t) for t in temps], first
        else:
            out = []
        out += [build.assign(t, v) for t, v in zip(targets, values, strict=True)
                if not (isinstance(v, gast.Name) and v.id == t)]
        return placed(out, where)

    def target(self, node: gast.expr, state: State) -> gast.expr:
        """An assignment target: ``d[K]`` becomes ``d_K`` (the key written, in order)."""
        if isinstance(node, gast.Subscript) and self.is_local(node.value):
            d = node.value.id
            key = self.key(node.slice, d, state)
            self.bound(d, state, node)
            state[d] = state[d].written(key)
            return gast.copy_location(build.name(self.var(d, key), store=True), node)
        if isinstance(node, (gast.Tuple, gast.List)):
            node.elts = [self.target(e, state) for e in node.elts]
            return node
        if isinstance(node, gast.Starred):
            node.value = self.target(node.value, state)
            return node
        if isinstance(node, (gast.Subscript, gast.Attribute)):
            node.value = self.expr(node.value, state)
        if isinstance(node, gast.Subscript):
            node.slice = self.expr(node.slice, state)
        return node

    def _AugAssign(self, stmt: gast.AugAssign, state: State) -> list[gast.stmt]:
        stmt.value = self.expr(stmt.value, state)
        node = stmt.target
        if isinstance(node, gast.Subscript) and self.is_local(node.value):
            d = node.value.id
            read = self.read(d, self.key(node.slice, d, state), state, node)
            stmt.target = gast.copy_location(build.name(read.id, store=True), node)
            return [stmt]
        stmt.target = self.target(node, state)
        return [stmt]

    def _Expr(self, stmt: gast.Expr, state: State) -> list[gast.stmt]:
        call = stmt.value
        if isinstance(call, gast.Call) and isinstance(call.func, gast.Attribute) \
                and self.is_local(call.func.value) and call.func.attr == "update" \
                and len(call.args) <= 1:
            d = call.func.value.id
            self.bound(d, state, call)
            pairs = self._update_pairs(call, state)
            for key, _ in pairs:
                state[d] = state[d].written(key)
            return self.assignments(d, pairs, stmt)
        made = lowered(self, call, None, state, stmt)  # (`d.setdefault(K, v)`, `d.pop(K)`)
        if made is not None:
            return made
        stmt.value = self.expr(call, state)
        return [stmt]

    def _update_pairs(self, call: gast.Call, state: State) -> list:
        pairs = self.entries(call.args[0], state) if call.args else []
        for keyword in call.keywords:
            pairs += self.entries(keyword.value, state) if keyword.arg is None \
                else [(keyword.arg, self.expr(keyword.value, state))]
        return pairs

    def _Return(self, stmt: gast.Return, state: State) -> list[gast.stmt]:
        if stmt.value is not None:
            stmt.value = self.returned(stmt.value, state)
        return [stmt]

    def _Delete(self, stmt: gast.Delete, state: State) -> list[gast.stmt]:
        kept = []
        for node in stmt.targets:
            if isinstance(node, gast.Subscript) and self.is_local(node.value):
                d = node.value.id
                key = self.key(node.slice, d, state)
                self.read(d, key, state, node)  # (refused unless it is surely there)
                state[d] = state[d].deleted(key)
            elif self.is_local(node):
                state[node.id] = UNBOUND
            else:
                kept.append(self.expr(node, state) if not isinstance(node, gast.Name) else node)
        stmt.targets = kept
        return [stmt] if kept else []

    def _If(self, stmt: gast.If, state: State) -> list[gast.stmt]:
        stmt.test = self.expr(stmt.test, state)
        if known(stmt.test):  # (decided by the keys: `if "b" in d:`; only one branch runs)
            return self.block(stmt.body if stmt.test.value else stmt.orelse, state)
        other = dict(state)
        stmt.body = self.block(stmt.body, state) or [placed([gast.Pass()], stmt)[0]]
        stmt.orelse = self.block(stmt.orelse, other)
        ends = (_leaves(stmt.body), _leaves(stmt.orelse))
        if ends == (True, False):  # (the code after the `if` runs after the `else` branch only)
            state.update(other)
        elif ends == (False, False):
            state.update(join_states(state, other))
        return [stmt]

    def _For(self, stmt: gast.For, state: State) -> list[gast.stmt]:
        from .dict_loops import unrolled  # (over a dict local, or constants reading one)

        if (copies := unrolled(self, stmt, state)) is not None:
            return copies
        stmt.iter = self.expr(stmt.iter, state)
        self.sources.update(dict.fromkeys(build.names(stmt.target), (  # (refusing its key)
            f" (from the loop over `{expression_text(stmt.iter)}`, which is no dict the "
            "function builds: its keys are not known now)")))
        if self.names & set(build.names(stmt.target)):
            raise self.refuse("a dict built in the function written as a loop's target", stmt,
                              hint="assign it in the body")
        return self.loop(stmt, state)

    def _While(self, stmt: gast.While, state: State) -> list[gast.stmt]:
        return self.loop(stmt, state)

    def comprehension(self, node: gast.expr, state: State, visit: Any) -> gast.expr | None:
        """A list comprehension over a dict local, or constants reading one: :mod:`dict_loops`."""
        from .dict_loops import comprehension

        return comprehension(self, node, state, visit)

    def loop(self, stmt: gast.For | gast.While, state: State) -> list[gast.stmt]:
        """A loop that stays a loop: its body rewritten under what holds at the start of every
        iteration (the fixed point of joining the states after the body and at each `break`
        and `continue` with the state before)."""
        entry, original = dict(state), (stmt.body, getattr(stmt, "test", None))
        for _ in range(_ROUNDS):
            trial = dict(entry)
            if isinstance(stmt, gast.For):  # (bound anew at each iteration)
                for name in _stored(gast.Assign(targets=[stmt.target], value=stmt.iter)):
                    trial.pop(f"={name}", None)
            self.jumps.append([])
            test = self.expr(build.clone(original[1]), trial) if original[1] is not None else None
            body = self.block(build.clone(original[0]), trial)
            jumped = self.jumps.pop()
            after = entry
            for reached in (trial, *jumped):
                after = join_states(after, reached)
            if after == entry:
                break
            entry = after
        else:  # (each round keeps less: cannot happen; refused rather than assumed)
            raise self.refuse("a loop over which the keys of a dict never settle", stmt,
                              hint="set the keys before the loop")
        if test is not None:
            stmt.test = test
        stmt.body = body or [placed([gast.Pass()], stmt)[0]]
        if isinstance(stmt, gast.For) and runs_once(self, stmt.iter):  # (no path skips the
            entry = trial  # body: what it binds is bound after the loop, `for k in range(3)`)
            for reached in jumped:
                entry = join_states(entry, reached)
        after_else = dict(entry)
        stmt.orelse = self.block(stmt.orelse, after_else)
        state.update(join_states(entry, after_else) if jumped else after_else)
        return [stmt]

    def _Break(self, stmt: gast.stmt, state: State) -> list[gast.stmt]:
        if self.jumps:  # (where the loop may be left or continued: joined into its states)
            self.jumps[-1].append(dict(state))
        return [stmt]

    _Continue = _Break


__all__ = ["replace_dict_locals"]


def _leaves(block: list[gast.stmt]) -> bool:
    """Whether running ``block`` never goes on after it: it always returns, or it ends by
    raising (``else: raise KeyError(name)``, a dispatch's last branch)."""
    return exits(block) == RETURNS or bool(block) and isinstance(block[-1], gast.Raise)

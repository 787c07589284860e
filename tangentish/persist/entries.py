"""A :class:`~tangentish.pipeline.Record` as an entry, and back: what was checked on the way.

:func:`entry` writes down a freshly built record of ``fn``: its generated text, its compiled code
(so reading it back compiles nothing) and fields, how its closure cells are made (the user's own
cell, a module, a constant), the rules it used and every name resolution the transform made
(:mod:`tangentish.syntax.scope`), each with the token (:mod:`.tokens`) of what it found.
:func:`record` rebuilds the record in another process only when resolving every name again finds
objects of the same tokens; it then records the same dependencies a fresh build would (so the
in-memory cache keeps checking them on every hit).
Either raises :class:`~.tokens.Unpersistable` (nothing written) or :class:`Stale` (not reused).
"""

from __future__ import annotations

import sys
import types
import weakref
from collections.abc import Callable
from typing import Any

from ..arguments.outputs import Outputs
from ..loader import load
from ..provenance import MAPS, LineMap
from ..records import Record
from ..syntax.scope import (
    ABSENT,
    EQUAL,
    FUNCTION,
    ITEMS,
    MISSING,
    SAME,
    SIZED,
    TYPE,
    Dependency,
    _Strong,
    binding_dependencies,
    expectation,
)
from .tokens import (
    Unpersistable,
    code_token,
    const_token,
    function_token,
    lookup,
    object_token,
    path_of,
    same,
    value_token,
)

_FIELDS = ("name", "text", "mode", "wrt", "single", "seed", "tangents", "of", "mutated",
           "machinery", "reads", "runtime", "zeros")
_PLAIN = (type(None), bool, int, float, str)


class Stale(Exception):
    """An entry that does not describe ``fn`` as it is now (or is malformed)."""


# -- writing -----------------------------------------------------------------------------------
def entry(fn: types.FunctionType, built: Record, key: str, derived: list) -> dict:
    """``built`` (just made for ``fn``) as an entry (a dict of what :mod:`marshal` writes), or
    :class:`Unpersistable`;
    ``derived`` lists ``(helper, options, record)`` for each helper derivative it asked for."""
    function = built.function
    if built.backward is not None or not _plain_outputs(built.outputs):
        raise Unpersistable("it returns containers or is split")
    if any(dep.owner is None and dep.scope == FUNCTION and dep.attrs for dep in built.dependencies):
        raise Unpersistable("its code holds one of the function's defaults (act=np.tanh)")
    callees = {id(made.function): (helper, options) for helper, options, made in derived}
    extra = set(vars(function)) - {"plain_seed"}
    if extra or function.__globals__ is not fn.__globals__ or \
            function.__defaults__ is not fn.__defaults__ or \
            function.__kwdefaults__ != _kwdefaults(fn, built.mode, built.seed):
        raise Unpersistable("its generated function is bound otherwise")
    plain_seed = getattr(function, "plain_seed", None)
    lines = MAPS.get(function.__code__.co_filename)
    return {"key": key, "fields": {name: getattr(built, name) for name in _FIELDS},
            "code": function.__code__, "lines": None if lines is None else lines.data(),
            "outputs": None if built.outputs is None else "plain",
            "plain_seed": None if plain_seed is None else list(plain_seed),
            "cells": [[name, _cell_spec(fn, cell, callees)] for name, cell in
                      zip(function.__code__.co_freevars, function.__closure__ or (), strict=True)],
            "rule_keys": [[*path_of(key_), object_token(key_)] for key_ in built.rule_keys],
            "dependencies": [_dependency_spec(fn, dep) for dep in built.dependencies
                             if not (dep.owner is None and dep.scope == FUNCTION)]}


def _plain_outputs(outputs: Any) -> bool:
    return outputs is None or (isinstance(outputs, Outputs) and outputs.output is None
                               and outputs.aux is None)


def _kwdefaults(fn: types.FunctionType, mode: str, seed: str | None) -> dict | None:
    seeds = {} if mode == "jvp" or seed is None else {seed: 1.0}
    return {**(fn.__kwdefaults__ or {}), **seeds} or None


def _cell_spec(fn: types.FunctionType, cell: types.CellType, callees: dict) -> list:
    if cell in (fn.__closure__ or ()):
        return ["user"]
    value = cell.cell_contents
    if id(value) in callees:  # a helper's derivative: asked for again when read
        helper, options = callees[id(value)]
        if options.structure or options.facts or options.has_aux or options.receiver or \
                options.sequences or options.read_items is not None:
            raise Unpersistable("a helper's derivative of containers, or of a method")
        return ["callee", *path_of(helper), function_token(helper), options.wrt, options.mode]
    if isinstance(value, types.ModuleType):
        return object_token(value)
    if type(value) in _PLAIN:
        return ["const", value]
    if callable(value):  # (what the function's own `from m import f` binds: found again)
        return ["object", *path_of(value), object_token(value)]
    raise Unpersistable(f"a cell holds a {type(value).__name__}")


def _dependency_spec(fn: types.FunctionType, dep: Dependency) -> list:
    owner = None if dep.owner is None else dep.owner()
    if dep.kind in (EQUAL, SIZED) or any(type(a) is not str for a in dep.attrs) or (
            dep.owner is not None and not isinstance(owner, types.FunctionType)):
        raise Unpersistable(f"it depends on {dep.describe()}")
    value = dep.current(fn)
    if not _holds(dep, value):
        raise Unpersistable("a name it resolved changed while it was built")
    where = None if owner is None else [*path_of(owner), function_token(owner)]
    return [dep.scope, dep.name, list(dep.attrs), dep.kind, dep.binding, dep.index, where,
            _token(dep, value)]


def _holds(dep: Dependency, value: Any) -> bool:
    if dep.kind == SAME:
        return value is dep.expected()
    if dep.kind == TYPE:
        return type(value) is dep.expected
    return dep.kind != ABSENT or value is MISSING


def _token(dep: Dependency, value: Any) -> list:
    if dep.kind == ABSENT:
        return ["absent"] if value is MISSING else ["present"]
    if dep.kind == ITEMS:
        return ["items", None if value is None else
                sorted([k, const_token(v)] for k, v in value.items())]
    if dep.kind == TYPE:
        return value_token(value)
    if dep.scope == FUNCTION:
        if isinstance(value, types.CodeType):
            return ["code", code_token(value)]
        return ["const", const_token(value)]
    return object_token(value)


# -- reading -----------------------------------------------------------------------------------
def record(fn: types.FunctionType, stored: dict, key: str, derive: Callable) -> Record:
    """The record ``stored`` describes, bound to ``fn``, or :class:`Stale`; ``derive(helper,
    wrt, mode)`` gives a helper's derivative record (through the caches)."""
    if stored.get("key") != key:
        raise Stale("the entry is another key's")
    dependencies = (*binding_dependencies(fn), *(_dependency(fn, s) for s in stored["dependencies"]))
    rule_keys = [_rule_key(*spec) for spec in stored["rule_keys"]]
    fields = stored["fields"]
    cells = {name: _cell(fn, name, spec, derive) for name, spec in stored["cells"]}
    callees = [cells[name] for name, spec in sorted(stored["cells"]) if spec[0] == "callee"]
    cells.update((name, callee.function) for name, callee in cells.items()
                 if isinstance(callee, Record))
    code = stored["code"]
    if type(code) is not types.CodeType or code.co_name != fields["name"]:
        raise Stale("the entry's code is not its function's")
    lines = stored.get("lines")
    function = load(fields["text"], fields["name"], fn.__globals__, cells, fn.__defaults__,
                    _kwdefaults(fn, fields["mode"], fields["seed"]), code=code,
                    lines=None if lines is None else LineMap(*lines))
    if stored["plain_seed"] is not None:
        function.plain_seed = tuple(stored["plain_seed"])
    return Record(fields["name"], fields["text"], function, fields["mode"], list(fields["wrt"]),
                  bool(fields["single"]), fields["seed"], dict(fields["tangents"]), rule_keys,
                  callees=callees, of=fields["of"], mutated=tuple(fields["mutated"]),
                  dependencies=dependencies, machinery=dict(fields["machinery"]),
                  reads=tuple(fields["reads"]), runtime=tuple(fields["runtime"]),
                  zeros=tuple(fields["zeros"]),
                  outputs=None if stored["outputs"] is None else Outputs())


def _rule_key(module: str, qualname: str, token: list) -> Any:
    found = lookup(module, qualname)
    if found is None or not same(object_token(found), token):
        raise Stale(f"the rule key {module}.{qualname} is another object")
    return found


def _cell(fn: types.FunctionType, name: str, spec: list, derive: Callable) -> Any:
    if spec[0] == "callee":
        module, qualname, token, wrt, mode = spec[1:]
        helper = lookup(module, qualname)
        if not isinstance(helper, types.FunctionType) or not same(function_token(helper), token):
            raise Stale(f"the helper {module}.{qualname} changed")
        return derive(helper, wrt if isinstance(wrt, (str, int)) else tuple(wrt), mode)
    if spec[0] == "user":
        cells = dict(zip(fn.__code__.co_freevars, fn.__closure__ or (), strict=True))
        if name not in cells:
            raise Stale(f"the function has no closure variable {name}")
        return cells[name]
    if spec[0] == "const" and type(spec[1]) in _PLAIN:
        return spec[1]
    if spec[0] == "object":
        found = lookup(spec[1], spec[2])
        if found is None or not same(object_token(found), spec[3]):
            raise Stale(f"the cell {name} is not the object it was")
        return found
    module = sys.modules.get(spec[1]) if spec[0] == "module" else None
    if module is None:
        raise Stale(f"the cell {name} is not available")
    return module


def _dependency(fn: types.FunctionType, spec: list) -> Dependency:
    scope, name, attrs, kind, binding, index, where, token = spec
    owner = None
    if where is not None:
        helper = lookup(where[0], where[1])
        if not isinstance(helper, types.FunctionType) or not same(function_token(helper),
                                                                  where[2]):
            raise Stale(f"the helper {where[0]}.{where[1]} changed")
        owner = weakref.ref(helper)
    probe = Dependency(scope, name, tuple(attrs), kind, None, owner, binding, index)
    value = probe.current(fn)
    try:
        now = _token(probe, value)
    except Unpersistable as exc:
        raise Stale(str(exc)) from None
    if not same(now, token):
        raise Stale(f"{scope} {'.'.join([name, *attrs])} changed")
    if kind == ITEMS:
        expected: Any = None if value is None else tuple((k, _Strong(v)) for k, v in value.items())
    elif kind == SAME and scope == FUNCTION:
        expected = _Strong(value)
    else:
        found_kind, expected = expectation(value)
        if found_kind != kind:
            raise Stale(f"{scope} {name} is now checked as {found_kind}")
    return Dependency(scope, name, tuple(attrs), kind, expected, owner, binding, index)

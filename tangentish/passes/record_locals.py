"""Records built in the function (a dataclass or a named tuple) become dicts of their fields, which
:mod:`dict_locals` then turns into one variable per field.

Guarantee to the next stage: a local bound only to constructions of one record class, and used only
through its fields, is a dict local: ``p = P(x, b=2.0 * x)`` is ``p = {"a": x, "b": 2.0 * x}``
(every field, the class's defaults filled in), ``p.a`` is ``p["a"]`` (also as the target of
``p.a = v`` and ``p.a += v`` for a dataclass that is not frozen), and a named tuple's ``p[0]`` is
``p["a"]``.  A record class is one whose construction only stores its fields: a dataclass whose
``__init__`` is the generated one (every field in ``__init__``, no default factory; a
``__post_init__`` only storing arithmetic of the fields, :func:`.plain_records.post_init_fields`),
a ``collections.namedtuple``/``typing.NamedTuple`` class whose ``__new__`` is the generated one,
or a plain class whose ``__init__`` only stores its arguments under their own names
(:mod:`plain_records`).

A returned record (maybe in a tuple, list or dict display) is built again there from its fields,
for :mod:`outputs`.  A named tuple unpacked by an assignment into as many names as it has fields
(``w, b = q``) is the tuple of its fields (``w, b = q["w"], q["b"]``: Python iterates a named
tuple's fields in order).  A class's constant, ``staticmethod`` or ``classmethod`` read through
such a local (``p.g``, ``p.squash(z)``) is the class's (``P.squash(z)``).  Any other use of such
a local (passed to a function, iterated, unpacked otherwise, compared, a method or a non-field
attribute read, a field written on a frozen record) would mean something else for a dict, so it
is refused at its line with :class:`UnsupportedConstructError`; a local that is also bound to
something else is left alone
(its construction is then refused as a call without a rule).

    >>> import dataclasses
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> @dataclasses.dataclass
    ... class Point:
    ...     a: float
    ...     b: float = 1.0
    >>> def f(x):
    ...     p = Point(x)
    ...     p.b = p.b * x
    ...     return p.a * p.b
    >>> info = parse_function(f)
    >>> replace_record_locals(info)
    True
    >>> print(function_text(info.node), end="")
    def f(x):
        p = {'a': x, 'b': 1.0}
        p['b'] = p['b'] * x
        return p['a'] * p['b']
"""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any

import gast

from ..errors import UnsupportedConstructError
from ..syntax import build
from ..syntax.parse import SourceInfo
from ..syntax.resolve import dotted, expression_for
from ..syntax.tree_walk import walk
from .callable_defaults import value_spelling
from .helper_bodies import renamed
from .plain_records import Plain, StarItems, is_function, plain_fields, post_init_fields
from .record_copies import handed_on
from .record_refusals import refuse, refuse_attribute

_PLAIN_DEFAULTS = (int, float, bool, str, type(None))
_ABSENT = object()


class _Record:
    """What a construction of one record class stores: its fields, in order, and their
    defaults (constants), and whether its fields may be assigned."""

    def __init__(self, cls: type, fields: list[str], defaults: dict[str, Any], frozen: bool,
                 indexed: bool, plain: Plain | None = None):
        self.cls, self.fields, self.defaults = cls, fields, defaults
        self.frozen, self.indexed = frozen, indexed
        self.params = plain.params if plain is not None else fields  # (what a call binds)
        self.values = plain.values if plain is not None else None  # (field → its expression)
        self.star = plain.star if plain is not None else None  # (``*args``: plain_records)
        self.spelled: gast.expr | None = None  # the class as the function names it


def record_of(value: Any) -> _Record | None:
    """The record a call of ``value`` builds, or ``None`` when ``value`` is not a record class."""
    if not isinstance(value, type):
        return None
    if dataclasses.is_dataclass(value):
        return _dataclass(value)
    fields = getattr(value, "_fields", None)
    if issubclass(value, tuple) and isinstance(fields, tuple) and _generated(value.__new__):
        defaults = dict(getattr(value, "_field_defaults", {}))
        if all(type(v) in _PLAIN_DEFAULTS for v in defaults.values()):
            return _Record(value, list(fields), defaults, True, True)
        return None
    plain = plain_fields(value)  # (a class whose __init__ only stores its arguments)
    return None if plain is None else _Record(value, plain.fields, plain.defaults, False, False,
                                              plain)


def _dataclass(cls: type) -> _Record | None:
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.init or not _generated(cls.__init__) or \
            (params.frozen and hasattr(cls, "__post_init__")):
        return None
    fields = dataclasses.fields(cls)
    defaults = {}
    for field in fields:
        if not field.init or field.default_factory is not dataclasses.MISSING:
            return None
        if field.default is not dataclasses.MISSING:
            if type(field.default) not in _PLAIN_DEFAULTS:
                return None
            defaults[field.name] = field.default
    if hasattr(cls, "__post_init__"):  # (fields it computes: values of the arguments)
        plain = post_init_fields(cls, [f.name for f in fields], defaults)
        return None if plain is None else _Record(cls, plain.fields, plain.defaults, False,
                                                  False, plain)
    return _Record(cls, [f.name for f in fields], defaults, bool(params.frozen), False)


def _generated(method: Any) -> bool:
    """Whether ``method`` was written by dataclasses or namedtuple (compiled from a string)."""
    code = getattr(method, "__code__", None)
    return code is not None and code.co_filename.startswith("<")


def replace_record_locals(info: SourceInfo) -> bool:
    """Rewrite ``info.node`` in place (see the module docstring); whether anything changed."""
    own = build.outside_nested(info.node.body)
    params = build.parameter_names(info.node.args)
    local = {n.id for n in own if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load)}
    built = _constructions(info, own, local | params)
    if not built:
        return False
    records = _single_class(own, built, params)
    if not records:
        return False
    parents = {id(child): parent for parent in own for child in build.children(parent)}
    for node in own:
        if isinstance(node, gast.Name) and node.id in records and id(node) not in built:
            _rewrite_use(info, node, parents, records[node.id])
    for stmt in own:
        if isinstance(stmt, gast.Assign) and id(stmt.targets[0]) in built:
            stmt.value = _display(info, stmt.value, built[id(stmt.targets[0])][1])
    return True


def _constructions(info: SourceInfo, own: list[gast.AST],
                   local: set[str]) -> dict[int, tuple[str, _Record]]:
    """Target node id → (name, record) for each ``name = RecordClass(...)`` (the class read from
    outside: a local of the same name is not it)."""
    found = {}
    for stmt in own:
        if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and \
                isinstance(stmt.targets[0], gast.Name) and isinstance(stmt.value, gast.Call):
            parts = dotted(stmt.value.func)
            if parts is None or parts[0] in local:
                continue
            known, value = info.lookup_path(parts)
            record = record_of(value) if known else None
            if record is not None:
                record.spelled = stmt.value.func
                found[id(stmt.targets[0])] = (stmt.targets[0].id, record)
    return found


def _single_class(own: list[gast.AST], built: dict, params: set[str]) -> dict[str, _Record]:
    """The names bound only to constructions of one record class."""
    classes: dict[str, _Record] = {}
    mixed = set(params)
    for name, record in built.values():
        if classes.setdefault(name, record).cls is not record.cls:
            mixed.add(name)
    for node in own:
        if isinstance(node, gast.Name) and not isinstance(node.ctx, gast.Load) and \
                id(node) not in built:
            mixed.add(node.id)
        elif isinstance(node, (gast.FunctionDef, gast.Lambda)):  # (read by a nested function)
            mixed |= {n.id for n in walk(node) if isinstance(n, gast.Name)}
    return {name: record for name, record in classes.items() if name not in mixed}


def _rewrite_use(info: SourceInfo, node: gast.Name, parents: dict, record: _Record) -> None:
    parent = parents.get(id(node))
    cls = record.cls.__name__
    if isinstance(parent, gast.Attribute) and parent.value is node and \
            parent.attr in record.fields:
        if not isinstance(parent.ctx, gast.Load) and record.frozen:
            refuse(info, parent, f"a field of the frozen {cls} {node.id} written")
        _replace(parents, parent, _item(node, parent.attr, parent.ctx))
        return
    if record.fields and _getattr_at_name(info, node, parent):  # (`getattr(p, name)`: the dict at the key)
        key = parent.args[1]
        info.fields_by_name[key.lineno, key.col_offset] = cls  # (for a refusal's words)
        _replace(parents, parent, gast.copy_location(gast.Subscript(
            value=build.name(node.id), slice=build.clone(parent.args[1]), ctx=gast.Load()), parent))
        return
    index = _index(parent.slice) if isinstance(parent, gast.Subscript) and \
        parent.value is node and record.indexed and isinstance(parent.ctx, gast.Load) else None
    if index is not None and -len(record.fields) <= index < len(record.fields):
        _replace(parents, parent, _item(node, record.fields[index], parent.ctx))
        return
    if record.indexed and _unpacked(parent, node, len(record.fields)):  # (`W, b = p`: by field)
        _replace(parents, node, gast.copy_location(build.tuple_(
            [_item(node, field, gast.Load()) for field in record.fields]), node))
        return
    if _returned(info, node, parents) and not (record.indexed or dataclasses.is_dataclass(record.cls)):
        raise UnsupportedConstructError(
            f"cannot differentiate the {cls} {node.id} built in the function returned: an output "
            "is built again from its fields only for a dataclass or a named tuple",
            info.location(node), hint=f"make {cls} a dataclass, or return its fields "
            f"({node.id}.{record.fields[0]}, ...)")
    if _returned(info, node, parents):  # built again where it is returned (passes/outputs.py)
        fields = [_item(node, field, gast.Load()) for field in record.fields]
        _replace(parents, node, gast.copy_location(
            gast.Call(func=build.clone(record.spelled), args=fields, keywords=[]), node))
        return
    if handed_on(info, node, parents, record, lambda cls: record_of(cls) is not None):
        fields = [gast.keyword(arg=f, value=_item(node, f, gast.Load())) for f in record.fields]
        _replace(parents, node, gast.copy_location(  # (`Pair(layer, layer)`: record_copies.py)
            gast.Call(func=build.clone(record.spelled), args=[], keywords=fields), node))
        return
    if isinstance(parent, gast.Attribute) and parent.value is node:
        if isinstance(parent.ctx, gast.Load) and (_class_constant(record.cls, parent.attr) or
                                                  _class_bound(record.cls, parent.attr)):
            _replace(parents, parent, gast.copy_location(  # (`c.g`, `c.squash`: the class's)
                build.attribute(build.clone(record.spelled), parent.attr), parent))
            return
        refuse_attribute(info, node, parent, record)
    refuse(info, node, f"the {cls} {node.id} built in the function used as a whole")


def _unpacked(parent: gast.AST, node: gast.Name, count: int) -> bool:
    """Whether ``node`` is the value of an assignment unpacking it into ``count`` targets
    (``w, b = q``: the named tuple's fields in order, as Python iterates them)."""
    return isinstance(parent, gast.Assign) and parent.value is node and \
        len(parent.targets) == 1 and isinstance(parent.targets[0], (gast.Tuple, gast.List)) and \
        len(parent.targets[0].elts) == count and \
        not any(isinstance(t, gast.Starred) for t in parent.targets[0].elts)


def _getattr_at_name(info: SourceInfo, node: gast.Name, parent: gast.AST) -> bool:
    """``getattr(p, name)`` (the built-in, two arguments) at a local's or parameter's value:
    read as the field the name holds (:mod:`.dict_locals` reads the key, a constant there)."""
    return isinstance(parent, gast.Call) and len(parent.args) == 2 and not parent.keywords and \
        parent.args[0] is node and isinstance(parent.args[1], gast.Name) and \
        dotted(parent.func) == ["getattr"] and info.lookup_path(["getattr"]) == (True, getattr)


def _class_constant(cls: type, attr: str) -> bool:
    """Whether ``cls.attr`` is data of the class (``g = 9.81``, an array), no field, method,
    property or other descriptor: every object of a record class reads it from the class."""
    value = inspect.getattr_static(cls, attr, _ABSENT)
    return value is not _ABSENT and not callable(value) and not hasattr(type(value), "__get__")


def _class_bound(cls: type, attr: str) -> bool:
    """Whether ``cls.attr`` is a ``staticmethod`` or ``classmethod``: read through an object of
    the class (``self.squash(z)`` in an inlined method), it is the class's own
    (``Scaler.squash``), the same function bound the same way."""
    return isinstance(inspect.getattr_static(cls, attr, _ABSENT), (staticmethod, classmethod))


def _returned(info: SourceInfo, node: gast.expr, parents: dict) -> bool:
    """Whether ``node`` is returned, maybe inside tuple, list or dict displays or as an
    argument of a dataclass's or named tuple's construction (``return Seg(s_p, s_w)``, a
    record a field held: :mod:`.nested_records`)."""
    parent = parents.get(id(node))
    while isinstance(parent, (gast.Tuple, gast.List)) or \
            isinstance(parent, gast.Dict) and any(v is node for v in parent.values) or \
            _rebuilt(info, parent, node):
        node, parent = parent, parents.get(id(parent))
    return isinstance(parent, gast.Return)


def _rebuilt(info: SourceInfo, call: gast.AST, node: gast.expr) -> bool:
    """Whether ``call`` builds a dataclass or named tuple (an output built again) from ``node``
    among its arguments."""
    if not isinstance(call, gast.Call) or not any(
            a is node for a in [*call.args, *(k.value for k in call.keywords)]):
        return False
    parts = dotted(call.func)
    found, cls = info.lookup_path(parts) if parts is not None else (False, None)
    record = record_of(cls) if found else None
    return record is not None and (record.indexed or dataclasses.is_dataclass(cls))


def _index(node: gast.expr) -> int | None:
    """``0`` or ``-1``: a constant integer index."""
    sign = 1
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, gast.USub):
        sign, node = -1, node.operand
    if isinstance(node, gast.Constant) and type(node.value) is int:
        return sign * node.value
    return None


def _item(node: gast.Name, field: str, ctx: gast.AST) -> gast.Subscript:
    name = gast.copy_location(gast.Name(id=node.id, ctx=gast.Load(), annotation=None,
                                        type_comment=None), node)
    key = gast.copy_location(gast.Constant(value=field, kind=None), node)
    return gast.copy_location(gast.Subscript(value=name, slice=key, ctx=ctx), node)


def _replace(parents: dict, old: gast.AST, new: gast.AST) -> None:
    build.replace_child(parents[id(old)], old, new)


def _display(info: SourceInfo, call: gast.Call, record: _Record) -> gast.Dict:
    """``{"a": ..., "b": ...}`` for the construction ``call`` (its arguments bound as Python
    binds them to the parameters; a call Python would reject is refused)."""
    cls = record.cls.__name__
    if any(isinstance(a, gast.Starred) for a in call.args) or \
            any(k.arg is None for k in call.keywords) or \
            len(call.args) > len(record.params) and record.star is None:
        refuse(info, call, f"this construction of {cls} (its arguments cannot be matched to "
                            "its fields)")
    values = dict(zip(record.params, call.args, strict=False))
    for keyword in call.keywords:
        if keyword.arg not in record.params or keyword.arg in values:
            refuse(info, keyword, f"this construction of {cls} (the keyword {keyword.arg!r})")
        values[keyword.arg] = keyword.value
    for param in record.params:
        if param not in values:
            if param not in record.defaults:
                refuse(info, call, f"this construction of {cls} (no value for {param!r})")
            values[param] = gast.copy_location(_default(info, call, record, param), call)
    if record.values is not None:
        values = _star_items(info, call, record, _computed_fields(info, call, record, values))
    keys = [gast.copy_location(gast.Constant(value=f, kind=None), call) for f in record.fields]
    return gast.copy_location(gast.Dict(keys=keys, values=[values[f] for f in record.fields]),
                              call)


def _default(info: SourceInfo, call: gast.Call, record: _Record, param: str) -> gast.expr:
    """The default of ``param`` as the construction's value: a constant, or a function as the
    function's scope names it (``np.tanh``, ``relu``); refused where it names none."""
    value = record.defaults[param]
    if not is_function(value):
        return gast.Constant(value=value, kind=None)
    text = value_spelling(info, value)
    if text is None:
        refuse(info, call, f"this construction of {record.cls.__name__} (the default of "
                f"{param!r} is a function this function's module does not name)")
    return expression_for(text)


def _star_items(info: SourceInfo, call: gast.Call, record: _Record,
                fields: dict[str, gast.expr]) -> dict[str, gast.expr]:
    """``fields`` with each item of its ``*args`` (``args[0]``) read as the positional argument
    of ``call`` it stands for, each a name or a constant (read any number of times), and
    ``args`` read whole as the tuple of them (``list(args)`` a list display): arguments that
    may be computed (``Sequential(Dense(W), Tanh())``) where ``args`` is read once, whole, and
    the other arguments are names or constants (evaluated as the call evaluates them); an index
    past them is refused (Python's ``IndexError`` in ``__init__``)."""
    if record.star is None:
        return fields
    extra = call.args[len(record.params):]
    cls = record.cls.__name__
    reads = [n for v in fields.values() for n in walk(v) if isinstance(n, gast.Name) and
             n.id == record.star]
    items = any(isinstance(n, gast.Subscript) and isinstance(n.value, gast.Name) and
                n.value.id == record.star for v in fields.values() for n in walk(v))
    once = len(reads) == 1 and not items and all(
        isinstance(a, (gast.Name, gast.Constant))
        for a in [*call.args[:len(record.params)], *(k.value for k in call.keywords)])
    for argument in extra:
        if not (once or isinstance(argument, (gast.Name, gast.Constant))):
            refuse(info, argument, f"this construction of {cls} (an argument its __init__ "
                    f"takes as *{record.star} is computed; bind it to a name first)")
    return {field: StarItems(info, call, record.star, cls, extra).visit(value)
            for field, value in fields.items()}


def _computed_fields(info: SourceInfo, call: gast.Call, record: _Record,
                     arguments: dict[str, gast.expr]) -> dict[str, gast.expr]:
    """Each field's value as ``__init__`` computes it (:mod:`plain_records`; its ``*args`` read
    after, :func:`_star_items`), the parameters read as the arguments ``arguments``; an
    argument that is not a name or a constant must be read exactly once (evaluated as often, in the order of
    the fields, as the call does once)."""
    reads = [n.id for v in record.values.values() for n in walk(v) if isinstance(n, gast.Name)
             and n.id in arguments]  # (not `args`, nor `list` of `list(args)`)
    for param, argument in arguments.items():
        if reads.count(param) != 1 and not isinstance(argument, (gast.Name, gast.Constant)):
            refuse(info, argument, f"this construction of {record.cls.__name__} (its "
                    f"__init__ reads {param!r} {reads.count(param)} times, and its argument is "
                    "computed; bind it to a name first)")
    evaluated = [*record.params[:len(call.args)], *(k.arg for k in call.keywords)]
    order = [p for p in reads if not isinstance(arguments[p], (gast.Name, gast.Constant))]
    if order != [p for p in evaluated if p in order]:
        refuse(info, call, f"this construction of {record.cls.__name__} (its __init__ reads "
                "its computed arguments in another order than the call evaluates them; bind "
                "them to names first)")
    return {field: gast.copy_location(renamed(gast.Expr(value=build.clone(value)),
                                              arguments).value, call)  # (its parameters read
            for field, value in record.values.items()}  # as the arguments)


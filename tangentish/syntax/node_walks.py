"""The walks of a node tree the passes ask for most: its nodes, its children, the names it reads
and binds (re-exported by :mod:`.build`, where the passes import them).

Each walks a node's fields from a per-class table, :func:`node_fields`: those of
:func:`child_fields` that can hold a node (a name's ``id``, an attribute's ``attr``, a
``type_comment`` cannot, and are not read), with a name, the commonest node, handled without a
loop over its fields (its only one that can hold a node is ``annotation``, ``None`` in all but
parameters).  The walks give what a walk of every field of :func:`child_fields` gives, in the
same order.

    >>> import gast
    >>> stmt = gast.parse("y = f(a, k=b.c) + 2").body[0]
    >>> [type(n).__name__ for n in node_list(stmt)][:6]
    ['Assign', 'BinOp', 'Constant', 'Add', 'Call', 'keyword']
    >>> names(stmt), sorted(loads(stmt)), [type(n).__name__ for n in children(stmt.value)]
    (['b', 'a', 'f', 'y'], ['a', 'b', 'f'], ['Call', 'Add', 'Constant'])
"""

from __future__ import annotations

import gast

_AST, _NAME, _CONSTANT = gast.AST, gast.Name, gast.Constant


def child_fields(kind: type) -> tuple[str, ...]:
    """The fields of a node class that may hold child nodes (never ``ctx``, whose Load/Store
    markers no pass looks for)."""
    fields = _CHILD_FIELDS.get(kind)
    if fields is None:
        fields = _CHILD_FIELDS[kind] = tuple(f for f in kind._fields if f != "ctx")
    return fields


_CHILD_FIELDS: dict[type, tuple[str, ...]] = {gast.Constant: ()}

# Fields gast's grammar gives a string or a number, never a node, in every class that has them
# (``name``: but an ``except`` clause's, which gast makes a ``Name``).
_NEVER_NODES = frozenset({"id", "attr", "arg", "type_comment", "is_async", "simple", "level",
                          "conversion", "module", "asname", "kind"})


def node_fields(kind: type) -> tuple[str, ...]:
    """:func:`child_fields` of ``kind`` less those that never hold a node."""
    fields = _NODE_FIELDS.get(kind)
    if fields is None:
        fields = _NODE_FIELDS[kind] = tuple(
            f for f in child_fields(kind) if f not in _NEVER_NODES and
            (f != "name" or kind is gast.ExceptHandler))
    return fields


_NODE_FIELDS: dict[type, tuple[str, ...]] = {gast.Constant: ()}


def nodes(node: gast.AST):
    """Every node below ``node`` (itself included, expression contexts left out), parents before
    children.  The same as ``gast.walk`` without its per-node generator overhead (transforms walk a
    lot); as lazy: a node's children are read once it was yielded (a caller may change it)."""
    stack, fields_of = [node], _NODE_FIELDS.get
    pop, push, extend, tree, name_kind = stack.pop, stack.append, stack.extend, _AST, _NAME
    while stack:
        current = pop()
        yield current
        kind = current.__class__
        if kind is name_kind:
            if current.annotation is not None:
                push(current.annotation)
            continue
        for field in fields_of(kind) or node_fields(kind):
            value = getattr(current, field, None)
            if value.__class__ is list:
                extend([v for v in reversed(value) if isinstance(v, tree)])
            elif isinstance(value, tree):
                push(value)


def node_list(node: gast.AST) -> list[gast.AST]:
    """:func:`nodes` as a list, in the same order: cheaper than the generator when every node is
    wanted (a pass that walks each statement once or more)."""
    found: list[gast.AST] = []
    stack = [node]
    pop, push, append, tree, fields_of = stack.pop, stack.append, found.append, _AST, \
        _NODE_FIELDS.get
    name_kind = _NAME
    while stack:
        current = pop()
        append(current)
        kind = current.__class__
        if kind is name_kind:
            if current.annotation is not None:
                push(current.annotation)
            continue
        fields = fields_of(kind)
        if fields is None:
            fields = node_fields(kind)
        for field in fields:
            value = getattr(current, field, None)
            if value.__class__ is list:
                for item in reversed(value):
                    if isinstance(item, tree):
                        push(item)
            elif isinstance(value, tree):
                push(value)
    return found


def children(node: gast.AST) -> list[gast.AST]:
    """The nodes directly below ``node``, in field order (expression contexts left out)."""
    kind = node.__class__
    if kind is _NAME:
        return [] if node.annotation is None else [node.annotation]
    found: list[gast.AST] = []
    tree = _AST
    for field in _NODE_FIELDS.get(kind) or node_fields(kind):
        value = getattr(node, field, None)
        if value.__class__ is list:
            found.extend([v for v in value if isinstance(v, tree)])
        elif isinstance(value, tree):
            found.append(value)
    return found


def outside_nested(body: list[gast.stmt]) -> list[gast.AST]:
    """Every node of ``body`` in source order but those inside nested functions and lambdas
    (which are listed)."""
    found: list[gast.AST] = []
    stack = list(reversed(body))
    while stack:
        current = stack.pop()
        found.append(current)
        if not isinstance(current, (gast.FunctionDef, gast.Lambda)):
            stack.extend(reversed(children(current)))
    return found


def names(node: gast.AST, functions: bool = False) -> list[str]:
    """Every name ``node`` mentions, in order (the walk of :func:`node_list`: the passes ask
    this of nearly every statement); with ``functions``, the names of the functions defined in
    it too."""
    name_kind = _NAME
    kind = node.__class__
    if kind is name_kind and node.annotation is None:
        return [node.id]  # (an atom: most questions are about one)
    if kind is _CONSTANT:
        return []
    found: list[str] = []
    stack = [node]
    pop, push, append, tree, fields_of = stack.pop, stack.append, found.append, _AST, \
        _NODE_FIELDS.get
    function_kind = gast.FunctionDef if functions else None
    while stack:  # (the walk of node_list, without building its list)
        current = pop()
        kind = current.__class__
        if kind is name_kind:
            append(current.id)
            if current.annotation is not None:  # (its only field that can hold a node)
                push(current.annotation)
            continue
        if kind is function_kind:
            append(current.name)
        fields = fields_of(kind)
        if fields is None:
            fields = node_fields(kind)
        for field in fields:
            value = getattr(current, field, None)
            if value.__class__ is list:
                for item in reversed(value):
                    if isinstance(item, tree):
                        push(item)
            elif isinstance(value, tree):
                push(value)
    return found


def loads(node: gast.AST) -> set[str]:
    """The names ``node`` reads (the dataflow passes ask this of every statement, several times:
    a plain loop, not a walk of :func:`nodes`)."""
    return name_uses(node)[0]


_NAME_FIELDS: dict[type, tuple[str, ...]] = {}  # the fields where a name can be (not operators)


def name_uses(node: gast.AST, module: str | None = None) -> tuple[set[str], set[str], set[str]]:
    """The names ``node`` reads, the names it binds (or deletes), and the attributes it takes of
    the name ``module`` (``_rt.unbroadcast`` → ``unbroadcast``), in one loop."""
    read: set[str] = set()
    bound: set[str] = set()
    attributes: set[str] = set()
    stack = [node]
    pop, push, tree = stack.pop, stack.append, _AST
    name_kind, load_kind, attribute_kind, constant = _NAME, gast.Load, gast.Attribute, _CONSTANT
    while stack:
        current = pop()
        kind = current.__class__
        if kind is name_kind:
            (read if current.ctx.__class__ is load_kind else bound).add(current.id)
            if current.annotation is not None:
                push(current.annotation)
            continue
        if kind is constant:
            continue
        if kind is attribute_kind:
            value = current.value
            if value.__class__ is name_kind and value.id == module:
                attributes.add(current.attr)
            push(value)
            continue
        fields = _NAME_FIELDS.get(kind)
        if fields is None:
            fields = _NAME_FIELDS[kind] = tuple(
                f for f in node_fields(kind) if f not in ("op", "ops"))
        for field in fields:
            value = getattr(current, field, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, tree):
                        push(item)
            elif isinstance(value, tree):
                push(value)
    return read, bound, attributes

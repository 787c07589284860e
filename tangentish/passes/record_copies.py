"""A record local handed whole to another record's construction (``Pair(layer, layer)``, the same
layer in two fields; ``Sequential([layer, layer])``, one layer applied twice), written as a
construction from its fields for :mod:`.nested_records`' next round to take apart: the
construction ``Dense(W=layer['W'], b=layer['b'], act=layer['act'])``, where each field is
the parameter of its name (no field computed, no ``*args``).

A copy is another object with the same fields, which no read tells from the record itself
when the function writes no attribute of anything (a field written through one holder would
not show in the other: ``setattr`` too) and asks nothing ``is`` anything but ``None`` (nor its
``id``): only then.  (:mod:`.record_locals` refused such a use as "used as a whole".)

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.record_locals import replace_record_locals
    >>> class Scale:
    ...     def __init__(self, a):
    ...         self.a = a
    >>> class Pair:
    ...     def __init__(self, first, second):
    ...         self.first = first
    ...         self.second = second
    >>> def f(x):
    ...     s = Scale(x)
    ...     pair = Pair(s, s)
    ...     return pair.first.a * pair.second.a
    >>> info = parse_function(f)
    >>> replace_record_locals(info)
    True
    >>> print(function_text(info.node), end="")
    def f(x):
        s = {'a': x}
        pair = {'first': Scale(a=s['a']), 'second': Scale(a=s['a'])}
        return pair['first'].a * pair['second'].a
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gast

from ..syntax.parse import SourceInfo
from ..syntax.resolve import dotted
from ..syntax.tree_walk import walk


def handed_on(info: SourceInfo, node: gast.Name, parents: dict, record: Any,
              is_record: Callable[[Any], bool]) -> bool:
    """Whether ``node``, a record local of ``record``'s class, may be read as a construction
    from its fields where it stands: an argument of a record construction (``is_record`` of
    the class called), or an item of a list or tuple display that is one or that a statement
    binds to a local."""
    parent = parents.get(id(node))
    if isinstance(parent, (gast.List, gast.Tuple)) and isinstance(parent.ctx, gast.Load):
        node, parent = parent, parents.get(id(parent))
        if isinstance(parent, gast.Assign) and parent.value is node:
            return _copied_alike(info, record)
    if not isinstance(parent, gast.Call) or not any(
            a is node for a in [*parent.args, *(k.value for k in parent.keywords)]):
        return False
    parts = dotted(parent.func)
    found, cls = info.lookup_path(parts) if parts is not None else (False, None)
    return found and is_record(cls) and _copied_alike(info, record)


def _copied_alike(info: SourceInfo, record: Any) -> bool:
    return record.values is None and record.star is None and not record.indexed and \
        record.spelled is not None and set(record.params) == set(record.fields) and \
        not any(_aliases_seen(n) for n in walk(info.node))


def _aliases_seen(node: gast.AST) -> bool:
    """An attribute written (``setattr`` too), or ``is`` between two objects (not ``None``)."""
    if isinstance(node, gast.Attribute):
        return not isinstance(node.ctx, gast.Load)
    if isinstance(node, gast.Call):
        return dotted(node.func) in (["setattr"], ["id"])
    return isinstance(node, gast.Compare) and any(
        isinstance(op, (gast.Is, gast.IsNot)) for op in node.ops) and not all(
        isinstance(c, gast.Constant) and c.value is None for c in node.comparators)

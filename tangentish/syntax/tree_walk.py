"""``walk``: the nodes of a syntax tree in the order ``ast.walk`` gives them, at a third of its cost.

``ast.walk`` (which ``gast.walk`` is) pushes every node through a deque and two nested generators
(``iter_child_nodes`` over ``iter_fields``); a transform walks tens of thousands of nodes that way
(rule templates and their checks, the passes' questions), which made it one of the largest costs of
a first ``grad()``.  :func:`walk` is the same walk written as one loop over a list: breadth first,
the node itself first, children in field order, list items in order, expression contexts
(``Load``/``Store``) included, and, as ``ast.walk``, a node's children read just before the node is
yielded (a caller that changes a node it was given sees its new children walked; one that changes
nodes already queued does not).  The whole package walks with it (``tests/test_structure.py`` keeps
``ast.walk`` and ``gast.walk`` out).

    >>> import ast
    >>> tree = ast.parse("y = f(a, b=c[0])")
    >>> [type(n).__name__ for n in walk(tree)] == [type(n).__name__ for n in ast.walk(tree)]
    True
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

_AST = ast.AST
# Fields that hold a string or a number in every class of ast and gast that has them (``name``:
# but an ``except`` clause's, a ``Name`` in gast; all of a constant's): not read.  (gast is not
# imported here: a process that loads its derivatives from the persistent cache never needs it.)
_NEVER_NODES = frozenset({"id", "attr", "arg", "type_comment", "is_async", "simple", "level",
                          "conversion", "module", "asname", "kind"})
_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(kind: type) -> tuple[str, ...]:
    """The fields of ``kind`` that may hold a node, in order (remembered for the class)."""
    fields = _FIELDS[kind] = () if kind.__name__ == "Constant" else tuple(
        f for f in kind._fields if f not in _NEVER_NODES and
        (f != "name" or kind.__name__ == "ExceptHandler"))
    return fields


def walk(node: ast.AST) -> Iterator[ast.AST]:
    """Every node of ``node``'s tree, itself first, breadth first: ``ast.walk``'s order."""
    todo = [node]
    append, tree, fields_of = todo.append, _AST, _FIELDS.get
    index = 0
    while index < len(todo):
        current = todo[index]
        todo[index] = None  # (a long walk holds no more of the tree than ``ast.walk``'s deque)
        index += 1
        fields = fields_of(current.__class__)
        for field in fields if fields is not None else _fields(current.__class__):
            value = getattr(current, field, None)
            if isinstance(value, tree):
                append(value)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, tree):
                        append(item)
        yield current

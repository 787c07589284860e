"""A dict comprehension over a dict argument's items read only for its values (``terms = {k: w
* x ** k for k, w in cfg.items()}``, then ``sum(terms.values())``, with ``cfg`` a constant
config dict passed in): the list of those values, in the same order, which is all a read of
``terms.values()`` sees.  :mod:`.dict_locals` refused the dict ("a key of 'terms' that is not a
constant": the argument's keys are unknown until the function runs); a list of values, read
item by item, needs none.

Only for a local bound once, by a top-level statement, to a comprehension of one ``for`` over
``p.items()`` or ``p.keys()`` (``p`` a parameter: a mapping's keys are distinct, so no entry
replaces another) whose key is the loop's key itself, read nowhere but as ``terms.values()``.

    >>> import ast, gast
    >>> from tangentish.syntax.parse import parse_function
    >>> def f(x, cfg):
    ...     terms = {k: cfg[k] * x ** k for k in cfg.keys() if k != 0}
    ...     return sum(terms.values())
    >>> info = parse_function(f)
    >>> list_values_read(info)
    True
    >>> print(ast.unparse(gast.gast_to_ast(info.node)))  # (comprehensions: loops later)
    def f(x, cfg):
        terms = [cfg[k] * x ** k for k in cfg.keys() if k != 0]
        return sum(terms)
"""

from __future__ import annotations

import gast

from ..syntax import build
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk


def list_values_read(info: SourceInfo) -> bool:
    """Rewrite ``info.node`` in place (see the module docstring); whether a dict was."""
    node = info.node
    params = build.parameter_names(node.args)
    names = [n for n in walk(node) if isinstance(n, gast.Name)]
    parents = {id(c): p for p in walk(node) for c in gast.iter_child_nodes(p)}
    done = False
    for stmt in node.body:
        if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and
                isinstance(stmt.targets[0], gast.Name) and _over_keys(stmt.value, params)):
            continue
        name = stmt.targets[0].id
        uses = [n for n in names if n.id == name and n is not stmt.targets[0]]
        if all(isinstance(u.ctx, gast.Load) and _values_call(u, parents) for u in uses):
            comprehension = stmt.value
            stmt.value = gast.copy_location(gast.ListComp(
                elt=comprehension.value, generators=comprehension.generators), comprehension)
            for use in uses:
                call = parents[id(parents[id(use)])]
                build.replace_child(parents[id(call)], call, use)
            done = True
    return done


def _over_keys(value: gast.expr, params: set[str]) -> bool:
    """``{k: ... for k, v in p.items()}`` or ``{k: ... for k in p.keys()}``, ``p`` a parameter."""
    if not isinstance(value, gast.DictComp) or len(value.generators) != 1:
        return False
    loop = value.generators[0]
    source = loop.iter
    if not (isinstance(source, gast.Call) and isinstance(source.func, gast.Attribute) and
            source.func.attr in ("items", "keys") and not source.args and not source.keywords and
            isinstance(source.func.value, gast.Name) and source.func.value.id in params) or \
            loop.is_async:
        return False
    key = loop.target
    if source.func.attr == "items":
        key = key.elts[0] if isinstance(key, gast.Tuple) and len(key.elts) == 2 else None
    return isinstance(key, gast.Name) and isinstance(value.key, gast.Name) and \
        value.key.id == key.id


def _values_call(use: gast.Name, parents: dict) -> bool:
    """Whether ``use`` is read as ``use.values()``."""
    attribute = parents.get(id(use))
    call = parents.get(id(attribute))
    return isinstance(attribute, gast.Attribute) and attribute.attr == "values" and \
        isinstance(call, gast.Call) and call.func is attribute and not call.args and \
        not call.keywords

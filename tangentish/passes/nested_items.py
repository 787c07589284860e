"""An item of a row of a list of lists built in the function, written: ``grid[i][j] = v`` (or
``op=``) is the row taken out as a copy, changed and put back, which is what it does when no
other name or container holds that row::

    grid_row = list(grid[i])
    grid_row[j] = v
    grid[i] = grid_row

Rewritten only for a local ``grid`` whose rows are its own: every binding of ``grid`` is a list
display or comprehension of list displays or comprehensions (new rows; never ``[row] * n``,
whose rows are one list; ``[0.0] * n`` is a new row each time), a row written whole
(``grid[i] = [...]``) is a new list too, and
``grid`` is read only as ``grid[i][j]``, or whole or by row as an argument of ``len``, ``sum``,
``min``, ``max``, ``list`` or a NumPy function, or returned (nothing keeps a row to see it
change).  The
indices ``i`` and ``j`` are names, numbers or arithmetic of them (evaluated again where the row
goes back: no call).  Anything else keeps the fence's refusal at its line.

    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     grid = [[0.0, 0.0], [0.0, 0.0]]
    ...     for i in range(2):
    ...         grid[i][1 - i] += x * i
    ...     return grid[1][0]
    >>> info = parse_function(f)
    >>> take_rows_out(info)
    >>> print(function_text(info.node), end="")
    def f(x):
        grid = [[0.0, 0.0], [0.0, 0.0]]
        for i in range(2):
            grid_row = list(grid[i])
            grid_row[1 - i] += x * i
            grid[i] = grid_row
        return grid[1][0]
"""

from __future__ import annotations

import gast

from ..syntax import build
from ..syntax.parse import SourceInfo
from ..syntax.tree_walk import walk

_READERS = frozenset({"len", "sum", "min", "max", "list"})
_ROWS = (gast.List, gast.ListComp)


def take_rows_out(info: SourceInfo) -> None:
    """Rewrite ``info.node`` in place (see the module docstring)."""
    node = info.node
    parents = {id(c): p for p in walk(node) for c in build.children(p)}
    written = {_grid(s) for s in walk(node) if _grid(s) is not None}
    own = {g for g in written if _own_rows(g, node, parents)}
    if own:
        taken = set(build.names(node, functions=True))
        node.body = _block(node.body, own, taken)
        info.names = info.body_nodes = None  # (the statements changed: see SourceInfo)


def _grid(stmt: gast.AST) -> str | None:
    """``grid`` of a statement ``grid[i][j] = v`` or ``grid[i][j] op= v`` with simple indices."""
    target = build.write_target(stmt)
    if isinstance(target, gast.Subscript) and isinstance(target.value, gast.Subscript) and \
            isinstance(target.value.value, gast.Name) and _simple(target.slice) and \
            _simple(target.value.slice) and \
            not any(isinstance(n, gast.NamedExpr) for n in walk(stmt)):
        return target.value.value.id
    return None


def _simple(index: gast.AST) -> bool:
    return all(isinstance(n, (gast.Name, gast.Constant, gast.BinOp, gast.UnaryOp, gast.operator,
                              gast.unaryop, gast.Load)) for n in walk(index))


def _fresh(value: gast.AST) -> bool:
    """A list display or comprehension whose items are new lists."""
    if isinstance(value, gast.List):
        return all(_new_row(e) for e in value.elts)
    return isinstance(value, gast.ListComp) and _new_row(value.elt)


def _new_row(row: gast.AST) -> bool:
    """A list display or comprehension, or ``[...] * n`` (a new list each time it runs)."""
    return isinstance(row, _ROWS) or isinstance(row, gast.BinOp) and \
        isinstance(row.op, gast.Mult) and isinstance(row.left, gast.List) != \
        isinstance(row.right, gast.List)


def _own_rows(name: str, node: gast.FunctionDef, parents: dict) -> bool:
    """Whether every use of ``name`` in ``node`` is one the module docstring allows."""
    if name in build.parameter_names(node.args):
        return False
    return all(_allowed(n, parents) for n in walk(node)
               if isinstance(n, gast.Name) and n.id == name)


def _allowed(use: gast.Name, parents: dict) -> bool:
    parent = parents.get(id(use))
    if isinstance(use.ctx, gast.Store):  # (`grid = ...`: new rows)
        return isinstance(parent, gast.Assign) and parent.targets == [use] and _fresh(parent.value)
    if not isinstance(parent, gast.Subscript) or parent.value is not use:
        return _read_whole(use, parent)
    above = parents.get(id(parent))
    if isinstance(above, gast.Subscript) and above.value is parent:
        return isinstance(above.ctx, gast.Load) or _grid(parents.get(id(above))) == use.id
    if isinstance(parent.ctx, gast.Store):  # (`grid[i] = [...]`: a new row)
        return isinstance(above, gast.Assign) and above.targets == [parent] and \
            _new_row(above.value)
    return _read_whole(parent, above)


def _read_whole(value: gast.AST, parent: gast.AST | None) -> bool:
    """``value`` (``grid`` or ``grid[i]``) handed to a reader that keeps no row, or returned."""
    if isinstance(parent, gast.Return):
        return True
    if not isinstance(parent, gast.Call) or value not in parent.args:
        return False
    func = parent.func
    return isinstance(func, gast.Name) and func.id in _READERS or \
        isinstance(func, gast.Attribute) and isinstance(func.value, gast.Name) and \
        func.value.id in ("np", "numpy")


def _block(body: list[gast.stmt], own: set[str], taken: set[str]) -> list[gast.stmt]:
    out: list[gast.stmt] = []
    for stmt in body:
        for field in ("body", "orelse", "finalbody"):
            if isinstance(getattr(stmt, field, None), list):
                setattr(stmt, field, _block(getattr(stmt, field), own, taken))
        name = _grid(stmt)
        out.extend(_taken_out(stmt, name, taken) if name in own else [stmt])
    return out


def _taken_out(stmt: gast.stmt, name: str, taken: set[str]) -> list[gast.stmt]:
    target = build.write_target(stmt)
    row, k = f"{name}_row", 1
    while row in taken:
        k += 1
        row = f"{name}_row{k}"
    taken.add(row)
    index = target.value.slice
    copy = build.assign(row, build.call("list", build.subscript(build.name(name),
                                                                  build.clone(index))))
    target.value = build.name(row)
    back = build.assign(build.subscript(build.name(name), build.clone(index), store=True),
                        build.name(row))
    made = [copy, stmt, back]
    for new in (copy, back):
        for part in walk(new):
            if "lineno" in part._attributes:
                gast.copy_location(part, stmt)
    return made

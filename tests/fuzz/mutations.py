"""The edits of ``fuzz/mutate.py``: small changes to a function's syntax tree that keep it Python.

Each edit takes the parsed module (one function in it, to which a helper may be added), the
function and a random generator, changes the tree in place and returns a description, or
``None`` where it found no place to apply.  Whether the edited program still runs, to a finite
scalar, NumPy decides afterwards.
"""

from __future__ import annotations

import ast
import copy
import sys
from collections.abc import Callable

import numpy as np

SMOOTH = ("sin", "cos", "tanh", "arctan", "sinh", "square")
Edit = Callable[[ast.Module, ast.FunctionDef, np.random.Generator], "str | None"]


def _pick(rng: np.random.Generator, items: list):
    return items[int(rng.integers(len(items)))] if items else None


def _nodes(function: ast.FunctionDef, kind: type) -> list:
    return [n for n in ast.walk(function) if isinstance(n, kind)]


def _places(function: ast.FunctionDef) -> list[tuple[list, int]]:
    """``(block, index)`` of every statement in any statement list of ``function``."""
    return [(block, i) for node in ast.walk(function) for field in ("body", "orelse")
            for block in [getattr(node, field, None)] if isinstance(block, list)
            for i in range(len(block))]


def _assignments(function: ast.FunctionDef) -> list[tuple[list, int]]:
    """``(block, index)`` of each single-name assignment in any statement list of ``function``."""
    return [(b, i) for b, i in _places(function) if isinstance(b[i], ast.Assign) and
            len(b[i].targets) == 1 and isinstance(b[i].targets[0], ast.Name)]


def swap_function(module: ast.Module, function: ast.FunctionDef, rng) -> str | None:
    calls = [c for c in _nodes(function, ast.Call) if isinstance(c.func, ast.Attribute)
             and isinstance(c.func.value, ast.Name) and c.func.value.id == "np"
             and c.func.attr in SMOOTH and len(c.args) == 1]
    call = _pick(rng, calls)
    if call is None:
        return None
    new = _pick(rng, [s for s in SMOOTH if s != call.func.attr])
    old, call.func.attr = call.func.attr, new
    return f"np.{old} -> np.{new} (line {call.lineno})"


def flip_sign(module: ast.Module, function: ast.FunctionDef, rng) -> str | None:
    node = _pick(rng, [b for b in _nodes(function, ast.BinOp) if isinstance(b.op, (ast.Add, ast.Sub))])
    if node is None:
        return None
    node.op = ast.Sub() if isinstance(node.op, ast.Add) else ast.Add()
    return f"+/- flipped (line {node.lineno})"


def scale_constant(module: ast.Module, function: ast.FunctionDef, rng) -> str | None:
    node = _pick(rng, [c for c in _nodes(function, ast.Constant) if type(c.value) is float])
    if node is None:
        return None
    factor = float(_pick(rng, [0.5, 1.5, -1.0, 2.0]))
    node.value = node.value * factor
    return f"constant x{factor} (line {node.lineno})"


def augment(module: ast.Module, function: ast.FunctionDef, rng) -> str | None:
    """``a = a + b`` -> ``a += b``, or ``a += b`` -> ``a = a + b``."""
    plain = [(block, i) for block, i in _assignments(function)
             if isinstance(block[i].value, ast.BinOp) and isinstance(block[i].value.left, ast.Name)
             and block[i].value.left.id == block[i].targets[0].id]
    augmented = [(b, i) for b, i in _places(function)
                 if isinstance(b[i], ast.AugAssign) and isinstance(b[i].target, ast.Name)]
    place = _pick(rng, plain + augmented)
    if place is None:
        return None
    block, i = place
    old = block[i]
    if isinstance(old, ast.Assign):
        block[i] = ast.AugAssign(ast.Name(old.targets[0].id, ast.Store()), old.value.op, old.value.right)
        what = "a = a op b -> a op= b"
    else:
        block[i] = ast.Assign([ast.Name(old.target.id, ast.Store())],
                              ast.BinOp(ast.Name(old.target.id, ast.Load()), old.op, old.value))
        what = "a op= b -> a = a op b"
    ast.copy_location(block[i], old)
    ast.fix_missing_locations(block[i])
    return f"{what} (line {old.lineno})"


def loop_twice(module: ast.Module, function: ast.FunctionDef, rng) -> str | None:
    place = _pick(rng, _assignments(function))
    if place is None:
        return None
    block, i = place
    loop = ast.For(ast.Name("_twice", ast.Store()), ast.parse("range(2)", mode="eval").body,
                   [block[i]], [])
    block[i] = ast.fix_missing_locations(ast.copy_location(loop, block[i]))
    return f"statement looped twice (line {loop.lineno})"


def duplicate(module: ast.Module, function: ast.FunctionDef, rng) -> str | None:
    place = _pick(rng, _assignments(function))
    if place is None:
        return None
    block, i = place
    block.insert(i + 1, copy.deepcopy(block[i]))
    return f"statement duplicated (line {block[i].lineno})"


def to_helper(module: ast.Module, function: ast.FunctionDef, rng) -> str | None:
    """``v = E`` -> ``v = _helperN(a, b)`` with ``def _helperN(a, b): return E`` at the top,
    ``a, b`` the names of ``E`` the function binds (its parameters and locals)."""
    local = {a.arg for a in function.args.args + function.args.kwonlyargs}
    local |= {n.id for n in _nodes(function, ast.Name) if isinstance(n.ctx, ast.Store)}
    place = _pick(rng, [(b, i) for b, i in _assignments(function)
                        if not _nodes(b[i].value, (ast.Lambda, ast.NamedExpr, ast.Yield))
                        and not any(isinstance(n, ast.comprehension) for n in ast.walk(b[i].value))])
    if place is None:
        return None
    block, i = place
    used = sorted({n.id for n in ast.walk(block[i].value) if isinstance(n, ast.Name) and n.id in local})
    name = f"_helper{sum(isinstance(s, ast.FunctionDef) for s in module.body)}"
    params = ast.arguments(posonlyargs=[], args=[ast.arg(u) for u in used], kwonlyargs=[],
                           kw_defaults=[], defaults=[])
    extra = {"type_params": []} if sys.version_info >= (3, 12) else {}
    helper = ast.FunctionDef(name=name, args=params, body=[ast.Return(block[i].value)],
                             decorator_list=[], returns=None, **extra)
    module.body.insert(0, ast.fix_missing_locations(helper))
    block[i].value = ast.Call(ast.Name(name, ast.Load()), [ast.Name(u, ast.Load()) for u in used], [])
    ast.fix_missing_locations(block[i])
    return f"right side moved into {name}({', '.join(used)}) (line {block[i].lineno})"


def sum_to_mean(module: ast.Module, function: ast.FunctionDef, rng) -> str | None:
    calls = [c for c in _nodes(function, ast.Call) if isinstance(c.func, ast.Attribute)
             and isinstance(c.func.value, ast.Name) and c.func.value.id == "np"
             and c.func.attr in ("sum", "mean") and len(c.args) == 1 and not c.keywords]
    call = _pick(rng, calls)
    if call is None:
        return None
    call.func.attr = "mean" if call.func.attr == "sum" else "sum"
    return f"np.sum <-> np.mean (line {call.lineno})"


def split_temporary(module: ast.Module, function: ast.FunctionDef, rng) -> str | None:
    place = _pick(rng, [(b, i) for b, i in _assignments(function) if isinstance(b[i].value, ast.BinOp)])
    if place is None:
        return None
    block, i = place
    temp = ast.Assign([ast.Name("_left", ast.Store())], block[i].value.left)
    block[i].value.left = ast.Name("_left", ast.Load())
    block.insert(i, ast.fix_missing_locations(ast.copy_location(temp, block[i])))
    return f"left operand split into a temporary (line {temp.lineno})"


def _after(function: ast.FunctionDef, rng, lines: str) -> str | None:
    """Insert ``lines`` (``{v}`` the target) after a single-name assignment drawn at random."""
    place = _pick(rng, _assignments(function))
    if place is None:
        return None
    block, i = place
    name = block[i].targets[0].id
    new = ast.parse(lines.format(v=name)).body
    for statement in new:
        ast.copy_location(statement, block[i])
    block[i + 1:i + 1] = [ast.fix_missing_locations(s) for s in new]
    return f"after {name} (line {block[i].lineno})"


def scale_in_place(module: ast.Module, function: ast.FunctionDef, rng) -> str | None:
    """``v = E`` then ``v *= 1.5``: in place where ``E`` is an array (perhaps an argument's)."""
    done = _after(function, rng, "{v} *= 1.5")
    return done and f"{done}: v *= 1.5"


def slice_write(module: ast.Module, function: ast.FunctionDef, rng) -> str | None:
    """``v = E`` then a copy of it with its first entries (last axis) written."""
    done = _after(function, rng, "{v} = np.array({v}, dtype=float)\n"
                  "{v}[..., :1] = {v}[..., :1] * 2.0 + 0.25")
    return done and f"{done}: a copy, its first entries written"


def early_return(module: ast.Module, function: ast.FunctionDef, rng) -> str | None:
    """An early ``return`` under a condition on the first parameter that never holds."""
    if not function.args.args:
        return None
    first = function.args.args[0].arg
    check = ast.parse(f"if np.sum(np.abs({first})) > 1e300:\n    return 0.0").body[0]
    at = int(rng.integers(len(function.body)))
    function.body.insert(at, ast.fix_missing_locations(ast.copy_location(check, function.body[at])))
    return f"early return before statement {at + 1}"


def wrap_where(module: ast.Module, function: ast.FunctionDef, rng) -> str | None:
    """``np.f(e)`` -> ``np.where(np.isfinite(e), np.f(e), 0.0)``."""
    calls = [c for c in _nodes(function, ast.Call) if isinstance(c.func, ast.Attribute)
             and isinstance(c.func.value, ast.Name) and c.func.value.id == "np"
             and c.func.attr in (*SMOOTH, "exp", "log", "sqrt") and len(c.args) == 1]
    call = _pick(rng, calls)
    if call is None:
        return None
    inner = copy.deepcopy(call)
    call.func.attr = "where"
    call.args = [ast.parse(f"np.isfinite({ast.unparse(inner.args[0])})", mode="eval").body,
                 inner, ast.Constant(0.0)]
    ast.fix_missing_locations(call)
    return f"np.{inner.func.attr} under np.where (line {call.lineno})"


def boxed(module: ast.Module, function: ast.FunctionDef, rng) -> str | None:
    """``v = E`` -> ``v = (E, 0.0)[0]``: through a tuple."""
    place = _pick(rng, _assignments(function))
    if place is None:
        return None
    block, i = place
    value = block[i].value
    block[i].value = ast.Subscript(ast.Tuple([value, ast.Constant(0.0)], ast.Load()),
                                   ast.Constant(0), ast.Load())
    ast.fix_missing_locations(block[i])
    return f"right side read through a tuple (line {block[i].lineno})"


_WRAPS = ("np.copy({e})", "np.asarray({e})", "np.array({e})", "np.reshape({e}, np.shape({e}))",
          "np.array(list(np.ravel({e}))).reshape(np.shape({e}))", "np.squeeze(np.expand_dims({e}, 0), 0)")


def wrap_value(module: ast.Module, function: ast.FunctionDef, rng) -> str | None:
    """``v = E`` -> ``v = np.copy(E)``, a reshape to its own shape, a round trip through a list..."""
    place = _pick(rng, _assignments(function))
    if place is None:
        return None
    block, i = place
    spelling = _pick(rng, list(_WRAPS))
    text = spelling.format(e=f"({ast.unparse(block[i].value)})")
    block[i].value = ast.parse(text, mode="eval").body
    ast.fix_missing_locations(ast.copy_location(block[i].value, block[i]))
    for node in ast.walk(block[i].value):
        ast.copy_location(node, block[i])
    return f"right side as {spelling.format(e='E')} (line {block[i].lineno})"


EDITS: dict[str, Edit] = {f.__name__: f for f in (
    swap_function, flip_sign, scale_constant, augment, loop_twice, duplicate, to_helper,
    sum_to_mean, split_temporary, scale_in_place, slice_write, early_return, wrap_where, boxed,
    wrap_value)}


def edit(module: ast.Module, function: ast.FunctionDef, rng: np.random.Generator) -> str | None:
    """One edit drawn at random, tried at another kind if it finds no place (up to three)."""
    for _ in range(3):
        done = EDITS[_pick(rng, sorted(EDITS))](module, function, rng)
        if done:
            return done
    return None

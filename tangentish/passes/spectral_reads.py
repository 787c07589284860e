"""Decompositions whose values and vectors the function reads both: marked, so that their
derivatives refuse a repeated value whatever the cotangents' or tangents' values.

``w, v = np.linalg.eigh(a)`` read as ``v @ np.diag(np.sqrt(w)) @ v.T`` (a function of the
matrix) has a derivative where two of ``w`` are equal, ``f'(w) (V^T dA V)_ij`` inside their
eigenspace (Daleckii-Krein), but it is the ``0/0`` limit ``(f(w_j) - f(w_i)) / (w_j - w_i)`` of a
coupling the derivatives of ``w`` and ``v`` there do not determine: the chain rule through them
gives the convention's 0 instead, silently.  Neither rule can see it from the values it meets
(at the zero matrix, ``v @ np.diag(w) @ v.T`` sends ``v`` a cotangent of 0; forward mode never
sees what reads its tangents), but the function's text says it: both items are read.  So the
call's result is passed through ``_rt.values_and_vectors(r, k, what)`` (``k`` the values' item),
the identity, whose derivative rules refuse a repeated value (``_rt.distinct_items``) in every
mode.  A read is a load of the name an item is bound to (``w = r[0]``), a field (``r.S``), or any
other use of the result (all of it; ``len(r)`` reads none).  Refusing rather than guessing: a
loss reading both where the derivative exists (the projector of a repeated pair plus
``np.sum(w)``) is refused too, and is rarely written.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> from tangentish.passes.desugar import desugar
    >>> from tangentish.passes.normalize import normalize
    >>> def f(a):
    ...     w, v = np.linalg.eigh(a)
    ...     return np.sum(v * w)
    >>> info = parse_function(f); desugar(info); norm = normalize(info)
    >>> mark_spectral_reads(norm)
    >>> info.node.body = norm.body
    >>> print(function_text(info.node).splitlines()[2])
        eigh_a = _rt.values_and_vectors(eigh_a, 0, 'np.linalg.eigh')
"""

from __future__ import annotations

import sys

import gast
import numpy as np

from .. import ir, runtime
from ..ir import Op
from ..syntax import build
from ..syntax.tree_walk import walk
from .dataflow import blocks, heads, statements, target
from .normalize import Normalized
from .spectral_functions import rewrite_spectral_functions

# key -> (the values' item, the number of items, the fields of a named result, the keyword (and
# its position) whose value makes the call return the values alone)
_NUMPY = {np.linalg.eigh: (0, 2, ("eigenvalues", "eigenvectors"), None),
          np.linalg.eig: (0, 2, ("eigenvalues", "eigenvectors"), None),
          np.linalg.svd: (1, 3, ("U", "S", "Vh"), ("compute_uv", 2, False))}


def mark_spectral_reads(norm: Normalized) -> None:
    """Pass each decomposition whose values and vectors are both read through
    ``_rt.values_and_vectors`` (see the module docstring), once the functions of a symmetric
    matrix it can differentiate exactly are rewritten (:mod:`.spectral_functions`)."""
    rewrite_spectral_functions(norm)
    loads = _loads(norm.body)
    for block in list(blocks(norm.body)):
        index = 0
        while index < len(block):
            stmt = block[index]
            index += 1
            found = _decomposition(stmt)
            if found is None or (index < len(block) and ir.has_op(block[index]) and
                                 ir.note(block[index]).op.key is runtime.values_and_vectors):
                continue  # (marked already: a derivative differentiated again)
            values, size, fields, label = found
            read = _items_read(target(stmt), size, fields, loads)
            if read is None or (values in read and len(read) > 1):
                block.insert(index, _marked(norm, stmt, values, label))
                index += 1


def _decomposition(stmt: gast.stmt) -> tuple[int, int, tuple, str] | None:
    note = stmt.__dict__.get(ir.SLOT)
    if note is None or note.op is None or target(stmt) is None:
        return None
    op = note.op
    try:
        spec = _NUMPY.get(op.key) or _scipy(op.key)
    except TypeError:  # (a key that is no function: unhashable)
        return None
    if spec is None:
        return None
    values, size, fields, alone = spec
    if alone is not None:
        flag = op.keywords.get(alone[0], op.args[alone[1]] if len(op.args) > alone[1] else None)
        if isinstance(flag, gast.Constant) and flag.value == alone[2]:
            return None  # (svd(compute_uv=False), eigh(eigvals_only=True): the values alone)
    label = f"{'np' if op.key in _NUMPY else 'scipy'}.linalg.{op.key.__name__}"
    return values, size, fields, label


def _scipy(key: object) -> tuple | None:
    sla = sys.modules.get("scipy.linalg")
    if sla is None:
        return None
    if key is sla.eigh:
        return 0, 2, (), ("eigvals_only", 3, True)  # (a, b, lower, eigvals_only, ...)
    if key is sla.svd:
        return 1, 3, (), ("compute_uv", 2, False)
    if key is sla.eig:
        return 0, 2, (), None  # (left=/right= change its items: any other item read is all)
    return None


def _loads(body: list[gast.stmt]) -> dict[str, list[tuple[gast.AST, gast.stmt]]]:
    """Each name's loads, with the node holding it (its parent) and their statement."""
    found: dict[str, list[tuple[gast.AST, gast.stmt]]] = {}
    for stmt in statements(body):  # (each statement's own nodes: its blocks' come on their own)
        for parent in (node for head in heads(stmt) for node in walk(head)):
            for child in gast.iter_child_nodes(parent):
                if isinstance(child, gast.Name) and isinstance(child.ctx, gast.Load):
                    found.setdefault(child.id, []).append((parent, stmt))
    return found


def _items_read(name: str, size: int, fields: tuple, loads: dict) -> set[int] | None:
    """The items of ``name``'s value that are read (None: all of them, or unknown)."""
    read: set[int] = set()
    for parent, stmt in loads.get(name, ()):
        if isinstance(parent, gast.Call) and isinstance(parent.func, gast.Name) and \
                parent.func.id == "len":
            continue
        item = _item(parent, size, fields)
        if item is None:
            return None
        owner = target(stmt)
        if stmt.value is parent and owner is not None and owner not in loads:
            continue  # (bound to a name nothing reads: ``w`` of ``w, v = ...`` left unused)
        read.add(item)
    return read


def _item(parent: gast.AST, size: int, fields: tuple) -> int | None:
    if isinstance(parent, gast.Subscript) and isinstance(parent.slice, gast.Constant) and \
            isinstance(parent.slice.value, int) and not isinstance(parent.slice.value, bool):
        return parent.slice.value % size if -size <= parent.slice.value < size else None
    if isinstance(parent, gast.Attribute) and parent.attr in fields:
        return fields.index(parent.attr)
    return None


def _marked(norm: Normalized, stmt: gast.stmt, values: int, label: str) -> gast.stmt:
    name = target(stmt)
    args = [build.name(name), build.constant(values), build.constant(label)]
    if label.endswith("svd"):  # (a zero singular value whose vectors are read: svd's refusal)
        args.append(build.constant(True))
    marked = build.assign(name, build.call(
        f"{norm.machinery.aliases['_rt']}.values_and_vectors", *args))
    note = ir.note(marked)
    note.origin = ir.note(stmt).origin
    note.op = Op(runtime.values_and_vectors, args, {}, ir.note(stmt).op.label, ir.note(stmt).op.node)
    return marked

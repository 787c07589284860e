"""Dense derivatives: ``jacobian`` and ``hessian``, and Hessian-vector products that never form one.

Layout (JAX's): a Jacobian block ``d out_i / d in_j`` is shaped ``out_i.shape + in_j.shape``; a
tuple ``wrt`` gives a tuple of blocks (one per input), a container output (tuple, list, dict,
namedtuple, dataclass, nested) its own structure with the blocks of each float leaf at that leaf
(``None`` at constant leaves), outputs outside::

    jacobian(f, wrt=(0, 1))(x, y)   ->  (J_x, J_y)
    jacobian(g)(x)                  ->  {"a": J_a, "n": None}   (g returns {"a": ..., "n": 3})
    hessian(f, wrt=(0, 1))(x, y)    ->  ((H_xx, H_xy), (H_yx, H_yy)),  H_xy: x.shape + y.shape

A block has the floating dtype of its output and its input together (``float32`` stays
``float32``).  The result is allocated once and filled row by row (``mode="rev"``: one pullback, a
cotangent per output element) or column by column (``mode="fwd"``, and ``hessian``: a ``jvp`` of the
gradient per input element).  Above :data:`WARN_BYTES` a :class:`DenseSizeWarning` gives the size
before the work starts; a computation that runs longer than :data:`PROGRESS_AFTER` seconds shows
its progress on stderr when stderr is a terminal (``progress=False`` turns that off).
"""

from __future__ import annotations

import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from . import display
from .api import _check_mode, _short_traceback, grad, jvp, vjp
from .arguments import WrtLike, caller_location, pick_wrt
from .arguments.outputs import assemble, value_structure
from .arguments.trees import LEAF, Tree, leaves
from .arguments.values import like_dtype
from .errors import ArgumentError, ArgumentValueError, NonScalarOutputError, TangentishError
from .structured import Deferred, dispatch_of

WARN_BYTES = 256 * 2**20
"""Dense results larger than this warn first (256 MiB: a float64 Hessian of about 5,800 inputs)."""
PROGRESS_AFTER = 1.0
"""Seconds after which a dense computation shows its progress (on a terminal)."""


class DenseSizeWarning(ResourceWarning):
    """A dense Jacobian or Hessian will take a lot of memory; ``hvp``, ``jvp`` or ``vjp`` give
    products with it without forming it."""


@_short_traceback
def jacobian(f: Callable, wrt: WrtLike = 0, *, argnums: WrtLike | None = None, mode: str = "rev",
             progress: bool = True) -> Callable:
    """The Jacobian of ``f``: blocks shaped ``output.shape + input.shape``, a tuple over a tuple
    ``wrt``, the output's structure over a container output (``None`` at its constants), nested
    (outputs outside) for both.

    ``mode="rev"`` builds it row by row from one :func:`vjp` pullback (the primal runs once);
    ``mode="fwd"`` column by column from :func:`jvp`.  Both are exact."""
    _check_mode(mode, ("rev", "fwd"), "jacobian")
    wrt = pick_wrt(wrt, argnums)
    transform = vjp(f, wrt=wrt) if mode == "rev" else jvp(f, wrt=wrt)  # checks f and wrt now
    return _dense(transform, mode, isinstance(wrt, (tuple, list)), "jacobian", f, progress)


@_short_traceback
def hessian(f: Callable, wrt: WrtLike = 0, *, argnums: WrtLike | None = None,
            progress: bool = True) -> Callable:
    """The Hessian of a scalar ``f`` (forward over reverse: the Jacobian, by :func:`jvp`, of the
    generated gradient).  One ``wrt``: shaped ``input.shape + input.shape``; a tuple ``wrt``: the
    nested blocks ``((H_00, H_01), (H_10, H_11))``, ``H_ij`` shaped ``in_i.shape + in_j.shape``."""
    wrt = pick_wrt(wrt, argnums)
    gradient = grad(f, wrt=wrt)
    transform = _product(gradient, wrt)
    return _dense(transform, "fwd", isinstance(wrt, (tuple, list)), "hessian", f, progress,
                  gradient)


def _dense_leaves(trees: Any, fill: Callable, args: tuple, kwargs: dict, second: bool,
                  how: tuple) -> Any:
    """A Jacobian (or, ``second``, a Hessian) over the leaves of the containers under ``wrt``,
    its blocks regrouped in their structures (twice for a Hessian: the gradient's, outside)."""
    leaf, flat, keywords, values, structures = trees.flat_call(args, kwargs, False)
    if second:
        leaf = jvp(leaf, wrt=tuple(leaf.wrt))
    blocks, out_tree = fill(leaf, flat, keywords, leaf.wrt_values(*flat, **keywords), *how)
    rows = [None if row is None else trees.regroup(tuple(row), values, structures)
            for row in blocks]
    if second:
        return trees.regroup(tuple(rows), values, structures)
    return rows[0] if out_tree is None else assemble(out_tree, rows)


def _over_leaves(gradient: Callable, args: tuple, kwargs: dict) -> tuple | None:
    """For containers under ``wrt``: the ``jvp`` of the gradient specialised to their structure
    (over leaves), the call over leaves, and the regrouping of per-leaf results; else None."""
    trees = dispatch_of(gradient)
    if trees is None or not trees.applies(args, kwargs):
        return None
    leaf, flat, keywords, values, structures = trees.flat_call(args, kwargs, False)
    product = jvp(leaf, wrt=tuple(leaf.wrt))
    return product, flat, keywords, lambda items: trees.regroup(tuple(items), values, structures)


@_short_traceback
def hvp(f: Callable, wrt: WrtLike = 0, *, argnums: WrtLike | None = None) -> Callable:
    """Hessian-vector products ``(*args, v) -> H v`` of a scalar ``f``, without forming ``H``:
    one forward-over-reverse sweep (``jvp`` of the generated gradient).  For a tuple ``wrt``, ``v``
    is a tuple of vectors (one per parameter) and so is the result."""
    wrt = pick_wrt(wrt, argnums)
    many = isinstance(wrt, (tuple, list))
    gradient = grad(f, wrt=wrt)
    product = _product(gradient, wrt)
    label = f"hvp of {getattr(f, '__name__', 'f')}"
    named_v = _has_parameter(f, "v")

    def hvp_fn(*args: Any, **kwargs: Any) -> Any:
        if "v" in kwargs and not named_v:  # (hvp_fn(x, y, v=...): the vector by its name)
            kwargs = dict(kwargs)
            args = (*args, kwargs.pop("v"))
        if not args:
            raise ArgumentError(f"{label} takes the function's arguments and then the vector v",
                                caller_location(), hint="call it as hvp_fn(*args, v)")
        *primals, vector = args
        leaves = _over_leaves(gradient, tuple(primals), kwargs)
        if leaves is not None:  # containers under wrt: v in their structure
            leaf_product, flat, keywords, regroup = leaves
            vectors = dispatch_of(gradient).flat_vectors(vector, tuple(primals), kwargs)
            moved = {leaf_product.record.tangents[n]: v
                     for n, v in zip(leaf_product.wrt, vectors, strict=True)}
            return regroup(_restated(lambda: leaf_product(*flat, **keywords, **moved), f)[1])
        values = product.wrt_values(*primals, **kwargs)
        vectors = _vectors(vector, values, product.wrt, many, label)
        keywords = {product.record.tangents[name]: v
                    for name, v in zip(product.wrt, vectors, strict=True)}
        products = _restated(lambda: product(*primals, **kwargs, **keywords), f)[1]
        if many:
            return tuple(_product_like(p, x) for p, x in zip(products, values, strict=True))
        return _product_like(products, values[0])

    hvp_fn.__name__ = f"hvp_{getattr(f, '__name__', 'f')}"
    hvp_fn.dense_of = "hvp"  # (differentiating it again is refused: see api._check_transform)
    if isinstance(product, (Deferred, _Refused)):  # built per container structure: no source before a call
        return hvp_fn
    hvp_fn.source = product.source
    return display.attach(hvp_fn, product.source)


def _restated(call: Callable, f: Any) -> Any:
    """``call()``, where ``grad(f)``'s refusal of an output that is not a scalar is hvp's."""
    try:
        return call()
    except NonScalarOutputError as exc:
        raise exc.restated("hvp", getattr(f, "__name__", "f")) from None


def _product_like(product: Any, value: Any) -> Any:
    """An ``hvp`` product in its argument's dtype, and of a 0-d argument a NumPy scalar, as the
    other derivatives give one (a product that is 0 by structure came back a Python float, or a
    0-d array)."""
    product = like_dtype(product, value)
    if np.ndim(value) == 0 and np.ndim(product) == 0 and not isinstance(product, np.generic):
        return np.asarray(product)[()]
    return product


def _has_parameter(f: Callable, name: str) -> bool:
    """Whether ``f`` has a parameter ``name`` (or takes any keyword, or has no signature)."""
    import inspect

    try:
        parameters = inspect.signature(f).parameters.values()
    except (TypeError, ValueError):
        return True
    return any(p.name == name or p.kind is p.VAR_KEYWORD for p in parameters)


def _product(gradient: Callable, wrt: Any) -> Callable:
    """The ``jvp`` of the gradient; for a gradient built per container structure (it reads
    fields, ``p.w``), that gradient itself: its products are built per structure, at the call.
    A gradient that also takes containers (``for k in params.keys()``) and whose form over
    arrays has no ``jvp``: the error, raised only if it is called with arrays."""
    if isinstance(gradient, Deferred):
        return gradient
    try:
        return jvp(gradient, wrt=wrt)
    except TangentishError as exc:
        if dispatch_of(gradient) is None:
            raise
        return _Refused(exc)


class _Refused:
    """The ``jvp`` of a gradient over arrays that could not be built (see :func:`_product`)."""

    def __init__(self, error: TangentishError):
        self.error = error

    def wrt_values(self, *args: Any, **kwargs: Any) -> Any:
        raise self.error.with_traceback(None)


def _vectors(vector: Any, values: list, names: tuple, many: bool, label: str) -> tuple:
    if many and not (isinstance(vector, (tuple, list)) and len(vector) == len(values)):
        raise ArgumentValueError(f"{label} differentiates with respect to {len(values)} "
                                 f"parameters {list(names)}, so v must be a tuple of "
                                 f"{len(values)} vectors", caller_location(),
                                 hint="one vector per wrt parameter, each of its shape")
    vectors = tuple(vector) if many else (vector,)
    for v, value, name in zip(vectors, values, names, strict=True):
        if np.shape(v) != np.shape(value):
            raise ArgumentValueError(f"the vector v{' for ' + name if many else ''} has shape "
                                     f"{np.shape(v)}, but {name} has shape {np.shape(value)}",
                                     caller_location(),
                                     hint="v has the shape of the differentiated argument")
    return vectors


# -- filling the blocks -------------------------------------------------------------------------


def _dense(transform: Callable, mode: str, many_in: bool, what: str, f: Any,
           progress: bool, gradient: Callable | None = None) -> Callable:
    """``gradient``: for a Hessian, the gradient whose ``jvp`` ``transform`` is."""
    name = getattr(f, "__name__", None) or getattr(transform, "__name__", "f")

    def dense_fn(*args: Any, **kwargs: Any) -> Any:  # (frames counted: _allocate's warning)
        fill = _by_rows if mode == "rev" else _by_columns
        trees = dispatch_of(transform if gradient is None else gradient)
        try:
            if trees is not None and trees.applies(args, kwargs):  # containers under wrt
                return _dense_leaves(trees, fill, args, kwargs, gradient is not None,
                                     (f"{what} of {name}", progress))
            primals = transform.wrt_values(*args, **kwargs)
            blocks, out_tree = fill(transform, args, kwargs, primals, f"{what} of {name}",
                                    progress)
        except NonScalarOutputError as exc:  # (grad(f)'s, for a Hessian: said as the Hessian's)
            raise exc if gradient is None else exc.restated(what, name) from None
        rows = [None if row is None else tuple(row) if many_in else row[0] for row in blocks]
        return rows[0] if out_tree is None else assemble(out_tree, rows)

    dense_fn.__name__ = f"{what}_{name}"
    dense_fn.dense_of = what
    if isinstance(transform, _Refused):
        return dense_fn
    try:
        dense_fn.source = transform.source
    except ArgumentError:  # built per container structure: no source before a call
        return dense_fn
    return display.attach(dense_fn, transform.source)


def _dtype(value: Any) -> np.dtype:
    dtype = getattr(value, "dtype", None)
    return dtype if dtype is not None and dtype.kind == "f" else np.dtype(np.float64)


def _allocate(outputs: list, inputs: list, label: str, constant: list[bool] | None = None
              ) -> list[list[np.ndarray] | None]:
    """The blocks of each output leaf (None at a ``constant`` leaf: an int, None, a string...)."""
    constant = constant or [False] * len(outputs)
    floats = [o for o, c in zip(outputs, constant, strict=True) if not c]
    sizes = [[np.size(o) * np.size(i) * np.result_type(_dtype(o), _dtype(i)).itemsize
              for i in inputs] for o in floats]
    total = sum(map(sum, sizes))
    if total > WARN_BYTES:
        warnings.warn(DenseSizeWarning(
            f"{label} will take {_size(total)} ({_shapes(floats, inputs)}); for products "
            "with it, tangentish.hvp, jvp and vjp never form it"), stacklevel=4)
    return [None if c else
            [np.empty(np.shape(o) + np.shape(i), np.result_type(_dtype(o), _dtype(i)))
             for i in inputs] for o, c in zip(outputs, constant, strict=True)]


def _output_leaves(value: Any) -> tuple[Tree | None, list, list[bool]]:
    """The structure of an output (None for one array or number), its leaves, and which of them
    are constants (in a container: ints, None, strings...; their blocks are None)."""
    tree = value_structure(value)
    if tree is None:
        return None, [value], [False]
    found = leaves(value, tree)
    return tree, found, [t.kind != LEAF for _, t in tree.leaf_paths()]


def _size(nbytes: int) -> str:
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if nbytes >= scale:
            return f"{nbytes / scale:.1f} {unit}"
    return f"{nbytes} bytes"


def _shapes(outputs: list, inputs: list) -> str:
    return (f"outputs {[np.shape(o) for o in outputs]} by inputs {[np.shape(i) for i in inputs]}"
            if len(outputs) + len(inputs) > 2 else
            f"output {np.shape(outputs[0])} by input {np.shape(inputs[0])}")


def _units(value: Any):
    """The unit vectors of ``value``'s shape, each shaped like it, in its floating dtype."""
    dtype = _dtype(value)
    size = int(np.size(value))
    for flat in range(size):
        unit = np.zeros(size, dtype)
        unit[flat] = 1
        yield unit.reshape(np.shape(value)) if np.ndim(value) else dtype.type(1)


def _zeros(value: Any) -> Any:
    return np.zeros_like(value, dtype=_dtype(value)) if np.ndim(value) else _dtype(value).type(0)


def _by_rows(transform: Callable, args: tuple, kwargs: dict, primals: list, label: str,
             progress: bool) -> tuple[list, Tree | None]:
    value, pullback = transform(*args, **kwargs)
    tree, outputs, constant = _output_leaves(value)
    blocks = _allocate(outputs, primals, label, constant)
    zeros = [None if c else _zeros(o) for o, c in zip(outputs, constant, strict=True)]
    meter = _Progress(label, sum(int(np.size(o)) for o, c in zip(outputs, constant, strict=True)
                                 if not c), "rows", progress)
    for i, output in enumerate(outputs):
        if blocks[i] is None:
            continue
        flat = [b.reshape(int(np.size(output)), int(np.size(p)))
                for b, p in zip(blocks[i], primals, strict=True)]
        for k, unit in enumerate(_units(output)):
            cotangent = unit if tree is None else \
                assemble(tree, [unit if m == i else z for m, z in enumerate(zeros)])
            grads = pullback(cotangent)
            grads = grads if isinstance(grads, tuple) else (grads,)
            for row, g in zip(flat, grads, strict=True):
                row[k] = np.ravel(g)
            meter.step()
    meter.done()
    return blocks, tree


def _by_columns(transform: Callable, args: tuple, kwargs: dict, primals: list, label: str,
                progress: bool) -> tuple[list, Tree | None]:
    names = [transform.record.tangents[name] for name in transform.wrt]
    zeros = {n: _zeros(p) for n, p in zip(names, primals, strict=True)}
    meter = _Progress(label, sum(int(np.size(p)) for p in primals), "columns", progress)
    blocks = tree = None
    for j, (name, primal) in enumerate(zip(names, primals, strict=True)):
        size, pending = int(np.size(primal)), []
        for k, unit in enumerate(_units(primal)):
            value, tangent = transform(*args, **kwargs, **{**zeros, name: unit})[:2]
            tree, outputs, constant = _output_leaves(value)
            pending.append([tangent] if tree is None else leaves(tangent, tree))
            if blocks is None:
                blocks = _allocate(outputs, primals, label, constant)
            if len(pending) == _CHUNK or k == size - 1:  # columns written a slab at a time
                for i, row in enumerate(blocks):
                    if row is not None:
                        slab = np.array([np.ravel(p[i]) for p in pending])
                        row[j].reshape(-1, size)[:, k + 1 - len(pending):k + 1] = slab.T
                pending = []
            meter.step()
    meter.done()
    if blocks is None:  # no input has any element: the output's shape from one call
        value = transform(*args, **kwargs, **zeros)[0]
        tree, outputs, constant = _output_leaves(value)
        blocks = _allocate(outputs, primals, label, constant)
    return blocks, tree


_CHUNK = 64  # columns gathered before they are written into the (row-major) result


class _Progress:
    """``label: done/total rows (p%), about N s left`` on stderr, rewritten in place, once the
    work has run :data:`PROGRESS_AFTER` seconds; only when stderr is a terminal."""

    def __init__(self, label: str, total: int, unit: str, enabled: bool):
        stream = sys.stderr
        self.stream = stream if enabled and getattr(stream, "isatty", bool)() else None
        self.label, self.total, self.unit = label, total, unit
        self.done_count = 0
        self.start = self.last = time.perf_counter()
        self.shown = False

    def step(self) -> None:
        self.done_count += 1
        if self.stream is None:
            return
        now = time.perf_counter()
        if now - self.start < PROGRESS_AFTER or now - self.last < 0.1:
            return
        self.last = now
        left = (now - self.start) / self.done_count * (self.total - self.done_count)
        self.stream.write(f"\r{self.label}: {self.done_count}/{self.total} {self.unit} "
                          f"({100 * self.done_count // max(self.total, 1)}%), about "
                          f"{left:.0f} s left ")
        self.stream.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown:
            elapsed = time.perf_counter() - self.start
            self.stream.write(f"\r{self.label}: {self.total} {self.unit} in {elapsed:.1f} s"
                              f"{' ' * 24}\n")
            self.stream.flush()

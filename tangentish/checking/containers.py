"""``check_grads`` with containers under ``wrt``: the check runs over their leaves.

A :class:`Flattened` stands for ``f`` with each container argument under ``wrt`` spread into one
argument per leaf (named as in generated code: ``params_W1``), so the checker's finite
differences, projections and reports work leaf by leaf unchanged; the derivatives under test are
still ``tangentish.grad(f)`` and ``tangentish.jvp(f)`` of the user's function, called with the
containers rebuilt and their results flattened back to the leaves::

    check_grads(loss, ({"W": W, "n": 3}, x), wrt=0)
    # checks loss as if it were loss(params_W, params_n, x) with wrt=(0,)
"""

from __future__ import annotations

import inspect
import types
from typing import Any

from ..arguments import caller_location, parameters, resolve_wrt
from ..arguments.trees import (
    LEAF,
    is_container,
    leaf_names,
    leaves,
    rebuild,
    structure,
    used_as_one_array,
)
from ..errors import ArgumentError, TangentishError


def unbound_method(f: Any, args: Any, wrt: Any) -> tuple[Any, Any, Any]:
    """A method bound to a dataclass or namedtuple object, checked with respect to that object
    (``wrt="self"``, as ``grad`` takes it): the function with the object as its first argument,
    and integer positions in ``wrt`` moved past it.  Anything else is returned unchanged."""
    if not isinstance(f, types.MethodType) or not is_container(f.__self__):
        return f, args, wrt
    own = parameters(f.__func__) or ()
    name = own[0].name if own else None
    items = wrt if isinstance(wrt, (tuple, list)) else (wrt,)
    if name is None or name not in items:
        return f, args, wrt
    moved = tuple(i + 1 if isinstance(i, int) and not isinstance(i, bool) and i >= 0 else i
                  for i in items)
    args = args if isinstance(args, tuple) else (args,)
    return f.__func__, (f.__self__, *args), moved if isinstance(wrt, (tuple, list)) else moved[0]


def flattened(f: Any, args: Any, wrt: Any, supplied: bool) -> Flattened | None:
    """A :class:`Flattened` when a value under ``wrt`` is a container, else None."""
    if not isinstance(args, tuple) or not any(is_container(a) for a in args):
        return None
    resolved = resolve_wrt(f, wrt, nargs=len(args))
    if not any(is_container(args[p]) for p in resolved.positions if p is not None):
        return None
    if supplied:
        raise ArgumentError("check_grads checks containers under wrt against tangentish's own "
                            "grad, jvp and hvp", caller_location(),
                            hint="drop grad=/vjp=/jvp=/hessian=/hvp=, or pass the containers' "
                            "arrays as separate arguments")
    return Flattened(f, args, resolved)


class Flattened:
    """``f`` over the leaves of its container arguments under ``wrt`` (see the module)."""

    def __init__(self, f: Any, args: tuple, resolved: Any):
        self.f, self.original, self.resolved = f, args, resolved
        self.__name__ = getattr(f, "__name__", "f")
        names = [p.name for p in parameters(f) or ()][:len(args)]
        names += [f"arg{i}" for i in range(len(names), len(args))]
        taken = set(names)
        self.trees = {p: structure(args[p], n) for n, p in zip(resolved.names, resolved.positions,
                                                                 strict=True)
                      if is_container(args[p])}
        self.spans: list[tuple[int, int]] = []  # per argument: its slice of the leaves
        flat_names: list[str] = []
        self.args: list = []
        for i, (name, value) in enumerate(zip(names, args, strict=True)):
            start = len(self.args)
            if i in self.trees:
                spelled = leaf_names(name, self.trees[i], taken)
                flat_names.extend(spelled[path] for path, _ in self.trees[i].leaf_paths())
                self.args.extend(leaves(value, self.trees[i]))
            else:
                flat_names.append(name)
                self.args.append(value)
            self.spans.append((start, len(self.args)))
        self.args = tuple(self.args)
        self.wrt = tuple(k for p in resolved.positions for k in self._differentiated(p))
        self.__signature__ = inspect.Signature(
            [inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD) for n in flat_names])

    def _differentiated(self, position: int) -> list[int]:
        start, end = self.spans[position]
        if position not in self.trees:
            return [start]
        kinds = [t.kind for _, t in self.trees[position].leaf_paths()]
        return [start + k for k, kind in enumerate(kinds) if kind == LEAF]

    def unflatten(self, flat: tuple) -> list:
        """The user's arguments, containers rebuilt around the leaves in ``flat``."""
        out = []
        for i, (start, end) in enumerate(self.spans):
            if i in self.trees:
                out.append(rebuild(self.trees[i], list(flat[start:end]), self.original[i]))
            else:
                out.append(flat[start])
        return out

    def __call__(self, *flat: Any) -> Any:
        try:
            return self.f(*self.unflatten(flat))
        except TypeError as exc:  # `x * x` of a list: the function wanted one array
            error = used_as_one_array(exc, self.trees, self.__name__, "given as argument")
            if error is None or isinstance(exc, TangentishError):
                raise
            raise error from exc

    def _leaves_of(self, grads: Any) -> tuple:
        """Gradients per wrt argument (containers among them) → one per differentiated leaf."""
        grads = (grads,) if self.resolved.single else grads
        out = []
        for grad, position in zip(grads, self.resolved.positions, strict=True):
            if position in self.trees:
                tree = self.trees[position]
                out.extend(g for g, (_, t) in zip(leaves(grad, tree), tree.leaf_paths(),
                                                  strict=True) if t.kind == LEAF)
            else:
                out.append(grad)
        return tuple(out)

    def _in_structure(self, moved: dict) -> Any:
        """Per-leaf values (wrt leaf index → value; None elsewhere) as the value under ``wrt``:
        one per parameter, each container rebuilt (a tuple of them for several)."""
        values = []
        for position in self.resolved.positions:
            start, end = self.spans[position]
            parts = [moved.get(k) for k in range(start, end)]
            values.append(parts[0] if position not in self.trees
                          else rebuild(self.trees[position], parts, self.original[position]))
        return values[0] if self.resolved.single else tuple(values)

    def hvp(self) -> Any:
        """``tangentish.hvp`` of ``f``, called over leaves: ``(*flat, vectors)`` → ``H v`` at
        each differentiated leaf."""
        from .. import dense

        wrt = self.resolved.positions[0] if self.resolved.single else self.resolved.positions
        made = dense.hvp(self.f, wrt=wrt)

        def hvp_call(*given: Any) -> tuple:
            *flat, vectors = given
            vector = self._in_structure(dict(zip(self.wrt, vectors, strict=True)))
            return self._leaves_of(made(*self.unflatten(tuple(flat)), vector))

        return hvp_call

    def derivative(self, name: str, outputs: Any = None) -> Any:
        """``tangentish.grad`` or ``.jvp`` of ``f``, as the checker calls them over leaves (for a
        container output, ``outputs``: a :class:`~.outputs.FlatOutput`, their flat forms)."""
        from .. import api

        wrt = self.resolved.positions[0] if self.resolved.single else self.resolved.positions
        made = getattr(api, name)(self.f, wrt=wrt) if outputs is None else \
            outputs.derivative(name, self.f, wrt)
        if name == "grad":
            return lambda *flat, **kwargs: self._leaves_of(made(*self.unflatten(flat), **kwargs))

        def jvp_call(*given: Any) -> Any:
            *flat, tangents = given
            value = self._in_structure(dict(zip(self.wrt, tangents, strict=True)))
            values = (value,) if self.resolved.single else value
            keywords = {made.record.tangents[name]: v
                        for name, v in zip(self.resolved.names, values, strict=True)}
            return made(*self.unflatten(tuple(flat)), **keywords)[1]

        return jvp_call

"""``check_grads`` of a function that returns containers: the check runs on one flat output.

A :class:`FlatOutput` stands for ``f`` with its output (a dict, list, tuple, namedtuple or
dataclass, nested or not) read as one vector: the float leaves, raveled and concatenated in
flattening order (constant leaves, ints, None, strings, are left out).  The checker's finite
differences, projections and reports then work unchanged on that vector; the derivatives under
test are still ``tangentish.vjp(f)`` (its pullback given the cotangent in the output's structure,
``None`` at the constants) and ``tangentish.jvp(f)`` (its tangent flattened the same way)::

    check_grads(lambda x: {"a": np.sin(x), "n": 3}, (x,))
    # checks x -> np.sin(x).ravel() against vjp and jvp of the function as written
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..arguments import caller_location
from ..arguments.outputs import assemble, value_structure
from ..arguments.trees import LEAF, Tree, leaves
from ..errors import ArgumentError


class FlatOutput:
    """``f`` (the user's function, or a :class:`~.containers.Flattened` one) with its container
    output read as one vector (see the module)."""

    def __init__(self, f: Any, tree: Tree, value: Any):
        self.f, self.tree = f, tree
        self.__name__ = getattr(f, "__name__", "f")
        self.__signature__ = getattr(f, "__signature__", None)
        floats = [(leaf, t.kind == LEAF) for leaf, (_, t) in zip(leaves(value, tree),
                                                                  tree.leaf_paths(), strict=True)]
        self.shapes = [np.shape(leaf) if is_float else None for leaf, is_float in floats]

    def __call__(self, *args: Any) -> np.ndarray:
        return self.vector(self.f(*args))

    def vector(self, value: Any) -> np.ndarray:
        """The float leaves of an output (or of its tangent) as one vector."""
        found = value_structure(value)
        if found is None or [t.kind == LEAF for _, t in found.leaf_paths()] != \
                [s is not None for s in self.shapes]:
            raise ArgumentError(f"{self.__name__} returned a different structure at another "
                                "point, so its output cannot be checked as one vector",
                                caller_location(), hint="return the same containers, with "
                                "float leaves at the same places, at every point")
        parts = [np.ravel(leaf) for leaf, s in zip(leaves(value, found), self.shapes,
                                                  strict=True) if s is not None]
        return np.concatenate(parts) if parts else np.zeros(0)

    def structured(self, vector: np.ndarray) -> Any:
        """A cotangent vector in the output's structure (``None`` at the constants)."""
        parts, start = [], 0
        for shape in self.shapes:
            if shape is None:
                parts.append(None)
                continue
            size = int(np.prod(shape))
            piece = np.asarray(vector[start:start + size]).reshape(shape)
            parts.append(piece if shape else piece.dtype.type(piece))
            start += size
        return assemble(self.tree, parts)

    def derivative(self, name: str, function: Any, wrt: Any) -> Any:
        """``tangentish.grad``-like (``(*args, out_bar=vector)``, from ``vjp``) or
        ``tangentish.jvp``-like (returning ``(vector, tangent vector)``) of ``function``."""
        from .. import api

        if name == "grad":
            made = api.vjp(function, wrt=wrt)

            def from_vjp(*args: Any, out_bar: Any) -> Any:
                return made(*args)[1](self.structured(out_bar))

            return from_vjp
        made = api.jvp(function, wrt=wrt)

        def flat_jvp(*args: Any, **tangents: Any) -> tuple:
            value, tangent = made(*args, **tangents)[:2]
            return self.vector(value), self.vector(_zeros_at_none(tangent, value))

        flat_jvp.record = made.record
        return flat_jvp


def _zeros_at_none(tangent: Any, value: Any) -> Any:
    """The tangent with its ``None`` (at constant leaves) replaced by the value there, so that
    it has the value's structure of leaves (those places are dropped from the vector anyway)."""
    tree = value_structure(value)
    return assemble(tree, [v if t is None else t for t, v in zip(leaves(tangent, tree),
                                                                  leaves(value, tree),
                                                                  strict=True)])


def flat_output(f: Any, value: Any) -> FlatOutput | None:
    """A :class:`FlatOutput` when ``value`` (``f``'s output) is a container, else None."""
    tree = value_structure(value)
    if tree is None:
        return None
    if not any(t.kind == LEAF for _, t in tree.leaf_paths()):
        raise ArgumentError(f"{getattr(f, '__name__', 'f')} returns a container with no float "
                            "values, so there is nothing to check", caller_location(),
                            hint="return floats or float arrays")
    return FlatOutput(f, tree, value)


def refuse_container_output(f: Any, order: int, supplied: bool) -> None:
    """A container output is checked against tangentish's ``vjp`` and ``jvp``, at first order."""
    if isinstance(f, FlatOutput) and (supplied or order != 1):
        raise ArgumentError(f"{f.__name__} returns a container: check_grads checks it against "
                            "tangentish's own vjp and jvp, at first order only",
                            caller_location(), hint="drop grad=/vjp=/jvp=/hessian=/hvp= and "
                            "order=2, or check a wrapper that returns one array (a second "
                            "order needs a scalar output)")

"""What every rule-table module shares: the row type, fixed seeded cotangent weights, indexes and
input domains."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Const:
    """A fixed argument passed as is (an index, a shape, an integer...)."""

    value: Any


@dataclass(frozen=True)
class Row:
    fn: Callable[..., Any]
    shapes: tuple[Any, ...]
    wrt: int | tuple[int, ...] = 0
    domain: tuple[Any, ...] = (-2.0, 2.0)
    setup: Callable[[list[Any]], list[Any]] | None = None
    # The point sits on a kink of a piecewise-linear function (planted ties): the gradient jumps
    # there, so the second-order reference is the Hessian of the pieces, 0.
    kink: bool = False
    # Second order is refused on purpose (a derivative tangentish does not compute): the text the
    # refusal must contain.  None: second order must match finite differences of the gradient.
    refuses_second_order: str | None = None
    # Second order across two arguments is refused on purpose (each argument alone is
    # differentiated twice): the text of the refusal; test_second_order checks each argument alone.
    refuses_mixed: str | None = None
    # False: no second-order check (test_second_order's is the costliest; drop it only where the
    # rule's partials are built by the same machinery as a row that keeps it, whose second order
    # differentiates the same forms: the distributions' shortcuts, for instance)
    second: bool = True

    @property
    def id(self) -> str:
        return self.fn.__name__

    def domains(self) -> list[tuple[float, float]]:
        if isinstance(self.domain[0], tuple):
            return list(self.domain)
        return [self.domain] * len(self.shapes)


# Fixed cotangent weights (seeded), named by shape.
_rng = np.random.default_rng(20240601)
W2 = _rng.standard_normal(2)
W3 = _rng.standard_normal(3)
W4 = _rng.standard_normal(4)
W5 = _rng.standard_normal(5)
W6 = _rng.standard_normal(6)
W12 = _rng.standard_normal(12)
W22 = _rng.standard_normal((2, 2))
W23 = _rng.standard_normal((2, 3))
W32 = _rng.standard_normal((3, 2))
W33 = _rng.standard_normal((3, 3))
W34 = _rng.standard_normal((3, 4))
W43 = _rng.standard_normal((4, 3))
W232 = _rng.standard_normal((2, 3, 2))
W234 = _rng.standard_normal((2, 3, 4))
W2532 = _rng.standard_normal((2, 5, 3, 2))
W2352 = _rng.standard_normal((2, 3, 5, 2))

# Fixed indexes and masks.
IDX_REPEATS = np.array([0, 2, 2, 5, 0])
IDX_2D = np.array([[0, 1], [1, 3]])
IDX_ROWS = np.array([2, 0, 2])
IDX_COLS = np.array([1, 3, 1])
MASK34 = np.array([[True, False, True, True], [False, False, True, False],
                   [True, True, False, True]])
MASK3 = np.array([True, False, True])
NAN4 = np.array([np.nan, 0.5, np.nan, -0.5])

POSITIVE = (0.2, 2.0)
UNIT = (-0.9, 0.9)

# NumPy >= 2.1 also spells clip's bounds min=/max= (older versions: a_min=/a_max= only).
CLIP_MIN_MAX = "min" in inspect.signature(np.clip).parameters

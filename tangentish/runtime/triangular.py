"""What ``scipy.linalg``'s triangular solves and Cholesky factor need beyond NumPy (each linear, and
its own adjoint up to the flag it is given, so their rules differentiate them again)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import UnsupportedConstructError


def _transposed(trans: Any) -> bool:
    if trans in (0, "N", "n"):
        return False
    if trans in (1, "T", "t", 2, "C", "c"):  # (real matrices: the conjugate transpose is T)
        return True
    raise UnsupportedConstructError(f"scipy.linalg.solve_triangular with trans={trans!r}",
                                    hint="pass trans=0, 1, 2, 'N', 'T' or 'C'")


def other_trans(trans: Any) -> int:
    """The ``trans`` of the adjoint solve: 1 for 0 and 0 for 1 (or 2: real matrices)."""
    return 0 if _transposed(trans) else 1


def transposed_if(m: Any, trans: Any) -> Any:
    """``m`` transposed (its last two axes) when ``trans`` asks for the transposed system."""
    return np.swapaxes(m, -1, -2) if _transposed(trans) else m


def triangle(m: Any, lower: Any = False, unit_diagonal: Any = False) -> np.ndarray:
    """``m`` with the entries a triangular solve does not read set to 0: above the diagonal for
    ``lower``, below it otherwise, and the diagonal too with ``unit_diagonal``."""
    return np.tril(m, -1 if unit_diagonal else 0) if lower else \
        np.triu(m, 1 if unit_diagonal else 0)


def as_lower(c: Any, lower: Any = False) -> Any:
    """The lower factor ``l`` (``a = l @ l.T``) from ``scipy.linalg.cholesky``'s result ``c``:
    ``c`` itself for ``lower``, its transpose otherwise (``a = c.T @ c``); and back."""
    return c if lower else np.swapaxes(c, -1, -2)

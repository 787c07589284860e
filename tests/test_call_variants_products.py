"""Call variants of the products (``tests/call_variants.py`` says what is checked): ``dot``,
``matmul``/``@``, ``tensordot``, ``einsum``, ``outer``, ``inner``, ``kron``, ``vdot``, ``cross``,
the ``x.dot(y)`` method, with every ``axes=`` form, batches that broadcast, 0-d arrays and
Python floats, on float64, float32, mixed and integer operands."""

from __future__ import annotations

import pytest
from call_variants import Arg, Variant, kept, run, variants


def a(*shape: int, dtype: str = "f8") -> Arg:
    return Arg(tuple(shape), dtype)


ANY_PAIR = ["np.dot(x, y)", "x.dot(y)", "np.outer(x, y)", "np.inner(x, y)", "np.kron(x, y)",
            "np.multiply.outer(x, y)", "np.tensordot(x, y, axes=0)", "np.dot(y, x)",
            "np.kron(y, x)"]
VECTORS = ["x @ y", "np.matmul(x, y)", "np.vdot(x, y)", "np.inner(x, y)", "np.tensordot(x, y, 1)",
           "np.einsum('i,i', x, y)", "np.einsum('i,i->', x, y)", "np.einsum('i,j->ij', x, y)",
           "np.einsum('i,j', x, y)", "np.cross(x, y)", "np.dot(x, y) * np.dot(y, y)",
           "np.vecdot(x, y)", "np.tensordot(x, y, axes=([0], [0]))"]
MATRIX_MATRIX = [  # x (2, 3), y (3, 4)
    "x @ y", "np.matmul(x, y)", "np.dot(x, y)", "x.dot(y)", "np.tensordot(x, y, axes=1)",
    "np.tensordot(x, y, axes=([1], [0]))", "np.tensordot(x, y, ([-1], [-2]))",
    "np.tensordot(y, x, axes=([0], [1]))", "np.einsum('ij,jk->ik', x, y)",
    "np.einsum('ij,jk', x, y)", "np.einsum('ij,jk->ki', x, y)", "np.einsum('ij,jk->', x, y)",
    "np.einsum('ij,jk->j', x, y)", "np.einsum('...j,jk->...k', x, y)",
    "np.inner(x, y.T)", "x.T.T @ y", "(y.T @ x.T).T", "np.einsum('ij,jk->ik', x, y, optimize=True)",
]
MATRIX_VECTOR = [  # x (2, 3), y (3,)
    "x @ y", "np.dot(x, y)", "x.dot(y)", "np.matmul(x, y)", "np.tensordot(x, y, axes=1)",
    "np.einsum('ij,j->i', x, y)", "np.einsum('ij,j', x, y)", "np.inner(x, y)", "y @ x.T",
    "np.einsum('j,ij->i', y, x)", "np.matvec(x, y)", "np.vecmat(y, x.T)",
]
BATCHED = [  # x (2, 3, 4), y (4, 2)
    "x @ y", "np.matmul(x, y)", "np.dot(x, y)", "np.tensordot(x, y, axes=1)",
    "np.tensordot(x, y, axes=([2], [0]))", "np.einsum('bij,jk->bik', x, y)",
    "np.einsum('...ij,jk->...ik', x, y)", "np.einsum('bij,jk->k', x, y)",
    "np.tensordot(x, y.T, axes=([2], [1]))", "np.inner(x, y.T)",
]
SQUARES = [  # x, y (3, 3)
    "np.einsum('ii', x)", "np.einsum('ii->i', x)", "np.einsum('ij->ji', x)",
    "np.einsum('ij,ij->', x, y)", "np.einsum('ij,ji', x, y)", "np.einsum('ii,jj', x, y)",
    "np.einsum('ij,jk,kl->il', x, y, x)", "np.tensordot(x, y, axes=2)",
    "np.tensordot(x, y, axes=((0, 1), (1, 0)))", "np.trace(x @ y)", "np.kron(x, y)",
    "x @ y @ x", "np.linalg.matrix_power(x, 2)", "np.einsum('ij,ij->i', x, y)",
]

CONVOLUTIONS = [  # each length against the other, and 0-d operands (NumPy takes them as 1-d)
    "np.convolve(x, y)", "np.convolve(x, y, 'same')", "np.convolve(x, y, mode='valid')",
    "np.correlate(x, y)", "np.correlate(x, y, 'same')", "np.correlate(x, y, mode='full')",
    "np.convolve(y, x, 'same')", "np.correlate(y, x, 'full')",
]

TABLE = kept([
    *variants(ANY_PAIR, a(3), a(4)),
    *variants(ANY_PAIR, a(2, 3), a(3)),
    *variants(ANY_PAIR, a(), a(3, 2)),
    *variants(ANY_PAIR, Arg(None), a(3)),
    *variants(ANY_PAIR[:5], a(2, 2, dtype="f4"), a(2, 3, dtype="f4")),
    *variants(ANY_PAIR[::2], a(3, dtype="i8"), a(3)),
    *variants(ANY_PAIR[1::2], a(0), a(3)),
    *variants(VECTORS, a(3), a(3)),
    *variants(VECTORS[::2], a(3, dtype="f4"), a(3, dtype="f4")),
    *variants(VECTORS[1::2], a(3, dtype="f4"), a(3)),
    *variants(VECTORS[::3], a(3, dtype="i8"), a(3)),
    *variants(MATRIX_MATRIX, a(2, 3), a(3, 4)),
    *variants(MATRIX_MATRIX[::2], a(2, 3, dtype="f4"), a(3, 4, dtype="f4")),
    *variants(MATRIX_MATRIX[1::3], a(2, 3, dtype="i8"), a(3, 4)),
    *variants(MATRIX_MATRIX[::3], a(1, 3), a(3, 1)),
    *variants(MATRIX_MATRIX[1::3], a(2, 0), a(0, 4)),
    *variants(MATRIX_VECTOR, a(2, 3), a(3)),
    *variants(MATRIX_VECTOR[::2], a(2, 3, dtype="f4"), a(3, dtype="f4")),
    *variants(MATRIX_VECTOR[1::2], a(1, 3), a(3)),
    *variants(BATCHED, a(2, 3, 4), a(4, 2)),
    *variants(BATCHED[::2], a(2, 3, 4, dtype="f4"), a(4, 2)),
    *variants(["x @ y", "np.matmul(x, y)", "np.einsum('...ij,...jk->...ik', x, y)"],
              a(2, 1, 3, 4), a(3, 4, 2)),
    *variants(["x @ y", "np.matmul(y, x.swapaxes(-1, -2))"], a(2, 3, 4), a(4)),
    *variants(["x @ y", "np.matmul(x, y)"], a(1, 3, 4), a(2, 4, 2)),
    *variants(SQUARES, a(3, 3), a(3, 3)),
    *variants(SQUARES[::2], a(3, 3, dtype="f4"), a(3, 3, dtype="f4")),
    *variants(["np.cross(x, y)", "np.cross(x, -y)"], a(3, 3), a(3, 3)),
    *variants(["np.cross(x, y, axis=0)", "np.cross(x, y, axisa=0, axisb=0)",
               "np.cross(x, y, axisa=0, axisb=0, axisc=0)", "np.cross(x, y.T, axisa=0)",
               "np.cross(x, y, 0, 1, 0)", "np.cross(x, y, axisc=0) * x"], a(3, 3), a(3, 3)),
    *variants(["np.cross(x, y, axisa=1, axisb=0, axisc=1)", "np.cross(x, y, axisa=1, axisb=0)"],
              a(2, 3, 4), a(3, 2, 4)),
    *variants(["np.cross(x, y, axis=1)"], a(2, 3, 4), a(1, 3, 4)),
    *variants(["np.einsum(x, [0, 1], y, [1, 2])", "np.einsum(x, [0, 1], y, [1, 2], [2, 0])",
               "np.einsum(x, [0, 1], y, [1, 2], [])", "np.einsum(x, (1, 0), y, [1, 2])",
               "np.einsum(x, [0, 1], y, [1, 2], optimize=True)", "np.einsum(x, [0, 0])",
               "np.einsum(x, [0, 1])", "np.einsum(x, [Ellipsis, 1], y, [1, 2])",
               "np.einsum(x, [0, 30], y, [30, 27], [27, 0])", "np.einsum(x, [1, 0], [0])"],
              a(3, 3), a(3, 3)),
    *variants(["np.einsum(x, [Ellipsis, 0, 1], y, [1, 2], [Ellipsis, 2])",
               "np.einsum(x, [5, 0, 1], y, [1, 2], x, [5, 0, 3])"], a(2, 3, 3), a(3, 3)),
    *variants(["np.matmul(x, y, dtype=np.float64)"], a(3, 3), a(3, 3),
              refuses="is not handled by its derivative rule"),
    *variants(["np.cross(x, y)"], a(2, 3), a(3)),
    *variants(CONVOLUTIONS, a(4), a(3)), *variants(CONVOLUTIONS, a(2), a(5)),
    *variants(CONVOLUTIONS[::2], a(), a(3)), *variants(CONVOLUTIONS[1::2], a(3), a()),
    *variants(CONVOLUTIONS[:4], a(), a()), *variants(CONVOLUTIONS[4:], Arg(None), a(2)),
])


@pytest.mark.parametrize("variant", TABLE, ids=lambda v: v.id)
def test_product_variants(variant: Variant, tmp_path_factory: pytest.TempPathFactory) -> None:
    run(variant, TABLE, "call_variants_products", tmp_path_factory)

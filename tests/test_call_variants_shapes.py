"""Call variants of the shape ops, rearrangements, gathers and indexing (``tests/call_variants.py``
says what is checked): ``x.T``, ``x.reshape(2, -1)``, ``x.transpose(1, 0, 2)``, ``np.take`` with
negative and nested indices, ``np.repeat`` with counts per element..., as methods and functions,
keyword and positional, on float64, float32 and integer arrays, 0-d arrays, Python floats, size-1
axes and empty arrays."""

from __future__ import annotations

import pytest
from call_variants import Arg, Variant, kept, run, variants

X3, X3_F4, X3_I8 = Arg((2, 3, 4)), Arg((2, 3, 4), "f4"), Arg((2, 3, 4), "i8")
M34, M34_F4, M34_I8 = Arg((3, 4)), Arg((3, 4), "f4"), Arg((3, 4), "i8")
SQUARE, COLUMN, ROW, VECTOR = Arg((3, 3)), Arg((3, 1)), Arg((1, 4)), Arg((5,))
ZERO_D, SCALAR, EMPTY, SINGLE = Arg(()), Arg(None), Arg((0, 3)), Arg((1, 1, 4))

ON_ANY = [  # spellings that take an array of any rank
    "x.reshape(-1)", "np.reshape(x, -1)", "np.reshape(x, (1, -1))", "x.reshape((-1, 1))",
    "x.ravel()", "np.ravel(x)", "np.ravel(x, order='F')", "x.flatten()", "x.flatten('F')",
    "x.reshape(-1, order='F')", "x.T", "np.transpose(x)", "x.transpose()", "x.squeeze()",
    "np.squeeze(x)", "np.expand_dims(x, 0)", "np.expand_dims(x, axis=-1)", "x[None]",
    "x[..., None]", "np.atleast_1d(x)", "np.atleast_2d(x)", "np.atleast_3d(x)",
    "np.broadcast_to(x, (2,) + np.shape(x))", "np.flip(x)", "np.roll(x, 2)", "np.roll(x, -1)",
    "x.repeat(2)", "np.repeat(x, 3)", "np.tile(x, 2)", "np.tile(x, (2, 1))", "x.copy()",
    "np.copy(x)", "np.array(x)", "np.asarray(x)", "x.astype(np.float64)", "x.astype(float)",
    "np.asarray(x, dtype=np.float64)", "x.take(0)", "np.take(x, -1)", "x.take([0, 0])",
    "np.resize(x, (2, 3))", "np.pad(x, 1)", "np.append(x, x)", "np.concatenate([x, x], axis=None)",
    "np.round(x)", "x.round(1)", "np.around(x, 2)",
]

ON_MATRIX = [  # spellings that need an array of rank two or more
    "x.reshape(2, -1)", "x.reshape((-1, 2))", "np.reshape(x, shape=(2, -1))",
    "x.transpose(1, 0)", "x.transpose((1, 0))", "np.transpose(x, (1, 0))",
    "np.transpose(x, axes=(-1, 0))", "x.swapaxes(0, 1)", "np.swapaxes(x, -1, 0)",
    "np.moveaxis(x, 0, -1)", "np.moveaxis(x, [0, 1], [1, 0])", "np.rollaxis(x, 1)",
    "x.squeeze(axis=None)", "np.flip(x, 0)", "np.flip(x, axis=(0, -1))", "np.fliplr(x)",
    "np.flipud(x)", "np.rot90(x)", "np.rot90(x, k=-1)", "np.rot90(x, 2, axes=(1, 0))",
    "np.roll(x, 1, axis=0)", "np.roll(x, (1, -2), axis=(0, 1))", "np.roll(x, shift=-1, axis=-1)",
    "np.repeat(x, 2, axis=0)", "x.repeat(2, axis=-1)", "np.repeat(x, [1, 2, 0, 1], axis=1)",
    "x.diagonal()", "np.diagonal(x, 1)", "np.diagonal(x, offset=-1)",
    "np.diagonal(x, 0, 1, 0)", "np.diagonal(x, axis1=-1, axis2=0)", "np.diag(x)",
    "np.diag(x, k=1)", "np.diag(x, -1)", "np.tril(x)", "np.tril(x, -1)", "np.triu(x, k=1)",
    "x[:, ::-1]", "x[::-1, 1:]", "x[..., 1]", "x[-1]", "x[[0, -1]]", "x[:, [2, 0, 2]]",
    "x[[0, 1], [1, 2]]", "x[x > 0]", "x[1:, None, :2]", "x.take([0, 2], axis=1)",
    "np.take(x, [[0, 1], [1, 0]], axis=0)", "np.take(x, -1, axis=-1)",
    "np.take(x, indices=[2, 0], axis=-1)", "x.take(1, 0)",
    "np.take_along_axis(x, np.argsort(x, axis=1), axis=1)",
    "np.take_along_axis(x, np.argmax(x, axis=0, keepdims=True), 0)",
    "np.compress([True, False, True], x, axis=0)",
    "np.extract(x > 0, x)", "np.where(x > 0, x, 0.0)", "np.where(x > 0, 1.0, x)",
    "np.sort(x)", "np.sort(x, axis=0)", "np.sort(x, axis=None)", "np.flip(np.sort(x, -1), -1)",
    "np.split(x, 2, axis=1)[1]", "np.array_split(x, 3, axis=-1)[0]", "np.hsplit(x, 2)[0]",
    "np.vsplit(x, [1])[1]", "np.stack([x, x], axis=-1)", "np.stack((x, 2.0 * x))",
    "np.concatenate((x, x), axis=-1)", "np.concatenate([x, x], 0)", "np.hstack([x, x])",
    "np.vstack((x, x))", "np.dstack([x, x])", "np.column_stack([x, x])",
    "np.delete(x, 1, axis=0)", "np.delete(x, [0, 2], axis=-1)", "np.insert(x, 1, 0.0, axis=0)",
    "np.pad(x, ((1, 0), (0, 2)))", "np.pad(x, 1, mode='edge')", "np.pad(x, (1, 2), mode='reflect')",
    "np.pad(x, 1, mode='constant', constant_values=2.0)", "np.pad(x, ((0, 1), (1, 1)), 'wrap')",
    "np.pad(x, 1, mode='mean')", "np.pad(x, (2, 1), 'maximum', stat_length=1)",
    "np.pad(x, ((1, 0), (0, 2)), mode='median')", "np.pad(x, 1, 'minimum', stat_length=(1, 2))",
    "np.pad(x, 2, mode='linear_ramp', end_values=1.5)",
    "np.broadcast_arrays(x, np.ones((2,) + np.shape(x)))[0]", "np.diff(x)", "np.diff(x, axis=0)",
    "np.diff(x, n=2, axis=-1)", "np.gradient(x, axis=1)", "np.ediff1d(x)",
]

ON_THREE = [  # spellings that need an array of rank three
    "x.transpose(1, 0, 2)", "x.transpose((2, 0, 1))", "np.transpose(x, (0, 2, 1))",
    "x.swapaxes(0, 2)", "np.moveaxis(x, -1, 0)", "np.moveaxis(x, (0, 2), (2, 0))",
    "np.rollaxis(x, 2, 1)", "x.reshape(6, 4)", "x.reshape((2, 12))", "x.reshape(2, 2, -1)",
    "x.diagonal(0, 1, 2)", "np.diagonal(x, 1, -1, -2)", "x[:, 1]", "x[1, ..., ::2]",
    "x[:, [0, 2], 1:3]", "np.squeeze(x[:, :1], axis=1)", "np.expand_dims(x, axis=(0, 2))",
    "np.flip(x, axis=1)", "np.rot90(x, 1, (0, 2))", "np.tril(x)", "np.triu(x, -1)",
    "np.take(x, [3, 0], axis=2)", "np.sort(x, axis=1)", "np.swapaxes(x, 1, 2)",
]

KEYWORDS = [  # every argument by keyword, out of order; casts to another float dtype
    "np.reshape(order='F', a=x, shape=(4, 3))", "np.reshape(x, (4, 3), 'F')",
    "np.moveaxis(destination=0, source=-1, a=x)", "np.swapaxes(axis2=0, axis1=1, a=x)",
    "np.roll(x, axis=0, shift=1)", "np.repeat(repeats=2, a=x, axis=0)",
    "np.sum(keepdims=True, a=x, axis=0)", "np.diagonal(x, axis2=0, axis1=1)",
    "np.trace(axis2=0, a=x, axis1=1, offset=1)", "np.take(indices=[0, 2], a=x, axis=1)",
    "np.take(x, [[0], [2]], 1)", "np.transpose(axes=(1, 0), a=x)", "np.flip(axis=-1, m=x)",
    "np.expand_dims(axis=1, a=x)", "np.squeeze(a=x[None])", "np.tile(reps=(1, 2), A=x)",
    "np.concatenate(axis=1, arrays=[x, x])", "np.stack(axis=1, arrays=(x, x))",
    "np.clip(a_max=0.5, a=x, a_min=-0.5)", "np.pad(x, mode='edge', pad_width=((1, 0), (0, 1)))",
    "np.tril(k=1, m=x)", "np.rot90(axes=(1, 0), m=x, k=3)", "np.cumsum(axis=-1, a=x)",
    "np.diff(axis=0, a=x, n=1)", "np.sort(axis=0, a=x)", "np.broadcast_to(shape=(2, 3, 4), array=x)",
    "np.array(x, dtype=np.float32)", "x.astype(np.float32)", "np.asarray(x, np.float32)",
    "np.cumsum(x, dtype=np.float32)",
    "np.array([x, 2.0 * x])", "np.array([x[0], x[1]])", "np.stack([x[0], np.ones(4)])",
    "np.asarray(x, dtype=float).T", "x.astype('float64', copy=False)", "np.ascontiguousarray(x.T)",
    "np.asfortranarray(x)", "x.real", "np.real(x)", "x.ravel()[::-2]",
    "x * x.size + x.ndim", "x.reshape(x.shape[::-1])", "np.full_like(x, 2.0) * x",
    "np.zeros_like(x) + x", "np.ones(x.shape) * x", "np.empty_like(x).fill(1.0) or x",
]


def _unique(table: list[Variant]) -> list[Variant]:
    """The table without a variant repeated (a spelling listed for two ranks)."""
    return list({variant.id: variant for variant in table}.values())


TABLE = kept(_unique([
    *variants(ON_ANY + ON_MATRIX, M34),
    *variants(ON_ANY + ON_MATRIX + ON_THREE, X3),
    *variants(ON_ANY[::2] + ON_MATRIX[::3], M34_F4),
    *variants(ON_ANY[1::2] + ON_MATRIX[1::3] + ON_THREE[::2], X3_F4),
    *variants(ON_ANY[::2] + ON_MATRIX[::2], M34_I8),
    *variants(ON_THREE[1::2], X3_I8),
    *variants(ON_ANY[1::3] + ON_MATRIX[::2], SQUARE),
    *variants(ON_ANY[::2] + ON_MATRIX[1::2], COLUMN),
    *variants(ON_ANY[1::2] + ON_MATRIX[::2], ROW),
    *variants(ON_ANY[::2] + ON_MATRIX[::4], SINGLE),
    *variants(ON_ANY[::2], VECTOR),
    *variants(ON_ANY[1::2], ZERO_D),
    *variants(ON_ANY[::2], SCALAR),
    *variants(ON_ANY[::2] + ON_MATRIX[::5], EMPTY),
    *variants(["np.diff(x, n=3)", "np.diff(x, 2, axis=0)", "np.resize(x, 5)"], EMPTY),
    *variants(["np.diff(x, n=2, axis=-1)", "np.diff(x, 4, 0)"], COLUMN),
    *variants(["np.gradient(x, axis=(1, 0))[0]", "np.gradient(x, 0.5, axis=-1)",
               "np.gradient(x, axis=(0, 2))[1]"], X3),
    *variants(KEYWORDS, M34), *variants(KEYWORDS[::2], M34_F4), *variants(KEYWORDS[1::2], M34_I8),
    *variants(KEYWORDS[::3], ROW),
    *variants(["x.compress([False, True], axis=1)"], M34,
              refuses="rule for the method `.compress()`"),
    *variants(["x.flat[2] * x", "x.flat[1:5] * x[0]", "x.T.flat[[0, 3, 3]] @ x[:, :3]"], M34),
    *variants(["np.concatenate([x, x], dtype=np.float32)"], M34),  # (refused before stop 64)
    # every spelling of a higher rank on the lower ranks NumPy also takes it at: np.tril of a
    # vector is a matrix of its rows, np.repeat(x, 2, axis=0) of a 0-d x repeats it as 1-d
    *variants(ON_MATRIX + ON_THREE, VECTOR), *variants(ON_MATRIX + ON_THREE, ZERO_D),
    *variants(ON_THREE, M34),
]))


@pytest.mark.parametrize("variant", TABLE, ids=lambda v: v.id)
def test_shape_variants(variant: Variant, tmp_path_factory: pytest.TempPathFactory) -> None:
    run(variant, TABLE, "call_variants_shapes", tmp_path_factory)

"""Functions that write or cast varying float values into integer or bool dtypes, written the way
users write them.  NumPy truncates (or tests for non-zero) there, so each function is piecewise
constant in what goes through the cast: the derivative through it is zero.  Each takes a float64
vector ``x`` of length 4 (``tests/test_integral_dtypes.py`` checks every mode at points away from
the jumps); a float part around the cast keeps the derivatives non-zero and non-linear."""

import numpy as np

# -- writes into arrays proven integral where they are made


def zeros_int_item(x):
    y = np.zeros(3, dtype=int)
    y[0] = x[0] * 2.5
    return np.sum(y * x[:3] * x[:3]) + x[1] * x[3] * x[3]


def zeros_int_slice(x):
    y = np.zeros(3, dtype=int)
    y[1:] = x[1:3] * 3.0
    return np.sum(y * x[:3] * x[:3]) + x[1] * x[3] * x[3]


def zeros_int_augmented(x):
    y = np.zeros(3, dtype=int)
    y[0] += x[0] * 2.5
    y[2] -= x[2] * x[1]
    return np.sum(y * x[:3] * x[:3]) + x[1] * x[3] * x[3]


def zeros_int_positional(x):
    y = np.zeros((3,), int)
    y[0] = x[0] * 2.5
    return np.sum(y * x[:3] * x[:3]) + x[1] * x[3] * x[3]


def zeros_like_int(x):
    y = np.zeros_like(x, dtype=np.int32)
    y[1] = x[1] * 2.5
    return np.sum(y * x * x) + x[1] * x[3] * x[3]


def ones_uint8(x):
    y = np.ones(4, dtype=np.uint8)
    y[2] = x[2] * 10.0
    return np.sum(y * x * x) + x[1] * x[3] * x[3]


def full_of_int(x):
    y = np.full(3, 2)
    y[0] = x[0] * 2.5
    return np.sum(y * x[:3] * x[:3]) + x[1] * x[3] * x[3]


def array_of_int_literals(x):
    y = np.array([0, 1, 2])
    y[1] = x[1] * 2.5
    return np.sum(y * x[:3] * x[:3]) + x[1] * x[3] * x[3]


def arange_ints(x):
    y = np.arange(3)
    y[2] = x[2] * 7.0
    return np.sum(y * x[:3] * x[:3]) + x[1] * x[3] * x[3]


def empty_like_of_ints(x):
    idx = np.array([2, 0, 1])
    y = np.empty_like(idx)
    y[:] = x[:3] * 3.0
    return np.sum(y * x[:3] * x[:3]) + x[1] * x[3] * x[3]


def zeros_bool(x):
    y = np.zeros(4, dtype=bool)
    y[0] = x[0] * 2.5
    return np.sum(y * x * x) + x[1] * x[3] * x[3]


def comparison_mask_written(x):
    m = x > 100.0
    m[1] = x[1] * x[0]
    return np.sum(m * x * x) + x[1] * x[3] * x[3]


def written_by_mask(x):
    y = np.zeros(4, dtype=int)
    y[x > 0.5] = x[x > 0.5] * 3.0
    return np.sum(y * x * x) + x[1] * x[3] * x[3]


def written_by_ellipsis(x):
    y = np.zeros(4, dtype=int)
    y[...] = x * 3.0
    return np.sum(y * x * x) + x[1] * x[3] * x[3]


def written_in_loop(x):
    y = np.zeros(3, dtype=int)
    for i in range(3):
        y[i] = x[i] * 2.5 + y[i]
    return np.sum(y * x[:3] * x[:3]) + x[1] * x[3] * x[3]


def matrix_row_written(x):
    y = np.zeros((2, 2), dtype=int)
    y[0, :] = x[:2] * 2.5
    y[1, 1] = x[3] * 4.0
    return np.sum(y * np.outer(x[:2], x[2:])) + x[1] * x[3] * x[3]


def filled(x):
    y = np.zeros(3, dtype=int)
    y.fill(x[0] * 2.5)
    return np.sum(y * x[:3] * x[:3]) + x[1] * x[3] * x[3]


def put_into(x):
    y = np.zeros(3, dtype=int)
    np.put(y, [0, 2], x[:2] * 2.5)
    return np.sum(y * x[:3] * x[:3]) + x[1] * x[3] * x[3]


def copied_unsafely(x):
    y = np.zeros(4, dtype=int)
    np.copyto(y, x * 2.5, casting="unsafe")
    return np.sum(y * x * x) + x[1] * x[3] * x[3]


def multiplied_into(x):
    y = np.zeros(4, dtype=int)
    np.multiply(x, 2.5, out=y, casting="unsafe")
    return np.sum(y * x * x) + x[1] * x[3] * x[3]


def full_of_int_dtype(x):
    y = np.full(3, x[0] * 2.5, dtype=np.int64)
    return np.sum(y * x[:3] * x[:3]) + x[1] * x[3] * x[3]


# -- casts of varying values into an integral dtype


def array_display_int(x):
    y = np.array([x[0] * 2.5, 1.0, x[2]], dtype=int)
    return np.sum(y * x[:3] * x[:3]) + x[1] * x[3] * x[3]


def asarray_int(x):
    y = np.asarray(x * 2.5, dtype=int)
    return np.sum(y * x * x) + x[1] * x[3] * x[3]


def astype_int(x):
    y = (x * 2.5).astype(int)
    return np.sum(y * x * x) + x[1] * x[3] * x[3]


def astype_bool(x):
    y = (x - 0.5).astype(bool)
    return np.sum(y * x * x) + x[1] * x[3] * x[3]


def astype_uint8(x):
    y = (x * 10.0 + 20.0).astype(np.uint8)
    return np.sum(y * x * x) + x[1] * x[3] * x[3]


def sum_as_int(x):
    return np.sum(x * 2.5, dtype=int) * x[1] + x[1] * x[3] * x[3]


def cumsum_as_int(x):
    return np.sum(np.cumsum(x * 2.5, dtype=int) * x) + x[1] * x[3] * x[3]


def mean_as_int(x):
    return np.mean(x * 2.5, dtype=int) * x[1] + x[1] * x[3] * x[3]


def int_of_item(x):
    return int(x[0] * 2.5) * x[1] + x[1] * x[3] * x[3]


def round_of_item(x):
    return round(x[0] * 2.5) * x[1] + x[1] * x[3] * x[3]


def floor_then_int(x):
    n = int(np.floor(x[2] * 3.0))
    return n * x[1] * x[1] + x[1] * x[3] * x[3]


# -- targets whose dtype only the run knows


def copy_of_argument(x, buf):
    y = buf.copy()
    y[0] = x[0] * 2.5  # (truncated when buf is an integer array)
    return np.sum(y * x[:3] * x[:3]) + x[1] * x[3] * x[3]


def zeros_like_argument(x, buf):
    y = np.zeros_like(buf)
    y[1:] = x[1:3] * 3.0  # (truncated when buf is an integer array)
    return np.sum(y * x[:3] * x[:3]) + x[1] * x[3] * x[3]


def zeros_of_argument_dtype(x, buf):
    y = np.zeros(3, dtype=buf.dtype)
    y[2] += x[2] * 3.0  # (truncated when buf is an integer array)
    return np.sum(y * x[:3] * x[:3]) + x[1] * x[3] * x[3]


def sum_as_argument_dtype(x, buf):
    d = buf.dtype
    s = np.sum(x * 2.5, dtype=d)  # (truncated when buf is an integer array)
    return s * x[1] + x[1] * x[3] * x[3]


def cumsum_as_argument_dtype(x, buf):
    c = np.cumsum(x[:3] * 2.5, 0, buf.dtype)  # (truncated when buf is an integer array)
    return np.sum(c * x[:3]) + x[1] * x[3] * x[3]

"""Call variants of the reductions, cumulative ops and statistics (``tests/call_variants.py``
says what is checked): every axis spelling (none, positional, keyword, negative, tuple, None),
``keepdims=``, ``dtype=``, ``ddof=``, arguments out of order, the array method next to the
``np.`` function, on float64, float32 and integer arrays, 0-d arrays, Python floats, size-1 axes
and empty arrays."""

from __future__ import annotations

import pytest
from call_variants import Arg, Variant, kept, run, variants

X3, X3_F4, X2_I8, M34 = Arg((2, 3, 4)), Arg((2, 3, 4), "f4"), Arg((3, 4), "i8"), Arg((3, 4))
COLUMN, ROW, VECTOR, ZERO_D, SCALAR = Arg((3, 1)), Arg((1, 4)), Arg((5,)), Arg(()), Arg(None)
EMPTY = Arg((0, 3))
OTHERS = (X3_F4, X2_I8, COLUMN, ROW, VECTOR, ZERO_D, SCALAR, EMPTY)

METHODS = ("sum", "mean", "prod", "max", "min", "var", "std", "ptp", "cumsum", "cumprod")
FUNCTIONS = (*METHODS, "amax", "amin", "average", "median", "nansum", "nanmean", "nanmax",
             "nanmin", "nanprod", "nanvar", "nanstd", "nancumsum", "nancumprod", "nanmedian")
WITH_DTYPE = ("sum", "mean", "prod", "var", "std", "cumsum", "cumprod", "nansum", "nanmean",
              "nanprod", "nanvar", "nanstd", "nancumsum", "nancumprod")
WITH_DDOF = ("var", "std", "nanvar", "nanstd")


def tails(name: str, rank: int) -> list[str]:
    """The argument lists after the array, for an array of rank ``rank``."""
    found = ["", "axis=None", "keepdims=True"]
    if rank >= 1:
        found += ["0", "axis=-1", f"axis={rank - 1}, keepdims=True", "keepdims=True, axis=-1"]
    if rank >= 2:
        found += ["1", "axis=(0, -1)", "axis=(-1, 0), keepdims=True", "-2"]
    if name in WITH_DTYPE:
        found += ["dtype=np.float64", "dtype=np.float32"]
        found += ["0, np.float64", "axis=-1, dtype=np.float32"] if rank >= 1 else []
    if name in WITH_DDOF:
        found += ["ddof=1"] + (["axis=0, ddof=1", "0, None, None, 1"] if rank >= 1 else [])
    return found


def spellings(name: str, rank: int) -> list[str]:
    exprs = []
    for tail in tails(name, rank):
        exprs.append(f"np.{name}(x{', ' + tail if tail else ''})")
        if name in METHODS:
            exprs.append(f"x.{name}({tail})")
    if name in ("sum", "mean", "max"):
        exprs.append(f"np.{name}(a=x, axis=None)")
    return exprs


def rotate(items: list[str], arg: Arg, count: int) -> list[str]:
    """``count`` of ``items`` chosen by the argument's description (deterministic, different
    for each kind of input, so that every spelling meets several kinds over the table)."""
    start = sum(map(ord, arg.describe())) % max(len(items), 1)
    return [items[(start + 3 * k) % len(items)] for k in range(min(count, len(items)))]


def _reductions() -> list[Variant]:
    table = []
    for name in FUNCTIONS:  # (the nan forms share their rules' code: half their spellings)
        table += variants(spellings(name, 3)[:: 2 if name.startswith("nan") else 1], X3)
        for arg in OTHERS:
            rank = 0 if arg.shape is None else len(arg.shape)
            table += variants(rotate(spellings(name, rank), arg, 2), arg)
    return table


STATISTICS = [
    *variants(["np.percentile(x, 30)", "np.percentile(x, 30, axis=1)",
               "np.percentile(x, [10, 90], axis=-1, keepdims=True)", "np.quantile(x, 0.3, 0)",
               "np.quantile(x, [0.25, 0.5], axis=(0, 1))", "np.median(x, axis=(0, 2))",
               "np.percentile(x, 40, axis=1, method='nearest')",
               "np.quantile(x, 0.7, axis=-1, method='midpoint')",
               "np.nanpercentile(x, 35, axis=0)", "np.nanquantile(x, [0.2, 0.6], axis=-1)",
               # several q, axis omitted (a keyword the rules compute from axis was dropped)
               "np.quantile(x, [0.25, 0.5])", "np.percentile(x, np.array([[10.0], [90.0]]))",
               "np.nanquantile(x, [0.2, 0.6])", "np.nanpercentile(x, (5, 95), keepdims=True)",
               "np.average(x, axis=1, weights=np.arange(1.0, 4.0))",
               "np.average(x, 0, np.arange(1.0, 3.0))", "np.average(x, axis=(0, 2))",
               "np.average(x, axis=-1, keepdims=True)", "np.average(x, axis=0, returned=True)[0]",
               "np.trace(x)", "np.trace(x, 1)", "np.trace(x, offset=-1, axis1=1, axis2=2)",
               "np.trace(x, axis1=2, axis2=0)", "x.trace()", "x.trace(1, 1, 2)",
               "np.ptp(x, axis=(0, 1))", "x.std(ddof=1)", "x.var(axis=0)",
               "np.std(x, axis=(0, 2), ddof=2, keepdims=True)", "np.var(x, ddof=0, axis=-2)"],
              X3),
    *variants(["np.percentile(x, 50)", "np.median(x)", "np.trace(x)", "np.std(x, ddof=1)",
               "np.average(x, weights=np.arange(1.0, 5.0))"], ROW),
    *variants(["np.median(x, axis=0)", "np.percentile(x, [5, 95], axis=1)", "np.trace(x)",
               "x.trace(-1)", "np.var(x, 1)"], X2_I8),
    *variants(["np.median(x, axis=-1)", "np.quantile(x, 0.4, axis=0, keepdims=True)",
               "x.std(axis=0, ddof=1)", "np.trace(x, offset=1)"], X3_F4),
    *variants(["np.median(x)", "np.percentile(x, 20)", "np.std(x)"], ZERO_D),
    *variants(["np.median(x)", "np.std(x, ddof=1)", "np.average(x)"], VECTOR),
]

KEYWORDS = [  # the keyword arguments of reductions that change what is computed
    *variants(["np.median(x, 0, None, False, True)", "np.sum(x, 1, None, None)",
               "np.mean(x, axis=0, out=None)", "np.cumsum(x, -1, None, None)",
               "np.percentile(x, 30, axis=1, overwrite_input=False)",
               "np.quantile(x, [0.1, 0.9], axis=0, method='lower')",
               "np.quantile(x, 0.35, method='higher')", "np.percentile(x, 62, method='hazen')",
               "np.percentile(x, 62, method='weibull', axis=-1)"], X3),
    *variants(["np.sum(x, where=x > 0)"], X3),  # (the sum of np.where(x > 0, x, 0))
    *variants(["np.mean(x, axis=0, where=x < 1)",  # (passes/reduction_forms.py)
               "np.max(x, axis=1, where=x > -1, initial=-9.0)", "x.sum(where=x > 0)",
               "x.prod(1, None, None, True, 0.5, x > -1)", "np.min(x, 0, None, False, 0.0, x < 1)"],
              M34),
    *variants(["np.sum(x, initial=1.5)", "np.prod(x, axis=1, initial=2.0)",
               "np.max(x, axis=0, initial=-5.0)", "x.min(initial=5.0)",
               "np.amax(x, -1, keepdims=True, initial=-9.0)"], X3),
    *variants(["np.var(x, where=x > 0)", "np.std(x, axis=1, ddof=1, where=x > -1)"], M34),
    *variants(["np.min(x, where=x > 0)", "np.median(x, overwrite_input=True)",
               "np.percentile(x, 30, 1, None, True)"], M34,
              refuses="not"),
    *variants([  # out= by keyword or at its position: the write o[...] = f(x) (out_arguments)
        "o = np.zeros(4); np.sum(x, axis=0, out=o); return o",
        "o = np.zeros(3); np.mean(x, 1, None, o); return o * x[:, 0]"], M34),
]

TABLE = kept(_reductions() + STATISTICS + KEYWORDS)


def test_the_tables_keep_the_spellings_numpy_takes() -> None:
    import test_call_variants_products as products
    import test_call_variants_shapes as shapes
    import test_call_variants_ufuncs as ufuncs

    floors = {"reductions": (TABLE, 600), "shapes": (shapes.TABLE, 700),
              "products": (products.TABLE, 170), "ufuncs": (ufuncs.TABLE, 360)}
    for name, (table, floor) in floors.items():  # (fewer: this NumPy rejects many spellings)
        assert len(table) >= floor, (name, len(table))


@pytest.mark.parametrize("variant", TABLE, ids=lambda v: v.id)
def test_reduction_variants(variant: Variant, tmp_path_factory: pytest.TempPathFactory) -> None:
    run(variant, TABLE, "call_variants_reductions", tmp_path_factory)

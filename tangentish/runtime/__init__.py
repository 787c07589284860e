"""The only helpers that generated derivative code calls (as ``_rt.<name>``), one module per family.

Each one is small, pure and documented, so that a reader of generated code can look it up; a
helper never writes into its arguments (``add_at`` and ``zero_index`` work in place only on an
array nothing else refers to) and arrays it returns are fresh or the incoming gradient unchanged.

- :mod:`.broadcast`: a gradient back to an operand's shape (``unbroadcast``, ``unreduce``...);
- :mod:`.selection`: max/min with ties, ``clip``, ``maximum``/``minimum``;
- :mod:`.products`: ``matmul``, ``dot``, ``inner``, ``cumsum``, ``prod``;
- :mod:`.indexing`: reading and writing ``x[i]``;
- :mod:`.special`: norms and functions whose derivative formula divides by 0 somewhere;
- :mod:`.containers`: lists, tuples, ``concatenate``/``stack``;
- :mod:`.machinery`: the seed check, placeholders, aliasing checks, split motion's rewind/replay.
"""

from .broadcast import (
    fit,
    reduced_size,
    unbroadcast,
    unreduce,
    zeros_like,
)
from .containers import (
    appended,
    extended,
    own,
    spread,
    unconcatenate,
    unhstack,
    unvstack,
)
from .indexing import (
    ACCUMULATE_IN_PLACE,
    add_at,
    set_index,
    unindex,
    zero_index,
)
from .machinery import (
    UNBOUND,
    aux_pair,
    check_unshared,
    private,
    replay,
    rewind,
    rewind_del,
    rewind_pop,
    seed,
)
from .products import (
    dot_left,
    dot_right,
    inner_left,
    inner_right,
    inverse_permutation,
    matmul_left,
    matmul_right,
    prod_others,
    uncumsum,
)
from .selection import (
    clip_below,
    clip_inside,
    fpick_first,
    pick_first,
    reduce_select,
    unreduce_select,
)
from .special import (
    ratio,
    safe_log,
    safe_reciprocal,
    sinc_slope,
    unnorm,
)

__all__ = [
    "ACCUMULATE_IN_PLACE",
    "UNBOUND",
    "add_at",
    "appended",
    "aux_pair",
    "check_unshared",
    "clip_below",
    "clip_inside",
    "dot_left",
    "dot_right",
    "extended",
    "fit",
    "fpick_first",
    "inner_left",
    "inner_right",
    "inverse_permutation",
    "matmul_left",
    "matmul_right",
    "own",
    "pick_first",
    "private",
    "prod_others",
    "ratio",
    "reduce_select",
    "reduced_size",
    "replay",
    "rewind",
    "rewind_del",
    "rewind_pop",
    "safe_log",
    "safe_reciprocal",
    "seed",
    "set_index",
    "sinc_slope",
    "spread",
    "unbroadcast",
    "unconcatenate",
    "uncumsum",
    "unhstack",
    "unindex",
    "unnorm",
    "unreduce",
    "unreduce_select",
    "unvstack",
    "zero_index",
    "zeros_like",
]

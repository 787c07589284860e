"""Spellings of the source that mean something simpler, rewritten before anything else reads the
function: a call of what a call returns (:mod:`.chained_calls`: ``make(a)(x)`` as ``_make =
make(a)``, then ``_make(x)``), a nested generator ``def`` whose items a builtin takes at once
(:mod:`.nested_generators`: the ``def`` building their list), a magnitude squared
(:mod:`.squared_magnitudes`: ``np.abs(z) ** 2`` as the sum of squares it is), a local helper's
``nonlocal`` names (:mod:`.nonlocal_cells`: values threaded through its calls), ``**`` of a dict
written in a call (:mod:`.keyword_displays`: the keywords it passes), a dict built inside an
expression (:mod:`.dict_hoist`: bound to a local first), a parameter rebound to a dict
(:mod:`.dict_rebound`: renamed from there on) or to one when it is ``None`` (:mod:`.none_defaults`:
the rest written for each), a dict comprehension (:mod:`.dict_comprehensions`: the display or the
loop it computes), a loop writing a dict at keys its target gives (:mod:`.keyed_loops`: unrolled
where its items are known now), a probe of a module (:mod:`.module_probes`: ``getattr(np,
"trapezoid", None) or np.trapz``), a list of lambdas with their own defaults (:mod:`.lambda_lists`:
``[lambda x, k=k: k * x for k in range(3)]``) or of different lambdas called item by item
(:mod:`.closure_lists`), a method of ``np.ndarray`` called through the class
(:mod:`.unbound_methods`), a ufunc or reduction given ``out=`` (:mod:`.out_arguments`: a write into
an existing array), ``tangentish.hvp(g)(x, v)`` (:mod:`.nested_products`: a ``jvp`` of a ``grad``),
``itertools.pairwise``, ``combinations``, ``starmap`` and ``product`` (:mod:`.iterator_forms`:
``zip``, comprehensions and nested loops), an item of a row of a list of lists written
(:mod:`.nested_items`: the row copied, changed and put back), a list's slice with a step assigned
(:mod:`.extended_slices`: item by item), ``np.divide.at`` and ``np.power.at`` (:mod:`.folded_at`: a
loop over the values each element gets), ``math.hypot`` of three coordinates or more
(:mod:`.coordinate_norms`: ``math.dist`` from the origin) and a ``try`` statement
(:mod:`.try_statements`: the branch that runs, asked first).  Each is imported only where the text
may hold its form.

    >>> import numpy as np
    >>> from tangentish.syntax.parse import parse_function
    >>> from tangentish.syntax.printer import function_text
    >>> def f(x):
    ...     total = getattr(np, "no_such_function", None) or np.cumsum
    ...     return np.ndarray.sum(total(x) * x)
    >>> info = parse_function(f)
    >>> rewrite_source_forms(info)  # (a probe: a local may hold a function)
    True
    >>> print(function_text(info.node), end="")
    def f(x):
        total = np.cumsum
        return (total(x) * x).sum()
"""

from __future__ import annotations

import itertools
import re
import sys

from ..syntax.form_tests import may_build_dict_by_comprehension, may_return_functions
from ..syntax.naming import BUILT_THEN_CALLED, names_classmethod
from ..syntax.parse import SourceInfo

RECORD_ITEM = r"[\[(,]\s*_*[A-Z]\w*\("  # (an item of a display built by a CapWords call)
SPREAD = r"[(,]\s*\*\*\s*[\w{]"  # (`**` in a call: passes/keyword_displays.py; said by spreads)


def spreads(line: str) -> bool:
    """Whether :data:`SPREAD` matches ``line`` (said with str methods: a first ``grad()``
    compiles no pattern, speed24)."""
    start = line.find("**")
    while start != -1:
        after = line[start + 2:].lstrip()
        if line[:start].rstrip().endswith(("(", ",")) and after and (
                after[0] == "{" or after[0] == "_" or after[0].isalnum()):
            return True
        start = line.find("**", start + 1)
    return False


def _dict_forms(info: SourceInfo, returned: bool) -> bool:
    """``act = get_activation(name)`` of a helper returning ``{...}[name]`` as that read, then
    :func:`_dict_locals_first` (``returned``: a helper's returned functions were put in place,
    returned_functions.py), dict comprehensions and loops writing dicts; whether a display was
    dispatched."""
    picked = False
    if any("=" in line and "(" in line for line in info.lines):
        from .function_getters import inline_function_getters

        picked = inline_function_getters(info)
    dispatched = (picked or returned or any("{" in line or "dict(" in line for line in info.lines)) \
        and _dict_locals_first(info, picked or returned)
    if may_build_dict_by_comprehension(info.lines):
        from .dict_comprehensions import rewrite_dict_comprehensions
        from .value_lists import list_values_read

        list_values_read(info)  # ({k: ... for k, w in cfg.items()} read for its values: a list)
        rewrite_dict_comprehensions(info)
    if any("{" in line or "dict(" in line for line in info.lines) and \
            any("for " in line for line in info.lines):
        from .keyed_loops import unroll_keyed_loops

        unroll_keyed_loops(info)
    return dispatched


def _dict_locals_first(info: SourceInfo, returned: bool = False) -> bool:
    """A parameter rebound to a dict renamed (``params = dict(params)``), a display read at a
    key known when it runs dispatched per key, and dicts built inside expressions bound to
    locals (``rhs({...})``), which the passes below then take; whether a display was dispatched
    (a local may then hold a function the text does not show: ``act = {...}[name]``)."""
    from .dict_hoist import hoist_dict_builds
    from .dict_rebound import rename_rebound_parameters
    from .none_defaults import split_none_defaults

    split_none_defaults(info)
    rename_rebound_parameters(info)
    dispatched = False
    if returned or any("}[" in line for line in info.lines):  # ({"tanh": np.tanh, ...}[name]:
        # one copy per key; or what a helper returns: returned_functions.py)
        from .display_tables import dispatch_display_tables

        dispatched = dispatch_display_tables(info)
    hoist_dict_builds(info)
    if any("for " in line or "{" in line for line in info.lines):  # (terms[name], name from a
        # dict argument's loop, or a parameter: scales[size])
        from .local_tables import dispatch_local_tables

        dispatched = dispatch_local_tables(info) or dispatched  # (`acts[name]`: functions too)
    return dispatched


def _object_forms(info: SourceInfo) -> None:
    """Calls of what a call returns or builds bound to a local first (``make(a)(x)``,
    ``SGD(lr).step(p, g)``), then loops over lists of objects built in the function unrolled
    (``for layer in layers`` of ``layers = [Dense(...), ...]``, and ``layers[0]`` read); first,
    ``numpy.polynomial``'s series objects read as their functions (``Polynomial(c)(x)``)."""
    if "numpy.polynomial" in sys.modules and any("(" in line for line in info.lines):
        from .series_objects import may_hold_series, read_series_objects

        if may_hold_series(info):  # (Polynomial(c)(x): polyval(x, c))
            read_series_objects(info)
    built = False
    if names_classmethod(info.fn):  # (Model.from_params(p))
        from .class_constructors import constructions_of_classmethods

        built = constructions_of_classmethods(info)
    if built or any(")(" in line or ")." in line and line.lower() != line and
                    re.search(BUILT_THEN_CALLED, line) for line in info.lines):
        from .chained_calls import bind_chained_calls

        bind_chained_calls(info)
    if any(line.lower() != line and re.search(RECORD_ITEM, line) for line in info.lines):
        from .record_loops import unroll_record_loops

        unroll_record_loops(info)


def rewrite_source_forms(info: SourceInfo) -> bool:
    """Rewrite ``info``'s function in place; returns whether it probes a module or a dict
    display of functions was dispatched (a local may then hold a function the text does not
    show: ``trap = getattr(np, "trapezoid", None)``, ``act = {"tanh": np.tanh, ...}[name]``)."""
    returned = may_return_functions(info.lines)  # (`for a in acts()`, `g = make(s)`)
    if returned:
        from .returned_functions import replace_returned_functions

        returned = replace_returned_functions(info)
    _object_forms(info)
    if any("yield" in line for line in info.lines):  # (a nested generator taken at once)
        from .nested_generators import list_nested_generators

        list_nested_generators(info)
    if any(("**" in line or "square(" in line or "power(" in line) and
           ("abs(" in line or "norm(" in line or "hypot(" in line or "dist(" in line) for line in info.lines):
        from .squared_magnitudes import squares_of_magnitudes  # (np.abs(z) ** 2: smooth at 0)

        squares_of_magnitudes(info)
    if any("nonlocal" in line for line in info.lines):
        from .nonlocal_cells import thread_nonlocal_cells

        thread_nonlocal_cells(info)
    if any("**" in line and spreads(line) for line in info.lines):  # (`f(**{...})`, `f(x, **CONFIG)`)
        from .keyword_displays import spread_keyword_displays

        spread_keyword_displays(info)
    dispatched = _dict_forms(info, returned)
    probed = any("hasattr(" in line or "getattr(" in line for line in info.lines)
    if probed:
        from .module_defaults import string_default_probes  # (def f(x, name="tanh"): the
        from .module_probes import fold_module_probes  # default, checked)

        string_default_probes(info)
        fold_module_probes(info)
    if any("lambda" in line for line in info.lines):
        from .closure_lists import rewrite_closure_lists
        from .lambda_lists import rewrite_lambda_lists

        rewrite_closure_lists(info)
        rewrite_lambda_lists(info)
    if any("hypot(" in line for line in info.lines):  # (math.hypot(dx, dy, dz): math.dist)
        from .coordinate_norms import rewrite_coordinate_norms
        rewrite_coordinate_norms(info)
    if any("ndarray." in line for line in info.lines):
        from .unbound_methods import call_methods_on_arrays

        call_methods_on_arrays(info)
    _write_forms(info)
    return probed or dispatched or returned


def _write_forms(info: SourceInfo) -> None:
    """The forms of :func:`rewrite_source_forms` after the probes: writes (``out=``, an item of
    a row, a list's slice with a step, ``np.divide.at``), products, iterators, ``try``."""
    from .out_arguments import write_out_arguments  # (also `np.add(a, b, c)`: not by the text)

    write_out_arguments(info)
    if any("hvp(" in line or "hessian(" in line or "jacobian(" in line for line in info.lines):
        from .nested_products import products_as_forward_gradients

        products_as_forward_gradients(info)
    if any("pairwise" in line or "product(" in line or "combinations(" in line or
           "starmap(" in line for line in info.lines) or \
            _holds_iterators(info):  # (also `from itertools import product as prod`)
        from .iterator_forms import iterators_as_loops

        iterators_as_loops(info)
    if any("][" in line for line in info.lines):
        from .nested_items import take_rows_out

        take_rows_out(info)
    if any(":" in line and ("] =" in line or "] +=" in line or "] *=" in line)
           for line in info.lines):  # (xs[::2] = v, xs[1::2] += v: of a list)
        from .extended_slices import write_extended_slices

        write_extended_slices(info)
    if any(".at(" in line for line in info.lines):
        from .folded_at import fold_ufunc_at

        fold_ufunc_at(info)
    if any(line.lstrip().startswith("try:") for line in info.lines):
        from .try_statements import lower_try_statements

        lower_try_statements(info)


def _holds_iterators(info: SourceInfo) -> bool:
    """Whether a global or closure value of ``info``'s function is ``itertools.pairwise``,
    ``product``, ``combinations`` or ``starmap`` (by any name)."""
    wanted = (getattr(itertools, "pairwise", None), itertools.product, itertools.combinations,
              itertools.starmap)
    values = [*info.closure.values(), *info.fn.__globals__.values()]
    return any(value is w for value in values for w in wanted if w is not None)

"""Names that may hold a list or tuple, as the derivative passes see them (``shapes.sequence_names``).

A zero derivative of such a name must be made item by item (``_rt.zeros_like``): ``np.zeros_like``
of a ragged tuple raises ("setting an array element with a sequence", fuzz seed 203 program 394:
a helper returning ``(3.0, np.exp(C))`` on one path, ``jvp`` making ``np.zeros_like`` of it).
The analysis knows displays, copies and items of them, user functions, and the calls the rules
declare with ``tangentish.extend.returns_sequence`` (``np.split``, ``np.linalg.eigh``...).

The property, over every row of the rule table: run the normalized function (traced with
``sys.settrace``, as the checker's statement localiser does) and check that every name a call of
a differentiable function bound to a list or tuple is one the analysis names.  A rule for a new
tuple-returning function that forgets the declaration fails here.  Each kind of sequence-valued
name with a zero derivative on one path is checked in every mode against finite differences in
``test_soundness.py`` (``soundness_zoo.helper_returns_ragged_tuple`` and the rows after it).
"""

from __future__ import annotations

import copy
import operator
import warnings

import numpy as np
import pytest
from rules import TABLE, Row
from test_rules import make_args

import tangentish.rules  # noqa: F401  (registers the rules the analysis asks about)
from tangentish import ir, runtime
from tangentish.checking.statements import _final_locals
from tangentish.passes.dataflow import statements, target
from tangentish.passes.derivative import Derivative
from tangentish.passes.desugar import desugar
from tangentish.passes.generate import generate
from tangentish.passes.normalize import Normalized, normalize
from tangentish.passes.shapes import sequence_names
from tangentish.registry import ADJOINT, REGISTRY
from tangentish.syntax.parse import parse_function

# Bindings the analysis need not know: a join or repeat of lists, an item or slice of a global
# list (refused when active, see passes/sequences.py; a constant otherwise)
_STRUCTURAL = {None, operator.add, operator.mul, operator.getitem}


def _normalized_values(fn, args) -> tuple[Normalized, dict[str, object]]:
    """The normalized ``fn`` and its names' last values, run on ``args``."""
    info = parse_function(fn)
    desugar(info)
    norm = normalize(info)
    primal = Derivative(f"normalized_{fn.__name__}", copy.deepcopy(norm.info.node.args),
                        copy.deepcopy(norm.body), norm.namer, machinery=norm.machinery)
    namespace = {**fn.__globals__, "np": np, "_rt": runtime}
    if fn.__closure__:
        namespace.update(zip(fn.__code__.co_freevars,
                             (cell.cell_contents for cell in fn.__closure__), strict=True))
    exec(compile(generate(primal, ""), "<normalized>", "exec"), namespace)  # noqa: S102
    function = namespace[primal.name]
    with warnings.catch_warnings():  # (np.row_stack's deprecation: the rule table's own)
        warnings.simplefilter("ignore", DeprecationWarning)
        seen = _final_locals(function.__code__, function, *args)
    return norm, seen


def _made_by_a_rule(norm: Normalized) -> dict[str, object]:
    """Each name bound by a call of a function with a derivative rule, and that function."""
    out = {}
    for stmt in statements(norm.body):
        op = ir.note(stmt).op if ir.has_op(stmt) else None
        name = target(stmt)
        if op is None or name is None or op.is_display or op.key in _STRUCTURAL:
            continue
        if REGISTRY.has(ADJOINT, op.key):
            out[name] = op.key
    return out


@pytest.mark.parametrize("row", TABLE, ids=lambda row: row.id)
def test_every_call_returning_a_sequence_is_known(row: Row) -> None:
    norm, values = _normalized_values(row.fn, make_args(row))
    known = sequence_names(norm)
    missed = {name: getattr(key, "__name__", key) for name, key in _made_by_a_rule(norm).items()
              if isinstance(values.get(name), (list, tuple)) and name not in known}
    assert not missed, f"calls returning a list or tuple, not declared: {missed}"


def test_a_ufunc_with_several_outputs_returns_a_sequence() -> None:
    assert REGISTRY.returns_sequence(np.modf) and REGISTRY.returns_sequence(np.divmod)
    assert not REGISTRY.returns_sequence(np.sin) and not REGISTRY.returns_sequence(len)

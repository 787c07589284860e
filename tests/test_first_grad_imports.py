"""A first ``grad()`` imports only the passes its function needs (issue 12: the first ``grad()``
in a fresh process is mostly imports).

The passes that only some functions reach (dicts built locally, loops over objects, helpers and
methods inlined, writes through views, in-place calls, generators, overwritten values restored,
values changed in place guarded, a where's zero branch, a specialized unit seed, a helper's
defaults or displays, ``max`` of a sequence, a loop over a dict or a view, lambdas moved; the
rewrites of forms its text or tree does not hold, syntax/form_tests.py: expressions hoisted,
``zip(*...)``, starred displays, imports, dict comprehensions, writes through views), the
persistent cache's entries, the rule families of functions it does not call (sorting, joins,
quantiles...: see tests/test_rule_families.py), the runtime families (the passes' tables name
their helpers: ``runtime.helper_named``, or hold them once a pass asks: shape_reads.layout_keys;
the derivative's first call imports those it calls), the cache-hit check (compiled at a
derivative's first hit) and the modules an error or a rare form needs are imported where they
run.  A plain function of arrays imports none of them; a function that needs each one still gets
it (the rest of the suite differentiates those)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import types

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish

ON_DEMAND = (
    "tangentish.passes.aliases", "tangentish.passes.container_parts", "tangentish.passes.dict_locals",
    "tangentish.passes.dict_loops", "tangentish.passes.dict_reads", "tangentish.passes.guards",
    "tangentish.passes.in_place_calls", "tangentish.passes.inline",
    "tangentish.passes.inline_helpers", "tangentish.passes.undo", "tangentish.passes.unit_seed",
    "tangentish.passes.unroll", "tangentish.passes.view_facts", "tangentish.passes.zeros",
    "tangentish.passes.invariant_items", "tangentish.passes.step_signs",
    "tangentish.persist.entries", "tangentish.persist.tokens", "tangentish.syntax.generators",
    "tangentish.rules.numpy_composites", "tangentish.rules.numpy_gather",
    "tangentish.rules.numpy_joins", "tangentish.rules.numpy_nan",
    "tangentish.rules.numpy_quantiles", "tangentish.rules.numpy_rearrange",
    "tangentish.rules.numpy_linalg", "tangentish.rules.numpy_products",  # (x @ w: numpy_shapes)
    "tangentish.passes.supports_bound",  # (forward mode's)
    "tangentish.passes.callable_defaults", "tangentish.passes.displays",
    "tangentish.passes.extremes", "tangentish.passes.loop_orders", "tangentish.syntax.lambdas",
    "tangentish.rules.runtime_forms", "tangentish.runtime.machinery", "tangentish.runtime.special",
    "tangentish.runtime.linalg", "tangentish.runtime.containers", "tangentish.runtime.contract",
    "tangentish.runtime.selection", "tangentish.passes.partial_locals",
    "tangentish.passes.zeroed_writes", "tangentish.passes.comprehension_hoist",
    "tangentish.passes.receiver_writes", "tangentish.passes.taped_views",
    "tangentish.passes.unpack_lengths", "tangentish.syntax.hoisted", "tangentish.syntax.keyed",
    "tangentish.syntax.unzip", "tangentish.syntax.star_displays", "tangentish.syntax.imports",
    "tangentish.passes.dict_comprehensions", "tangentish.passes.view_writes",
    "tangentish.passes.view_elements", "tangentish.passes.list_views",
    "tangentish.passes.supports_moved", "tangentish.syntax.hit_check",
    "tangentish.passes.keyword_unpacking", "tangentish.passes.named_attributes",
    "tangentish.passes.chosen_factories", "tangentish.passes.supports_apart",
    "tangentish.runtime.broadcast", "tangentish.runtime.indexing", "tangentish.runtime.items",
    "tangentish.runtime.item_masks",
    # (speed18: what a repeat, a max or min, an update in place, a moved zeroing, an output's
    # zero, a specialization's dtypes, a tangent's quotient, a loop over no range needs)
    "tangentish.passes.common_names", "tangentish.passes.shift", "tangentish.passes.promotion",
    "tangentish.passes.late_zeroing", "tangentish.passes.output_zeros",
    "tangentish.passes.dtypes", "tangentish.passes.read_quotients", "tangentish.passes.object_loops",
    "tangentish.rules.containers", "tangentish.rules.scalar_math",  # (rules/__init__.py: ON_DEMAND)
    # (speed22: vjp's pullback, a with block or a dict handed to a helper; a Python function's
    # library test, which NumPy before 1.25 asks of np.sum, a Python function there)
    "tangentish.pullback", "tangentish.syntax.quiet_blocks",
    *(() if isinstance(np.sum, types.FunctionType) else ("tangentish.libraries",)),
    # (speed23: a local function's defaults, a list added to an array, a list's own mask, a join
    # of appended arrays; the in-place proof of passes/owned.py, with its facts and points-to)
    "tangentish.passes.local_defaults", "tangentish.passes.numeric_values",
    "tangentish.passes.supports_kept", "tangentish.passes.appended_lists",
    "tangentish.passes.owned_proof", "tangentish.passes.owned_facts", "tangentish.passes.points_to",
    "tangentish.passes.call_results", "tangentish.passes.copied_parameters",
    "tangentish.passes.written", "tangentish.passes.supports_joins",  # (a support's cut)
    "tangentish.passes.masked_ufuncs",  # (``out=`` with ``where=``)
)
STRAIGHT_ON_DEMAND = ("tangentish.passes.flow", "tangentish.passes.function_bindings",
                      "tangentish.passes.list_methods", "tangentish.passes.carried",
                      "tangentish.passes.shape_reads")
"""What a function with no branch, loop or method call does not import (speed23: the lowering of
branches and loops, ``xs.pop()``, a loop's tape and carried values), besides :data:`ON_DEMAND`."""

_FRESH = textwrap.dedent("""
    import sys, json
    import numpy as np
    import re
    try:
        from re import _compiler
    except ImportError:  # (before 3.11)
        import sre_compile as _compiler
    compiled, real = [], _compiler.compile

    def compile(pattern, flags=0):  # (a pattern re compiles, with a tangentish frame above)
        frame = sys._getframe(1)
        while frame is not None and "tangentish" not in frame.f_code.co_filename:
            frame = frame.f_back
        if frame is not None:
            compiled.append(str(pattern))
        return real(pattern, flags)

    _compiler.compile = compile
    import tangentish

    def straight(x, y):  # (no branch, no loop, no method call)
        a = x * y + 1.0
        return np.sum(np.tanh(a) * np.exp(-0.5 * x))

    tangentish.grad(straight, wrt=(0, 1))
    print(json.dumps(sorted(m for m in sys.modules if m.startswith("tangentish"))))

    def loss(w, x):
        h = np.tanh(x @ w)
        total = 0.0
        for i in range(3):
            total = total + np.sum(h * h) * i
        kept = total  # (a copy of a local, never called: no function alias)
        return kept / np.sum(w ** 2)

    tangentish.grad(loss, wrt=0)
    print(json.dumps(compiled))
    print(json.dumps(sorted(m for m in sys.modules if m.startswith("tangentish"))))
""")


def test_a_plain_first_grad_imports_no_pass_it_does_not_run(tmp_path):
    env = {"PYTHONPATH": ":".join(p for p in sys.path if p), "TANGENTISH_SOURCE_DIR": ""}
    script = tmp_path / "first.py"  # (a file: grad() reads the function's source)
    script.write_text(_FRESH)
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            cwd=tmp_path, env=env, check=True)
    straight, patterns, modules = result.stdout.splitlines()[-3:]
    imported = set(json.loads(modules))
    assert "tangentish.pipeline" in imported
    assert sorted(imported.intersection(ON_DEMAND)) == []
    assert sorted(set(json.loads(straight)).intersection(STRAIGHT_ON_DEMAND + ON_DEMAND)) == []
    # nor compiles a regular expression (test_pattern_free.py: the line tests said without)
    assert json.loads(patterns) == []


def _dict_local(x):
    parts = {"a": x * 2.0, "b": np.sin(x)}
    return np.sum(parts["a"] * parts["b"])


def _generator(x):
    return np.sum(sum(v * v for v in [x, 2.0 * x]))


def _overwritten(x):
    y = np.array(x)
    y[0] = y[0] * y[1]
    return np.sum(y * x)


def _helper(v):
    return np.cos(v) * v


def _calls_helper(x):
    return np.sum(_helper(x) + _helper(2.0 * x))


def _quiet(x):
    with np.errstate(divide="ignore"):
        y = np.log(x * x + 1.0)
    return np.sum(y)


def _local_default(x):  # (speed23's: a local function's default, branches, a list's pop)
    def scaled(v, k=2.0):
        return v * k if k > 1.0 else v
    parts = [scaled(x), np.sin(x)]
    return np.sum(parts.pop() * parts[0])


def _indexed_loop(x):  # (an item's adjoint added in place: owned_proof.py)
    rows = []
    for i in range(2):
        rows.append(x[i] * x)
    return np.sum(np.stack(rows) ** 2)


@pytest.mark.parametrize("fn", [_dict_local, _generator, _overwritten, _calls_helper, _quiet,
                                _local_default, _indexed_loop], ids=lambda fn: fn.__name__)
def test_the_passes_imported_on_demand_still_run(fn):
    x = np.random.default_rng(2800).normal(size=3)
    got = tangentish.grad(fn)(x)
    np.testing.assert_allclose(got, numeric_grad(fn, (x,)), rtol=1e-6, atol=1e-7)


def test_helper_named_tells_a_helper_by_its_name_and_object():
    from tangentish import runtime

    def power(x, y):  # (a function of the user's with a helper's name)
        return x ** y

    assert runtime.helper_named(runtime.power, frozenset({"power"}))
    assert not runtime.helper_named(power, frozenset({"power"}))
    assert not runtime.helper_named(runtime.power, frozenset({"joined"}))
    assert not runtime.helper_named(object(), frozenset({"power"}))
    assert not runtime.helper_named(np.add, frozenset({"add"}))


def test_may_bind_function_takes_aliases_that_are_called():
    from tangentish.syntax.naming import may_bind_function

    assert not may_bind_function(["    kept = total", "    return kept * 2.0"])
    assert not may_bind_function(["    y = a if c else b", "    return np.sum(y * 2.0)"])
    assert may_bind_function(["    act = np.tanh", "    return act (x)"])
    assert may_bind_function(["    f = np.sin if c else np.cos", "    return np.sum(f(\n x))"])
    assert may_bind_function(["    g = functools.partial(np.clip, x)", "    return g(0.0)"])
    assert may_bind_function(["    out[0] = a if c else b"])  # (not a name: kept, as before)


def test_rule_modules_numpy_may_load_read_no_runtime_helper_as_they_load():
    # NumPy 1 imports numpy.fft and numpy.polynomial with numpy itself, so the rule modules those
    # trigger load on a plain first grad(); a `runtime.<helper>` read at their top level (say in a
    # `@rule(runtime.helper)`) would import that helper's runtime family with them
    import ast
    from pathlib import Path

    rules = Path(tangentish.__file__).parent / "rules"
    triggered = []
    for call in ast.walk(ast.parse((rules / "__init__.py").read_text())):
        if (isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "add_provider"
                and call.args[0].value.startswith("numpy")):
            triggered.append(call.args[1].values[-1].value.lstrip("."))
    assert sorted(triggered) == ["numpy_fft", "numpy_series"]
    for name in triggered:
        tree = ast.parse((rules / f"{name}.py").read_text())
        top = [n for n in tree.body if not isinstance(n, ast.ClassDef)]
        top += [deco for n in tree.body if isinstance(n, ast.ClassDef) for deco in n.decorator_list]
        reads = [ast.unparse(n) for node in top for n in ast.walk(node)
                 if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
                 and n.value.id == "runtime"]
        assert reads == [], name

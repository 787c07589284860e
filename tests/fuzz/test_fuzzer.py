"""Tests of the fuzzer itself (not of tangentish): the generator is deterministic, writes valid
programs of the shapes it claims and honours ``--without``; the finite-difference reference is
accurate, sensitive, and rejects branch boundaries, kinks and bad domains; the checker classifies
planted bugs (a stand-in API, ``fake_api.FakeAPI``); shrinking and saved regressions work."""

from __future__ import annotations

import ast
import math
import os
import random
import subprocess
import sys
import textwrap
import time
import types
import warnings
import zlib
from pathlib import Path

import numpy as np
import pytest

from fuzz import grammar, oracle, regress
from fuzz.checks import Outcome, prepare
from fuzz.fake_api import FakeAPI
from fuzz.features import NAMES
from fuzz.gen_program import generate
from fuzz.modes import run_check, time_limit
from fuzz.plan import MODES, Plan, draw_plan
from fuzz.program import ZERO_CHANCE, Param, Program, draw_inputs, load, unload
from fuzz.report import Summary, disagreements
from fuzz.runner import ProgramResult, check_program, find_case
from fuzz.shrink import shrink

TESTS = Path(__file__).resolve().parent.parent
# (features added after the programs some tests pick by seed and index)
NEWER = ("orders", "solvers", "idioms", "dead_iterations", "idioms2", "complex")


def _texts(seed: int, count: int) -> list[int]:
    return [zlib.crc32(generate(seed, k).text.encode()) for k in range(count)]


def test_program_k_of_seed_s_is_the_same_text_in_every_process():
    code = (f"import sys; sys.path.insert(0, {str(TESTS)!r}); "
            "from fuzz.test_fuzzer import _texts; print(_texts(7, 15))")
    env = dict(os.environ, PYTHONHASHSEED="12345")
    other = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert other.stdout.strip() == str(_texts(7, 15))
    assert len(set(_texts(7, 15))) == 15


def test_expressions_have_the_shapes_they_claim(monkeypatch):
    """Every expression the grammar writes evaluates to the shape it was asked for (the scope's
    variables given values of their declared shapes; calls of the program's functions, and of
    their gradients, skipped)."""
    written = grammar.expr
    wrong: list[tuple] = []

    def checked(ctx, shape, depth):
        e = written(ctx, shape, depth)
        callees = [c.name for c in ctx.helpers] + list(ctx.scope.funcs)
        empty_loop = any(lo > hi for lo, hi in ctx.scope.ints.values())  # its body never runs
        if empty_loop or any(f"{name}(" in e.text or f"({name}," in e.text for name in callees):
            return e
        names = {"np": np, "math": math, "self": types.SimpleNamespace()}
        for v in list(ctx.scope.vars.values()) + ctx.globals:
            value = np.full(v.shape, 0.3) if v.shape else 0.3
            if v.name.startswith("self."):  # (feature 'objects': its attributes)
                setattr(names["self"], v.name[len("self."):], value)
            else:
                names[v.name] = value
        names.update({n: lo for n, (lo, _) in ctx.scope.ints.items()})
        try:
            value = eval(e.text, names)  # noqa: S307  (our own generated expression)
        except Exception as error:  # noqa: BLE001
            wrong.append((shape, type(error).__name__, e.text))
        else:
            if np.shape(value) != shape:
                wrong.append((shape, np.shape(value), e.text))
        return e

    monkeypatch.setattr(grammar, "expr", checked)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for k in range(300):
            generate(3, k)
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("feature", NAMES)
def test_without_switches_a_feature_off(feature):
    for k in range(12):
        program = generate(5, k, without=(feature,))
        assert feature not in program.features, (k, program.text)
        _assert_absent(feature, program)


def _assert_absent(feature: str, program: Program) -> None:
    tree = ast.parse(program.text)
    nodes = list(ast.walk(tree))
    kinds = {
        "ternary": ast.IfExp, "break_continue": (ast.Break, ast.Continue), "bool_ops": ast.BoolOp,
    }
    if kinds.get(feature):
        assert not any(isinstance(n, kinds[feature]) for n in nodes), program.text
    defs = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
    if feature == "helpers":
        assert not any(d.startswith("h") for d in defs)
    if feature == "tuple_return":
        assert "pair" not in defs
    if feature == "globals":
        assert not any(isinstance(n, ast.Assign) and
                       n.targets[0].id not in ("MODEL", "LAYERS", "ACTS", "TABLE", "Frame")
                       for n in tree.body)
    if feature == "objects":
        assert not any(isinstance(n, ast.ClassDef) and n.name not in ("Layer", "Rec", "Box", "Tally")
                       for n in tree.body)
    if feature == "layers":
        assert "LAYERS" not in program.text and not any(
            isinstance(n, ast.ListComp) and len(n.generators) > 1 for n in nodes)
    if feature == "math_scalar" and "scalars_py" not in program.features:
        assert "math." not in program.text
    if feature == "int_param":
        assert all(p.kind != "int" for p in program.params)
    entry_text = program.text[program.text.index("def f("):]
    if feature == "records":
        assert "Rec(" not in entry_text and "Frame(" not in entry_text
    if feature == "partials":
        assert "functools.partial" not in program.text
    if feature == "local_imports":
        assert "import" not in entry_text
    if feature == "functional":
        assert not any(isinstance(n, ast.NamedExpr) for n in nodes)
        assert not any(word in entry_text for word in _FUNCTIONAL), program.text
    if feature == "scalars_py":
        assert not any(word in entry_text for word in _SCALARS_PY), program.text
    if feature == "closures":  # (lambdas handed to map, filter, reduce are 'functional')
        handed = {id(a) for n in nodes if isinstance(n, ast.Call) for a in n.args}
        assert not any(isinstance(n, ast.Lambda) and id(n) not in handed for n in nodes)
    for word in _FORMS.get(feature, ()):
        assert word not in program.text, (word, program.text)
    if feature == "closures":
        entry = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "f")
        assert not any(isinstance(n, ast.FunctionDef) for n in ast.walk(entry) if n is not entry)


_FUNCTIONAL = ("functools.reduce", "itertools.", "zip(*", "map(", "filter(", "sorted(", "any(",
               "all(")
_SCALARS_PY = ("math.cbrt" if hasattr(math, "cbrt") else "float(np.cbrt(",  # (3.11 on)
               "math.pow(abs(", "min(max(", "math.sqrt(max(", "math.sqrt(abs(",
               "0.0) ** 0.5")


def test_functional_and_scalars_py_write_each_of_their_idioms():
    """The late features write every idiom they list (feature table), each form somewhere."""
    texts = ""
    for k in range(250):
        program = generate(11, k, without=("local_imports",))
        if {"functional", "scalars_py"} & set(program.features):
            texts += program.text[program.text.index("def f("):]
    for word in _FUNCTIONAL + _SCALARS_PY + (":=", "math.log(", "math.exp(", "math.hypot(",
                                             "math.atan2(", "reverse=True", "np.array(list(map("):
        assert word in texts, word


_FORMS = {"dtype_mix": ("np.float32", "np.int64(", "astype(np.float64)"), "einsum": ("np.einsum",),
          "axis_tuples": ("axis=(",), "out_args": ("out=", "np.copyto")}


def test_numpy_forms_write_each_of_their_spellings():
    """dtype_mix, einsum, axis_tuples, out_args and return_kinds (fuzz/gen_forms.py) write every
    spelling they list, each somewhere."""
    texts = ""
    for k in range(200):
        program = generate(12, k, without=NEWER)
        if set(_FORMS) & set(program.features) or "return_kinds" in program.features:
            texts += program.text[program.text.index("def f("):]
    spellings = [w for words in _FORMS.values() for w in words] + [
        "np.ones(", "np.full(", "np.arange(", "np.einsum('i,j->ij'", "np.einsum('i,i'",
        "np.einsum('i,ij,j->'", "axis=(-2, -1)", "keepdims=True)[", "axis=-1", "np.multiply(",
        "where=", "return float(", "return np.float64(", "return np.asarray(", "return np.array(",
        ").item()"]
    for word in spellings:
        assert word in texts, word


_ORDERS = ("np.sort(", "np.argsort(", "np.take_along_axis(", "np.partition(", "np.cumprod(",
           "np.diff(", "prepend=0.0", "append=", "np.bincount(", "np.add.at(")
_SOLVERS = ("np.linalg.solve(", "np.linalg.inv(", "np.linalg.det(", "np.linalg.slogdet(",
            "np.linalg.cholesky(", "np.linalg.eigh(", "np.linalg.eigvalsh(", "np.linalg.pinv(",
            "np.eye(")
_IDIOMS = ("try:", "LinAlgError", "finally:", "match ", "case _:", "iter(",
           "next(", "make_scaled(", "return lambda t:", "Box(", ".total(", "if 'b' in ",
           ".values()", "zip(*rows", "list(zip(*", " if ", "lambda t:")


def test_orders_solvers_and_idioms_write_each_of_their_forms():
    """orders, solvers (fuzz/gen_orders.py) and idioms (fuzz/gen_idioms.py) write every form they
    list, each somewhere."""
    texts = ""
    for seed, k in ((s, k) for s in (13, 14) for k in range(400)):
        program = generate(seed, k, without=("local_imports", "dead_iterations"))
        if {"orders", "solvers", "idioms"} & set(program.features):
            texts += program.text[program.text.index("def f("):]
    for word in _ORDERS + _SOLVERS + _IDIOMS:
        assert word in texts, word


_IDIOMS2 = ("Tally(", ".scaled", "weigh(**", "**kw", "ddof=1", "correction=", "mode='mean'",
            "mode='median'", "mode='maximum'", "mode='minimum'", "stat_length=", "np.any(",
            "np.all(", " or not ")


def _idioms2_texts(count: int) -> str:
    """What ``s_idioms2`` writes in ``count`` scopes holding a scalar, a vector and a matrix."""
    from fuzz import gen_idioms2
    from fuzz.context import Ctx, Expr
    from fuzz.gen_stmt import define

    texts = ""
    for k in range(count):
        ctx = grammar.bind(Ctx(random.Random(k), {"arith", "idioms2"}))
        ctx.shapes = [(), (3,), (2, 3)]
        for name, shape in (("x", ()), ("v", (3,)), ("A", (2, 3))):
            define(ctx, name, Expr(name, shape, 1.0, fresh=False))
        texts += "\n".join(gen_idioms2.s_idioms2(ctx, 2) or []) + "\n"
    return texts


def test_idioms2_writes_each_of_its_forms(monkeypatch):
    """idioms2 (fuzz/gen_idioms2.py) writes every form it lists, each somewhere; scipy.special's
    functions where SciPy is present, and none where it is not (nor its import: gen_program)."""
    from fuzz import gen_idioms2

    texts = _idioms2_texts(200)
    for word in _IDIOMS2 + (("special.",) if gen_idioms2.SPECIAL else ()):
        if word != "correction=" or gen_idioms2._CORRECTION:  # (NumPy 2's; never on NumPy 1.x)
            assert word in texts, word
    assert ("correction=" in texts) is gen_idioms2._CORRECTION
    monkeypatch.setattr(gen_idioms2, "SPECIAL", False)
    assert "special" not in _idioms2_texts(100)


def test_without_while_features_there_is_no_while():
    for k in range(20):
        program = generate(6, k, without=("while_counter", "while_value"))
        assert not any(isinstance(n, ast.While) for n in ast.walk(ast.parse(program.text)))


def test_every_feature_is_written_by_some_program():
    used = set()
    for k in range(150):
        used.update(generate(2, k).features)
    assert used == set(NAMES), set(NAMES) - used


def test_generated_programs_are_valid_and_mostly_accepted(tmp_path):
    accepted = 0
    for k in range(40):
        program = generate(1, k)
        module = load(program, tmp_path, "valid")
        try:
            case, reasons = find_case(program, module, 1, k)
        finally:
            unload(module)
        assert not any(r.startswith("primal raised") or r == "mutates" for r in reasons), (k, reasons)
        accepted += case is not None
    assert accepted >= 36



@pytest.mark.parametrize(("seed", "k"), [(4762, 71), (4762, 151), (7, 295)])
def test_integer_arrays_and_their_copies_are_never_updated_in_place_by_floats(tmp_path, seed, k):
    """An integral array (feature 'integral') taints what reads it: a copy (``np.array(k)``), a
    result (``np.abs(k)``), a name it is handed to, a row of it, a helper's argument; NumPy refuses
    ``y -= y.mean()`` on any of them (these programs once did it: 'primal raised UFuncTypeError');
    generated as they were then, without the late features drawn since."""
    program = generate(seed, k, without=("part_methods", "list_methods") + NEWER)
    assert "integral" in program.features
    module = load(program, tmp_path, "integral")
    try:
        case, reasons = find_case(program, module, seed, k)
    finally:
        unload(module)
    assert not any(r.startswith("primal raised") for r in reasons), reasons
    assert case is not None

# -- the reference ------------------------------------------------------------------------------

def _module(tmp_path: Path, source: str, params: tuple[Param, ...]) -> tuple[Program, object]:
    program = Program(textwrap.dedent(source), params)
    return program, load(program, tmp_path, "ref")


SMOOTH = """
import numpy as np

def f(x, v):
    return np.sin(x) * np.exp(x) + np.sum(np.tanh(v) * x ** 2)
"""
SMOOTH_PARAMS = (Param("x", "float"), Param("v", "array", (3,)))


def _smooth_gradient(x: float, v: np.ndarray) -> tuple[float, np.ndarray]:
    dx = np.cos(x) * np.exp(x) + np.sin(x) * np.exp(x) + 2 * x * np.sum(np.tanh(v))
    return dx, x ** 2 * (1 - np.tanh(v) ** 2)


def test_finite_differences_are_accurate_and_tight(tmp_path):
    program, module = _module(tmp_path, SMOOTH, SMOOTH_PARAMS)
    inputs = [0.7, np.array([0.3, -1.1, 0.5])]
    probe = oracle.primal_probe(module.f, module.__file__)
    exact = _smooth_gradient(*inputs)
    for position in (0, 1):
        estimate = oracle.partials(probe, inputs, position)
        assert estimate.compare(exact[position], "exact") is None
        assert np.all(estimate.tolerance() < 1e-6 * (1 + np.abs(exact[position])))
        assert estimate.compare(np.asarray(exact[position]) * (1 + 1e-6), "off") is not None


def test_a_stencil_across_a_branch_is_rejected_even_inside_one_line(tmp_path):
    source = """
    def f(x):
        return x * x if x > 0.3 else 2.0 * x
    """
    program, module = _module(tmp_path, source, (Param("x", "float"),))
    probe = oracle.primal_probe(module.f, module.__file__)
    with pytest.raises(oracle.Rejected) as rejected:
        oracle.partials(probe, [0.3 + 1e-5], 0)
    assert rejected.value.reason == "branch"
    assert oracle.partials(probe, [0.8], 0).compare(1.6, "d") is None


@pytest.mark.parametrize("x", [1e-9, -2e-4, 3.3e-4, 9e-4])
def test_a_kink_near_the_point_is_rejected(tmp_path, x):
    source = """
    import numpy as np

    def f(x):
        return np.abs(x) + np.maximum(x, 0.0)
    """
    program, module = _module(tmp_path, source, (Param("x", "float"),))
    probe = oracle.primal_probe(module.f, module.__file__)
    with pytest.raises(oracle.Rejected) as rejected:
        oracle.partials(probe, [x], 0)
    assert rejected.value.reason in ("kink", "rough")
    assert oracle.partials(probe, [0.5], 0).compare(2.0, "d") is None


def test_a_bad_domain_is_rejected(tmp_path):
    source = """
    import numpy as np

    def f(x):
        return np.log(x)
    """
    program, module = _module(tmp_path, source, (Param("x", "float"),))
    probe = oracle.primal_probe(module.f, module.__file__)
    with pytest.raises(oracle.Rejected) as rejected:
        probe([-1.0])
    assert rejected.value.reason == "domain"


# -- the checker, against planted bugs ---------------------------------------------------------

@pytest.fixture
def smooth_case(tmp_path):
    program, module = _module(tmp_path, SMOOTH, SMOOTH_PARAMS)
    return prepare(program, module, [0.7, np.array([0.3, -1.1, 0.5])])


def _plan(mode: str, wrt=(("v", "name"),), many=False, second=None) -> Plan:
    return Plan(mode, wrt, many, (0, 1), second)


EXACT = FakeAPI(exact=_smooth_gradient)


@pytest.mark.parametrize("mode", MODES)
def test_a_correct_api_is_ok_in_every_mode(smooth_case, mode):
    plan = _plan(mode, (("x", "negative" if mode == "gradgrad" else "name"),), second=("v", "name")) \
        if mode in ("gradgrad", "nested") else _plan(mode)
    assert run_check(smooth_case, plan, EXACT) == Outcome(mode, "ok")


@pytest.mark.parametrize(("inner", "outer", "seed"), [
    (i, o, s) for i in ("x", "v") for o in ("x", "v") for s in range(6)])
def test_every_nested_composition_is_ok_for_a_correct_api(smooth_case, inner, outer, seed):
    """jvp, value_and_grad, vjp and jacobian of a gradient (fuzz/modes_nested.py), each drawn by
    a seed."""
    plan = Plan("nested", ((inner, "name"),), False, (seed, 7), second=(outer, "index"))
    assert run_check(smooth_case, plan, EXACT) == Outcome("nested", "ok")


def test_a_wrong_second_order_is_found_in_nested_compositions(smooth_case):
    """A jvp/vjp/jacobian of a gradient off by one part in ten thousand is wrong, whichever is
    drawn."""
    class Skewed(FakeAPI):
        def jvp(self, fn, wrt=0):
            inner = super().jvp(fn, wrt)
            return lambda *a, **t: (lambda v, d: (v, d * (1 + 1e-4)))(*inner(*a, **t))

        def vjp(self, fn, wrt=0):
            inner = super().vjp(fn, wrt)
            return lambda *a: (lambda v, p: (v, lambda u: p(u) * (1 + 1e-4)))(*inner(*a))

        def value_and_grad(self, fn, wrt=0):
            inner = super().value_and_grad(fn, wrt)
            return lambda *a: (lambda v, g: (v, g * (1 + 1e-4)))(*inner(*a))

        def jacobian(self, fn, wrt=0, mode="rev", progress=True):
            inner = super().jacobian(fn, wrt, mode, progress)
            return lambda *a: inner(*a) * (1 + 1e-4)

    verdicts = {run_check(smooth_case, Plan("nested", (("x", "name"),), False, (s, 7),
                                            second=("x", "index")), Skewed(exact=_smooth_gradient)).verdict
                for s in range(8)}
    assert verdicts == {"wrong"}


@pytest.mark.parametrize(("bug", "mode", "verdict", "says"), [
    ("scale", "grad", "wrong", "finite differences"),
    ("scale", "jvp", "wrong", "jvp tangent"),
    ("float32", "grad", "wrong", "dtype float32"),
    ("mutate", "grad", "wrong", "changed in place"),
    ("value", "value_and_grad", "wrong", "f returns"),
    ("value_kind", "value_and_grad", "wrong", "a float where f returns a float64"),
    ("float64", "float32", "wrong", "dtype float64, expected float32"),
    ("value_kind", "float32", "wrong", "a float of dtype None where f returns a float32"),
    ("stale_pullback", "vjp", "wrong", "second pullback"),
    ("crash", "vjp", "crash", "ValueError: planted crash"),
    ("refuse", "grad", "refused", "planted refusal"),
    ("internal", "grad", "crash", "InternalError: planted gradient of shape"),
    ("scale", "hvp", "invalid", "first-order gradient not verified"),
])
def test_planted_bugs_are_classified(smooth_case, bug, mode, verdict, says):
    api = FakeAPI(bug, exact=_smooth_gradient)
    outcome = run_check(smooth_case, _plan(mode, (("x", "index"), ("v", "negative")), many=True)
                        if mode in ("grad", "jvp", "vjp", "value_and_grad", "float32") else _plan(mode),
                        api)
    assert outcome.verdict == verdict, outcome
    assert says in outcome.detail


def test_a_hang_is_a_crash(smooth_case):
    outcome = run_check(smooth_case, _plan("grad"), FakeAPI("hang"), limit=0.2)
    assert outcome.verdict == "crash" and outcome.detail.startswith("timeout")


def test_waiting_is_no_hang():
    """The limit counts CPU time: a check waiting for a core (a loaded machine) is no hang."""
    with time_limit(0.05):
        time.sleep(0.2)


def test_a_tuple_wrt_needs_a_tuple(smooth_case):
    assert run_check(smooth_case, _plan("grad", (("v", "index"),), many=True), EXACT).verdict == "ok"

    class Untupled(FakeAPI):
        def grad(self, fn, wrt=0):
            inner = super().grad(fn, wrt)
            return lambda *args: inner(*args)[0] if isinstance(wrt, tuple) else inner(*args)

    plan = _plan("grad", (("v", "index"),), many=True)
    outcome = run_check(smooth_case, plan, Untupled(exact=_smooth_gradient))
    assert outcome.verdict == "wrong" and "expected a tuple of 1" in outcome.detail


def test_plans_render_wrt_in_every_form():
    program = Program("", (Param("x", "float"), Param("n", "int", value=2), Param("v", "array", (3,))))
    plan = Plan("grad", (("v", "negative"), ("x", "index"), ("v", "name")), True, (0,))
    assert plan.render(program) == (-1, 0, "v")
    assert draw_plan(Program("", (Param("n", "int", value=1),)), "grad", (0,)) is None
    assert draw_plan(program, "gradgrad", (1,)).wrt[0][0] == "x"


# -- whole programs, shrinking, regressions, the summary ---------------------------------------

def _failing(api: FakeAPI, text: str, folder: Path):
    """The first generated program containing ``text`` whose grad check fails under ``api``."""
    for k in range(200):
        # (loop_last adds statements to keep; without unused_domain, the programs are as before)
        program = generate(11, k, without=("loop_last", "unused_domain") + NEWER)
        if text not in program.text or program.text.count("\n") < 15:
            continue
        module = load(program, folder, "big")
        try:
            result = check_program(program, module, ["grad"], api, 11, k)
        finally:
            unload(module)
        if result.outcomes[0].verdict == "wrong":
            return program, result
    raise AssertionError(f"no program with {text} fails")


def test_shrinking_keeps_the_failure_and_removes_the_rest(tmp_path):
    api = FakeAPI("scale", when="np.sin(")
    program, result = _failing(api, "np.sin(", tmp_path)
    outcome, plan = result.outcomes[0], result.plans[0]
    small = shrink(program, result.inputs, plan, outcome, api, budget=120)
    entry = next(n for n in ast.parse(small.program.text).body
                 if isinstance(n, ast.FunctionDef) and n.name == "f")
    assert "np.sin(" in small.program.text and small.outcome.verdict == "wrong"
    assert len(entry.body) <= 2 and len(small.program.text) < len(program.text) / 2, small.program.text

    path = regress.save(small.program, small.inputs, plan, small.outcome, "test", folder=tmp_path)
    ast.parse(path.read_text())
    assert regress.check(path, api).verdict == "wrong"
    assert regress.check(path, FakeAPI()).verdict == "ok"


def test_summary_counts_by_mode_and_feature(tmp_path):
    program = generate(4, 0)
    module = load(program, tmp_path, "sum")
    try:
        result = check_program(program, module, ["grad", "jvp"], FakeAPI("crash"), 4, 0)
    finally:
        unload(module)
    summary = Summary()
    summary.add(result)
    text = summary.render()
    assert summary.failures == sum(o.verdict == "crash" for o in result.outcomes) > 0
    assert "ValueError: planted crash" in text
    assert all(f in text for f in program.features)


def test_a_deadline_passed_inside_a_program_stops_its_next_modes(tmp_path):
    """The time budget of ``test_fuzz_budget`` holds within a program (one program checks up to
    nine modes, and a program's first transforms can take seconds): past the deadline only the
    first mode runs; without one, every mode runs."""
    program = generate(4, 0)
    module = load(program, tmp_path, "late")
    try:
        late = check_program(program, module, ["grad", "jvp", "vjp"], FakeAPI(), 4, 0,
                             deadline=time.monotonic() - 1.0)
        timely = check_program(program, module, ["grad", "jvp", "vjp"], FakeAPI(), 4, 0,
                               deadline=time.monotonic() + 3600.0)
    finally:
        unload(module)
    assert [o.mode for o in late.outcomes] == ["grad"] and len(late.plans) == 1
    assert [o.mode for o in timely.outcomes] == ["grad", "jvp", "vjp"]


def test_sibling_modes_refusing_unalike_are_reported():
    """grad refusing what value_and_grad accepts with the same wrt (named in another form) is a
    disagreement; a refusal beside a sibling with another wrt, or refused alike, is not."""
    program = generate(4, 0)

    def plan(mode, *wrt):
        return Plan(mode, tuple((name, form) for name, form in wrt), False, (0,))

    plans = [plan("grad", ("x", "index")), plan("value_and_grad", ("x", "name")),
             plan("vjp", ("v", "name")), plan("hvp", ("x", "name")), plan("hessian", ("x", "index"))]
    outcomes = [Outcome("grad", "refused", "no rule for 'f' at 3"), Outcome("value_and_grad", "ok"),
                Outcome("vjp", "refused", "other"), Outcome("hvp", "refused", "r"),
                Outcome("hessian", "refused", "r")]
    result = ProgramResult(program, outcomes, plans)
    assert disagreements(result) == ["grad refused: no rule for '<name>' at # (value_and_grad accepted)"]
    summary = Summary()
    summary.add(result)
    assert "sibling modes disagreeing: 1" in summary.render()


def test_inputs_are_float64_and_seeded():
    program = Program("", (Param("x", "float"), Param("A", "array", (2, 3)), Param("n", "int", value=3)))
    first = draw_inputs(program, np.random.default_rng([1, 2]))
    again = draw_inputs(program, np.random.default_rng([1, 2]))
    assert isinstance(first[0], float) and first[1].dtype == np.float64 and first[2] == 3
    assert first[0] == again[0] and np.array_equal(first[1], again[1])


def test_inputs_sometimes_hold_an_exact_zero():
    """The special point where a derivative in a singular form goes wrong (x ** np.arange(n) at 0
    gave NaN: seed 7 program 331 finds it on that rule), about as often as ZERO_CHANCE says."""
    program = Program("", (Param("x", "float"), Param("A", "array", (4,))))
    draws = [draw_inputs(program, np.random.default_rng([5, k])) for k in range(400)]
    floats = sum(d[0] == 0.0 for d in draws) / len(draws)
    firsts = sum(d[1][0] == 0.0 for d in draws) / len(draws)
    assert abs(floats - ZERO_CHANCE) < 0.08 and ZERO_CHANCE * 0.4 < firsts < ZERO_CHANCE * 0.9
    assert all(np.count_nonzero(d[1] == 0.0) <= 1 for d in draws)


def test_the_path_tracer_sees_the_first_call_of_a_new_function(tmp_path):
    """A program's first run is the base point of every stencil: its path must be recorded (on
    Python 3.13 a tracer returned from the call event alone saw nothing on a code's first call)."""
    program, module = _module(tmp_path, SMOOTH, SMOOTH_PARAMS)
    tracer = oracle.PathTracer(module.__file__)
    first = tracer.run(module.f, [0.7, np.array([0.3, -1.1, 0.5])])[1]
    second = tracer.run(module.f, [0.7, np.array([0.3, -1.1, 0.5])])[1]
    assert first and first == second


def test_a_fast_oscillation_the_stencil_skips_is_never_taken_as_the_slope(tmp_path):
    """``sin(t)``, ``t = 24000 x``, turns several times within one step, beside a smooth ``t**2``
    much larger: every difference of the stencil misses the turns alike, so they agree with each
    other (a fuzz run once reported a right gradient wrong this way); the slope over a step 1024
    times smaller does not."""
    source = """
    import numpy as np

    def f(x):
        t = 24000.0 * x
        return np.sin(t) + t * t
    """
    program, module = _module(tmp_path, source, (Param("x", "float"),))
    probe = oracle.primal_probe(module.f, module.__file__)
    for x in (0.3, 0.71, -1.2):
        exact = 24000.0 * (np.cos(24000.0 * x) + 2 * 24000.0 * x)
        with pytest.raises(oracle.Rejected):
            oracle.partials(probe, [x], 0).compare(exact, "exact")


def test_rounding_by_cancellation_widens_the_tolerance(tmp_path):
    """A hand-written derivative of a saturated ``tanh`` (what an ``hvp`` check differentiates):
    ``1 - tanh(q)**2`` is off by ``eps``, not by ``eps`` times its tiny value.  The rounding the
    evaluations show must be allowed for, never taken as a wrong derivative (the old bound, from
    ``|f|`` alone, accused the exact answer at 113 of these 801 points)."""
    source = """
    import numpy as np

    def f(y):
        q = 3.0 * y * y + 2.0 * y + 10.0
        return (1.0 - np.tanh(q) ** 2) * (6.0 * y + 2.0)
    """
    program, module = _module(tmp_path, source, (Param("y", "float"),))
    probe = oracle.primal_probe(module.f, module.__file__)
    checked = 0
    for y in np.linspace(-1.0, 1.0, 801):
        q = 3.0 * y * y + 2.0 * y + 10.0
        t = np.tanh(q)
        exact = (1 - t * t) * (6.0 - 2.0 * t * (6.0 * y + 2.0) ** 2)
        try:
            estimate = oracle.partials(probe, [float(y)], 0)
        except oracle.Rejected:
            continue
        checked += 1
        assert estimate.compare(exact, "exact") is None, y
    assert checked > 400


def test_a_first_order_mismatch_is_judged_again_at_a_finer_step():
    """Where the default step averages over an oscillation, the finite differences agree with
    each other and not with the derivative; a finer step decides: it agrees (right), disagrees
    (wrong), or does not converge (the point cannot be judged)."""
    from fuzz import checks

    coarse = oracle.Estimate(np.array(4.7e-9), np.array(4e-6))
    checks.expect_close(coarse, 4.2815, "d", lambda: oracle.Estimate(np.array(4.2815),
                                                                       np.array(1e-6)))
    with pytest.raises(checks.Wrong):
        checks.expect_close(coarse, 4.2815, "d", lambda: oracle.Estimate(np.array(1.0),
                                                                           np.array(1e-6)))

    def rough() -> oracle.Estimate:
        raise oracle.Rejected("rough", "finite differences do not converge at this step")

    with pytest.raises(checks.Invalid, match="rough"):
        checks.expect_close(coarse, 4.2815, "d", rough)
    with pytest.raises(checks.Wrong):  # no finer reference: the mismatch stands
        checks.expect_close(coarse, 4.2815, "d")


def test_a_term_rounded_away_by_a_huge_value_rejects_the_point(tmp_path):
    """``t + sin(t)`` at ``t`` near 1e19 is ``t`` in floating point, so finite differences see
    slope 1 where the exact derivative is ``1 + cos(t)`` (fuzz seed 4808 program 368 reported a
    right gradient wrong, 2.74e14 against 1.40e14): a program whose locals go beyond 2**50 is not
    a reference; at ordinary sizes the same program is."""
    source = """
    import numpy as np

    def f(x):
        t = x ** 40
        return np.cbrt((np.sin(t) + t) ** 2)
    """
    program, module = _module(tmp_path, source, (Param("x", "float"),))
    probe = oracle.primal_probe(module.f, module.__file__)
    with pytest.raises(oracle.Rejected) as rejected:
        oracle.partials(probe, [3.0], 0)
    assert rejected.value.reason == "absorbed"
    t = 0.9 ** 40
    exact = 2.0 / 3.0 * (np.sin(t) + t) ** (-1.0 / 3.0) * (np.cos(t) + 1.0) * 40 * 0.9 ** 39
    assert oracle.partials(probe, [0.9], 0).compare(exact, "d") is None


def test_call_palette_spellings_name_only_their_operands():
    """Each spelling of ``calls.py``'s palette names only the operands its kind is formatted with
    (a one-operand spelling naming ``{b}`` stopped ``calls.py --seed 187 --wide`` with a
    KeyError)."""
    from fuzz import calls_palette as palette
    for pool, names in ((palette.UNARY + palette.WIDE_NUMPY + palette.WIDE_SCIPY, "a"),
                        (palette.BINARY, "ab"), (palette.STATEMENTS, "ta")):
        for spelling in pool:
            spelling.format(**dict.fromkeys(names, "v"))


def test_calls_counts_a_nan_in_every_mode_apart():
    """``calls.py``: a NaN derivative in grad, jvp and hvp alike is ``nan-every-mode`` (a zero the
    program computes meeting a singular partial, call-led seed 247 program 24); a NaN in one mode
    where another gives a number stays ``wrong`` (seed 223 program 26)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        from fuzz import calls
    finally:
        sys.path.pop(0)

    class Fake:  # (tangentish's transforms, returning NaN in the modes named)
        TangentishError = InternalError = type("Never", (Exception,), {})

        def __init__(self, nan):
            self.nan = nan

        def _out(self, mode, value):
            return np.full_like(value, np.nan) if mode in self.nan else value

        def grad(self, f, wrt):  # (a tuple of gradients for a tuple wrt)
            if isinstance(wrt, tuple):
                return lambda *x: tuple(self._out("grad", 2.0 * x[i]) for i in wrt)
            return lambda *x: self._out("grad", 2.0 * x[wrt])

        def jvp(self, f, x, v):
            return f(*x), self._out("jvp", np.asarray(2.0 * np.sum(x[0] * v[0])))

        def hvp(self, f):
            return lambda x, v: self._out("hvp", 2.0 * v)

    def square(x):
        return float(np.sum(x * x))

    x = [np.array([0.3, -0.2])]
    assert {kind for _, kind, _ in calls.check(square, x, Fake({"grad", "jvp", "hvp"}))} == \
        {"nan-every-mode"}
    assert calls.check(square, x, Fake({"jvp"})) == [("jvp", "wrong", "nonfinite")]
    assert calls.check(square, x, Fake(set())) == []

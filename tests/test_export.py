"""``tangentish.export``: standalone modules built from the derivative's records.

Every zoo function is exported in every mode, imported from a fresh directory and compared with
tangentish's own derivative (the same generated code: equal to rounding) and with error-estimated
finite differences (``check_grads`` given the exported function).  Then the cases a regex over
``.source`` got wrong: machinery under other aliases, helpers from two modules with one name,
closure values, defaults read from an enclosing function.
"""

import dis
import importlib
import inspect
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from zoo import SAMPLES, ZOO

import tangentish
from tangentish.export import ExportError, build_export, runtime_source, write_export

MODES = ("grad", "value_and_grad", "jvp", "vjp")


def _load(exported, directory: Path, stem: str):
    """Write the export under ``directory`` and import it (and forget it afterwards)."""
    write_export(exported, directory / f"{stem}.py")
    sys.path.insert(0, str(directory))
    try:
        return importlib.import_module(stem)
    finally:
        sys.path.remove(str(directory))
        for name in (stem, f"{stem}_runtime"):
            sys.modules.pop(name, None)


def _tangents(fn, names, rng, args):
    positions = [list(inspect.signature(fn).parameters).index(n) for n in names]
    return {f"{n}_dot": (rng.standard_normal(np.shape(args[p])) if np.shape(args[p])
                         else float(rng.standard_normal()))
            for n, p in zip(names, positions, strict=True)}


def _assert_same(got, want):
    if isinstance(want, tuple):
        assert isinstance(got, tuple) and len(got) == len(want)
        for g, w in zip(got, want, strict=True):
            _assert_same(g, w)
    else:
        assert np.shape(got) == np.shape(want)
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)


def _exported_as_check_grads_input(module, exported, mode, names):
    """The exported function, called the way check_grads calls a grad=, vjp= or jvp=."""
    main = getattr(module, exported.function)
    if mode == "grad":
        return {"grad": main}
    if mode == "value_and_grad":
        return {"grad": lambda *args: main(*args)[1]}
    if mode == "jvp":
        def jvp(*args):
            *primals, tangents = args
            return main(*primals, **{f"{n}_dot": t for n, t in zip(names, tangents, strict=True)})[1]
        return {"jvp": jvp}
    backward = getattr(module, exported.functions[1])

    def vjp(*args):
        *primals, cotangent = args
        return backward(main(*primals)[1], cotangent)
    return {"vjp": vjp}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fn, wrt", ZOO, ids=[fn.__name__ for fn, _ in ZOO])
def test_every_zoo_export_runs_and_matches(fn, wrt, mode, tmp_path, rng):
    stem = f"exported_{fn.__name__}_{mode}"
    exported = build_export(fn, wrt, mode, stem=stem)
    module = _load(exported, tmp_path, stem)
    args = SAMPLES[fn.__name__](rng)
    names = tangentish.grad(fn, wrt=wrt).wrt
    main = getattr(module, exported.function)
    if mode == "jvp":
        tangents = _tangents(fn, names, rng, args)
        got, want = main(*args, **tangents), tangentish.jvp(fn, wrt=wrt)(*args, **tangents)
    elif mode == "vjp":
        value, residuals = main(*args)
        backward = getattr(module, exported.functions[1])
        got = (value, backward(residuals, 1.0))
        want_value, pullback = tangentish.vjp(fn, wrt=wrt)(*args)
        want = (want_value, pullback(1.0))
    else:
        transform = tangentish.grad if mode == "grad" else tangentish.value_and_grad
        got, want = main(*args), transform(fn, wrt=wrt)(*args)
    _assert_same(got, want)
    supplied = _exported_as_check_grads_input(module, exported, mode, names)
    report = tangentish.check_grads(fn, args, wrt=wrt, seed=1, **supplied)
    assert report.ok, report.summary()


def test_the_record_reads_every_global_the_compiled_code_reads():
    """``Record.reads`` (from the tree) covers what the bytecode loads from globals."""
    for fn, wrt in ZOO:
        for mode in MODES:
            record = getattr(tangentish, mode)(fn, wrt=wrt).record
            for each in [record] + ([record.backward] if record.backward else []) + \
                    record.helpers():
                loaded = {i.argval for i in dis.get_instructions(each.function)
                          if i.opname in ("LOAD_GLOBAL", "LOAD_NAME")}
                assert loaded <= set(each.reads), (fn.__name__, mode, each.name)
                assert not set(each.reads) & set(each.function.__code__.co_freevars)


MODULES = {
    "other_np.py": """
        import numpy
        np = 3.0                      # not NumPy: generated code reaches NumPy as `numpy`
        _rt = 0.5                     # not the runtime either
        math = [2.0]

        def f(x):
            return numpy.sum(numpy.sin(x) * np * _rt) + math[0] * numpy.sum(x)
    """,
    "helper_a.py": """
        import numpy as np

        def helper(a):
            return np.tanh(a)
    """,
    "helper_b.py": """
        import numpy as np

        def helper(a):
            return np.sin(a) * 2.0
    """,
    "two_helpers.py": """
        import numpy as np
        import helper_a
        import helper_b

        def f(x):
            return np.sum(helper_a.helper(x) * helper_b.helper(x))
    """,
    "closures.py": """
        import numpy as np

        def shift(v):
            return v + 1.0

        def make(k):
            def f(x, s=k):
                return np.sum(x * s)
            return f

        def make_literal(k):
            def f(x):
                return np.sum(shift(x) * k)
            return f

        def make_array(k):
            scale = np.arange(3.0) + k
            def f(x):
                return np.sum(x * scale)
            return f
    """,
}


@pytest.fixture
def user_modules(tmp_path):
    for name, text in MODULES.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in MODULES:
        sys.modules.pop(name.removesuffix(".py"), None)


ISOLATED = textwrap.dedent('''
    import json, sys
    site, *paths = sys.argv[1:]
    sys.path += [site, *paths]
    import numpy as np
    import other_export, other_vjp, two_export, closure_export
    x = np.array([0.3, -1.2, 0.7])
    out = [other_export.grad_f_wrt_x(x).tolist(), two_export.grad_f_wrt_x(x).tolist(),
           closure_export.grad_f_wrt_x(x).tolist()]
    value, residuals = other_vjp.vjp_f_wrt_x_forward(x)
    out.append(other_vjp.vjp_f_wrt_x_backward(residuals, 2.0).tolist())
    out.append(sorted(m for m in sys.modules if m.startswith("tangentish")))
    print(json.dumps(out))
''')


def test_machinery_aliases_helpers_and_closures_export_without_tangentish(user_modules, tmp_path):
    import closures
    import other_np
    import two_helpers

    out = tmp_path / "out"
    out.mkdir()
    other = build_export(other_np.f, stem="other_export")
    assert "import numpy\n" in other.text and "import other_export_runtime as _rt_\n" in other.text
    assert "from other_np import _rt, math, np\n" in other.text
    write_export(other, out / "other_export.py")
    write_export(build_export(other_np.f, mode="vjp", stem="other_vjp"), out / "other_vjp.py")
    two = build_export(two_helpers.f, stem="two_export")
    assert two.functions == ["grad_f_wrt_x", "grad_helper_wrt_a", "grad_helper_wrt_a_1"]
    write_export(two, out / "two_export.py")
    closure = build_export(closures.make_literal(2.5), stem="closure_export")
    assert "k = 2.5\n" in closure.text  # (shift(), of the same module, is inlined)
    write_export(closure, out / "closure_export.py")
    site = str(Path(np.__file__).resolve().parent.parent)
    result = subprocess.run([sys.executable, "-I", "-S", "-c", ISOLATED, site, str(out),
                             str(user_modules)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    other_grad, two_grad, closure_grad, other_vjp, loaded = json.loads(result.stdout)
    x = np.array([0.3, -1.2, 0.7])
    np.testing.assert_allclose(other_grad, np.cos(x) * 1.5 + 2.0, rtol=1e-12)
    np.testing.assert_allclose(other_vjp, 2.0 * (np.cos(x) * 1.5 + 2.0), rtol=1e-12)
    t, s = np.tanh(x), 2.0 * np.sin(x)
    np.testing.assert_allclose(two_grad, (1 - t * t) * s + t * 2.0 * np.cos(x), rtol=1e-12)
    np.testing.assert_allclose(closure_grad, np.full(3, 2.5), rtol=1e-12)
    assert loaded == []


def test_what_cannot_be_exported_is_refused_clearly(user_modules):
    import closures

    with pytest.raises(ExportError, match="reads 'k', which its module closures does not define"):
        build_export(closures.make(2.0), stem="e1")
    with pytest.raises(ExportError, match="reads 'scale' .a ndarray. from a closure"):
        build_export(closures.make_array(1.0), stem="e2")
    with pytest.raises(ExportError, match="cannot export mode 'hvp'"):
        build_export(closures.make_literal(1.0), mode="hvp", stem="e3")
    with pytest.raises(ExportError, match="is not a module name"):
        build_export(closures.make_literal(1.0), stem="my-grad")


def test_the_runtime_file_holds_exactly_what_is_called():
    text = runtime_source(["unbroadcast"])
    assert "def unbroadcast(" in text and "def matmul_left(" not in text
    with pytest.raises(ExportError, match="_rt.no_such_helper"):
        runtime_source(["no_such_helper"])

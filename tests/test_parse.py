"""The function object decides what is differentiated: the right lambda of several on a line, the
code it runs (an edited, not reloaded file is an error), wrappers as they behave, and a clear error
for what is not a Python function.  Gradients are compared with closed forms."""

from __future__ import annotations

import ast
import functools
import importlib.util
import textwrap

import numpy as np
import pytest

import tangentish
from tangentish.errors import SourceUnavailableError, UnsupportedConstructError
from tangentish.syntax.parse import one_line, parse_function

sq, cube = (lambda x: x * x), (lambda x: x * x * x)
same_a, same_b = (lambda x: 3.0 * x), (lambda x: 3.0 * x)
powers = [
    lambda x: x * x,
    lambda x: x * x * x,
]
nested = (lambda x: x * x) if True else (lambda x: x * x * x)  # noqa: SIM210 - two lambdas, one line
outer = (lambda k: (lambda x: k * x * x))(5.0)


def test_the_second_lambda_on_a_line_is_the_one_differentiated():
    assert tangentish.grad(cube)(2.0) == 12.0  # 3 x^2, not 2 x
    assert tangentish.grad(sq)(2.0) == 4.0
    assert parse_function(cube).node.body[0].value.col_offset > parse_function(sq).node.body[
        0].value.col_offset


def test_identical_lambdas_on_a_line_and_lambdas_in_a_list():
    assert tangentish.grad(same_a)(1.0) == tangentish.grad(same_b)(1.0) == 3.0
    assert [tangentish.grad(p)(2.0) for p in powers] == [4.0, 12.0]


def test_a_lambda_made_by_a_lambda_on_the_same_line():
    assert tangentish.grad(nested)(3.0) == 6.0
    assert tangentish.grad(outer)(3.0) == 30.0  # d/dx 5 x^2 (the inner lambda, k from its cell)


def _module(tmp_path, name: str, text: str):
    path = tmp_path / f"{name}.py"
    path.write_text(textwrap.dedent(text))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module, path


def test_a_file_edited_but_not_reloaded_is_an_error(tmp_path):
    module, path = _module(tmp_path, "edited_mod", """
        def f(x):
            return x * x
    """)
    path.write_text("def f(x):\n    return x * x * x\n")
    with pytest.raises(SourceUnavailableError, match="does not match the code it runs") as info:
        tangentish.grad(module.f)
    assert "reload" in info.value.hint
    assert module.f(3.0) == 9.0  # it still runs the old code


def test_lines_moved_in_the_file_never_select_another_function(tmp_path):
    module, path = _module(tmp_path, "moved_mod", """
        def f(x):
            return x * x


        def g(x):
            return x * x * x
    """)
    path.write_text("def g(x):\n    return x * x * x\n\n\ndef f(x):\n    return x * x\n")
    with pytest.raises(SourceUnavailableError, match="does not match"):
        tangentish.grad(module.g)


def test_an_edited_file_is_read_as_it_was_while_its_old_text_is_cached(tmp_path):
    module, path = _module(tmp_path, "cached_mod", """
        def f(x):
            return x * x * x
    """)
    assert tangentish.grad(module.f)(2.0) == 12.0  # reads (and caches) the text
    path.write_text("def f(x):\n    return 0.0 * x + x\n")
    assert tangentish.value_and_grad(module.f)(2.0) == (8.0, 12.0)  # the cached text matches
    module2, _ = _module(tmp_path, "cached_mod", path.read_text())
    assert tangentish.grad(module2.f)(2.0) == 1.0  # the new function, from the new text
    with pytest.raises(SourceUnavailableError, match="does not match"):
        tangentish.grad(module.f, optimized=False)  # the old text is gone: an error, not a guess


def double(fn):
    @functools.wraps(fn)
    def wrapper(x):
        return 2.0 * fn(x)
    return wrapper


def double_star(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return 2.0 * fn(*args, **kwargs)
    return wrapper


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        """Pass everything on."""
        return fn(*args, **kwargs)
    return wrapper


@double
def doubled_square(x):
    return x * x


@double_star
def doubled_square_star(x):
    return x * x


@logged
def logged_cube(x):
    return x * x * x


@logged
@double
def logged_doubled(x):
    return x * x


def test_a_wraps_decorator_that_changes_the_result_is_differentiated_as_it_behaves():
    assert doubled_square(3.0) == 18.0
    assert tangentish.grad(doubled_square)(3.0) == 12.0  # d/dx 2 x^2, not 2 x


def test_a_star_args_wrapper_that_changes_the_result_is_refused_clearly():
    with pytest.raises(UnsupportedConstructError, match="does more than pass its arguments on") \
            as info:
        tangentish.grad(doubled_square_star)
    assert "wrapper (" in str(info.value) and "test_parse.py, line" in str(info.value)
    assert "explicit parameters" in info.value.hint


def test_a_pure_pass_through_wrapper_is_the_wrapped_function():
    assert tangentish.grad(logged_cube)(2.0) == 12.0
    assert tangentish.grad(logged_doubled)(3.0) == 12.0  # through both decorators
    assert parse_function(logged_cube).fn is logged_cube.__wrapped__


def test_what_has_no_python_source_is_refused_with_a_hint():
    class Model:
        def __call__(self, x):
            return x * x

    made = np.frompyfunc(abs, 1, 1)  # (no rules: np.sin has some, tests/test_trampolines.py)
    for target, words in ((functools.partial(made, 2.0), "partial of"),
                          (Model, "class"), (made, "Python functions"),
                          (classmethod(cube), "through its class")):
        with pytest.raises(SourceUnavailableError, match=words) as info:
            tangentish.grad(target)
        assert info.value.hint


SCALED_CUBE = functools.partial(lambda s, x: s * x ** 3, 2.0)


@functools.wraps(cube)
def passes_to_a_partial(*args, **kwargs):
    return SCALED_CUBE(*args, **kwargs)


def test_a_partial_behind_a_pass_through_wrapper_says_to_differentiate_it_directly():
    assert tangentish.grad(SCALED_CUBE)(1.0) == 6.0  # directly: adapted (tests/test_callables.py)
    with pytest.raises(SourceUnavailableError, match="reached through a wrapper") as info:
        tangentish.grad(passes_to_a_partial)
    assert "called by the wrapper" in str(info.value) and "directly" in info.value.hint


def test_a_functions_own_derivative_marker_is_not_inherited_by_other_wrappers():
    df = tangentish.grad(cube)

    @functools.wraps(df)
    def scaled(x):
        return 3.0 * df(x)

    assert tangentish.grad(df)(2.0) == 12.0  # d/dx 3x^2: tangentish's own wrapper is transparent
    # `scaled` carries a copy of df's marker; it is differentiated as it behaves: 3 * 6x
    assert tangentish.grad(scaled)(2.0) == 36.0


def test_one_line_escapes_every_line_break_and_control_character():
    hostile = "a\nb\rc\x0bd\x0ce\x1cf\x85g\u2028h\u2029i\u202ej\x00k\tl"
    safe = one_line(hostile)
    assert safe.splitlines() == [safe] and safe.isprintable()
    assert "\\n" in safe and "\\u2028" in safe and "\\u202e" in safe and "k l" in safe
    assert one_line("plain text") == "plain text"


def helper_for_deps(x):
    return x


SCALE = 2.0


def reads_names(x):
    return SCALE * np.sin(x) + helper_for_deps(x) + abs(x) - len([x])


def test_lookups_are_recorded_as_dependencies():
    from tangentish.syntax import resolve

    info = parse_function(reads_names)
    for name in ("SCALE", "np", "helper_for_deps", "abs", "len", "missing_name"):
        resolve.resolve_reference(info, resolve.expression_for(name))
    resolve.resolve_reference(info, resolve.expression_for("np.sin"))
    found = {(d.scope, d.name, d.attrs): d for d in info.dependencies}
    assert found[("global", "SCALE", ())].kind == "type"  # data: read live, only its type counts
    assert found[("global", "helper_for_deps", ())].kind == "same"
    assert found[("global", "np", ("sin",))].expected() is np.sin
    assert found[("global", "abs", ())].kind == "missing"  # looked for in globals first...
    assert found[("builtin", "abs", ())].expected() is abs  # ...then found in builtins
    assert found[("builtin", "missing_name", ())].kind == "missing"
    assert {("function", "__code__", ()), ("function", "__defaults__", ())} <= set(found)
    assert all(d.holds(reads_names) for d in info.dependencies)


def test_provenance_is_one_line_with_file_and_line():
    info = parse_function(reads_names)
    line = reads_names.__code__.co_firstlineno + 1
    assert info.provenance(line) == \
        f"return SCALE * np.sin(x) + helper_for_deps(x) + abs(x) - len([x])  [test_parse.py:{line}]"


def checked_square(x):
    assert x.shape == (2,), "pytest rewrites this assert in test modules"
    return np.sum(x * x)


def test_a_function_with_an_assert_in_a_module_pytest_rewrote():
    np.testing.assert_array_equal(tangentish.grad(checked_square)(np.array([1.0, 2.0])),
                                  [2.0, 4.0])


def test_code_compiled_with_inherited_future_flags(tmp_path):
    import __future__

    path = tmp_path / "futures.py"
    path.write_text("def f(x: Unknown) -> float:\n    def g(y: Unknown):\n        return y * y\n"
                    "    return g(x) * x\n")
    namespace: dict = {}
    exec(compile(path.read_text(), str(path), "exec", flags=__future__.annotations.compiler_flag,
                 dont_inherit=True), namespace)
    assert tangentish.grad(namespace["f"])(2.0) == 12.0


def test_the_fast_converter_gives_gasts_own_tree():
    """``syntax.convert.ast_to_gast`` speeds up gast's converter; on modules of this project (and
    its tests) covering every kind of node they use, the two trees, positions included, are
    identical, but the expression contexts (``Load``...), one shared instance each.  (The
    converter works node kind by node kind, so a file adds nothing once the kinds
    it holds are all checked; comparing every file took 13 s.)"""
    import ast
    from pathlib import Path

    import gast
    from node_kinds import covering

    from tangentish.syntax.convert import ast_to_gast

    root = Path(__file__).resolve().parents[1]
    files = sorted(root.glob("tangentish/**/*.py")) + sorted(root.glob("tests/*.py"))
    assert len(files) > 100
    chosen, seen = covering(tuple(files))
    assert len(seen) > 60 and len(chosen) < len(files) // 4
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in chosen}
    for path in chosen:
        converted = ast_to_gast(trees[path])
        assert gast.dump(converted, include_attributes=True) == \
            gast.dump(gast.ast_to_gast(trees[path]), include_attributes=True), path
        # one instance of each expression context for every tree, as clone() shares them (kept
        # trees: each Name one object, not two, for the collector to walk)
        contexts = {id(n.ctx) for n in gast.walk(converted)
                    if hasattr(n, "ctx") and not isinstance(n.ctx, gast.Param)}  # (gast's: few)
        assert len(contexts) <= 3, path


def test_lambdas_sharing_a_line_in_a_plain_module(tmp_path):
    """In a module imported the ordinary way (not rewritten by pytest, so its code is compiled
    from its text), several lambdas on one line are told apart too; they used to be refused as
    "the file was changed"."""
    module, _ = _module(tmp_path, "plain_lambdas", """\
        import numpy as np
        fs = [lambda x: np.sum(np.sin(x)), lambda x: np.sum(x ** 3)]
        twins = (lambda x: 3.0 * x, lambda x: 3.0 * x)
        pair = dict(a=lambda x: x * x, b=lambda x: x * x * x)
        """)
    x = np.array([0.5, -1.5])
    np.testing.assert_allclose(tangentish.grad(module.fs[0])(x), np.cos(x))
    np.testing.assert_allclose(tangentish.grad(module.fs[1])(x), 3 * x ** 2)
    assert tangentish.grad(module.twins[0])(1.0) == tangentish.grad(module.twins[1])(1.0) == 3.0
    assert tangentish.grad(module.pair["a"])(2.0) == 4.0
    assert tangentish.grad(module.pair["b"])(2.0) == 12.0


def test_nested_lambdas_on_one_line_are_told_apart(tmp_path):
    """A lambda inside another on the same line moves with it when the finder moves one
    candidate: the outer one used to match nothing and be refused as "the file was changed"."""
    from tangentish.syntax.source import read_source

    module, _ = _module(tmp_path, "nested_lambdas", """\
        import numpy as np
        outer = lambda x: (lambda y: y * y)(x) + x
        curried = lambda a: lambda b: a * np.sin(b)
        same = lambda x: (lambda x: 3.0 * x)(x)
        """)
    assert [a.arg for a in read_source(module.outer).node.args.args] == ["x"]
    assert isinstance(read_source(module.outer).node.body, ast.BinOp)
    assert [a.arg for a in read_source(module.curried).node.args.args] == ["a"]
    inner = module.curried(2.0)
    assert [a.arg for a in read_source(inner).node.args.args] == ["b"]
    np.testing.assert_allclose(tangentish.grad(inner)(0.3), 2.0 * np.cos(0.3))
    assert isinstance(read_source(module.same).node.body, ast.Call)
    # (a lambda called where it is made is its body: d/dx (x * x + x) = 2x + 1)
    np.testing.assert_allclose(tangentish.grad(module.outer)(1.5), 4.0)
    np.testing.assert_allclose(tangentish.grad(module.same)(0.7), 3.0)


def test_a_definition_is_found_by_compiling_its_top_level_statement_alone(tmp_path):
    from tangentish.syntax.source import _match_statement, file_lines

    module, _ = _module(tmp_path, "statement_mod", '''
        import numpy as np

        def plain(x):
            return np.sin(x) * x

        def keep(fn):
            return fn

        @keep
        @(
            keep
        )
        def decorated(x):
            return np.cos(x)

        class Holder:
            def method(self, x):
                return np.exp(x)

        def outer(scale):
            def inner(x):
                return scale * np.tanh(x)
            return inner

        def late(x):
            return x + 1.0
    ''')
    cases = [(module.plain, "plain"), (module.decorated, "decorated"),
             (module.Holder.method, "method"), (module.outer(2.0), "inner"),
             (module.late, "late")]
    for fn, name in cases:
        node = _match_statement(fn.__code__, file_lines(fn, False))
        assert node is not None and node.name == name
    assert tangentish.grad(module.plain)(0.5) == pytest.approx(np.cos(0.5) * 0.5 + np.sin(0.5))
    assert tangentish.grad(module.outer(2.0))(0.0) == pytest.approx(2.0)


def test_a_function_whose_statement_does_not_parse_alone_is_found_in_the_whole_file(tmp_path):
    module, _ = _module(tmp_path, "fallback_mod", '''
        import numpy as np

        if True:
            pass
        else:
            pass

        def f(x):
            """A docstring with a line at column 0:
        here
            """
            return np.sin(x)
    ''')
    assert tangentish.grad(module.f)(0.0) == pytest.approx(1.0)


def test_a_rule_lambda_is_found_in_its_statement_or_else_in_the_whole_file():
    from tangentish.rule_source import _lambdas_on

    lines = textwrap.dedent('''
        first = (lambda y, x: x,
                 lambda y, x: -x)
        if False:
            pass
        else:
            second = lambda y, x: 2.0 * x
    ''').splitlines(True)
    assert [node.lineno for node in _lambdas_on(lines, 3)] == [3]  # its statement alone
    assert [node.lineno for node in _lambdas_on(lines, 7)] == [7]  # `else:` does not parse alone


def _template_functions() -> list:
    """Every function a rule file defines, and every method of a class it defines (the templates
    of ``@adjoint``, ``@tangent`` and ``@rule``), the rules loaded on demand included."""
    import pkgutil
    import types

    import tangentish.rules

    found = []
    for info in pkgutil.iter_modules(tangentish.rules.__path__):
        try:
            module = importlib.import_module(f"tangentish.rules.{info.name}")
        except ImportError:  # (scipy.special's rules without SciPy)
            continue
        for value in vars(module).values():
            if getattr(value, "__module__", None) != module.__name__:
                continue
            if isinstance(value, types.FunctionType):
                found.append(value)
            elif isinstance(value, type):
                found += [f for f in vars(value).values() if isinstance(f, types.FunctionType)]
    return found


def test_a_template_source_is_what_inspect_reads():
    """A template's source comes from the top-level statement around it (decorators included),
    not from ``inspect.getsource``, which tokenizes the file: the same text, for every template
    of the rule files, decorated or in a class."""
    import inspect

    from tangentish.rule_source import template_source

    templates = _template_functions()
    assert len(templates) > 200, len(templates)
    for fn in templates:
        assert template_source(fn) == textwrap.dedent(inspect.getsource(fn)), fn.__qualname__


def test_a_decorated_definition_is_one_statement():
    from tangentish.rule_source import _statement_around

    lines = textwrap.dedent('''
        @first(
            np.sin)
        @second
        def template(y, x):
            d[x] = d[y]
        after = 1
    ''').splitlines(True)
    body = _statement_around(lines, 2)
    assert [type(s).__name__ for s in body] == ["FunctionDef"]
    assert (body[0].lineno, body[0].end_lineno) == (5, 6)


def test_the_lambdas_on_a_line_are_those_a_full_walk_finds():
    """``_lambdas_on`` walks only the expressions spanning the line asked about: for every lambda
    of the rule files it finds what a walk of the whole file finds on that line, in its order."""
    import ast
    from pathlib import Path

    import tangentish.rules
    from tangentish.rule_source import _lambdas_on

    count = 0
    for path in sorted(Path(tangentish.rules.__file__).parent.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        everywhere = [n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Lambda)]
        for line in sorted({n.lineno for n in everywhere}):
            expected = [ast.dump(n) for n in everywhere if n.lineno == line]
            found = [ast.dump(n) for n in _lambdas_on(text.splitlines(True), line)]
            assert found == expected, (path.name, line)
            count += 1
    assert count > 200, count

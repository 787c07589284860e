"""The hostile table: odd and careless inputs, each with the error it gets or its documented behaviour.

Every row is ``(id, thunk, expectation)``.  A thunk does one hostile thing (it receives a temporary
directory for rows that need files); the expectation is either :class:`Raises` (the project's error
class, fragments of its message, and that it points at this file where there is a user's line to
point at) or :class:`Returns` (a check of the documented result).  Rows whose behaviour needs the
transformation core are ``xfail(strict=True, reason="core: ...")``: they state what must happen.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import io
import os
import traceback

import numpy as np
import pytest
from helpers import numeric_grad

import tangentish as T
from tangentish import cli
from tangentish.errors import (
    ArgumentError,
    ArgumentValueError,
    SourceUnavailableError,
    TangentishError,
    UnsupportedConstructError,
    UnsupportedValueError,
)
from tangentish.pytest_plugin import _check_options, _mark_problem

pytestmark = pytest.mark.filterwarnings("ignore:the matrix subclass:PendingDeprecationWarning")

HERE = os.path.basename(__file__)
PACKAGE = os.path.dirname(os.path.abspath(T.__file__))
X = np.array([0.5, -1.0, 2.0])


class Raises:
    def __init__(self, cls, *fragments: str, where: bool = True):
        self.cls, self.fragments, self.where = cls, fragments, where


class Returns:
    def __init__(self, check):
        self.check = check


def close(expected, rtol=1e-6, dtype=None):
    """A check: the result matches ``expected`` (and has ``dtype`` when given)."""
    def check(result):
        assert np.shape(result) == np.shape(expected)
        np.testing.assert_allclose(np.asarray(result, dtype=float), expected, rtol=rtol, atol=1e-9)
        if dtype is not None:
            assert np.asarray(result).dtype == dtype
    return check


# -- functions the rows differentiate (module level: tangentish reads their source) -------------

def sq(x):
    return np.sum(x * x)


def two(x, w):
    return np.sum(x * w)


def poly(x):
    return 2 * x ** 2 + 3 * x + 1


def vec(x):
    return x * 2.0


def optional(x, y=None):
    return np.sum(x) * (1.0 if y is None else y)


def annotated(x, n: int):
    return np.sum(x) * n


def flagged(x, clip=False):
    return np.sum(x)


def posonly(x, /, y):
    return np.sum(x * y)


def kwonly(x, *, k=2.0):
    return np.sum(x) * k


def weighted(x, ks):
    return np.sum(x * ks[0] + x * ks[1])


def complex_path(x):  # (np.abs(x * 1j), np.sin(x * 1j) are differentiated: passes/complex_paths.py;
    return np.sum(np.abs(np.sinc(x * 1j)))  # np.sinc not)


def plus_constant(x, c):
    return np.sum(x) + c


def scalar_out(x):
    return np.sum(x)


def has_tangent_param(x, x_dot):
    return x * x_dot


def gen(x):
    yield x


async def coro(x):
    return x


async def agen(x):
    yield x


def body_class(x):
    class Local:
        pass
    return x


def body_try(x):  # (a statement that cannot be asked first: try/finally alone is lifted)
    try:
        y = x * 2.0 + 1.0
    except ValueError:
        y = x
    return y


def body_with(x):
    with contextlib.nullcontext():
        return x * 2.0


def body_global(x):
    global COUNTER
    COUNTER = x
    return x


def body_nonlocal(x):  # (a call as a statement of its own is threaded: test_refusals8)
    y = x

    def inner():
        nonlocal y
        y = y * 2.0
        return y

    return inner() + y


def body_match(x):  # (a capture pattern: literal cases are an if chain, syntax/match_statements.py)
    match 1:
        case k:
            return x * k
    return x


def body_walrus(x):
    if x > 1.0 and (y := x * 2.0) > 0:  # (in a later operand: not lowered, syntax/hoisted.py)
        return y
    return x


def star_args(*xs):
    return xs[0]


def star_kwargs(x, **options):
    return x


def calls_eval(x):
    return eval("x * 2.0")


def calls_exec(x):
    exec("y = 1")
    return x


def calls_locals(x):
    return locals()["x"] * 2.0


def calls_vars(x):
    return vars()["x"] * 2.0


def writes_argument(x):
    x[0] = 1.0
    return np.sum(x)


def mutates_input(x):
    x += 1.0
    return np.sum(x * x)


def writes_view(x):
    y = x[:2]
    y += 1.0
    return np.sum(x * x)


def writes_reshape(x):
    y = x.reshape(-1)
    y[0] = 5.0
    return np.sum(x * x)


def updates_transpose(x):
    y = x.T
    y += 1.0
    return np.sum(x)


def aliases(x):
    y = x
    x += 1.0
    return np.sum(y * x)


def local_x_bar(x):
    x_bar = x * 2.0
    return np.sum(x_bar * x)


def local_out(x):
    out = x * 3.0
    return np.sum(out * x)


def param_out_bar(x, out_bar):
    return np.sum(x * out_bar)


def local_temporaries(x):
    _t1 = x * 2.0
    sin_x = 5.0
    return np.sum(_t1 * np.sin(x) * sin_x)


def local_np(x):
    np = 3.0
    return x * np * x


def local_math(x):
    math = 2.0
    return x * math


def local_rt(x):
    _rt = x * 2.0
    return _rt * x


def local_tape(x):
    _tape = x * 2.0
    s = 0.0
    for _ in range(3):
        s = s + _tape * x
    return s


class CallableObject:
    def __call__(self, x):
        return x * 2.0


REPL = {}
exec(compile("def typed_at_prompt(x):\n    return x * 2.0\n", "<stdin>", "exec"), REPL)
EXEC = {}
exec("def made_by_exec(x):\n    return x * 2.0\n", EXEC)


def module(tmp, name: str, text: str):
    """Import ``text`` as a module from a file (tangentish needs the source on disk)."""
    path = tmp / f"{name}.py"
    path.write_text(text)
    spec = importlib.util.spec_from_file_location(f"hostile_{name}", path)
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


FAKE_NP = "import math as np\n\ndef f(x):\n    return np.sin(x) * x\n"
STAR_NP = "from numpy import *  # noqa\n\ndef f(x):\n    return sum(sin(x) * x)\n"


def unchanged(transform):
    """Run ``transform(x)`` on a copy of X; the copy must come back unchanged (also when the
    transform raises)."""
    x = X.copy()
    try:
        return transform(x)
    finally:
        np.testing.assert_array_equal(x, X)


def run_cli(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = cli.main(list(argv))
    return status, err.getvalue()


def cli_model(tmp) -> str:
    path = tmp / "model.py"
    path.write_text("import numpy as np\n\ndef loss(w, x, b):\n    return np.sum((x @ w + b) ** 2)\n")
    return f"{path}:loss"


def cached_then(wrt):
    T.grad(two, wrt=1)
    return T.grad(two, wrt=wrt)


CORE = "core: "
ROWS = [
    # -- no source (SourceUnavailableError, from the parser) ---------------------------------
    ("exec-defined", lambda t: T.grad(EXEC["made_by_exec"]),
     Raises(SourceUnavailableError, "made_by_exec", where=False)),
    ("typed at the REPL", lambda t: T.grad(REPL["typed_at_prompt"]),
     Raises(SourceUnavailableError, "typed_at_prompt", where=False)),
    ("builtin len", lambda t: T.grad(len), Raises(SourceUnavailableError, "len", where=False)),
    ("ufunc np.add", lambda t: T.grad(np.add, wrt=(0, 1))(X, 2.0 * X, out_bar=X),  # (its
     Returns(close((X, X)))),  # rules, as def add(x1, x2): return np.add(x1, x2))
    ("functools.partial", lambda t: T.grad(functools.partial(two, w=X))(2.0 * X),
     Returns(close(X))),  # bound arguments are constants (tests/test_callables.py)
    ("functools.partial of a ufunc", lambda t: T.grad(functools.partial(np.multiply, 2.0))(
        X, out_bar=X), Returns(close(2.0 * X))),  # (np.multiply's rules: tangentish/trampolines.py)
    ("functools.partial of a ufunc without rules",
     lambda t: T.grad(functools.partial(np.frompyfunc(abs, 1, 1), 2.0)),
     Raises(SourceUnavailableError, "partial", where=False)),
    ("callable object", lambda t: T.grad(CallableObject())(3.0),
     Returns(close(2.0))),  # its __call__, the object held constant (tests/test_callables.py)
    ("a class", lambda t: T.grad(CallableObject),
     Raises(SourceUnavailableError, "CallableObject", where=False)),
    ("not callable", lambda t: T.grad(3.0), Raises(ArgumentError, "expected a function")),
    ("a function's name", lambda t: T.grad("sq"), Raises(ArgumentError, "expected a function", "'sq'")),
    # -- constructs (UnsupportedConstructError, before anything runs) ---------------------------
    ("generator", lambda t: T.grad(gen), Raises(UnsupportedConstructError, "generator", "yield x")),
    ("async def", lambda t: T.grad(coro), Raises(UnsupportedConstructError, "async def", "async def coro")),
    ("async generator", lambda t: T.jvp(agen), Raises(UnsupportedConstructError, "async def")),
    ("class in the body", lambda t: T.grad(body_class),
     Raises(UnsupportedConstructError, "class definition")),
    ("try", lambda t: T.grad(body_try), Raises(UnsupportedConstructError, "`try`")),
    ("with", lambda t: T.grad(body_with), Raises(UnsupportedConstructError, "`with`")),
    ("global", lambda t: T.grad(body_global), Raises(UnsupportedConstructError, "`global`")),
    ("nonlocal", lambda t: T.grad(body_nonlocal), Raises(UnsupportedConstructError, "`nonlocal`")),
    ("match", lambda t: T.grad(body_match), Raises(UnsupportedConstructError, "`match`")),
    ("walrus", lambda t: T.grad(body_walrus), Raises(UnsupportedConstructError, ":=")),
    ("*args", lambda t: T.grad(star_args), Raises(ArgumentValueError, "the values *xs collects")),
    ("*args of x", lambda t: T.grad(star_args, wrt="xs"), Raises(ArgumentError, "*args parameter")),
    ("**kwargs", lambda t: T.vjp(star_kwargs, wrt="x"), Raises(UnsupportedConstructError, "**kwargs")),
    ("eval", lambda t: T.grad(calls_eval), Raises(UnsupportedConstructError, "`eval`")),
    ("exec", lambda t: T.grad(calls_exec), Raises(UnsupportedConstructError, "`exec`")),
    ("locals()", lambda t: T.grad(calls_locals), Raises(UnsupportedConstructError, "`locals`")),
    ("vars()", lambda t: T.grad(calls_vars), Raises(UnsupportedConstructError, "`vars`")),
    ("writes into its argument", lambda t: unchanged(T.grad(writes_argument)),
     Returns(close([0.0, 1.0, 1.0]))),
    # -- wrt (ArgumentError from the one resolver, the same on every call) --------------------
    ("wrt names nothing", lambda t: T.grad(two, wrt="W"),
     Raises(ArgumentValueError, "no parameter 'W'", "did you mean 'w'")),
    ("wrt out of range", lambda t: T.grad(two, wrt=2),
     Raises(ArgumentValueError, "out of range", "['x', 'w']")),
    ("wrt negative out of range", lambda t: T.jacobian(vec, wrt=-2),
     Raises(ArgumentValueError, "out of range")),
    ("wrt duplicated", lambda t: T.grad(two, wrt=(0, "x")), Raises(ArgumentValueError, "twice")),
    ("wrt duplicated by -2", lambda t: T.value_and_grad(two, wrt=(0, -2)),
     Raises(ArgumentValueError, "twice")),
    ("wrt an int parameter", lambda t: T.grad(annotated, wrt="n"), Raises(ArgumentError, "annotated as int")),
    ("wrt a flag parameter", lambda t: T.grad(flagged, wrt=1), Raises(ArgumentError, "default False")),
    ("wrt=None", lambda t: T.grad(two, wrt=None), Raises(ArgumentError, "wrt=None")),
    ("wrt=True", lambda t: T.grad(two, wrt=True), Raises(ArgumentError, "bool")),
    ("wrt=1.0", lambda t: T.grad(two, wrt=1.0), Raises(ArgumentError, "float", "wrt=1")),
    ("wrt=1.0 once wrt=1 is cached", lambda t: cached_then(1.0), Raises(ArgumentError, "float")),
    ("wrt=True once wrt=1 is cached", lambda t: cached_then(True), Raises(ArgumentError, "bool")),
    ("wrt=(1.0,) once wrt=(1,) is cached", lambda t: (T.grad(two, wrt=(1,)), T.grad(two, wrt=(1.0,))),
     Raises(ArgumentError, "float")),
    ("wrt a set", lambda t: T.grad(two, wrt={0, 1}), Raises(ArgumentError, "set")),
    ("wrt empty", lambda t: T.grad(two, wrt=()), Raises(ArgumentError, "empty")),
    ("wrt np.int64(1)", lambda t: T.grad(two, wrt=np.int64(1))(X, X), Returns(close(X))),
    ("keyword-only by index", lambda t: T.grad(kwonly, wrt=1),
     Raises(ArgumentValueError, "out of range", "chosen by name")),
    ("keyword-only by name", lambda t: T.grad(kwonly, wrt="k")(X), Returns(close(np.sum(X)))),
    ("positional-only", lambda t: T.grad(posonly, wrt="x")(X, 2.0), Returns(close(2.0 * np.ones(3)))),
    ("positional-only by keyword", lambda t: T.grad(posonly)(x=X, y=2.0),
     Raises(ArgumentError, "positional-only")),
    ("jacobian bad wrt", lambda t: T.jacobian(vec, wrt="z"), Raises(ArgumentValueError, "no parameter 'z'")),
    ("hessian two wrt", lambda t: T.hessian(two, wrt=(0, 1))(X, X)[0][1],
     Returns(close(np.eye(3)))),  # JAX's nested blocks (tests/test_dense.py)
    ("hvp bad wrt", lambda t: T.hvp(sq, wrt=3), Raises(ArgumentValueError, "out of range")),
    ("jvp tangent name taken: the next one", lambda t: T.jvp(has_tangent_param)(
        2.0, 3.0, x_dot_dot=1.0), Returns(lambda r: r == (6.0, 3.0))),
    ("jvp tangent name taken, not given", lambda t: T.jvp(has_tangent_param)(2.0, x_dot=3.0),
     Raises(ArgumentError, "needs the tangent x_dot_dot=")),
    # -- values under wrt -------------------------------------------------------------------
    ("int, promoted", lambda t: T.grad(poly)(2), Returns(lambda g: isinstance(g, float) and g == 11.0)),
    ("int array, promoted", lambda t: T.grad(sq)(np.arange(3)),
     Returns(close([0.0, 2.0, 4.0], dtype=np.float64))),
    ("bool", lambda t: T.grad(poly)(True), Raises(ArgumentError, "bool")),
    ("bool array", lambda t: T.grad(sq)(np.array([True, False])), Raises(ArgumentError, "boolean array")),
    ("complex", lambda t: T.grad(poly)(1 + 2j), Raises(ArgumentError, "complex")),
    ("complex array", lambda t: T.jvp(sq)(X * 1j, x_dot=X), Raises(ArgumentError, "complex")),
    ("object", lambda t: T.grad(poly)(object()), Raises(ArgumentError, "an object")),
    ("string", lambda t: T.grad(poly)("2"), Raises(ArgumentError, "a str")),
    ("None default under wrt", lambda t: T.grad(optional, wrt="y")(X), Raises(ArgumentError, "None")),
    ("list under wrt", lambda t: T.grad(sq)([X, X]), Raises(ArgumentError, "list", "np.asarray")),
    ("tuple under wrt", lambda t: T.grad(sq)((1.0, 2.0)), Raises(ArgumentError, "tuple")),
    ("list not under wrt, unchanged", lambda t: T.grad(weighted)(X, [2.0, 3.0]),
     Returns(close(5.0 * np.ones(3)))),
    ("np.matrix under wrt", lambda t: T.grad(sq)(np.matrix([[1.0, 2.0]])),
     Raises(ArgumentError, "np.matrix", "np.asarray")),
    ("np.matrix not under wrt", lambda t: T.grad(two)(X, np.matrix(X)), Raises(ArgumentError, "np.matrix")),
    ("masked array", lambda t: T.grad(sq)(np.ma.masked_array(X, [0, 1, 0])), Raises(ArgumentError, "masked")),
    ("empty array", lambda t: T.grad(sq)(np.zeros(0)), Returns(close(np.zeros(0), dtype=np.float64))),
    ("0-d array", lambda t: T.grad(sq)(np.array(3.0)), Returns(close(6.0, dtype=np.float64))),
    ("NaN propagates", lambda t: T.grad(sq)(np.array([np.nan, 1.0])),
     Returns(lambda g: np.isnan(g[0]) and g[1] == 2.0)),
    ("inf propagates", lambda t: T.grad(sq)(np.array([np.inf, 1.0])),
     Returns(lambda g: np.isinf(g[0]) and g[1] == 2.0)),
    ("float32 keeps float32", lambda t: T.grad(two)(X.astype(np.float32), X),
     Returns(close(X, 1e-6, np.float32))),
    ("float16 keeps float16", lambda t: T.grad(sq)(X.astype(np.float16)),
     Returns(close(2 * X, 1e-3, np.float16))),
    ("float32 jvp tangent in float64", lambda t: T.jvp(sq)(X.astype(np.float32), x_dot=np.ones(3))[1],
     Returns(close(2 * np.sum(X), 1e-6, np.float32))),
    # -- calling a derivative ----------------------------------------------------------------
    ("unexpected keyword", lambda t: T.grad(sq)(X, scale=2.0),
     Raises(ArgumentError, "unexpected keyword argument 'scale'")),
    ("misspelt seed", lambda t: T.grad(sq)(X, outbar=2.0), Raises(ArgumentError, "did you mean 'out_bar'")),
    ("missing argument", lambda t: T.grad(two)(X), Raises(ArgumentError, "missing the argument 'w'")),
    ("too many arguments", lambda t: T.grad(sq)(X, X), Raises(ArgumentError, "takes 1 positional")),
    ("two values for one parameter", lambda t: T.grad(two)(X, X, w=X),
     Raises(ArgumentError, "two values for 'w'")),
    ("jvp without x_dot", lambda t: T.jvp(sq)(X), Raises(ArgumentError, "x_dot")),
    ("jvp x_dot misspelt", lambda t: T.jvp(sq)(X, w_dot=X), Raises(ArgumentError, "tangents are named")),
    ("jvp x_dot wrong shape", lambda t: T.jvp(sq)(X, x_dot=1.0),
     Raises(ArgumentValueError, "x_dot", "shape ()", "(3,)")),
    ("jvp x_dot complex", lambda t: T.jvp(sq)(X, x_dot=X * 1j), Raises(ArgumentError, "complex")),
    ("jvp x_dot a list", lambda t: T.jvp(sq)(X, x_dot=[1.0, 0.0, 0.0]), Raises(ArgumentError, "list")),
    ("complex seed", lambda t: T.grad(sq)(X, out_bar=1j), Raises(ArgumentError, "complex")),
    ("vjp cotangent wrong shape", lambda t: T.vjp(vec)(X)[1](np.ones(2)),
     Raises(ArgumentValueError, "cotangent", "(2,)", "(3,)")),
    ("vjp default cotangent, vector output", lambda t: T.vjp(vec)(X)[1](),
     Raises(ArgumentValueError, "needs a scalar output")),
    ("vjp cotangent bool", lambda t: T.vjp(scalar_out)(X)[1](True), Raises(ArgumentError, "bool")),
    ("hvp vector wrong shape", lambda t: T.hvp(sq)(X, np.ones(2)),
     Raises(ArgumentValueError, "vector v", "(2,)")),
    ("hvp without a vector", lambda t: T.hvp(sq)(), Raises(ArgumentError, "vector v")),
    ("has_aux, plain return", lambda t: T.grad(scalar_out, has_aux=True)(X),
     Raises(ArgumentError, "pair", where=False)),
    # -- complex numbers on an active path ---------------------------------------------------
    ("complex on the path (grad)", lambda t: T.grad(complex_path)(X),
     Raises((UnsupportedValueError, UnsupportedConstructError), "complex")),
    ("complex on the path (value_and_grad)", lambda t: T.value_and_grad(complex_path)(X),
     Raises((UnsupportedValueError, UnsupportedConstructError), "complex")),
    ("complex on the path (jvp)", lambda t: T.jvp(complex_path)(X, x_dot=X),
     Raises((UnsupportedValueError, UnsupportedConstructError), "complex")),
    ("complex output from a constant argument (grad)", lambda t: T.grad(plus_constant)(X, 1j),
     Raises((UnsupportedValueError, UnsupportedConstructError), "complex", where=False)),
    ("complex output from a constant argument (value_and_grad)",
     lambda t: T.value_and_grad(plus_constant)(X, 1j),
     Raises(UnsupportedValueError, "complex", where=False)),
    # -- the user's array is never changed ---------------------------------------------------
    ("mutating f, grad", lambda t: unchanged(T.grad(mutates_input)), Returns(close(2 * (X + 1)))),
    ("mutating f, value_and_grad", lambda t: unchanged(T.value_and_grad(mutates_input))[1],
     Returns(close(2 * (X + 1)))),
    ("mutating f, jvp", lambda t: unchanged(lambda x: T.jvp(mutates_input)(x, x_dot=np.ones(3)))[1],
     Returns(close(np.sum(2 * (X + 1))))),
    ("mutating f, vjp", lambda t: unchanged(lambda x: T.vjp(mutates_input)(x)[1](1.0)),
     Returns(close(2 * (X + 1)))),
    ("mutating f, jacobian", lambda t: unchanged(T.jacobian(mutates_input, mode="fwd")),
     Returns(close(2 * (X + 1)))),
    ("mutating f, hessian", lambda t: unchanged(T.hessian(mutates_input)), Returns(close(2 * np.eye(3)))),
    ("mutating f, hvp", lambda t: unchanged(lambda x: T.hvp(mutates_input)(x, np.ones(3))),
     Returns(close(2 * np.ones(3)))),
    ("mutating f, jacobian (rev)", lambda t: unchanged(T.jacobian(mutates_input)),
     Returns(close(2 * (X + 1)))),
    ("mutating f, check_grads", lambda t: unchanged(lambda x: T.check_grads(mutates_input, (x,)).ok),
     Returns(lambda ok: ok)),
    # A change through one name of memory another name reads later is refused when the derivative
    # runs (np.may_share_memory), never followed wrongly; the caller's array stays as it was.  A
    # write through a slice view of the argument is made on (the private copy of) the argument
    # where both are ndarrays (passes/view_writes.py): 2 * x with x[:2] + 1.
    ("writes through a slice view", lambda t: unchanged(T.grad(writes_view)),
     Returns(close(2 * (X + np.array([1.0, 1.0, 0.0]))))),
    ("writes through reshape", lambda t: unchanged(T.grad(writes_reshape)),
     Raises(UnsupportedConstructError, "changed in place", "shares its memory", where=False)),
    ("aliasing y = x; x += 1", lambda t: unchanged(T.grad(aliases)),
     Raises(UnsupportedConstructError, "changed in place", "'y'", "`y = x`", "`x = x + ...`",
            where=False)),
    ("value through a transposed view", lambda t: unchanged(T.value_and_grad(updates_transpose)),
     Returns(lambda r: np.isclose(r[0], np.sum(X) + 3.0) and np.allclose(r[1], 1.0))),
    # -- user names that look like generated ones --------------------------------------------
    ("local x_bar", lambda t: T.grad(local_x_bar)(X), Returns(close(4 * X))),
    ("local out", lambda t: T.grad(local_out)(X), Returns(close(6 * X))),
    ("parameter out_bar", lambda t: T.grad(param_out_bar, wrt=(0, 1))(X, 2 * X),
     Returns(lambda g: np.allclose(g[0], 2 * X) and np.allclose(g[1], X))),
    ("locals _t1 and sin_x", lambda t: T.grad(local_temporaries)(X),
     Returns(close(numeric_grad(local_temporaries, (X,))))),
    ("np as a local", lambda t: T.grad(local_np)(1.5), Returns(close(9.0))),
    ("math as a local", lambda t: T.grad(local_math)(1.5), Returns(close(2.0))),
    ("_rt as a local", lambda t: T.grad(local_rt)(1.5), Returns(close(6.0))),
    ("_tape as a local in a loop", lambda t: T.grad(local_tape)(1.5),
     Returns(close(numeric_grad(local_tape, (1.5,))))),
    ("a module whose np is math", lambda t: T.grad(module(t, "fake_np", FAKE_NP).f)(0.7),
     Returns(close(np.sin(0.7) + 0.7 * np.cos(0.7)))),
    ("from numpy import *", lambda t: T.grad(module(t, "star_np", STAR_NP).f)(X),
     Returns(close(np.sin(X) + X * np.cos(X)))),
    # -- check_grads ----------------------------------------------------------------------------
    ("check_grads: default wrt, grad= for both",
     lambda t: T.check_grads(two, (X, X), grad=lambda x, w: (w, x)),
     Raises(ArgumentError, "wrt=0 names one argument", "wrt=(0, 1)")),
    ("check_grads: bad wrt", lambda t: T.check_grads(two, (X, X), wrt="z"),
     Raises(ArgumentValueError, "no parameter 'z'")),
    ("check_grads: wrt past the args", lambda t: T.check_grads(optional, (X,), wrt="y"),
     Raises(ArgumentValueError, "only 1 argument")),
    ("check_grads: seed -1", lambda t: T.check_grads(sq, (X,), seed=-1),
     Raises(ArgumentValueError, "seed", "-1")),
    ("check_grads: seed True", lambda t: T.check_grads(sq, (X,), seed=True), Raises(ArgumentError, "seed")),
    ("check_grads: args a list", lambda t: T.check_grads(sq, [1.0, 2.0]),
     Raises(ArgumentError, "as a tuple", "list")),
    ("check_grads: args do not fit", lambda t: T.check_grads(two, (X,)), Raises(ArgumentError, "do not fit")),
    ("check_grads: NaN argument", lambda t: T.check_grads(sq, (np.array([np.nan, 1.0]),)),
     Raises(ArgumentValueError, "non-finite")),
    ("check_grads: f a string", lambda t: T.check_grads("sq", (X,)),
     Raises(ArgumentError, "function to check")),
    ("check_grads: unknown mode", lambda t: T.check_grads(sq, (X,), modes="both"),
     Raises(ArgumentValueError, "modes")),
    ("check_grads: order 3", lambda t: T.check_grads(sq, (X,), order=3), Raises(ArgumentValueError, "order")),
    ("check_grads: list under wrt", lambda t: T.check_grads(sq, ([1.0, 2.0],)),
     Raises(ArgumentError, "list")),
    ("check_grads: int promoted", lambda t: T.check_grads(poly, (2,)).ok, Returns(lambda ok: ok)),
    # -- the command line and the pytest plugin ----------------------------------------------
    ("CLI --seed -1",
     lambda t: run_cli("check", cli_model(t), "--shapes", "[[3], [2, 3], []]", "--seed", "-1"),
     Returns(lambda r: r[0] == 2 and "non-negative" in r[1])),
    ("CLI --wrt 7", lambda t: run_cli("check", cli_model(t), "--shapes", "[[3], [2, 3], []]", "--wrt", "7"),
     Returns(lambda r: r[0] == 2 and "out of range" in r[1] and "Traceback" not in r[1])),
    ("CLI --wrt w,w", lambda t: run_cli("show", cli_model(t), "--wrt", "w,w"),
     Returns(lambda r: r[0] == 2 and "twice" in r[1])),
    ("CLI bool under wrt",
     lambda t: run_cli("check", cli_model(t), "--args", "[[1.0], [[1.0]], true]", "--wrt", "b"),
     Returns(lambda r: r[0] == 2 and "bool" in r[1] and "File" not in r[1])),
    ("marker given a string", lambda t: _mark_problem(pytest.mark.tangentish_grads("sq", (X,)).mark),
     Returns(lambda m: "fn must be the function" in m)),
    ("marker given an int", lambda t: _mark_problem(pytest.mark.tangentish_grads(sq, 3).mark),
     Returns(lambda m: "args must be a tuple" in m)),
    ("fixture option misspelt", lambda t: _check_options(T.check_grads, {"wtr": 0}, "check_grads", 2),
     Raises(ArgumentError, "wtr=", "did you mean 'wrt'")),
]


def _params() -> list:
    params = []
    for name, thunk, expect, *core in ROWS:
        marks = [pytest.mark.xfail(strict=True, reason=core[0])] if core else []
        params.append(pytest.param(thunk, expect, id=name, marks=marks))
    return params


@pytest.mark.parametrize("thunk, expect", _params())
def test_hostile_input(thunk, expect, tmp_path):
    if isinstance(expect, Returns):
        assert expect.check(thunk(tmp_path)) is not False
        return
    with pytest.raises(expect.cls) as info:
        thunk(tmp_path)
    message = str(info.value)
    assert isinstance(info.value, TangentishError)
    for fragment in expect.fragments:
        assert fragment in message
    assert "hint:" in message
    if expect.where:
        assert HERE in message
    inner = [f for f in traceback.extract_tb(info.value.__traceback__) if f.filename.startswith(PACKAGE)]
    assert len(inner) <= 2, "the traceback shows tangentish's inner frames"


def test_no_row_is_listed_twice():
    names = [row[0] for row in ROWS]
    assert len(names) == len(set(names))

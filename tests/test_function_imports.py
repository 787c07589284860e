"""``import`` statements inside the differentiated function (tangentish/syntax/imports.py).

Every form of a top-level import is differentiated in every mode and checked against central
differences; the module the functions live in imports nothing under the names they use (a global of
the same name that the import shadows is a trap: using it would be silently wrong).  Imports Python
would not run the same way (in a branch, after a read, rebinding a name) are refused by name, and a
module attribute replaced later is never served a stale derivative."""

import sys
import textwrap
import types

import numpy as np
import pytest
from helpers import assert_grad_close, assert_reverse_modes, module_from_text, numeric_grad

import tangentish
from tangentish.cache import CACHE
from tangentish.errors import UnsupportedConstructError

# Each function reads its NumPy and math through its own imports; the module binds the same names
# to other things (so a lookup in the module's globals would give another function's derivative).
ZOO = '''
np = None
sin = tanh = norm = exp = log1p = math = numpy = la = ops = None
T = abs


def import_as(x):
    import numpy as np
    return np.sum(np.sin(x) ** 2)


def import_plain(x):
    import numpy
    return numpy.sum(numpy.tanh(x) * x)


def import_dotted(x):
    import numpy.linalg
    return numpy.linalg.norm(x * 3.0)


def import_dotted_as(x):
    import numpy.linalg as la
    return la.norm(x) ** 2 + la.norm(x[:2])


def from_import(x):
    from numpy import sin, tanh
    return sin(x).sum() * tanh(x).mean()


def from_import_as(x):
    from numpy import exp as e, log1p as l1
    return l1(e(x)).sum()


def from_submodule(x):
    from numpy.linalg import norm
    return norm(x) * x[0]


def from_package_module(x):
    from numpy import linalg
    return linalg.norm(x, 1.5)


def math_scalar(x):
    import math
    s = 0.0
    for v in x:
        s = s + math.exp(math.sin(v))
    return s


def after_statements(x):
    y = x * 2.0
    import numpy as np
    return np.sum(np.cos(y))


def several(x):
    """With a docstring."""
    import numpy as np
    import math
    from numpy import tanh as T
    return np.sum(T(x)) * math.pi


def user_helper(x):
    from zoo_helpers import squash
    return squash(x).sum()


def helper_importing(x):
    return numpy_free_helper(x * 0.5) + x.sum()


def numpy_free_helper(v):
    from numpy import tanh as T
    return (T(v) * 2.0).sum()
'''

HELPERS = '''
import numpy


def squash(v):
    return numpy.tanh(v) * v
'''

NAMES = ["import_as", "import_plain", "import_dotted", "import_dotted_as", "from_import",
         "from_import_as", "from_submodule", "from_package_module", "math_scalar",
         "after_statements", "several", "user_helper", "helper_importing"]


@pytest.fixture(scope="module")
def zoo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("imports")
    sys.path.insert(0, str(folder))
    module_from_text(folder, "zoo_helpers", HELPERS)
    sys.modules["zoo_helpers"] = module_from_text(folder, "zoo_helpers", HELPERS)
    try:
        yield module_from_text(folder, "zoo_imports", ZOO)
    finally:
        sys.path.remove(str(folder))
        sys.modules.pop("zoo_helpers", None)


POINT = np.array([0.4, -0.7, 1.1])


@pytest.mark.parametrize("name", NAMES)
def test_reverse_modes_match_differences(zoo, name):
    assert_reverse_modes(getattr(zoo, name), POINT)


@pytest.mark.parametrize("name", NAMES)
def test_forward_mode_and_second_order(zoo, name):
    f = getattr(zoo, name)
    direction = np.array([0.3, 1.0, -0.5])
    value, tangent = tangentish.jvp(f)(POINT, x_dot=direction)
    np.testing.assert_allclose(value, f(POINT), rtol=1e-12)
    np.testing.assert_allclose(tangent, numeric_grad(f, (POINT,)) @ direction, rtol=1e-6,
                               atol=1e-8)
    grad = tangentish.grad(f)
    hessian = tangentish.hessian(f)(POINT)
    columns = [numeric_grad(lambda p, i=i: grad(p)[i], (POINT,)) for i in range(POINT.size)]
    np.testing.assert_allclose(hessian, np.array(columns), rtol=1e-5, atol=1e-6)


def test_the_generated_code_reads_the_imported_objects(zoo):
    text = tangentish.grad(zoo.from_import_as).source
    lines = [line.strip() for line in text.splitlines()]
    assert not any(line.startswith(("import ", "from ")) for line in lines)  # (hoisted)
    assert "np.log1p(exp_x)" in text  # NumPy's functions spelled as NumPy's


def test_an_inlined_helper_never_reads_the_callers_names(zoo):
    """`numpy_free_helper`'s `T` is numpy.tanh; the module's global `T` is abs."""
    text = tangentish.grad(zoo.helper_importing).source
    assert "abs" not in text
    assert_grad_close(tangentish.grad(zoo.helper_importing)(POINT),
                      numeric_grad(zoo.helper_importing, (POINT,)))


REFUSED = {
    "in a branch": ("    if x.size > 1:\n        import numpy as np\n    return np.sum(x)\n",
                    "inside a branch, loop or nested function"),
    "in a loop": ("    for _ in range(2):\n        import math\n    return x.sum()\n",
                  "inside a branch, loop or nested function"),
    "read before": ("    y = np.sum(x)\n    import numpy as np\n    return y\n",
                    "read before the import"),
    "assigned too": ("    import numpy as np\n    np = 2.0\n    return x.sum() * np\n",
                     "that the function also assigns"),
    "a parameter": ("    import math as x\n    return 1.0\n", "that is a parameter"),
    "twice": ("    import numpy as np\n    import math as np\n    return np.sum(x)\n",
              "imported twice"),
    "missing module": ("    import no_such_module_here\n    return x.sum()\n",
                       "no_such_module_here"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_imports_python_would_not_run_the_same_way_are_refused(tmp_path, case):
    body, words = REFUSED[case]
    module = module_from_text(tmp_path, f"refused_{abs(hash(case))}",
                              "def f(x):\n" + textwrap.indent(body, ""))
    with pytest.raises(UnsupportedConstructError) as info:
        tangentish.grad(module.f)(np.ones(2))
    message = str(info.value)
    assert words in message and "import" in message
    assert f"refused_{abs(hash(case))}.py" in message  # names the file and the line


def test_a_module_attribute_replaced_later_is_not_served_stale(tmp_path):
    fake = types.ModuleType("fake_activations")
    fake.act = np.sin
    sys.modules["fake_activations"] = fake
    try:
        module = module_from_text(tmp_path, "uses_fake", """
            def f(x):
                from fake_activations import act
                return act(x).sum()
            """)
        x = np.array([0.2, 0.9])
        assert_grad_close(tangentish.grad(module.f)(x), np.cos(x))
        fake.act = np.tanh
        assert_grad_close(tangentish.grad(module.f)(x), 1.0 - np.tanh(x) ** 2)
    finally:
        sys.modules.pop("fake_activations", None)
        CACHE.clear()


@pytest.mark.parametrize("name", ["from_import_as", "several", "user_helper", "import_dotted_as"])
def test_export_imports_what_the_function_imported(zoo, tmp_path, name):
    import importlib

    from tangentish.export import build_export, write_export

    f = getattr(zoo, name)
    stem = f"exported_{name}"
    write_export(build_export(f, stem=stem), tmp_path / f"{stem}.py")
    sys.path.insert(0, str(tmp_path))
    try:
        exported = importlib.import_module(stem)
        assert_grad_close(getattr(exported, f"grad_{name}_wrt_x")(POINT),
                          numeric_grad(f, (POINT,)))
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop(stem, None)
        sys.modules.pop(f"{stem}_runtime", None)

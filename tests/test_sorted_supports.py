"""A list gathered by ``sorted`` (its adjoint ``_rt.untake_along_axis`` of one mask per item)
whose items a singular function made and the output reads only in part: the supports do not
take the list's item masks as the gather's cotangent (fuzz seed 4205 program 15 crashed with
``TypeError: Cannot interpret 'ItemMasks(...)' as a data type``).  Table over the ways a list
reaches ``sorted`` and is read, grad and vjp against central finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import module_from_text, one_sided_jacobian

import tangentish

ITEMS = "[np.log1p(np.min(v)), np.sqrt(v[1] * v[1] + 0.5), 0.3]"
FORMS = {
    "map": f"s = sorted(map(lambda e: e, {ITEMS}))\n    return s[0] + s[-1]",
    "map_scaled": f"s = sorted(map(lambda e: e * 0.5 - 0.25, {ITEMS}))\n    return s[0] * 0.5 + s[-1]",
    "display": f"s = sorted({ITEMS})\n    return s[0] + s[-1]",
    "reverse": f"s = sorted({ITEMS}, reverse=True)\n    return s[1]",
    "generator": f"s = sorted(e * 2.0 for e in {ITEMS})\n    return s[-1]",
    "appended": f"xs = []\n    for e in {ITEMS}:\n        xs.append(e)\n    s = sorted(xs)\n"
                "    return s[0] - s[-1]",
}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_sorted_lists_read_in_part(tmp_path, form):
    module = module_from_text(tmp_path, f"sorted_{form}",
                              f"import numpy as np\n\n\ndef f(v):\n    {FORMS[form]}\n")
    v = np.array([-0.72, -0.33])
    slopes = one_sided_jacobian(module.f, v)
    np.testing.assert_allclose(tangentish.grad(module.f)(v), slopes, rtol=1e-5, atol=1e-6)
    _, pullback = tangentish.vjp(module.f)(v)
    np.testing.assert_allclose(pullback(1.0), slopes, rtol=1e-5, atol=1e-6)

"""tangentish.runtime loads each family module on the first use of one of its helpers: its table
names every public helper of every family, each name resolves to its family's object whatever was
imported first, and a derivative's first call imports only the families it calls."""

import ast
import os
import pathlib
import subprocess
import sys

import pytest

from tangentish import runtime

FOLDER = pathlib.Path(runtime.__file__).parent


def _public_names(path):
    """The top-level names a family module binds (functions, classes, constants, imported names),
    not private ones."""
    names = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.ImportFrom):
            names |= {a.asname or a.name for a in node.names}
    return {n for n in names if not n.startswith("_")}


def test_the_table_is_every_family_and_names_only_what_each_defines():
    plumbing = {"__init__", "_common", "_memory", "items"}  # (what families share; generated code
    families = {p.stem for p in FOLDER.glob("*.py")} - plumbing  # calls none of it directly)
    assert set(runtime._FAMILIES) == families
    for family, names in runtime._FAMILIES.items():
        defined = _public_names(FOLDER / f"{family}.py")
        assert set(names) <= defined, (family, set(names) - defined)


@pytest.mark.parametrize("first", ["the package", "every family module", "one helper"])
def test_every_name_is_its_family_s_object_whatever_is_imported_first(first):
    """(``polygamma`` is a helper named as its module: importing the module must not shadow it.)"""
    before = {"the package": "",
              "every family module": "".join(f"import tangentish.runtime.{f}\n"
                                             for f in sorted(runtime._FAMILIES)),
              "one helper": "from tangentish.runtime.polygamma import polygamma\n"}[first]
    code = before + ("import importlib, types\nimport tangentish.runtime as rt\nbad = []\n"
                     "for family, names in rt._FAMILIES.items():\n"
                     "    module = importlib.import_module('tangentish.runtime.' + family)\n"
                     "    bad += [n for n in names if getattr(rt, n) is not getattr(module, n)\n"
                     "            or isinstance(getattr(rt, n), types.ModuleType)]\n"
                     "print(sorted(bad))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=dict(os.environ), cwd=FOLDER.parent.parent).stdout
    assert out.strip() == "[]"


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'not_a_helper'"):
        runtime.not_a_helper  # noqa: B018
    assert set(runtime.__all__) <= set(dir(runtime))
    assert {m.__name__.rsplit(".", 1)[1] for m in runtime.families()} == set(runtime._FAMILIES)

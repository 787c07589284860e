"""The environment a stored derivative was made in (tangentish/persist/tokens.py): every change to
tangentish's or gast's files, or to the Python, NumPy or SciPy versions, changes the key, so an
entry made before is never read after it."""

import os
import subprocess
import sys
import types

import numpy as np
import pytest

import tangentish
from tangentish.persist import store, tokens
from tangentish.records import Options


def _tree(root):
    (root / "pkg" / "rules").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("x = 1\n")
    (root / "pkg" / "rules" / "a.py").write_text("def f(): return 1\n")
    (root / "pkg" / "rules" / "b.py").write_text("def g(): return 2\n")
    (root / "pkg" / "notes.txt").write_text("not code\n")
    return str(root / "pkg")


def _token(folder):
    tokens.files_token.cache_clear()  # (once a process otherwise)
    return tokens.files_token(folder)


def _edit_same_size(path):
    text = path.read_text()
    path.write_text(text.replace("1", "3").replace("2", "4"))
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))


CHANGES = {
    "edit a rule file": lambda root: (root / "pkg/rules/a.py").write_text("def f(): return 10\n"),
    "edit in place, same size": lambda root: _edit_same_size(root / "pkg/rules/a.py"),
    "touch a file": lambda root: os.utime(root / "pkg/rules/b.py", ns=(1, 2)),
    "add a file": lambda root: (root / "pkg/rules/c.py").write_text(""),
    "add a subpackage": lambda root: (root / "pkg/more").mkdir()
    or (root / "pkg/more/__init__.py").write_text(""),
    "remove a file": lambda root: (root / "pkg/rules/b.py").unlink(),
    "rename a file": lambda root: (root / "pkg/rules/b.py").rename(root / "pkg/rules/b2.py"),
    "move a file to another folder": lambda root: (root / "pkg/rules/b.py").rename(
        root / "pkg/b.py"),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_every_change_to_the_package_files_changes_the_token(tmp_path, change):
    folder = _tree(tmp_path)
    before = _token(folder)
    assert _token(folder) == before  # (deterministic)
    CHANGES[change](tmp_path)
    assert _token(folder) != before


def test_files_that_are_not_python_and_bytecode_do_not_count(tmp_path):
    folder = _tree(tmp_path)
    before = _token(folder)
    (tmp_path / "pkg/notes.txt").write_text("other notes, longer\n")
    (tmp_path / "pkg/__pycache__").mkdir()
    (tmp_path / "pkg/__pycache__/a.py").write_text("")
    assert _token(folder) == before


def test_the_token_of_tangentish_is_its_own_files():
    root = os.path.dirname(tangentish.__file__)
    found = []
    tokens._list_files(root, "", found)
    expected = sorted(os.path.relpath(os.path.join(folder, name), root)
                      for folder, _, names in os.walk(root) for name in names
                      if name.endswith(".py"))
    assert sorted(path for path, _, _ in found) == expected
    assert all(size == os.stat(os.path.join(root, path)).st_size for path, size, _ in found)


def _key(fn):
    return store.cache_key(fn, Options(wrt=0), top_level=True)


def _loss(x):
    return np.sum(np.sin(x))


@pytest.mark.parametrize("module, attribute", [("numpy", "__version__"), ("scipy", "__version__"),
                                               ("sys", "version")])
def test_another_version_of_python_numpy_or_scipy_is_another_key(monkeypatch, module, attribute):
    before = _key(_loss)
    assert _key(_loss) == before
    found = sys.modules.get(module)
    if found is None:  # (SciPy not imported: a module that says a version stands for it)
        monkeypatch.setitem(sys.modules, module, types.ModuleType(module))
        monkeypatch.setattr(sys.modules[module], attribute, "1.0.0", raising=False)
        assert _key(_loss) != before
    monkeypatch.setattr(sys.modules[module], attribute, "0.0.0-another")
    assert _key(_loss) != before


def test_another_file_of_tangentish_or_gast_is_another_key(monkeypatch, tmp_path):
    before = _key(_loss)
    folders = {"tangentish": tokens._PACKAGE, "gast": tokens._package_folder("gast")}
    for name, folder in folders.items():
        monkeypatch.setattr(tokens, "files_token",
                            lambda root, changed=folder: "changed" if root == changed else root)
        assert _key(_loss) != before, name


def test_gast_s_files_are_found_without_importing_gast(tmp_path):
    code = ("import sys, numpy\nfrom tangentish.persist import tokens\n"
            "print(tokens._package_folder('gast'), 'gast' in sys.modules)\n"
            "import gast\nprint(tokens._package_folder('gast'))")
    lines = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, cwd=tmp_path, env=dict(os.environ)).stdout.splitlines()
    assert lines[0].endswith(" False")
    assert lines[0].split(" ")[0] == lines[1]

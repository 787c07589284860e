"""Tokens: what a derivative stored on disk was made from, in a form another process can compare.

A token is a nested list of strings, numbers, ``None`` and booleans computed from a live object
(its ``repr`` is its canonical text: what keys hash and what :func:`same` compares); two processes
compute the same token only for objects the transform cannot tell apart:

- a **code object**: every field that makes it (bytecode, constants, names, line table, file
  name, first line), nested code objects included (:func:`code_token`, a SHA-256);
- a **source**: the bytes of the file a function was defined in, or the text ``linecache``
  holds for a notebook cell (:func:`source_token`);
- a **constant**: ``None``, a bool, int, float, complex, str, bytes, or a tuple/frozenset of
  them, by type and ``repr`` (:func:`const_token`);
- a **module**: its name, when ``sys.modules`` holds exactly it;
- any other **object** (a function, a ufunc, a class, a builtin): the type, ``__module__`` and
  ``__qualname__`` it claims, only when looking that path up in ``sys.modules`` finds the object
  itself; a Python function adds its code, defaults and attributes, and an object of a module
  outside :data:`TRUSTED` (whose versions are part of the cache key) the source of that
  module's file, so editing a helper's module is noticed.

Anything else (a lambda stored in a dict, a closure helper, a bound method, an array default)
raises :class:`Unpersistable`: the derivative is then not stored at all.

    >>> const_token((1, 2.0, "a"))
    ['tuple', [['int', '1'], ['float', '2.0'], ['str', "'a'"]]]
"""

from __future__ import annotations

import functools
import importlib.machinery
import linecache
import os
import sys
import types
from typing import Any

import numpy as np

from ..source_files import sha256_hex

TRUSTED = ("builtins", "math", "cmath", "operator", "_operator", "functools", "numpy",
           "tangentish")
"""Modules (and their submodules) identified by name alone: the cache key holds the Python,
NumPy and tangentish versions; any other module's objects also carry the hash of its file."""

_SLOT = "__tangentish_derivatives__"  # (cache.py's slot: what tangentish stores on a function)
_SCALARS = (type(None), bool, int, float, complex, str, bytes)


class Unpersistable(Exception):
    """The derivative depends on something no token can stand for: it is not stored."""


def const_token(value: Any) -> list:
    if type(value) in _SCALARS:
        return [type(value).__name__, repr(value)]
    if type(value) is tuple:
        return ["tuple", [const_token(item) for item in value]]
    if type(value) is frozenset:
        return ["frozenset", sorted((const_token(item) for item in value), key=repr)]
    raise Unpersistable(f"a value of type {type(value).__name__}")


def same(computed: Any, stored: Any) -> bool:
    """Whether a token computed now is the one stored: by their text, so that ``1``, ``1.0`` and
    ``True`` (equal in Python) are told apart."""
    return repr(computed) == repr(stored)


def is_const(value: Any) -> bool:
    try:
        const_token(value)
    except Unpersistable:
        return False
    return True


def code_token(code: types.CodeType) -> str:
    """A SHA-256 of everything that makes ``code`` (nested code objects included)."""
    return sha256_hex(repr(_code_parts(code)).encode("utf-8"))


def _code_parts(code: types.CodeType) -> list:
    consts = [_code_parts(c) if isinstance(c, types.CodeType) else const_token(c)
              for c in code.co_consts]
    return [code.co_name, getattr(code, "co_qualname", ""), code.co_filename,
            code.co_firstlineno, code.co_argcount, code.co_posonlyargcount,
            code.co_kwonlyargcount, code.co_flags, code.co_code.hex(), list(code.co_names),
            list(code.co_varnames), list(code.co_freevars), list(code.co_cellvars),
            getattr(code, "co_linetable", b"").hex(), consts]


def source_token(filename: str) -> str:
    """The SHA-256 of the file ``filename`` (or of the text linecache holds for it, for a
    notebook cell, which has no file)."""
    try:
        with open(filename, "rb") as file:
            return sha256_hex(file.read())
    except OSError:
        pass
    entry = linecache.cache.get(filename)
    if entry is not None and len(entry) > 2 and entry[1] is None:
        return sha256_hex("".join(entry[2]).encode("utf-8"))
    raise Unpersistable(f"the source of {filename} cannot be read")


def lookup(module: str, qualname: str) -> Any:
    """The object at ``module``.``qualname`` among the modules already imported (no import), or
    ``None``."""
    found: Any = sys.modules.get(module)
    for part in qualname.split("."):
        if found is None or part == "<locals>":
            return None
        found = getattr(found, part, None)
    return found


def trusted(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in TRUSTED)


def object_token(value: Any) -> list:
    if isinstance(value, types.ModuleType):
        if sys.modules.get(value.__name__) is not value:
            raise Unpersistable(f"the module {value.__name__} is not the one imported")
        return ["module", value.__name__]
    module, qualname = path_of(value)
    token = ["object", type(value).__module__, type(value).__qualname__, module, qualname]
    if isinstance(value, types.FunctionType):
        token.append(function_token(value, with_source=not trusted(module)))
    elif not trusted(module):
        token.append(module_token(module))
    return token


def path_of(value: Any) -> tuple[str, str]:
    """``(module, qualname)`` that finds ``value`` again, or :class:`Unpersistable`."""
    module = getattr(value, "__module__", None)
    qualname = getattr(value, "__qualname__", None) or getattr(value, "__name__", None)
    if module is None and isinstance(value, np.ufunc):  # (NumPy 1.x: a ufunc names no module)
        module = "numpy"
    if not isinstance(module, str) or not isinstance(qualname, str) or \
            lookup(module, qualname) is not value:
        raise Unpersistable(f"{value!r} cannot be found again by its module and name")
    return module, qualname


def module_token(module: str) -> str:
    filename = getattr(sys.modules.get(module), "__file__", None)
    if not isinstance(filename, str):
        raise Unpersistable(f"the module {module} has no file")
    return source_token(filename)


def function_token(fn: types.FunctionType, with_source: bool = True) -> list:
    """A Python function's code, defaults, keyword defaults and attributes (and its file)."""
    kw = fn.__kwdefaults__
    attributes = sorted((name, const_token(value) if is_const(value) else
                         ["type", type(value).__module__, type(value).__qualname__])
                        for name, value in vars(fn).items() if name != _SLOT)
    token = [code_token(fn.__code__), const_token(fn.__defaults__),
             None if kw is None else sorted((k, const_token(v)) for k, v in kw.items()),
             attributes]
    if with_source:
        token.append(source_token(fn.__code__.co_filename))
    return token


def value_token(value: Any) -> list:
    """Data the generated code reads live: its type, and its value when it is a constant (a
    transform reads no other data, see :mod:`tangentish.syntax.scope`; a constant is keyed all
    the same, so that changing one always regenerates)."""
    return ["data", object_token(type(value)), const_token(value) if is_const(value) else None]


def environment_token() -> list:
    """What every derivative depends on beyond the user's code: Python, NumPy and SciPy (its
    version when the process imported it: a rule for a SciPy function exists only then, and some
    probe what the installed SciPy does), and the files of tangentish and of gast (which parses
    the rules' templates)."""
    numpy, scipy = sys.modules.get("numpy"), sys.modules.get("scipy")
    return [sys.version, sys.implementation.cache_tag, getattr(numpy, "__version__", None),
            getattr(scipy, "__version__", None), files_token(_PACKAGE),
            files_token(_package_folder("gast"))]


_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _package_folder(name: str) -> str:
    """The folder of the package ``name`` that is imported, or that importing it would load
    (found without importing it: a derivative read back never imports gast)."""
    module = sys.modules.get(name)
    origin = getattr(module, "__file__", None)
    if origin is None:
        spec = importlib.machinery.PathFinder.find_spec(name)
        origin = None if spec is None else spec.origin
    if not isinstance(origin, str) or not origin.endswith("__init__.py"):
        raise Unpersistable(f"the package {name} is not found")
    return os.path.dirname(origin)


@functools.cache
def files_token(root: str) -> str:
    """The Python files under ``root`` (a package's folder; its subfolders too): the relative
    path, size and modification time of each, once a process.  This is the evidence CPython's
    bytecode cache trusts to run a package's code at all; reading and hashing the 1.5 MB of
    tangentish's own would cost a fresh process about 20 ms, most of what the cache saves.  A
    file edited, added, removed or renamed changes it."""
    found: list = []
    _list_files(root, "", found)
    return sha256_hex(repr(found).encode("utf-8"))


def _list_files(folder: str, prefix: str, found: list) -> None:
    """Append ``[path under the root, size, mtime]`` of each ``.py`` file below ``folder``, in
    name order (what ``os.walk`` would list, without its cost: one ``scandir`` per folder)."""
    with os.scandir(folder) as listing:
        items = sorted(listing, key=_name)
    for item in items:
        name = item.name
        if name.endswith(".py") and item.is_file():
            info = item.stat()
            found.append([prefix + name, info.st_size, info.st_mtime_ns])
        elif name != "__pycache__" and item.is_dir(follow_symlinks=False):
            _list_files(item.path, prefix + name + "/", found)


def _name(item: os.DirEntry) -> str:
    return item.name

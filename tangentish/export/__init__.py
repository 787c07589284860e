"""Export a derivative as standalone Python: NumPy and the standard library, no tangentish.

::

    from tangentish.export import build_export, write_export

    exported = build_export(loss, wrt="w", stem="loss_grad")
    write_export(exported, "loss_grad.py")       # also writes loss_grad_runtime.py next to it

or ``tangentish export model.py:loss --wrt w -o loss_grad.py``.  Two files: ``loss_grad.py`` (a
header comment; imports of the machinery under the aliases the generated code uses, ``import numpy
as np``, ``import loss_grad_runtime as _rt``...; one ``from <module> import <names>`` line per
module whose names it reads; then the derivative, its pullback for ``vjp``, and its helpers'
derivatives) and ``loss_grad_runtime.py`` (the source, copied from :mod:`tangentish.runtime`, of
exactly the helpers it calls and what they use: :mod:`.runtime_file`).

Everything comes from the derivative's :class:`~tangentish.pipeline.Record`s: each generated
function's text (copied, never re-parsed), its compiled function (whose closure cells hold the
machinery, the user's closure values, rule modules' names and the helpers' derivatives), ``reads``
(the user's globals it reads), ``runtime`` and ``machinery``.

The user's modules must be importable where the file is used (if they import tangentish, so does
the export: :attr:`Export.warnings` says so).  Arguments are used as given: no promotion of
integers to float, no shape or dtype checks, unlike ``tangentish.grad``.  The exported ``grad``
still checks its seed ``out_bar`` against the output (the check is in its code); a ``vjp``
pullback's cotangent is checked by ``tangentish.vjp``'s :class:`~tangentish.pullback.Pullback`, which
an export has no part of, so the exported pullback uses it as given (the header says so).
"""

from __future__ import annotations

import ast
import builtins
import sys
import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import api
from ..pipeline import Record
from .runtime_file import ExportError, runtime_source

_TRANSFORMS: dict[str, Callable] = {"grad": api.grad, "value_and_grad": api.value_and_grad,
                                    "jvp": api.jvp, "vjp": api.vjp}
_WHAT = {"grad": "the gradient", "value_and_grad": "the value and gradient",
         "jvp": "the value and directional derivative (forward mode)",
         "vjp": "the vector-Jacobian product (split reverse mode)"}
_ROLES = {"np": ("import", "numpy"), "math": ("import", "math"), "_rt": ("runtime",)}


@dataclass
class Export:
    """The two files of an exported derivative, as text."""

    function: str  # the exported derivative's name, e.g. grad_loss_wrt_w
    text: str  # <stem>.py
    runtime_module: str  # <stem>_runtime
    runtime_text: str  # <stem>_runtime.py
    modules: list[str] = field(default_factory=list)  # the user modules it imports from
    warnings: list[str] = field(default_factory=list)
    functions: list[str] = field(default_factory=list)  # every function it defines, in order


# -- the generated functions ---------------------------------------------------------------------


@dataclass
class _Function:
    record: Record
    name: str  # its name in the exported file
    comment: str  # the line above it


def _functions(main: Record) -> tuple[list[_Function], dict[int, str]]:
    """The functions to write (the derivative, its pullback, each helper derivative once) and the
    exported name of every generated function object the records hold."""
    own = [main] + ([main.backward] if main.backward else [])
    records = own + main.helpers()
    written: dict[tuple[str, str], _Function] = {}
    names: dict[int, str] = {}
    taken: set[str] = set()
    for record in records:
        key = (record.name, record.text)
        if key not in written:
            name, suffix = record.name, 0
            while name in taken:
                suffix += 1
                name = f"{record.name}_{suffix}"
            taken.add(name)
            comment = "" if any(record is r for r in own) else \
                f"# derivative of the helper {record.of}(), called above"
            written[key] = _Function(record, name, comment)
        names[id(record.function)] = written[key].name
    return list(written.values()), names


def _text(function: _Function) -> str:
    """The function's generated text, under its exported name."""
    text, own = function.record.text.strip("\n"), f"def {function.record.name}("
    if not text.startswith(own):
        raise ExportError(f"the generated text of {function.record.name} does not start with "
                          "its definition", hint="report this: it is a bug in tangentish")
    return f"def {function.name}(" + text[len(own):]


# -- where the names it reads come from ----------------------------------------------------------


def _module_name(name: str | None, aliases: Mapping[str, str]) -> str:
    name = aliases.get(name or "", name or "")
    if name == "__main__" or not name or not all(p.isidentifier() for p in name.split(".")):
        raise ExportError(f"the derivative reads names from the module {name!r}, which the "
                          "exported file cannot import",
                          hint="define the function in an importable module (a valid file name)")
    return name


def _literal(value: Any) -> str | None:
    if type(value) not in (int, float, complex, bool, str, bytes, type(None)):
        return None
    try:
        return repr(value) if ast.literal_eval(repr(value)) == value else None
    except (ValueError, SyntaxError):
        return None


def _home(name: str, value: Any, aliases: Mapping[str, str]) -> tuple:
    """How the exported file gets a closure value: import its module or object, or a literal."""
    if isinstance(value, types.ModuleType):
        return ("import", aliases.get(value.__name__, value.__name__))
    literal = _literal(value)
    if literal is not None:
        return ("literal", literal)
    module, qualname = getattr(value, "__module__", None), getattr(value, "__qualname__", "")
    owner = sys.modules.get(module or "")
    if owner is not None and "." not in qualname and getattr(owner, qualname, None) is value:
        return ("from", _module_name(module, aliases), qualname)
    raise ExportError(
        f"the derivative reads {name!r} (a {type(value).__name__}) from a closure, and the "
        "exported file has no way to import it",
        hint="define it at module level, where the exported file can import it from")


def _global(name: str, fn: types.FunctionType, aliases: Mapping[str, str]) -> tuple | None:
    """How the exported file gets a name ``fn`` reads from its module (None: a builtin)."""
    if name in fn.__globals__:
        value = fn.__globals__[name]
        if isinstance(value, types.ModuleType):
            return _home(name, value, aliases)
        return ("from", _module_name(fn.__globals__.get("__name__"), aliases), name)
    if hasattr(builtins, name):
        return None
    raise ExportError(f"the derivative reads {name!r}, which its module "
                      f"{fn.__globals__.get('__name__')} does not define",
                      hint="a default value read from an enclosing function cannot be exported: "
                      "define it at module level")


def _needs(function: _Function, names: Mapping[int, str],
           aliases: Mapping[str, str]) -> Iterable[tuple[str, tuple]]:
    """(name, how the exported file binds it) for every name one generated function reads."""
    record, fn = function.record, function.record.function
    roles = {alias: role for role, alias in record.machinery.items()}
    cells = dict(zip(fn.__code__.co_freevars, fn.__closure__ or (), strict=True))
    for name, cell in sorted(cells.items()):
        try:
            value = cell.cell_contents
        except ValueError:  # an empty cell: a closure variable not assigned yet
            raise ExportError(f"the derivative reads {name!r} from a closure, where it has no "
                              "value yet") from None
        if name in roles:
            yield name, _ROLES[roles[name]]
        elif id(value) in names:
            yield name, ("def", names[id(value)])
        else:
            yield name, _home(name, value, aliases)
    for name in record.reads:
        how = None if name in cells else _global(name, fn, aliases)
        if how is not None:
            yield name, how


def _bindings(functions: list[_Function], names: Mapping[int, str],
              aliases: Mapping[str, str]) -> dict[str, tuple]:
    found = {function.name: ("def", function.name) for function in functions}
    for function in functions:
        for name, how in _needs(function, names, aliases):
            if found.setdefault(name, how) != how:
                raise ExportError(f"the exported functions would need two different values "
                                  f"called {name!r} ({_describe(found[name])} and "
                                  f"{_describe(how)})", hint="rename one of them")
    return found


def _describe(how: tuple) -> str:
    return {"def": f"the function {how[-1]}", "runtime": "the runtime",
            "literal": f"the value {how[-1]}"}.get(how[0], " ".join(how))


def _import_lines(bindings: Mapping[str, tuple], runtime_module: str) -> list[str]:
    """The import block: the standard library, the rest, the runtime, the user's names."""
    plain, froms, literals, runtimes = [], {}, [], []
    for name, how in sorted(bindings.items()):
        if how[0] == "import":
            plain.append(f"import {how[1]}" if how[1] == name else f"import {how[1]} as {name}")
        elif how[0] == "from":
            froms.setdefault(how[1], []).append(how[2] if how[2] == name else f"{how[2]} as {name}")
        elif how[0] == "literal":
            literals.append(f"{name} = {how[1]}")
        elif how[0] == "runtime":
            runtimes += ["try:  # inside a package: the runtime file next to this one",
                         f"    from . import {runtime_module} as {name}",
                         "except ImportError:  # a top-level module",
                         f"    import {runtime_module} as {name}"]
    stdlib = [line for line in plain if line.split()[1].split(".")[0] in sys.stdlib_module_names]
    groups = [stdlib, [line for line in plain if line not in stdlib], runtimes,
              [f"from {module} import {', '.join(items)}" for module, items in sorted(froms.items())]
              + literals]
    return [line for group in groups if group for line in ["", *group]]


def _uses_tangentish(module_name: str, aliases: Mapping[str, str]) -> bool:
    original = next((k for k, v in aliases.items() if v == module_name), module_name)
    module = sys.modules.get(original)
    for value in vars(module).values() if module is not None else ():
        try:
            home = value.__name__ if isinstance(value, types.ModuleType) else value.__module__
        except Exception:  # objects without a module, or with a module that lies
            continue
        if isinstance(home, str) and home.split(".")[0] == "tangentish":
            return True
    return False


# -- putting it together -------------------------------------------------------------------------


def _version() -> str:
    return getattr(sys.modules.get("tangentish"), "__version__", "unknown")


def _header(stem: str, record: Record, mode: str, origin: str, command: str | None,
            modules: list[str], warnings: list[str], names: list[str]) -> list[str]:
    lines = [f"# {stem}.py: {_WHAT[mode]} of {record.of} with respect to {', '.join(record.wrt)}.",
             f"# Exported by tangentish {_version()} from {origin}. A generated file: do not edit "
             "it; export it again" + (f":\n#     {command}" if command else "."),
             f"# It needs NumPy and {stem}_runtime.py (next to this file), not tangentish."]
    if mode == "vjp":
        lines += [f"# Use: output, residuals = {names[0]}(...); then, once per cotangent,",
                  f"#      {names[1]}(residuals, cotangent). The cotangent is used as given: "
                  "real, of the output's shape."]
    if modules:
        needs = ", ".join(f"`{m}`" for m in modules)
        lines.append(f"# It imports names from {needs}: importable (on sys.path) where it is used.")
    lines += [f"# Note: {warning}." for warning in warnings]
    lines.append("# Arguments are used as given (tangentish.grad would promote integers to float).")
    return lines


def _definitions(functions: list[_Function], bindings: Mapping[str, tuple]) -> str:
    """The functions' texts, then the names callers use for helpers the export renamed."""
    texts = [f"{function.comment}\n{_text(function)}" if function.comment else _text(function)
             for function in functions]
    renamed = "\n".join(f"{name} = {how[1]}" for name, how in sorted(bindings.items())
                        if how[0] == "def" and how[1] != name)
    return "\n\n\n".join(texts + ([renamed] if renamed else []))


def build_export(f: Callable, wrt: Any = 0, mode: str = "grad", *, stem: str,
                 origin: str | None = None, command: str | None = None,
                 module_names: Mapping[str, str] | None = None) -> Export:
    """The standalone module ``<stem>.py`` and its runtime ``<stem>_runtime.py`` for the derivative
    of ``f`` (``mode`` "grad", "value_and_grad", "jvp" or "vjp").  ``module_names`` renames
    modules in the imports it writes (a file loaded under a private module name → its importable
    name)."""
    if mode not in _TRANSFORMS:
        raise ExportError(f"cannot export mode {mode!r}", hint=f"use one of {sorted(_TRANSFORMS)}")
    if not stem.isidentifier():
        raise ExportError(f"{stem!r} is not a module name", hint="name the output like loss_grad.py")
    aliases = dict(module_names or {})
    record: Record = _TRANSFORMS[mode](f, wrt=wrt).record
    if record.outputs is not None:
        raise ExportError(f"{record.of} returns a dict, namedtuple or dataclass, which its "
                          "derivative rebuilds around the generated code: exported alone, it "
                          "would return the flat tuple of the leaves",
                          hint="export a function that returns a tuple of the same values")
    functions, names = _functions(record)
    bindings = _bindings(functions, names, aliases)
    modules = sorted({how[1] for how in bindings.values() if how[0] == "from"})
    warnings = [f"{m} imports tangentish, so importing {stem}.py (which imports {m}) needs "
                "tangentish after all" for m in modules if _uses_tangentish(m, aliases)]
    runtime_module = f"{stem}_runtime"
    public = [function.name for function in functions if not function.comment]
    head = [*_header(stem, record, mode, origin or f"{getattr(f, '__module__', '?')}:"
                     f"{getattr(f, '__qualname__', '?')}", command, modules, warnings, public),
            *_import_lines(bindings, runtime_module)]
    text = "\n".join(head) + "\n\n\n" + _definitions(functions, bindings) + \
        f"\n\n\n__all__ = {public!r}\n"
    helpers = sorted({name for function in functions for name in function.record.runtime})
    runtime_text = (f"# {runtime_module}.py: the tangentish.runtime helpers that {stem}.py calls, "
                    f"copied from\n# tangentish {_version()}. A generated file: do not edit it. "
                    "It imports NumPy and the standard library only.\n\n"
                    + runtime_source(helpers))
    compile(text, f"{stem}.py", "exec")
    compile(runtime_text, f"{runtime_module}.py", "exec")
    return Export(public[0], text, runtime_module, runtime_text, modules, warnings,
                  [function.name for function in functions])


def write_export(exported: Export, path: str | Path) -> tuple[Path, Path]:
    """Write ``path`` and the runtime file next to it; returns both paths."""
    path = Path(path)
    runtime_path = path.with_name(f"{exported.runtime_module}.py")
    path.write_text(exported.text, encoding="utf-8")
    runtime_path.write_text(exported.runtime_text, encoding="utf-8")
    return path, runtime_path


__all__ = ["Export", "ExportError", "build_export", "runtime_source", "write_export"]

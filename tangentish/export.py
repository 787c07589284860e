"""Export a derivative as standalone Python: NumPy and the standard library, no tangentish.

::

    from tangentish.export import build_export, write_export

    exported = build_export(loss, wrt="w", stem="loss_grad")
    write_export(exported, "loss_grad.py")       # also writes loss_grad_runtime.py next to it

or, from the command line, ``tangentish export model.py:loss --wrt w -o loss_grad.py``.  Two files:

* ``loss_grad.py``: a header comment, ``import numpy as np``, ``import math``, the runtime import
  (``import loss_grad_runtime as _rt``), one ``from <module> import <names>`` line per module whose
  names the derivative reads (the user's globals and helper functions, names that custom rules
  take from their own modules), then the generated derivative and its helpers' derivatives;
* ``loss_grad_runtime.py``: the source text, copied from :mod:`tangentish.runtime`, of exactly the
  helpers the derivative calls (``_rt.NAME``) plus the private functions and constants they use,
  with the imports they need; tangentish's exception classes become local stand-ins.

The exported file imports the user's modules, so they must be importable where it is used (and if
they import tangentish themselves, tangentish is needed after all: :attr:`Export.warnings` says so).
Arguments are used as given: the export does not promote integer arguments to float as
``tangentish.grad`` does.
"""

from __future__ import annotations

import ast
import builtins
import inspect
import re
import symtable
import sys
import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import api, runtime
from .errors import TangentishError

_MACHINERY = {"np", "math", "_rt"}
_DERIVATIVES: dict[str, Callable] = {"grad": api.grad, "value_and_grad": api.value_and_grad,
                                     "jvp": api.jvp}
_WHAT = {"grad": "the gradient", "value_and_grad": "the value and gradient",
         "jvp": "the value and directional derivative (forward mode)"}
_SEPARATOR = re.compile(r"\n*^(# derivative of the helper .*, called above)\n", re.M)


class ExportError(TangentishError):
    """The derivative cannot be written as a standalone module."""


@dataclass
class Export:
    """The two files of an exported derivative, as text."""

    function: str  # the exported derivative's name, e.g. grad_loss_wrt_w
    text: str  # <stem>.py
    runtime_module: str  # <stem>_runtime
    runtime_text: str  # <stem>_runtime.py
    modules: list[str] = field(default_factory=list)  # the user modules it imports from
    warnings: list[str] = field(default_factory=list)


# -- the generated text ------------------------------------------------------------------------------


def _chunks(source: str) -> list[tuple[str, str]]:
    """The source as (separator comment, one function's text) pairs, helper duplicates dropped."""
    parts = _SEPARATOR.split(source.strip("\n"))
    pairs = [("", parts[0])] + list(zip(parts[1::2], parts[2::2], strict=True))
    chunks: dict[str, tuple[str, str]] = {}
    for comment, text in pairs:
        text = text.strip("\n")
        name = _def_name(text)
        if name in chunks and chunks[name][1] != text:
            raise ExportError(f"the generated source defines {name}() twice, differently",
                              hint="report this: helpers' derivatives should be unique")
        chunks.setdefault(name, (comment, text))
    return list(chunks.values())


def _def_name(text: str) -> str:
    tree = ast.parse(text)
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.FunctionDef):
        raise ExportError("unexpected generated source: expected one function per section")
    return tree.body[0].name


def _free_names(text: str) -> set[str]:
    """Names one function's text reads from outside itself (defaults included)."""
    table = symtable.symtable(text, "<derivative>", "exec")
    names = {s.get_name() for s in table.get_symbols() if s.is_referenced() and not s.is_assigned()}
    stack = list(table.get_children())
    while stack:
        scope = stack.pop()
        names.update(s.get_name() for s in scope.get_symbols() if s.is_global())
        stack.extend(scope.get_children())
    return names


def _live_functions(main: types.FunctionType, names: Iterable[str]) -> dict[str, Any]:
    """The compiled functions behind the text's definitions, found through closure cells."""
    wanted, live, todo = set(names), {main.__name__: main}, [main]
    while todo:
        fn = todo.pop()
        for name, cell in zip(fn.__code__.co_freevars, fn.__closure__ or (), strict=True):
            value = _cell_value(cell)
            if name in wanted and name not in live and isinstance(value, types.FunctionType):
                live[name] = value
                todo.append(value)
    return live


_EMPTY = object()


def _cell_value(cell: types.CellType) -> Any:
    try:
        return cell.cell_contents
    except ValueError:  # an empty cell: a closure variable not assigned yet
        return _EMPTY


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
    if value is _EMPTY:
        raise ExportError(f"the derivative reads {name!r} from a closure, where it has no value yet")
    if isinstance(value, types.ModuleType):
        return ("import", value.__name__)
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


def _resolve(name: str, fn: types.FunctionType, aliases: Mapping[str, str]) -> tuple[tuple, Any]:
    """(how to bind ``name`` in the exported file, its value), read the way ``fn`` reads it."""
    cells = dict(zip(fn.__code__.co_freevars, fn.__closure__ or (), strict=True))
    if name in cells:
        value = _cell_value(cells[name])
        return _home(name, value, aliases), value
    if name in fn.__globals__:
        module = _module_name(fn.__globals__.get("__name__"), aliases)
        return ("from", module, name), fn.__globals__[name]
    if hasattr(builtins, name):
        return ("builtin",), getattr(builtins, name)
    raise ExportError(f"the derivative reads {name!r}, which its module "
                      f"{fn.__globals__.get('__name__')} does not define")


def _bindings(chunks: list[tuple[str, str]], main: types.FunctionType,
              aliases: Mapping[str, str]) -> dict[str, tuple]:
    defined = {_def_name(text) for _, text in chunks}
    live = _live_functions(main, defined)
    found: dict[str, tuple[tuple, Any]] = {}
    for _, text in chunks:
        fn = live.get(_def_name(text), main)
        for name in sorted(_free_names(text) - defined - _MACHINERY):
            how, value = _resolve(name, fn, aliases)
            if name in found and found[name][1] is not value:
                raise ExportError(f"the derivative's functions read two different values "
                                  f"called {name!r}", hint="rename one of them")
            found[name] = (how, value)
    return {name: how for name, (how, _) in found.items() if how[0] != "builtin"}


def _import_lines(bindings: dict[str, tuple]) -> list[str]:
    lines, froms = [], {}
    for name, how in sorted(bindings.items()):
        if how[0] == "import":
            lines.append(f"import {how[1]}" if how[1] == name else f"import {how[1]} as {name}")
        elif how[0] == "from":
            froms.setdefault(how[1], []).append(how[2] if how[2] == name else f"{how[2]} as {name}")
    lines += [f"from {module} import {', '.join(names)}" for module, names in sorted(froms.items())]
    lines += [f"{name} = {how[1]}" for name, how in sorted(bindings.items()) if how[0] == "literal"]
    return lines


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


# -- the runtime file ----------------------------------------------------------------------------------


def _bound_names(node: ast.stmt) -> list[str]:
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(a.asname or a.name).split(".")[0] for a in node.names]
    return []


def _needed(tree: ast.Module, names: Iterable[str]) -> set[str]:
    """``names`` and, transitively, the runtime's top-level names their definitions mention."""
    defining = {name: node for node in tree.body for name in _bound_names(node)}
    needed: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in needed:
            continue
        if name not in defining:
            raise ExportError(f"the derivative calls _rt.{name}, which tangentish.runtime lacks")
        needed.add(name)
        node = defining[name]
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            todo += [n.id for n in ast.walk(node) if isinstance(n, ast.Name) and n.id in defining]
    return needed


def _stand_in(name: str, module: str) -> str:
    """A local class for an exception that the runtime imports from the rest of tangentish."""
    cls = getattr(sys.modules[f"tangentish.{module}"], name)
    if not (isinstance(cls, type) and issubclass(cls, Exception)):
        raise ExportError(f"tangentish.runtime uses {name} from tangentish.{module}, which an "
                          "export cannot copy")
    base = next(b for b in cls.__mro__ if b.__module__ == "builtins")
    return (f"class {name}({base.__name__}):\n"
            f'    """Stand-in for tangentish.{module}.{name}: this file needs no tangentish."""\n\n'
            "    def __init__(self, message, location=None, hint=None):\n"
            '        super().__init__(f"{message}\\nhint: {hint}" if hint else message)\n'
            "        self.message, self.location, self.hint = message, location, hint")


def _import_text(node: ast.Import | ast.ImportFrom, needed: set[str]) -> list[str]:
    keep = [a for a in node.names if (a.asname or a.name).split(".")[0] in needed
            or isinstance(node, ast.ImportFrom) and node.module == "__future__"]
    if not keep:
        return []
    if isinstance(node, ast.ImportFrom) and node.level:  # from ..errors import ...
        return [_stand_in(a.asname or a.name, (node.module or "").split(".")[-1]) for a in keep]
    clause = ", ".join(a.name if a.asname is None else f"{a.name} as {a.asname}" for a in keep)
    return [f"from {node.module} import {clause}" if isinstance(node, ast.ImportFrom)
            else f"import {clause}"]


def _runtime_modules() -> list[types.ModuleType]:
    """The runtime's family modules (helpers and the private plumbing they share)."""
    return [module for name, module in sorted(sys.modules.items())
            if name.startswith(f"{runtime.__name__}.") and isinstance(module, types.ModuleType)]


def runtime_source(names: Iterable[str]) -> str:
    """The imports and the source text of the runtime helpers ``names`` and what they use, from
    every family module of :mod:`tangentish.runtime`, as one file."""
    sources = [inspect.getsource(module) for module in _runtime_modules()]
    trees = [ast.parse(source) for source in sources]
    merged = ast.Module(body=[node for tree in trees for node in tree.body
                              if not (isinstance(node, ast.ImportFrom) and node.level == 1)],
                        type_ignores=[])
    needed = _needed(merged, names)
    imports, stand_ins, definitions = [], [], []
    for source, tree in zip(sources, trees, strict=True):
        lines = source.splitlines()
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                if isinstance(node, ast.ImportFrom) and node.level == 1:
                    continue  # a sibling family: its definitions are copied too
                for text in _import_text(node, needed):
                    target = stand_ins if text.startswith("class ") else imports
                    if text not in target:
                        target.append(text)
            elif set(_bound_names(node)) & needed:
                first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
                while first > 1 and lines[first - 2].startswith("#") and \
                        not lines[first - 2].startswith("# --"):
                    first -= 1  # the comment right above a definition belongs to it
                definitions.append("\n".join(lines[first - 1:node.end_lineno]))
    return "\n\n\n".join([_grouped(imports), *stand_ins, *definitions]) + "\n"


def _grouped(imports: list[str]) -> str:
    """Import lines in the usual groups: __future__, the standard library, the rest."""
    def group(line: str) -> int:
        module = line.split()[1].split(".")[0]
        return 0 if module == "__future__" else 1 if module in sys.stdlib_module_names else 2

    groups = [[line for line in imports if group(line) == g] for g in range(3)]
    return "\n\n".join("\n".join(lines) for lines in groups if lines)


def _reads(text: str, name: str) -> bool:
    return any(isinstance(node, ast.Name) and node.id == name for node in ast.walk(ast.parse(text)))


def runtime_names(text: str) -> set[str]:
    """The ``_rt.NAME`` attributes that generated code reads."""
    return {node.attr for node in ast.walk(ast.parse(text)) if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name) and node.value.id == "_rt"}


# -- putting it together -------------------------------------------------------------------------------


def _version() -> str:
    return getattr(sys.modules.get("tangentish"), "__version__", "unknown")


def _header(stem: str, derivative: Any, mode: str, f: Any, origin: str, command: str | None,
            modules: list[str], warnings: list[str]) -> list[str]:
    name = getattr(f, "__qualname__", getattr(f, "__name__", "f"))
    wrt = ", ".join(getattr(derivative, "wrt", ())) or "?"
    lines = [f"# {stem}.py: {_WHAT[mode]} of {name} with respect to {wrt}.",
             f"# Exported by tangentish {_version()} from {origin}. A generated file: do not edit "
             "it; export it again" + (f":\n#     {command}" if command else "."),
             f"# It needs NumPy and {stem}_runtime.py (next to this file), not tangentish."]
    if modules:
        needs = ", ".join(f"`{m}`" for m in modules)
        lines.append(f"# It imports names from {needs}: importable (on sys.path) where it is used.")
    lines += [f"# Note: {warning}." for warning in warnings]
    lines.append("# Arguments are used as given (tangentish.grad would promote integers to float).")
    return lines


def build_export(f: Callable, wrt: Any = 0, mode: str = "grad", *, stem: str,
                 origin: str | None = None, command: str | None = None,
                 module_names: Mapping[str, str] | None = None) -> Export:
    """The standalone module ``<stem>.py`` and its runtime ``<stem>_runtime.py`` for the derivative
    of ``f`` (``mode`` "grad", "value_and_grad" or "jvp").  ``module_names`` renames modules in
    the imports it writes (a file loaded under a private module name → its importable name)."""
    if mode not in _DERIVATIVES:
        raise ExportError(f"cannot export mode {mode!r}", hint=f"use one of {sorted(_DERIVATIVES)}")
    if not stem.isidentifier():
        raise ExportError(f"{stem!r} is not a module name", hint="name the output like loss_grad.py")
    aliases = dict(module_names or {})
    derivative = _DERIVATIVES[mode](f, wrt=wrt)
    main = inspect.unwrap(derivative)
    chunks = _chunks(derivative.source)
    bindings = _bindings(chunks, main, aliases)
    modules = sorted({how[1] for how in bindings.values() if how[0] == "from"})
    body = "\n\n\n".join(f"{comment}\n{text}" if comment else text for comment, text in chunks)
    warnings = [f"{m} imports tangentish, so importing {stem}.py (which imports {m}) needs "
                "tangentish after all" for m in modules if _uses_tangentish(m, aliases)]
    runtime_module = f"{stem}_runtime"
    origin = origin or f"{getattr(f, '__module__', '?')}:{getattr(f, '__qualname__', '?')}"
    imports = _import_lines(bindings)
    head = [*_header(stem, derivative, mode, f, origin, command, modules, warnings),
            "", "import math" + ("" if _reads(body, "math") else "  # noqa: F401 (unused here)"),
            "", "import numpy as np", "",
            "try:  # inside a package: the runtime file next to this one",
            f"    from . import {runtime_module} as _rt",
            "except ImportError:  # a top-level module",
            f"    import {runtime_module} as _rt", *([""] + imports if imports else [])]
    text = "\n".join(head) + f"\n\n\n{body}\n\n\n__all__ = [{main.__name__!r}]\n"
    runtime_text = (f"# {runtime_module}.py: the tangentish.runtime helpers that {stem}.py calls, "
                    f"copied from\n# tangentish {_version()}. A generated file: do not edit it. "
                    "It imports NumPy and the standard library only.\n\n"
                    + runtime_source(runtime_names(body)))
    compile(text, f"{stem}.py", "exec")
    compile(runtime_text, f"{runtime_module}.py", "exec")
    return Export(main.__name__, text, runtime_module, runtime_text, modules, warnings)


def write_export(exported: Export, path: str | Path) -> tuple[Path, Path]:
    """Write ``path`` and the runtime file next to it; returns both paths."""
    path = Path(path)
    runtime_path = path.with_name(f"{exported.runtime_module}.py")
    path.write_text(exported.text, encoding="utf-8")
    runtime_path.write_text(exported.runtime_text, encoding="utf-8")
    return path, runtime_path

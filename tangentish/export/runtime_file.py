"""The runtime file of an export: the source of exactly the :mod:`tangentish.runtime` helpers the
exported derivative calls, with what they use, as one module that needs no tangentish.

The helpers' definitions are copied as text from the runtime's family modules (with the comment
right above each), their imports kept when used, and the exceptions they import from tangentish
replaced by local stand-ins of the same name and built-in base class.
"""

from __future__ import annotations

import ast
import functools
import inspect
import sys
import types
from collections.abc import Iterable

from .. import runtime
from ..errors import TangentishError
from ..syntax.tree_walk import walk


class ExportError(TangentishError):
    """The derivative cannot be written as a standalone module."""


def _bound_names(node: ast.stmt) -> list[str]:
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return [n.id for t in targets for n in walk(t) if isinstance(n, ast.Name)]
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
            todo += [n.id for n in walk(node) if isinstance(n, ast.Name) and n.id in defining]
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
    runtime.families()  # (each is otherwise imported on the first use of one of its helpers)
    return [module for name, module in sorted(sys.modules.items())
            if name.startswith(f"{runtime.__name__}.") and isinstance(module, types.ModuleType)]


def runtime_source(names: Iterable[str]) -> str:
    """The imports and the source text of the runtime helpers ``names`` and what they use, from
    every family module of :mod:`tangentish.runtime`, as one file."""
    sources = tuple(inspect.getsource(module) for module in _runtime_modules())
    trees, merged = _parsed(sources)
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


@functools.lru_cache(maxsize=2)
def _parsed(sources: tuple[str, ...]) -> tuple[list[ast.Module], ast.Module]:
    """The family modules' trees, and one module holding their top-level statements (less the
    imports of sibling families), kept per process for the same texts (they are only read)."""
    trees = [ast.parse(source) for source in sources]
    merged = ast.Module(body=[node for tree in trees for node in tree.body
                              if not (isinstance(node, ast.ImportFrom) and node.level == 1)],
                        type_ignores=[])
    return trees, merged


def _grouped(imports: list[str]) -> str:
    """Import lines in the usual groups: __future__, the standard library, the rest."""
    def group(line: str) -> int:
        module = line.split()[1].split(".")[0]
        return 0 if module == "__future__" else 1 if module in sys.stdlib_module_names else 2

    groups = [[line for line in imports if group(line) == g] for g in range(3)]
    return "\n\n".join("\n".join(lines) for lines in groups if lines)

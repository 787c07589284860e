"""The package's shape, enforced: no import cycles, layers that point down, modules and functions
that fit on a screen.

The import graph is read from the source (``ast``), not from a running interpreter, so it sees
every import: module level, inside functions, under ``if TYPE_CHECKING:``, and the lazy imports
of ``tangentish/__init__.py`` (its ``_LAZY`` table).  An import of a package's submodule is an edge
to that submodule (the package's own ``__init__`` runs first in any case); an import of a name is
an edge to the module that defines it.
"""

from __future__ import annotations

import ast
import builtins
import functools
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tangentish"

# Layers, lowest first: a module may import its own layer and the layers below, never above.
# A module is in the layer of its longest listed prefix; a module listed nowhere is at the top
# (it may import anything, and nothing listed may import it).
LAYERS = [
    ("tangentish.errors", "tangentish.runtime", "tangentish.collector", "tangentish.markers",
     "tangentish.lazy", "tangentish.layouts"),
    ("tangentish.ir", "tangentish.syntax", "tangentish.registry", "tangentish.libraries",
     "tangentish.rule_source",
     "tangentish.records", "tangentish.positions", "tangentish.rule_forms", "tangentish.extend",
     "tangentish.distributions",
     "tangentish.rules", "tangentish.rule_gaps",
     "tangentish.arguments", "tangentish.source_files", "tangentish.callables", "tangentish.display",
     "tangentish.provenance", "tangentish.trampolines"),
    ("tangentish.passes", "tangentish.loader"),
    ("tangentish.pipeline", "tangentish.front", "tangentish.cache", "tangentish.specialize",
     "tangentish.pullback", "tangentish.fastcall", "tangentish.persist", "tangentish.stale",
     "tangentish.layout_checks"),
    ("tangentish.api", "tangentish.structured"),
    ("tangentish.checking", "tangentish.export", "tangentish.rule_listing", "tangentish.dense"),
]

# The transformation core never reaches the user-facing modules, however indirectly.
CORE = ("tangentish.passes", "tangentish.syntax", "tangentish.rules")
USER_FACING = ("tangentish.api", "tangentish.cli", "tangentish.export", "tangentish.checking")

# Import cycles that remain, each with what closes it (none: the lowering modules share
# passes/lowering.py's state class, the adjoint of one statement sees passes/sweep.py's, and loop
# lowering its owner through a Protocol).  The test fails when one appears or one listed here
# disappears, so the list only shrinks.
KNOWN_CYCLES: dict[frozenset[str], str] = {}

# Modules that import a module named at run time, and what they import that way.
DYNAMIC_IMPORTS = {
    "tangentish.lazy": "the modules of tangentish's _LAZY table and of the runtime's _FAMILIES "
                       "(edges added below)",
    "tangentish.cli": "the user's module named on the command line",
    "tangentish.syntax.imports": "what the differentiated function's own import statements name",
    "tangentish.rule_listing": "scipy.special, listed when it is installed",
    "tangentish.runtime": "every family module, for families() (as listed in _FAMILIES)",
    "tangentish.registry": "a rules module waiting for the module it covers (scipy.special's) "
                           "or for a question about its keys (the runtime helpers')",
}

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
MAX_CLASS_LINES = 300  # a list of methods that each fit on a screen; never a 700-line visitor
# Definitions (qualified name → why) and modules (name → why) allowed above the limits.
LONG_FUNCTIONS: dict[str, str] = {}
LONG_MODULES: dict[str, str] = {}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


@functools.cache
def trees() -> dict[str, ast.Module]:
    """Every module's tree, parsed on first use (not at collection: a sharded run may need none)."""
    return {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _targets(name: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The tangentish modules one import statement of module ``name`` imports."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in MODULES}
    base = node.module or ""
    if node.level:
        parts = name.split(".") if _is_package(name) else name.split(".")[:-1]
        parts = parts[:len(parts) - node.level + 1]
        base = ".".join(parts + ([node.module] if node.module else []))
    found = set()
    for alias in node.names:
        if f"{base}.{alias.name}" in MODULES:
            found.add(f"{base}.{alias.name}")
        elif base in MODULES:
            found.add(base)
    return found


def _lazy_modules(package: str, table: str) -> set[str]:
    """The submodules a package loads on first use (tangentish.lazy), named by its ``table``: a
    dict of name → module (``tangentish``'s ``_LAZY``) or of module → names (the runtime's)."""
    for node in trees()[package].body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets] == [table]:
            value = ast.literal_eval(node.value)
            modules = value.values() if package == "tangentish" else value
            return {f"{package}.{module}" for module in modules}
    raise AssertionError(f"{package} has no {table} table")


def _graph() -> dict[str, set[str]]:
    graph = {name: set() for name in MODULES}
    for name, tree in trees().items():
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                graph[name] |= _targets(name, node)
        graph[name].discard(name)
    graph["tangentish"] |= _lazy_modules("tangentish", "_LAZY")
    graph["tangentish.runtime"] |= _lazy_modules("tangentish.runtime", "_FAMILIES")
    return graph


@functools.cache
def graph() -> dict[str, set[str]]:
    """:func:`_graph`, made once, on first use."""
    return _graph()


def _cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        component.add(top)
                        if top == node:
                            break
                    if len(component) > 1:
                        found.append(frozenset(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def _layer(name: str) -> int:
    best, layer = -1, len(LAYERS)
    for number, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (name == prefix or name.startswith(prefix + ".")) and len(prefix) > best:
                best, layer = len(prefix), number
    return layer


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _reachable(start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for target in graph()[todo.pop()] - seen:
            seen.add(target)
            todo.append(target)
    return seen


# -- imports -----------------------------------------------------------------------------------


def test_the_graph_sees_every_kind_of_import():
    """Guards the walker itself: function-level, TYPE_CHECKING, relative and lazy imports."""
    assert "tangentish.api" in graph()["tangentish.checking.sources"]  # inside a function
    guarded = ast.parse("if TYPE_CHECKING:\n    from .passes.flow import COMPARES\n")
    imports = [n for n in ast.walk(guarded) if isinstance(n, ast.ImportFrom)]  # as _graph does
    assert _targets("tangentish.pipeline", imports[0]) == {"tangentish.passes.flow"}
    assert "tangentish.passes.flow" in graph()["tangentish.passes.normalize"]  # module level
    assert "tangentish.syntax.build" in graph()["tangentish.pipeline"]  # from .syntax.build
    assert {"tangentish.api", "tangentish.checking"} <= graph()["tangentish"]  # _LAZY
    assert "tangentish" not in graph()["tangentish.passes.lower"]  # `from .. import ir`


def test_no_import_cycles():
    cycles = set(_cycles(graph()))
    new = [sorted(c) for c in cycles - set(KNOWN_CYCLES)]
    gone = [sorted(c) for c in set(KNOWN_CYCLES) - cycles]
    assert not new, f"import cycles: {new}"
    assert not gone, f"these cycles are gone: remove them from KNOWN_CYCLES: {gone}"


def test_layers_point_down():
    upward = [f"{name} (layer {_layer(name)}) imports {target} (layer {_layer(target)})"
              for name, targets in sorted(graph().items()) for target in sorted(targets)
              if _layer(target) > _layer(name)]
    assert not upward, "\n".join(upward)


def test_the_core_never_reaches_the_user_facing_modules():
    reached = {name: sorted(t for t in _reachable(name) if _under(t, USER_FACING))
               for name in MODULES if _under(name, CORE)}
    bad = {name: found for name, found in reached.items() if found}
    assert not bad, f"core modules reaching user-facing ones: {bad}"


def test_imports_of_modules_named_at_run_time_are_declared():
    found = set()
    for name, tree in trees().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "import_module" or \
                    isinstance(node, ast.Name) and node.id == "__import__":
                found.add(name)
    assert found == set(DYNAMIC_IMPORTS)


# -- sizes -------------------------------------------------------------------------------------


def _definitions():
    """(qualified name, kind, lines) of every function and class, nested ones included."""
    for module, tree in trees().items():
        todo = [(module, node) for node in tree.body]
        while todo:
            prefix, node = todo.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                first = min([node.lineno] + [d.lineno for d in node.decorator_list])
                kind = "class" if isinstance(node, ast.ClassDef) else "function"
                yield f"{prefix}.{node.name}", kind, node.end_lineno - first + 1
                prefix = f"{prefix}.{node.name}"
            todo += [(prefix, child) for child in ast.iter_child_nodes(node)]


def test_modules_fit():
    lines = {name: len(path.read_text(encoding="utf-8").splitlines())
             for name, path in MODULES.items()}
    long = {name: n for name, n in lines.items() if n > MAX_MODULE_LINES}
    assert set(long) == set(LONG_MODULES), f"modules above {MAX_MODULE_LINES} lines: {long}"


def test_functions_and_classes_fit_on_a_screen():
    long = {name: n for name, kind, n in _definitions()
            if n > (MAX_FUNCTION_LINES if kind == "function" else MAX_CLASS_LINES)}
    assert set(long) == set(LONG_FUNCTIONS), f"definitions too long: {long}"


def test_no_module_is_named_after_the_standard_library_or_a_builtin():
    clashes = [name for name in MODULES if name.split(".")[-1] in sys.stdlib_module_names
               or hasattr(builtins, name.split(".")[-1])]
    assert not clashes


def test_each_runtime_helper_has_one_home():
    """A name of ``_rt`` is listed in one family and is that family's own object, also after
    every family module is imported: a name in two families silently took the later one's
    function (``_rt.reached``, the helper probes, once also named a solve's adjoint: the probes
    called the solve, nested mode crashed, grammar fuzz seed 10750 program 0), and a helper
    named as its module (``_rt.solve_reach``) was the module once that was imported."""
    from tangentish import runtime

    listed = [name for names in runtime._FAMILIES.values() for name in names]
    assert sorted({name for name in listed if listed.count(name) > 1}) == []
    modules = dict(zip(sorted(runtime._FAMILIES), runtime.families(), strict=True))
    for family, names in runtime._FAMILIES.items():
        assert [name for name in names if getattr(runtime, name) is not getattr(
            modules[family], name, None)] == [], family

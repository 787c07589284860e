"""syntax/tree_walk.py: ``walk`` is ``ast.walk`` (same nodes, same order, same moment a node's
children are read), cheaper; the package walks with it only (issue 12: ``ast.walk``'s generators
were one of the largest costs of a first ``grad()``)."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import gast
import pytest
from node_kinds import covering

from tangentish.syntax.node_walks import child_fields, children, node_fields, node_list
from tangentish.syntax.tree_walk import walk

PACKAGE = Path(__file__).resolve().parent.parent / "tangentish"
SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("parse", [ast.parse, gast.parse], ids=["ast", "gast"])
def test_the_same_nodes_in_the_same_order_on_modules_holding_every_kind_of_node(parse):
    """The walker reads a node's fields by its kind: the package's modules holding between them
    every kind of node the package holds are walked as ``ast.walk`` walks them."""
    chosen, kinds = covering(tuple(SOURCES))
    assert len(kinds) > 60 and len(chosen) < len(SOURCES) // 4
    for path in chosen:
        tree = parse(path.read_text(encoding="utf-8"))
        expected, got = list(ast.walk(tree)), list(walk(tree))
        assert len(got) == len(expected), path
        assert all(a is b for a, b in zip(got, expected, strict=True)), path
        if parse is gast.parse:  # (the passes' walks skip the fields that never hold a node)
            assert not [(n, f) for n in got for f in _skipped(n.__class__)
                        if _holds_nodes(getattr(n, f, None))], path


@functools.cache
def _skipped(kind: type) -> tuple[str, ...]:
    """The fields :func:`node_list`, :func:`children`... do not read (besides ``ctx``)."""
    return tuple(f for f in child_fields(kind) if f not in node_fields(kind))


def _holds_nodes(value) -> bool:
    return isinstance(value, gast.AST) or isinstance(value, list) and any(
        isinstance(v, gast.AST) for v in value)


def test_the_passes_walks_read_the_fields_that_hold_nodes():
    tree = gast.parse("def f(x: int, *a, k=1, **kw) -> int:\n"
                      "    try:\n        y = g(x, k=a[0].b)\n    except E as e:\n        y = e\n"
                      "    return [v for v in y if v]")
    listed = node_list(tree)
    assert len(listed) == len(list(gast.walk(tree))) - sum(  # (all of gast.walk's but contexts)
        isinstance(n, gast.expr_context) for n in gast.walk(tree))
    assert {id(c) for n in listed for c in children(n)} == {id(n) for n in listed[1:]}


def _rewritten(walker, source: str, replace_first: bool) -> list[str]:
    """The node kinds ``walker`` yields while the caller replaces the first ``Call`` it meets
    (``replace_first``: its arguments; else the arguments of a call queued but not yet met)."""
    tree = ast.parse(source)
    seen, queued = [], [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    for node in walker(tree):
        seen.append(type(node).__name__)
        if isinstance(node, ast.Call) and node is queued[0]:
            target = node if replace_first else queued[-1]
            target.args = [ast.Constant(value=1), ast.Name(id="fresh", ctx=ast.Load())]
    return seen


@pytest.mark.parametrize("replace_first", [True, False], ids=["yielded-node", "queued-node"])
def test_a_tree_changed_during_the_walk_is_walked_as_ast_walk_walks_it(replace_first):
    source = "y = f(g(a, b), h(c))\nz = k(d)\n"
    assert _rewritten(walk, source, replace_first) == _rewritten(ast.walk, source, replace_first)


def test_edge_trees():
    for node in (ast.Load(), gast.Constant(value=1.0, kind=None), ast.parse("")):
        assert list(walk(node)) == list(ast.walk(node))


def test_the_package_never_walks_with_ast_walk():
    """``ast.walk``/``gast.walk`` cost a transform three times :func:`walk`'s."""
    pattern = re.compile(r"(?<![\w.])g?ast\.walk\(")
    found = [f"{path.relative_to(PACKAGE.parent)}:{number}"
             for path in SOURCES if path.name != "tree_walk.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert found == []

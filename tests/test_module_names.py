"""A module-level name is bound once: a second `_PATTERN = re.compile(...)` further down a module silently replaces
the first for every function that reads it (a rule's regex taken over by another rule's), which no type check sees."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "claimcheck"
RULES = Path(__file__).resolve().parent.parent / "rules"
MODULES = sorted([*PACKAGE.rglob("*.py"), *RULES.rglob("*.py")])


def _bound_twice(tree: ast.Module) -> list[str]:
    seen: dict[str, int] = {}
    twice = []
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            targets = [node.target.id]
        for name in targets:
            if name in seen:
                twice.append(f"{name} (lines {seen[name]} and {node.lineno})")
            seen.setdefault(name, node.lineno)
    return twice


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_no_module_level_name_is_bound_twice(path: Path):
    assert not _bound_twice(ast.parse(path.read_text(encoding="utf-8"))), path

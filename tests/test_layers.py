"""The pipeline in the folders: each stage imports only the stages before it (docs: DESIGN, README "Layout")."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "claimcheck"
# Foundations first, then the stages in pipeline order; the command line and the public surface last.
LAYERS = {
    "models": 0, "numbers": 0, "pack": 0, "budget": 0, "pool": 0, "patterncache": 0,
    "ingest": 1,
    "mentions": 2,
    "config": 2.5,  # settings: the grammars' conventions, read by the later stages
    "claims": 3,
    "store": 3.5,  # the claim store: claims kept between runs, read by the engine for a check
    "engine": 4,
    "report": 5,
    "cli": 6, "__init__": 6, "__main__": 6, "pytest_plugin": 6,
}


def layer_of(module: str) -> float:
    """The layer of 'claimcheck.x.y' (or of the package itself)."""
    parts = module.split(".")
    return LAYERS["__init__"] if len(parts) == 1 else LAYERS[parts[1]]


def imports_of(path: Path) -> set[str]:
    """Every claimcheck module a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("claimcheck"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("claimcheck"))
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_imports_only_earlier_stages(path: Path) -> None:
    relative = path.relative_to(PACKAGE).with_suffix("")
    name = ".".join(["claimcheck", *relative.parts])
    if name.endswith(".__init__") and name != "claimcheck.__init__":
        name = name.removesuffix(".__init__")
    own = layer_of(name) if name != "claimcheck.__init__" else LAYERS["__init__"]
    late = sorted(m for m in imports_of(path) if layer_of(m) > own)
    assert not late, f"{name} imports later stages: {', '.join(late)}"


def test_every_module_has_a_layer() -> None:
    tops = {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in MODULES}
    assert tops <= set(LAYERS)

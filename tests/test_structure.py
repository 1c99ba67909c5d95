"""The package's shape: no import cycle (lazy imports inside functions count too), and no module imports another's
private (underscore) name: a name shared between modules is public."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted((ROOT / "indicators").rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _imports(modules: dict[str, Path]) -> dict[str, list[tuple[str, str]]]:
    """Module -> (module it imports, name imported) for every import of the package, anywhere in the file."""
    found: dict[str, list[tuple[str, str]]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        pairs = []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                for alias in node.names:
                    target = f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                    pairs.append((target, alias.name))
            elif isinstance(node, ast.Import):
                pairs += [(alias.name, "") for alias in node.names]
        found[name] = [(t, n) for t, n in pairs if t in modules and t != name]
    return found


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in edges:
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle_even_through_lazy_imports() -> None:
    imports = _imports(_modules())
    edges = {m: {t for t, _ in pairs} for m, pairs in imports.items()}
    assert len(edges) > 60
    assert _cycles(edges) == []


def test_the_checker_sees_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_private_name_is_imported_from_another_module() -> None:
    imports = _imports(_modules())
    private = [
        f"{m} imports {n} from {t}"
        for m, pairs in imports.items()
        for t, n in pairs
        if n.startswith("_") and not n.startswith("__")
    ]
    assert private == []

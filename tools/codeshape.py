"""The shape of the code, checked: modules, classes and functions small enough to live in, no
import cycle between the package's modules (imports inside functions count too), and a house
that shows the pipeline: one top-level package per stage, each importing only from the stages
before it.

    python tools/codeshape.py          # prints the figures; exit status 1 when a limit is passed

Limits: a module at most 400 lines, a class at most 180, the median function at most 10 lines
(a function's lines run from its ``def`` to its last statement, docstring included); at most
12 entries in the package's folder besides ``__init__.py`` and ``__main__.py``, each a stage
named in the package's ``STAGES`` (``khumue/__init__.py``), in pipeline order; no module
imports a stage that comes after its own; every package opens with a docstring.
``tools/check.sh`` runs it; ``tests/test_codeshape.py`` holds the same limits.
"""

from __future__ import annotations

import ast
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "khumue"
MAX_MODULE_LINES = 400
MAX_CLASS_LINES = 180
MAX_MEDIAN_FUNCTION_LINES = 10
MAX_TOP_ENTRIES = 12


@dataclass
class Shape:
    """What was measured: each module's lines, each class's, each function's, and the
    import graph between the package's modules (module → the modules it imports)."""

    modules: dict[str, int] = field(default_factory=dict)
    classes: dict[str, int] = field(default_factory=dict)
    functions: dict[str, int] = field(default_factory=dict)
    imports: dict[str, set[str]] = field(default_factory=dict)
    stages: tuple[str, ...] = ()  # the package's STAGES, in pipeline order
    entries: list[str] = field(default_factory=list)  # names in the package's folder
    undocumented: list[str] = field(default_factory=list)  # packages without a docstring

    def problems(self) -> list[str]:
        """Every limit passed, every import cycle and every upward import between stages,
        as lines to print."""
        out = [f"{name}: {lines} lines (at most {MAX_MODULE_LINES})"
               for name, lines in sorted(self.modules.items()) if lines > MAX_MODULE_LINES]
        out += [f"class {name}: {lines} lines (at most {MAX_CLASS_LINES})"
                for name, lines in sorted(self.classes.items()) if lines > MAX_CLASS_LINES]
        if self.median_function > MAX_MEDIAN_FUNCTION_LINES:
            out.append(f"median function: {self.median_function} lines "
                       f"(at most {MAX_MEDIAN_FUNCTION_LINES})")
        out += [f"import cycle: {' → '.join(cycle)}" for cycle in self.cycles()]
        return out + self.house_problems()

    def house_problems(self) -> list[str]:
        """What keeps the top level from reading as the pipeline: too many entries, an entry
        that is no stage, a stage that imports a later one, a package without a docstring."""
        out = []
        if len(self.entries) > MAX_TOP_ENTRIES:
            out.append(f"top level: {len(self.entries)} entries (at most {MAX_TOP_ENTRIES}): "
                       + ", ".join(self.entries))
        if self.stages:
            out += [f"top level: {name} is not one of the stages {', '.join(self.stages)}"
                    for name in self.entries if name not in self.stages]
        out += [f"upward import: {module} imports {target} ({_stage(target)} comes after "
                f"{_stage(module)})" for module, target in self.upward_imports()]
        out += [f"package {name} has no docstring" for name in self.undocumented]
        return out

    def upward_imports(self) -> list[tuple[str, str]]:
        """(module, imported module) pairs where the import goes to a later stage."""
        rank = {stage: i for i, stage in enumerate(self.stages)}
        found = []
        for module, targets in sorted(self.imports.items()):
            here = rank.get(_stage(module))
            for target in sorted(targets):
                there = rank.get(_stage(target))
                if here is not None and there is not None and there > here:
                    found.append((module, target))
        return found

    @property
    def median_function(self) -> float:
        return statistics.median(self.functions.values()) if self.functions else 0

    def cycles(self) -> list[list[str]]:
        """Import cycles, each once, as the modules along it (first repeated at the end)."""
        found: list[list[str]] = []
        seen: set[frozenset[str]] = set()
        state: dict[str, int] = {}  # 1 on the current path, 2 done
        path: list[str] = []

        def visit(module: str) -> None:
            state[module] = 1
            path.append(module)
            for target in sorted(self.imports.get(module, ())):
                if state.get(target) == 1:
                    cycle = path[path.index(target):] + [target]
                    if frozenset(cycle) not in seen:
                        seen.add(frozenset(cycle))
                        found.append(cycle)
                elif target not in state:
                    visit(target)
            path.pop()
            state[module] = 2

        for module in sorted(self.imports):
            if module not in state:
                visit(module)
        return found


def _stage(module: str) -> str:
    """The top-level stage of a module: ``khumue.layout.engine`` → ``layout``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def measure(root: Path = ROOT, package: str = PACKAGE) -> Shape:
    """The shape of every module under ``root/package``."""
    shape = Shape()
    files = sorted((root / package).rglob("*.py"))
    names = {module_name(p, root) for p in files}
    for path in files:
        name = module_name(path, root)
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        shape.modules[name] = len(source.splitlines())
        shape.imports[name] = _imports(tree, name, path.name == "__init__.py", names)
        if path.name == "__init__.py":
            if not ast.get_docstring(tree):
                shape.undocumented.append(name)
            if name == package:
                shape.stages = _stages(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                shape.classes[f"{name}.{node.name}"] = _length(node)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                shape.functions[f"{name}.{node.name}:{node.lineno}"] = _length(node)
    shape.entries = sorted(
        p.stem if p.suffix == ".py" else p.name for p in (root / package).iterdir()
        if (p.suffix == ".py" and p.name not in ("__init__.py", "__main__.py"))
        or (p.is_dir() and p.name != "__pycache__"))
    return shape


def _stages(tree: ast.Module) -> tuple[str, ...]:
    """The package's ``STAGES = (...)``, or () when it declares none."""
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "STAGES" for t in node.targets):
            return tuple(ast.literal_eval(node.value))
    return ()


def _length(node: ast.AST) -> int:
    start = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
    return (node.end_lineno or node.lineno) - start + 1


def _imports(tree: ast.Module, name: str, is_package: bool, names: set[str]) -> set[str]:
    """The package's modules that module ``name`` imports anywhere in its code (a package
    imported for a name it holds counts as the package; ``from . import x`` as ``x``)."""
    out: set[str] = set()
    here = name.split(".") if is_package else name.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(here[:len(here) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                full = f"{base}.{alias.name}"
                if full in names:
                    out.add(full)
                elif base in names:
                    out.add(base)
    out.discard(name)
    return out


def main() -> int:
    shape = measure()
    biggest = sorted(shape.modules.items(), key=lambda kv: -kv[1])[:3]
    print(f"codeshape: {len(shape.modules)} modules (largest: "
          + ", ".join(f"{n} {lines}" for n, lines in biggest)
          + f"), largest class {max(shape.classes.values(), default=0)} lines, "
          f"median function {shape.median_function} lines; {len(shape.entries)} top-level "
          f"entries: {' → '.join(shape.stages) or 'no STAGES declared'}")
    problems = shape.problems()
    for line in problems:
        print(f"codeshape: {line}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

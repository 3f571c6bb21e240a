"""The dependency rule and the size rule of docs/architecture.md, checked on the source.

import-linter (``lint-imports``, contracts in pyproject.toml) checks the direction of module-level imports between
the apps; it cannot see an import written inside a function, which is how a cycle is usually dodged. These tests
walk the syntax tree of every project module instead.
"""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROOT_PACKAGES = ("core", "home", "news", "registry", "search", "config", "demo", "programmes")
# The apps, most specific first: a module belongs to the first one its dotted name starts with.
APPS = (
    "programmes.training",
    "programmes",
    "registry.catalogue",
    "registry.competitions",
    "registry.producers",
    "programmes",
    "core",
    "home",
    "news",
    "search",
    "config",
    "demo",
)
MAX_LINES = 500


def project_modules(skip_demo=True):
    """(dotted name, path) of every Python module of the project, without migrations (and demo code)."""
    for package in ROOT_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")) if (ROOT / package).is_dir() else []:
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts or "tests" in parts:
                continue
            if skip_demo and any("demo" in part for part in parts):
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            yield ".".join(parts), path


def app_of(module):
    """The app a dotted module name belongs to, or None for anything outside the project (Django, Wagtail, …)."""
    for app in APPS:
        if module == app or module.startswith(app + "."):
            return app
    return None


def absolute(node, module, path):
    """The absolute dotted names an Import / ImportFrom node brings in."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        return [node.module]
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    target = ".".join(base + ([node.module] if node.module else []))
    if node.module:
        return [target]
    return [f"{target}.{alias.name}" for alias in node.names]


def imports(path, module):
    """(line, imported module, inside_function) of every import of ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                found.extend((child.lineno, name, in_function) for name in absolute(child, module, path))
            visit(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    visit(tree, False)
    return found


def where(path):
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def cross_app_function_imports(modules):
    """ "file:line imports X inside a function" for every function-level import of another app."""
    problems = []
    for module, path in modules:
        own = app_of(module)
        for line, name, in_function in imports(path, module):
            target = app_of(name)
            if in_function and target is not None and target != own:
                problems.append(f"{where(path)}:{line} imports {name} inside a function")
    return problems


def test_the_walker_sees_an_import_inside_a_function(tmp_path):
    """The check itself can fail: a function-level import of another app is reported, one of a third-party
    library (imported lazily on purpose, e.g. weasyprint) or of the module's own app is not."""
    path = tmp_path / "sample.py"
    path.write_text(
        "import os\n"
        "from core.text import fold\n\n"
        "def view():\n"
        "    from registry.catalogue.models import ProductPage\n"
        "    from weasyprint import HTML\n"
        "    from .models import Entry\n"
        "    return ProductPage, HTML, Entry\n",
        encoding="utf-8",
    )
    problems = cross_app_function_imports([("registry.competitions.sample", path)])
    assert problems == [f"{path}:5 imports registry.catalogue.models inside a function"]


def test_no_app_imports_another_app_inside_a_function():
    """An import of another app written inside a function hides a dependency (usually one that dodges a cycle):
    move the code, or invert the dependency (registries, signals). Lazy imports of heavy third-party libraries
    (elasticsearch, weasyprint, openpyxl, psycopg) are allowed; they are not project apps."""
    assert cross_app_function_imports(project_modules()) == []


def test_nothing_imports_demo():
    """Demo content may import every app; no app imports it (a production install has no demo code path)."""
    problems = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for module, path in project_modules()
        if app_of(module) != "demo"
        for line, name, _in_function in imports(path, module)
        if app_of(name) == "demo"
    ]
    assert problems == []


def test_no_module_is_longer_than_500_lines():
    too_long = [
        f"{path.relative_to(ROOT)}: {count} lines"
        for _module, path in project_modules(skip_demo=False)
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    assert too_long == []


def test_search_imports_nothing_from_the_registry_even_inside_functions():
    """search/ learns what it indexes from its registry of searchable types (search/searchable.py)."""
    problems = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for module, path in project_modules()
        if app_of(module) == "search"
        for line, name, _in_function in imports(path, module)
        if app_of(name) in ("registry.catalogue", "registry.competitions", "news", "home")
    ]
    assert problems == []


def test_import_linter_contracts_are_kept():
    """The layers of pyproject.toml (config > home > news > competitions > catalogue > search > core)."""
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if command is None:
        pytest.fail("lint-imports is not installed: pip install -r requirements-dev.txt")
    result = subprocess.run([command, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:]


def test_training_imports_nothing_from_the_projects_app():
    """``programmes`` (projects, dashboard) imports ``programmes.training`` (the dashboard's number trained,
    ``training/stats.py``); the training app never imports ``programmes`` back, even inside a function."""
    problems = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for module, path in project_modules()
        if app_of(module) == "programmes.training"
        for line, name, _in_function in imports(path, module)
        if app_of(name) == "programmes"
    ]
    assert problems == []

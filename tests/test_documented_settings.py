"""Report t14, finding 9: every environment variable read by ``config/settings/`` is documented in ``.env.example``
(an example line in a paragraph with a comment) and in the README's variables table; the README says how to run the
benchmarks; the bench scripts' ``--help`` shows their whole description (it was cut mid-sentence)."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = sorted((ROOT / "config" / "settings").glob("*.py"))
BENCH_SCRIPTS = ["serve.py", "cpu_pages.py", "scale.py", "search.py", "profile_pages.py"]


def _string(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def variables_read(path):
    """Names read from the environment in ``path``: ``env("X")``, ``env.int("X")``, …, ``os.environ.get("X")``,
    ``os.environ["X"]``, ``os.getenv("X")``."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and node.args and _string(node.args[0]):
            func, base = node.func, node.func
            while isinstance(base, ast.Attribute):
                base = base.value
            environ_get = isinstance(func, ast.Attribute) and ast.unparse(func) in ("os.environ.get", "os.getenv")
            if (isinstance(base, ast.Name) and base.id == "env") or environ_get:
                names.add(node.args[0].value)
        if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ" and _string(node.slice):
            names.add(node.slice.value)
    return names


def all_variables():
    names = set().union(*(variables_read(path) for path in SETTINGS))
    assert {"SITE_URL", "PAGE_CACHE_SECONDS", "PAGE_CACHE_BROWSER_SECONDS", "SITEMAP_PAGE_SIZE"} <= names
    return sorted(names)


def example_paragraphs():
    """``.env.example`` cut at blank lines: {variable: its paragraph's lines}."""
    found = {}
    for paragraph in (ROOT / ".env.example").read_text(encoding="utf-8").split("\n\n"):
        lines = paragraph.strip().splitlines()
        for line in lines:
            match = re.match(r"([A-Z][A-Z0-9_]*)=", line)
            if match:
                found[match[1]] = lines
    return found


def readme_table():
    """The backquoted names in the first column of the README's variables table (section "Configuration")."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Configuration", 1)[1].split("\n## ", 1)[0]
    cells = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    return {name for cell in cells for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", cell)}


@pytest.mark.parametrize("name", all_variables())
def test_every_settings_variable_has_a_commented_example_line(name):
    paragraphs = example_paragraphs()
    assert name in paragraphs, f"{name} is read by config/settings/ but has no line in .env.example"
    assert any(line.startswith("#") for line in paragraphs[name]), f"{name} has no comment in .env.example"


@pytest.mark.parametrize("name", all_variables())
def test_every_settings_variable_is_in_the_readme_table(name):
    assert name in readme_table(), f"{name} is read by config/settings/ but missing from the README's table"


def test_the_readme_says_how_to_run_the_benchmarks():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Benchmarks", 1)[1].split("\n## ", 1)[0]
    for needed in ("make bench", "BAKERYDEMO=1", "bench/bakerydemo.sh", "make bench-cpu", "make bench-scale", "wrk"):
        assert needed in section, needed
    assert "minutes" in section  # how long they take


@pytest.mark.parametrize("script", BENCH_SCRIPTS)
def test_bench_help_shows_the_whole_description(script):
    path = ROOT / "bench" / script
    result = subprocess.run([sys.executable, str(path), "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    first_paragraph = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))).split("\n\n", 1)[0]
    assert " ".join(first_paragraph.split()) in " ".join(result.stdout.split())

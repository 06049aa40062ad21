"""Nothing a student receives contains solution code or hidden test code."""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

import nbformat
import pytest

from autograder.build.notebooks import COURSE_DIR
from autograder.course.registry import built_names, get_assignment
from autograder.course.sources import function_source
from autograder.course.spec import resolve

COURSE_LIB = Path(__file__).resolve().parents[2] / "course_lib"


def statements(source: str) -> list[str]:
    """Every simple statement of ``source``, normalised (docstrings and comments drop out)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    return [ast.unparse(node) for node in ast.walk(tree)
            if isinstance(node, ast.stmt) and not isinstance(node, ast.Expr)
            and not hasattr(node, "body")]


def solution_blocks(name: str) -> list[list[str]]:
    """Per exercise, the statements a student writes: the solution regions of the references
    (each region dedented on its own: a function may have several, at different depths)."""
    blocks = []
    for exercise in get_assignment(name).exercises:
        source, region, found = function_source(resolve(exercise.reference)), None, []
        for line in source.splitlines():
            if line.strip() == "### BEGIN SOLUTION":
                region = []
            elif line.strip() == "### END SOLUTION":
                found += statements(textwrap.dedent("\n".join(region)))
                region = None
            elif region is not None:
                region.append(line)
        blocks.append(found)
    return blocks


def student_material(name: str) -> tuple[dict[str, list[str]], dict[str, str]]:
    """What students receive, as (statements of code, prose): release notebook and course_lib."""
    nb = nbformat.read(COURSE_DIR / "release" / name / f"{name}.ipynb", as_version=4)
    code, prose = {}, {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            code[f"release cell {i}"] = statements(cell.source)
        else:
            prose[f"release cell {i}"] = cell.source
    for path in COURSE_LIB.rglob("*"):
        where = str(path.relative_to(COURSE_LIB))
        if path.suffix == ".py":
            code[where] = statements(path.read_text())
        elif path.suffix == ".json":
            prose[where] = path.read_text()
    return code, prose


def normalised(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def leaks(blocks, code, prose) -> list[str]:
    """Solution statements found in code, and two consecutive ones found in prose."""
    found = []
    for block in blocks:
        for where, found_statements in code.items():
            found += [f"{where}: {st}" for st in block if st in found_statements]
        lines = [" ".join(st.split()) for st in block]
        for where, text in prose.items():
            flat = normalised(text)
            found += [f"{where}: {a} / {b}" for a, b in zip(lines, lines[1:])
                      if f"{a}\n{b}" in flat]
    return found


@pytest.mark.parametrize("name", built_names())
def test_no_solution_code_reaches_students(name):
    blocks = solution_blocks(name)
    # the scan has something to look for: every exercise's statements (initialization's are two
    # lines each, as in the course)
    assert all(blocks) and sum(map(len, blocks)) >= 6
    assert not leaks(blocks, *student_material(name))


@pytest.mark.parametrize("name", built_names())
def test_no_hidden_test_reaches_students(name):
    nb = nbformat.read(COURSE_DIR / "release" / name / f"{name}.ipynb", as_version=4)
    texts = {f"release cell {i}": c.source for i, c in enumerate(nb.cells)}
    texts.update({str(p): p.read_text() for p in COURSE_LIB.rglob("*")
                  if p.suffix in (".py", ".json")})
    for where, text in texts.items():
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text, where
        if where.startswith("release"):
            assert not re.search(r"hidden_tests|score\(", text), where


def test_course_lib_does_not_import_the_graders_code():
    for path in COURSE_LIB.rglob("*.py"):
        text = path.read_text()
        assert not re.search(r"^\s*(from|import)\s+(solutions|autograder)\b", text, re.M), path


def test_the_scan_catches_planted_solutions():
    """The scan can fail: a solution statement in code, or a pasted block in prose, is found."""
    blocks = solution_blocks("optimization_methods")
    adam = max(blocks, key=len)
    planted = "def f(v, s, g, grads):\n    " + adam[1] + "\n"
    assert leaks(blocks, {"cell": statements(planted)}, {})
    assert leaks(blocks, {}, {"text": "Try this:\n" + adam[1] + "\n" + adam[2]})
    assert not leaks(blocks, {"cell": statements("x = 1")}, {"text": adam[1]})

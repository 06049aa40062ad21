"""Stubs come from the reference solutions the way nbgrader would make them."""

import nbformat
import pytest
from nbgrader.preprocessors import ClearSolutions

from autograder.course.registry import built_names, get_assignment
from autograder.course.sources import (
    MarkerError,
    clear_solutions,
    function_source,
    solution_module,
    strip_markers,
    stub_module,
)
from autograder.course.spec import resolve


def nbgrader_clear(source: str) -> str:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {"solution": True, "grade": False, "locked": False,
                                 "grade_id": "x", "schema_version": 3}
    nb.cells.append(cell)
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
    out, _ = ClearSolutions().preprocess(nb, {})
    return out.cells[0].source


@pytest.mark.parametrize("name", built_names())
def test_each_stub_is_what_nbgrader_would_make(name):
    for exercise in get_assignment(name).exercises:
        source = function_source(resolve(exercise.reference))
        assert clear_solutions(source).rstrip("\n") == nbgrader_clear(source).rstrip("\n")


@pytest.mark.parametrize("name", built_names())
def test_generated_modules_compile_and_hide_the_solution(name):
    assignment = get_assignment(name)
    stub = stub_module(assignment)
    compile(stub, "stub.py", "exec")
    compile(solution_module(assignment), "solution.py", "exec")
    assert "BEGIN SOLUTION" not in stub and "raise NotImplementedError()" in stub
    assert stub.count("# YOUR CODE HERE") >= len(assignment.exercises)
    assert "BEGIN SOLUTION" not in strip_markers(solution_module(assignment))


def test_markers_must_pair():
    with pytest.raises(MarkerError):
        clear_solutions("### BEGIN SOLUTION\nx = 1\n")
    with pytest.raises(MarkerError):
        clear_solutions("x = 1\n### END SOLUTION\n")

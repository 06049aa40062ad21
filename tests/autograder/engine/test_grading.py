"""Grading whole submissions: scores, messages, reports."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from autograder.course.registry import assignment_names
from autograder.course.sources import solution_module, strip_markers, stub_module
from autograder.engine.grading import grade
from autograder.engine.report import format_table, to_gradescope

SCHEMA = json.loads((Path(__file__).parents[1] / "gradescope_results.schema.json").read_text())


@pytest.mark.parametrize("name", assignment_names())
def test_reference_scores_full_marks_and_stub_scores_zero(graders, name):
    grader = graders(name)
    ref = grader.grade_source(strip_markers(solution_module(grader.assignment)))
    assert ref.score == ref.max_score == grader.assignment.max_score
    stub = grader.grade_source(stub_module(grader.assignment))
    assert stub.score == 0
    for e in stub.exercises:
        assert "not implemented yet" in e.feedback


def test_a_missing_function_is_named_with_a_hint(graders):
    grader = graders("optimization_methods")
    source = strip_markers(solution_module(grader.assignment)).replace(
        "def update_parameters_with_adam(", "def update_parameter_with_adam(")
    result = grader.grade_source(source)
    adam = result.exercise("update_parameters_with_adam")
    assert adam.score == 0
    assert "update_parameters_with_adam is not defined" in adam.feedback
    assert "'update_parameter_with_adam'" in adam.feedback
    assert result.score == result.max_score - adam.max_score


def test_a_failing_statement_does_not_stop_the_others(graders):
    grader = graders("optimization_methods")
    source = strip_markers(solution_module(grader.assignment))
    source = source.replace("\ndef update_lr(", "\nraise RuntimeError('oops')\n\ndef update_lr(")
    result = grader.grade_source(source)
    assert result.score == result.max_score
    assert any("RuntimeError: oops" in note for note in result.notes)


def test_json_report_has_the_documented_fields(graders):
    grader = graders("optimization_methods")
    data = grader.grade_source(stub_module(grader.assignment)).to_dict()
    assert {"assignment", "submission", "score", "max_score", "exercises"} <= set(data)
    for e in data["exercises"]:
        assert {"name", "score", "max_score", "checks", "diagnosis"} <= set(e)
        for c in e["checks"]:
            assert {"name", "passed", "message"} <= set(c)
    json.dumps(data)


@pytest.mark.parametrize("name", assignment_names())
def test_gradescope_results_validate_against_the_published_format(graders, name):
    grader = graders(name)
    for source in (stub_module(grader.assignment),
                   strip_markers(solution_module(grader.assignment))):
        data = to_gradescope(grader.grade_source(source))
        jsonschema.validate(data, SCHEMA)
        assert data["score"] == pytest.approx(sum(t["score"] for t in data["tests"]))


def test_the_schema_rejects_what_gradescope_rejects():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"tests": [{"name": "x", "visibility": "sometimes"}]}, SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"tests": [{"name": "no score anywhere"}]}, SCHEMA)


def test_table_shows_scores_and_feedback(graders):
    grader = graders("optimization_methods")
    text = format_table(grader.grade_source(stub_module(grader.assignment)))
    assert "update_parameters_with_adam" in text and "not implemented yet" in text


def test_grading_is_deterministic(graders):
    grader = graders("batchnorm_softmax")
    source = stub_module(grader.assignment).replace(
        "raise NotImplementedError()", "return None", 3)
    runs = []
    for _ in range(10):
        data = grader.grade_source(source).to_dict()
        for exercise in data["exercises"]:
            del exercise["seconds"]  # a time, like the result's own
        runs.append(json.dumps({k: v for k, v in data.items()
                                if k not in ("seconds", "submission")}, sort_keys=True))
    assert len(set(runs)) == 1


@pytest.mark.slow
@pytest.mark.parametrize("name", assignment_names())
def test_skipping_demonstrations_gives_the_scores_of_a_full_execution(graders, name):
    from autograder.build.examples import EXAMPLES_DIR

    grader = graders(name)
    for path in sorted((EXAMPLES_DIR / name).glob("*.ipynb")):
        fast = grader.grade_path(path)
        full = grade(path, grader.assignment, table=grader.table, execute="all")
        assert [(e.name, e.score, e.diagnosis) for e in fast.exercises] == \
            [(e.name, e.score, e.diagnosis) for e in full.exercises], path.name

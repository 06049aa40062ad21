"""The kit's CheckCellMetadata (schema compiled once) accepts and rejects what nbgrader's does,
with the same error, and reads the schema once however many cells it checks."""

from __future__ import annotations

import copy

import jsonschema
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from nbgrader.nbgraderformat import MetadataValidator, ValidationError
from nbgrader.nbgraderformat.common import SchemaMismatchError
from nbgrader.preprocessors import CheckCellMetadata as NbgraderCheckCellMetadata

from autograder.deliver.nbgrader.check_metadata import CheckCellMetadata, CompiledMetadataValidator


def cell(kind="code", **nbgrader):
    data = {"grade_id": "a", "grade": True, "solution": False, "locked": True, "points": 1,
            "schema_version": 3, **nbgrader}
    data = {k: v for k, v in data.items() if v is not None}
    make = new_code_cell if kind == "code" else new_markdown_cell
    return make("x = 1", metadata={"nbgrader": data})


NOTEBOOKS = {
    "valid": [cell(), cell(grade_id="b", grade=False, solution=True, locked=False), cell("md",
              grade_id="c", grade=False, locked=False)],
    "no grade_id": [cell(grade_id=None)],
    "empty grade_id": [cell(grade_id="")],
    "no points": [cell(points=None)],
    "points not a number": [cell(points="many")],
    "grade not a boolean": [cell(grade="yes")],
    "schema too old": [cell(schema_version=2)],
    "schema too new": [cell(schema_version=4)],
    "duplicate ids": [cell(), cell()],
    "markdown graded, not a solution": [cell("md")],
    "task cell of code": [cell(task=True)],
    "extra key": [cell(colour="red")],
}


def outcome(validator, cells):
    try:
        validator.validate_nb(new_notebook(cells=copy.deepcopy(cells)))
    except (ValidationError, SchemaMismatchError, jsonschema.SchemaError) as exc:
        return type(exc).__name__, str(exc)
    return "valid"


@pytest.mark.parametrize("case", NOTEBOOKS)
def test_the_same_verdict_and_message_as_nbgraders(case):
    expected = outcome(MetadataValidator(), NOTEBOOKS[case])
    assert outcome(CompiledMetadataValidator(), NOTEBOOKS[case]) == expected
    if case != "valid":
        assert expected != "valid", f"the case {case!r} tests nothing"


def test_the_preprocessor_fails_a_notebook_as_nbgraders_does():
    nb = new_notebook(cells=NOTEBOOKS["duplicate ids"])
    for step in (NbgraderCheckCellMetadata(), CheckCellMetadata()):
        with pytest.raises(ValidationError, match="nbgrader metadata may be corrupted"):
            step.preprocess(copy.deepcopy(nb), {})
    assert CheckCellMetadata().preprocess(new_notebook(cells=NOTEBOOKS["valid"]), {})


def test_the_schema_is_checked_once(monkeypatch):
    checks = []
    real = jsonschema.validators.Draft4Validator.check_schema

    def counted(schema, *args, **kwargs):
        checks.append(1)
        return real(schema, *args, **kwargs)

    monkeypatch.setattr(jsonschema.validators.Draft4Validator, "check_schema", counted)
    nb = new_notebook(cells=[cell(grade_id=f"c{i}") for i in range(50)])
    for _ in range(3):
        CheckCellMetadata().preprocess(nb, {})
    assert len(checks) <= 1
    NbgraderCheckCellMetadata().preprocess(nb, {})
    assert len(checks) >= 50  # nbgrader's: once per cell (what this module saves)

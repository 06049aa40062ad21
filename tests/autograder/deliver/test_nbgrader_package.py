"""The pieces of autograder.deliver.nbgrader that need no nbgrader run: reading the hidden test call,
what a test cell says, unreadable files, and the demonstration switch's sandboxed run."""

from __future__ import annotations

import io
import json

import nbformat

from autograder.deliver.nbgrader.demonstrations import demonstration_outputs
from autograder.deliver.nbgrader.kit_execute import hidden_call
from autograder.deliver.nbgrader.reader import KitNotebookExporter, unreadable_reason
from autograder.engine.report.test_cells import cell_texts
from autograder.engine.results import Check, ExerciseResult, Result
from autograder.engine.sandbox.runner import Limits, Sandbox


def test_the_hidden_call_names_a_registered_exercise_or_nothing():
    source = ('# Autograder tests for update_lr (5 points): hidden.\n### BEGIN HIDDEN TESTS\n'
              'from autograder.deliver.hidden_tests import score\nscore("optimization_methods", '
              '"update_lr")\n### END HIDDEN TESTS')
    assert hidden_call(source) == ("optimization_methods", "update_lr")
    assert hidden_call(source.replace("update_lr\")", "no_such\")")) is None
    assert hidden_call(source.replace("optimization_methods", "other_course")) is None
    assert hidden_call("assert f(1) == 2") is None


def result(notes):
    passed = ExerciseResult("a", 2.0, 2.0, [Check("fixed cases", True, 2.0, 2.0)])
    failed = ExerciseResult("b", 0.0, 3.0, [Check("fixed cases", False, 0.0, 3.0, "wrong")],
                            message="raised ValueError")
    return Result("x", "nb.ipynb", 2.0, 5.0, [passed, failed], notes)


def test_notes_go_to_the_first_test_cell_and_to_the_failed_ones():
    texts = cell_texts(result(["code cell 3 failed: NameError"]), ["a", "b"])
    assert texts["a"] == "a: 2 / 2 points\nAbout the notebook as a whole:\n- code cell 3 failed: NameError"
    assert texts["b"].startswith("b: 0 / 3 points\nraised ValueError\n[FAIL] fixed cases (0/3)")
    assert texts["b"].endswith("- code cell 3 failed: NameError")
    assert cell_texts(result([]), ["b", "a"])["a"] == "a: 2 / 2 points"


def test_an_unreadable_file_becomes_an_empty_notebook_that_says_why():
    exporter = KitNotebookExporter()
    for text, reason in [('{"cells": [', "does not appear to be JSON"),
                         ('{"cells": [1, null], "nbformat": 4}', "its cell 1 is not a notebook cell")]:
        output, _ = exporter.from_file(io.StringIO(text))
        nb = json.loads(output)
        assert nb["cells"] == [] and reason in unreadable_reason(nb)
    good = nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]))
    output, _ = exporter.from_file(io.StringIO(good))
    assert unreadable_reason(json.loads(output)) is None


def test_demonstrations_print_in_the_sandbox_and_a_hanging_one_costs_only_itself():
    def demo(source):
        return nbformat.v4.new_code_cell(source, metadata={"tags": ["demo"]})

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("def f():\n    return 41"),
        demo("print('f() + 1 =', f() + 1)"),
        demo("while True:\n    pass"),
        demo("import sys\nprint('after the loop')\nsys.exit(3)"),
    ])
    with Sandbox(tensorflow=False, limits=Limits(time_seconds=20, item_seconds=2)) as sandbox:
        printed = demonstration_outputs(nb, "nb.ipynb", sandbox)
    assert printed[2] == "f() + 1 = 42\n"
    assert "failed in the autograder: timeout" in printed[3]
    assert printed[4].startswith("after the loop\n") and "SystemExit" in printed[4]

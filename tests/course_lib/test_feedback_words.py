"""The check cells speak a learner's words: where in the result (mini-batch 3 of 3, the tail;
``v["dW1"]``; row and column), what was expected and what came back, the inputs with the defaults
the case uses, no unexplained jargon, the line of the learner's code that raised, and TensorFlow
only where it is installed, explained once."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from autograder.course.registry import get_assignment
from autograder.course.spec import resolve
from course_lib import checks
from course_lib.checks import run_check
from course_lib.compare import compare
from course_lib.errors import plain_message

OPTIMIZATION = get_assignment("optimization_methods")


def mistake(exercise: str, name: str):
    return resolve(next(m.implementation for m in OPTIMIZATION.exercise(exercise).mistakes
                        if m.name == name))


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(autouse=True)
def explain_anew():
    checks._explained.clear()
    yield
    checks._explained.clear()


def test_a_mini_batch_is_named_by_its_number_and_its_part():
    _, report = run_check("random_mini_batches",
                          mistake("random_mini_batches", "tail_starts_at_last_k"))
    assert ("X of mini-batch 3 of 3 (the tail) has 2 rows and 6 columns; it should have 2 rows "
            "and 2 columns.") in report
    assert "result[" not in report and "shape (" not in report


def test_a_missing_mini_batch_is_counted_in_mini_batches():
    _, report = run_check("random_mini_batches", mistake("random_mini_batches", "drops_tail"))
    assert "the result should hold 3 mini-batches; it holds 2." in report


def test_an_entry_is_located_by_key_row_and_column_without_relative_jargon():
    _, report = run_check("update_parameters_with_adam",
                          mistake("update_parameters_with_adam", "no_bias_correction"))
    assert ('parameters["W1"] has 6 of 6 values that differ from the expected ones, the first at '
            "[0, 0] (row 1, column 1). The largest difference is 0.0216, which is 2% of the "
            "largest expected value.") in report
    assert "relative" not in report and "index (" not in report
    assert "expected:\n" in report and "yours:\n" in report


def test_a_failing_case_shows_its_inputs_with_the_defaults_it_uses():
    _, report = run_check("schedule_lr_decay", mistake("schedule_lr_decay", "no_floor"))
    epoch_999 = report[report.index("case 'epoch_999"):]
    assert "expected:\n      0.1\n" in epoch_999
    assert "The inputs of this case:\n      learning_rate0 = 0.1\n      epoch_num = 999" in \
        epoch_999
    _, report = run_check("update_parameters_with_adam",
                          mistake("update_parameters_with_adam", "no_bias_correction"))
    assert "      learning_rate = 0.01 (the default)" in report
    assert '      parameters["W1"] = [[-1.2' in report


def test_a_single_number_says_its_difference_as_a_share_of_the_expected_value():
    (m,) = compare(0.1, 0.0769408, path="the result")
    assert m.message == ("the result differs from the expected value by 0.0231, which is 23% "
                         "of the expected value.")


def test_an_error_names_the_line_of_the_learners_function_in_plain_words():
    def exponentially_weighted_average(thetas, beta, bias_correction=False):
        v = 0.0
        averages = np.zeros_like(thetas)
        for t in range(1, len(thetas) + 1):
            v = beta * v + (1 - beta) * thetas[t]
            averages[t - 1] = v
        return averages

    _, report = run_check("exponentially_weighted_average", exponentially_weighted_average)
    assert ("Line 5 of your function exponentially_weighted_average raised IndexError: "
            "`v = beta * v + (1 - beta) * thetas[t]`. Index 6 is past the end of axis 0, which "
            "has size 6 (its indices run from 0 to 5).") in report
    assert "Your function raised" not in report  # every case says where


@pytest.mark.parametrize("kind, message, plain", [
    ("KeyError", "'dW3'", "The key 'dW3' is not in the dict."),
    ("ValueError", "operands could not be broadcast together with shapes (2,3) (3,2) ",
     "Arrays of shapes (2,3) and (3,2) cannot be combined entry by entry"),
    ("ValueError", "shapes (2,3) and (2,3) not aligned: 3 (dim 1) != 2 (dim 0)",
     "the number of columns of the first must equal the number of rows of the second"),
    ("ZeroDivisionError", "division by zero", "A number was divided by zero."),
    ("OSError", "Network is unreachable", "Network is unreachable"),
])
def test_common_exception_messages_in_plain_words(kind, message, plain):
    assert plain in plain_message(kind, message)


def test_tensorflow_agreement_is_said_only_where_tensorflow_is_installed(monkeypatch):
    adam = resolve(OPTIMIZATION.exercise("update_parameters_with_adam").reference)
    ok, report = run_check("update_parameters_with_adam", adam, tensorflow=True)
    with_tf = sum(case.get("tensorflow") is not None
                  for case in checks._public_data()["update_parameters_with_adam"]["cases"])
    assert with_tf and ok and f"agrees with TensorFlow on {with_tf} of {with_tf}" in report
    assert checks.TENSORFLOW_EXPLAINED in report
    ok, again = run_check("update_parameters_with_adam", adam, tensorflow=True)
    assert ok and checks.TENSORFLOW_EXPLAINED not in again  # explained once

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "tensorflow" else real(name, *a))
    checks._explained.clear()
    ok, report = run_check("update_parameters_with_adam", adam)
    assert ok and "TensorFlow" not in report
    _, report = run_check("update_parameters_with_adam",
                          mistake("update_parameters_with_adam", "no_bias_correction"))
    assert "TensorFlow" not in flat(report)

"""The grader's feedback names the line of the learner's function that raised, with its code and
the exception in plain words, in a module and in a notebook's cell."""

from __future__ import annotations

import nbformat

EWA = '''import numpy as np


def exponentially_weighted_average(thetas, beta, bias_correction=False):
    v = np.zeros(thetas.shape[1:])
    averages = np.zeros_like(thetas)
    for t in range(1, thetas.shape[0] + 1):
        v = beta * v + (1 - beta) * thetas[t]
        averages[t - 1] = v
    return averages
'''

SENTENCE = ("Line 5 of your function exponentially_weighted_average raised IndexError: "
            "`v = beta * v + (1 - beta) * thetas[t]`. Index 6 is past the end of axis 0, which "
            "has size 6 (its indices run from 0 to 5).")


def fixed_cases_message(result) -> str:
    exercise = result.exercise("exponentially_weighted_average")
    check = next(c for c in exercise.checks if c.name == "fixed cases")
    return check.message


def test_a_module_function_that_raises_is_quoted_at_its_line(graders):
    result = graders("optimization_methods").grade_source(EWA)
    assert SENTENCE in fixed_cases_message(result)


def test_a_notebook_cell_that_raises_is_quoted_at_its_line(graders):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Averages"),
                nbformat.v4.new_code_cell("import numpy as np"),
                nbformat.v4.new_code_cell(EWA.split("\n\n\n", 1)[1])]
    result = graders("optimization_methods").grade_source(nbformat.writes(nb), ".ipynb")
    assert SENTENCE in fixed_cases_message(result)
    # the feedback text wraps it at word boundaries, every word kept
    feedback = result.exercise("exponentially_weighted_average").feedback_text()
    assert SENTENCE in " ".join(feedback.split())

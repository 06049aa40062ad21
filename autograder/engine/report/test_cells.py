"""What a student reads in a notebook's autograder test cells, however the notebook was graded:
by ``nbgrader autograde`` with the kit's engine (:mod:`autograder.deliver.nbgrader.kit_execute`) or, in
a stock nbgrader configuration, by the hidden test cell's own grader process
(:mod:`autograder.deliver.hidden_tests_grader`)."""

from __future__ import annotations

from autograder.engine.results import ExerciseResult, Result
from course_lib.wrap import wrap


def cell_text(result: ExerciseResult, notes: list[str] = ()) -> str:
    """An exercise's test cell: its points, its feedback unless it passed, and ``notes`` about
    the whole notebook (a cell that failed, ...)."""
    text = f"{result.name}: {result.score:g} / {result.max_score:g} points"
    if result.status != "passed":
        text += "\n" + result.feedback
    notes = [n for n in notes if n not in text]
    if notes:
        text += "\nAbout the notebook as a whole:\n" + "\n".join(f"- {n}" for n in notes)
    return wrap(text)


def cell_texts(result: Result, exercises: list[str]) -> dict[str, str]:
    """exercise -> its test cell's text, for the test cells of ``exercises`` in notebook order:
    the notes about the whole notebook go to the first one and to every exercise not passed."""
    texts = {}
    for i, name in enumerate(exercises):
        exercise = result.exercise(name)
        shown = result.notes if i == 0 or exercise.status != "passed" else []
        texts[name] = cell_text(exercise, shown)
    return texts

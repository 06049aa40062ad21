"""The "did you mean" suggestion for a missing function compares a bounded number of names,
whatever the submission reports as defined (a forged list of 30,000 names once cost the grader
20 s of CPU)."""

from __future__ import annotations

import difflib

import autograder.engine.grading as grading
from autograder.course.registry import get_assignment

EXERCISE = get_assignment("optimization_methods").exercise("update_lr")


def test_the_suggestion_compares_at_most_suggestion_names(monkeypatch):
    compared = []
    real = difflib.get_close_matches

    def spy(word, possibilities, *args, **kwargs):
        compared.append(len(possibilities))
        return real(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(grading.difflib, "get_close_matches", spy)
    grading._similar_name.cache_clear()
    names = {f"update_lr{i}" for i in range(30_000)} | {"update_Lr"}
    problem = grading._error_problem(EXERCISE, {"type": "missing"}, names)
    assert compared and max(compared) <= grading.SUGGESTION_NAMES
    assert "there is a function called" in problem
    for _ in range(50):  # one exercise's many cases: the suggestion is made once
        grading._error_problem(EXERCISE, {"type": "missing"}, names)
    assert len(compared) == 1


def test_a_close_name_is_still_suggested():
    grading._similar_name.cache_clear()
    problem = grading._error_problem(EXERCISE, {"type": "missing"}, {"update_Lr", "helper"})
    assert "there is a function called 'update_Lr'" in problem

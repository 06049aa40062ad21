"""The authoring rules hold for every declared exercise, and each broken rule is named with its fix.

Each broken declaration is a real one (``zoom_range``, ``initialize_parameters_zeros``) changed
in one place with ``dataclasses.replace``; the test expects the sentence that names the rule.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from autograder.build import alternatives, rules, wiring
from autograder.course.registry import assignment_names, get_assignment
from autograder.course.spec import Case, Mistake

TUNING = get_assignment("hyperparameter_tuning")
ZOOM = TUNING.exercise("zoom_range")
ALTERNATIVES = alternatives.load_alternatives("hyperparameter_tuning")


def problems(exercise, assignment=TUNING, alternatives=ALTERNATIVES) -> list[str]:
    return [p.message for p in rules.exercise_problems(assignment, exercise, alternatives)]


def with_cases(exercise, change):
    cases = list(exercise.cases())
    return dataclasses.replace(exercise, cases=lambda: change(cases))


@pytest.mark.parametrize("name", assignment_names())
def test_every_declared_exercise_follows_the_rules(name):
    assert rules.assignment_problems(name) == []


def test_the_unchanged_declaration_has_no_problem():
    assert problems(ZOOM) == []


@pytest.mark.parametrize(("change", "expected"), [
    (lambda cs: [c for c in cs if c.group != "random"][:] + [c for c in cs if c.group == "random"][:9],
     "zoom_range has 9 random cases. Add at least 10"),
    (lambda cs: [c for c in cs if c.group != "fixed"], "zoom_range has no fixed case."),
    (lambda cs: [c for c in cs if c.group != "edge"], "zoom_range has no edge case."),
    (lambda cs: [dataclasses.replace(cs[0], note="")] + cs[1:],
     "The case eight_learning_rates of zoom_range has no note."),
    (lambda cs: cs + [dataclasses.replace(cs[-1], group="random", visible=True,
                                          name="shown_random")],
     "The case shown_random of zoom_range is in the group random but visible=True. Fixed cases "
     "are visible and random cases hidden"),
    (lambda cs: cs + [dataclasses.replace(cs[0], name="hidden_fixed", visible=False)],
     "The case hidden_fixed of zoom_range is in the group fixed but visible=False."),
    (lambda cs: cs + [dataclasses.replace(cs[0], name="single", args=tuple(
        np.asarray(a, dtype=np.float32) for a in cs[0].args))],
     "The case single of zoom_range has float32 arrays. Make every floating-point input float64"),
    (lambda cs: cs + [Case("tensorflow_0", "tensorflow", args=cs[0].args, note="x")],
     "zoom_range has 'tensorflow' cases but no counterpart."),
    (lambda cs: cs + [cs[0]], "zoom_range has several cases called eight_learning_rates."),
])
def test_a_case_rule_broken_is_named_with_its_fix(change, expected):
    found = problems(with_cases(ZOOM, change))
    assert any(expected in p for p in found), found


def test_a_counterpart_without_tensorflow_cases_is_named():
    found = problems(dataclasses.replace(ZOOM, tensorflow="solutions.counterparts.x:zoom_range"))
    assert any("has a TensorFlow counterpart but no 'tensorflow' case" in p for p in found), found


def test_cases_that_cannot_be_built_are_reported_not_raised():
    def broken():
        raise NotImplementedError("TODO: draw the inputs")

    found = problems(dataclasses.replace(ZOOM, cases=broken))
    assert any("Building the cases of zoom_range fails (NotImplementedError" in p for p in found)


def mistake_other_signature(values, scores, top_fraction=0.5):
    return 0.0, 0.0


def mistake_reads_a_global(values, scores, top_fraction=0.25):
    return float(FRACTIONS[0]), 0.0  # noqa: F821 (the name a submission does not have)


FRACTIONS = (0.125,)


@pytest.mark.parametrize(("mistake", "expected"), [
    (Mistake("other_defaults", "A message long enough to say what is wrong and how.",
             mistake_other_signature),
     "Give it exactly the reference's parameters and defaults"),
    (Mistake("reads_global", "A message long enough to say what is wrong and how.",
             mistake_reads_a_global),
     "reads FRACTIONS, which a submission does not have"),
    (Mistake("short", "Wrong.", ZOOM.mistakes[0].implementation), "Say what is wrong"),
])
def test_a_mistake_rule_broken_is_named_with_its_fix(mistake, expected):
    found = problems(dataclasses.replace(ZOOM, mistakes=(*ZOOM.mistakes, mistake)))
    assert any(expected in p for p in found), found


def test_fewer_than_five_mistakes_and_three_alternatives_are_named():
    found = problems(dataclasses.replace(ZOOM, mistakes=ZOOM.mistakes[:4]), alternatives=None)
    assert any("declares 4 known mistakes. Declare at least 5" in p for p in found), found
    assert any("has 0 correct alternatives of zoom_range. Write at least 3" in p
               for p in found), found


def test_a_reference_without_solution_markers_is_named():
    def zoom_range(values, scores, top_fraction=0.25):
        return 0.0, 0.0

    zoom_range.__module__ = "solutions.hyperparameter_tuning"
    found = problems(dataclasses.replace(ZOOM, reference=zoom_range))
    assert any("has no '### BEGIN SOLUTION' / '### END SOLUTION' lines" in p for p in found), found


@pytest.mark.parametrize(("edit", "expected"), [
    (lambda t: t.replace("# %% exercise zoom_range\n", ""),
     "has no '# %% exercise zoom_range' line. Add it where the exercise is taught: it generates "
     "the solution cell"),
    (lambda t: t + "\n# %% exercise zoom_range\n", "has 2 '# %% exercise zoom_range' lines."),
    (lambda t: t + "\n# %% exercise zoom_elsewhere\n",
     "has a '# %% exercise zoom_elsewhere' line, but hyperparameter_tuning has no such exercise."),
    (lambda t: t + "\n# %%\ndef zoom_range(values, scores):\n    pass\n",
     "defines zoom_range. Remove that definition"),
])
def test_teaching_text_that_does_not_match_the_registry_is_named(tmp_path, monkeypatch, edit,
                                                                 expected):
    text = (wiring.CONTENT_DIR / "hyperparameter_tuning.py").read_text()
    (tmp_path / "hyperparameter_tuning.py").write_text(edit(text))
    monkeypatch.setattr(wiring, "CONTENT_DIR", tmp_path)
    found = [p.message for p in wiring.teaching_problems(TUNING)]
    assert any(expected in p for p in found), found


def test_an_alternative_that_is_wrong_on_a_case_is_named(monkeypatch):
    import types

    def zoom_range__floor(values, scores, top_fraction=0.25):  # floor instead of ceil: wrong
        best = np.argsort(-np.asarray(scores), kind="stable")[:max(1, int(top_fraction * len(values)))]
        return float(np.min(np.asarray(values)[best])), float(np.max(np.asarray(values)[best]))

    module = types.ModuleType("alternatives_broken")
    zoom_range__floor.__module__ = module.__name__
    module.zoom_range__floor = zoom_range__floor
    monkeypatch.setattr(alternatives, "load_alternatives", lambda name: module)
    found = [p.message for p in alternatives.alternative_failures("hyperparameter_tuning")]
    assert len(found) == 1 and found[0].startswith("The alternative zoom_range__floor is wrong on "
                                                   "the case "), found
    assert "an alternative must earn full marks" in found[0]


def test_every_committed_alternative_earns_full_marks_in_process():
    for name in ("hyperparameter_tuning", "initialization"):
        assert alternatives.alternative_failures(name) == []


def test_declarations_that_do_not_import_are_named_with_the_place(monkeypatch):
    from autograder.course import registry

    monkeypatch.setattr(wiring, "declared_assignment", lambda name: registry.get_assignment("nowhere"))
    (problem,) = wiring.wiring_problems("hyperparameter_tuning")
    assert problem.message.startswith("The declarations of hyperparameter_tuning do not import: "
                                      "UnknownAssignment: no assignment called 'nowhere'"), problem
    assert ", at autograder/course/registry.py:" in problem.message
    assert problem.message.endswith("Fix it there, then run the command again.")

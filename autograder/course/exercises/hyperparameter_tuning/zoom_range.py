"""``zoom_range``: the range of the values of the best ``ceil(top_fraction * n)`` trials.

Reference: ``solutions/hyperparameter_tuning.py``; teaching text:
``assignments/content/hyperparameter_tuning.py``. No TensorFlow counterpart.

Scores are rounded to two decimals in the random cases, as accuracies on a small set are, so ties
happen; the fractions are multiples of 1/8 (or 1), so that ``top_fraction * n`` is exact in
floating point and ``ceil`` is never a question of rounding. The edge cases are where the typical
mistakes show: a tie across the cut (which trial is kept), ``ceil`` against ``floor``, one trial,
negative values and scores.
"""

from __future__ import annotations

import math

import numpy as np

from autograder.course.exercises.hyperparameter_tuning.inputs import generator
from autograder.course.spec import Case, Exercise, Mistake
from solutions import hyperparameter_tuning as sol

FRACTIONS = (0.125, 0.25, 0.375, 0.5, 0.75, 1.0)


def _case(name, group, values, scores, top_fraction=None, note="", visible=None):
    kwargs = {} if top_fraction is None else {"top_fraction": top_fraction}
    return Case(name, group, args=(np.asarray(values, dtype=np.float64),
                                   np.asarray(scores, dtype=np.float64)),
                kwargs=kwargs, note=note, visible=visible)


def _cases():
    cases = [
        _case("eight_learning_rates", "fixed",
              [0.3, 0.001, 0.05, 0.02, 0.8, 0.0002, 0.1, 0.007],
              [0.71, 0.62, 0.93, 0.90, 0.55, 0.50, 0.88, 0.81],
              note="8 trials, the default top_fraction 0.25: the best 2 are 0.05 and 0.02"),
        _case("tie_at_the_cut", "fixed",
              [0.5, 0.01, 0.2, 0.04, 0.003, 0.09],
              [0.80, 0.90, 0.85, 0.85, 0.60, 0.85], top_fraction=0.5,
              note="6 trials, top_fraction 0.5 keeps 3: 0.01, then the first two of the three "
                   "tied at 0.85 (0.2 and 0.04)"),
    ]
    for i in range(12):
        rng = generator(6000 + i)
        n = int(rng.integers(2, 31))
        values = 10 ** rng.uniform(-4, 0, n)
        scores = np.round(rng.uniform(0.5, 1.0, n), 2)
        fraction = FRACTIONS[i % len(FRACTIONS)]
        cases.append(_case(f"random_{i}", "random", values, scores, fraction,
                           note=f"{n} trials, top_fraction {fraction:g}"))
    cases += [
        _case("one_trial", "edge", [0.01], [0.7], note="n = 1: the one trial's value, twice",
              visible=True),
        _case("ceil_not_floor", "edge",
              [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
              [0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6, 0.5, 0.95],
              note="10 trials, top_fraction 0.25: 2.5 rounds up to 3 trials"),
        _case("all_tied", "edge", [0.4, 0.1, 0.9, 0.2, 0.6], [0.5] * 5, top_fraction=0.375,
              note="every score equal: the first 2 trials (0.4 and 0.1) are kept"),
        _case("small_fraction", "edge", [3.0, 1.0, 2.0, 5.0], [0.2, 0.4, 0.3, 0.1],
              top_fraction=0.125, note="top_fraction 0.125 of 4 trials: still one trial"),
        _case("negative_values_and_scores", "edge", [-3.0, -1.5, -2.5, -4.0, -0.5],
              [-0.3, -0.1, -0.2, -0.4, -0.5], top_fraction=0.5,
              note="values are log10 of learning rates and scores negated losses"),
        _case("everything", "edge", [0.2, 0.05, 0.7], [0.8, 0.9, 0.6], top_fraction=1.0,
              note="top_fraction 1: the range of all the values"),
    ]
    return cases


def mistake_zoom_floor_instead_of_ceil(values, scores, top_fraction=0.25):
    values, scores = np.asarray(values, dtype=float), np.asarray(scores, dtype=float)
    k = math.floor(top_fraction * len(values))
    best = np.argsort(-scores, kind="stable")[:k]
    return float(np.min(values[best])), float(np.max(values[best]))


def mistake_zoom_lower_is_better(values, scores, top_fraction=0.25):
    values, scores = np.asarray(values, dtype=float), np.asarray(scores, dtype=float)
    k = math.ceil(top_fraction * len(values))
    best = np.argsort(scores, kind="stable")[:k]
    return float(np.min(values[best])), float(np.max(values[best]))


def mistake_zoom_ties_keep_later(values, scores, top_fraction=0.25):
    values, scores = np.asarray(values, dtype=float), np.asarray(scores, dtype=float)
    k = math.ceil(top_fraction * len(values))
    best = np.argsort(scores, kind="stable")[::-1][:k]
    return float(np.min(values[best])), float(np.max(values[best]))


def mistake_zoom_best_trial_only(values, scores, top_fraction=0.25):
    values, scores = np.asarray(values, dtype=float), np.asarray(scores, dtype=float)
    best = int(np.argmax(scores))
    return float(values[best]), float(values[best])


def mistake_zoom_sorts_values(values, scores, top_fraction=0.25):
    values, scores = np.asarray(values, dtype=float), np.asarray(scores, dtype=float)
    k = math.ceil(top_fraction * len(values))
    best = np.argsort(-values, kind="stable")[:k]
    return float(np.min(values[best])), float(np.max(values[best]))


def mistake_zoom_high_low_swapped(values, scores, top_fraction=0.25):
    values, scores = np.asarray(values, dtype=float), np.asarray(scores, dtype=float)
    k = math.ceil(top_fraction * len(values))
    best = np.argsort(-scores, kind="stable")[:k]
    return float(np.max(values[best])), float(np.min(values[best]))


EXERCISE = Exercise(
    name="zoom_range",
    points=10,
    reference=sol.zoom_range,
    cases=_cases,
    summary="Coarse to fine: the smallest and the largest value among the best "
            "ceil(top_fraction * n) trials by score (higher is better; ties keep the earlier "
            "trial).",
    returns=("low", "high"),
    mistakes=(
        Mistake("floor_instead_of_ceil",
                "You keep floor(top_fraction * n) trials. Round up, k = math.ceil(top_fraction "
                "* n), so that a fraction of a trial still counts as one (and a small search "
                "keeps at least one trial).",
                mistake_zoom_floor_instead_of_ceil),
        Mistake("lower_is_better",
                "You keep the trials with the lowest scores. Higher scores are better (an "
                "accuracy): sort by descending score, e.g. np.argsort(-scores, kind=\"stable\").",
                mistake_zoom_lower_is_better),
        Mistake("ties_keep_later",
                "Of trials with the same score you keep the later ones. Ties keep the earlier "
                "trial: sort the negated scores with a stable sort, np.argsort(-scores, "
                "kind=\"stable\"), rather than reversing an ascending sort.",
                mistake_zoom_ties_keep_later),
        Mistake("best_trial_only",
                "You return the value of the single best trial. Keep the best "
                "k = math.ceil(top_fraction * n) trials and return the smallest and the largest "
                "of their values.",
                mistake_zoom_best_trial_only),
        Mistake("sorts_values",
                "You pick the largest values, not the values of the best scores. Order the "
                "trials by their scores, then take the values of the first k.",
                mistake_zoom_sorts_values),
        Mistake("high_low_swapped",
                "You return (high, low). Return the smallest value first: (low, high).",
                mistake_zoom_high_low_swapped),
    ),
)

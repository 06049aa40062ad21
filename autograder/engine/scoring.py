"""The scoring rules, as pure functions (no processes, no files).

An exercise's points are split over the check groups it has, in proportion to these weights:

    returns the right types and shapes   1
    fixed cases                          3
    random cases                         3
    agrees with TensorFlow               2
    edge and stability cases             1

A group earns its share only when every case in it passes (all or nothing per group), so points
are never earned by chance on a subset of cases. Shares are rounded to hundredths of a point and
the last group absorbs the rounding, so that the shares add up to the exercise's points exactly.
"""

from __future__ import annotations

from collections.abc import Iterable

from autograder.course.spec import GROUPS

WEIGHTS = {"shapes": 1, "fixed": 3, "random": 3, "tensorflow": 2, "edge": 1}


def split_points(points: float, groups: Iterable[str]) -> dict[str, float]:
    """The points of each group present (in report order), adding up to ``points``."""
    present = [g for g in GROUPS if g in set(groups)]
    if not present:
        return {}
    total = sum(WEIGHTS[g] for g in present)
    shares = {g: round(points * WEIGHTS[g] / total, 2) for g in present}
    shares[present[-1]] = round(points - sum(shares[g] for g in present[:-1]), 2)
    return shares


def total(scores: Iterable[float]) -> float:
    """A sum of points, rounded to hundredths (no 9.999999999 in reports)."""
    return round(sum(scores), 2)

"""Arrays compared as samples of a distribution (Tolerance.sample_sigmas)."""

import numpy as np
import pytest

from course_lib.compare import Tolerance, compare
from course_lib.distributions import MIN_SAMPLES, NORMAL_TAIL, sample_differences, tail_share

TOL = Tolerance(sample_sigmas=5.0)
SHAPE = (120, 150)  # 18,000 entries


def normal(seed, scale=1.0, shape=SHAPE):
    return np.random.default_rng(seed).standard_normal(shape) * scale


def test_two_samples_of_one_distribution_agree():
    for seed in range(5):
        assert not compare(normal(100 + seed, 0.1), normal(200 + seed, 0.1), TOL)


@pytest.mark.parametrize("got, what", [
    (normal(2, 1.2), "standard deviation of its entries is 1.2"),
    (normal(2) + 0.1, "the mean of its entries"),
    (np.random.default_rng(2).uniform(-np.sqrt(3), np.sqrt(3), SHAPE), "2.5 standard deviations"),
    (np.clip(normal(2), -2.2, 2.2) / 0.96, "2.5 standard deviations"),
])
def test_another_distribution_is_named(got, what):
    mismatches = compare(normal(1), got, TOL)
    assert len(mismatches) == 1 and mismatches[0].kind == "value"
    assert what in mismatches[0].message


def test_too_few_entries_never_agree():
    small = (10, MIN_SAMPLES // 10 - 1)
    problems = sample_differences(normal(1, shape=small), normal(1, shape=small), 5.0)
    assert problems and "too few" in problems[0]


def test_constant_arrays_are_compared_entry_by_entry():
    assert sample_differences(np.zeros(SHAPE), np.zeros(SHAPE), 5.0) is None
    assert not compare({"b": np.zeros((100, 1))}, {"b": np.zeros((100, 1))}, TOL)
    assert compare({"b": np.zeros((100, 1))}, {"b": np.full((100, 1), 1e-3)}, TOL)


def test_shapes_are_still_checked_first():
    mismatches = compare(normal(1), normal(2).T, TOL)
    assert mismatches[0].kind == "shape"


def test_the_default_tolerance_compares_entry_by_entry():
    assert compare(normal(1), normal(2))


def test_the_tail_share_of_a_normal_sample_is_near_its_expectation():
    assert tail_share(normal(3, shape=(1000, 1000))) == pytest.approx(NORMAL_TAIL, abs=5e-4)

"""The samplers' properties and zoom_range's rules, on the references.

The autograder compares students' samples with the reference's (the seed is in the signature);
these tests prove that the reference's samples have the properties the curriculum asks for: every
sample inside the range, log10 of the samples spread uniformly (and for betas, log10 of 1 - beta).
"""

import math

import numpy as np
import pytest

from solutions import hyperparameter_tuning as ref


def ks_uniform(x, a, b) -> float:
    """Kolmogorov-Smirnov distance between the sample x and the uniform distribution on [a, b]."""
    u = np.sort((np.asarray(x) - a) / (b - a))
    n = u.size
    return float(max(np.max(np.arange(1, n + 1) / n - u), np.max(u - np.arange(n) / n)))


# With 4000 samples, the KS distance of a truly uniform sample exceeds 0.03 with probability about
# 1e-3 (1.36 / sqrt(n) = 0.0215 is the 5% point), and the seeds are fixed.
N, KS_BOUND = 4000, 0.03


@pytest.mark.parametrize("low, high, seed", [(1e-4, 1.0, 0), (1e-12, 1e-2, 1), (3.0, 5e4, 2)])
def test_log_uniform_samples_are_inside_and_evenly_spread_on_the_log_scale(low, high, seed):
    samples = ref.sample_log_uniform(low, high, N, seed)
    assert samples.shape == (N,) and samples.dtype == np.float64
    assert np.all((samples >= low * (1 - 1e-12)) & (samples <= high * (1 + 1e-12)))
    assert ks_uniform(np.log10(samples), np.log10(low), np.log10(high)) < KS_BOUND


@pytest.mark.parametrize("low, high, seed", [(0.9, 0.999, 0), (0.0, 0.99, 1),
                                             (0.9999, 0.999999, 2)])
def test_betas_are_inside_and_one_minus_beta_is_evenly_spread_on_the_log_scale(low, high, seed):
    samples = ref.sample_beta(low, high, N, seed)
    assert samples.shape == (N,)
    assert np.all((samples >= low - 1e-15) & (samples <= high + 1e-15))
    assert ks_uniform(np.log10(1 - samples), np.log10(1 - high), np.log10(1 - low)) < KS_BOUND


def test_the_ks_check_can_fail():
    uniform = np.random.default_rng(0).uniform(1e-4, 1, N)
    assert ks_uniform(np.log10(uniform), -4, 0) > 0.5


def test_uniform_sampling_of_the_learning_rate_puts_90_percent_in_the_top_decade():
    # the notebook's claim: exactly (1 - 0.1) / (1 - 1e-4) = 90.009% in expectation
    uniform = 1e-4 + (1 - 1e-4) * np.random.default_rng(1).random(100_000)
    assert np.mean(uniform >= 0.1) == pytest.approx(0.9, abs=0.005)
    log_scale = ref.sample_log_uniform(1e-4, 1, 100_000, seed=1)
    assert np.mean(log_scale >= 0.1) == pytest.approx(0.25, abs=0.005)


def test_samplers_are_reproducible_and_seed_the_global_stream():
    np.random.seed(123)
    a = ref.sample_log_uniform(1e-3, 1, 5, seed=7)
    np.random.seed(456)
    b = ref.sample_log_uniform(1e-3, 1, 5, seed=7)
    np.testing.assert_array_equal(a, b)
    np.random.seed(7)
    np.testing.assert_allclose(a, 10 ** (-3 + 3 * np.random.rand(5)), rtol=1e-14)


def test_degenerate_ranges_give_the_bound():
    np.testing.assert_allclose(ref.sample_log_uniform(0.01, 0.01, 3), [0.01] * 3, rtol=1e-15)
    np.testing.assert_allclose(ref.sample_beta(0.95, 0.95, 3), [0.95] * 3, atol=1e-15)


def test_zoom_range_keeps_ceil_of_the_fraction_and_higher_is_better():
    values = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    scores = [0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6, 0.5, 0.95]
    assert ref.zoom_range(values, scores) == (0.2, 1.0)  # ceil(2.5) = 3: 1.0, 0.2, 0.4
    assert ref.zoom_range(values, scores, 0.1) == (1.0, 1.0)
    assert ref.zoom_range(values, scores, 1.0) == (0.1, 1.0)


def test_zoom_range_ties_keep_the_earlier_trial():
    assert ref.zoom_range([0.4, 0.1, 0.9, 0.2], [0.5, 0.5, 0.5, 0.5], 0.5) == (0.1, 0.4)
    assert ref.zoom_range([5.0, 1.0, 3.0], [0.2, 0.9, 0.9], 1 / 3) == (1.0, 1.0)


def test_zoom_range_returns_python_floats():
    low, high = ref.zoom_range(np.array([1, 2, 3]), np.array([3, 2, 1]), 0.5)
    assert type(low) is float and type(high) is float and (low, high) == (1.0, 2.0)
    assert math.ceil(0.5 * 3) == 2


@pytest.mark.parametrize("call, message", [
    (lambda: ref.sample_log_uniform(0, 1, 3), "0 < low <= high"),
    (lambda: ref.sample_log_uniform(1, 0.1, 3), "0 < low <= high"),
    (lambda: ref.sample_log_uniform(1e-3, 1, 0), "n"),
    (lambda: ref.sample_log_uniform(1e-3, 1, 2.5), "whole number"),
    (lambda: ref.sample_log_uniform(float("nan"), 1, 3), "finite number"),
    (lambda: ref.sample_beta(0.9, 1.0, 3), "0 <= low <= high < 1"),
    (lambda: ref.sample_beta(0.99, 0.9, 3), "0 <= low <= high < 1"),
    (lambda: ref.zoom_range([1, 2], [1], 0.5), "one entry per trial"),
    (lambda: ref.zoom_range([], [], 0.5), "at least one"),
    (lambda: ref.zoom_range([1, 2], [1, float("nan")], 0.5), "finite"),
    (lambda: ref.zoom_range([1, 2], [1, 2], 0), "0 < top_fraction <= 1"),
    (lambda: ref.zoom_range([1, 2], [1, 2], 1.5), "0 < top_fraction <= 1"),
])
def test_bad_input_is_named(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()


@pytest.mark.parametrize("name", ["sample_log_uniform", "sample_beta"])
def test_the_expected_samples_of_every_graded_case_lie_in_their_range(name):
    """What students are graded against has the properties: every sample inside [low, high]."""
    from autograder.course.registry import get_assignment

    exercise = get_assignment("hyperparameter_tuning").exercise(name)
    for case in exercise.cases():
        low, high, n = case.args
        samples = getattr(ref, name)(low, high, n, **case.kwargs)
        assert samples.shape == (n,), case.name
        slack = 1e-12 * high if name == "sample_log_uniform" else 1e-15
        assert np.all((samples >= low - slack) & (samples <= high + slack)), case.name

"""``sample_beta``: an averaging weight beta, sampled as ``1 - 10**r`` so ``1 - beta`` is log-uniform.

Reference: ``solutions/hyperparameter_tuning.py``; teaching text:
``assignments/content/hyperparameter_tuning.py``. No TensorFlow counterpart (see
:mod:`autograder.course.exercises.hyperparameter_tuning.inputs`).
"""

from __future__ import annotations

import math

import numpy as np

from autograder.course.exercises.hyperparameter_tuning.inputs import generator, random_seed, sampler_case
from autograder.course.spec import Exercise, Mistake
from course_lib.compare import Tolerance
from solutions import hyperparameter_tuning as sol

#: beta is close to 1 and 1 - beta is what varies: an error of 1e-12 in beta = 0.99999 is an error
#: of 1e-7 in 1 - beta; betas are compared absolutely, well below the smallest 1 - high (1e-6).
BETA_TOLERANCE = Tolerance(
    rtol=0.0,
    atol_scale=0.0,
    atol=1e-13,
    reason="betas lie in [0, 1) and what matters is 1 - beta, down to 1e-6 in the cases; "
    "equivalent formulas (1 - 10**r, 1 - np.power(10, r), np.random.uniform for the exponent) "
    "differ by a few ulps of 1 (2e-16), so an absolute 1e-13 is 1e-7 of the smallest 1 - beta",
)


def _cases():
    cases = [
        sampler_case("momentum_betas", "fixed", 0.9, 0.999, 5,
                     note="beta in [0.9, 0.999] (windows of 10 to 1000 steps), 5 samples, seed 0"),
        sampler_case("adam_beta2_seed_2", "fixed", 0.99, 0.9999, 4, seed=2,
                     note="beta in [0.99, 0.9999], 4 samples, seed = 2"),
    ]
    for i in range(12):
        rng = generator(5000 + i)
        one_minus_high = float(10 ** rng.uniform(-5, -1))
        one_minus_low = min(1.0, float(one_minus_high * 10 ** rng.uniform(0.3, 3)))
        n = int(rng.integers(1, 21))
        decades = math.log10(one_minus_low / one_minus_high)
        cases.append(sampler_case(f"random_{i}", "random", 1 - one_minus_low, 1 - one_minus_high,
                                  n, seed=random_seed(rng),
                                  note=f"{n} samples, 1 - beta over {decades:.1f} decades"))
    cases += [
        sampler_case("degenerate_range", "edge", 0.95, 0.95, 3, seed=5,
                     note="low = high = 0.95: every sample is 0.95", visible=True),
        sampler_case("from_zero", "edge", 0.0, 0.99, 20, seed=6,
                     note="beta in [0, 0.99]: 1 - beta in [0.01, 1]"),
        sampler_case("very_close_to_one", "edge", 0.9999, 0.999999, 10, seed=7,
                     note="beta in [0.9999, 0.999999]: 1 - beta from 1e-6 to 1e-4"),
        sampler_case("one_sample", "edge", 0.8, 0.99, 1, seed=8, note="n = 1: an array (1,)"),
    ]
    return cases


def mistake_beta_directly(low, high, n, seed=0):
    np.random.seed(seed)
    a = np.log10(low)
    b = np.log10(high)
    r = a + (b - a) * np.random.rand(n)
    return 10**r


def mistake_beta_bounds_swapped(low, high, n, seed=0):
    np.random.seed(seed)
    a = np.log10(1 - low)
    b = np.log10(1 - high)
    r = a + (b - a) * np.random.rand(n)
    return 1 - 10**r


def mistake_beta_returns_one_minus_beta(low, high, n, seed=0):
    np.random.seed(seed)
    a = np.log10(1 - high)
    b = np.log10(1 - low)
    r = a + (b - a) * np.random.rand(n)
    return 10**r


def mistake_beta_seed_not_set(low, high, n, seed=0):
    a = np.log10(1 - high)
    b = np.log10(1 - low)
    r = a + (b - a) * np.random.rand(n)
    return 1 - 10**r


def mistake_beta_uniform(low, high, n, seed=0):
    np.random.seed(seed)
    return low + (high - low) * np.random.rand(n)


def mistake_beta_natural_log(low, high, n, seed=0):
    np.random.seed(seed)
    a = np.log(1 - high)
    b = np.log(1 - low)
    r = a + (b - a) * np.random.rand(n)
    return 1 - 10**r


EXERCISE = Exercise(
    name="sample_beta",
    points=8,
    reference=sol.sample_beta,
    cases=_cases,
    summary="Sample an averaging weight: np.random.seed(seed); r = a + (b - a) * "
            "np.random.rand(n) with a = log10(1 - high), b = log10(1 - low); return 1 - 10**r.",
    tolerance=BETA_TOLERANCE,
    returns=("samples",),
    mistakes=(
        Mistake("beta_directly",
                "You sample beta itself on a log scale. What matters is 1 - beta (the average "
                "spans about 1 / (1 - beta) steps), so sample that: a = np.log10(1 - high), "
                "b = np.log10(1 - low), r = a + (b - a) * np.random.rand(n), return 1 - 10**r.",
                mistake_beta_directly),
        Mistake("bounds_swapped",
                "Your a and b are swapped: 1 - high is the smaller number, so a = np.log10(1 - "
                "high) and b = np.log10(1 - low); then r = a + (b - a) * np.random.rand(n).",
                mistake_beta_bounds_swapped),
        Mistake("returns_one_minus_beta",
                "You return 10**r, which is 1 - beta. Return beta: 1 - 10**r.",
                mistake_beta_returns_one_minus_beta),
        Mistake("seed_not_set",
                "Your samples depend on whatever the random stream held before the call: call "
                "np.random.seed(seed) first, before drawing.",
                mistake_beta_seed_not_set),
        Mistake("uniform",
                "Your betas are uniform between low and high, so most trials average over "
                "short windows. Sample 1 - beta on a log scale: r = a + (b - a) * "
                "np.random.rand(n) with a = np.log10(1 - high), b = np.log10(1 - low), and "
                "return 1 - 10**r.",
                mistake_beta_uniform),
        Mistake("natural_log",
                "You take natural logarithms (np.log) but raise 10 to the power: the bases must "
                "match. Use np.log10(1 - high) and np.log10(1 - low) with 1 - 10**r.",
                mistake_beta_natural_log),
    ),
)

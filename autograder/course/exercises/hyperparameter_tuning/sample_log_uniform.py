"""``sample_log_uniform``: samples spread evenly on a log scale, ``10**r`` with ``r`` uniform.

Reference: ``solutions/hyperparameter_tuning.py``; teaching text:
``assignments/content/hyperparameter_tuning.py``. No TensorFlow counterpart (see
:mod:`autograder.course.exercises.hyperparameter_tuning.inputs` for how the group is made up instead).
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.hyperparameter_tuning.inputs import generator, random_seed, sampler_case
from autograder.course.spec import Exercise, Mistake
from course_lib.compare import Tolerance
from solutions import hyperparameter_tuning as sol

#: 10**r, np.power(10, r) and np.exp(r * np.log(10)) differ by a few ulps of the result, whatever
#: its magnitude, so the comparison is relative only.
SAMPLE_TOLERANCE = Tolerance(
    rtol=1e-9,
    atol_scale=0.0,
    reason="samples of several magnitudes side by side (1e-8 next to 1) are compared relatively, "
    "entry by entry; equivalent formulas (10**r, np.power(10, r), np.exp(r * np.log(10)), "
    "np.random.uniform instead of a + (b - a) * rand) differ by a few ulps of each sample, about "
    "1e-14 relative for exponents down to -12",
)


def _cases():
    cases = [
        sampler_case("learning_rates", "fixed", 1e-4, 1.0, 5,
                     note="the learning rate's range [1e-4, 1], 5 samples, the default seed 0"),
        sampler_case("two_decades_seed_3", "fixed", 1e-3, 1e-1, 4, seed=3,
                     note="[0.001, 0.1], 4 samples, seed = 3"),
    ]
    for i in range(12):
        rng = generator(4000 + i)
        low = float(10 ** rng.uniform(-6, 1))
        high = float(low * 10 ** rng.uniform(0.3, 5))
        cases.append(sampler_case(f"random_{i}", "random", low, high, int(rng.integers(1, 21)),
                                  seed=random_seed(rng)))
    cases += [
        sampler_case("degenerate_range", "edge", 0.01, 0.01, 3, seed=5,
                     note="low = high = 0.01: every sample is 0.01", visible=True),
        sampler_case("twelve_decades", "edge", 1e-12, 1.0, 40, seed=6,
                     note="[1e-12, 1], 40 samples spread over twelve decades"),
        sampler_case("one_sample", "edge", 2e-5, 3e-2, 1, seed=7, note="n = 1: an array (1,)"),
        sampler_case("above_one", "edge", 10.0, 1e6, 8, seed=8,
                     note="[10, 1e6]: a range above 1 (a number of units, a batch size)"),
        sampler_case("one_decade", "edge", 0.1, 1.0, 30, seed=9,
                     note="[0.1, 1], 30 samples within one decade"),
    ]
    return cases


def mistake_exponent_uniform_over_range(low, high, n, seed=0):
    np.random.seed(seed)
    r = low + (high - low) * np.random.rand(n)
    return 10**r


def mistake_uniform_not_log(low, high, n, seed=0):
    np.random.seed(seed)
    return low + (high - low) * np.random.rand(n)


def mistake_seed_not_set(low, high, n, seed=0):
    a = np.log10(low)
    b = np.log10(high)
    r = a + (b - a) * np.random.rand(n)
    return 10**r


def mistake_returns_exponent(low, high, n, seed=0):
    np.random.seed(seed)
    a = np.log10(low)
    b = np.log10(high)
    r = a + (b - a) * np.random.rand(n)
    return r


def mistake_natural_log(low, high, n, seed=0):
    np.random.seed(seed)
    a = np.log(low)
    b = np.log(high)
    r = a + (b - a) * np.random.rand(n)
    return 10**r


def mistake_randn_instead_of_rand(low, high, n, seed=0):
    np.random.seed(seed)
    a = np.log10(low)
    b = np.log10(high)
    r = a + (b - a) * np.random.randn(n)
    return 10**r


EXERCISE = Exercise(
    name="sample_log_uniform",
    points=8,
    reference=sol.sample_log_uniform,
    cases=_cases,
    summary="Sample on a log scale: np.random.seed(seed); r = a + (b - a) * np.random.rand(n) "
            "with a = log10(low), b = log10(high); return 10**r.",
    tolerance=SAMPLE_TOLERANCE,
    returns=("samples",),
    mistakes=(
        Mistake("exponent_uniform_over_range",
                "You draw the exponent r uniformly between low and high themselves and return "
                "10**r. Draw it between their logarithms: a = np.log10(low), b = np.log10(high), "
                "r = a + (b - a) * np.random.rand(n).",
                mistake_exponent_uniform_over_range),
        Mistake("uniform_not_log",
                "Your samples are uniform between low and high, so nearly all of them fall in "
                "the top decade. Sample the exponent uniformly instead: r = a + (b - a) * "
                "np.random.rand(n) with a = np.log10(low), b = np.log10(high), and return 10**r.",
                mistake_uniform_not_log),
        Mistake("seed_not_set",
                "Your samples depend on whatever the random stream held before the call: call "
                "np.random.seed(seed) first, before drawing.",
                mistake_seed_not_set),
        Mistake("returns_exponent",
                "You return the exponent r. The samples are 10**r.",
                mistake_returns_exponent),
        Mistake("natural_log",
                "You take natural logarithms (np.log) but raise 10 to the power: the bases must "
                "match. Use a = np.log10(low), b = np.log10(high) with 10**r.",
                mistake_natural_log),
        Mistake("randn_instead_of_rand",
                "You draw with np.random.randn, a normal distribution, so samples fall outside "
                "[low, high]. Use np.random.rand(n), uniform on [0, 1).",
                mistake_randn_instead_of_rand),
    ),
)

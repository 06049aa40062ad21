"""Compare two arrays as samples of one distribution, for initialisers whose streams differ.

NumPy's ``randn`` and Keras's initialisers draw different numbers from the same distribution, so an
initialiser is compared with its Keras counterpart by statistics rather than entry by entry. A
:class:`~course_lib.compare.Tolerance` with ``sample_sigmas = k`` asks for that comparison: the
answer ``got`` and the expected sample agree when, computed over all the entries of each array,

- their means differ by at most ``k`` standard errors,        SE = sqrt(2 * var / n)
- their variances differ by at most ``k`` standard errors,    SE = 2 * var / sqrt(n - 1)
- their shares of entries more than 2.5 standard deviations from the mean differ by at most
  ``k`` standard errors,                                       SE = sqrt(2 * p * (1 - p) / n)
  (1.24% for a normal distribution; 0 for a uniform one, whose entries stay within 1.73 standard
  deviations, and for Keras's ``HeNormal``, a normal truncated at two of its deviations and
  rescaled to the same variance, whose entries stay within 2.27: mean and variance alone cannot
  tell those apart)

where ``n`` is the number of entries and ``var`` and ``p`` are the expected sample's. Each SE is
that of the difference of two independent samples of ``n`` draws of a normal distribution (the
variance's holds for a normal's kurtosis), so a right answer fails a statistic by chance with
probability about 6e-7 at ``k = 5``; and as both samples come from fixed seeds, a right answer's
result never changes from one run to the next.

Fewer than :data:`MIN_SAMPLES` entries cannot tell these distributions apart, so such an array does
not agree: a case must give large layers. A constant expected array (zero biases) is compared entry
by entry, as usual.
"""

from __future__ import annotations

import math

import numpy as np

#: With 10000 entries and k = 5 the allowed difference of the tail share is 0.0078, below the
#: 0.0124 of a normal distribution, and that of the variance 10% of it.
MIN_SAMPLES = 10_000

#: The tail: entries more than this many standard deviations from the mean.
TAIL_SIGMAS = 2.5

#: The share of a normal distribution's draws in the tail.
NORMAL_TAIL = math.erfc(TAIL_SIGMAS / math.sqrt(2))


def tail_share(x: np.ndarray) -> float:
    """The share of the entries more than 2.5 (sample) standard deviations from the mean."""
    x = np.asarray(x, dtype=np.float64).ravel()
    return float(np.mean(np.abs(x - x.mean()) > TAIL_SIGMAS * x.std()))


def sample_statistics(x: np.ndarray) -> dict[str, float]:
    """Mean, variance and tail share of all the entries of ``x``."""
    x = np.asarray(x, dtype=np.float64).ravel()
    return {"mean": float(x.mean()), "variance": float(x.var()), "tail share": tail_share(x)}


def sample_differences(expected: np.ndarray, got: np.ndarray, sigmas: float) -> list[str] | None:
    """What differs between the two samples, in words (empty when they agree); ``None`` when the
    expected array is constant, so the comparison is entry by entry instead."""
    e = np.asarray(expected, dtype=np.float64).ravel()
    g = np.asarray(got, dtype=np.float64).ravel()
    if e.size == 0 or np.all(e == e[0]):
        return None
    n = e.size
    if n < MIN_SAMPLES:
        return [f"only {n} entries: too few to compare as samples of a distribution "
                f"(at least {MIN_SAMPLES} are needed)"]
    se, st = sample_errors(e), sample_statistics(g)
    ref = sample_statistics(e)
    problems = []
    if abs(st["mean"] - ref["mean"]) > sigmas * se["mean"]:
        problems.append(f"the mean of its entries is {st['mean']:.3g}, "
                        f"{abs(st['mean'] - ref['mean']) / se['mean']:.0f} standard errors "
                        f"from the expected distribution's")
    if abs(st["variance"] - ref["variance"]) > sigmas * se["variance"]:
        ratio = math.sqrt(st["variance"] / ref["variance"])
        problems.append(f"the standard deviation of its entries is {ratio:.3g} times the "
                        "expected distribution's")
    if abs(st["tail share"] - ref["tail share"]) > sigmas * se["tail share"] + 0.5 / n:
        problems.append(f"{100 * st['tail share']:.2f}% of its entries lie more than 2.5 standard "
                        f"deviations from their mean, against {100 * ref['tail share']:.2f}% "
                        f"(a normal distribution has {100 * NORMAL_TAIL:.2f}%)")
    return problems


def sample_errors(expected: np.ndarray) -> dict[str, float]:
    """Standard errors of the difference of each statistic between two samples of this size."""
    e = np.asarray(expected, dtype=np.float64).ravel()
    n, var, p = e.size, float(e.var()), tail_share(e)
    return {"mean": math.sqrt(2 * var / n), "variance": 2 * var / math.sqrt(n - 1),
            "tail share": math.sqrt(2 * p * (1 - p) / n)}

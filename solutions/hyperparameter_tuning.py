"""Reference solutions for the assignment ``hyperparameter_tuning`` (course week 3, first half).

Sampling hyperparameters on the right scale and zooming in on the best region of a search. The
samplers seed the global NumPy stream inside (``np.random.seed(seed)``) and draw with
``np.random.rand(n)``, so that a seed gives the same trials everywhere. The lines between
``### BEGIN SOLUTION`` and ``### END SOLUTION`` are the student's part.
"""

import math

import numpy as np

from course_lib.validation import check_beta_range, check_log_range, check_trials


def sample_log_uniform(low, high, n, seed=0):
    """``n`` samples spread evenly on a log scale between ``low`` and ``high``.

    a = log10(low)        b = log10(high)        r = a + (b - a) * rand(n)        samples = 10**r

    Arguments:
    low, high -- the range, 0 < low <= high (e.g. 1e-4 and 1 for a learning rate)
    n -- the number of samples, a whole number >= 1
    seed -- seed of the global NumPy stream

    Returns:
    samples -- float64 array of shape (n,), every entry in [low, high]
    """
    check_log_range(low, high, n)
    np.random.seed(seed)
    ### BEGIN SOLUTION
    a = np.log10(low)
    b = np.log10(high)
    r = a + (b - a) * np.random.rand(n)
    samples = 10**r
    ### END SOLUTION
    return samples


def sample_beta(low, high, n, seed=0):
    """``n`` values of an averaging weight beta, with ``1 - beta`` spread evenly on a log scale.

    a = log10(1 - high)        b = log10(1 - low)        r = a + (b - a) * rand(n)
    samples = 1 - 10**r

    Arguments:
    low, high -- the range of beta, 0 <= low <= high < 1 (e.g. 0.9 and 0.999)
    n -- the number of samples, a whole number >= 1
    seed -- seed of the global NumPy stream

    Returns:
    samples -- float64 array of shape (n,), every entry in [low, high]
    """
    check_beta_range(low, high, n)
    np.random.seed(seed)
    ### BEGIN SOLUTION
    a = np.log10(1 - high)
    b = np.log10(1 - low)
    r = a + (b - a) * np.random.rand(n)
    samples = 1 - 10**r
    ### END SOLUTION
    return samples


def zoom_range(values, scores, top_fraction=0.25):
    """The range of the values of the best trials: where to search next, more finely.

    k = ceil(top_fraction * n)   the best k trials by score (higher is better; of trials with the
    same score, the earlier ones first)   low, high = the smallest and largest of their values

    Arguments:
    values -- array-like of shape (n,): the hyperparameter value of each trial, n >= 1
    scores -- array-like of shape (n,): the score of each trial (e.g. an accuracy)
    top_fraction -- the share of the trials kept, 0 < top_fraction <= 1

    Returns:
    low, high -- Python floats, the smallest and the largest value among the best trials
    """
    values, scores = check_trials(values, scores, top_fraction)
    ### BEGIN SOLUTION
    n = len(values)
    k = math.ceil(top_fraction * n)
    best = np.argsort(-scores, kind="stable")[:k]  # stable: ties keep the earlier trial
    low = float(np.min(values[best]))
    high = float(np.max(values[best]))
    ### END SOLUTION
    return low, high

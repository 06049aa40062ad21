"""Correct implementations of the ``hyperparameter_tuning`` exercises, written differently.

Each ``<exercise>__<variant>`` must earn full marks. Like the known mistakes, each one is
self-contained (only ``math`` and ``np``; a variant may import from the standard library inside).
"""

import math

import numpy as np

# --- sample_log_uniform ---------------------------------------------------------------------------


def sample_log_uniform__np_uniform(low, high, n, seed=0):
    np.random.seed(seed)
    r = np.random.uniform(np.log10(low), np.log10(high), size=n)
    return np.power(10.0, r)


def sample_log_uniform__exp_of_log(low, high, n, seed=0):
    np.random.seed(seed)
    a, b = math.log10(low), math.log10(high)
    r = a + (b - a) * np.random.rand(n)
    return np.exp(r * np.log(10))


def sample_log_uniform__one_at_a_time(low, high, n, seed=0):
    np.random.seed(seed)
    a, b = np.log10(low), np.log10(high)
    return np.array([10 ** (a + (b - a) * np.random.rand()) for _ in range(n)])


# --- sample_beta ----------------------------------------------------------------------------------


def sample_beta__np_uniform(low, high, n, seed=0):
    np.random.seed(seed)
    r = np.random.uniform(np.log10(1 - high), np.log10(1 - low), n)
    return 1 - np.power(10.0, r)


def sample_beta__random_sample(low, high, n, seed=0):
    np.random.seed(seed)
    a, b = math.log10(1 - high), math.log10(1 - low)
    one_minus_beta = 10 ** (a + (b - a) * np.random.random_sample(n))
    return 1.0 - one_minus_beta


def sample_beta__one_at_a_time(low, high, n, seed=0):
    np.random.seed(seed)
    a, b = np.log10(1 - high), np.log10(1 - low)
    samples = np.empty(n)
    for i in range(n):
        samples[i] = 1 - 10 ** (a + (b - a) * np.random.rand())
    return samples


# --- zoom_range -----------------------------------------------------------------------------------


def zoom_range__sorted_with_key(values, scores, top_fraction=0.25):
    values, scores = list(values), list(scores)
    k = math.ceil(top_fraction * len(values))
    order = sorted(range(len(values)), key=lambda i: (-scores[i], i))
    best = [values[i] for i in order[:k]]
    return float(min(best)), float(max(best))


def zoom_range__heapq(values, scores, top_fraction=0.25):
    import heapq

    k = math.ceil(top_fraction * len(values))
    best = heapq.nlargest(k, range(len(values)), key=lambda i: scores[i])  # stable on ties
    kept = np.asarray(values, dtype=float)[best]
    return float(kept.min()), float(kept.max())


def zoom_range__lexsort(values, scores, top_fraction=0.25):
    values, scores = np.asarray(values, dtype=float), np.asarray(scores, dtype=float)
    n = values.shape[0]
    k = int(np.ceil(top_fraction * n))
    order = np.lexsort((np.arange(n), -scores))  # by score, descending, then by position
    kept = values[order[:k]]
    return float(np.min(kept)), float(np.max(kept))

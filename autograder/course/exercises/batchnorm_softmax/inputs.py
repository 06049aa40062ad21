"""Input builders shared by the exercises of ``batchnorm_softmax``.

Cases are built from local generators (``np.random.RandomState(seed)``), never the global
stream. ``cross_entropy_cases`` are the cases shared by the cost and its gradient: the edge cases
are logits of 1e4 and the curriculum's ``[[1000], [0], [-1000]]`` (a cross-entropy computed as
softmax-then-log returns inf or NaN there; clipped at 1e-7 it returns about 16.12 instead of
2000).
"""

from __future__ import annotations

import numpy as np

from autograder.course.spec import Case


def col(*values) -> np.ndarray:
    """A float64 column vector ``(n, 1)``."""
    return np.array(values, dtype=np.float64).reshape(-1, 1)


def scale_shift(rng, n):
    """gamma away from 1 and beta away from 0 (so that a missing or swapped one shows)."""
    gamma = rng.uniform(0.5, 2.0, (n, 1)) * rng.choice([-1.0, 1.0], (n, 1))
    beta = rng.uniform(-1.5, 1.5, (n, 1))
    return gamma, beta


def random_batch(seed, n, m, scale=1.0, offset=0.0):
    """``Z`` ``(n, m)`` around ``offset`` with spread ``scale``, and a gamma and beta for it."""
    rng = np.random.RandomState(seed)
    Z = rng.randn(n, m) * scale + offset
    gamma, beta = scale_shift(rng, n)
    return Z, gamma, beta


def one_hot(labels, C) -> np.ndarray:
    """One-hot labels ``(C, m)`` of the integer labels."""
    labels = np.asarray(labels)
    Y = np.zeros((C, labels.size))
    Y[labels, np.arange(labels.size)] = 1.0
    return Y


def random_logits(seed, C, m, scale=2.0):
    """Logits ``(C, m)`` and one-hot labels ``(C, m)`` drawn from the same seed."""
    rng = np.random.RandomState(seed)
    ZL = rng.randn(C, m) * scale
    Y = one_hot(rng.randint(0, C, m), C)
    return ZL, Y


def epsilon_kwargs(epsilon):
    """``{}`` for the default epsilon (so that the default is graded too), else ``{"epsilon": e}``."""
    return {} if epsilon == 1e-5 else {"epsilon": epsilon}


def cross_entropy_cases(seed):
    """The cases shared by the cost and its gradient (seeds from ``seed``)."""
    cases = [
        Case("three_classes_two_examples", "fixed",
             args=(np.array([[1.0, 2.0], [2.0, 0.0], [3.0, -1.0]]), one_hot([2, 0], 3)),
             note="small logits, labels 2 and 0"),
        Case("four_classes_three_examples", "fixed",
             args=(np.array([[0.5, 5.0, -1.0], [0.0, 1.0, -1.0], [-0.5, -2.0, 2.0],
                             [1.0, 0.5, 0.0]]), one_hot([3, 1, 2], 4)),
             note="labels 3, 1 and 2"),
    ]
    for i in range(12):
        shape_rng = np.random.RandomState(seed + 100 + i)
        C, m = int(shape_rng.randint(2, 7)), int(shape_rng.randint(2, 9))
        scale = 10 ** shape_rng.uniform(-1, 1)
        cases.append(Case(f"random_{i}", "random",
                          args=random_logits(seed + 200 + i, C, m, scale),
                          note=f"logits of shape ({C}, {m})"))
    cases += [
        Case("keras_0", "tensorflow", args=random_logits(seed + 300, 4, 6),
             note="against keras categorical_crossentropy(from_logits=True)"),
        Case("keras_1", "tensorflow", args=random_logits(seed + 301, 3, 5, 300.0),
             note="against keras categorical_crossentropy(from_logits=True), logits of hundreds"),
        Case("keras_2", "tensorflow", args=random_logits(seed + 302, 5, 3, 0.1),
             note="against keras categorical_crossentropy(from_logits=True), small logits"),
        Case("curriculum_1000", "edge", visible=True,
             args=(np.array([[1000.0], [0.0], [-1000.0]]), one_hot([2], 3)),
             note="logits [[1000], [0], [-1000]] with the last class true: the cost is 2000"),
        Case("logits_1e4", "edge",
             args=(np.array([[1e4, -1e4], [0.0, 1e4], [-1e4, 1e4 - 3.0]]), one_hot([1, 0], 3)),
             note="logits of magnitude 1e4, wrong classes predicted with certainty"),
        Case("large_close_logits", "edge",
             args=(np.array([[800.0, -5.0], [799.0, -6.0]]), one_hot([1, 0], 2)),
             note="logits of 800 that are close to each other: exp(800) overflows"),
        Case("very_unlikely_class", "edge", visible=True,
             args=(np.array([[100.0], [0.0], [-800.0]]), one_hot([2], 3)),
             note="a true class whose probability underflows to 0 (the cost is 900)"),
        Case("confident_and_right", "edge",
             args=(np.array([[30.0, -2.0, 0.0], [0.0, 28.0, -25.0]]), one_hot([0, 1, 0], 2)),
             note="confident right predictions: the cost is tiny but not 0"),
    ]
    return cases

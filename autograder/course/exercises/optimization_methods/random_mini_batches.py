"""``random_mini_batches``: shuffle the examples and cut them into mini-batches.

Reference: ``solutions/optimization_methods.py`` (``def random_mini_batches``); teaching text:
``assignments/content/optimization_methods.py`` (``# %% exercise random_mini_batches``); TensorFlow
counterpart, if any: ``solutions/counterparts/optimization_methods.py``. The ``mistake_*``
functions are self-contained (only ``math`` and ``np``): the tests and the diagnosis transplant
their source into a submission under the exercise's name.
"""

from __future__ import annotations

import math

import numpy as np

from autograder.course.exercises import inputs
from autograder.course.spec import Case, Exercise, Mistake
from course_lib.places import ItemLabel
from solutions import optimization_methods as sol

TF = "solutions.counterparts.optimization_methods:"


def _mini_batch_case(name, group, seed, n_x, m, n_y, size, batch_seed, note, visible=None):
    """Positional arguments, as the course's own tests call ``random_mini_batches(X, Y,
    mini_batch_size, seed)``, so that a renamed parameter costs nothing."""
    X, Y = inputs.random_examples(inputs.generator(seed), n_x, m, n_y)
    return Case(name, group, args=(X, Y, size, batch_seed), note=note, visible=visible)


#: Labels of several rows (one per output unit) are the kit's extension of the course's contract,
#: whose Y is (1, m) (its pre-written shuffle reshapes Y to (1, m)). They are edge cases only, so
#: that a solution right under the course's contract loses the edge group alone.
SEVERAL_ROWS_NOTE = "several label rows: a shuffle that reshapes Y to (1, m) fails here"


def _mini_batch_cases() -> list[Case]:
    X10 = np.array([np.arange(10.0), np.arange(10.0, 20.0)])
    Y10 = np.array([[1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0]])
    X8 = np.array([np.arange(8.0), -np.arange(8.0), np.arange(8.0) / 10])
    Y8 = np.array([np.arange(100.0, 108.0)])
    cases = [
        Case("ten_examples_batches_of_4", "fixed", args=(X10, Y10, 4, 0),
             note="m = 10, batches of 4: two full batches and a tail batch of 2"),
        Case("eight_examples_batches_of_4", "fixed", args=(X8, Y8, 4, 1),
             note="m = 8, batches of 4: exactly two full batches, no tail"),
    ]
    cases_rows = []
    for i in range(12):
        rng = inputs.generator(200 + i)
        n_x, n_y = int(rng.integers(1, 5)), int(rng.integers(1, 4))
        m, size = int(rng.integers(2, 41)), int(rng.integers(2, 17))
        if i % 4 == 0:
            m = size * int(rng.integers(1, 4))  # some cases divide evenly
        tail = "no tail" if m % size == 0 else f"a tail of {m % size}"
        batch_seed = int(rng.integers(0, 1000))
        cases.append(_mini_batch_case(
            f"random_{i}", "random", 200 + i, n_x, m, 1, size, batch_seed,
            f"X ({n_x}, {m}), Y (1, {m}), batches of {size}, {tail}"))
        if n_y > 1 and len(cases_rows) < 3:
            cases_rows.append(_mini_batch_case(
                f"label_rows_{i}", "edge", 200 + i, n_x, m, n_y, size, batch_seed,
                f"X ({n_x}, {m}), Y ({n_y}, {m}), batches of {size}, {tail}; "
                f"{SEVERAL_ROWS_NOTE}"))
    cases += [
        _mini_batch_case("tensorflow_0", "tensorflow", 250, 3, 23, 1, 5, 3,
                         "m = 23 in batches of 5, against tf.data's batch"),
        _mini_batch_case("tensorflow_1", "tensorflow", 251, 2, 32, 1, 8, 11,
                         "m = 32 in batches of 8, against tf.data's batch"),
        _mini_batch_case("tensorflow_2", "tensorflow", 252, 4, 70, 1, 64, 5,
                         "m = 70 in batches of 64, against tf.data's batch"),
        _mini_batch_case("one_example", "edge", 260, 3, 1, 1, 64, 2,
                         "m = 1: a single batch holding the one example"),
        _mini_batch_case("batch_larger_than_m", "edge", 261, 2, 7, 1, 64, 4,
                         "mini_batch_size > m: a single, smaller batch"),
        _mini_batch_case("batch_equals_m", "edge", 262, 2, 6, 1, 6, 5,
                         "mini_batch_size = m: one full batch and no empty tail"),
        _mini_batch_case("batches_of_one", "edge", 263, 2, 5, 1, 1, 6,
                         "mini_batch_size = 1: one batch per example"),
        _mini_batch_case("one_feature_three_label_rows", "edge", 264, 1, 11, 3, 4, 7,
                         f"X with a single feature, Y with three rows, tail of 3; "
                         f"{SEVERAL_ROWS_NOTE}", visible=True),
        _mini_batch_case("default_size_even", "edge", 265, 2, 128, 1, 64, 8,
                         "m = 128 with the default size 64: exactly two batches"),
        _mini_batch_case("two_label_rows_in_batches_of_8", "edge", 251, 2, 32, 2, 8, 11,
                         f"m = 32 in batches of 8, Y with two rows; {SEVERAL_ROWS_NOTE}"),
        _mini_batch_case("three_label_rows_in_batches_of_64", "edge", 252, 4, 70, 3, 64, 5,
                         f"m = 70 in batches of 64, Y with three rows; {SEVERAL_ROWS_NOTE}"),
    ]
    return cases + cases_rows


def mistake_mb_shuffles_x_only(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y
    mini_batches = []
    n = math.floor(m / mini_batch_size)
    for k in range(n):
        mini_batches.append((shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size],
                             shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]))
    if m % mini_batch_size != 0:
        mini_batches.append((shuffled_X[:, n * mini_batch_size :],
                             shuffled_Y[:, n * mini_batch_size :]))
    return mini_batches


def mistake_mb_separate_permutation_for_y(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    shuffled_X = X[:, list(np.random.permutation(m))]
    shuffled_Y = Y[:, list(np.random.permutation(m))]
    mini_batches = []
    n = math.floor(m / mini_batch_size)
    for k in range(n):
        mini_batches.append((shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size],
                             shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]))
    if m % mini_batch_size != 0:
        mini_batches.append((shuffled_X[:, n * mini_batch_size :],
                             shuffled_Y[:, n * mini_batch_size :]))
    return mini_batches


def mistake_mb_drops_tail(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation]
    mini_batches = []
    n = math.floor(m / mini_batch_size)
    for k in range(n):
        mini_batches.append((shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size],
                             shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]))
    return mini_batches


def mistake_mb_no_shuffle(X, Y, mini_batch_size=64, seed=0):
    m = X.shape[1]
    mini_batches = []
    n = math.floor(m / mini_batch_size)
    for k in range(n):
        mini_batches.append((X[:, k * mini_batch_size : (k + 1) * mini_batch_size],
                             Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]))
    if m % mini_batch_size != 0:
        mini_batches.append((X[:, n * mini_batch_size :], Y[:, n * mini_batch_size :]))
    return mini_batches


def mistake_mb_tail_starts_at_last_k(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation]
    mini_batches = []
    k = 0
    for k in range(math.floor(m / mini_batch_size)):
        mini_batches.append((shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size],
                             shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]))
    if m % mini_batch_size != 0:
        mini_batches.append((shuffled_X[:, k * mini_batch_size :],
                             shuffled_Y[:, k * mini_batch_size :]))
    return mini_batches


def mistake_mb_cuts_rows(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation]
    mini_batches = []
    n = math.floor(m / mini_batch_size)
    for k in range(n):
        mini_batches.append((shuffled_X[k * mini_batch_size : (k + 1) * mini_batch_size, :],
                             shuffled_Y[k * mini_batch_size : (k + 1) * mini_batch_size, :]))
    if m % mini_batch_size != 0:
        mini_batches.append((shuffled_X[n * mini_batch_size :, :],
                             shuffled_Y[n * mini_batch_size :, :]))
    return mini_batches


def mistake_mb_empty_tail_batch(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation]
    mini_batches = []
    n = math.floor(m / mini_batch_size)
    for k in range(n):
        mini_batches.append((shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size],
                             shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]))
    mini_batches.append((shuffled_X[:, n * mini_batch_size :],
                         shuffled_Y[:, n * mini_batch_size :]))
    return mini_batches


def mistake_mb_tail_twice(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation]
    mini_batches = []
    n = math.ceil(m / mini_batch_size)
    for k in range(n):
        mini_batches.append((shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size],
                             shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]))
    if m % mini_batch_size != 0:
        start = math.floor(m / mini_batch_size) * mini_batch_size
        mini_batches.append((shuffled_X[:, start:], shuffled_Y[:, start:]))
    return mini_batches


def mistake_mb_reshapes_y_to_one_row(X, Y, mini_batch_size=64, seed=0):
    # the course's pre-written shuffle: right for Y of shape (1, m) only
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(0, num_complete_minibatches):
        mini_batch_X = shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    if m % mini_batch_size != 0:
        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size :]
        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size :]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    return mini_batches


EXERCISE = Exercise(
    name="random_mini_batches",
    points=14,
    reference=sol.random_mini_batches,
    cases=_mini_batch_cases,
    summary="Shuffle the examples (columns) of X and Y with one permutation and cut them into "
    "mini-batches, with a smaller tail batch when m is not a multiple of the size.",
    tensorflow=TF + "random_mini_batches",
    items=ItemLabel("mini-batch", "mini-batches", parts=("X", "Y"), last="the tail"),
    mistakes=(
        Mistake("shuffles_x_only",
                "X is shuffled but Y is not, so the labels no longer belong to their examples. "
                "Index the columns of both with the same permutation: Y[:, permutation].",
                mistake_mb_shuffles_x_only),
        Mistake("separate_permutation_for_y",
                "Y is shuffled with a second call to np.random.permutation, which gives a "
                "different order than X's. Draw the permutation once and use it for both.",
                mistake_mb_separate_permutation_for_y),
        Mistake("drops_tail",
                "The last, smaller mini-batch is missing: when m % mini_batch_size != 0 the "
                "remaining examples form one more batch, from index "
                "num_complete_minibatches * mini_batch_size to the end.",
                mistake_mb_drops_tail),
        Mistake("no_shuffle",
                "The examples are not shuffled: the batches take the columns in their original "
                "order. Call np.random.permutation(m) after seeding and index X and Y with it.",
                mistake_mb_no_shuffle),
        Mistake("tail_starts_at_last_k",
                "The tail batch starts at the last full batch's start (k * mini_batch_size with "
                "the loop's last k), so it repeats that batch. Start it at "
                "num_complete_minibatches * mini_batch_size.",
                mistake_mb_tail_starts_at_last_k),
        Mistake("cuts_rows",
                "The batches are cut along the rows (features) instead of the columns "
                "(examples). Slice the second axis: shuffled_X[:, start:end].",
                mistake_mb_cuts_rows),
        Mistake("empty_tail_batch",
                "When m is a multiple of mini_batch_size an empty batch is appended at the end. "
                "Add the tail batch only if m % mini_batch_size != 0.",
                mistake_mb_empty_tail_batch),
        Mistake("tail_twice",
                "The tail batch appears twice: the loop already runs ceil(m / size) times, and "
                "then the tail is added again. Loop over floor(m / mini_batch_size) full batches.",
                mistake_mb_tail_twice),
        Mistake("reshapes_Y_to_one_row",
                "Your shuffle reshapes Y to one row, Y[:, permutation].reshape((1, m)), as the "
                "course's notebook does: that is right when Y has shape (1, m), but fails when Y "
                "has several rows (one per output unit, as in the edge cases here). Drop the "
                "reshape: shuffled_Y = Y[:, permutation] keeps every row.",
                mistake_mb_reshapes_y_to_one_row),
    ),
)

"""Declarations of the assignment ``optimization_methods`` (course week 2).

Thirteen exercises in the notebook's order: gradient descent, mini-batches, exponentially weighted
averages, momentum, RMSProp, Adam (each optimizer with its initialiser) and four learning-rate
decay schedules. Each declares its cases (built from local generators, see
:mod:`autograder.exercises.inputs`), its TensorFlow counterpart where the curriculum maps one, and
the typical mistakes the autograder recognises.

The ``mistake_*`` functions are written like the reference with one thing wrong. They are
self-contained (only ``math`` and ``np``), because the tests and the diagnosis transplant their source
into a module of their own under the exercise's name.
"""

from __future__ import annotations

import math

import numpy as np

from autograder.exercises import inputs
from autograder.spec import Assignment, Case, Exercise, Mistake
from course_lib.compare import Tolerance
from solutions import optimization_methods as sol

TF = "solutions.tensorflow_counterparts:"

#: A learning rate is one positive number that may be tiny (0.95**10000 is about 1e-223), so it is
#: compared relatively: an absolute allowance of 1e-10 would accept any answer below 1e-10.
RATE_TOLERANCE = Tolerance(
    rtol=1e-7,
    atol_scale=0.0,
    reason="a learning rate is a single positive number, possibly tiny, so it is compared "
    "relatively; equivalent float64 formulas (**, math.pow, exp of a log) differ by far less "
    "than 1e-7 relative",
)


# ------------------------------------------------------------------------------------------------
# Inputs shared by the optimizer exercises
# ------------------------------------------------------------------------------------------------


def _readable_network(seed: int, dims: list[int]):
    """Parameters with one decimal and gradients with two, for visible cases."""
    rng = inputs.generator(seed)
    parameters = inputs.rounded(inputs.random_parameters(rng, dims), 1)
    grads = inputs.rounded(inputs.random_grads(rng, dims, low=0.05, high=2.0), 2)
    return rng, parameters, grads


def _random_network(seed: int, num_layers: int, low: float = 1e-3, high: float = 10.0):
    """Random layer sizes (1 to 5 units), parameters, and gradients of mixed magnitudes."""
    rng = inputs.generator(seed)
    dims = inputs.random_layer_dims(rng, num_layers)
    parameters = inputs.random_parameters(rng, dims)
    grads = inputs.random_grads(rng, dims, low, high)
    return rng, dims, parameters, grads


def _layers_note(dims: list[int]) -> str:
    units = "-".join(str(n) for n in dims)
    return f"{len(dims) - 1} layer(s), units {units}"


def _initializer_cases() -> list[Case]:
    """Parameters dicts of 1 to 4 layers (the initialisers only read their shapes)."""
    rng = inputs.generator(7)
    two_layers = inputs.rounded(inputs.random_parameters(rng, [3, 2, 1]), 1)
    three_layers = inputs.rounded(inputs.random_parameters(rng, [2, 4, 3, 1]), 1)
    cases = [
        Case("two_layers", "fixed", args=(two_layers,),
             note="two layers: W1 (2, 3), b1 (2, 1), W2 (1, 2), b2 (1, 1)"),
        Case("three_layers", "fixed", args=(three_layers,),
             note="three layers: W1 (4, 2), W2 (3, 4), W3 (1, 3)"),
    ]
    for i in range(10):
        rng = inputs.generator(1000 + i)
        dims = inputs.random_layer_dims(rng, 1 + i % 4)
        cases.append(Case(f"random_{i}", "random", args=(inputs.random_parameters(rng, dims),),
                          note=_layers_note(dims)))
    rng = inputs.generator(1100)
    cases += [
        Case("one_unit", "edge", args=(inputs.random_parameters(rng, [1, 1]),),
             note="a single layer with one unit and one input: W1 and b1 are (1, 1)"),
        Case("four_layers", "edge", args=(inputs.random_parameters(rng, [5, 4, 3, 2, 1]),),
             note="four layers, every W rectangular"),
    ]
    return cases


# ------------------------------------------------------------------------------------------------
# Gradient descent
# ------------------------------------------------------------------------------------------------


def _gd_cases() -> list[Case]:
    _, p2, g2 = _readable_network(11, [3, 2, 1])
    _, p3, g3 = _readable_network(12, [2, 2, 1, 1])
    cases = [
        Case("two_layers", "fixed", args=(p2, g2, 0.1), note="two layers, learning rate 0.1"),
        Case("three_layers", "fixed", args=(p3, g3, 0.5), note="three layers, learning rate 0.5"),
    ]
    for i in range(12):
        rng, dims, parameters, grads = _random_network(100 + i, 1 + i % 4)
        lr = inputs.log_uniform(rng, 1e-4, 1.0)
        cases.append(Case(f"random_{i}", "random", args=(parameters, grads, lr),
                          note=f"{_layers_note(dims)}, learning rate {lr:.2g}"))
    for i in range(3):
        rng, dims, parameters, grads = _random_network(150 + i, 2 + i)
        lr = inputs.log_uniform(rng, 1e-3, 1.0)
        cases.append(Case(f"tensorflow_{i}", "tensorflow", args=(parameters, grads, lr),
                          note=f"{_layers_note(dims)}, against keras SGD's rule"))
    rng = inputs.generator(170)
    cases += [
        Case("one_unit", "edge",
             args=(inputs.random_parameters(rng, [1, 1]), inputs.random_grads(rng, [1, 1]), 0.3),
             note="a single layer with one unit: every array is (1, 1)"),
    ]
    rng, dims, parameters, grads = _random_network(171, 4, low=1e-8, high=1e4)
    cases.append(Case("four_layers_extreme_gradients", "edge", args=(parameters, grads, 0.05),
                      note="four layers, gradients from 1e-8 to 1e4 side by side"))
    return cases


def mistake_gd_adds_gradient(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] + learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] + learning_rate * grads["db" + str(l)]
    return parameters


def mistake_gd_no_learning_rate(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - grads["db" + str(l)]
    return parameters


def mistake_gd_forgets_b(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
    return parameters


def mistake_gd_skips_last_layer(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters


def mistake_gd_returns_inside_loop(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
        return parameters
    return parameters


def mistake_gd_swaps_gradients(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["db" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["dW" + str(l)]
    return parameters


GD = Exercise(
    name="update_parameters_with_gd",
    points=7,
    reference=sol.update_parameters_with_gd,
    cases=_gd_cases,
    summary="One step of gradient descent: W = W - a*dW and b = b - a*db for every layer.",
    tensorflow=TF + "update_parameters_with_gd",
    mistakes=(
        Mistake("adds_gradient",
                "Your update adds the gradient: W + a*dW climbs the cost. Gradient descent "
                "subtracts it: W = W - learning_rate * dW (same for b).",
                mistake_gd_adds_gradient),
        Mistake("no_learning_rate",
                "Your update ignores the learning rate (W - dW). Scale the gradient by it: "
                "W = W - learning_rate * dW, and the same for b.",
                mistake_gd_no_learning_rate),
        Mistake("forgets_b",
                "Your update changes the weights W but not the biases b. Update both in every "
                "layer: b = b - learning_rate * db.",
                mistake_gd_forgets_b),
        Mistake("skips_last_layer",
                "The last layer is not updated: loop over l = 1, ..., L inclusive, i.e. "
                "range(1, L + 1), where L = len(parameters) // 2.",
                mistake_gd_skips_last_layer),
        Mistake("returns_inside_loop",
                "Only the first layer is updated: the return statement sits inside the loop over "
                "the layers. Move it after the loop.",
                mistake_gd_returns_inside_loop),
        Mistake("swaps_gradients",
                "W is updated with db and b with dW. Each parameter takes its own gradient: "
                "W{l} with dW{l}, b{l} with db{l}.",
                mistake_gd_swaps_gradients),
    ),
)


# ------------------------------------------------------------------------------------------------
# Mini-batches
# ------------------------------------------------------------------------------------------------


def _mini_batch_case(name, group, seed, n_x, m, n_y, size, batch_seed, note):
    X, Y = inputs.random_examples(inputs.generator(seed), n_x, m, n_y)
    return Case(name, group, args=(X, Y), kwargs={"mini_batch_size": size, "seed": batch_seed},
                note=note)


def _mini_batch_cases() -> list[Case]:
    X10 = np.array([np.arange(10.0), np.arange(10.0, 20.0)])
    Y10 = np.array([[1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0]])
    X8 = np.array([np.arange(8.0), -np.arange(8.0), np.arange(8.0) / 10])
    Y8 = np.array([np.arange(100.0, 108.0)])
    cases = [
        Case("ten_examples_batches_of_4", "fixed", args=(X10, Y10),
             kwargs={"mini_batch_size": 4, "seed": 0},
             note="m = 10, batches of 4: two full batches and a tail batch of 2"),
        Case("eight_examples_batches_of_4", "fixed", args=(X8, Y8),
             kwargs={"mini_batch_size": 4, "seed": 1},
             note="m = 8, batches of 4: exactly two full batches, no tail"),
    ]
    for i in range(12):
        rng = inputs.generator(200 + i)
        n_x, n_y = int(rng.integers(1, 5)), int(rng.integers(1, 4))
        m, size = int(rng.integers(2, 41)), int(rng.integers(2, 17))
        if i % 4 == 0:
            m = size * int(rng.integers(1, 4))  # some cases divide evenly
        tail = "no tail" if m % size == 0 else f"a tail of {m % size}"
        cases.append(_mini_batch_case(
            f"random_{i}", "random", 200 + i, n_x, m, n_y, size, int(rng.integers(0, 1000)),
            f"X ({n_x}, {m}), Y ({n_y}, {m}), batches of {size}, {tail}"))
    cases += [
        _mini_batch_case("tensorflow_0", "tensorflow", 250, 3, 23, 1, 5, 3,
                         "m = 23 in batches of 5, against tf.data's batch"),
        _mini_batch_case("tensorflow_1", "tensorflow", 251, 2, 32, 2, 8, 11,
                         "m = 32 in batches of 8, against tf.data's batch"),
        _mini_batch_case("tensorflow_2", "tensorflow", 252, 4, 70, 3, 64, 5,
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
                         "X with a single feature, Y with three rows, tail of 3"),
        _mini_batch_case("default_size_even", "edge", 265, 2, 128, 1, 64, 8,
                         "m = 128 with the default size 64: exactly two batches"),
    ]
    return cases


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


MINI_BATCHES = Exercise(
    name="random_mini_batches",
    points=14,
    reference=sol.random_mini_batches,
    cases=_mini_batch_cases,
    summary="Shuffle the examples (columns) of X and Y with one permutation and cut them into "
    "mini-batches, with a smaller tail batch when m is not a multiple of the size.",
    tensorflow=TF + "random_mini_batches",
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
    ),
)


# ------------------------------------------------------------------------------------------------
# Exponentially weighted averages
# ------------------------------------------------------------------------------------------------


def _ewa_cases() -> list[Case]:
    temperatures = np.array([10.0, 12.0, 11.0, 15.0, 14.0, 13.0])
    pairs = np.array([[1.0, -2.0], [3.0, 0.0], [2.0, 4.0], [0.0, 1.0]])
    cases = [
        Case("six_days", "fixed", args=(temperatures, 0.5),
             note="six temperatures, beta = 0.5, no bias correction"),
        Case("six_days_corrected", "fixed", args=(temperatures, 0.9),
             kwargs={"bias_correction": True},
             note="six temperatures, beta = 0.9, with bias correction"),
        Case("two_series", "fixed", args=(pairs, 0.8), kwargs={"bias_correction": True},
             note="thetas of shape (4, 2): two series averaged side by side, corrected"),
    ]
    betas = [0.5, 0.9, 0.98, 0.999, 0.6, 0.95, 0.8, 0.99, 0.7, 0.9, 0.75, 0.999]
    for i, beta in enumerate(betas):
        rng = inputs.generator(300 + i)
        T = int(rng.integers(2, 41))
        shape = (T,) if i % 2 == 0 else (T, int(rng.integers(1, 4)))
        thetas = 20.0 + 5.0 * rng.standard_normal(shape)
        correct = i % 3 != 0
        cases.append(Case(f"random_{i}", "random", args=(thetas, beta),
                          kwargs={"bias_correction": correct},
                          note=f"thetas {shape}, beta = {beta}, "
                          f"{'with' if correct else 'without'} bias correction"))
    # Betas exact in float32: tf.train.ExponentialMovingAverage turns its decay into float32.
    for i, (beta, correct) in enumerate([(0.5, False), (0.75, True), (0.9375, True),
                                         (0.96875, False)]):
        rng = inputs.generator(350 + i)
        shape = (15,) if i % 2 == 0 else (12, 3)
        thetas = 5.0 * rng.standard_normal(shape)
        cases.append(Case(f"tensorflow_{i}", "tensorflow", args=(thetas, beta),
                          kwargs={"bias_correction": correct},
                          note=f"beta = {beta}, against tf.train.ExponentialMovingAverage"))
    rng = inputs.generator(370)
    cases += [
        Case("beta_zero", "edge", args=(rng.standard_normal(8), 0.0),
             kwargs={"bias_correction": True},
             note="beta = 0: the average is the latest value itself"),
        Case("one_step_corrected", "edge", args=(np.array([[3.0, -1.0]]), 0.9),
             kwargs={"bias_correction": True},
             note="T = 1 with bias correction: v_1 / (1 - beta) is theta_1 itself"),
        Case("beta_near_one", "edge", args=(10.0 + rng.standard_normal(50), 0.999),
             kwargs={"bias_correction": False},
             note="beta = 0.999 without correction: the first values stay near 0"),
        Case("beta_near_one_corrected", "edge", args=(10.0 + rng.standard_normal((50, 2)), 0.999),
             kwargs={"bias_correction": True},
             note="beta = 0.999 with correction: the first values are corrected strongly"),
    ]
    return cases


def mistake_ewa_swaps_weights(thetas, beta, bias_correction=False):
    v = np.zeros(thetas.shape[1:])
    averages = np.zeros_like(thetas)
    for t in range(1, thetas.shape[0] + 1):
        v = (1 - beta) * v + beta * thetas[t - 1]
        averages[t - 1] = v / (1 - beta**t) if bias_correction else v
    return averages


def mistake_ewa_zero_based_t(thetas, beta, bias_correction=False):
    v = np.zeros(thetas.shape[1:])
    averages = np.zeros_like(thetas)
    for t in range(thetas.shape[0]):
        v = beta * v + (1 - beta) * thetas[t]
        averages[t] = v / (1 - beta**t) if bias_correction else v
    return averages


def mistake_ewa_never_corrects(thetas, beta, bias_correction=False):
    v = np.zeros(thetas.shape[1:])
    averages = np.zeros_like(thetas)
    for t in range(1, thetas.shape[0] + 1):
        v = beta * v + (1 - beta) * thetas[t - 1]
        averages[t - 1] = v
    return averages


def mistake_ewa_always_corrects(thetas, beta, bias_correction=False):
    v = np.zeros(thetas.shape[1:])
    averages = np.zeros_like(thetas)
    for t in range(1, thetas.shape[0] + 1):
        v = beta * v + (1 - beta) * thetas[t - 1]
        averages[t - 1] = v / (1 - beta**t)
    return averages


def mistake_ewa_starts_at_first_theta(thetas, beta, bias_correction=False):
    v = thetas[0]
    averages = np.zeros_like(thetas)
    for t in range(1, thetas.shape[0] + 1):
        v = beta * v + (1 - beta) * thetas[t - 1]
        averages[t - 1] = v / (1 - beta**t) if bias_correction else v
    return averages


def mistake_ewa_no_one_minus_beta(thetas, beta, bias_correction=False):
    v = np.zeros(thetas.shape[1:])
    averages = np.zeros_like(thetas)
    for t in range(1, thetas.shape[0] + 1):
        v = beta * v + thetas[t - 1]
        averages[t - 1] = v / (1 - beta**t) if bias_correction else v
    return averages


def mistake_ewa_corrects_running_average(thetas, beta, bias_correction=False):
    v = np.zeros(thetas.shape[1:])
    averages = np.zeros_like(thetas)
    for t in range(1, thetas.shape[0] + 1):
        v = beta * v + (1 - beta) * thetas[t - 1]
        if bias_correction:
            v = v / (1 - beta**t)
        averages[t - 1] = v
    return averages


def mistake_ewa_stores_before_update(thetas, beta, bias_correction=False):
    v = np.zeros(thetas.shape[1:])
    averages = np.zeros_like(thetas)
    for t in range(1, thetas.shape[0] + 1):
        averages[t - 1] = v / (1 - beta**t) if bias_correction else v
        v = beta * v + (1 - beta) * thetas[t - 1]
    return averages


EWA = Exercise(
    name="exponentially_weighted_average",
    points=9,
    reference=sol.exponentially_weighted_average,
    cases=_ewa_cases,
    summary="v_t = beta*v_{t-1} + (1-beta)*theta_t from v_0 = 0, optionally divided by "
    "1 - beta**t.",
    tensorflow=TF + "exponentially_weighted_average",
    mistakes=(
        Mistake("swaps_weights",
                "The weights are swapped: beta multiplies the new value and 1 - beta the old "
                "average. Use v = beta * v + (1 - beta) * theta_t.",
                mistake_ewa_swaps_weights),
        Mistake("zero_based_t",
                "The bias correction uses a step count that starts at 0, so the first value is "
                "divided by 1 - beta**0 = 0. The first step is t = 1: divide by 1 - beta**t with "
                "t = 1, ..., T.",
                mistake_ewa_zero_based_t),
        Mistake("never_corrects",
                "bias_correction=True has no effect: with it, return v_t / (1 - beta**t) "
                "instead of v_t.",
                mistake_ewa_never_corrects),
        Mistake("always_corrects",
                "The averages are bias-corrected even when bias_correction is False. Divide by "
                "1 - beta**t only when bias_correction is True.",
                mistake_ewa_always_corrects),
        Mistake("starts_at_first_theta",
                "The average starts from theta_1 instead of v_0 = 0. Start from zeros; the bias "
                "correction is what compensates for that start.",
                mistake_ewa_starts_at_first_theta),
        Mistake("no_one_minus_beta",
                "The new value is added without its weight 1 - beta, so v grows like a sum. Use "
                "v = beta * v + (1 - beta) * theta_t.",
                mistake_ewa_no_one_minus_beta),
        Mistake("corrects_running_average",
                "The corrected value replaces v itself, so later steps build on corrected "
                "values. Keep v uncorrected and only return v / (1 - beta**t).",
                mistake_ewa_corrects_running_average),
        Mistake("stores_before_update",
                "Each average is stored before theta_t is added, so the output is v_0, ..., "
                "v_{T-1}. Update v first, then store it (or its corrected value).",
                mistake_ewa_stores_before_update),
    ),
)


# ------------------------------------------------------------------------------------------------
# Initialisers (momentum, RMSProp, Adam)
# ------------------------------------------------------------------------------------------------


def mistake_init_parameter_keys(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["W" + str(l)] = np.zeros_like(parameters["W" + str(l)])
        v["b" + str(l)] = np.zeros_like(parameters["b" + str(l)])
    return v


def mistake_init_forgets_b(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros_like(parameters["W" + str(l)])
    return v


def mistake_init_skips_last_layer(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L):
        v["dW" + str(l)] = np.zeros_like(parameters["W" + str(l)])
        v["db" + str(l)] = np.zeros_like(parameters["b" + str(l)])
    return v


def mistake_init_copies_parameters(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = parameters["W" + str(l)].copy()
        v["db" + str(l)] = parameters["b" + str(l)].copy()
    return v


def mistake_init_transposed(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].T.shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].T.shape)
    return v


def mistake_init_flat_b(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros_like(parameters["W" + str(l)])
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape[0])
    return v


def _initializer_mistakes(state: str, what: str) -> tuple[Mistake, ...]:
    """The typical mistakes of an initialiser returning one state dict ``state`` (v or s)."""
    return (
        Mistake("parameter_keys",
                f"{state} uses the parameters' keys (W1, b1, ...). {what} is indexed like the "
                f"gradients: {state}['dW1'], {state}['db1'], ...",
                mistake_init_parameter_keys),
        Mistake("forgets_b",
                f"{state} has entries for the weights only. Add {state}['db' + str(l)], zeros "
                "shaped like b{l}, for every layer.",
                mistake_init_forgets_b),
        Mistake("skips_last_layer",
                f"{state} has no entries for the last layer: loop over l = 1, ..., L, i.e. "
                "range(1, L + 1).",
                mistake_init_skips_last_layer),
        Mistake("copies_parameters",
                f"{state} starts as a copy of the parameters. It must start at zeros shaped like "
                "them: np.zeros_like(parameters['W' + str(l)]).",
                mistake_init_copies_parameters),
        Mistake("transposed",
                f"The entries of {state} are transposed. Make them with the parameters' own "
                "shapes: np.zeros_like(W) or np.zeros(W.shape).",
                mistake_init_transposed),
        Mistake("flat_b",
                f"{state}['db{{l}}'] is a 1-D array. It must have the shape of b{{l}}, (n, 1): "
                "np.zeros_like(parameters['b' + str(l)]).",
                mistake_init_flat_b),
    )


INIT_VELOCITY = Exercise(
    name="initialize_velocity",
    points=3,
    reference=sol.initialize_velocity,
    cases=_initializer_cases,
    summary="Momentum's velocity v: zeros shaped like each parameter, with keys dW1, db1, ...",
    mistakes=_initializer_mistakes("v", "The velocity"),
)


# ------------------------------------------------------------------------------------------------
# Momentum
# ------------------------------------------------------------------------------------------------


def _momentum_cases() -> list[Case]:
    dims = [3, 2, 1]
    _, p1, g1 = _readable_network(21, dims)
    rng, p2, g2 = _readable_network(22, dims)
    v2 = inputs.rounded(inputs.random_grads(rng, dims, low=0.05, high=1.0), 2)
    cases = [
        Case("first_step", "fixed", args=(p1, g1, inputs.zero_state(dims), 0.9, 0.1),
             note="velocity at zero, beta = 0.9, learning rate 0.1"),
        Case("with_velocity", "fixed", args=(p2, g2, v2, 0.8, 0.5),
             note="a non-zero velocity, beta = 0.8, learning rate 0.5"),
    ]
    for i in range(12):
        rng, dims, parameters, grads = _random_network(400 + i, 1 + i % 4)
        v = inputs.random_grads(rng, dims, 1e-3, 1.0)
        beta = float(rng.uniform(0.5, 0.999))
        lr = inputs.log_uniform(rng, 1e-4, 1.0)
        cases.append(Case(f"random_{i}", "random", args=(parameters, grads, v, beta, lr),
                          note=f"{_layers_note(dims)}, beta {beta:.3g}, learning rate {lr:.2g}"))
    for i in range(3):
        rng, dims, parameters, grads = _random_network(450 + i, 2 + i)
        v = inputs.random_grads(rng, dims, 1e-3, 1.0)
        beta, lr = float(rng.uniform(0.5, 0.99)), inputs.log_uniform(rng, 1e-3, 1.0)
        cases.append(Case(f"tensorflow_{i}", "tensorflow", args=(parameters, grads, v, beta, lr),
                          note=f"{_layers_note(dims)}, against keras SGD with momentum"))
    rng, dims, parameters, grads = _random_network(470, 2)
    v = inputs.random_grads(rng, dims, 1e-2, 1.0)
    cases.append(Case("beta_zero", "edge", args=(parameters, grads, v, 0.0, 0.1),
                      note="beta = 0 with a non-zero incoming velocity: plain gradient descent"))
    rng, dims, parameters, grads = _random_network(471, 3)
    cases.append(Case("first_step_three_layers", "edge",
                      args=(parameters, grads, inputs.zero_state(dims), 0.9, 0.05),
                      note="three layers, velocity at zero"))
    rng = inputs.generator(472)
    cases.append(Case("one_unit", "edge",
                      args=(inputs.random_parameters(rng, [1, 1]), inputs.random_grads(rng, [1, 1]),
                            inputs.random_grads(rng, [1, 1]), 0.95, 0.2),
                      note="a single layer with one unit: every array is (1, 1)"))
    return cases


def mistake_momentum_no_one_minus_beta(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = beta * v["d" + p + str(l)] + grads["d" + p + str(l)]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v["d" + p + str(l)]
    return parameters, v


def mistake_momentum_swaps_weights(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = (1 - beta) * v["d" + p + str(l)] + beta * grads["d" + p + str(l)]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v["d" + p + str(l)]
    return parameters, v


def mistake_momentum_steps_with_gradient(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = beta * v["d" + p + str(l)] + (1 - beta) * grads["d" + p + str(l)]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads["d" + p + str(l)]
    return parameters, v


def mistake_momentum_steps_before_velocity(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v["d" + p + str(l)]
            v["d" + p + str(l)] = beta * v["d" + p + str(l)] + (1 - beta) * grads["d" + p + str(l)]
    return parameters, v


def mistake_momentum_forgets_b(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
    return parameters, v


def mistake_momentum_skips_last_layer(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L):
        for p in ("W", "b"):
            v["d" + p + str(l)] = beta * v["d" + p + str(l)] + (1 - beta) * grads["d" + p + str(l)]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v["d" + p + str(l)]
    return parameters, v


def mistake_momentum_adds_velocity(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = beta * v["d" + p + str(l)] + (1 - beta) * grads["d" + p + str(l)]
            parameters[p + str(l)] = parameters[p + str(l)] + learning_rate * v["d" + p + str(l)]
    return parameters, v


MOMENTUM = Exercise(
    name="update_parameters_with_momentum",
    points=10,
    reference=sol.update_parameters_with_momentum,
    cases=_momentum_cases,
    summary="One step of momentum: v = beta*v + (1-beta)*dW, then W = W - a*v (same for b).",
    tensorflow=TF + "update_parameters_with_momentum",
    returns=("parameters", "v"),
    mistakes=(
        Mistake("no_one_minus_beta",
                "The gradient enters the velocity without its weight 1 - beta. Use "
                "v = beta * v + (1 - beta) * dW.",
                mistake_momentum_no_one_minus_beta),
        Mistake("swaps_weights",
                "beta and 1 - beta are swapped: beta weighs the past velocity, 1 - beta the new "
                "gradient: v = beta * v + (1 - beta) * dW.",
                mistake_momentum_swaps_weights),
        Mistake("steps_with_gradient",
                "The velocity is computed but the parameters step along the raw gradient. "
                "Momentum steps along the velocity: W = W - learning_rate * v['dW' + str(l)].",
                mistake_momentum_steps_with_gradient),
        Mistake("steps_before_velocity",
                "The parameters step with the previous velocity. Update v first, then step "
                "with the new v.",
                mistake_momentum_steps_before_velocity),
        Mistake("forgets_b",
                "The biases b and their velocity are not updated. Update v['db' + str(l)] and "
                "b{l} as you do for W.",
                mistake_momentum_forgets_b),
        Mistake("skips_last_layer",
                "The last layer is not updated: loop over l = 1, ..., L, i.e. range(1, L + 1).",
                mistake_momentum_skips_last_layer),
        Mistake("adds_velocity",
                "The step adds the velocity and climbs the cost. Subtract it: "
                "W = W - learning_rate * v.",
                mistake_momentum_adds_velocity),
    ),
)


# ------------------------------------------------------------------------------------------------
# RMSProp
# ------------------------------------------------------------------------------------------------


INIT_RMSPROP = Exercise(
    name="initialize_rmsprop",
    points=3,
    reference=sol.initialize_rmsprop,
    cases=_initializer_cases,
    summary="RMSProp's s: zeros shaped like each parameter, with keys dW1, db1, ...",
    mistakes=_initializer_mistakes("s", "The average of squared gradients"),
)


def _rmsprop_cases() -> list[Case]:
    dims = [3, 2, 1]
    _, p1, g1 = _readable_network(31, dims)
    rng, p2, g2 = _readable_network(32, dims)
    s2 = inputs.rounded(inputs.random_grads(rng, dims, low=0.01, high=1.0, signed=False), 2)
    cases = [
        Case("first_step", "fixed", args=(p1, g1, inputs.zero_state(dims), 0.9, 0.01),
             note="s at zero, beta2 = 0.9, learning rate 0.01"),
        Case("with_history", "fixed", args=(p2, g2, s2, 0.99, 0.1),
             note="a non-zero s, beta2 = 0.99, learning rate 0.1"),
    ]
    for i in range(12):
        rng, dims, parameters, grads = _random_network(500 + i, 1 + i % 4)
        s = inputs.random_grads(rng, dims, 1e-6, 10.0, signed=False)
        beta2 = float(rng.uniform(0.5, 0.999))
        lr = inputs.log_uniform(rng, 1e-4, 1.0)
        cases.append(Case(f"random_{i}", "random", args=(parameters, grads, s, beta2, lr),
                          note=f"{_layers_note(dims)}, beta2 {beta2:.3g}, learning rate {lr:.2g}"))
    # Keras puts epsilon inside the square root: compare where it is negligible (s near 1, e tiny).
    for i in range(3):
        rng, dims, parameters, grads = _random_network(550 + i, 2 + i, low=0.1, high=3.0)
        s = inputs.random_grads(rng, dims, 0.5, 4.0, signed=False)
        beta2, lr = float(rng.uniform(0.8, 0.999)), inputs.log_uniform(rng, 1e-3, 0.1)
        cases.append(Case(f"tensorflow_{i}", "tensorflow",
                          args=(parameters, grads, s, beta2, lr), kwargs={"epsilon": 1e-12},
                          note=f"{_layers_note(dims)}, against keras RMSprop where epsilon is "
                          "negligible"))
    rng, dims, parameters, grads = _random_network(570, 2, low=1e-3, high=0.1)
    s = inputs.random_grads(rng, dims, 1e-4, 1e-2, signed=False)
    cases.append(Case("large_epsilon", "edge", args=(parameters, grads, s, 0.9, 0.01),
                      kwargs={"epsilon": 0.1},
                      note="epsilon = 0.1 next to small s: sqrt(s) + epsilon differs clearly "
                      "from sqrt(s + epsilon)"))
    rng, dims, parameters, grads = _random_network(571, 3)
    cases.append(Case("first_step_three_layers", "edge",
                      args=(parameters, grads, inputs.zero_state(dims), 0.999, 0.001),
                      note="three layers, s at zero: the first step is about "
                      "learning_rate / sqrt(1 - beta2)"))
    rng = inputs.generator(572)
    cases.append(Case("one_unit", "edge",
                      args=(inputs.random_parameters(rng, [1, 1]), inputs.random_grads(rng, [1, 1]),
                            inputs.random_grads(rng, [1, 1], signed=False), 0.5, 0.3),
                      note="a single layer with one unit: every array is (1, 1)"))
    return cases


def mistake_rmsprop_epsilon_inside_sqrt(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads[g] / np.sqrt(
                s[g] + epsilon)
    return parameters, s


def mistake_rmsprop_forgets_square(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads[g] / (
                np.sqrt(s[g]) + epsilon)
    return parameters, s


def mistake_rmsprop_no_sqrt(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads[g] / (
                s[g] + epsilon)
    return parameters, s


def mistake_rmsprop_steps_before_s(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads[g] / (
                np.sqrt(s[g]) + epsilon)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
    return parameters, s


def mistake_rmsprop_swaps_weights(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            s[g] = (1 - beta2) * s[g] + beta2 * grads[g] ** 2
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads[g] / (
                np.sqrt(s[g]) + epsilon)
    return parameters, s


def mistake_rmsprop_forgets_b(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        g = "dW" + str(l)
        s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads[g] / (
            np.sqrt(s[g]) + epsilon)
    return parameters, s


RMSPROP = Exercise(
    name="update_parameters_with_rmsprop",
    points=11,
    reference=sol.update_parameters_with_rmsprop,
    cases=_rmsprop_cases,
    summary="One step of RMSProp: s = beta2*s + (1-beta2)*dW**2, W = W - a*dW/(sqrt(s) + eps).",
    tensorflow=TF + "update_parameters_with_rmsprop",
    returns=("parameters", "s"),
    mistakes=(
        Mistake("epsilon_inside_sqrt",
                "epsilon is added inside the square root, sqrt(s + epsilon). The course adds it "
                "outside: dW / (np.sqrt(s) + epsilon). It shows when epsilon is not tiny next "
                "to s.",
                mistake_rmsprop_epsilon_inside_sqrt),
        Mistake("forgets_square",
                "s averages the gradients instead of their squares, so it can go negative and "
                "its square root is NaN. Use s = beta2 * s + (1 - beta2) * dW**2.",
                mistake_rmsprop_forgets_square),
        Mistake("no_sqrt",
                "The step divides by s instead of its square root. Use "
                "dW / (np.sqrt(s) + epsilon).",
                mistake_rmsprop_no_sqrt),
        Mistake("steps_before_s",
                "The parameters step with the previous s. Update s with this step's gradient "
                "first, then divide by np.sqrt(s) + epsilon.",
                mistake_rmsprop_steps_before_s),
        Mistake("swaps_weights",
                "beta2 and 1 - beta2 are swapped: beta2 weighs the past average, 1 - beta2 the "
                "new squared gradient: s = beta2 * s + (1 - beta2) * dW**2.",
                mistake_rmsprop_swaps_weights),
        Mistake("forgets_b",
                "The biases b and their s are not updated. Update s['db' + str(l)] and b{l} as "
                "you do for W.",
                mistake_rmsprop_forgets_b),
    ),
)


# ------------------------------------------------------------------------------------------------
# Adam
# ------------------------------------------------------------------------------------------------


def mistake_init_adam_parameter_keys(parameters):
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v[p + str(l)] = np.zeros_like(parameters[p + str(l)])
            s[p + str(l)] = np.zeros_like(parameters[p + str(l)])
    return v, s


def mistake_init_adam_forgets_b(parameters):
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros_like(parameters["W" + str(l)])
        s["dW" + str(l)] = np.zeros_like(parameters["W" + str(l)])
    return v, s


def mistake_init_adam_skips_last_layer(parameters):
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L):
        for p in ("W", "b"):
            v["d" + p + str(l)] = np.zeros_like(parameters[p + str(l)])
            s["d" + p + str(l)] = np.zeros_like(parameters[p + str(l)])
    return v, s


def mistake_init_adam_copies_parameters(parameters):
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = parameters[p + str(l)].copy()
            s["d" + p + str(l)] = parameters[p + str(l)].copy()
    return v, s


def mistake_init_adam_transposed(parameters):
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = np.zeros(parameters[p + str(l)].T.shape)
            s["d" + p + str(l)] = np.zeros(parameters[p + str(l)].T.shape)
    return v, s


def mistake_init_adam_returns_v_only(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = np.zeros_like(parameters[p + str(l)])
    return v


INIT_ADAM = Exercise(
    name="initialize_adam",
    points=4,
    reference=sol.initialize_adam,
    cases=_initializer_cases,
    summary="Adam's v and s: two dicts of zeros shaped like the parameters, keys dW1, db1, ...",
    returns=("v", "s"),
    mistakes=(
        Mistake("parameter_keys",
                "v and s use the parameters' keys (W1, b1, ...). They are indexed like the "
                "gradients: v['dW1'], v['db1'], ..., and the same for s.",
                mistake_init_adam_parameter_keys),
        Mistake("forgets_b",
                "v and s have entries for the weights only. Add v['db' + str(l)] and "
                "s['db' + str(l)], zeros shaped like b{l}, for every layer.",
                mistake_init_adam_forgets_b),
        Mistake("skips_last_layer",
                "v and s have no entries for the last layer: loop over l = 1, ..., L, i.e. "
                "range(1, L + 1).",
                mistake_init_adam_skips_last_layer),
        Mistake("copies_parameters",
                "v and s start as copies of the parameters. They must start at zeros shaped "
                "like them: np.zeros_like(parameters['W' + str(l)]).",
                mistake_init_adam_copies_parameters),
        Mistake("transposed",
                "The entries of v and s are transposed. Make them with the parameters' own "
                "shapes: np.zeros_like(W).",
                mistake_init_adam_transposed),
        Mistake("returns_v_only",
                "Only v is returned. initialize_adam returns both estimates: return v, s.",
                mistake_init_adam_returns_v_only),
    ),
)


def _adam_cases() -> list[Case]:
    dims = [3, 2, 1]
    _, p1, g1 = _readable_network(41, dims)
    rng, p2, g2 = _readable_network(42, dims)
    v2 = inputs.rounded(inputs.random_grads(rng, dims, low=0.05, high=1.0), 2)
    s2 = inputs.rounded(inputs.random_grads(rng, dims, low=0.01, high=1.0, signed=False), 2)
    cases = [
        Case("first_step", "fixed",
             args=(p1, g1, inputs.zero_state(dims), inputs.zero_state(dims), 1),
             note="t = 1 with v and s at zero, default hyperparameters"),
        Case("second_step", "fixed", args=(p2, g2, v2, s2, 2),
             kwargs={"learning_rate": 0.02, "beta1": 0.8, "beta2": 0.99},
             note="t = 2 with non-zero v and s, learning rate 0.02, beta1 0.8, beta2 0.99"),
    ]
    steps = [1, 2, 3, 7, 10, 25, 60, 150, 400, 1000, 2, 1]
    for i, t in enumerate(steps):
        rng, dims, parameters, grads = _random_network(600 + i, 1 + i % 4)
        v = inputs.random_grads(rng, dims, 1e-3, 1.0)
        s = inputs.random_grads(rng, dims, 1e-6, 10.0, signed=False)
        hyper = {
            "learning_rate": inputs.log_uniform(rng, 1e-4, 0.1),
            "beta1": float(rng.uniform(0.5, 0.99)),
            "beta2": float(rng.uniform(0.9, 0.999)),
        }
        cases.append(Case(f"random_{i}", "random", args=(parameters, grads, v, s, t),
                          kwargs=hyper, note=f"{_layers_note(dims)}, t = {t}"))
    for i, t in enumerate([1, 9, 1000]):
        rng, dims, parameters, grads = _random_network(650 + i, 2 + i)
        v = inputs.random_grads(rng, dims, 1e-3, 1.0)
        s = inputs.random_grads(rng, dims, 1e-4, 10.0, signed=False)
        hyper = {"learning_rate": inputs.log_uniform(rng, 1e-3, 0.1),
                 "beta1": float(rng.uniform(0.8, 0.95)), "beta2": float(rng.uniform(0.99, 0.999))}
        cases.append(Case(f"tensorflow_{i}", "tensorflow", args=(parameters, grads, v, s, t),
                          kwargs=hyper, note=f"{_layers_note(dims)}, t = {t}, against TF's Adam"))
    rng, dims, parameters, grads = _random_network(670, 3)
    cases.append(Case("first_step_three_layers", "edge",
                      args=(parameters, grads, inputs.zero_state(dims), inputs.zero_state(dims), 1),
                      note="t = 1 from zero v and s, where bias correction matters most"))
    rng, dims, parameters, grads = _random_network(671, 2, low=1e-3, high=0.1)
    v = inputs.random_grads(rng, dims, 1e-3, 0.1)
    s = inputs.random_grads(rng, dims, 1e-5, 1e-3, signed=False)
    cases.append(Case("large_epsilon", "edge", args=(parameters, grads, v, s, 5),
                      kwargs={"epsilon": 0.1},
                      note="epsilon = 0.1 next to small s: sqrt(s_corrected) + epsilon differs "
                      "clearly from sqrt(s_corrected + epsilon)"))
    rng, dims, parameters, grads = _random_network(672, 2)
    v = inputs.random_grads(rng, dims, 1e-2, 1.0)
    s = inputs.random_grads(rng, dims, 1e-4, 1.0, signed=False)
    cases.append(Case("second_step_low_betas", "edge", args=(parameters, grads, v, s, 2),
                      kwargs={"beta1": 0.5, "beta2": 0.75},
                      note="t = 2 with beta1 = 0.5, beta2 = 0.75"))
    rng = inputs.generator(673)
    cases.append(Case("one_unit", "edge",
                      args=(inputs.random_parameters(rng, [1, 1]), inputs.random_grads(rng, [1, 1]),
                            inputs.random_grads(rng, [1, 1]),
                            inputs.random_grads(rng, [1, 1], signed=False), 3),
                      note="a single layer with one unit: every array is (1, 1)"))
    return cases


def mistake_adam_no_bias_correction(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g]
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            s_corrected[g] = s[g]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def mistake_adam_epsilon_inside_sqrt(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta1**t)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            s_corrected[g] = s[g] / (1 - beta2**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g] + epsilon))
    return parameters, v, s, v_corrected, s_corrected


def mistake_adam_power_of_one_minus_beta(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - (1 - beta1) ** t)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            s_corrected[g] = s[g] / (1 - (1 - beta2) ** t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def mistake_adam_swapped_betas_in_correction(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta2**t)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            s_corrected[g] = s[g] / (1 - beta1**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def mistake_adam_uncorrected_s_in_step(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta1**t)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            s_corrected[g] = s[g] / (1 - beta2**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def mistake_adam_steps_with_gradient(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta1**t)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            s_corrected[g] = s[g] / (1 - beta2**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads[g] / (
                np.sqrt(s_corrected[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def mistake_adam_increments_t(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    t = t + 1
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta1**t)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            s_corrected[g] = s[g] / (1 - beta2**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def mistake_adam_forgets_square(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = "d" + p + str(l)
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta1**t)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g]
            s_corrected[g] = s[g] / (1 - beta2**t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


ADAM = Exercise(
    name="update_parameters_with_adam",
    points=15,
    reference=sol.update_parameters_with_adam,
    cases=_adam_cases,
    summary="One step of Adam with bias correction: v, s, their corrected values, and "
    "W = W - a*v_corrected/(sqrt(s_corrected) + eps).",
    tensorflow=TF + "update_parameters_with_adam",
    returns=("parameters", "v", "s", "v_corrected", "s_corrected"),
    mistakes=(
        Mistake("no_bias_correction",
                "Your Adam update ignores bias correction: divide v by (1 - beta1**t) and s by "
                "(1 - beta2**t) before the update. It matters most in the first steps (t = 1).",
                mistake_adam_no_bias_correction),
        Mistake("epsilon_inside_sqrt",
                "epsilon is added inside the square root, sqrt(s_corrected + epsilon). The course "
                "adds it outside: v_corrected / (np.sqrt(s_corrected) + epsilon).",
                mistake_adam_epsilon_inside_sqrt),
        Mistake("power_of_one_minus_beta",
                "The bias correction divides by 1 - (1 - beta)**t. It is 1 - beta1**t for v and "
                "1 - beta2**t for s: the power applies to beta itself.",
                mistake_adam_power_of_one_minus_beta),
        Mistake("swapped_betas_in_correction",
                "The corrections are swapped: v is corrected with beta2 and s with beta1. Use "
                "v / (1 - beta1**t) and s / (1 - beta2**t).",
                mistake_adam_swapped_betas_in_correction),
        Mistake("uncorrected_s_in_step",
                "The step divides by the square root of the uncorrected s. Use the corrected "
                "estimate: v_corrected / (np.sqrt(s_corrected) + epsilon).",
                mistake_adam_uncorrected_s_in_step),
        Mistake("steps_with_gradient",
                "The step uses the raw gradient dW in the numerator. Adam steps along the "
                "corrected first moment: learning_rate * v_corrected / (...).",
                mistake_adam_steps_with_gradient),
        Mistake("increments_t",
                "The step count is increased inside the function, so the correction uses t + 1. "
                "Use t as given: the caller counts the steps (t = 1 on the first).",
                mistake_adam_increments_t),
        Mistake("forgets_square",
                "s averages the gradients instead of their squares, so it can go negative and "
                "its square root is NaN. Use s = beta2 * s + (1 - beta2) * dW**2.",
                mistake_adam_forgets_square),
    ),
)


# ------------------------------------------------------------------------------------------------
# Learning-rate decay
# ------------------------------------------------------------------------------------------------

TF_SCHEDULE_NOTE = "against the Keras schedule"


def _decay_cases(fixed, random_draw, tensorflow, edge) -> list[Case]:
    """Cases from ``(name, args, note)`` lists; ``random_draw(rng, i)`` gives ``(args, note)``."""
    cases = [Case(name, "fixed", args=args, note=note) for name, args, note in fixed]
    for i in range(12):
        args, note = random_draw(inputs.generator(800 + i), i)
        cases.append(Case(f"random_{i}", "random", args=args, note=note))
    cases += [Case(name, "tensorflow", args=args, note=note) for name, args, note in tensorflow]
    cases += [Case(name, "edge", args=args, note=note) for name, args, note in edge]
    return cases


#: Epoch numbers that every schedule is graded on, around the default interval of 1000.
EPOCHS = [0, 1, 7, 500, 999, 1000, 1001, 1500, 2999, 10000]


def _update_lr_cases() -> list[Case]:
    def draw(rng, i):
        a0, r = inputs.log_uniform(rng, 1e-4, 1.0), inputs.log_uniform(rng, 1e-3, 2.0)
        epoch = EPOCHS[i] if i < len(EPOCHS) else int(rng.integers(0, 10001))
        return (a0, epoch, r), f"epoch {epoch}, decay rate {r:.2g}"

    return _decay_cases(
        fixed=[("epoch_2", (0.5, 2, 1.0), "a0 = 0.5, epoch 2, decay rate 1: 0.5 / 3"),
               ("epoch_10", (0.1, 10, 0.3), "a0 = 0.1, epoch 10, decay rate 0.3")],
        random_draw=draw,
        tensorflow=[(f"tensorflow_{e}", (0.2, e, 0.05), f"epoch {e}, {TF_SCHEDULE_NOTE}")
                    for e in (0, 1, 1000, 10000)],
        edge=[("epoch_0", (0.3, 0, 0.5), "epoch 0: the rate is a0 itself"),
              ("late_epoch", (0.01, 10000, 1.0), "epoch 10000 with decay rate 1")],
    )


def mistake_update_lr_missing_parentheses(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 / 1 + decay_rate * epoch_num
    return learning_rate


def mistake_update_lr_multiplies(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 * (1 + decay_rate * epoch_num)
    return learning_rate


def mistake_update_lr_epochs_from_one(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 / (1 + decay_rate * (epoch_num + 1))
    return learning_rate


def mistake_update_lr_misplaced_parentheses(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 / (1 + decay_rate) * epoch_num
    return learning_rate


def mistake_update_lr_subtracts(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 * (1 - decay_rate * epoch_num)
    return learning_rate


def mistake_update_lr_forgets_a0(learning_rate0, epoch_num, decay_rate):
    learning_rate = 1 / (1 + decay_rate * epoch_num)
    return learning_rate


UPDATE_LR = Exercise(
    name="update_lr",
    points=5,
    reference=sol.update_lr,
    cases=_update_lr_cases,
    summary="Inverse-time decay: a = a0 / (1 + decay_rate * epoch_num).",
    tolerance=RATE_TOLERANCE,
    tensorflow=TF + "update_lr",
    mistakes=(
        Mistake("missing_parentheses",
                "Without parentheses, learning_rate0 / 1 + decay_rate * epoch_num adds to a0. "
                "Divide by the whole denominator: learning_rate0 / (1 + decay_rate * epoch_num).",
                mistake_update_lr_missing_parentheses),
        Mistake("multiplies",
                "The rate is multiplied by 1 + decay_rate * epoch_num, so it grows. Divide: "
                "learning_rate0 / (1 + decay_rate * epoch_num).",
                mistake_update_lr_multiplies),
        Mistake("epochs_from_one",
                "The rate at epoch 0 is already decayed: epoch_num is used as given, 0 for the "
                "first epoch, so a = learning_rate0 / (1 + decay_rate * epoch_num).",
                mistake_update_lr_epochs_from_one),
        Mistake("misplaced_parentheses",
                "The parentheses close too early: learning_rate0 / (1 + decay_rate) * epoch_num "
                "multiplies by the epoch. The epoch belongs in the denominator: "
                "learning_rate0 / (1 + decay_rate * epoch_num).",
                mistake_update_lr_misplaced_parentheses),
        Mistake("subtracts",
                "The rate decays linearly, a0 * (1 - decay_rate * epoch_num), and turns negative. "
                "Use a0 / (1 + decay_rate * epoch_num).",
                mistake_update_lr_subtracts),
        Mistake("forgets_a0",
                "The result is the decay factor 1 / (1 + decay_rate * epoch_num) alone. Multiply "
                "it by learning_rate0.",
                mistake_update_lr_forgets_a0),
    ),
)


def _schedule_cases() -> list[Case]:
    intervals = [1000, 1000, 100, 7, 1000, 10, 1, 1000, 250, 1000, 3, 1000]

    def draw(rng, i):
        a0, r = inputs.log_uniform(rng, 1e-4, 1.0), inputs.log_uniform(rng, 1e-2, 2.0)
        epoch = EPOCHS[i] if i < len(EPOCHS) else int(rng.integers(0, 10001))
        interval = intervals[i]
        return (a0, epoch, r, interval), f"epoch {epoch}, time interval {interval}"

    return _decay_cases(
        fixed=[("epoch_2500", (0.5, 2500, 1.0, 1000),
                "a0 = 0.5, epoch 2500, decay rate 1, interval 1000: two decays, 0.5 / 3"),
               ("epoch_999", (0.1, 999, 0.3, 1000),
                "epoch 999 with interval 1000: not decayed yet"),
               ("epoch_35_interval_10", (0.2, 35, 0.5, 10),
                "epoch 35 with interval 10: three decays")],
        random_draw=draw,
        tensorflow=[(f"tensorflow_{e}", (0.2, e, 0.05, 1000), f"epoch {e}, {TF_SCHEDULE_NOTE}")
                    for e in (0, 999, 1000, 1001, 10000)],
        edge=[("epoch_0", (0.3, 0, 0.5, 1000), "epoch 0: the rate is a0 itself"),
              ("epoch_1000", (0.3, 1000, 0.5, 1000), "epoch 1000: exactly the first decay"),
              ("epoch_1999", (0.3, 1999, 0.5, 1000), "epoch 1999: still the first decay"),
              ("interval_1", (0.3, 17, 0.5, 1), "interval 1: a decay every epoch")],
    )


def mistake_schedule_no_floor(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * (epoch_num / time_interval))
    return learning_rate


def mistake_schedule_epoch_not_interval(learning_rate0, epoch_num, decay_rate,
                                        time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)
    return learning_rate


def mistake_schedule_ceil(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * math.ceil(epoch_num / time_interval))
    return learning_rate


def mistake_schedule_round(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * round(epoch_num / time_interval))
    return learning_rate


def mistake_schedule_floor_of_product(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num // time_interval)
    return learning_rate


def mistake_schedule_fixed_interval(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * math.floor(epoch_num / 1000))
    return learning_rate


def mistake_schedule_missing_parentheses(learning_rate0, epoch_num, decay_rate,
                                         time_interval=1000):
    learning_rate = learning_rate0 / 1 + decay_rate * math.floor(epoch_num / time_interval)
    return learning_rate


SCHEDULE_LR = Exercise(
    name="schedule_lr_decay",
    points=7,
    reference=sol.schedule_lr_decay,
    cases=_schedule_cases,
    summary="Inverse-time decay in steps: a = a0 / (1 + decay_rate * floor(epoch_num / "
    "time_interval)).",
    tolerance=RATE_TOLERANCE,
    tensorflow=TF + "schedule_lr_decay",
    mistakes=(
        Mistake("no_floor",
                "The rate changes every epoch: epoch_num / time_interval is not rounded down. "
                "Use math.floor(epoch_num / time_interval), so it changes once per interval.",
                mistake_schedule_no_floor),
        Mistake("epoch_not_interval",
                "The denominator uses epoch_num itself. The schedule counts whole intervals: "
                "1 + decay_rate * math.floor(epoch_num / time_interval).",
                mistake_schedule_epoch_not_interval),
        Mistake("ceil",
                "epoch_num / time_interval is rounded up, so the rate drops one interval early. "
                "Round down with math.floor.",
                mistake_schedule_ceil),
        Mistake("round",
                "epoch_num / time_interval is rounded to the nearest whole number, so the rate "
                "drops halfway through an interval. Round down with math.floor.",
                mistake_schedule_round),
        Mistake("floor_of_product",
                "decay_rate * epoch_num // time_interval floors the product (Python reads it "
                "left to right). Floor the number of intervals first: "
                "decay_rate * (epoch_num // time_interval).",
                mistake_schedule_floor_of_product),
        Mistake("fixed_interval",
                "The interval is fixed at 1000 epochs; use the time_interval argument.",
                mistake_schedule_fixed_interval),
        Mistake("missing_parentheses",
                "Without parentheses, learning_rate0 / 1 + ... adds to a0. Divide by the whole "
                "denominator: learning_rate0 / (1 + decay_rate * math.floor(...)).",
                mistake_schedule_missing_parentheses),
    ),
)


def _exponential_cases() -> list[Case]:
    bases = [0.95, 0.99, 0.5, 0.9, 0.999, 0.95, 0.8, 0.9999, 0.97, 0.95, 0.6, 0.99]

    def draw(rng, i):
        a0 = inputs.log_uniform(rng, 1e-4, 1.0)
        epoch = EPOCHS[i] if i < len(EPOCHS) else int(rng.integers(0, 10001))
        return (a0, epoch, bases[i]), f"epoch {epoch}, base {bases[i]}"

    return _decay_cases(
        fixed=[("epoch_2", (0.5, 2, 0.9), "a0 = 0.5, epoch 2, base 0.9: 0.5 * 0.81"),
               ("epoch_10_default_base", (0.1, 10, 0.95), "a0 = 0.1, epoch 10, base 0.95")],
        random_draw=draw,
        tensorflow=[(f"tensorflow_{e}", (0.2, e, 0.99), f"epoch {e}, {TF_SCHEDULE_NOTE}")
                    for e in (0, 1, 999, 10000)],
        edge=[("epoch_0", (0.3, 0, 0.95), "epoch 0: the rate is a0 itself"),
              ("tiny_rate", (0.3, 10000, 0.95), "epoch 10000 with base 0.95: about 1e-223, "
               "still positive"),
              ("base_one", (0.3, 500, 1.0), "base 1: no decay at all")],
    )


def mistake_exponential_times_epoch(learning_rate0, epoch_num, base=0.95):
    learning_rate = base * epoch_num * learning_rate0
    return learning_rate


def mistake_exponential_epoch_to_base(learning_rate0, epoch_num, base=0.95):
    learning_rate = epoch_num**base * learning_rate0
    return learning_rate


def mistake_exponential_powers_a0(learning_rate0, epoch_num, base=0.95):
    learning_rate = (base * learning_rate0) ** epoch_num
    return learning_rate


def mistake_exponential_epochs_from_one(learning_rate0, epoch_num, base=0.95):
    learning_rate = base ** (epoch_num + 1) * learning_rate0
    return learning_rate


def mistake_exponential_fixed_base(learning_rate0, epoch_num, base=0.95):
    learning_rate = 0.95**epoch_num * learning_rate0
    return learning_rate


def mistake_exponential_exp_form(learning_rate0, epoch_num, base=0.95):
    learning_rate = math.exp(-base * epoch_num) * learning_rate0
    return learning_rate


def mistake_exponential_forgets_a0(learning_rate0, epoch_num, base=0.95):
    learning_rate = base**epoch_num
    return learning_rate


EXPONENTIAL_LR = Exercise(
    name="exponential_lr_decay",
    points=6,
    reference=sol.exponential_lr_decay,
    cases=_exponential_cases,
    summary="Exponential decay: a = base**epoch_num * a0.",
    tolerance=RATE_TOLERANCE,
    tensorflow=TF + "exponential_lr_decay",
    mistakes=(
        Mistake("times_epoch",
                "The rate is base * epoch_num * a0: it multiplies by the epoch instead of raising "
                "base to its power. Use base**epoch_num * learning_rate0.",
                mistake_exponential_times_epoch),
        Mistake("epoch_to_base",
                "Base and exponent are swapped: epoch_num**base. The epoch is the exponent: "
                "base**epoch_num * learning_rate0.",
                mistake_exponential_epoch_to_base),
        Mistake("powers_a0",
                "(base * a0)**epoch_num raises a0 to the power too. Only base is raised: "
                "base**epoch_num * learning_rate0.",
                mistake_exponential_powers_a0),
        Mistake("epochs_from_one",
                "The rate at epoch 0 is already decayed: epoch_num is used as given, 0 for the "
                "first epoch, so a = base**epoch_num * learning_rate0.",
                mistake_exponential_epochs_from_one),
        Mistake("fixed_base",
                "The base is fixed at 0.95; use the base argument (0.95 is only its default).",
                mistake_exponential_fixed_base),
        Mistake("exp_form",
                "The rate is exp(-base * epoch_num) * a0. This schedule raises base itself to "
                "the epoch: base**epoch_num * learning_rate0.",
                mistake_exponential_exp_form),
        Mistake("forgets_a0",
                "The result is the decay factor base**epoch_num alone. Multiply it by "
                "learning_rate0.",
                mistake_exponential_forgets_a0),
    ),
)


def _sqrt_cases() -> list[Case]:
    ks = [1.0, 0.5, 2.0, 1.0, 3.0, 0.1, 1.0, 1.5, 0.8, 1.0, 4.0, 0.25]
    epochs = [1, 2, 4, 7, 100, 999, 1000, 1001, 2500, 10000]

    def draw(rng, i):
        a0 = inputs.log_uniform(rng, 1e-4, 1.0)
        epoch = epochs[i] if i < len(epochs) else int(rng.integers(1, 10001))
        return (a0, epoch, ks[i]), f"epoch {epoch}, k = {ks[i]}"

    return _decay_cases(
        fixed=[("epoch_4", (0.5, 4, 1.0), "a0 = 0.5, epoch 4, k = 1: 0.5 / 2"),
               ("epoch_9_k_3", (0.1, 9, 3.0), "a0 = 0.1, epoch 9, k = 3: 0.1")],
        random_draw=draw,
        tensorflow=[(f"tensorflow_{e}", (0.2, e, 2.0), f"epoch {e}, against tf.math.sqrt")
                    for e in (1, 2, 1000, 10000)],
        edge=[("epoch_1", (0.3, 1, 2.0), "epoch 1, the first epoch it is defined for: k * a0"),
              ("late_epoch", (0.3, 10000, 0.5), "epoch 10000: a0 * k / 100")],
    )


def mistake_sqrt_no_sqrt(learning_rate0, epoch_num, k=1.0):
    learning_rate = k / epoch_num * learning_rate0
    return learning_rate


def mistake_sqrt_of_ratio(learning_rate0, epoch_num, k=1.0):
    learning_rate = math.sqrt(k / epoch_num) * learning_rate0
    return learning_rate


def mistake_sqrt_multiplies(learning_rate0, epoch_num, k=1.0):
    learning_rate = k * math.sqrt(epoch_num) * learning_rate0
    return learning_rate


def mistake_sqrt_ignores_k(learning_rate0, epoch_num, k=1.0):
    learning_rate = 1 / math.sqrt(epoch_num) * learning_rate0
    return learning_rate


def mistake_sqrt_epochs_plus_one(learning_rate0, epoch_num, k=1.0):
    learning_rate = k / math.sqrt(epoch_num + 1) * learning_rate0
    return learning_rate


def mistake_sqrt_forgets_a0(learning_rate0, epoch_num, k=1.0):
    learning_rate = k / math.sqrt(epoch_num)
    return learning_rate


SQRT_LR = Exercise(
    name="sqrt_lr_decay",
    points=6,
    reference=sol.sqrt_lr_decay,
    cases=_sqrt_cases,
    summary="Square-root decay: a = k / sqrt(epoch_num) * a0, for epoch_num >= 1.",
    tolerance=RATE_TOLERANCE,
    tensorflow=TF + "sqrt_lr_decay",
    mistakes=(
        Mistake("no_sqrt",
                "The rate is divided by epoch_num itself. Divide by its square root: "
                "k / math.sqrt(epoch_num) * learning_rate0.",
                mistake_sqrt_no_sqrt),
        Mistake("sqrt_of_ratio",
                "The square root covers k as well: sqrt(k / epoch_num). Only the epoch is under "
                "the root: k / math.sqrt(epoch_num) * learning_rate0.",
                mistake_sqrt_of_ratio),
        Mistake("multiplies",
                "The rate is multiplied by sqrt(epoch_num), so it grows. Divide by it: "
                "k / math.sqrt(epoch_num) * learning_rate0.",
                mistake_sqrt_multiplies),
        Mistake("ignores_k",
                "The constant k is left out. Multiply by it: "
                "k / math.sqrt(epoch_num) * learning_rate0.",
                mistake_sqrt_ignores_k),
        Mistake("epochs_plus_one",
                "The square root is of epoch_num + 1. Use epoch_num as given (this schedule "
                "starts at epoch 1): k / math.sqrt(epoch_num) * learning_rate0.",
                mistake_sqrt_epochs_plus_one),
        Mistake("forgets_a0",
                "The result is k / sqrt(epoch_num) alone. Multiply it by learning_rate0.",
                mistake_sqrt_forgets_a0),
    ),
)


ASSIGNMENT = Assignment(
    name="optimization_methods",
    title="Optimization methods",
    exercises=(
        GD,
        MINI_BATCHES,
        EWA,
        INIT_VELOCITY,
        MOMENTUM,
        INIT_RMSPROP,
        RMSPROP,
        INIT_ADAM,
        ADAM,
        UPDATE_LR,
        SCHEDULE_LR,
        EXPONENTIAL_LR,
        SQRT_LR,
    ),
    solution_modules=("solutions.optimization_methods",),
)

"""``forward_propagation_with_dropout``: inverted dropout on every hidden layer, seeded inside.

Reference: ``solutions/regularization.py``; teaching text: ``assignments/content/regularization.py``;
TensorFlow counterpart: ``solutions/counterparts/regularization.py`` (float64 Dense layers and
``tf.where(D, A / keep_prob, 0)`` on the masks of the course's NumPy stream, exact).

Graded: ``AL``, and of the cache the masks ``D{l}`` and the dropped-out activations ``A{l}`` of the
hidden layers (a mask may be boolean or 0/1 numbers; other cache entries are the student's
business). Every case sets the global stream to a seed other than the case's ``seed`` before the
call (``rng_seed``), so a function that forgets ``np.random.seed(seed)`` draws other masks,
reproducibly. Cases: one to three hidden layers, of equal widths (where a mask reused for every
layer still fits) and of different widths; keep_prob from 0.1 to 1; the default arguments; no
hidden layer at all.

The ``mistake_*`` functions are self-contained (``np``, ``relu``, ``sigmoid``), transplanted into a
submission next to the imports of ``solutions.regularization``.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.regularization import inputs
from autograder.course.spec import Case, Exercise, Mistake
from course_lib.compare import Subset, Tolerance
from course_lib.network import relu, sigmoid
from solutions import regularization as ref

COUNTERPART = "solutions.counterparts.regularization:"
#: the global stream's seed before every call: not any case's ``seed``
STREAM_SEED = 2024


def graded_forward(output):
    """``AL`` and, of the cache, ``A{l}`` and ``D{l}`` of the hidden layers l = 1..L-1."""
    AL, cache = output
    L = len([key for key in cache if key.startswith("W")])
    graded = Subset()
    for l in range(1, L):
        graded[f"A{l}"] = cache[f"A{l}"]
        if f"D{l}" in cache:
            graded[f"D{l}"] = cache[f"D{l}"]
    return AL, graded


def forward_args(seed, dims, m, keep_prob, mask_seed):
    """``(X, parameters, keep_prob, mask_seed)`` of the case's network."""
    X, _, parameters = inputs.network(seed, dims, m)
    return X, parameters, keep_prob, mask_seed


def _case(name, group, seed, dims, m, keep_prob, mask_seed, note="", visible=None):
    return Case(name, group, args=forward_args(seed, dims, m, keep_prob, mask_seed),
                rng_seed=STREAM_SEED, visible=visible,
                note=note or f"layers_dims = {dims}, m = {m}, keep_prob = {keep_prob:g}, "
                             f"seed = {mask_seed}")


def _cases():
    course_rng = np.random.RandomState(1)  # the course's forward_propagation_with_dropout_test_case
    course_X = course_rng.randn(3, 5)
    X, _, parameters = inputs.network(5000, [2, 4, 3, 1], 5)
    cases = [
        Case("course_test_case", "fixed",
             args=(course_X, inputs.course_test_parameters(course_rng)), kwargs={"keep_prob": 0.7},
             rng_seed=STREAM_SEED,
             note="the course's own test case, keep_prob = 0.7, seed = 1 (the course expects "
                  "AL = [[0.36974721 0.00305176 0.04565099 0.49683389 0.36974721]])"),
        Case("default_arguments", "fixed", args=(X, parameters), rng_seed=STREAM_SEED,
             note="layers_dims = [2, 4, 3, 1], m = 5, the defaults keep_prob = 0.5, seed = 1"),
        _case("course_keep_prob", "fixed", 5001, [3, 4, 4, 1], 6, 0.86, 1),
    ]
    for i in range(10):
        rng = np.random.default_rng(5100 + i)
        dims = inputs.random_dims(rng)
        if i % 3 == 0:  # equal hidden widths
            dims = [dims[0]] + [dims[1]] * (len(dims) - 2) + [1]
        m = int(rng.integers(1, 10))
        cases.append(_case(f"random_{i}", "random", 5200 + i, dims, m,
                           inputs.KEEP_PROBS[i % len(inputs.KEEP_PROBS)], int(rng.integers(0, 100))))
    for i, (dims, m, keep_prob) in enumerate((([2, 5, 3, 1], 8, 0.86), ([3, 4, 1], 6, 0.5),
                                              ([2, 3, 3, 2, 1], 7, 0.7))):
        cases.append(_case(f"keras_{i}", "tensorflow", 5300 + i, dims, m, keep_prob, 3 + i,
                           note=f"against Dense layers and tf.where(D, A / keep_prob, 0), "
                                f"layers_dims = {dims}, keep_prob = {keep_prob:g}"))
    cases += [
        _case("keep_everything", "edge", 5400, [2, 3, 3, 1], 5, 1.0, 4,
              note="keep_prob = 1: nothing is dropped, the plain forward pass"),
        _case("keep_few", "edge", 5401, [2, 6, 5, 1], 8, 0.1, 5,
              note="keep_prob = 0.1: most units dropped, the kept ones times 10"),
        _case("one_example", "edge", 5402, [3, 4, 2, 1], 1, 0.7, 6, note="m = 1"),
        _case("no_hidden_layer", "edge", 5403, [3, 1], 5, 0.5, 7,
              note="layers_dims = [3, 1]: no hidden layer, so nothing to drop", visible=True),
        _case("three_hidden_layers", "edge", 5404, [2, 5, 5, 5, 1], 6, 0.8, 8,
              note="three hidden layers of 5 units: each draws its own mask"),
    ]
    return cases


def mistake_one_mask_for_all_layers(X, parameters, keep_prob=0.5, seed=1):
    L = len(parameters) // 2
    np.random.seed(seed)
    cache = {"A0": X}
    A, D = X, None
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        if l < L:
            A = relu(Z)
            if D is None:
                D = np.random.rand(*A.shape) < keep_prob
            A = A * D / keep_prob
            cache[f"D{l}"] = D
        else:
            A = sigmoid(Z)
        cache.update({f"Z{l}": Z, f"A{l}": A, f"W{l}": W, f"b{l}": b})
    return A, cache


def mistake_seed_in_every_layer(X, parameters, keep_prob=0.5, seed=1):
    L = len(parameters) // 2
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        if l < L:
            A = relu(Z)
            np.random.seed(seed)
            D = np.random.rand(*A.shape) < keep_prob
            A = A * D / keep_prob
            cache[f"D{l}"] = D
        else:
            A = sigmoid(Z)
        cache.update({f"Z{l}": Z, f"A{l}": A, f"W{l}": W, f"b{l}": b})
    return A, cache


def mistake_no_division_by_keep_prob(X, parameters, keep_prob=0.5, seed=1):
    L = len(parameters) // 2
    np.random.seed(seed)
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        if l < L:
            A = relu(Z)
            D = np.random.rand(*A.shape) < keep_prob
            A = A * D
            cache[f"D{l}"] = D
        else:
            A = sigmoid(Z)
        cache.update({f"Z{l}": Z, f"A{l}": A, f"W{l}": W, f"b{l}": b})
    return A, cache


def mistake_dropout_on_output_layer(X, parameters, keep_prob=0.5, seed=1):
    L = len(parameters) // 2
    np.random.seed(seed)
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        A = relu(Z) if l < L else sigmoid(Z)
        D = np.random.rand(*A.shape) < keep_prob
        A = A * D / keep_prob
        cache[f"D{l}"] = D
        cache.update({f"Z{l}": Z, f"A{l}": A, f"W{l}": W, f"b{l}": b})
    return A, cache


def mistake_dropout_on_input(X, parameters, keep_prob=0.5, seed=1):
    L = len(parameters) // 2
    np.random.seed(seed)
    D0 = np.random.rand(*X.shape) < keep_prob
    A = X * D0 / keep_prob
    cache = {"A0": X, "D0": D0}
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        if l < L:
            A = relu(Z)
            D = np.random.rand(*A.shape) < keep_prob
            A = A * D / keep_prob
            cache[f"D{l}"] = D
        else:
            A = sigmoid(Z)
        cache.update({f"Z{l}": Z, f"A{l}": A, f"W{l}": W, f"b{l}": b})
    return A, cache


def mistake_greater_than_keep_prob(X, parameters, keep_prob=0.5, seed=1):
    L = len(parameters) // 2
    np.random.seed(seed)
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        if l < L:
            A = relu(Z)
            D = np.random.rand(*A.shape) > keep_prob
            A = A * D / keep_prob
            cache[f"D{l}"] = D
        else:
            A = sigmoid(Z)
        cache.update({f"Z{l}": Z, f"A{l}": A, f"W{l}": W, f"b{l}": b})
    return A, cache


def mistake_randn_instead_of_rand(X, parameters, keep_prob=0.5, seed=1):
    L = len(parameters) // 2
    np.random.seed(seed)
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        if l < L:
            A = relu(Z)
            D = np.random.randn(*A.shape) < keep_prob
            A = A * D / keep_prob
            cache[f"D{l}"] = D
        else:
            A = sigmoid(Z)
        cache.update({f"Z{l}": Z, f"A{l}": A, f"W{l}": W, f"b{l}": b})
    return A, cache


def mistake_mask_drawn_transposed(X, parameters, keep_prob=0.5, seed=1):
    L = len(parameters) // 2
    np.random.seed(seed)
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        if l < L:
            A = relu(Z)
            D = np.random.rand(A.shape[1], A.shape[0]).T < keep_prob
            A = A * D / keep_prob
            cache[f"D{l}"] = D
        else:
            A = sigmoid(Z)
        cache.update({f"Z{l}": Z, f"A{l}": A, f"W{l}": W, f"b{l}": b})
    return A, cache


def mistake_seed_not_set(X, parameters, keep_prob=0.5, seed=1):
    L = len(parameters) // 2
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        if l < L:
            A = relu(Z)
            D = np.random.rand(*A.shape) < keep_prob
            A = A * D / keep_prob
            cache[f"D{l}"] = D
        else:
            A = sigmoid(Z)
        cache.update({f"Z{l}": Z, f"A{l}": A, f"W{l}": W, f"b{l}": b})
    return A, cache


EXERCISE = Exercise(
    name="forward_propagation_with_dropout",
    points=14,
    reference=ref.forward_propagation_with_dropout,
    cases=_cases,
    summary="the forward pass with inverted dropout: a fresh mask for each hidden layer, kept "
            "activations divided by keep_prob, nothing dropped on the input or the output",
    tolerance=Tolerance(
        rtol=1e-7, atol_scale=1e-10,
        reason="the masks are compared exactly (a mask of True/False or of 1/0 numbers is the "
               "same mask); the activations are a few products of size about 1, where dividing "
               "by keep_prob before or after masking differs by one rounding; every known "
               "mistake changes a mask or moves a value by at least 10% of the largest one",
    ),
    tensorflow=COUNTERPART + "forward_propagation_with_dropout",
    returns=("AL", "cache"),
    expected_view=graded_forward,
    mistakes=(
        Mistake("one_mask_for_all_layers",
                "Every hidden layer of yours drops the same units: you draw one mask and reuse "
                "it. Draw a new mask for each hidden layer, D = np.random.rand(*A.shape) < "
                "keep_prob, inside the loop, after that layer's relu.",
                mistake_one_mask_for_all_layers),
        Mistake("seed_in_every_layer",
                "You call np.random.seed(seed) in every layer, so every layer's mask starts from "
                "the same random numbers. Seed once, before the loop over the layers, then draw "
                "the masks one after the other.",
                mistake_seed_in_every_layer),
        Mistake("no_division_by_keep_prob",
                "You drop the units but do not divide by keep_prob: inverted dropout scales the "
                "kept activations up, A = A * D / keep_prob, so that their expected value is "
                "unchanged and the test-time network (no dropout) needs no rescaling.",
                mistake_no_division_by_keep_prob),
        Mistake("dropout_on_output_layer",
                "You also drop units of the output layer: AL = sigmoid(ZL) is the prediction and "
                "is never dropped. Apply dropout only to the hidden layers, l = 1..L-1.",
                mistake_dropout_on_output_layer),
        Mistake("dropout_on_input",
                "You drop entries of the input X: dropout here applies only to the hidden "
                "layers' activations A1..A(L-1); the first layer sees the whole X.",
                mistake_dropout_on_input),
        Mistake("greater_than_keep_prob",
                "Your mask is np.random.rand(...) > keep_prob, which keeps a unit with "
                "probability 1 - keep_prob. Keep it when the random number is below keep_prob: "
                "D = np.random.rand(*A.shape) < keep_prob.",
                mistake_greater_than_keep_prob),
        Mistake("randn_instead_of_rand",
                "Your mask compares np.random.randn (normal numbers) with keep_prob. Use "
                "np.random.rand, uniform on [0, 1), so that a unit is kept with probability "
                "keep_prob.",
                mistake_randn_instead_of_rand),
        Mistake("mask_drawn_transposed",
                "Your mask has the right shape but was drawn as (m, n) and transposed, so it "
                "uses the random numbers in another order. Draw it with the shape of A, "
                "np.random.rand(A.shape[0], A.shape[1]) (or np.random.rand(*A.shape)).",
                mistake_mask_drawn_transposed),
        Mistake("seed_not_set",
                "Your masks do not depend on the seed argument: call np.random.seed(seed) once, "
                "before the first mask is drawn, so that the masks are reproducible.",
                mistake_seed_not_set),
    ),
)

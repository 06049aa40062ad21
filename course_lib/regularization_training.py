"""The regularization notebook's data and training loop, run with the functions the student wrote.

``load_overfit_moons`` draws a small, noisy two-moons training set (which a large network learns by
heart) and a larger test set from the same distribution. ``model`` trains course_lib.network's
network with full-batch gradient descent, taking the cost, the backward pass and the dropout forward
pass from the student (a mapping, usually the notebook's ``globals()``)::

    parameters, costs = model(train_X, train_Y, globals(), lambd=0.7)
    parameters, costs = model(train_X, train_Y, globals(), keep_prob=0.86)
    parameters, costs = model(train_X, train_Y, globals(), lambd=0.7, penalty="L1")

Nothing here computes what an exercise computes: with ``lambd`` the cost and the gradients come
from ``compute_cost_with_regularization`` and ``backward_propagation_with_regularization``, with
``keep_prob`` the forward and backward passes from ``forward_propagation_with_dropout`` and
``backward_propagation_with_dropout``; with ``lambd`` and ``penalty="L1"`` (a term with the
optional L1 extras) from ``compute_cost_with_l1`` and ``backward_propagation_with_l1``. Without
either, the plain network of course_lib.network. Prediction always uses the plain forward pass
(``course_lib.network.predict``): dropout is for training only.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

import numpy as np
import sklearn.datasets

from course_lib.network import backward_propagation, compute_cost, forward_propagation
from course_lib.validation import check_positive_int, check_same_columns, student_function

#: the notebook's network: two inputs, two wide hidden layers, one output
LAYERS_DIMS = (2, 64, 32, 1)

NEEDS = {
    "lambd": ("compute_cost_with_regularization", "backward_propagation_with_regularization"),
    "keep_prob": ("forward_propagation_with_dropout", "backward_propagation_with_dropout"),
    "L1": ("compute_cost_with_l1", "backward_propagation_with_l1"),
}
"""The exercise functions each kind of regularisation needs."""


def load_overfit_moons(m_train=60, m_test=1000, noise=0.3, seed=2):
    """A small noisy training set and a large test set of two moons, one example per column.

    Both are drawn by scikit-learn's ``make_moons`` (no download), with seeds ``seed`` and
    ``seed + 1``, so every call returns the same examples and the global NumPy stream is left
    alone.

    Arguments:
    m_train, m_test -- numbers of training and test examples, whole numbers >= 1
    noise -- standard deviation of the Gaussian noise added to the points
    seed -- seed of the training draw (the test set uses seed + 1)

    Returns:
    train_X, train_Y, test_X, test_Y -- float64 arrays of shapes (2, m_train), (1, m_train),
                                        (2, m_test), (1, m_test); labels 0.0 or 1.0
    """
    check_positive_int(m_train, "m_train")
    check_positive_int(m_test, "m_test")
    out = []
    for m, s in ((m_train, seed), (m_test, seed + 1)):
        X, y = sklearn.datasets.make_moons(n_samples=m, noise=noise, random_state=s)
        out += [X.T.astype(np.float64), y.reshape(1, m).astype(np.float64)]
    return tuple(out)


def initialize_parameters(layers_dims, seed=3):
    """``W[l] = randn(n[l], n[l-1]) / sqrt(n[l-1])``, ``b[l] = 0`` (the course's regularization
    notebook), drawn from ``np.random.default_rng(seed)``; a dict "W1", "b1", ..., float64."""
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layers_dims)):
        n, n_prev = int(layers_dims[l]), int(layers_dims[l - 1])
        parameters[f"W{l}"] = rng.standard_normal((n, n_prev)) / np.sqrt(n_prev)
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters


def _checked_grads(grads, parameters, name):
    if not isinstance(grads, dict):
        raise TypeError(f"{name} must return a dict of gradients; got {type(grads).__name__}")
    missing = [f"d{key}" for key in parameters if f"d{key}" not in grads]
    if missing:
        raise KeyError(f"{name} returned no {missing}; grads needs dW1, db1, ..., dWL, dbL")
    return grads


def model(X, Y, exercises, layers_dims=LAYERS_DIMS, learning_rate=0.3, num_iterations=5000,
          lambd=0.0, keep_prob=1.0, seed=3, print_cost=False, penalty="L2"):
    """Train the network with full-batch gradient descent, with L2 (or L1) or dropout or neither.

    For every iteration i: forward (with dropout, ``forward_propagation_with_dropout(X, parameters,
    keep_prob, seed=i)``: fresh masks every iteration, reproducible), cost (the mean cross-entropy,
    or ``compute_cost_with_regularization`` with ``lambd``), backward (course_lib's, or the
    student's with ``lambd`` or ``keep_prob``), then ``W = W - learning_rate * dW`` (same for b).
    Using L2 and dropout together is not supported (the course does one at a time).

    Arguments:
    X -- input data of shape (n_x, m)
    Y -- labels 0 or 1, shape (1, m)
    exercises -- mapping from names to the student's functions, e.g. the notebook's ``globals()``
    layers_dims -- [n_x, n[1], ..., 1]; the initial parameters are initialize_parameters(.., seed)
    learning_rate -- the step size of gradient descent
    num_iterations -- number of gradient steps
    lambd -- the L2 (or L1) hyperparameter; 0 for no penalty
    keep_prob -- the probability of keeping a hidden unit; 1 for no dropout
    seed -- seed of the initial parameters
    print_cost -- print the cost every 1000 iterations
    penalty -- "L2" (the course's) or "L1" (compute_cost_with_l1, backward_propagation_with_l1)

    Returns:
    parameters -- the trained dict "W1", "b1", ..., "WL", "bL"
    costs -- the cost every 100 iterations (0, 100, ...), a list of floats
    """
    m = check_same_columns(X, Y)
    check_positive_int(num_iterations, "num_iterations")
    if not isinstance(exercises, Mapping):
        raise TypeError("exercises must map names to your functions, e.g. globals(); "
                        f"got {type(exercises).__name__}")
    if lambd < 0 or not 0 < keep_prob <= 1:
        raise ValueError(f"lambd must be >= 0 and 0 < keep_prob <= 1; got {lambd}, {keep_prob}")
    if lambd > 0 and keep_prob < 1:
        raise ValueError("use L2 (lambd > 0) or dropout (keep_prob < 1), not both at once")
    if penalty not in ("L2", "L1"):
        raise ValueError(f'penalty must be "L2" or "L1"; got {penalty!r}')
    caller = f"model(lambd={lambd:g})" if lambd else f"model(keep_prob={keep_prob:g})"
    if lambd > 0:
        if penalty == "L1":
            caller = f'model(lambd={lambd:g}, penalty="L1")'
        needs = NEEDS["lambd" if penalty == "L2" else "L1"]
        cost_fn = student_function(exercises, needs[0], caller)
        backward = student_function(exercises, needs[1], caller)
    elif keep_prob < 1:
        forward_dropout = student_function(exercises, NEEDS["keep_prob"][0], caller)
        backward = student_function(exercises, NEEDS["keep_prob"][1], caller)

    parameters = initialize_parameters(layers_dims, seed)
    state = np.random.get_state()  # the dropout forward seeds the global stream: restore it after
    costs = []
    try:
        for i in range(num_iterations):
            if keep_prob < 1:
                AL, cache = forward_dropout(X, parameters, keep_prob, i)
            else:
                AL, cache = forward_propagation(X, parameters)
            if i % 100 == 0 or (print_cost and i % 1000 == 0):
                cost = (cost_fn(AL, Y, parameters, lambd) if lambd > 0
                        else compute_cost(AL, Y) / m)
                if i % 100 == 0:
                    costs.append(float(cost))
                if print_cost and i % 1000 == 0:
                    print(f"Cost after iteration {i}: {float(cost):.6f}", file=sys.stdout)
            if lambd > 0:
                grads = backward(X, Y, cache, lambd)
            elif keep_prob < 1:
                grads = backward(X, Y, cache, keep_prob)
            else:
                grads = backward_propagation(X, Y, cache)
            grads = _checked_grads(grads, parameters, caller)
            parameters = {key: value - learning_rate * grads[f"d{key}"]
                          for key, value in parameters.items()}
    finally:
        np.random.set_state(state)
    return parameters, costs

"""The small network of the optimization notebook: LINEAR -> RELU -> ... -> LINEAR -> SIGMOID.

Column-major and float64, like the exercises: ``X`` has shape ``(n_x, m)``, ``W[l]`` shape
``(n[l], n[l-1])``, ``b[l]`` shape ``(n[l], 1)``. The course uses three layers,
``layers_dims = [2, 5, 2, 1]``; any number of layers works (RELU on the hidden ones, SIGMOID last).

The cost and the gradients follow the course: ``compute_cost`` returns the *sum* of the
cross-entropy over the examples it is given (the training loop adds it up over the mini-batches and
divides by ``m`` once per epoch), while ``backward_propagation`` returns the gradients of the *mean*
cross-entropy over its mini-batch.
"""

import numpy as np

from course_lib.validation import (
    check_layers_dims,
    check_same_columns,
    check_same_shape,
    num_layers,
)


def he_initialization(layers_dims, seed=3):
    """He initialisation for the training loops: ``W[l] = randn(n[l], n[l-1]) * sqrt(2 / n[l-1])``,
    ``b[l] = 0``.

    Seeds the global NumPy stream with ``seed``, then draws W1, W2, ... in order, like the course.
    (Not named ``initialize_parameters_he``: that is an exercise of the ``initialization``
    assignment, which students write themselves.)

    Arguments:
    layers_dims -- list [n_x, n[1], ..., n[L]] of layer sizes, at least two whole numbers >= 1
    seed -- seed of the global NumPy stream

    Returns:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"; W[l] of shape (n[l], n[l-1]),
                  b[l] of shape (n[l], 1), all float64
    """
    layers_dims = check_layers_dims(layers_dims)
    np.random.seed(seed)
    parameters = {}
    for l in range(1, len(layers_dims)):
        n, n_prev = layers_dims[l], layers_dims[l - 1]
        parameters[f"W{l}"] = np.random.randn(n, n_prev) * np.sqrt(2 / n_prev)
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters


def relu(Z):
    """``max(0, Z)`` element-wise; any shape."""
    return np.maximum(0, Z)


def sigmoid(Z):
    """``1 / (1 + exp(-Z))`` element-wise, without overflow for any Z; any shape.

    Written with ``exp(-|Z|)``, which never exceeds 1: ``1 / (1 + e)`` for Z >= 0 and
    ``e / (1 + e)`` for Z < 0, the same number.
    """
    e = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1 / (1 + e), e / (1 + e))


def forward_propagation(X, parameters):
    """LINEAR -> RELU for the hidden layers, then LINEAR -> SIGMOID.

    Z[l] = W[l] A[l-1] + b[l]        A[l] = relu(Z[l]) for l < L,  A[L] = sigmoid(Z[L])

    Arguments:
    X -- input data of shape (n_x, m)
    parameters -- dict with "W1", "b1", ..., "WL", "bL"; W1 of shape (n[1], n_x)

    Returns:
    AL -- the output probabilities, shape (n[L], m); (1, m) for the course's network, its ``a3``
    cache -- dict with "A0" (= X), and "Z{l}", "A{l}", "W{l}", "b{l}" for l = 1..L, for backward
    """
    L = num_layers(parameters)
    if np.ndim(X) != 2:
        raise ValueError(f"X must have shape (n_x, m): features by examples; got {np.shape(X)}")
    if X.shape[0] != parameters["W1"].shape[1]:
        raise ValueError(
            f"X has {X.shape[0]} rows (features) but W1 has shape {parameters['W1'].shape}, "
            f"which expects {parameters['W1'].shape[1]}; X must have shape (n_x, m), one example "
            "per column"
        )
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        A = relu(Z) if l < L else sigmoid(Z)
        cache.update({f"Z{l}": Z, f"A{l}": A, f"W{l}": W, f"b{l}": b})
    return A, cache


def compute_cost(a3, Y):
    """The **sum** over the examples of the binary cross-entropy (the course's ``cost_total``).

    cost = sum over i of  -( Y[i] log a3[i] + (1 - Y[i]) log(1 - a3[i]) )

    Divide by the number of examples for the mean cost. The probabilities are clipped to
    [eps, 1 - eps] (eps = 2.2e-16, the float64 machine epsilon) so that a saturated output
    (a3 exactly 0.0 or 1.0) costs at most about 36 per example instead of inf or nan.

    Arguments:
    a3 -- output probabilities of the network, shape (1, m)
    Y -- labels 0 or 1, shape (1, m)

    Returns:
    cost_total -- a Python float, the cross-entropy summed over the m examples
    """
    check_same_shape(a3, Y, "a3", "Y")
    eps = np.finfo(np.float64).eps
    a = np.clip(a3, eps, 1 - eps)
    logprobs = -Y * np.log(a) - (1 - Y) * np.log(1 - a)
    return float(np.sum(logprobs))


def backward_propagation(X, Y, cache):
    """Gradients of the **mean** cross-entropy over the m examples of (X, Y).

    dZ[L] = (A[L] - Y) / m
    dW[l] = dZ[l] A[l-1].T        db[l] = sum of dZ[l] over the examples
    dZ[l-1] = (W[l].T dZ[l]) * (Z[l-1] > 0)                                  (RELU)

    Arguments:
    X -- input data of shape (n_x, m), the X given to forward_propagation
    Y -- labels 0 or 1, shape (1, m)
    cache -- the dict returned by forward_propagation(X, parameters)

    Returns:
    grads -- dict with "dW1", "db1", ..., "dWL", "dbL", shaped like W1, b1, ..., WL, bL
    """
    m = check_same_columns(X, Y)
    L = (len(cache) - 1) // 4
    check_same_shape(cache[f"A{L}"], Y, "the network's output", "Y")
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        grads[f"dW{l}"] = dZ @ A_prev.T
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dZ = (cache[f"W{l}"].T @ dZ) * (cache[f"Z{l - 1}"] > 0)
    return grads


def predict(X, Y, parameters):
    """Label 1 where the network's probability exceeds 0.5, and the accuracy against Y.

    Arguments:
    X -- input data of shape (n_x, m)
    Y -- labels 0 or 1, shape (1, m)
    parameters -- dict with "W1", "b1", ..., "WL", "bL"

    Returns:
    predictions -- float64 array of shape (1, m), 0.0 or 1.0
    accuracy -- a Python float, the fraction of the m examples where predictions equals Y
    """
    check_same_columns(X, Y)
    predictions = predict_dec(parameters, X).astype(np.float64)
    check_same_shape(predictions, Y, "predictions", "Y")
    accuracy = float(np.mean(predictions == Y))
    return predictions, accuracy


def predict_dec(parameters, X):
    """Label 1 where the network's probability exceeds 0.5; for decision-boundary plots.

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"
    X -- input data of shape (n_x, m)

    Returns:
    predictions -- bool array of shape (1, m): True where the output exceeds 0.5
    """
    AL, _ = forward_propagation(X, parameters)
    return AL > 0.5

"""Correct implementations of the ``regularization`` exercises that differ from the references.

Each ``<exercise>__<variant>`` must earn full marks. Like the known mistakes, each is self-contained:
the tests rename its ``def`` to the exercise's name and run it in a namespace holding only the
imports of ``solutions.regularization`` (``np``, ``compute_cost``, ``relu``, ``sigmoid``).
"""

import numpy as np

from course_lib.network import compute_cost, relu, sigmoid  # noqa: F401 (the submission's imports)

# ----------------------------------------------------------------------------------------------
# compute_cost_with_regularization
# ----------------------------------------------------------------------------------------------


def compute_cost_with_regularization__own_cross_entropy(AL, Y, parameters, lambd):
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(AL), Y) + np.multiply(-np.log(1 - AL), 1 - Y)
    cross_entropy_cost = 1.0 / m * np.nansum(logprobs)
    L = len(parameters) // 2
    squares = 0.0
    for l in range(1, L + 1):
        squares += np.sum(np.square(parameters["W" + str(l)]))
    return cross_entropy_cost + lambd / (2 * m) * squares


def compute_cost_with_regularization__frobenius_norms(AL, Y, parameters, lambd):
    m = AL.shape[1]
    cost = -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    weights = [value for key, value in parameters.items() if key.startswith("W")]
    cost += lambd / (2 * m) * sum(np.linalg.norm(W, "fro") ** 2 for W in weights)
    return np.float64(cost)


def compute_cost_with_regularization__flattened_dot(AL, Y, parameters, lambd):
    m = Y.shape[1]
    w = np.concatenate([parameters[f"W{l}"].ravel() for l in range(1, len(parameters) // 2 + 1)])
    return float(compute_cost(AL, Y) / m + lambd * np.dot(w, w) / (2 * m))


# ----------------------------------------------------------------------------------------------
# backward_propagation_with_regularization
# ----------------------------------------------------------------------------------------------


def backward_propagation_with_regularization__course_style_keys(X, Y, cache, lambd):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    grads[f"dZ{L}"] = cache[f"A{L}"] - Y
    for l in reversed(range(1, L + 1)):
        A_prev = cache[f"A{l - 1}"]
        grads[f"dW{l}"] = 1.0 / m * np.dot(grads[f"dZ{l}"], A_prev.T) + lambd / m * cache[f"W{l}"]
        grads[f"db{l}"] = 1.0 / m * np.sum(grads[f"dZ{l}"], axis=1, keepdims=True)
        if l > 1:
            grads[f"dA{l - 1}"] = np.dot(cache[f"W{l}"].T, grads[f"dZ{l}"])
            grads[f"dZ{l - 1}"] = np.multiply(grads[f"dA{l - 1}"], np.int64(A_prev > 0))
    return grads


def backward_propagation_with_regularization__plain_then_penalty(X, Y, cache, lambd):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dA = -(Y / cache[f"A{L}"]) + (1 - Y) / (1 - cache[f"A{L}"])
    dZ = dA * cache[f"A{L}"] * (1 - cache[f"A{L}"]) / m
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = dZ @ cache[f"A{l - 1}"].T
        grads[f"db{l}"] = dZ.sum(axis=1).reshape(-1, 1)
        if l > 1:
            dZ = (cache[f"W{l}"].T @ dZ) * (cache[f"Z{l - 1}"] > 0)
    for l in range(1, L + 1):
        grads[f"dW{l}"] += (lambd / m) * cache[f"W{l}"]
    return grads


def backward_propagation_with_regularization__recursive(X, Y, cache, lambd):
    m = X.shape[1]
    L = sum(1 for key in cache if key.startswith("W"))

    def layer(l, dZ, grads):
        grads["dW" + str(l)] = (dZ @ cache["A" + str(l - 1)].T + lambd * cache["W" + str(l)]) / m
        grads["db" + str(l)] = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            layer(l - 1, np.where(cache["Z" + str(l - 1)] > 0, cache["W" + str(l)].T @ dZ, 0.0),
                  grads)
        return grads

    return layer(L, cache["A" + str(L)] - Y, {})


# ----------------------------------------------------------------------------------------------
# forward_propagation_with_dropout
# ----------------------------------------------------------------------------------------------


def forward_propagation_with_dropout__course_int_masks(X, parameters, keep_prob=0.5, seed=1):
    np.random.seed(seed)
    L = len(parameters) // 2
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        Z = np.dot(parameters["W" + str(l)], A) + parameters["b" + str(l)]
        if l == L:
            A = sigmoid(Z)
        else:
            A = relu(Z)
            D = np.random.rand(A.shape[0], A.shape[1])
            D = (D < keep_prob).astype(int)
            A = np.multiply(A, D)
            A = A / keep_prob
            cache["D" + str(l)] = D
        cache["Z" + str(l)] = Z
        cache["A" + str(l)] = A
        cache["W" + str(l)] = parameters["W" + str(l)]
        cache["b" + str(l)] = parameters["b" + str(l)]
    return A, cache


def forward_propagation_with_dropout__float_masks_and_where(X, parameters, keep_prob=0.5,
                                                            seed=1):
    np.random.seed(seed)
    L = len(parameters) // 2
    cache = {"A0": X}
    A = X
    for l in range(1, L):
        Z = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
        D = (np.random.rand(*Z.shape) < keep_prob).astype(np.float64)
        A = np.where(D == 1.0, np.maximum(Z, 0) / keep_prob, 0.0)
        cache.update({f"Z{l}": Z, f"D{l}": D, f"A{l}": A,
                      f"W{l}": parameters[f"W{l}"], f"b{l}": parameters[f"b{l}"]})
    ZL = parameters[f"W{L}"] @ A + parameters[f"b{L}"]
    AL = 1 / (1 + np.exp(-ZL))
    cache.update({f"Z{L}": ZL, f"A{L}": AL, f"W{L}": parameters[f"W{L}"],
                  f"b{L}": parameters[f"b{L}"]})
    return AL, cache


def forward_propagation_with_dropout__masks_drawn_in_a_list(X, parameters, keep_prob=0.5,
                                                            seed=1):
    L = len(parameters) // 2
    np.random.seed(seed)
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        if l < L:
            mask = np.random.rand(W.shape[0], X.shape[1]) < keep_prob
            A = relu(Z) * (mask / keep_prob)
            cache[f"D{l}"] = mask
        else:
            A = sigmoid(Z)
        cache[f"Z{l}"], cache[f"A{l}"], cache[f"W{l}"], cache[f"b{l}"] = Z, A, W, b
    return A, cache


# ----------------------------------------------------------------------------------------------
# backward_propagation_with_dropout
# ----------------------------------------------------------------------------------------------


def backward_propagation_with_dropout__course_style_keys(X, Y, cache, keep_prob):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {f"dZ{L}": cache[f"A{L}"] - Y}
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = 1.0 / m * np.dot(grads[f"dZ{l}"], cache[f"A{l - 1}"].T)
        grads[f"db{l}"] = 1.0 / m * np.sum(grads[f"dZ{l}"], axis=1, keepdims=True)
        if l > 1:
            dA = np.dot(cache[f"W{l}"].T, grads[f"dZ{l}"])
            dA = dA * cache[f"D{l - 1}"]
            dA = dA / keep_prob
            grads[f"dA{l - 1}"] = dA
            grads[f"dZ{l - 1}"] = np.multiply(dA, np.int64(cache[f"A{l - 1}"] > 0))
    return grads


def backward_propagation_with_dropout__mask_on_dZ(X, Y, cache, keep_prob):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = dZ @ cache[f"A{l - 1}"].T
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            # the mask commutes with the RELU's derivative: masking dZ is the same as masking dA
            dZ = (cache[f"W{l}"].T @ dZ) * (cache[f"Z{l - 1}"] > 0)
            dZ = np.where(cache[f"D{l - 1}"], dZ / keep_prob, 0.0)
    return grads


def backward_propagation_with_dropout__chain_rule_per_layer(X, Y, cache, keep_prob):
    m = Y.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dA = None
    for l in range(L, 0, -1):
        if l == L:
            dZ = (cache[f"A{L}"] - Y) / m
        else:
            dA = dA * cache[f"D{l}"] / keep_prob
            dZ = dA * (cache[f"Z{l}"] > 0)
        grads[f"dW{l}"] = np.einsum("im,jm->ij", dZ, cache[f"A{l - 1}"])
        grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True)
        dA = cache[f"W{l}"].T @ dZ
    return grads


# ----------------------------------------------------------------------------------------------
# compute_cost_with_l1 (an optional extra)
# ----------------------------------------------------------------------------------------------


def compute_cost_with_l1__own_cross_entropy(AL, Y, parameters, lambd):
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(AL), Y) + np.multiply(-np.log(1 - AL), 1 - Y)
    cross_entropy_cost = 1.0 / m * np.nansum(logprobs)
    L = len(parameters) // 2
    total = 0.0
    for l in range(1, L + 1):
        total += np.sum(np.abs(parameters["W" + str(l)]))
    return cross_entropy_cost + lambd / m * total


def compute_cost_with_l1__one_norms(AL, Y, parameters, lambd):
    m = AL.shape[1]
    cost = -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    weights = [value for key, value in parameters.items() if key.startswith("W")]
    cost += lambd / m * sum(np.linalg.norm(W.ravel(), 1) for W in weights)
    return np.float64(cost)


def compute_cost_with_l1__dot_with_signs(AL, Y, parameters, lambd):
    m = Y.shape[1]
    w = np.concatenate([parameters[f"W{l}"].ravel() for l in range(1, len(parameters) // 2 + 1)])
    return float(compute_cost(AL, Y) / m + lambd * np.dot(np.sign(w), w) / m)


# ----------------------------------------------------------------------------------------------
# backward_propagation_with_l1 (an optional extra)
# ----------------------------------------------------------------------------------------------


def backward_propagation_with_l1__course_style_keys(X, Y, cache, lambd):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    grads[f"dZ{L}"] = cache[f"A{L}"] - Y
    for l in reversed(range(1, L + 1)):
        A_prev = cache[f"A{l - 1}"]
        grads[f"dW{l}"] = (1.0 / m * np.dot(grads[f"dZ{l}"], A_prev.T)
                           + lambd / m * np.sign(cache[f"W{l}"]))
        grads[f"db{l}"] = 1.0 / m * np.sum(grads[f"dZ{l}"], axis=1, keepdims=True)
        if l > 1:
            grads[f"dA{l - 1}"] = np.dot(cache[f"W{l}"].T, grads[f"dZ{l}"])
            grads[f"dZ{l - 1}"] = np.multiply(grads[f"dA{l - 1}"], np.int64(A_prev > 0))
    return grads


def backward_propagation_with_l1__plain_then_penalty(X, Y, cache, lambd):
    m = X.shape[1]
    L = len([key for key in cache if key.startswith("W")])
    grads = {}
    dA = -(Y / cache[f"A{L}"]) + (1 - Y) / (1 - cache[f"A{L}"])
    dZ = dA * cache[f"A{L}"] * (1 - cache[f"A{L}"]) / m
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = dZ @ cache[f"A{l - 1}"].T
        grads[f"db{l}"] = dZ.sum(axis=1).reshape(-1, 1)
        if l > 1:
            dZ = (cache[f"W{l}"].T @ dZ) * (cache[f"Z{l - 1}"] > 0)
    for l in range(1, L + 1):
        W = cache[f"W{l}"]
        grads[f"dW{l}"] += (lambd / m) * ((W > 0).astype(float) - (W < 0).astype(float))
    return grads


def backward_propagation_with_l1__recursive(X, Y, cache, lambd):
    m = X.shape[1]
    L = sum(1 for key in cache if key.startswith("W"))

    def layer(l, dZ, grads):
        W = cache["W" + str(l)]
        sign = np.where(W > 0, 1.0, np.where(W < 0, -1.0, 0.0))
        grads["dW" + str(l)] = (dZ @ cache["A" + str(l - 1)].T + lambd * sign) / m
        grads["db" + str(l)] = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            layer(l - 1, np.where(cache["Z" + str(l - 1)] > 0, W.T @ dZ, 0.0), grads)
        return grads

    return layer(L, cache["A" + str(L)] - Y, {})

"""Reference solutions for the assignment ``regularization`` (course week 1).

The network is ``course_lib.network``'s: LINEAR -> RELU for the hidden layers, LINEAR -> SIGMOID
for the output, any number of layers, with its dict cache (``"A0"`` = X, then ``"Z{l}"``,
``"A{l}"``, ``"W{l}"``, ``"b{l}"`` for l = 1..L). L2 regularisation adds
``lambd / (2*m) * sum over l of sum(W[l]**2)`` to the mean cross-entropy (biases are not
regularised); L1 regularisation (an optional extra) adds ``lambd / m * sum over l of
sum(abs(W[l]))`` instead; inverted dropout keeps each hidden unit with probability ``keep_prob``
and divides the kept activations by ``keep_prob``. The lines between ``### BEGIN SOLUTION`` and
``### END SOLUTION`` are the student's part.
"""

import numpy as np

from course_lib.network import compute_cost, relu, sigmoid
from course_lib.validation import check_same_columns, check_same_shape, num_layers


def compute_cost_with_regularization(AL, Y, parameters, lambd):
    """The mean cross-entropy plus the L2 penalty of every weight matrix.

    cost = (1/m) * sum over i of -(Y log AL + (1 - Y) log(1 - AL))
           + lambd / (2m) * sum over l of sum(W[l]**2)

    ``compute_cost`` (from course_lib) returns the cross-entropy *summed* over the examples.

    Arguments:
    AL -- output probabilities of the network, shape (1, m)
    Y -- labels 0 or 1, shape (1, m)
    parameters -- dict with "W1", "b1", ..., "WL", "bL"
    lambd -- the regularisation hyperparameter lambda, a float >= 0

    Returns:
    cost -- a Python float
    """
    check_same_shape(AL, Y, "AL", "Y")
    L = num_layers(parameters)
    m = Y.shape[1]
    ### BEGIN SOLUTION
    cross_entropy_cost = compute_cost(AL, Y) / m
    sum_of_squares = 0.0
    for l in range(1, L + 1):
        sum_of_squares += np.sum(np.square(parameters[f"W{l}"]))
    L2_regularization_cost = lambd / (2 * m) * sum_of_squares
    cost = cross_entropy_cost + L2_regularization_cost
    ### END SOLUTION
    return float(cost)


def compute_cost_with_l1(AL, Y, parameters, lambd):
    """The mean cross-entropy plus the L1 penalty of every weight matrix.

    cost = (1/m) * sum over i of -(Y log AL + (1 - Y) log(1 - AL))
           + lambd / m * sum over l of sum(abs(W[l]))

    ``compute_cost`` (from course_lib) returns the cross-entropy *summed* over the examples.

    Arguments:
    AL -- output probabilities of the network, shape (1, m)
    Y -- labels 0 or 1, shape (1, m)
    parameters -- dict with "W1", "b1", ..., "WL", "bL"
    lambd -- the regularisation hyperparameter lambda, a float >= 0

    Returns:
    cost -- a Python float
    """
    check_same_shape(AL, Y, "AL", "Y")
    L = num_layers(parameters)
    m = Y.shape[1]
    ### BEGIN SOLUTION
    cross_entropy_cost = compute_cost(AL, Y) / m
    sum_of_abs = 0.0
    for l in range(1, L + 1):
        sum_of_abs += np.sum(np.abs(parameters[f"W{l}"]))
    L1_regularization_cost = lambd / m * sum_of_abs
    cost = cross_entropy_cost + L1_regularization_cost
    ### END SOLUTION
    return float(cost)


def backward_propagation_with_regularization(X, Y, cache, lambd):
    """Gradients of ``compute_cost_with_regularization``: plain backprop plus ``lambd/m * W[l]``.

    dZ[L] = (A[L] - Y) / m
    dW[l] = dZ[l] A[l-1].T + lambd / m * W[l]        db[l] = sum of dZ[l] over the examples
    dA[l-1] = W[l].T dZ[l]        dZ[l-1] = dA[l-1] * (A[l-1] > 0)                     (RELU)

    Arguments:
    X -- input data of shape (n_x, m)
    Y -- labels 0 or 1, shape (1, m)
    cache -- the dict of course_lib.network.forward_propagation(X, parameters): "A0" (= X), and
             "Z{l}", "A{l}", "W{l}", "b{l}" for l = 1..L
    lambd -- the regularisation hyperparameter lambda

    Returns:
    grads -- dict with "dW1", "db1", ..., "dWL", "dbL", shaped like W1, b1, ..., WL, bL
             (extra keys such as "dA1", "dZ1" are allowed)
    """
    m = check_same_columns(X, Y)
    L = len([key for key in cache if key.startswith("W")])
    check_same_shape(cache[f"A{L}"], Y, "the network's output", "Y")
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        ### BEGIN SOLUTION
        grads[f"dW{l}"] = dZ @ A_prev.T + lambd / m * cache[f"W{l}"]
        ### END SOLUTION
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dZ = (cache[f"W{l}"].T @ dZ) * (A_prev > 0)
    return grads


def backward_propagation_with_l1(X, Y, cache, lambd):
    """Gradients of ``compute_cost_with_l1``: plain backprop plus ``lambd/m * sign(W[l])``.

    dZ[L] = (A[L] - Y) / m
    dW[l] = dZ[l] A[l-1].T + lambd / m * sign(W[l])   db[l] = sum of dZ[l] over the examples
    dA[l-1] = W[l].T dZ[l]        dZ[l-1] = dA[l-1] * (A[l-1] > 0)                     (RELU)

    sign(w) is np.sign: +1 for w > 0, -1 for w < 0 and 0 for w == 0 (the subgradient of |w|
    at 0 that TensorFlow uses too).

    Arguments:
    X -- input data of shape (n_x, m)
    Y -- labels 0 or 1, shape (1, m)
    cache -- the dict of course_lib.network.forward_propagation(X, parameters): "A0" (= X), and
             "Z{l}", "A{l}", "W{l}", "b{l}" for l = 1..L
    lambd -- the regularisation hyperparameter lambda

    Returns:
    grads -- dict with "dW1", "db1", ..., "dWL", "dbL", shaped like W1, b1, ..., WL, bL
             (extra keys such as "dA1", "dZ1" are allowed)
    """
    m = check_same_columns(X, Y)
    L = len([key for key in cache if key.startswith("W")])
    check_same_shape(cache[f"A{L}"], Y, "the network's output", "Y")
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        ### BEGIN SOLUTION
        grads[f"dW{l}"] = dZ @ A_prev.T + lambd / m * np.sign(cache[f"W{l}"])
        ### END SOLUTION
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dZ = (cache[f"W{l}"].T @ dZ) * (A_prev > 0)
    return grads


def forward_propagation_with_dropout(X, parameters, keep_prob=0.5, seed=1):
    """The network's forward pass with inverted dropout on every hidden layer.

    np.random.seed(seed), then for l = 1..L:
    Z[l] = W[l] A[l-1] + b[l]
    for a hidden layer (l < L):  A[l] = relu(Z[l]);  D[l] = np.random.rand(*A[l].shape) < keep_prob;
                                 A[l] = A[l] * D[l] / keep_prob
    for the output layer:        A[L] = sigmoid(Z[L])          (no dropout on the input or output)

    Arguments:
    X -- input data of shape (n_x, m)
    parameters -- dict with "W1", "b1", ..., "WL", "bL"
    keep_prob -- probability of keeping a hidden unit, 0 < keep_prob <= 1
    seed -- seed of the global NumPy stream, set once before the first mask is drawn

    Returns:
    AL -- the output probabilities, shape (1, m)
    cache -- dict with "A0" (= X), "Z{l}", "A{l}" (after dropout), "W{l}", "b{l}" for l = 1..L,
             and the masks "D{l}" (boolean, shaped like A[l]) for the hidden layers l = 1..L-1
    """
    L = num_layers(parameters)
    if not 0 < keep_prob <= 1:
        raise ValueError(f"keep_prob is a probability of keeping a unit, 0 < keep_prob <= 1; "
                         f"got {keep_prob}")
    if np.ndim(X) != 2 or X.shape[0] != parameters["W1"].shape[1]:
        raise ValueError(f"X must have shape (n_x, m) with n_x = {parameters['W1'].shape[1]} "
                         f"(the columns of W1); got {np.shape(X)}")
    cache = {"A0": X}
    A = X
    np.random.seed(seed)
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        if l < L:
            ### BEGIN SOLUTION
            A = relu(Z)
            D = np.random.rand(*A.shape) < keep_prob
            A = A * D / keep_prob
            ### END SOLUTION
            cache[f"D{l}"] = D
        else:
            A = sigmoid(Z)
        cache.update({f"Z{l}": Z, f"A{l}": A, f"W{l}": W, f"b{l}": b})
    return A, cache


def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    """Gradients of the mean cross-entropy through the dropped-out forward pass.

    dZ[L] = (A[L] - Y) / m
    dW[l] = dZ[l] A[l-1].T        db[l] = sum of dZ[l] over the examples
    dA[l-1] = W[l].T dZ[l] * D[l-1] / keep_prob        (the same units dropped, the same scaling)
    dZ[l-1] = dA[l-1] * (A[l-1] > 0)                                                     (RELU)

    Arguments:
    X -- input data of shape (n_x, m)
    Y -- labels 0 or 1, shape (1, m)
    cache -- the dict of forward_propagation_with_dropout: "A0", "Z{l}", "A{l}", "W{l}", "b{l}",
             and the masks "D{l}" of the hidden layers
    keep_prob -- the keep_prob of the forward pass

    Returns:
    grads -- dict with "dW1", "db1", ..., "dWL", "dbL", shaped like W1, b1, ..., WL, bL
             (extra keys such as "dA1", "dZ1" are allowed)
    """
    m = check_same_columns(X, Y)
    L = len([key for key in cache if key.startswith("W")])
    check_same_shape(cache[f"A{L}"], Y, "the network's output", "Y")
    grads = {}
    dZ = (cache[f"A{L}"] - Y) / m
    for l in range(L, 0, -1):
        A_prev = X if l == 1 else cache[f"A{l - 1}"]
        grads[f"dW{l}"] = dZ @ A_prev.T
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            ### BEGIN SOLUTION
            dA_prev = cache[f"W{l}"].T @ dZ
            dA_prev = dA_prev * cache[f"D{l - 1}"] / keep_prob
            ### END SOLUTION
            dZ = dA_prev * (A_prev > 0)
    return grads

"""The network of the gradient checking notebook, with the course's names.

LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID, ``layers_dims = [4, 5, 3, 1]``: ``X`` has
shape ``(4, m)``, ``Y`` shape ``(1, m)`` (labels 0 or 1), ``W[l]`` shape ``(n[l], n[l-1])``, ``b[l]``
shape ``(n[l], 1)``, float64 throughout. The cost is the **mean** binary cross-entropy.

As in the course, ``backward_propagation_n`` has two deliberate bugs (``dW2`` is doubled, ``db1`` is
four times too large): a gradient check finds them. ``backward_propagation_n_fixed`` is the same
code with both lines corrected. The parameters travel as one column vector ``theta`` of 47 entries
in the key order W1, b1, W2, b2, W3, b3 (``dictionary_to_vector`` and ``vector_to_dictionary``), and
the gradients as one vector in the same order (``gradients_to_vector``).
"""

import numpy as np

from course_lib.network import relu, sigmoid

#: The course's network for gradient checking.
LAYERS_DIMS = (4, 5, 3, 1)
PARAMETER_KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")
GRADIENT_KEYS = tuple("d" + key for key in PARAMETER_KEYS)


def parameter_shapes(layers_dims=LAYERS_DIMS):
    """``{"W1": (5, 4), "b1": (5, 1), ...}`` in the order of ``PARAMETER_KEYS``."""
    shapes = {}
    for l in range(1, len(layers_dims)):
        shapes[f"W{l}"] = (layers_dims[l], layers_dims[l - 1])
        shapes[f"b{l}"] = (layers_dims[l], 1)
    return shapes


_SHAPES = parameter_shapes()


def _check_examples(X, Y):
    if np.ndim(X) != 2 or np.shape(X)[0] != LAYERS_DIMS[0]:
        raise ValueError(f"X must have shape ({LAYERS_DIMS[0]}, m): {LAYERS_DIMS[0]} features by "
                         f"m examples; got {np.shape(X)}")
    m = X.shape[1]
    if np.size(Y) != m or (np.ndim(Y) == 2 and np.shape(Y)[0] != 1) or np.ndim(Y) > 2:
        raise ValueError(f"Y must hold one label per example, shape (1, {m}); got {np.shape(Y)}")
    return m


def _check_dict(values, keys, what):
    missing = [k for k in keys if k not in values]
    if missing:
        raise KeyError(f"{what} is missing {missing}; it needs {list(keys)}")
    for key, shape in zip(keys, _SHAPES.values()):
        if np.shape(values[key]) != shape:
            raise ValueError(f"{what}[{key!r}] must have shape {shape} for the network "
                             f"{list(LAYERS_DIMS)}; got {np.shape(values[key])}")


def forward_propagation_n(X, Y, parameters):
    """The forward pass and the mean cross-entropy cost.

    Z1 = W1 X + b1, A1 = relu(Z1); Z2 = W2 A1 + b2, A2 = relu(Z2); Z3 = W3 A2 + b3, A3 = sigmoid(Z3)
    cost = (1/m) * sum over the examples of  -( Y log A3 + (1 - Y) log(1 - A3) )

    Arguments:
    X -- input data of shape (4, m)
    Y -- labels 0 or 1, shape (1, m)
    parameters -- dict with "W1" (5, 4), "b1" (5, 1), "W2" (3, 5), "b2" (3, 1), "W3" (1, 3),
                  "b3" (1, 1)

    Returns:
    cost -- a Python float, the mean cross-entropy over the m examples
    cache -- the tuple (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3), for backward
    """
    m = _check_examples(X, Y)
    _check_dict(parameters, PARAMETER_KEYS, "parameters")
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]

    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)

    log_probs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    cost = 1.0 / m * np.sum(log_probs)

    cache = (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)
    return float(cost), cache


def backward_propagation_n(X, Y, cache):
    """The course's backward pass, **with its two deliberate bugs**: find them with your
    ``gradient_check_n``.

    Arguments:
    X -- input data of shape (4, m)
    Y -- labels 0 or 1, shape (1, m)
    cache -- the cache of forward_propagation_n(X, Y, parameters)

    Returns:
    gradients -- dict with "dW1", "db1", ..., "dW3", "db3" shaped like the parameters, and the
                 intermediate "dZ3", "dA2", "dZ2", "dA1", "dZ1"
    """
    m = _check_examples(X, Y)
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache

    dZ3 = A3 - Y
    dW3 = 1.0 / m * np.dot(dZ3, A2.T)
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)

    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1.0 / m * np.dot(dZ2, A1.T) * 2
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)

    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T)
    db1 = 4.0 / m * np.sum(dZ1, axis=1, keepdims=True)

    gradients = {"dZ3": dZ3, "dW3": dW3, "db3": db3,
                 "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
                 "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
    return gradients


def backward_propagation_n_fixed(X, Y, cache):
    """``backward_propagation_n`` with its two bugs corrected: the exact gradients of the mean
    cost (the same code, two lines changed).

    dZ3 = A3 - Y                       dW3 = dZ3 A2.T / m        db3 = sum(dZ3, axis=1) / m
    dZ2 = (W3.T dZ3) * (A2 > 0)        dW2 = dZ2 A1.T / m        db2 = sum(dZ2, axis=1) / m
    dZ1 = (W2.T dZ2) * (A1 > 0)        dW1 = dZ1 X.T / m         db1 = sum(dZ1, axis=1) / m

    Arguments and returns as ``backward_propagation_n``.
    """
    m = _check_examples(X, Y)
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache

    dZ3 = A3 - Y
    dW3 = 1.0 / m * np.dot(dZ3, A2.T)
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)

    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1.0 / m * np.dot(dZ2, A1.T)
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)

    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T)
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)

    gradients = {"dZ3": dZ3, "dW3": dW3, "db3": db3,
                 "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
                 "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
    return gradients


def dictionary_to_vector(parameters):
    """Roll the parameters into one column vector, in the key order W1, b1, W2, b2, W3, b3.

    Arguments:
    parameters -- dict with "W1", "b1", ..., "W3", "b3" of the network [4, 5, 3, 1]

    Returns:
    theta -- column vector of shape (47, 1): W1's 20 entries row by row, then b1's 5, ...
    keys -- list of 47 names, the key each entry of theta comes from ("W1", ..., "b3")
    """
    _check_dict(parameters, PARAMETER_KEYS, "parameters")
    vectors, keys = [], []
    for key in PARAMETER_KEYS:
        vectors.append(np.reshape(parameters[key], (-1, 1)))
        keys += [key] * vectors[-1].shape[0]
    return np.concatenate(vectors, axis=0).astype(np.float64), keys


def vector_to_dictionary(theta):
    """Unroll a column vector of 47 entries into the parameters (the inverse of
    ``dictionary_to_vector``).

    Arguments:
    theta -- array of 47 entries, shape (47, 1) (or (47,))

    Returns:
    parameters -- dict with "W1" (5, 4), "b1" (5, 1), "W2" (3, 5), "b2" (3, 1), "W3" (1, 3),
                  "b3" (1, 1)
    """
    shapes = _SHAPES
    size = sum(r * c for r, c in shapes.values())
    if np.size(theta) != size:
        raise ValueError(f"theta must hold the {size} parameters of the network "
                         f"{list(LAYERS_DIMS)}; got {np.size(theta)} entries")
    flat = np.reshape(theta, -1)
    parameters, start = {}, 0
    for key, (rows, cols) in shapes.items():
        parameters[key] = flat[start:start + rows * cols].reshape((rows, cols))
        start += rows * cols
    return parameters


def gradients_to_vector(gradients):
    """Roll the gradients into one column vector in the order dW1, db1, dW2, db2, dW3, db3, the
    order of ``dictionary_to_vector``'s theta (the other entries of ``gradients`` are ignored).

    Arguments:
    gradients -- dict with at least "dW1", "db1", ..., "dW3", "db3"

    Returns:
    grad -- column vector of shape (47, 1)
    """
    _check_dict(gradients, GRADIENT_KEYS, "gradients")
    return np.concatenate([np.reshape(gradients[key], (-1, 1)) for key in GRADIENT_KEYS],
                          axis=0).astype(np.float64)


def gradient_check_n_test_case():
    """The course's example: ``np.random.seed(1)``, then X (4, 3), W1, b1, ..., b3 drawn in order.

    Returns:
    X -- shape (4, 3)
    Y -- the labels [[1, 1, 0]], shape (1, 3)
    parameters -- dict with "W1", "b1", ..., "W3", "b3" (standard normal entries)
    """
    np.random.seed(1)
    X = np.random.randn(4, 3)
    Y = np.array([[1.0, 1.0, 0.0]])
    parameters = {key: np.random.randn(*shape) for key, shape in parameter_shapes().items()}
    return X, Y, parameters


def corrected_lines():
    """The lines ``backward_propagation_n_fixed`` changes, as (buggy line, corrected line) pairs,
    read from the source of both functions (after their docstrings)."""
    import difflib
    import inspect

    def body(fn):
        return [line.strip() for line in inspect.getsource(fn).split('"""')[-1].splitlines()]

    buggy, fixed = body(backward_propagation_n), body(backward_propagation_n_fixed)
    pairs = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, buggy, fixed).get_opcodes():
        if tag != "equal":
            pairs += list(zip(buggy[i1:i2], fixed[j1:j2]))
    return pairs

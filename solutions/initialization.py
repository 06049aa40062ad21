"""Reference solutions for the assignment ``initialization`` (course week 1).

Four ways to initialise the parameters of an L-layer network (Xavier's an optional extra), with
the course's signatures: every function takes ``layers_dims = [n_x, n[1], ..., n[L]]`` and returns
``parameters`` with ``W[l]`` of shape ``(n[l], n[l-1])`` and ``b[l]`` of shape ``(n[l], 1)`` for
``l = 1..L``. The random ones seed the global NumPy stream with 3 inside and draw ``W1, W2, ...``
in order (the biases draw nothing), so that the course's expected values come out. The lines
between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` are the student's part: the body of the
loop, as in the course's notebook. The optional extra ``sigmoid_backward`` is the sigmoid's
derivative, used by the vanishing-gradient experiment of the teaching text.
"""

import numpy as np

from course_lib.validation import check_layers_dims


def initialize_parameters_zeros(layers_dims):
    """Every weight and every bias zero: ``W[l] = zeros((n[l], n[l-1]))``, ``b[l] = zeros((n[l], 1))``.

    Arguments:
    layers_dims -- list [n_x, n[1], ..., n[L]] of layer sizes, e.g. [2, 10, 5, 1]

    Returns:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"; W[l] of shape (n[l], n[l-1]),
                  b[l] of shape (n[l], 1), float64 zeros
    """
    check_layers_dims(layers_dims)
    parameters = {}
    L = len(layers_dims) - 1  # the number of layers (the input layer is not counted)
    for l in range(1, L + 1):
        ### BEGIN SOLUTION
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
        ### END SOLUTION
    return parameters


def initialize_parameters_random(layers_dims):
    """Large random weights: ``W[l] = randn(n[l], n[l-1]) * 10``, ``b[l] = zeros((n[l], 1))``.

    Seeds the global NumPy stream with 3, then draws W1, W2, ..., WL in that order.

    Arguments:
    layers_dims -- list [n_x, n[1], ..., n[L]] of layer sizes, e.g. [2, 10, 5, 1]

    Returns:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"; W[l] of shape (n[l], n[l-1]),
                  b[l] of shape (n[l], 1), float64
    """
    check_layers_dims(layers_dims)
    np.random.seed(3)  # so that your "random" numbers are the course's
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        ### BEGIN SOLUTION
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
        ### END SOLUTION
    return parameters


def initialize_parameters_he(layers_dims):
    """He initialisation: ``W[l] = randn(n[l], n[l-1]) * sqrt(2 / n[l-1])``, ``b[l] = zeros``.

    Seeds the global NumPy stream with 3, then draws W1, W2, ..., WL in that order.

    Arguments:
    layers_dims -- list [n_x, n[1], ..., n[L]] of layer sizes, e.g. [2, 10, 5, 1]

    Returns:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"; W[l] of shape (n[l], n[l-1]),
                  b[l] of shape (n[l], 1), float64
    """
    check_layers_dims(layers_dims)
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        ### BEGIN SOLUTION
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                                    * np.sqrt(2 / layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
        ### END SOLUTION
    return parameters


def initialize_parameters_xavier(layers_dims):
    """Xavier initialisation: ``W[l] = randn(n[l], n[l-1]) * sqrt(1 / n[l-1])``, ``b[l] = zeros``.

    Seeds the global NumPy stream with 3, then draws W1, W2, ..., WL in that order. The variance
    ``1 / n[l-1]`` keeps ``z`` at the size of its inputs through sigmoid or tanh layers.

    Arguments:
    layers_dims -- list [n_x, n[1], ..., n[L]] of layer sizes, e.g. [2, 10, 5, 1]

    Returns:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"; W[l] of shape (n[l], n[l-1]),
                  b[l] of shape (n[l], 1), float64
    """
    check_layers_dims(layers_dims)
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        ### BEGIN SOLUTION
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                                    * np.sqrt(1 / layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
        ### END SOLUTION
    return parameters


def sigmoid_backward(dA, Z):
    """The backward step of a sigmoid unit: ``dZ = dA * s * (1 - s)`` with ``s = 1 / (1 + exp(-Z))``.

    ``s * (1 - s)`` is at most 0.25 (at ``Z = 0``), so each sigmoid layer passes back at most a
    quarter of its gradient. ``s`` is computed without overflow for any ``Z``: ``np.exp(-Z)``
    overflows for ``Z`` below about -709, ``np.exp(-np.abs(Z))`` never does.

    Arguments:
    dA -- gradient of the cost with respect to the sigmoid's output A, any shape, e.g. (n, m)
    Z -- the sigmoid's input (A = sigmoid(Z)), the same shape as dA

    Returns:
    dZ -- gradient of the cost with respect to Z, the same shape as Z, float64
    """
    if np.shape(dA) != np.shape(Z):
        raise ValueError(f"dA and Z must have the same shape; got {np.shape(dA)} and {np.shape(Z)}")
    ### BEGIN SOLUTION
    e = np.exp(-np.abs(Z))  # at most 1: no overflow
    s = np.where(Z >= 0, 1 / (1 + e), e / (1 + e))
    dZ = dA * s * (1 - s)
    ### END SOLUTION
    return dZ

"""The gradient checking notebook's network in TensorFlow, float64, for its comparisons.

``cost_of_theta(X, Y)`` is the network's mean cross-entropy as a function of the flat parameter
vector theta (the order of ``dictionary_to_vector``), made of TensorFlow operations, so that
``tf.test.compute_gradient`` can take both its numerical Jacobian (two-sided differences, like a
gradient check) and its theoretical one (automatic differentiation). ``tape_gradients`` is the
exact gradient by ``tf.GradientTape``. Importing this module imports TensorFlow (quietly, on the
CPU, through ``course_lib.tf``).
"""

import numpy as np

from course_lib.gradient_checking import (
    GRADIENT_KEYS,
    PARAMETER_KEYS,
    dictionary_to_vector,
    parameter_shapes,
)
from course_lib.tf import tf


def _unroll(theta):
    """The parameters as float64 tensors from a flat theta tensor of 47 entries."""
    parameters, start = {}, 0
    for key, (rows, cols) in parameter_shapes().items():
        parameters[key] = tf.reshape(theta[start:start + rows * cols], (rows, cols))
        start += rows * cols
    return parameters


def _cost(X, Y, p):
    A1 = tf.nn.relu(tf.matmul(p["W1"], X) + p["b1"])
    A2 = tf.nn.relu(tf.matmul(p["W2"], A1) + p["b2"])
    Z3 = tf.matmul(p["W3"], A2) + p["b3"]
    # the mean binary cross-entropy of sigmoid(Z3), computed from the logits
    losses = tf.nn.sigmoid_cross_entropy_with_logits(labels=Y, logits=Z3)
    return tf.reduce_mean(losses)


def cost_of_theta(X, Y):
    """A function theta -> cost: theta a float64 tensor of shape (47,), the cost a scalar tensor.

    Arguments:
    X -- input data of shape (4, m)
    Y -- labels 0 or 1, shape (1, m)
    """
    X = tf.constant(np.asarray(X, dtype=np.float64))
    Y = tf.constant(np.asarray(Y, dtype=np.float64).reshape(1, -1))
    return lambda theta: _cost(X, Y, _unroll(theta))


def theta_tensor(parameters):
    """The parameters as a flat float64 tensor of shape (47,), in the order of theta."""
    theta, _ = dictionary_to_vector(parameters)
    return tf.constant(theta.reshape(-1))


def tape_gradients(X, Y, parameters):
    """The exact gradients of the mean cost by ``tf.GradientTape``, as NumPy arrays.

    Returns:
    gradients -- dict with "dW1", "db1", ..., "dW3", "db3" shaped like the parameters
    """
    variables = {k: tf.Variable(np.asarray(parameters[k], dtype=np.float64))
                 for k in PARAMETER_KEYS}
    X = tf.constant(np.asarray(X, dtype=np.float64))
    Y = tf.constant(np.asarray(Y, dtype=np.float64).reshape(1, -1))
    with tf.GradientTape() as tape:
        cost = _cost(X, Y, variables)
    grads = tape.gradient(cost, [variables[k] for k in PARAMETER_KEYS])
    return {dk: g.numpy() for dk, g in zip(GRADIENT_KEYS, grads)}


def numerical_and_theoretical(X, Y, parameters, epsilon=1e-7):
    """``tf.test.compute_gradient`` of the cost at the parameters, with ``delta = epsilon``.

    Returns:
    gradapprox -- TensorFlow's two-sided numerical gradient, shape (47, 1)
    grad -- TensorFlow's gradient by automatic differentiation, shape (47, 1)
    """
    theoretical, numerical = tf.test.compute_gradient(
        cost_of_theta(X, Y), [theta_tensor(parameters)], delta=epsilon)
    return numerical[0].reshape(-1, 1), theoretical[0].reshape(-1, 1)

"""TensorFlow counterparts of the ``gradient_checking`` exercises (curriculum: "gradient checking").

``forward_propagation`` is ``tf.multiply``, ``backward_propagation`` the derivative by
``tf.GradientTape``. The checks take their numerical gradient from ``tf.test.compute_gradient``
(two-sided differences with ``delta = epsilon``: the student's ``gradapprox``), in float64, and
compare it with the given gradient through the same relative difference. ``tf.GradientTape``'s own
gradient of the network is ``course_lib.gradient_checking_tf.tape_gradients``.
"""

import numpy as np

from course_lib.gradient_checking import gradients_to_vector
from course_lib.gradient_checking_tf import numerical_and_theoretical
from course_lib.tf import tf


def _relative_difference(grad, gradapprox):
    numerator = np.linalg.norm(grad - gradapprox)
    return numerator / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def forward_propagation(x, theta):
    """J = theta * x with ``tf.multiply`` in float64."""
    return float(tf.multiply(tf.constant(theta, tf.float64), tf.constant(x, tf.float64)).numpy())


def backward_propagation(x, theta):
    """dJ/dtheta of J = theta * x by ``tf.GradientTape``."""
    theta_t = tf.Variable(float(theta), dtype=tf.float64)
    with tf.GradientTape() as tape:
        J = theta_t * tf.constant(x, tf.float64)
    return float(tape.gradient(J, theta_t).numpy())


def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    """The relative difference between TensorFlow's theoretical and numerical Jacobians of
    J(theta) = theta * x (``tf.test.compute_gradient`` with ``delta = epsilon``)."""
    x_t = tf.constant(x, tf.float64)
    theoretical, numerical = tf.test.compute_gradient(
        lambda t: t * x_t, [tf.constant([float(theta)], tf.float64)], delta=epsilon)
    return float(_relative_difference(theoretical[0], numerical[0]))


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """The relative difference between the given gradients and TensorFlow's numerical gradient
    of the network's cost (``tf.test.compute_gradient`` with ``delta = epsilon``)."""
    gradapprox, _ = numerical_and_theoretical(X, Y, parameters, epsilon)
    return float(_relative_difference(gradients_to_vector(gradients), gradapprox))

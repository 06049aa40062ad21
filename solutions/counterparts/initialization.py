"""Keras counterparts of the ``initialization`` exercises (curriculum table, "initialisation").

Each function has the exercise's signature; the initialisers return ``parameters`` in the course's
layout:
Keras builds a Dense layer's kernel as ``(fan_in, fan_out) = (n[l-1], n[l])``, so every kernel
is drawn in that shape and transposed to ``W[l]`` of shape ``(n[l], n[l-1])``; the biases come
from ``keras.initializers.Zeros``, as a Dense layer's do.

``initialize_parameters_zeros``
    ``Zeros()``: exact.
``initialize_parameters_random``
    ``RandomNormal(mean=0, stddev=10)``. Keras's stream is not NumPy's, so the weights agree in
    distribution only (compared by :mod:`course_lib.distributions`).
``initialize_parameters_he``
    ``VarianceScaling(scale=2.0, mode="fan_in", distribution="untruncated_normal")``: variance
    ``2 / fan_in = 2 / n[l-1]``, in distribution only. Not ``HeNormal``: that one draws from a
    normal truncated at two standard deviations (rescaled to the same variance), a different
    distribution with no tails, which the comparison tells apart.
``initialize_parameters_xavier`` (optional extra)
    ``VarianceScaling(scale=1.0, mode="fan_in", distribution="untruncated_normal")``: variance
    ``1 / n[l-1]``, in distribution only. Not ``GlorotNormal``: that one scales by the average of
    fan-in and fan-out, ``2 / (n[l-1] + n[l])``, and truncates.
``sigmoid_backward`` (optional extra)
    ``tf.sigmoid`` differentiated by ``tf.GradientTape`` in float64, ``dA`` as the output
    gradient: TensorFlow's sigmoid gradient is ``dA * s * (1 - s)``, the same formula, and its
    ``tf.sigmoid`` does not overflow; equal up to rounding.

Each layer's kernel has its own seed (``seed + l``), fixed, so a counterpart returns the same
draws on every call.
"""

import numpy as np

from course_lib.tf import tf
from course_lib.validation import check_layers_dims

keras = tf.keras

SEED = 30


def _parameters(layers_dims, kernel_initializer):
    dims = check_layers_dims(layers_dims)
    parameters = {}
    for l in range(1, len(dims)):
        kernel = kernel_initializer(l)(shape=(dims[l - 1], dims[l]), dtype="float64")
        bias = keras.initializers.Zeros()(shape=(dims[l],), dtype="float64")
        parameters[f"W{l}"] = np.array(kernel, dtype=np.float64).T.copy()
        parameters[f"b{l}"] = np.array(bias, dtype=np.float64).reshape(-1, 1)
    return parameters


def initialize_parameters_zeros(layers_dims):
    return _parameters(layers_dims, lambda l: keras.initializers.Zeros())


def initialize_parameters_random(layers_dims):
    return _parameters(layers_dims, lambda l: keras.initializers.RandomNormal(
        mean=0.0, stddev=10.0, seed=SEED + l))


def initialize_parameters_he(layers_dims):
    return _parameters(layers_dims, lambda l: keras.initializers.VarianceScaling(
        scale=2.0, mode="fan_in", distribution="untruncated_normal", seed=SEED + l))


def initialize_parameters_xavier(layers_dims):
    return _parameters(layers_dims, lambda l: keras.initializers.VarianceScaling(
        scale=1.0, mode="fan_in", distribution="untruncated_normal", seed=SEED + l))


def he_normal_truncated(layers_dims):
    """Keras's ``HeNormal`` in the course's layout: the *truncated* normal, for the tests that show
    it is not the course's distribution."""
    return _parameters(layers_dims, lambda l: keras.initializers.HeNormal(seed=SEED + l))


def sigmoid_backward(dA, Z):
    if np.shape(dA) != np.shape(Z):
        raise ValueError(f"dA and Z must have the same shape; got {np.shape(dA)} and {np.shape(Z)}")
    z = tf.constant(Z, dtype=tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(z)
        a = tf.sigmoid(z)
    dz = tape.gradient(a, z, output_gradients=tf.constant(dA, dtype=tf.float64))
    return np.array(dz, dtype=np.float64)

"""TensorFlow/Keras counterparts of the exercises of ``batchnorm_softmax``.

Every public function here has exactly the signature of the NumPy exercise of the same name (in
``solutions.batchnorm_softmax``) and returns the same structure: the same tuple layout, the same
dict keys, shapes, NumPy ``float64`` arrays and Python floats. The arithmetic runs in TensorFlow,
in float64, by the mapping of the curriculum's table "TensorFlow counterparts".
``compute_total_loss`` and ``one_hot_matrix`` cross-check the TensorFlow exercises of
``batchnorm_softmax_tensorflow`` by an independent route, and return NumPy as well.

The functions validate their input with ``course_lib.validation``, exactly like the references, so a
bad input fails with the same sentence. They never change their arguments: dicts and arrays are
copied, and the results are fresh NumPy objects. They hold no state between calls (every call builds
its own variables and layers), so they are deterministic.

Mappings, and how closely each counterpart agrees with the course's formula
---------------------------------------------------------------------------
``batchnorm_forward``, ``batchnorm_backward``, ``batchnorm_inference``
    ``keras.layers.BatchNormalization(epsilon=e, dtype="float64")`` on ``Z.T`` with gamma and beta
    set from the inputs, ``training=True`` (batch statistics, biased variance) or ``training=False``
    (moving statistics set to the running ones). The forward's ``mu``, ``var`` are the layer's batch
    moments, read from its moving statistics after a step with ``momentum=0`` (then
    ``moving = moving*0 + batch*1`` exactly); ``Z_norm`` is ``tf.nn.batch_normalization`` without
    scale and offset, the op the layer uses. The backward is ``tf.GradientTape`` through the layer
    at ``Z = Z_norm*sqrt(var + epsilon) + mu``, rebuilt from the cache. Exact to rounding.
``update_running_averages``
    The layer's own update ``moving = moving*momentum + batch*(1 - momentum)`` with the given batch
    moments: a ``BatchNormalization`` whose ``_moments`` returns ``batch_mean``, ``batch_var``
    (no batch of data has exactly given float moments), called with ``training=True``. Exact.
``softmax``, ``softmax_cross_entropy_cost``, ``softmax_cross_entropy_backward``
    ``tf.nn.softmax(axis=0)``; the mean of ``keras.losses.categorical_crossentropy(Y.T, ZL.T,
    from_logits=True)``; its ``tf.GradientTape`` gradient. Inputs of any float dtype are computed in
    float64. Exact to rounding for logits of any magnitude, except that TF flushes subnormal results
    to 0 (probabilities below 2.2e-308). Keras warns on stderr for a single class (``C = 1``); the
    counterparts silence that warning.
``compute_total_loss``, ``one_hot_matrix``
    The sum of ``tf.nn.softmax_cross_entropy_with_logits(labels, logits, axis=0)``; row ``label``
    of ``tf.eye(C)``. Float64, exact.
"""

import numbers
import warnings

import numpy as np

from course_lib.tf import tf
from course_lib.validation import (
    check_batch,
    check_column_vector,
    check_logits,
    check_positive_int,
    check_same_shape,
)
from solutions.counterparts.tensors import F64, const, f64, keras, out

__all__ = [
    "batchnorm_forward",
    "batchnorm_backward",
    "update_running_averages",
    "batchnorm_inference",
    "softmax",
    "softmax_cross_entropy_cost",
    "softmax_cross_entropy_backward",
    "compute_total_loss",
    "one_hot_matrix",
]


def _batchnorm_layer(n, epsilon, momentum, gamma=None, beta=None, layer_class=None):
    """A built float64 ``BatchNormalization`` over ``n`` units (the last axis of ``Z.T``)."""
    layer_class = layer_class or keras.layers.BatchNormalization
    layer = layer_class(epsilon=epsilon, momentum=momentum, dtype="float64")
    layer.build((None, n))
    if gamma is not None:
        layer.gamma.assign(f64(gamma).reshape(n))
    if beta is not None:
        layer.beta.assign(f64(beta).reshape(n))
    return layer


def _column(t):
    """A tensor of shape (n,) as a fresh (n, 1) float64 array."""
    return out(t).reshape(-1, 1)


def batchnorm_forward(Z, gamma, beta, epsilon=1e-5):
    """Batch normalisation at training time: ``BatchNormalization(...)(Z.T, training=True)``.

    The layer (float64, ``epsilon=epsilon``) has gamma and beta set from the inputs and
    ``momentum=0``, so that after the step its moving statistics are this batch's moments (biased
    variance): they are the cache's ``mu`` and ``var``. ``Z_norm`` is
    ``tf.nn.batch_normalization`` with those moments and no scale or offset. Exact to rounding.

    Arguments:
    Z -- pre-activations of shape (n, m): n units, m examples
    gamma -- scale of shape (n, 1)
    beta -- shift of shape (n, 1)
    epsilon -- added to the variance so that the division is safe

    Returns:
    Z_tilde -- shape (n, m)
    cache -- dict with "Z_norm" (n, m), "mu" (n, 1), "var" (n, 1), "gamma" (n, 1), "epsilon"
    """
    check_batch(Z, gamma, beta)
    n = Z.shape[0]
    layer = _batchnorm_layer(n, epsilon, momentum=0.0, gamma=gamma, beta=beta)
    x = const(np.asarray(Z).T)
    Z_tilde = layer(x, training=True)
    mu, var = tf.convert_to_tensor(layer.moving_mean), tf.convert_to_tensor(layer.moving_variance)
    Z_norm = tf.nn.batch_normalization(x, mu, var, None, None, epsilon)
    cache = {
        "Z_norm": out(Z_norm).T.copy(),
        "mu": _column(mu),
        "var": _column(var),
        "gamma": f64(gamma),
        "epsilon": epsilon,
    }
    return out(Z_tilde).T.copy(), cache


def _check_cache(cache):
    keys = ("Z_norm", "mu", "var", "gamma", "epsilon")
    if not isinstance(cache, dict) or any(k not in cache for k in keys):
        got = sorted(cache) if isinstance(cache, dict) else type(cache).__name__
        raise ValueError(
            f"cache must be the dict returned by batchnorm_forward, with keys "
            f"{list(keys)}; got {got}"
        )


def batchnorm_backward(dZ_tilde, cache):
    """Gradients of batch norm with ``tf.GradientTape`` through ``BatchNormalization``.

    ``Z = Z_norm*sqrt(var + epsilon) + mu`` is rebuilt from the cache, the layer (gamma from the
    cache) runs with ``training=True`` on ``Z.T``, and the tape gives the gradients of
    ``sum(Z_tilde * dZ_tilde)`` with respect to Z, gamma and beta. Exact to rounding.

    Arguments:
    dZ_tilde -- gradient of the cost with respect to Z_tilde, shape (n, m)
    cache -- the dict returned by batchnorm_forward

    Returns:
    dZ -- gradient with respect to Z, shape (n, m)
    dgamma -- gradient with respect to gamma, shape (n, 1)
    dbeta -- gradient with respect to beta, shape (n, 1)
    """
    _check_cache(cache)
    Z_norm, mu, var = const(cache["Z_norm"]), const(cache["mu"]), const(cache["var"])
    epsilon = cache["epsilon"]
    check_same_shape(dZ_tilde, cache["Z_norm"], "dZ_tilde", "the forward pass's Z")
    n = Z_norm.shape[0]
    check_column_vector(cache["gamma"], n, "cache['gamma']")
    Z = Z_norm * tf.sqrt(var + const(epsilon)) + mu
    layer = _batchnorm_layer(n, epsilon, momentum=0.0, gamma=cache["gamma"])
    x = tf.transpose(Z)
    with tf.GradientTape() as tape:
        tape.watch(x)
        Z_tilde = layer(x, training=True)
    dx, dgamma, dbeta = tape.gradient(
        Z_tilde, [x, layer.gamma, layer.beta], output_gradients=const(np.asarray(dZ_tilde).T)
    )
    return out(dx).T.copy(), _column(dgamma), _column(dbeta)


class _GivenMomentsBatchNormalization(keras.layers.BatchNormalization):
    """``BatchNormalization`` whose batch moments are given rather than computed from the data.

    Only ``_moments`` (the layer's hook that returns the batch's mean and variance) is replaced, so
    that a ``training=True`` call runs the layer's own moving-statistics update with exactly the
    given moments.
    """

    def set_moments(self, mean, variance):
        self._given_moments = (mean, variance)
        self._moments_used = False

    def _moments(self, inputs, mask):
        self._moments_used = True
        return self._given_moments


def update_running_averages(running_mean, running_var, batch_mean, batch_var, momentum=0.9):
    """The running statistics, updated by ``BatchNormalization``'s own moving-average step.

    A float64 layer with ``momentum=momentum`` and moving statistics set to the running ones takes a
    ``training=True`` step whose batch moments are ``batch_mean``, ``batch_var`` (its ``_moments``
    hook returns them: no batch of data has exactly given float moments); the layer then sets
    ``moving = moving*momentum + batch*(1 - momentum)``. Exact.

    Arguments:
    running_mean, running_var -- the running statistics, shape (n, 1)
    batch_mean, batch_var -- this mini-batch's mu and (biased) var, shape (n, 1)
    momentum -- the averaging weight

    Returns:
    running_mean, running_var -- new (n, 1) float64 arrays
    """
    check_same_shape(running_mean, batch_mean, "running_mean", "batch_mean")
    check_same_shape(running_var, batch_var, "running_var", "batch_var")
    n = int(np.size(running_mean))
    layer = _batchnorm_layer(n, 1e-3, momentum, layer_class=_GivenMomentsBatchNormalization)
    layer.moving_mean.assign(f64(running_mean).reshape(n))
    layer.moving_variance.assign(f64(running_var).reshape(n))
    layer.set_moments(const(np.reshape(batch_mean, n)), const(np.reshape(batch_var, n)))
    layer(tf.zeros((1, n), dtype=F64), training=True)
    if not layer._moments_used:  # a future Keras that no longer calls the hook
        raise RuntimeError("BatchNormalization did not call _moments; this route needs updating")
    return _column(layer.moving_mean), _column(layer.moving_variance)


def batchnorm_inference(Z, gamma, beta, running_mean, running_var, epsilon=1e-5):
    """Batch normalisation at test time: ``BatchNormalization(...)(Z.T, training=False)``.

    The float64 layer has gamma, beta and its moving statistics set from the inputs. Exact to
    rounding (TF computes ``Z*inv + (beta - mu*inv)`` with ``inv = gamma/sqrt(var + epsilon)``).

    Arguments:
    Z -- pre-activations of shape (n, m)
    gamma, beta -- learned scale and shift, shape (n, 1)
    running_mean, running_var -- statistics kept during training, shape (n, 1)
    epsilon -- added to the variance

    Returns:
    Z_tilde -- shape (n, m)
    """
    check_batch(Z, gamma, beta)
    n = Z.shape[0]
    check_column_vector(running_mean, n, "running_mean")
    check_column_vector(running_var, n, "running_var")
    layer = _batchnorm_layer(n, epsilon, momentum=0.99, gamma=gamma, beta=beta)
    layer.moving_mean.assign(f64(running_mean).reshape(n))
    layer.moving_variance.assign(f64(running_var).reshape(n))
    Z_tilde = layer(const(np.asarray(Z).T), training=False)
    return out(Z_tilde).T.copy()


def softmax(Z):
    """Column-wise softmax, ``tf.nn.softmax(Z, axis=0)`` in float64.

    Arguments:
    Z -- logits of shape (C, m)

    Returns:
    A -- probabilities of shape (C, m), float64
    """
    check_logits(Z, "Z")
    return out(tf.nn.softmax(const(Z), axis=0))


def _cross_entropy(ZL, Y):
    """Per-example Keras categorical cross-entropy from the logits, shape (m,).

    Keras warns (a ``SyntaxWarning``, printed on stderr) when there is a single class, ``C = 1``;
    the loss is then 0 and correct, so the warning is silenced here.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="In loss categorical_crossentropy", category=SyntaxWarning
        )
        return keras.losses.categorical_crossentropy(
            tf.transpose(Y), tf.transpose(ZL), from_logits=True
        )


def softmax_cross_entropy_cost(ZL, Y):
    """Mean of ``keras.losses.categorical_crossentropy(Y.T, ZL.T, from_logits=True)``, float64.

    Arguments:
    ZL -- logits of shape (C, m)
    Y -- one-hot labels of shape (C, m)

    Returns:
    cost -- a Python float
    """
    check_logits(ZL, "ZL")
    check_same_shape(ZL, Y, "ZL", "Y")
    return float(tf.reduce_mean(_cross_entropy(const(ZL), const(Y))).numpy())


def softmax_cross_entropy_backward(ZL, Y):
    """Gradient of ``softmax_cross_entropy_cost`` with respect to ZL, by ``tf.GradientTape``.

    Arguments:
    ZL -- logits of shape (C, m)
    Y -- one-hot labels of shape (C, m)

    Returns:
    dZL -- shape (C, m), float64
    """
    check_logits(ZL, "ZL")
    check_same_shape(ZL, Y, "ZL", "Y")
    logits, labels = const(ZL), const(Y)
    with tf.GradientTape() as tape:
        tape.watch(logits)
        cost = tf.reduce_mean(_cross_entropy(logits, labels))
    return out(tape.gradient(cost, logits))


def compute_total_loss(logits, labels):
    """Sum over examples of ``tf.nn.softmax_cross_entropy_with_logits(labels, logits, axis=0)``.

    A cross-check of the TensorFlow exercise (which goes through Keras): float64 and without
    transposes. Returns a Python float where the exercise returns a scalar tensor.

    Arguments:
    logits -- array or tensor of shape (C, m)
    labels -- one-hot array or tensor of shape (C, m)

    Returns:
    total_loss -- a Python float
    """
    logits, labels = np.asarray(logits), np.asarray(labels)
    check_logits(logits, "logits")
    check_same_shape(logits, labels, "logits", "labels")
    losses = tf.nn.softmax_cross_entropy_with_logits(
        labels=const(labels), logits=const(logits), axis=0
    )
    return float(tf.reduce_sum(losses).numpy())


def one_hot_matrix(label, C=6):
    """The one-hot vector of ``label``: row ``label`` of ``tf.eye(C)``, float64.

    A cross-check of the TensorFlow exercise (which uses ``tf.one_hot``). Returns a NumPy array of
    shape (C,) where the exercise returns a tensor.

    Arguments:
    label -- an integer class label, 0 <= label < C
    C -- the number of classes, a whole number >= 1

    Returns:
    one_hot -- float64 array of shape (C,)
    """
    check_positive_int(C, "C (the number of classes)")
    if np.ndim(label) == 0 and np.issubdtype(np.asarray(label).dtype, np.integer):
        label = int(np.asarray(label))  # a NumPy integer or a 0-d integer tensor
    if isinstance(label, bool) or not isinstance(label, numbers.Integral):
        raise TypeError(f"label must be an integer class label, got {label!r}")
    if not 0 <= label < C:
        raise ValueError(f"label must satisfy 0 <= label < C = {C}, got {label}")
    return out(tf.gather(tf.eye(C, dtype=F64), int(label)))

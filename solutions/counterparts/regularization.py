"""TensorFlow/Keras counterparts of the exercises of ``regularization``, by the curriculum's mapping.

Each function has the signature of the NumPy exercise of the same name (``solutions.regularization``)
and returns the same structure (Python float, dicts of float64 NumPy arrays). The network is built
from float64 ``keras.layers.Dense`` layers whose kernels are ``W[l].T`` and biases ``b[l]`` (Keras
works on ``X.T``, one example per row); activations RELU then SIGMOID, as in course_lib.network.

``compute_cost_with_regularization``
    ``keras.losses.BinaryCrossentropy(dtype="float64")(Y.T, AL.T)`` plus the losses of
    ``keras.regularizers.L2(l2=lambd/(2m))`` on every layer's kernel (Keras's L2 is
    ``l2 * sum(w**2)``). Exact in float64 when ``lambd/(2m)`` is a float32 number: the regularizer
    casts its Python-float factor with ``ops.cast``, which goes through a float32 tensor, so other
    factors are off by up to 3e-8 relative (``l2_factor_error`` gives it). Keras clips the
    probabilities to ``[1e-7, 1 - 1e-7]`` (the kit at 2.2e-16): the cases keep every probability
    inside ``(1e-4, 1 - 1e-4)``, where neither clip changes anything.
``backward_propagation_with_regularization``
    ``tf.GradientTape`` of that loss through the Dense layers, at X; ``dW = d kernel .T``,
    ``db = d bias`` as a column. Exact to rounding (Keras's BCE takes the sigmoid's logits,
    ``sigmoid_cross_entropy_with_logits``, a different but equivalent formula).
``compute_cost_with_l1`` (an optional extra)
    The same BinaryCrossentropy plus the losses of ``keras.regularizers.L1(l1=lambd/m)`` on every
    kernel (``l1 * sum(abs(w))``). Its factor goes through float32 as L2's does: exact when
    ``lambd/m`` is a float32 number.
``backward_propagation_with_l1`` (an optional extra)
    ``tf.GradientTape`` of that loss, as for L2. TensorFlow's gradient of ``abs`` is ``sign``,
    0 at 0, the same subgradient as ``np.sign``: exact to rounding, weights at exactly 0 included.
``forward_propagation_with_dropout``
    Keras's ``Dropout`` draws its masks from TensorFlow's stream, never NumPy's, so the masks
    are those of the course's stream (``np.random.seed(seed)``, then ``np.random.rand(n[l], m) <
    keep_prob`` for each hidden layer in order) and the arithmetic is TensorFlow's: Dense layers and
    Keras's Dropout rule on those masks, ``tf.where(D, A / keep_prob, 0)``. Exact to rounding.
``backward_propagation_with_dropout``
    ``tf.GradientTape`` through the same masked forward, on the cache's own masks ``D{l}``, of the
    mean BCE. Exact to rounding.
"""

import numpy as np

from course_lib.tf import tf
from course_lib.validation import check_same_columns, check_same_shape, num_layers

keras = tf.keras


def _layers(parameters, l2=None, l1=None):
    """Float64 Dense layers holding ``W[l].T`` and ``b[l]``, with an L2 regularizer of factor
    ``l2`` (or an L1 regularizer of factor ``l1``) on every kernel when given."""
    L = num_layers(parameters)
    layers = []
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        regularizer = (keras.regularizers.L2(l2=l2) if l2 is not None
                       else keras.regularizers.L1(l1=l1) if l1 is not None else None)
        layer = keras.layers.Dense(W.shape[0], activation=None, dtype="float64",
                                   kernel_regularizer=regularizer)
        layer.build((None, W.shape[1]))
        layer.set_weights([np.asarray(W, np.float64).T, np.asarray(b, np.float64).ravel()])
        layers.append(layer)
    return layers


def _parameters_from_cache(cache):
    L = len([key for key in cache if key.startswith("W")])
    return {f"{p}{l}": cache[f"{p}{l}"] for l in range(1, L + 1) for p in ("W", "b")}


def _forward(layers, X, masks=None, keep_prob=1.0):
    """Keras's forward pass on ``X.T``; with ``masks`` (``{l: D[l].T}``), Keras's Dropout rule on
    the hidden layers. Returns the probabilities ``(m, 1)`` and ``{l: (Z[l].T, A[l].T)}``."""
    A = tf.constant(np.asarray(X, np.float64).T)
    trace = {}
    for l, layer in enumerate(layers, start=1):
        Z = layer(A)
        if l < len(layers):
            A = keras.activations.relu(Z)
            if masks is not None:
                A = tf.where(masks[l], A / keep_prob, tf.zeros_like(A))
        else:
            A = keras.activations.sigmoid(Z)
        trace[l] = (Z, A)
    return A, trace


def _bce():
    return keras.losses.BinaryCrossentropy(dtype="float64")


def _gradients(tape, loss, layers):
    variables = [v for layer in layers for v in (layer.kernel, layer.bias)]
    values = tape.gradient(loss, variables)
    grads = {}
    for l in range(1, len(layers) + 1):
        dkernel, dbias = values[2 * (l - 1)], values[2 * (l - 1) + 1]
        grads[f"dW{l}"] = np.array(dkernel.numpy().T, dtype=np.float64)
        grads[f"db{l}"] = np.array(dbias.numpy().reshape(-1, 1), dtype=np.float64)
    return grads


def l2_factor_error(lambd, m):
    """``|float32(lambd/(2m)) - lambd/(2m)|``: how far Keras's L2 factor is from the course's."""
    factor = lambd / (2 * m)
    return abs(float(np.float32(factor)) - factor)


def compute_cost_with_regularization(AL, Y, parameters, lambd):
    """Keras's BinaryCrossentropy plus L2(lambd/(2m)) on every kernel; a Python float."""
    check_same_shape(AL, Y, "AL", "Y")
    m = Y.shape[1]
    layers = _layers(parameters, l2=lambd / (2 * m))
    cross_entropy = _bce()(tf.constant(Y.T, tf.float64), tf.constant(AL.T, tf.float64))
    penalty = tf.add_n([tf.cast(loss, tf.float64) for layer in layers for loss in layer.losses])
    return float((cross_entropy + penalty).numpy())


def backward_propagation_with_regularization(X, Y, cache, lambd):
    """``tf.GradientTape`` of Keras's BCE plus the kernels' L2(lambd/(2m)) losses."""
    m = check_same_columns(X, Y)
    parameters = _parameters_from_cache(cache)
    check_same_shape(cache[f"A{num_layers(parameters)}"], Y, "the network's output", "Y")
    layers = _layers(parameters, l2=lambd / (2 * m))
    with tf.GradientTape() as tape:
        AL, _ = _forward(layers, X)
        loss = _bce()(tf.constant(Y.T, tf.float64), AL)
        loss = loss + tf.add_n([tf.cast(v, tf.float64) for layer in layers for v in layer.losses])
    return _gradients(tape, loss, layers)


def compute_cost_with_l1(AL, Y, parameters, lambd):
    """Keras's BinaryCrossentropy plus L1(lambd/m) on every kernel; a Python float."""
    check_same_shape(AL, Y, "AL", "Y")
    m = Y.shape[1]
    layers = _layers(parameters, l1=lambd / m)
    cross_entropy = _bce()(tf.constant(Y.T, tf.float64), tf.constant(AL.T, tf.float64))
    penalty = tf.add_n([tf.cast(loss, tf.float64) for layer in layers for loss in layer.losses])
    return float((cross_entropy + penalty).numpy())


def backward_propagation_with_l1(X, Y, cache, lambd):
    """``tf.GradientTape`` of Keras's BCE plus the kernels' L1(lambd/m) losses (the gradient of
    ``tf.abs`` at 0 is 0, as ``np.sign``)."""
    m = check_same_columns(X, Y)
    parameters = _parameters_from_cache(cache)
    check_same_shape(cache[f"A{num_layers(parameters)}"], Y, "the network's output", "Y")
    layers = _layers(parameters, l1=lambd / m)
    with tf.GradientTape() as tape:
        AL, _ = _forward(layers, X)
        loss = _bce()(tf.constant(Y.T, tf.float64), AL)
        loss = loss + tf.add_n([tf.cast(v, tf.float64) for layer in layers for v in layer.losses])
    return _gradients(tape, loss, layers)


def forward_propagation_with_dropout(X, parameters, keep_prob=0.5, seed=1):
    """Dense layers and ``tf.where(D, A / keep_prob, 0)`` on the course stream's masks."""
    L = num_layers(parameters)
    if not 0 < keep_prob <= 1:  # the reference's checks, with its sentences
        raise ValueError(f"keep_prob is a probability of keeping a unit, 0 < keep_prob <= 1; "
                         f"got {keep_prob}")
    if np.ndim(X) != 2 or X.shape[0] != parameters["W1"].shape[1]:
        raise ValueError(f"X must have shape (n_x, m) with n_x = {parameters['W1'].shape[1]} "
                         f"(the columns of W1); got {np.shape(X)}")
    m = X.shape[1]
    np.random.seed(seed)
    masks = {l: np.random.rand(parameters[f"W{l}"].shape[0], m) < keep_prob for l in range(1, L)}
    layers = _layers(parameters)
    AL, trace = _forward(layers, X, {l: tf.constant(D.T) for l, D in masks.items()}, keep_prob)
    cache = {"A0": np.array(X, dtype=np.float64)}
    for l in range(1, L + 1):
        Z, A = trace[l]
        cache[f"Z{l}"] = np.array(Z.numpy().T)
        cache[f"A{l}"] = np.array(A.numpy().T)
        cache[f"W{l}"] = np.array(parameters[f"W{l}"], dtype=np.float64)
        cache[f"b{l}"] = np.array(parameters[f"b{l}"], dtype=np.float64)
        if l < L:
            cache[f"D{l}"] = masks[l]
    return np.array(AL.numpy().T), cache


def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    """``tf.GradientTape`` of Keras's BCE through the masked forward, on the cache's masks."""
    check_same_columns(X, Y)
    parameters = _parameters_from_cache(cache)
    L = num_layers(parameters)
    check_same_shape(cache[f"A{L}"], Y, "the network's output", "Y")
    layers = _layers(parameters)
    masks = {l: tf.constant(np.asarray(cache[f"D{l}"]).astype(bool).T) for l in range(1, L)}
    with tf.GradientTape() as tape:
        AL, _ = _forward(layers, X, masks, keep_prob)
        loss = _bce()(tf.constant(Y.T, tf.float64), AL)
    return _gradients(tape, loss, layers)

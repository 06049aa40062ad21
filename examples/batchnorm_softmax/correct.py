"""Reference solution of batchnorm_softmax (generated from solutions/)."""


import numpy as np
from course_lib.validation import check_batch, check_column_vector, check_logits, check_same_shape
from course_lib.tf import tf


def batchnorm_forward(Z, gamma, beta, epsilon=1e-5):
    """Batch normalisation at training time, per unit over the mini-batch.

    mu = mean(Z, axis=1)        var = mean((Z - mu)**2, axis=1)        (biased variance)
    Z_norm = (Z - mu) / sqrt(var + epsilon)        Z_tilde = gamma * Z_norm + beta

    Arguments:
    Z -- pre-activations of shape (n, m): n units, m examples
    gamma -- scale of shape (n, 1)
    beta -- shift of shape (n, 1)
    epsilon -- added to the variance so that the division is safe

    Returns:
    Z_tilde -- normalised, scaled and shifted Z, shape (n, m)
    cache -- dict with "Z_norm" (n, m), "mu" (n, 1), "var" (n, 1), "gamma" (n, 1), "epsilon"
    """
    check_batch(Z, gamma, beta)
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    Z_tilde = gamma * Z_norm + beta
    cache = {"Z_norm": Z_norm, "mu": mu, "var": var, "gamma": gamma, "epsilon": epsilon}
    return Z_tilde, cache


def batchnorm_backward(dZ_tilde, cache):
    """Exact gradients of ``batchnorm_forward``.

    dbeta = sum(dZ_tilde, axis=1)        dgamma = sum(dZ_tilde * Z_norm, axis=1)
    dZ_norm = gamma * dZ_tilde
    dZ = (m*dZ_norm - sum(dZ_norm, axis=1) - Z_norm*sum(dZ_norm*Z_norm, axis=1)) / (m*sqrt(var+eps))

    Arguments:
    dZ_tilde -- gradient of the cost with respect to Z_tilde, shape (n, m)
    cache -- the dict returned by batchnorm_forward

    Returns:
    dZ -- gradient with respect to Z, shape (n, m)
    dgamma -- gradient with respect to gamma, shape (n, 1)
    dbeta -- gradient with respect to beta, shape (n, 1)
    """
    Z_norm, var, gamma, epsilon = cache["Z_norm"], cache["var"], cache["gamma"], cache["epsilon"]
    check_same_shape(dZ_tilde, Z_norm, "dZ_tilde", "the forward pass's Z")
    m = dZ_tilde.shape[1]
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True)
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
    dZ_norm = gamma * dZ_tilde
    dZ = (
        m * dZ_norm
        - np.sum(dZ_norm, axis=1, keepdims=True)
        - Z_norm * np.sum(dZ_norm * Z_norm, axis=1, keepdims=True)
    ) / (m * np.sqrt(var + epsilon))
    return dZ, dgamma, dbeta


def update_running_averages(running_mean, running_var, batch_mean, batch_var, momentum=0.9):
    """The statistics kept for test time, exponentially weighted averages over the mini-batches.

    running = momentum * running + (1 - momentum) * batch

    Arguments:
    running_mean, running_var -- the running statistics, shape (n, 1)
    batch_mean, batch_var -- this mini-batch's mu and (biased) var, shape (n, 1)
    momentum -- the averaging weight, like beta in an exponentially weighted average

    Returns:
    running_mean, running_var -- the updated running statistics, shape (n, 1)
    """
    check_same_shape(running_mean, batch_mean, "running_mean", "batch_mean")
    check_same_shape(running_var, batch_var, "running_var", "batch_var")
    running_mean = momentum * running_mean + (1 - momentum) * batch_mean
    running_var = momentum * running_var + (1 - momentum) * batch_var
    return running_mean, running_var


def batchnorm_inference(Z, gamma, beta, running_mean, running_var, epsilon=1e-5):
    """Batch normalisation at test time: normalise with the running statistics, not the batch's.

    Z_tilde = gamma * (Z - running_mean) / sqrt(running_var + epsilon) + beta

    Arguments:
    Z -- pre-activations of shape (n, m); m may be 1 (a single test example)
    gamma, beta -- learned scale and shift, shape (n, 1)
    running_mean, running_var -- statistics kept during training, shape (n, 1)
    epsilon -- added to the variance so that the division is safe

    Returns:
    Z_tilde -- shape (n, m)
    """
    check_batch(Z, gamma, beta)
    check_column_vector(running_mean, Z.shape[0], "running_mean")
    check_column_vector(running_var, Z.shape[0], "running_var")
    Z_norm = (Z - running_mean) / np.sqrt(running_var + epsilon)
    Z_tilde = gamma * Z_norm + beta
    return Z_tilde


def softmax(Z):
    """Column-wise softmax, finite and exact for logits of any magnitude.

    A[c, i] = exp(Z[c, i] - max_c Z[:, i]) / sum_c' exp(Z[c', i] - max_c Z[:, i])

    Arguments:
    Z -- logits of shape (C, m): C classes, m examples

    Returns:
    A -- probabilities of shape (C, m); every column sums to 1
    """
    check_logits(Z, "Z")
    Z_shifted = Z - np.max(Z, axis=0, keepdims=True)
    exp_Z = np.exp(Z_shifted)
    A = exp_Z / np.sum(exp_Z, axis=0, keepdims=True)
    return A


def softmax_cross_entropy_cost(ZL, Y):
    """Mean cross-entropy of softmax(ZL) against one-hot Y, computed from the logits.

    log softmax(ZL) = (ZL - max) - log(sum(exp(ZL - max)))          (log-sum-exp, never overflows)
    cost = -(1/m) * sum over examples and classes of Y * log softmax(ZL)

    Arguments:
    ZL -- logits of shape (C, m)
    Y -- one-hot labels of shape (C, m)

    Returns:
    cost -- a Python float
    """
    check_logits(ZL, "ZL")
    check_same_shape(ZL, Y, "ZL", "Y")
    m = ZL.shape[1]
    Z_shifted = ZL - np.max(ZL, axis=0, keepdims=True)
    log_softmax = Z_shifted - np.log(np.sum(np.exp(Z_shifted), axis=0, keepdims=True))
    cost = -np.sum(Y * log_softmax) / m
    return float(cost)


def softmax_cross_entropy_backward(ZL, Y):
    """Gradient of the mean cross-entropy with respect to the logits: ``(softmax(ZL) - Y) / m``.

    Arguments:
    ZL -- logits of shape (C, m)
    Y -- one-hot labels of shape (C, m)

    Returns:
    dZL -- shape (C, m)
    """
    check_logits(ZL, "ZL")
    check_same_shape(ZL, Y, "ZL", "Y")
    m = ZL.shape[1]
    dZL = (softmax(ZL) - Y) / m
    return dZL


def compute_total_loss(logits, labels):
    """The sum over examples of the categorical cross-entropy, computed from the logits.

    Arguments:
    logits -- tensor of shape (C, m), the output of the last LINEAR unit (before softmax)
    labels -- one-hot tensor of shape (C, m)

    Returns:
    total_loss -- a scalar tensor: sum over the m examples of the cross-entropy with from_logits=True
    """
    total_loss = tf.reduce_sum(
        tf.keras.losses.categorical_crossentropy(
            tf.transpose(labels), tf.transpose(logits), from_logits=True
        )
    )
    return total_loss


def one_hot_matrix(label, C=6):
    """The one-hot encoding of one integer label.

    Arguments:
    label -- an integer class label, 0 <= label < C
    C -- the number of classes

    Returns:
    one_hot -- tensor of shape (C,): 1 at position label, 0 elsewhere
    """
    one_hot = tf.reshape(tf.one_hot(label, C, axis=0), shape=[C])
    return one_hot

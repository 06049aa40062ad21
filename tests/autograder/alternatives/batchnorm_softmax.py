"""Correct implementations of the ``batchnorm_softmax`` exercises that differ from the references.

Each ``<exercise>__<variant>`` must earn full marks. Like the known mistakes, each is self-contained:
the tests rename its ``def`` to the exercise's name and run it in a namespace holding only the
imports of the solution module (``np`` for the NumPy exercises, ``tf`` for the TensorFlow ones) and
the exercises it needs (``softmax``).
"""

import numpy as np

from course_lib.tf import tf
from solutions.batchnorm_softmax import softmax  # what a submission's own softmax stands for here

# ----------------------------------------------------------------------------------------------
# batchnorm_forward
# ----------------------------------------------------------------------------------------------


def batchnorm_forward__np_var_and_bigger_cache(Z, gamma, beta, epsilon=1e-5):
    mu = Z.mean(axis=1, keepdims=True)
    var = Z.var(axis=1, keepdims=True)
    std = np.sqrt(var + epsilon)
    Z_norm = (Z - mu) / std
    Z_tilde = gamma * Z_norm + beta
    cache = {"Z": Z, "Z_norm": Z_norm, "mu": mu, "var": var, "std": std, "gamma": gamma,
             "beta": beta, "epsilon": epsilon}
    return Z_tilde, cache


def batchnorm_forward__loop_over_units(Z, gamma, beta, epsilon=1e-5):
    n, m = Z.shape
    mu = np.zeros((n, 1))
    var = np.zeros((n, 1))
    Z_norm = np.zeros((n, m))
    for i in range(n):
        mu[i, 0] = sum(Z[i, j] for j in range(m)) / m
        var[i, 0] = sum((Z[i, j] - mu[i, 0]) ** 2 for j in range(m)) / m
        Z_norm[i, :] = (Z[i, :] - mu[i, 0]) / np.sqrt(var[i, 0] + epsilon)
    Z_tilde = gamma * Z_norm + beta
    return Z_tilde, {"Z_norm": Z_norm, "mu": mu, "var": var, "gamma": gamma, "epsilon": epsilon}


def batchnorm_forward__einsum_and_inverse_std(Z, gamma, beta, epsilon=1e-5):
    m = Z.shape[1]
    mu = np.einsum("ij->i", Z)[:, None] / m
    centred = Z - mu
    var = np.einsum("ij,ij->i", centred, centred)[:, None] / m
    inv_std = (var + epsilon) ** -0.5
    Z_norm = centred * inv_std
    Z_tilde = Z_norm * gamma + beta
    return Z_tilde, dict(mu=mu, var=var, Z_norm=Z_norm, gamma=gamma, epsilon=epsilon)


# ----------------------------------------------------------------------------------------------
# batchnorm_backward
# ----------------------------------------------------------------------------------------------


def batchnorm_backward__computational_graph(dZ_tilde, cache):
    Z_norm, var, gamma, epsilon = cache["Z_norm"], cache["var"], cache["gamma"], cache["epsilon"]
    m = dZ_tilde.shape[1]
    std = np.sqrt(var + epsilon)
    centred = Z_norm * std
    dbeta = dZ_tilde.sum(axis=1, keepdims=True)
    dgamma = (dZ_tilde * Z_norm).sum(axis=1, keepdims=True)
    dZ_norm = gamma * dZ_tilde
    dcentred = dZ_norm / std
    dstd = -np.sum(dZ_norm * centred, axis=1, keepdims=True) / std**2
    dvar = 0.5 * dstd / std
    dcentred = dcentred + 2.0 * centred * dvar / m
    dmu = -np.sum(dcentred, axis=1, keepdims=True)
    dZ = dcentred + dmu / m
    return dZ, dgamma, dbeta


def batchnorm_backward__means(dZ_tilde, cache):
    Z_norm = cache["Z_norm"]
    dZ_norm = cache["gamma"] * dZ_tilde
    dZ = (
        dZ_norm
        - dZ_norm.mean(axis=1, keepdims=True)
        - Z_norm * (dZ_norm * Z_norm).mean(axis=1, keepdims=True)
    ) / np.sqrt(cache["var"] + cache["epsilon"])
    return dZ, np.sum(dZ_tilde * Z_norm, axis=1)[:, None], np.sum(dZ_tilde, axis=1)[:, None]


def batchnorm_backward__loop_over_units(dZ_tilde, cache):
    Z_norm, var, gamma, epsilon = cache["Z_norm"], cache["var"], cache["gamma"], cache["epsilon"]
    n, m = dZ_tilde.shape
    dZ = np.empty((n, m))
    dgamma = np.empty((n, 1))
    dbeta = np.empty((n, 1))
    for i in range(n):
        g = gamma[i, 0] * dZ_tilde[i]
        z = Z_norm[i]
        dZ[i] = (m * g - g.sum() - z * np.dot(g, z)) / (m * np.sqrt(var[i, 0] + epsilon))
        dgamma[i, 0] = np.dot(dZ_tilde[i], z)
        dbeta[i, 0] = dZ_tilde[i].sum()
    return dZ, dgamma, dbeta


# ----------------------------------------------------------------------------------------------
# update_running_averages
# ----------------------------------------------------------------------------------------------


def update_running_averages__step_towards_batch(running_mean, running_var, batch_mean, batch_var,
                                                momentum=0.9):
    new_mean = running_mean + (1 - momentum) * (batch_mean - running_mean)
    new_var = running_var + (1 - momentum) * (batch_var - running_var)
    return new_mean, new_var


def update_running_averages__in_place(running_mean, running_var, batch_mean, batch_var,
                                      momentum=0.9):
    running_mean *= momentum
    running_mean += (1 - momentum) * batch_mean
    running_var *= momentum
    running_var += (1 - momentum) * batch_var
    return running_mean, running_var


def update_running_averages__np_average(running_mean, running_var, batch_mean, batch_var,
                                        momentum=0.9):
    weights = [momentum, 1 - momentum]
    mean = np.average(np.hstack([running_mean, batch_mean]), axis=1, weights=weights)
    var = np.average(np.hstack([running_var, batch_var]), axis=1, weights=weights)
    return mean.reshape(-1, 1), var.reshape(-1, 1)


def update_running_averages__loop(running_mean, running_var, batch_mean, batch_var,
                                  momentum=0.9):
    new_mean = np.empty_like(running_mean)
    new_var = np.empty_like(running_var)
    for i in range(running_mean.shape[0]):
        new_mean[i, 0] = momentum * float(running_mean[i, 0]) + (1 - momentum) * batch_mean[i, 0]
        new_var[i, 0] = momentum * float(running_var[i, 0]) + (1 - momentum) * batch_var[i, 0]
    return (new_mean, new_var)


# ----------------------------------------------------------------------------------------------
# batchnorm_inference
# ----------------------------------------------------------------------------------------------


def batchnorm_inference__folded_scale_and_shift(Z, gamma, beta, running_mean, running_var,
                                                epsilon=1e-5):
    scale = gamma / np.sqrt(running_var + epsilon)
    shift = beta - running_mean * scale
    return Z * scale + shift


def batchnorm_inference__loop_over_units(Z, gamma, beta, running_mean, running_var,
                                         epsilon=1e-5):
    Z_tilde = np.zeros(Z.shape)
    for i in range(Z.shape[0]):
        std = (running_var[i, 0] + epsilon) ** 0.5
        Z_tilde[i] = gamma[i, 0] * (Z[i] - running_mean[i, 0]) / std + beta[i, 0]
    return Z_tilde


def batchnorm_inference__np_functions(Z, gamma, beta, running_mean, running_var, epsilon=1e-5):
    Z_norm = np.divide(np.subtract(Z, running_mean), np.sqrt(np.add(running_var, epsilon)))
    return np.add(np.multiply(gamma, Z_norm), beta)


# ----------------------------------------------------------------------------------------------
# softmax
# ----------------------------------------------------------------------------------------------


def softmax__log_sum_exp(Z):
    Z_max = Z.max(axis=0)
    log_sum = Z_max + np.log(np.exp(Z - Z_max).sum(axis=0))
    return np.exp(Z - log_sum)


def softmax__loop_over_examples(Z):
    A = np.empty_like(Z)
    for j in range(Z.shape[1]):
        e = np.exp(Z[:, j] - max(Z[:, j]))
        A[:, j] = e / e.sum()
    return A


def softmax__transposed_einsum(Z):
    rows = Z.T - Z.T.max(axis=1, keepdims=True)
    e = np.exp(rows)
    return (e / np.einsum("ij->i", e)[:, None]).T


# ----------------------------------------------------------------------------------------------
# softmax_cross_entropy_cost
# ----------------------------------------------------------------------------------------------


def softmax_cross_entropy_cost__logaddexp(ZL, Y):
    log_sum = np.logaddexp.reduce(ZL, axis=0)
    return float(np.mean(log_sum - np.sum(Y * ZL, axis=0)))


def softmax_cross_entropy_cost__loop_with_labels(ZL, Y):
    total = 0.0
    m = ZL.shape[1]
    for j in range(m):
        z = ZL[:, j]
        z_max = z.max()
        log_sum = z_max + np.log(np.sum(np.exp(z - z_max)))
        total += log_sum - z[np.argmax(Y[:, j])]
    return total / m  # a NumPy float64 rather than a Python float


def softmax_cross_entropy_cost__einsum(ZL, Y):
    shifted = ZL - ZL.max(axis=0, keepdims=True)
    log_softmax = shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))
    return -np.einsum("cm,cm->", Y, log_softmax) / ZL.shape[1]


# ----------------------------------------------------------------------------------------------
# softmax_cross_entropy_backward
# ----------------------------------------------------------------------------------------------


def softmax_cross_entropy_backward__times_inverse_m(ZL, Y):
    return (1.0 / ZL.shape[1]) * (softmax(ZL) - Y)


def softmax_cross_entropy_backward__own_log_softmax(ZL, Y):
    shifted = ZL - np.max(ZL, axis=0)
    log_softmax = shifted - np.log(np.sum(np.exp(shifted), axis=0))
    return (np.exp(log_softmax) - Y) / ZL.shape[1]


def softmax_cross_entropy_backward__loop(ZL, Y):
    C, m = ZL.shape
    dZL = np.zeros((C, m))
    for j in range(m):
        e = np.exp(ZL[:, j] - ZL[:, j].max())
        dZL[:, j] = (e / e.sum() - Y[:, j]) / m
    return dZL


# ----------------------------------------------------------------------------------------------
# compute_total_loss (TensorFlow)
# ----------------------------------------------------------------------------------------------


def compute_total_loss__tf_nn_with_axis_0(logits, labels):
    losses = tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits, axis=0)
    return tf.reduce_sum(losses)


def compute_total_loss__log_softmax(logits, labels):
    return -tf.reduce_sum(labels * tf.nn.log_softmax(logits, axis=0))


def compute_total_loss__keras_loss_object(logits, labels):
    loss = tf.keras.losses.CategoricalCrossentropy(from_logits=True, reduction="sum")
    return loss(tf.transpose(labels), tf.transpose(logits))


def compute_total_loss__reduce_logsumexp(logits, labels):
    per_example = tf.reduce_logsumexp(logits, axis=0) - tf.reduce_sum(labels * logits, axis=0)
    return tf.reduce_sum(per_example)


# ----------------------------------------------------------------------------------------------
# one_hot_matrix (TensorFlow)
# ----------------------------------------------------------------------------------------------


def one_hot_matrix__plain_one_hot(label, C=6):
    return tf.one_hot(label, depth=C)


def one_hot_matrix__row_of_identity(label, C=6):
    return tf.gather(tf.eye(C), label)


def one_hot_matrix__compare_with_range(label, C=6):
    return tf.cast(tf.equal(tf.range(C), label), tf.float32)


def one_hot_matrix__scatter(label, C=6):
    return tf.scatter_nd([[label]], [1.0], [C])

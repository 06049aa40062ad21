"""Reference solutions for the assignment ``optimization_methods`` (course week 2).

Each function reads like its formula in the notebook. The lines between ``### BEGIN SOLUTION`` and
``### END SOLUTION`` are the student's part; the signature, docstring, input checks and return are
given in the student's stub. The notebooks and the stubs are generated from this file.

Conventions: ``parameters`` holds ``W1, b1, ..., WL, bL`` with ``W[l]`` of shape ``(n[l], n[l-1])``
and ``b[l]`` of shape ``(n[l], 1)``; ``grads``, ``v`` and ``s`` hold ``dW1, db1, ...`` with the same
shapes. Updates may change the dicts in place and also return them.
"""

import math

import numpy as np

from course_lib.validation import (
    check_matches_parameters,
    check_positive_int,
    check_same_columns,
    num_layers,
)


def update_parameters_with_gd(parameters, grads, learning_rate):
    """One step of gradient descent: ``W = W - a*dW`` and ``b = b - a*db`` for every layer.

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"; W[l] of shape (n[l], n[l-1]), b[l] (n[l], 1)
    grads -- dict with "dW1", "db1", ..., shaped like the parameters
    learning_rate -- the step size a, a float

    Returns:
    parameters -- the updated dict
    """
    L = check_matches_parameters(parameters, grads, "grads")
    for l in range(1, L + 1):
        for p in ("W", "b"):
            ### BEGIN SOLUTION
            parameters[f"{p}{l}"] = parameters[f"{p}{l}"] - learning_rate * grads[f"d{p}{l}"]
            ### END SOLUTION
    return parameters


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """Shuffle the examples of (X, Y) together and cut them into mini-batches.

    Arguments:
    X -- input data of shape (n_x, m), one example per column
    Y -- labels of shape (k, m), any number of rows k, same columns as X
    mini_batch_size -- number of examples per mini-batch, a whole number >= 1
    seed -- seed of the global NumPy stream, so that the shuffle is reproducible

    Returns:
    mini_batches -- list of (mini_batch_X, mini_batch_Y): floor(m / mini_batch_size) full batches of
                    shapes (n_x, mini_batch_size) and (k, mini_batch_size), then one smaller batch
                    with the m % mini_batch_size remaining examples if that is not zero
    """
    check_positive_int(mini_batch_size, "mini_batch_size")
    m = check_same_columns(X, Y)
    np.random.seed(seed)
    mini_batches = []
    ### BEGIN SOLUTION
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation]

    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(num_complete_minibatches):
        mini_batch_X = shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batches.append((mini_batch_X, mini_batch_Y))

    if m % mini_batch_size != 0:
        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size :]
        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size :]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    ### END SOLUTION
    return mini_batches


def exponentially_weighted_average(thetas, beta, bias_correction=False):
    """Exponentially weighted averages ``v_t = beta*v_{t-1} + (1-beta)*theta_t``, from ``v_0 = 0``.

    Arguments:
    thetas -- array of shape (T, ...): theta_1, ..., theta_T along the first axis
    beta -- the averaging weight, 0 <= beta < 1 (averages over about 1/(1-beta) values)
    bias_correction -- if True, return v_t / (1 - beta**t) instead of v_t

    Returns:
    averages -- array with the shape of thetas: v_1, ..., v_T (or their bias-corrected values)
    """
    thetas = np.asarray(thetas, dtype=np.float64)
    if thetas.ndim < 1:
        raise ValueError("thetas must have at least one axis (the time steps 1..T)")
    if not 0 <= beta < 1:
        raise ValueError(f"beta must satisfy 0 <= beta < 1, got {beta}")
    v = np.zeros(thetas.shape[1:])
    averages = np.zeros_like(thetas)
    for t in range(1, thetas.shape[0] + 1):
        ### BEGIN SOLUTION
        v = beta * v + (1 - beta) * thetas[t - 1]
        if bias_correction:
            averages[t - 1] = v / (1 - beta**t)
        else:
            averages[t - 1] = v
        ### END SOLUTION
    return averages


def initialize_velocity(parameters):
    """Momentum's velocity: zeros shaped like each parameter.

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"

    Returns:
    v -- dict with "dW1", "db1", ..., "dWL", "dbL": v["dW{l}"] = zeros shaped like W{l}, same for b
    """
    L = num_layers(parameters)
    v = {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            ### BEGIN SOLUTION
            v[f"d{p}{l}"] = np.zeros_like(parameters[f"{p}{l}"], dtype=np.float64)
            ### END SOLUTION
    return v


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """One step of momentum: ``v = beta*v + (1-beta)*dW``, then ``W = W - a*v`` (same for b).

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"
    grads -- dict with "dW1", "db1", ..., shaped like the parameters
    v -- the velocity, dict with "dW1", "db1", ..., shaped like the parameters
    beta -- the momentum hyperparameter, a float in [0, 1)
    learning_rate -- the step size a, a float

    Returns:
    parameters -- the updated parameters
    v -- the updated velocity
    """
    L = check_matches_parameters(parameters, grads, "grads")
    check_matches_parameters(parameters, v, "v")
    for l in range(1, L + 1):
        for p in ("W", "b"):
            ### BEGIN SOLUTION
            v[f"d{p}{l}"] = beta * v[f"d{p}{l}"] + (1 - beta) * grads[f"d{p}{l}"]
            parameters[f"{p}{l}"] = parameters[f"{p}{l}"] - learning_rate * v[f"d{p}{l}"]
            ### END SOLUTION
    return parameters, v


def initialize_rmsprop(parameters):
    """RMSProp's running average of squared gradients: zeros shaped like each parameter.

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"

    Returns:
    s -- dict with "dW1", "db1", ..., "dWL", "dbL", zeros shaped like the parameters
    """
    L = num_layers(parameters)
    s = {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            ### BEGIN SOLUTION
            s[f"d{p}{l}"] = np.zeros_like(parameters[f"{p}{l}"], dtype=np.float64)
            ### END SOLUTION
    return s


def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    """One step of RMSProp: ``s = beta2*s + (1-beta2)*dW**2``, ``W = W - a*dW/(sqrt(s) + eps)``.

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"
    grads -- dict with "dW1", "db1", ..., shaped like the parameters
    s -- running average of the squared gradients, dict shaped like grads
    beta2 -- the averaging weight of s, a float in [0, 1)
    learning_rate -- the step size a, a float
    epsilon -- added to sqrt(s) (outside the square root) so that the division is safe

    Returns:
    parameters -- the updated parameters
    s -- the updated running average of squared gradients
    """
    L = check_matches_parameters(parameters, grads, "grads")
    check_matches_parameters(parameters, s, "s")
    for l in range(1, L + 1):
        for p in ("W", "b"):
            ### BEGIN SOLUTION
            s[f"d{p}{l}"] = beta2 * s[f"d{p}{l}"] + (1 - beta2) * grads[f"d{p}{l}"] ** 2
            parameters[f"{p}{l}"] = parameters[f"{p}{l}"] - learning_rate * grads[f"d{p}{l}"] / (
                np.sqrt(s[f"d{p}{l}"]) + epsilon
            )
            ### END SOLUTION
    return parameters, s


def initialize_adagrad(parameters):
    """AdaGrad's accumulator h of squared gradients: zeros shaped like each parameter.

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"; W[l] of shape (n[l], n[l-1]), b[l] (n[l], 1)

    Returns:
    h -- dict with "dW1", "db1", ..., "dWL", "dbL", zeros shaped like the parameters
    """
    L = num_layers(parameters)
    h = {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            ### BEGIN SOLUTION
            h[f"d{p}{l}"] = np.zeros_like(parameters[f"{p}{l}"], dtype=np.float64)
            ### END SOLUTION
    return h


def update_parameters_with_adagrad(parameters, grads, h, learning_rate, epsilon=1e-7):
    """One step of AdaGrad: ``h = h + dW**2``, ``W = W - a*dW/(sqrt(h) + eps)``, element-wise.

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"; W[l] of shape (n[l], n[l-1]), b[l] (n[l], 1)
    grads -- dict with "dW1", "db1", ..., shaped like the parameters
    h -- the sum of every squared gradient so far, dict shaped like grads (zeros before step 1)
    learning_rate -- the step size a, a float
    epsilon -- added to sqrt(h) (outside the square root) so that the division is safe

    Returns:
    parameters -- the updated parameters
    h -- the updated sum of squared gradients
    """
    L = check_matches_parameters(parameters, grads, "grads")
    check_matches_parameters(parameters, h, "h")
    for l in range(1, L + 1):
        for p in ("W", "b"):
            ### BEGIN SOLUTION
            h[f"d{p}{l}"] = h[f"d{p}{l}"] + grads[f"d{p}{l}"] ** 2
            parameters[f"{p}{l}"] = parameters[f"{p}{l}"] - learning_rate * grads[f"d{p}{l}"] / (
                np.sqrt(h[f"d{p}{l}"]) + epsilon
            )
            ### END SOLUTION
    return parameters, h


def initialize_adam(parameters):
    """Adam's two moment estimates: v (of the gradients) and s (of their squares), all zeros.

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"

    Returns:
    v -- dict with "dW1", "db1", ..., zeros shaped like the parameters
    s -- dict with "dW1", "db1", ..., zeros shaped like the parameters
    """
    L = num_layers(parameters)
    v = {}
    s = {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            ### BEGIN SOLUTION
            v[f"d{p}{l}"] = np.zeros_like(parameters[f"{p}{l}"], dtype=np.float64)
            s[f"d{p}{l}"] = np.zeros_like(parameters[f"{p}{l}"], dtype=np.float64)
            ### END SOLUTION
    return v, s


def update_parameters_with_adam(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    """One step of Adam, with bias correction.

    v = beta1*v + (1-beta1)*dW            v_corrected = v / (1 - beta1**t)
    s = beta2*s + (1-beta2)*dW**2         s_corrected = s / (1 - beta2**t)
    W = W - a * v_corrected / (sqrt(s_corrected) + epsilon)          (same for b)

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"
    grads -- dict with "dW1", "db1", ..., shaped like the parameters
    v, s -- Adam's moment estimates, dicts shaped like grads
    t -- the step count, 1 on the first step (used as given)
    learning_rate -- the step size a
    beta1, beta2 -- the averaging weights of v and s
    epsilon -- added to sqrt(s_corrected), outside the square root

    Returns:
    parameters -- the updated parameters
    v, s -- the updated moment estimates
    v_corrected, s_corrected -- dicts with the bias-corrected estimates of this step
    """
    L = check_matches_parameters(parameters, grads, "grads")
    check_matches_parameters(parameters, v, "v")
    check_matches_parameters(parameters, s, "s")
    check_positive_int(t, "t (the step count, 1 on the first step)")
    v_corrected = {}
    s_corrected = {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            ### BEGIN SOLUTION
            g = f"d{p}{l}"
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            v_corrected[g] = v[g] / (1 - beta1**t)
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            s_corrected[g] = s[g] / (1 - beta2**t)
            parameters[f"{p}{l}"] = parameters[f"{p}{l}"] - learning_rate * v_corrected[g] / (
                np.sqrt(s_corrected[g]) + epsilon
            )
            ### END SOLUTION
    return parameters, v, s, v_corrected, s_corrected


def update_lr(learning_rate0, epoch_num, decay_rate):
    """Inverse-time decay: ``a = a0 / (1 + decay_rate * epoch_num)``.

    Arguments:
    learning_rate0 -- the initial learning rate a0
    epoch_num -- the epoch number, 0 for the first epoch
    decay_rate -- how fast the rate decays

    Returns:
    learning_rate -- the decayed learning rate, a float
    """
    ### BEGIN SOLUTION
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)
    ### END SOLUTION
    return learning_rate


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    """Inverse-time decay in steps: ``a = a0 / (1 + decay_rate * floor(epoch_num / time_interval))``.

    Arguments:
    learning_rate0 -- the initial learning rate a0
    epoch_num -- the epoch number, 0 for the first epoch
    decay_rate -- how fast the rate decays
    time_interval -- the rate changes once every time_interval epochs

    Returns:
    learning_rate -- the decayed learning rate, a float
    """
    check_positive_int(time_interval, "time_interval")
    ### BEGIN SOLUTION
    learning_rate = learning_rate0 / (1 + decay_rate * math.floor(epoch_num / time_interval))
    ### END SOLUTION
    return learning_rate


def exponential_lr_decay(learning_rate0, epoch_num, base=0.95):
    """Exponential decay: ``a = base**epoch_num * a0``.

    Arguments:
    learning_rate0 -- the initial learning rate a0
    epoch_num -- the epoch number, 0 for the first epoch
    base -- the factor applied once per epoch, 0 < base <= 1

    Returns:
    learning_rate -- the decayed learning rate, a float
    """
    ### BEGIN SOLUTION
    learning_rate = base**epoch_num * learning_rate0
    ### END SOLUTION
    return learning_rate


def sqrt_lr_decay(learning_rate0, epoch_num, k=1.0):
    """Square-root decay: ``a = k / sqrt(epoch_num) * a0``, defined for ``epoch_num >= 1``.

    Arguments:
    learning_rate0 -- the initial learning rate a0
    epoch_num -- the epoch number, at least 1 (1/sqrt(0) is infinite)
    k -- a constant factor

    Returns:
    learning_rate -- the decayed learning rate, a float
    """
    if epoch_num < 1:
        raise ValueError(
            f"sqrt_lr_decay is defined for epoch_num >= 1 (k / sqrt(0) is infinite); got {epoch_num}"
        )
    ### BEGIN SOLUTION
    learning_rate = k / math.sqrt(epoch_num) * learning_rate0
    ### END SOLUTION
    return learning_rate

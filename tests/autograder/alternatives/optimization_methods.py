"""Correct implementations of the ``optimization_methods`` exercises, written differently.

Each ``<exercise>__<variant>`` must earn full marks: the tests run it on every case and check that it
agrees with the reference within the exercise's tolerance. Like the known mistakes, each one is
self-contained (only ``math`` and ``np``), so that it can be transplanted into a submission.
"""

import math

import numpy as np

# --- update_parameters_with_gd ---------------------------------------------------------------


def update_parameters_with_gd__new_dict(parameters, grads, learning_rate):
    return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}


def update_parameters_with_gd__in_place(parameters, grads, learning_rate):
    for key in parameters:
        parameters[key] -= learning_rate * grads["d" + key]
    return parameters


def update_parameters_with_gd__zero_based_loop(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * grads[
            "dW" + str(l + 1)]
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * grads[
            "db" + str(l + 1)]
    return parameters


# --- random_mini_batches ---------------------------------------------------------------------


def random_mini_batches__step_loop(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = np.random.permutation(m)
    shuffled_X, shuffled_Y = X[:, permutation], Y[:, permutation]
    return [
        (shuffled_X[:, start : start + mini_batch_size], shuffled_Y[:, start : start + mini_batch_size])
        for start in range(0, m, mini_batch_size)
    ]


def random_mini_batches__array_split(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = np.random.permutation(m)
    cuts = list(range(mini_batch_size, m, mini_batch_size))
    X_parts = np.split(np.take(X, permutation, axis=1), cuts, axis=1)
    Y_parts = np.split(np.take(Y, permutation, axis=1), cuts, axis=1)
    return list(zip(X_parts, Y_parts))


def random_mini_batches__integer_division(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((Y.shape[0], m))
    mini_batches = []
    full = m // mini_batch_size
    for k in range(full):
        batch = slice(k * mini_batch_size, (k + 1) * mini_batch_size)
        mini_batches.append((shuffled_X[:, batch], shuffled_Y[:, batch]))
    if full * mini_batch_size < m:
        mini_batches.append((shuffled_X[:, full * mini_batch_size : m],
                             shuffled_Y[:, full * mini_batch_size : m]))
    return mini_batches


# --- exponentially_weighted_average ----------------------------------------------------------


def exponentially_weighted_average__closed_form(thetas, beta, bias_correction=False):
    thetas = np.asarray(thetas, dtype=np.float64)
    T = thetas.shape[0]
    t = np.arange(1, T + 1)
    lag = t[:, None] - t[None, :]
    weights = np.where(lag >= 0, (1 - beta) * beta ** np.maximum(lag, 0), 0.0)
    averages = np.tensordot(weights, thetas, axes=1)
    if bias_correction:
        averages = averages / (1 - beta**t).reshape((T,) + (1,) * (thetas.ndim - 1))
    return averages


def exponentially_weighted_average__list_stack(thetas, beta, bias_correction=False):
    v = 0.0
    values = []
    beta_power = 1.0
    for theta in thetas:
        v = beta * v + (1 - beta) * theta
        beta_power = beta_power * beta
        values.append(v / (1 - beta_power) if bias_correction else v)
    return np.array(values, dtype=np.float64)


def exponentially_weighted_average__difference_form(thetas, beta, bias_correction=False):
    thetas = np.asarray(thetas, dtype=np.float64)
    v = np.zeros(thetas.shape[1:])
    averages = np.empty_like(thetas)
    for i in range(len(thetas)):
        v = v - (1 - beta) * (v - thetas[i])
        averages[i] = v / (1 - math.pow(beta, i + 1)) if bias_correction else v
    return averages


# --- initialize_velocity, initialize_rmsprop, initialize_adam ---------------------------------


def initialize_velocity__dict_comprehension(parameters):
    return {"d" + key: np.zeros_like(value) for key, value in parameters.items()}


def initialize_velocity__zeros_from_shape(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros((parameters["b" + str(l)].shape[0], 1))
    return v


def initialize_velocity__times_zero(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(L):
        for p in ("W", "b"):
            v[f"d{p}{l + 1}"] = 0.0 * parameters[f"{p}{l + 1}"]
    return v


def initialize_rmsprop__dict_comprehension(parameters):
    return {"d" + key: np.zeros_like(value) for key, value in parameters.items()}


def initialize_rmsprop__zeros_from_shape(parameters):
    L = len(parameters) // 2
    s = {}
    for l in range(1, L + 1):
        s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        s["db" + str(l)] = np.zeros((parameters["b" + str(l)].shape[0], 1))
    return s


def initialize_rmsprop__full(parameters):
    L = len(parameters) // 2
    s = {}
    for l in range(L):
        for p in ("W", "b"):
            s[f"d{p}{l + 1}"] = np.full(parameters[f"{p}{l + 1}"].shape, 0.0)
    return s


def initialize_adam__dict_comprehensions(parameters):
    v = {"d" + key: np.zeros_like(value) for key, value in parameters.items()}
    s = {"d" + key: np.zeros_like(value) for key, value in parameters.items()}
    return v, s


def initialize_adam__copy_of_v(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    s = {key: value.copy() for key, value in v.items()}
    return v, s


def initialize_adam__list_of_keys(parameters):
    keys = [p + str(l) for l in range(1, len(parameters) // 2 + 1) for p in ("W", "b")]
    v = {"d" + key: np.zeros(parameters[key].shape, dtype=np.float64) for key in keys}
    s = {"d" + key: np.zeros(parameters[key].shape, dtype=np.float64) for key in keys}
    return (v, s)


# --- update_parameters_with_momentum ---------------------------------------------------------


def update_parameters_with_momentum__new_dicts(parameters, grads, v, beta, learning_rate):
    new_v = {key: beta * v[key] + (1 - beta) * grads[key] for key in v}
    new_parameters = {key: value - learning_rate * new_v["d" + key]
                      for key, value in parameters.items()}
    return new_parameters, new_v


def update_parameters_with_momentum__in_place(parameters, grads, v, beta, learning_rate):
    for key in parameters:
        v["d" + key] *= beta
        v["d" + key] += (1 - beta) * grads["d" + key]
        parameters[key] -= learning_rate * v["d" + key]
    return parameters, v


def update_parameters_with_momentum__lerp(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(L):
        for p in ("W", "b"):
            g = f"d{p}{l + 1}"
            v[g] = v[g] + (1 - beta) * (grads[g] - v[g])
            parameters[f"{p}{l + 1}"] = parameters[f"{p}{l + 1}"] - learning_rate * v[g]
    return parameters, v


# --- update_parameters_with_rmsprop ----------------------------------------------------------


def update_parameters_with_rmsprop__new_dicts(parameters, grads, s, beta2, learning_rate,
                                              epsilon=1e-8):
    new_s = {key: beta2 * s[key] + (1 - beta2) * np.square(grads[key]) for key in s}
    new_parameters = {
        key: value - learning_rate * grads["d" + key] / (np.sqrt(new_s["d" + key]) + epsilon)
        for key, value in parameters.items()
    }
    return new_parameters, new_s


def update_parameters_with_rmsprop__two_loops(parameters, grads, s, beta2, learning_rate,
                                              epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            s["d" + p + str(l)] = beta2 * s["d" + p + str(l)] + (1 - beta2) * (
                grads["d" + p + str(l)] * grads["d" + p + str(l)])
    for l in range(1, L + 1):
        for p in ("W", "b"):
            step = grads["d" + p + str(l)] / (s["d" + p + str(l)] ** 0.5 + epsilon)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * step
    return parameters, s


def update_parameters_with_rmsprop__in_place(parameters, grads, s, beta2, learning_rate,
                                             epsilon=1e-8):
    for key in parameters:
        g = grads["d" + key]
        s["d" + key] *= beta2
        s["d" + key] += (1 - beta2) * g**2
        parameters[key] -= learning_rate * g / (np.sqrt(s["d" + key]) + epsilon)
    return parameters, s


# --- update_parameters_with_adam -------------------------------------------------------------


def update_parameters_with_adam__new_dicts(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    v = {key: beta1 * v[key] + (1 - beta1) * grads[key] for key in v}
    s = {key: beta2 * s[key] + (1 - beta2) * grads[key] ** 2 for key in s}
    v_corrected = {key: value / (1 - beta1**t) for key, value in v.items()}
    s_corrected = {key: value / (1 - beta2**t) for key, value in s.items()}
    parameters = {
        key: value - learning_rate * v_corrected["d" + key]
        / (np.sqrt(s_corrected["d" + key]) + epsilon)
        for key, value in parameters.items()
    }
    return parameters, v, s, v_corrected, s_corrected


def update_parameters_with_adam__math_pow(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    correction1 = 1.0 - math.pow(beta1, t)
    correction2 = 1.0 - math.pow(beta2, t)
    for l in range(1, L + 1):
        for p in ("W", "b"):
            g = f"d{p}{l}"
            v[g] = beta1 * v[g] + (1.0 - beta1) * grads[g]
            s[g] = beta2 * s[g] + (1.0 - beta2) * np.power(grads[g], 2)
            v_corrected[g] = v[g] / correction1
            s_corrected[g] = s[g] / correction2
            parameters[f"{p}{l}"] = parameters[f"{p}{l}"] - learning_rate * v_corrected[g] / (
                np.power(s_corrected[g], 0.5) + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def update_parameters_with_adam__keras_form(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    # Keras's algebra: lr_t = a*sqrt(1-b2**t)/(1-b1**t) and epsilon scaled by sqrt(1-b2**t).
    lr_t = learning_rate * np.sqrt(1 - beta2**t) / (1 - beta1**t)
    epsilon_hat = epsilon * np.sqrt(1 - beta2**t)
    v_corrected, s_corrected = {}, {}
    for key in parameters:
        g = "d" + key
        v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
        s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
        v_corrected[g] = v[g] / (1 - beta1**t)
        s_corrected[g] = s[g] / (1 - beta2**t)
        parameters[key] = parameters[key] - lr_t * v[g] / (np.sqrt(s[g]) + epsilon_hat)
    return parameters, v, s, v_corrected, s_corrected


# --- learning-rate decay ---------------------------------------------------------------------


def update_lr__numpy_scalar(learning_rate0, epoch_num, decay_rate):
    return np.float64(learning_rate0) / (1.0 + np.float64(decay_rate) * epoch_num)


def update_lr__reciprocal(learning_rate0, epoch_num, decay_rate):
    factor = 1.0 / (1.0 + decay_rate * epoch_num)
    return learning_rate0 * factor


def update_lr__float(learning_rate0, epoch_num, decay_rate):
    return float(learning_rate0 / (decay_rate * epoch_num + 1))


def schedule_lr_decay__floor_division(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * (epoch_num // time_interval))


def schedule_lr_decay__np_floor(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))


def schedule_lr_decay__int(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    intervals = int(epoch_num / time_interval)
    return learning_rate0 * (1.0 / (1.0 + decay_rate * intervals))


def exponential_lr_decay__math_pow(learning_rate0, epoch_num, base=0.95):
    return learning_rate0 * math.pow(base, epoch_num)


def exponential_lr_decay__np_power(learning_rate0, epoch_num, base=0.95):
    return np.power(np.float64(base), epoch_num) * learning_rate0


def exponential_lr_decay__exp_of_log(learning_rate0, epoch_num, base=0.95):
    return learning_rate0 * math.exp(epoch_num * math.log(base))


def sqrt_lr_decay__power_half(learning_rate0, epoch_num, k=1.0):
    return k * learning_rate0 / epoch_num**0.5


def sqrt_lr_decay__np_sqrt(learning_rate0, epoch_num, k=1.0):
    return np.float64(k) / np.sqrt(epoch_num) * learning_rate0


def sqrt_lr_decay__negative_power(learning_rate0, epoch_num, k=1.0):
    return learning_rate0 * k * math.pow(epoch_num, -0.5)


# --- initialize_adagrad -----------------------------------------------------------------------------


def initialize_adagrad__dict_comprehension(parameters):
    return {"d" + key: np.zeros_like(value) for key, value in parameters.items()}


def initialize_adagrad__zeros_from_shape(parameters):
    L = len(parameters) // 2
    h = {}
    for l in range(1, L + 1):
        h["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        h["db" + str(l)] = np.zeros((parameters["b" + str(l)].shape[0], 1))
    return h


def initialize_adagrad__times_zero(parameters):
    L = len(parameters) // 2
    h = {}
    for l in range(L):
        for p in ("W", "b"):
            h[f"d{p}{l + 1}"] = 0.0 * parameters[f"{p}{l + 1}"]
    return h


# --- update_parameters_with_adagrad -----------------------------------------------------------------


def update_parameters_with_adagrad__new_dicts(parameters, grads, h, learning_rate, epsilon=1e-7):
    new_h = {key: h[key] + np.square(grads[key]) for key in h}
    new_parameters = {
        key: value - learning_rate * grads["d" + key] / (np.sqrt(new_h["d" + key]) + epsilon)
        for key, value in parameters.items()
    }
    return new_parameters, new_h


def update_parameters_with_adagrad__two_loops(parameters, grads, h, learning_rate, epsilon=1e-7):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            h["d" + p + str(l)] = h["d" + p + str(l)] + (
                grads["d" + p + str(l)] * grads["d" + p + str(l)])
    for l in range(1, L + 1):
        for p in ("W", "b"):
            step = grads["d" + p + str(l)] / (h["d" + p + str(l)] ** 0.5 + epsilon)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * step
    return parameters, h


def update_parameters_with_adagrad__in_place(parameters, grads, h, learning_rate, epsilon=1e-7):
    for key in parameters:
        g = grads["d" + key]
        h["d" + key] += g**2
        parameters[key] -= learning_rate * g / (np.sqrt(h["d" + key]) + epsilon)
    return parameters, h

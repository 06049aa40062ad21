"""The optimization notebook's training loop, run with the functions the student wrote.

``model`` holds no optimizer of its own: it takes the student's functions from a mapping, usually
the notebook's ``globals()``, so that every update, every mini-batch and every decayed learning rate
comes from the student's code::

    parameters, history = model(train_X, train_Y, [2, 5, 2, 1], "adam", globals())
"""

import sys
import warnings
from collections.abc import Mapping

import numpy as np

from course_lib.network import (
    backward_propagation,
    compute_cost,
    forward_propagation,
    he_initialization,
)
from course_lib.validation import check_positive_int, check_same_columns, student_function

with warnings.catch_warnings():
    # Without ipywidgets tqdm.auto falls back to the text bar with a warning on stderr, which
    # nbgrader would count against the cell.
    warnings.simplefilter("ignore")
    from tqdm.auto import tqdm

OPTIMIZERS = ("gd", "momentum", "rmsprop", "adam", "adagrad")
"""The values of ``model``'s ``optimizer``."""

NEEDS = {
    "gd": ("update_parameters_with_gd",),
    "momentum": ("initialize_velocity", "update_parameters_with_momentum"),
    "rmsprop": ("initialize_rmsprop", "update_parameters_with_rmsprop"),
    "adam": ("initialize_adam", "update_parameters_with_adam"),
    "adagrad": ("initialize_adagrad", "update_parameters_with_adagrad"),  # an optional extra
}
"""The exercise functions each optimizer needs, besides ``random_mini_batches``."""

DECAYS = ("update_lr", "schedule_lr_decay", "exponential_lr_decay", "sqrt_lr_decay")
"""The values of ``model``'s ``decay`` besides None: the names of the decay exercises."""


def _unpack(result, n, name, returns):
    """Check that an update returned the ``n``-tuple its exercise promises."""
    if not isinstance(result, tuple) or len(result) != n:
        raise TypeError(f"{name} must return {returns}; it returned {type(result).__name__}")
    return result


def _decayed(decay_fn, decay, learning_rate0, epoch_num, decay_rate, time_interval):
    """The learning rate after epoch ``epoch_num`` (0 for the first), from the decay exercise."""
    if decay == "update_lr":
        return decay_fn(learning_rate0, epoch_num, decay_rate)
    if decay == "schedule_lr_decay":
        return decay_fn(learning_rate0, epoch_num, decay_rate, time_interval)
    if decay == "exponential_lr_decay":
        return decay_fn(learning_rate0, epoch_num, base=decay_rate)
    return decay_fn(learning_rate0, epoch_num + 1, k=decay_rate)  # sqrt: defined from epoch 1


def model(
    X,
    Y,
    layers_dims,
    optimizer,
    exercises,
    learning_rate=0.0007,
    mini_batch_size=64,
    beta=0.9,
    beta1=0.9,
    beta2=0.999,
    epsilon=1e-8,
    num_epochs=5000,
    decay=None,
    decay_rate=1.0,
    time_interval=1000,
    seed=10,
    print_cost=False,
    progress=True,
):
    """Train the course's network with mini-batches and one of the four optimizers.

    As in the course: He initialisation (seed 3); for every epoch, ``seed = seed + 1`` and
    ``random_mini_batches(X, Y, mini_batch_size, seed)``; for every mini-batch, forward, add
    ``compute_cost`` (a sum) to the epoch's total, backward, update (Adam: ``t = t + 1`` first);
    after the epoch, the average cost ``cost_total / m`` and, with ``decay``, the next epoch's rate.

    Arguments:
    X -- input data of shape (n_x, m)
    Y -- labels 0 or 1, shape (1, m)
    layers_dims -- list [n_x, n[1], ..., 1] of layer sizes, e.g. [2, 5, 2, 1]
    optimizer -- "gd", "momentum", "rmsprop", "adam" or "adagrad" (an optional extra)
    exercises -- mapping from names to the student's functions, e.g. the notebook's ``globals()``;
                 needs random_mini_batches, the optimizer's functions (update_parameters_with_gd;
                 initialize_velocity and update_parameters_with_momentum; initialize_rmsprop and
                 update_parameters_with_rmsprop; initialize_adam and update_parameters_with_adam;
                 initialize_adagrad and update_parameters_with_adagrad)
                 and the decay function named by ``decay``
    learning_rate -- the step size, the initial one a0 when ``decay`` is set
    mini_batch_size -- number of examples per mini-batch
    beta -- momentum's beta
    beta1, beta2, epsilon -- Adam's hyperparameters; RMSProp uses beta2 and epsilon, AdaGrad
                             epsilon
    num_epochs -- number of passes over the training set
    decay -- None, or the name of the decay exercise: "update_lr", "schedule_lr_decay",
             "exponential_lr_decay" or "sqrt_lr_decay"
    decay_rate -- update_lr's and schedule_lr_decay's decay_rate, exponential_lr_decay's base,
                  sqrt_lr_decay's k. After epoch i (0 for the first) the rate becomes
                  update_lr(a0, i, decay_rate), schedule_lr_decay(a0, i, decay_rate, time_interval),
                  exponential_lr_decay(a0, i, base=decay_rate) or sqrt_lr_decay(a0, i + 1, k=...)
    time_interval -- schedule_lr_decay's time_interval
    seed -- the mini-batches of epoch i are drawn with seed + i + 1
    print_cost -- print the average cost (and the learning rate, with decay) every 1000 epochs
    progress -- show a progress bar with the current average cost

    Returns:
    parameters -- the trained dict with "W1", "b1", ..., "WL", "bL"
    history -- dict of three lists, one entry every 100 epochs: "epochs" (0, 100, ...), "costs"
               (the average cost of that epoch) and "learning_rates" (the rate after that epoch,
               the one the course prints)
    """
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {OPTIMIZERS}; got {optimizer!r}")
    if decay is not None and decay not in DECAYS:
        raise ValueError(f"decay must be None or one of {DECAYS}; got {decay!r}")
    if not isinstance(exercises, Mapping):
        raise TypeError(
            "exercises must map names to your functions, e.g. globals(); "
            f"got {type(exercises).__name__}"
        )
    m = check_same_columns(X, Y)
    layers_dims = list(layers_dims)
    if layers_dims[0] != X.shape[0] or layers_dims[-1] != Y.shape[0]:
        raise ValueError(
            f"layers_dims {layers_dims} must start with X's {X.shape[0]} rows (features) and end "
            f"with Y's {Y.shape[0]} row(s); X has shape {X.shape}, Y has shape {Y.shape}"
        )
    if not np.isin(Y, (0, 1)).all():
        raise ValueError(f"Y must hold labels 0 and 1; got the values {np.unique(Y)[:10]}")
    check_positive_int(mini_batch_size, "mini_batch_size")
    check_positive_int(num_epochs, "num_epochs")

    caller = f"model(optimizer={optimizer!r}"
    caller += f", decay={decay!r})" if decay else ")"
    draw_mini_batches = student_function(exercises, "random_mini_batches", caller)
    update_name = NEEDS[optimizer][-1]
    update = student_function(exercises, update_name, caller)
    decay_fn = student_function(exercises, decay, caller) if decay else None

    parameters = he_initialization(layers_dims)
    if optimizer == "momentum":
        v = student_function(exercises, "initialize_velocity", caller)(parameters)
    elif optimizer == "rmsprop":
        s = student_function(exercises, "initialize_rmsprop", caller)(parameters)
    elif optimizer == "adagrad":
        h = student_function(exercises, "initialize_adagrad", caller)(parameters)
    elif optimizer == "adam":
        init = student_function(exercises, "initialize_adam", caller)
        v, s = _unpack(init(parameters), 2, "initialize_adam", "(v, s)")

    learning_rate0 = learning_rate
    t = 0  # Adam's step count
    history = {"epochs": [], "costs": [], "learning_rates": []}
    bar = tqdm(range(num_epochs), disable=not progress, file=sys.stdout, desc=optimizer)
    for i in bar:
        seed = seed + 1
        minibatches = draw_mini_batches(X, Y, mini_batch_size, seed)
        cost_total = 0
        for minibatch_X, minibatch_Y in minibatches:
            a3, cache = forward_propagation(minibatch_X, parameters)
            cost_total += compute_cost(a3, minibatch_Y)
            grads = backward_propagation(minibatch_X, minibatch_Y, cache)
            if optimizer == "gd":
                parameters = update(parameters, grads, learning_rate)
            elif optimizer == "momentum":
                parameters, v = _unpack(
                    update(parameters, grads, v, beta, learning_rate),
                    2,
                    update_name,
                    "(parameters, v)",
                )
            elif optimizer == "rmsprop":
                parameters, s = _unpack(
                    update(parameters, grads, s, beta2, learning_rate, epsilon),
                    2,
                    update_name,
                    "(parameters, s)",
                )
            elif optimizer == "adagrad":
                parameters, h = _unpack(
                    update(parameters, grads, h, learning_rate, epsilon),
                    2,
                    update_name,
                    "(parameters, h)",
                )
            else:
                t = t + 1
                parameters, v, s, _, _ = _unpack(
                    update(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon),
                    5,
                    update_name,
                    "(parameters, v, s, v_corrected, s_corrected)",
                )
            if not isinstance(parameters, dict):
                raise TypeError(
                    f"{update_name} must return the updated parameters dict; "
                    f"got {type(parameters).__name__}"
                )
        cost_avg = cost_total / m
        if decay:
            learning_rate = _decayed(decay_fn, decay, learning_rate0, i, decay_rate, time_interval)

        if progress:
            bar.set_postfix(cost=f"{cost_avg:.6f}", refresh=False)
        if print_cost and i % 1000 == 0:
            _print = bar.write if progress else print
            _print(f"Cost after epoch {i}: {cost_avg:f}")
            if decay:
                _print(f"learning rate after epoch {i}: {learning_rate:f}")
        if i % 100 == 0:
            history["epochs"].append(i)
            history["costs"].append(cost_avg)
            history["learning_rates"].append(learning_rate)
    bar.close()
    return parameters, history

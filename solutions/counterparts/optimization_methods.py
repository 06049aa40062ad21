"""TensorFlow/Keras counterparts of the NumPy exercises of ``optimization_methods``.

Every public function here has exactly the signature of the NumPy exercise of the same name (in
``solutions.optimization_methods``) and returns the same structure: the same tuple layout, the same
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
Optimizers use the float64 raw kernels ``tf.raw_ops.ResourceApply*``: the update rules of the
Keras optimizers with float64 hyperparameters. The ``keras.optimizers`` classes keep their learning
rate in a float32 variable and cast Python-float betas and momentum through float32, so on float64
variables they agree only to about 1e-8 of the step (SGD, momentum) and, with ``beta_2 = 0.999``,
about 1e-5 (Adam: ``sqrt(1 - float32(0.999))`` is 6.4e-6 off); with float32-representable
hyperparameters they agree to rounding.

``update_parameters_with_gd``
    ``ResourceApplyGradientDescent``: ``W -= a*dW``. Exact (bit-identical).
``update_parameters_with_momentum``
    ``ResourceApplyKerasMomentum``, Keras SGD's rule ``m = beta*m - lr*g; W += m``, with
    ``lr = a*(1-beta)`` and ``m = -a*v`` (so ``v = -m/a`` on the way back). Exact to rounding.
    With ``learning_rate == 0`` the parameters cannot move, and ``m = -v`` (``lr = 1-beta``) is used
    to carry the velocity.
``update_parameters_with_rmsprop``
    ``ResourceApplyRMSProp`` (Keras RMSprop's rule, no momentum): ``W -= a*g / sqrt(s + e)``. The
    course divides by ``sqrt(s) + e``. APPROXIMATE: the relative difference of the step is
    ``e*|1 - 1/(sqrt(s) + sqrt(s+e))| / sqrt(s+e)``, about ``e/sqrt(s) + e/(2s)``. Keras's epsilon
    inside the root shifts ``sqrt(s)`` by about ``e/(2*sqrt(s))``, so agreement needs ``e``
    negligible next to ``s`` as well as next to ``sqrt(s)``. ``rmsprop_epsilon_discrepancy`` gives
    that relative difference for a case and ``rmsprop_epsilon_negligible`` says whether it is small.
``update_parameters_with_adam``
    ``ResourceApplyAdam`` with ``beta1_power = beta1**t``, ``beta2_power = beta2**t``. TF uses
    ``lr_t = a*sqrt(1-b2**t)/(1-b1**t)`` and adds its epsilon to the uncorrected ``sqrt(s)``; the
    two agree exactly when TF's epsilon is ``keras_adam_epsilon(e, b2, t) = e*sqrt(1-b2**t)``.
    Exact to rounding. ``v_corrected``, ``s_corrected`` are ``m/(1-b1**t)``, ``v/(1-b2**t)`` of
    TF's state.
``exponentially_weighted_average``
    ``tf.train.ExponentialMovingAverage(decay=beta)`` on a float64 variable that starts at 0. Its
    ``zero_debias`` defaults to False and, in eager mode on a variable, has no effect either way:
    the shadow holds the biased average ``v_t``. The shadow is created equal to the variable's value
    at the first ``apply``, hence the variable starts at 0 (the course's ``v_0 = 0``). Bias
    correction divides by ``1 - beta**t`` (float64, in TF). APPROXIMATE: the class converts
    ``decay`` to float32, so it averages with ``float32(beta)``; ``ewa_decay_error(beta)`` is
    ``|float32(beta) - beta|`` (0 for betas such as 0.5, 0.75, 0.875, 0.9375, where the result is
    exact to rounding) and ``ewa_tolerance(thetas, beta)`` a safe absolute bound.
``update_lr``, ``schedule_lr_decay``, ``exponential_lr_decay``
    ``InverseTimeDecay(a0, decay_steps=1, decay_rate=r)``,
    ``InverseTimeDecay(a0, decay_steps=time_interval, decay_rate=r, staircase=True)``,
    ``ExponentialDecay(a0, decay_steps=1, decay_rate=base)``. A Keras schedule computes in the dtype
    of ``initial_learning_rate``, and Python floats become float32 (and ``decay_rate`` is cast
    through float32 even then), so ``a0`` and the rate are passed as ``np.float64``. Inverse-time
    decay is then exact (bit-identical); exponential decay agrees to a few ulps (TF's ``pow``).
    These functions, and ``sqrt_lr_decay``, also accept an array of epochs and return an array.
``sqrt_lr_decay``
    Keras has no such schedule: ``k / tf.sqrt(epoch) * a0`` with float64 ``tf.math`` ops. Exact.
``random_mini_batches``
    ``np.random.seed(seed)``, ``np.random.permutation(m)`` (the course's stream), ``tf.gather`` of
    the examples in that order, then ``tf.data.Dataset.from_tensor_slices((X.T, Y.T)).batch(size)``;
    each batch is transposed back to ``(n_x, size)``. Identical batches; dtypes are kept (a shuffle
    does no arithmetic).

Initialisers (``initialize_velocity``, ``initialize_rmsprop``, ``initialize_adam``) have no
TensorFlow counterpart: they only make zeros.
"""

import copy

import numpy as np

from course_lib.tf import tf
from course_lib.validation import (
    check_matches_parameters,
    check_positive_int,
    check_same_columns,
    check_same_shape,
)
from solutions.counterparts.tensors import F64, const, f64, keras, out

__all__ = [
    "update_parameters_with_gd",
    "update_parameters_with_momentum",
    "update_parameters_with_rmsprop",
    "update_parameters_with_adam",
    "exponentially_weighted_average",
    "random_mini_batches",
    "update_lr",
    "schedule_lr_decay",
    "exponential_lr_decay",
    "sqrt_lr_decay",
    "keras_adam_epsilon",
    "rmsprop_epsilon_discrepancy",
    "rmsprop_epsilon_negligible",
    "ewa_decay_error",
    "ewa_tolerance",
]


def _var(x):
    """A float64 resource variable holding a copy of ``x``."""
    return tf.Variable(f64(x), dtype=F64)



def _layer_keys(L):
    """``("W1", "dW1"), ("b1", "db1"), ..., ("bL", "dbL")``."""
    for l in range(1, L + 1):
        for p in ("W", "b"):
            yield f"{p}{l}", f"d{p}{l}"


def _copy_dict(d):
    """A new dict with a copy of every entry (the updated entries are replaced by float64 results;
    extra keys of grads, v or s are kept, as the reference does)."""
    return {k: copy.deepcopy(v) for k, v in d.items()}


def _epochs(epoch_num):
    """Epoch number(s) as a float64 tensor, and whether the caller gave a scalar."""
    epochs = np.asarray(epoch_num, dtype=np.float64)
    return tf.constant(epochs, dtype=F64), epochs.ndim == 0


def _rate_out(rate, scalar):
    return float(rate.numpy()) if scalar else out(rate)



def update_parameters_with_gd(parameters, grads, learning_rate):
    """One step of gradient descent, ``W -= a*dW``, by ``tf.raw_ops.ResourceApplyGradientDescent``.

    This is ``keras.optimizers.SGD(learning_rate=a)``'s rule, with the learning rate in float64.
    Exact: bit-identical to ``W - a*dW``.

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"; W[l] (n[l], n[l-1]), b[l] (n[l], 1)
    grads -- dict with "dW1", "db1", ..., shaped like the parameters
    learning_rate -- the step size a, a float

    Returns:
    parameters -- a new dict with the updated parameters (float64)
    """
    L = check_matches_parameters(parameters, grads, "grads")
    alpha = const(learning_rate)
    new_parameters = _copy_dict(parameters)
    for p, g in _layer_keys(L):
        w = _var(parameters[p])
        tf.raw_ops.ResourceApplyGradientDescent(var=w.handle, alpha=alpha, delta=const(grads[g]))
        new_parameters[p] = out(w)
    return new_parameters


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """One step of momentum through Keras SGD's momentum rule (``ResourceApplyKerasMomentum``).

    Keras keeps ``m = beta*m - lr*g; W += m``. With ``lr = a*(1-beta)`` and ``m = -a*v`` this is the
    course's ``v = beta*v + (1-beta)*dW; W -= a*v``, exactly; ``v`` comes back as ``-m/a``. With
    ``a = 0`` the parameters are copied and the velocity carried as ``m = -v`` (``lr = 1-beta``).
    Exact to rounding.

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"
    grads -- dict with "dW1", "db1", ..., shaped like the parameters
    v -- the velocity, dict with "dW1", "db1", ..., shaped like the parameters
    beta -- the momentum hyperparameter, a float in [0, 1)
    learning_rate -- the step size a, a float

    Returns:
    parameters -- a new dict with the updated parameters
    v -- a new dict with the updated velocity
    """
    L = check_matches_parameters(parameters, grads, "grads")
    check_matches_parameters(parameters, v, "v")
    scale = float(learning_rate) if learning_rate != 0 else 1.0
    lr = const(scale * (1 - beta))
    momentum = const(beta)
    new_parameters = _copy_dict(parameters)
    new_v = _copy_dict(v)
    for p, g in _layer_keys(L):
        w = _var(parameters[p])
        m = _var(-scale * f64(v[g]))
        tf.raw_ops.ResourceApplyKerasMomentum(
            var=w.handle, accum=m.handle, lr=lr, grad=const(grads[g]), momentum=momentum
        )
        new_parameters[p] = out(w) if learning_rate != 0 else f64(parameters[p])
        new_v[g] = out(-m.read_value() / scale)
    return new_parameters, new_v


def rmsprop_epsilon_discrepancy(grads, s, beta2, epsilon=1e-8):
    """How far Keras's RMSProp step is from the course's, relatively, for one step of this case.

    With ``s' = beta2*s + (1-beta2)*dW**2`` the course divides by ``sqrt(s') + e`` and Keras by
    ``sqrt(s' + e)``; the relative difference of the steps is
    ``e*|1 - 1/(sqrt(s') + sqrt(s'+e))| / sqrt(s'+e)`` (about ``e/sqrt(s') + e/(2s')``), taken over
    the entries whose gradient is not zero (a zero gradient gives a zero step in both).

    Arguments:
    grads -- dict with "dW1", "db1", ...
    s -- RMSProp's state before the step, dict shaped like grads
    beta2 -- the averaging weight of s
    epsilon -- the course's epsilon

    Returns:
    discrepancy -- the largest relative difference of the step, a float (0.0 if every dW is 0)
    """
    worst = 0.0
    for g in grads:
        if g not in s:
            raise ValueError(f"s has no {g!r} but grads has; s keys: {sorted(s)}")
        check_same_shape(grads[g], s[g], f"grads[{g!r}]", f"s[{g!r}]")
        dW = f64(grads[g])
        s_new = beta2 * f64(s[g]) + (1 - beta2) * dW**2
        root = np.sqrt(s_new + epsilon)
        rel = epsilon * np.abs(1 - 1 / (np.sqrt(s_new) + root)) / root
        rel = rel[dW != 0]
        if rel.size:
            worst = max(worst, float(np.max(rel)))
    return worst


def rmsprop_epsilon_negligible(grads, s, beta2, epsilon=1e-8, rtol=1e-6):
    """Whether the Keras and course RMSProp steps agree to ``rtol`` (relatively) on this case.

    See ``rmsprop_epsilon_discrepancy``; True means the counterpart of
    ``update_parameters_with_rmsprop`` can be compared with a relative tolerance of ``rtol``.
    """
    return rmsprop_epsilon_discrepancy(grads, s, beta2, epsilon) <= rtol


def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    """One step of RMSProp through Keras RMSprop's rule (``ResourceApplyRMSProp``, no momentum).

    ``s = beta2*s + (1-beta2)*dW**2`` then ``W -= a*dW / sqrt(s + epsilon)``: Keras puts epsilon
    inside the square root, the course outside (``sqrt(s) + epsilon``). APPROXIMATE: ``s`` agrees to
    rounding; ``W`` only where epsilon is negligible next to ``s`` and ``sqrt(s)``, to the relative
    step difference ``rmsprop_epsilon_discrepancy(grads, s, beta2, epsilon)``.

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"
    grads -- dict with "dW1", "db1", ..., shaped like the parameters
    s -- running average of the squared gradients, dict shaped like grads
    beta2 -- the averaging weight of s (Keras's rho), a float in [0, 1)
    learning_rate -- the step size a, a float
    epsilon -- Keras's epsilon, added to s inside the square root

    Returns:
    parameters -- a new dict with the updated parameters
    s -- a new dict with the updated running average of squared gradients
    """
    L = check_matches_parameters(parameters, grads, "grads")
    check_matches_parameters(parameters, s, "s")
    lr, rho, eps, zero = const(learning_rate), const(beta2), const(epsilon), const(0.0)
    new_parameters = _copy_dict(parameters)
    new_s = _copy_dict(s)
    for p, g in _layer_keys(L):
        w = _var(parameters[p])
        ms = _var(s[g])
        mom = _var(np.zeros_like(f64(s[g])))
        tf.raw_ops.ResourceApplyRMSProp(
            var=w.handle,
            ms=ms.handle,
            mom=mom.handle,
            lr=lr,
            rho=rho,
            momentum=zero,
            epsilon=eps,
            grad=const(grads[g]),
        )
        new_parameters[p] = out(w)
        new_s[g] = out(ms)
    return new_parameters, new_s


def update_parameters_with_adagrad(parameters, grads, h, learning_rate, epsilon=1e-7):
    """One step of AdaGrad through ``tf.raw_ops.ResourceApplyAdagradV2`` in float64.

    The op computes ``accum += grad*grad`` then ``var -= lr*grad / (sqrt(accum) + epsilon)``: the
    course's formula exactly (``h`` is TF's ``accum``, epsilon outside the root). Exact to rounding.
    Keras's ``Adagrad`` class differs in two ways: it divides by ``sqrt(h + epsilon)`` (epsilon
    inside the root) and starts its accumulator at ``initial_accumulator_value=0.1`` instead of
    zeros; the raw op avoids both.

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"
    grads -- dict with "dW1", "db1", ..., shaped like the parameters
    h -- the sum of the squared gradients so far (TF's accum), dict shaped like grads
    learning_rate -- the step size a, a float
    epsilon -- added to sqrt(h), outside the square root

    Returns:
    parameters -- a new dict with the updated parameters
    h -- a new dict with the updated sum of squared gradients
    """
    L = check_matches_parameters(parameters, grads, "grads")
    check_matches_parameters(parameters, h, "h")
    lr, eps = const(learning_rate), const(epsilon)
    new_parameters = _copy_dict(parameters)
    new_h = _copy_dict(h)
    for p, g in _layer_keys(L):
        w = _var(parameters[p])
        accum = _var(h[g])
        tf.raw_ops.ResourceApplyAdagradV2(
            var=w.handle, accum=accum.handle, lr=lr, epsilon=eps, grad=const(grads[g]))
        new_parameters[p] = out(w)
        new_h[g] = out(accum)
    return new_parameters, new_h


def keras_adam_epsilon(epsilon, beta2, t):
    """The epsilon that makes TF's Adam step equal the course's at step ``t``: ``e*sqrt(1-b2**t)``.

    TF divides ``lr_t*m`` by ``sqrt(v) + eps_tf`` with ``lr_t = a*sqrt(1-b2**t)/(1-b1**t)``; the
    course divides ``a*m/(1-b1**t)`` by ``sqrt(v/(1-b2**t)) + e``. They are equal when
    ``eps_tf = e*sqrt(1-b2**t)``.
    """
    return epsilon * np.sqrt(1 - beta2**t)


def update_parameters_with_adam(
    parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8
):
    """One step of Adam through ``tf.raw_ops.ResourceApplyAdam`` in float64.

    TF's state ``m``, ``v`` is the course's ``v``, ``s``; ``beta1_power = beta1**t``,
    ``beta2_power = beta2**t`` and TF's epsilon is ``keras_adam_epsilon(epsilon, beta2, t)``, which
    makes TF's step the course's exactly. The bias-corrected estimates are computed from TF's state,
    ``m/(1-beta1**t)`` and ``v/(1-beta2**t)``, in TF. Exact to rounding.

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"
    grads -- dict with "dW1", "db1", ..., shaped like the parameters
    v, s -- Adam's moment estimates, dicts shaped like grads
    t -- the step count, 1 on the first step (used as given)
    learning_rate -- the step size a
    beta1, beta2 -- the averaging weights of v and s
    epsilon -- the course's epsilon, added to sqrt(s_corrected)

    Returns:
    parameters -- a new dict with the updated parameters
    v, s -- new dicts with the updated moment estimates
    v_corrected, s_corrected -- dicts with the bias-corrected estimates of this step
    """
    L = check_matches_parameters(parameters, grads, "grads")
    check_matches_parameters(parameters, v, "v")
    check_matches_parameters(parameters, s, "s")
    check_positive_int(t, "t (the step count, 1 on the first step)")
    beta1_power, beta2_power = const(beta1**t), const(beta2**t)
    hyper = {
        "beta1_power": beta1_power,
        "beta2_power": beta2_power,
        "lr": const(learning_rate),
        "beta1": const(beta1),
        "beta2": const(beta2),
        "epsilon": const(keras_adam_epsilon(epsilon, beta2, t)),
    }
    new_parameters, new_v, new_s = _copy_dict(parameters), _copy_dict(v), _copy_dict(s)
    v_corrected, s_corrected = {}, {}
    for p, g in _layer_keys(L):
        w, m1, m2 = _var(parameters[p]), _var(v[g]), _var(s[g])
        tf.raw_ops.ResourceApplyAdam(
            var=w.handle, m=m1.handle, v=m2.handle, grad=const(grads[g]), **hyper
        )
        new_parameters[p], new_v[g], new_s[g] = out(w), out(m1), out(m2)
        v_corrected[g] = out(m1.read_value() / (1 - beta1_power))
        s_corrected[g] = out(m2.read_value() / (1 - beta2_power))
    return new_parameters, new_v, new_s, v_corrected, s_corrected


def ewa_decay_error(beta):
    """``|float32(beta) - beta|``; ``tf.train.ExponentialMovingAverage`` uses float32(beta)."""
    return abs(float(np.float32(beta)) - float(beta))


def ewa_tolerance(thetas, beta):
    """A safe absolute tolerance between ``exponentially_weighted_average`` and its counterpart.

    With ``d = ewa_decay_error(beta)`` the weights ``(1-beta)*beta**j`` of the average move by at
    most ``d*(1/(1-beta) + j/beta)`` relatively, which sums to at most ``2*d/(1-beta)`` times
    ``max|theta|`` (the bias-corrected average, a weighted mean, is bounded alike); the bound is
    doubled, and float64 rounding added.
    """
    scale = float(np.max(np.abs(thetas))) if np.size(thetas) else 0.0
    return (4 * ewa_decay_error(beta) / (1 - beta) + 1e-13) * scale


def exponentially_weighted_average(thetas, beta, bias_correction=False):
    """Exponentially weighted averages with ``tf.train.ExponentialMovingAverage(decay=beta)``.

    The average is kept for a float64 variable that starts at 0 (the shadow is created equal to it,
    so ``v_0 = 0``); each ``theta_t`` is assigned to the variable and ``apply`` updates the shadow,
    ``v -= (v - theta_t)*(1 - decay)``: the biased ``v_t`` (``zero_debias`` is False by default and
    does not apply to variables anyway). With bias correction, ``v_t / (1 - beta**t)`` in float64.
    APPROXIMATE: TF turns ``decay`` into float32; see ``ewa_decay_error`` and ``ewa_tolerance``.

    Arguments:
    thetas -- array of shape (T, ...): theta_1, ..., theta_T along the first axis
    beta -- the averaging weight, 0 <= beta < 1
    bias_correction -- if True, return v_t / (1 - beta**t) instead of v_t

    Returns:
    averages -- float64 array with the shape of thetas
    """
    thetas = f64(thetas)
    if thetas.ndim < 1:
        raise ValueError("thetas must have at least one axis (the time steps 1..T)")
    if not 0 <= beta < 1:
        raise ValueError(f"beta must satisfy 0 <= beta < 1, got {beta}")
    variable = tf.Variable(np.zeros(thetas.shape[1:]), dtype=F64)
    ema = tf.train.ExponentialMovingAverage(decay=beta)
    ema.apply([variable])  # creates the shadow, equal to the variable: 0
    shadow = ema.average(variable)
    beta64 = const(beta)
    averages = np.zeros_like(thetas)
    for t in range(1, thetas.shape[0] + 1):
        variable.assign(thetas[t - 1])
        ema.apply([variable])
        average = shadow.read_value()
        if bias_correction:
            average = average / (1 - tf.pow(beta64, const(t)))
        averages[t - 1] = average.numpy()
    return averages


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """The course's shuffled mini-batches, cut by ``tf.data.Dataset.batch``.

    ``np.random.seed(seed)`` and ``np.random.permutation(m)`` as in the course; the examples are
    gathered in that order with ``tf.gather`` (examples first: ``X.T``), sliced into a dataset with
    ``from_tensor_slices((X.T, Y.T))`` and batched with ``.batch(mini_batch_size)``, which leaves a
    smaller last batch when ``m % mini_batch_size != 0``. Each batch is transposed back.

    Arguments:
    X -- input data of shape (n_x, m), one example per column
    Y -- labels of shape (k, m), same columns as X
    mini_batch_size -- number of examples per mini-batch, a whole number >= 1
    seed -- seed of the global NumPy stream

    Returns:
    mini_batches -- list of (mini_batch_X, mini_batch_Y) of shapes (n_x, size) and (k, size), new
                    NumPy arrays with the dtypes of X and Y
    """
    check_positive_int(mini_batch_size, "mini_batch_size")
    m = check_same_columns(X, Y)
    np.random.seed(seed)
    permutation = tf.constant(np.random.permutation(m), dtype=tf.int64)
    shuffled_X = tf.gather(tf.constant(np.asarray(X).T), permutation)
    shuffled_Y = tf.gather(tf.constant(np.asarray(Y).T), permutation)
    dataset = tf.data.Dataset.from_tensor_slices((shuffled_X, shuffled_Y)).batch(mini_batch_size)
    return [
        (np.array(x.numpy().T, copy=True), np.array(y.numpy().T, copy=True)) for x, y in dataset
    ]


def update_lr(learning_rate0, epoch_num, decay_rate):
    """``keras.optimizers.schedules.InverseTimeDecay(a0, decay_steps=1, decay_rate=r)``, float64.

    ``a0 / (1 + r*epoch_num)``. Exact. ``epoch_num`` may be an array of epochs (then an array comes
    back).

    Arguments:
    learning_rate0 -- the initial learning rate a0
    epoch_num -- the epoch number (or an array of them), 0 for the first epoch
    decay_rate -- how fast the rate decays

    Returns:
    learning_rate -- the decayed learning rate, a float (float64 array for an array of epochs)
    """
    epochs, scalar = _epochs(epoch_num)
    schedule = keras.optimizers.schedules.InverseTimeDecay(
        np.float64(learning_rate0), decay_steps=1, decay_rate=np.float64(decay_rate)
    )
    return _rate_out(schedule(epochs), scalar)


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    """``InverseTimeDecay(a0, decay_steps=time_interval, decay_rate=r, staircase=True)``, float64.

    ``a0 / (1 + r*floor(epoch_num / time_interval))``. Exact. ``epoch_num`` may be an array.

    Arguments:
    learning_rate0 -- the initial learning rate a0
    epoch_num -- the epoch number (or an array of them), 0 for the first epoch
    decay_rate -- how fast the rate decays
    time_interval -- the rate changes once every time_interval epochs, a whole number >= 1

    Returns:
    learning_rate -- the decayed learning rate, a float (float64 array for an array of epochs)
    """
    check_positive_int(time_interval, "time_interval")
    epochs, scalar = _epochs(epoch_num)
    schedule = keras.optimizers.schedules.InverseTimeDecay(
        np.float64(learning_rate0),
        decay_steps=time_interval,
        decay_rate=np.float64(decay_rate),
        staircase=True,
    )
    return _rate_out(schedule(epochs), scalar)


def exponential_lr_decay(learning_rate0, epoch_num, base=0.95):
    """``keras.optimizers.schedules.ExponentialDecay(a0, decay_steps=1, decay_rate=base)``, float64.

    ``a0 * base**epoch_num``. Exact to a few ulps (TF's ``pow`` is not the C library's).
    ``epoch_num`` may be an array.

    Arguments:
    learning_rate0 -- the initial learning rate a0
    epoch_num -- the epoch number (or an array of them), 0 for the first epoch
    base -- the factor applied once per epoch

    Returns:
    learning_rate -- the decayed learning rate, a float (float64 array for an array of epochs)
    """
    epochs, scalar = _epochs(epoch_num)
    schedule = keras.optimizers.schedules.ExponentialDecay(
        np.float64(learning_rate0), decay_steps=1, decay_rate=np.float64(base)
    )
    return _rate_out(schedule(epochs), scalar)


def sqrt_lr_decay(learning_rate0, epoch_num, k=1.0):
    """``k / sqrt(epoch_num) * a0`` with float64 ``tf.math`` ops (Keras has no such schedule).

    Exact (``tf.sqrt`` is correctly rounded). ``epoch_num`` may be an array.

    Arguments:
    learning_rate0 -- the initial learning rate a0
    epoch_num -- the epoch number (or an array of them), at least 1
    k -- a constant factor

    Returns:
    learning_rate -- the decayed learning rate, a float (float64 array for an array of epochs)
    """
    if np.any(np.asarray(epoch_num) < 1):
        raise ValueError(
            "sqrt_lr_decay is defined for epoch_num >= 1 (k / sqrt(0) is infinite); "
            f"got {epoch_num}"
        )
    epochs, scalar = _epochs(epoch_num)
    rate = const(k) / tf.math.sqrt(epochs) * const(learning_rate0)
    return _rate_out(rate, scalar)

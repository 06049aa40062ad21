"""The optimizer references agree with their TensorFlow counterparts (curriculum, "TensorFlow
counterparts"): gradient descent, momentum through ``lr = a*(1-beta)``, RMSProp where epsilon is
negligible (and its placement tested on its own), Adam over 50 steps with the epsilon mapping,
AdaGrad over 20 steps through the raw op (and how Keras's Adagrad class differs).

Tolerances are relative to the size of the terms that make a result (``scale``), since rounding
errors are relative to those and not to a result that may have cancelled to near zero.
"""

import numpy as np
import pytest
from tf_agreement_support import (
    assert_close,
    assert_dicts_close,
    assert_unchanged,
    deep_copy,
    random_dims,
    random_like,
    random_parameters,
    rng_for,
)

from course_lib.tf import tf
from solutions import optimization_methods as ref
from solutions.counterparts import optimization_methods as tfc

keras = tf.keras
CASES = range(30)


def optimizer_case(group, case):
    """Random parameters, gradients and states of 1-4 layers (case 0: one 1x1 layer)."""
    rng = rng_for(group, case)
    dims = random_dims(rng, case)
    parameters = random_parameters(rng, dims, scale=10 ** rng.uniform(-1, 1))
    grads = random_like(rng, parameters, scale=10 ** rng.uniform(-2, 1))
    v = random_like(rng, parameters, scale=10 ** rng.uniform(-2, 1))
    s = random_like(rng, parameters, scale=4.0, low=0.01)
    hyper = {
        "learning_rate": float(10 ** rng.uniform(-4, 0)),
        "beta": float(rng.choice([0.0, 0.5, 0.9, 0.99, rng.uniform(0, 0.999)])),
        "beta2": float(rng.choice([0.9, 0.99, 0.999, rng.uniform(0.5, 0.999)])),
    }
    return parameters, grads, v, s, hyper


def abs_sum(*dicts):
    """Entry-wise sum of absolute values of dicts with the same shapes (keys from the first)."""
    return {k: sum(np.abs(d[k]) for d in dicts) for k in dicts[0]}


def as_grad_keys(parameters):
    return {"d" + k: v for k, v in parameters.items()}


def as_param_keys(grads_like):
    return {k[1:]: v for k, v in grads_like.items()}


@pytest.mark.parametrize("case", CASES)
def test_gd_agrees_with_resource_apply_gradient_descent(case):
    parameters, grads, _, _, hyper = optimizer_case(1, case)
    a = hyper["learning_rate"]
    expected = ref.update_parameters_with_gd(*deep_copy(parameters, grads), a)
    got = tfc.update_parameters_with_gd(parameters, grads, a)
    # ResourceApplyGradientDescent computes W - a*dW like the reference: at most one rounding apart
    # (if the kernel fused the multiply and subtract), so 1e-15 of |W| + |W_new|.
    assert_dicts_close(
        got, expected, rtol=1e-15, scales=abs_sum(parameters, expected), what="parameters"
    )


@pytest.mark.parametrize("case", CASES)
def test_momentum_agrees_through_the_keras_mapping(case):
    parameters, grads, v, _, hyper = optimizer_case(2, case)
    a, beta = hyper["learning_rate"], hyper["beta"]
    exp_params, exp_v = ref.update_parameters_with_momentum(
        *deep_copy(parameters, grads, v), beta, a
    )
    got_params, got_v = tfc.update_parameters_with_momentum(parameters, grads, v, beta, a)
    # m = -a*v, lr = a*(1-beta), v = -m/a: a handful of roundings, each relative to |v| + |dW| for v
    # and to |W| + |W_new| + a*(|v| + |dW|) for W. 1e-13 leaves a wide margin, and a wrong mapping
    # (lr = a, say) is off by a*beta*|v|, ten orders of magnitude more.
    v_scale = abs_sum(v, grads)
    assert_dicts_close(got_v, exp_v, rtol=1e-13, scales=v_scale, what="v")
    w_scale = abs_sum(parameters, exp_params)
    w_scale = {k: w_scale[k] + a * v_scale["d" + k] for k in w_scale}
    assert_dicts_close(got_params, exp_params, rtol=1e-13, scales=w_scale, what="parameters")


def test_momentum_with_zero_learning_rate_still_carries_the_velocity():
    parameters, grads, v, _, _ = optimizer_case(3, 1)
    exp_params, exp_v = ref.update_parameters_with_momentum(
        *deep_copy(parameters, grads, v), 0.9, 0
    )
    got_params, got_v = tfc.update_parameters_with_momentum(parameters, grads, v, 0.9, 0)
    # a = 0: W is copied exactly; v goes through m = -v, lr = 1-beta (rounding only).
    assert_dicts_close(got_params, exp_params, rtol=0.0, what="parameters")
    assert_dicts_close(got_v, exp_v, rtol=1e-13, scales=abs_sum(v, grads), what="v")


def keras_rmsprop_step(parameters, grads, s, beta2, a, epsilon):
    """Keras RMSprop's formula in NumPy: s = b2*s + (1-b2)*g**2, W -= a*g/sqrt(s + e)."""
    W, S = {}, {}
    for p in parameters:
        g = grads["d" + p]
        S["d" + p] = beta2 * s["d" + p] + (1 - beta2) * g**2
        W[p] = parameters[p] - a * g / np.sqrt(S["d" + p] + epsilon)
    return W, S


@pytest.mark.parametrize("case", CASES)
def test_rmsprop_agrees_where_epsilon_is_negligible(case):
    parameters, grads, _, s, hyper = optimizer_case(4, case)
    a, beta2, epsilon = hyper["learning_rate"], hyper["beta2"], 1e-8
    # s >= 0.01 by construction, so e = 1e-8 shifts the step by at most e/sqrt(s) + e/(2s) ~ 1e-6.
    assert tfc.rmsprop_epsilon_negligible(grads, s, beta2, epsilon, rtol=1e-6)
    discrepancy = tfc.rmsprop_epsilon_discrepancy(grads, s, beta2, epsilon)
    exp_params, exp_s = ref.update_parameters_with_rmsprop(
        *deep_copy(parameters, grads, s), beta2, a, epsilon
    )
    got_params, got_s = tfc.update_parameters_with_rmsprop(parameters, grads, s, beta2, a, epsilon)
    # s is the same average in both (Keras: s += (g**2 - s)*(1-b2)): rounding, 1e-13 of |s| + g**2.
    assert_dicts_close(
        got_s, exp_s, rtol=1e-13, scales=abs_sum(s, {k: g**2 for k, g in grads.items()}), what="s"
    )
    # W differs by the epsilon placement only: at most `discrepancy` of the step |W - W_new|
    # (1.01 for the rounding of that bound), plus rounding of |W| + |W_new|.
    for p in parameters:
        step = np.abs(parameters[p] - exp_params[p])
        assert_close(
            got_params[p],
            exp_params[p],
            rtol=1e-13,
            scale=np.abs(parameters[p]) + np.abs(exp_params[p]),
            atol=1.01 * discrepancy * float(np.max(step)),
            what=f"parameters[{p!r}]",
        )


@pytest.mark.parametrize("case", range(10))
@pytest.mark.parametrize("epsilon", [1e-8, 1e-3, 1e-1])
def test_rmsprop_epsilon_placement(case, epsilon):
    """The counterpart divides by sqrt(s + e) (Keras), the reference by sqrt(s) + e (course)."""
    parameters, grads, _, s, hyper = optimizer_case(5, case)
    a, beta2 = hyper["learning_rate"], hyper["beta2"]
    s = {k: x / 100 for k, x in s.items()}  # s in [1e-4, 0.04]: epsilon 1e-3, 1e-1 not negligible
    # W = 0, so that W_new is the step itself and the relative difference of the two steps can be
    # measured to rounding (no cancellation against W).
    parameters = {k: np.zeros_like(x) for k, x in parameters.items()}
    keras_params, _ = keras_rmsprop_step(parameters, grads, s, beta2, a, epsilon)
    got_params, _ = tfc.update_parameters_with_rmsprop(parameters, grads, s, beta2, a, epsilon)
    exp_params, _ = ref.update_parameters_with_rmsprop(
        *deep_copy(parameters, grads, s), beta2, a, epsilon
    )
    scale = abs_sum(parameters, exp_params)
    # Each agrees with its own formula to rounding: 1e-13 of |W| + |W_new|.
    assert_dicts_close(
        got_params, keras_params, rtol=1e-13, scales=scale, what="TF vs Keras formula"
    )
    course = {}
    for p in parameters:
        s_new = beta2 * s["d" + p] + (1 - beta2) * grads["d" + p] ** 2
        course[p] = parameters[p] - a * grads["d" + p] / (np.sqrt(s_new) + epsilon)
    assert_dicts_close(exp_params, course, rtol=1e-13, scales=scale, what="reference vs sqrt(s)+e")
    # And the two placements differ by the predicted relative amount of the step.
    discrepancy = tfc.rmsprop_epsilon_discrepancy(grads, s, beta2, epsilon)
    measured = max(
        float(np.max(np.abs(got_params[p] - exp_params[p]) / np.abs(exp_params[p])))
        for p in parameters
    )
    # (each step is computed to ~1e-16 relative, so their relative difference to ~1e-16 absolute)
    assert measured == pytest.approx(discrepancy, rel=1e-5, abs=1e-14), (measured, discrepancy)
    if epsilon >= 1e-3:
        assert measured > 1e-3
        assert not tfc.rmsprop_epsilon_negligible(grads, s, beta2, epsilon, rtol=1e-6)


def test_rmsprop_epsilon_placement_by_hand():
    """W = 0, dW = 1, s = 0, beta2 = 0, a = 1, e = 0.44: s' = 1, the course's step is
    1/(sqrt(1) + 0.44) = 1/1.44, Keras's 1/sqrt(1.44) = 1/1.2."""
    parameters = {"W1": np.zeros((1, 1)), "b1": np.zeros((1, 1))}
    grads = {"dW1": np.ones((1, 1)), "db1": np.ones((1, 1))}
    s = {"dW1": np.zeros((1, 1)), "db1": np.zeros((1, 1))}
    exp_params, _ = ref.update_parameters_with_rmsprop(
        *deep_copy(parameters, grads, s), 0.0, 1.0, 0.44
    )
    got_params, _ = tfc.update_parameters_with_rmsprop(parameters, grads, s, 0.0, 1.0, 0.44)
    assert exp_params["W1"][0, 0] == pytest.approx(-1 / 1.44, rel=1e-15)
    assert got_params["W1"][0, 0] == pytest.approx(-1 / 1.2, rel=1e-15)
    assert tfc.rmsprop_epsilon_discrepancy(grads, s, 0.0, 0.44) == pytest.approx(0.2, rel=1e-12)


ADAM_CONFIGS = [
    # (case, learning_rate, beta1, beta2): the course's defaults, then others
    (0, 0.01, 0.9, 0.999),
    (1, 0.01, 0.9, 0.999),
    (2, 0.1, 0.8, 0.99),
    (3, 0.001, 0.95, 0.9999),
]


def run_adam_sequence(case, a, beta1, beta2, epsilon, steps=50):
    """Adam for t = 1..steps, the reference and the counterpart each carrying its own v, s."""
    rng = rng_for(6, case)
    dims = random_dims(rng, case)
    parameters = random_parameters(rng, dims)
    v, s = ref.initialize_adam(parameters)
    ref_state = deep_copy(parameters, v, s)
    tf_state = deep_copy(parameters, v, s)
    for t in range(1, steps + 1):
        grads = random_like(rng, parameters, scale=10 ** rng.uniform(-3, 0))
        before_p, before_v, before_s = deep_copy(*ref_state)
        expected = ref.update_parameters_with_adam(
            *deep_copy(ref_state[0]), grads, *deep_copy(*ref_state[1:]), t, a, beta1, beta2, epsilon
        )
        got = tfc.update_parameters_with_adam(
            *tf_state[:1], grads, *tf_state[1:], t, a, beta1, beta2, epsilon
        )
        # Both chains agree to rounding at every step; errors accumulate at most linearly over the
        # 50 steps, each a few ulps of these scales: 1e-12 is ~100x the worst expected drift.
        g_abs = {k: np.abs(x) for k, x in grads.items()}
        v_scale = abs_sum(before_v, g_abs)
        s_scale = abs_sum(before_s, {k: x**2 for k, x in g_abs.items()})
        scales = [
            abs_sum(before_p, expected[0]),
            v_scale,
            s_scale,
            {k: x / (1 - beta1**t) for k, x in v_scale.items()},
            {k: x / (1 - beta2**t) for k, x in s_scale.items()},
        ]
        for name, g, e, sc in zip(
            ["parameters", "v", "s", "v_corrected", "s_corrected"],
            got,
            expected,
            scales,
            strict=True,
        ):
            assert_dicts_close(g, e, rtol=1e-12, scales=sc, what=f"step t={t}: {name}")
        ref_state = expected[:3]
        tf_state = got[:3]


@pytest.mark.parametrize("epsilon", [1e-8, 1e-2])
@pytest.mark.parametrize(("case", "a", "beta1", "beta2"), ADAM_CONFIGS)
def test_adam_sequence_agrees_with_the_epsilon_mapping(case, a, beta1, beta2, epsilon):
    run_adam_sequence(case, a, beta1, beta2, epsilon)


@pytest.mark.parametrize("epsilon", [1e-8, 1e-2])
def test_adam_without_the_epsilon_mapping_disagrees(monkeypatch, epsilon):
    """Passing the course's epsilon straight to TF (no e*sqrt(1-b2**t)) breaks the agreement: by
    about 3e-7 of the step at 1e-8 (still far beyond 1e-12), grossly at 1e-2."""
    monkeypatch.setattr(tfc, "keras_adam_epsilon", lambda epsilon, beta2, t: epsilon)
    with pytest.raises(AssertionError, match="parameters"):
        run_adam_sequence(0, 0.01, 0.9, 0.999, epsilon)


def test_adam_without_the_mapping_is_off_by_more_than_a_tenth_of_a_percent_at_1e_2(monkeypatch):
    parameters = {"W1": np.zeros((2, 2)), "b1": np.zeros((2, 1))}
    grads = {"dW1": np.full((2, 2), 0.05), "db1": np.full((2, 1), -0.05)}
    v, s = ref.initialize_adam(parameters)
    expected = ref.update_parameters_with_adam(
        *deep_copy(parameters, grads, v, s), 1, 0.01, epsilon=1e-2
    )[0]
    mapped = tfc.update_parameters_with_adam(parameters, grads, v, s, 1, 0.01, epsilon=1e-2)[0]
    monkeypatch.setattr(tfc, "keras_adam_epsilon", lambda epsilon, beta2, t: epsilon)
    unmapped = tfc.update_parameters_with_adam(parameters, grads, v, s, 1, 0.01, epsilon=1e-2)[0]
    # step t=1: course a*g/(|g| + e) = 0.01*0.05/0.06; unmapped TF a*g/(|g| + e/sqrt(1-b2)).
    assert expected["W1"][0, 0] == pytest.approx(-0.01 * 0.05 / 0.06, rel=1e-12)
    assert mapped["W1"][0, 0] == pytest.approx(expected["W1"][0, 0], rel=1e-12)
    assert unmapped["W1"][0, 0] == pytest.approx(
        -0.01 * 0.05 / (0.05 + 1e-2 / np.sqrt(1e-3)), rel=1e-12
    )
    assert abs(unmapped["W1"][0, 0] / expected["W1"][0, 0] - 1) > 0.5


OPTIMIZERS = {
    "gd": lambda p, g, v, s: tfc.update_parameters_with_gd(p, g, 0.1),
    "momentum": lambda p, g, v, s: tfc.update_parameters_with_momentum(p, g, v, 0.9, 0.1),
    "rmsprop": lambda p, g, v, s: tfc.update_parameters_with_rmsprop(p, g, s, 0.9, 0.1),
    "adam": lambda p, g, v, s: tfc.update_parameters_with_adam(p, g, v, s, 3),
    "adagrad": lambda p, g, v, s: tfc.update_parameters_with_adagrad(p, g, s, 0.1),
}


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_counterparts_do_not_modify_their_inputs_and_return_fresh_arrays(name):
    parameters, grads, v, s, _ = optimizer_case(7, 3)
    before = deep_copy(parameters, grads, v, s)
    out = OPTIMIZERS[name](parameters, grads, v, s)
    for what, b, a in zip(
        ["parameters", "grads", "v", "s"], before, (parameters, grads, v, s), strict=True
    ):
        assert_unchanged(b, a, what)
    outputs = out if isinstance(out, tuple) else (out,)
    inputs = [parameters, grads, v, s]
    for d in outputs:
        assert all(d is not i for i in inputs), "a counterpart returned one of its input dicts"
        for key, arr in d.items():
            for i in inputs:
                for x in i.values():
                    assert not np.shares_memory(arr, x), f"output {key!r} shares memory with input"


# ---- The Keras optimizer classes themselves (float32 learning rate, float32-cast betas) ----------


def keras_run(optimizer, parameters, grad_steps, before_step=None):
    """Apply the Keras optimizer to float64 variables for each dict of gradients, in order."""
    variables = {k: tf.Variable(x.copy(), dtype=tf.float64) for k, x in parameters.items()}
    for t, grads in enumerate(grad_steps, 1):
        if before_step:
            before_step(optimizer, t)
        optimizer.apply_gradients([(tf.constant(grads["d" + k]), variables[k]) for k in parameters])
    return {k: x.numpy() for k, x in variables.items()}


def reference_run(update, parameters, grad_steps, state):
    parameters = deep_copy(parameters)[0]
    for t, grads in enumerate(grad_steps, 1):
        parameters, *state = update(parameters, grads, *state, t)
    return parameters


def keras_case(case, steps=10):
    rng = rng_for(8, case)
    parameters = random_parameters(rng, random_dims(rng, case))
    grad_steps = [random_like(rng, parameters, scale=0.5) for _ in range(steps)]
    return parameters, grad_steps


@pytest.mark.parametrize("case", range(3))
def test_keras_sgd_and_momentum_classes_agree_to_float32_learning_rate(case):
    parameters, grad_steps = keras_case(case)
    zeros = {"d" + k: np.zeros_like(x) for k, x in parameters.items()}
    expected = reference_run(
        lambda p, g, t: (ref.update_parameters_with_gd(p, g, 0.1),), parameters, grad_steps, []
    )
    got = keras_run(keras.optimizers.SGD(learning_rate=0.1), parameters, grad_steps)
    # The learning rate lives in a float32 variable: float32(0.1) is 1.5e-9 relative off, so
    # 1e-7 of |W| + the path length 10*a*|g| covers it.
    assert_dicts_close(got, expected, rtol=1e-7, scales=abs_sum(parameters, expected), what="SGD")
    beta, a = 0.9, 0.1
    expected = reference_run(
        lambda p, g, v, t: ref.update_parameters_with_momentum(p, g, v, beta, a),
        parameters,
        grad_steps,
        [deep_copy(zeros)[0]],
    )
    got = keras_run(
        keras.optimizers.SGD(learning_rate=a * (1 - beta), momentum=beta), parameters, grad_steps
    )
    # lr = a*(1-beta) and momentum are cast through float32 (relative 1e-8 each, over 10 steps).
    assert_dicts_close(
        got, expected, rtol=1e-6, scales=abs_sum(parameters, expected), what="SGD(momentum)"
    )


@pytest.mark.parametrize(
    ("a", "beta1", "beta2", "rtol"),
    [
        # float32-representable hyperparameters: the Keras class is exact to rounding
        (2.0**-7, 0.875, 1 - 2.0**-10, 1e-12),
        # the course's defaults: float32(0.999) makes sqrt(1-beta2**t) 6.4e-6 off at t=1
        (0.01, 0.9, 0.999, 2e-5),
    ],
)
@pytest.mark.parametrize("epsilon", [1e-8, 1e-2])
def test_keras_adam_class_agrees_with_the_epsilon_mapping(a, beta1, beta2, rtol, epsilon):
    parameters, grad_steps = keras_case(1)
    v, s = ref.initialize_adam(parameters)
    expected = reference_run(
        lambda p, g, v, s, t: ref.update_parameters_with_adam(
            p, g, v, s, t, a, beta1, beta2, epsilon
        )[:3],
        parameters,
        grad_steps,
        [v, s],
    )

    def set_epsilon(optimizer, t):
        optimizer.epsilon = tfc.keras_adam_epsilon(epsilon, beta2, t)

    optimizer = keras.optimizers.Adam(learning_rate=a, beta_1=beta1, beta_2=beta2)
    got = keras_run(optimizer, parameters, grad_steps, before_step=set_epsilon)
    # Relative to the path length a*steps (each Adam step is at most about a per entry).
    path = {k: np.abs(x) + a * len(grad_steps) for k, x in parameters.items()}
    assert_dicts_close(got, expected, rtol=rtol, scales=path, what="Adam")


# ---- AdaGrad (an optional extra): the raw op is the course's formula; Keras's class is not ----


def adagrad_run(update, parameters, grad_steps, h, learning_rate, epsilon):
    parameters, h = deep_copy(parameters, h)
    for grads in grad_steps:
        parameters, h = update(parameters, grads, h, learning_rate, epsilon)
    return parameters, h


@pytest.mark.parametrize("case", range(6))
@pytest.mark.parametrize("epsilon", [1e-7, 1e-2, 0.5])
def test_adagrad_sequence_agrees_with_resource_apply_adagrad_v2(case, epsilon):
    """Twenty steps from h = 0: TF's accum is the course's h, epsilon outside the root in both."""
    parameters, grad_steps = keras_case(case, steps=20)
    zeros = {"d" + k: np.zeros_like(x) for k, x in parameters.items()}
    a = float(10 ** rng_for(9, case).uniform(-3, 0))
    exp_params, exp_h = adagrad_run(ref.update_parameters_with_adagrad, parameters, grad_steps,
                                    zeros, a, epsilon)
    got_params, got_h = adagrad_run(tfc.update_parameters_with_adagrad, parameters, grad_steps,
                                    zeros, a, epsilon)
    assert_dicts_close(got_h, exp_h, rtol=1e-13, scales=exp_h, what="h")
    assert_dicts_close(got_params, exp_params, rtol=1e-12,
                       scales=abs_sum(parameters, exp_params, {k: np.full_like(x, a * 20)
                                                               for k, x in parameters.items()}),
                       what="parameters")


def test_keras_adagrad_class_differs_as_the_counterpart_says():
    """Keras's Adagrad = the course's update with h starting at 0.1 and sqrt(h + e): the two
    differences the counterpart's docstring names, and nothing else."""
    parameters, grad_steps = keras_case(0, steps=10)
    a, epsilon = 0.25, 1e-2  # a exact in float32 (Keras keeps its learning rate in float32)

    def keras_formula(parameters, grads, h, learning_rate, epsilon):
        for k in parameters:
            h["d" + k] = h["d" + k] + grads["d" + k] ** 2
            parameters[k] = parameters[k] - learning_rate * grads["d" + k] / np.sqrt(
                h["d" + k] + epsilon)
        return parameters, h

    keras_params = keras_run(keras.optimizers.Adagrad(learning_rate=a, epsilon=epsilon,
                                                      initial_accumulator_value=0.1),
                             parameters, grad_steps)
    point_one = {"d" + k: np.full_like(x, 0.1) for k, x in parameters.items()}
    formula, _ = adagrad_run(keras_formula, parameters, grad_steps, point_one, a, epsilon)
    assert_dicts_close(keras_params, formula, rtol=1e-6, scales=abs_sum(parameters, formula),
                       what="Keras Adagrad")
    zeros = {"d" + k: np.zeros_like(x) for k, x in parameters.items()}
    course, _ = adagrad_run(ref.update_parameters_with_adagrad, parameters, grad_steps, zeros, a,
                            epsilon)
    assert max(float(np.max(np.abs(keras_params[k] - course[k]))) for k in parameters) > 1e-3

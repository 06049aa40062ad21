"""The exponentially weighted average agrees with ``tf.train.ExponentialMovingAverage``.

TF converts ``decay`` to float32, so the counterpart averages with float32(beta): exact to rounding
for betas that float32 holds exactly, and within ``ewa_tolerance`` (about 4*|float32(beta)-beta|
/ (1-beta) of max|theta|) otherwise. A NumPy average with float32(beta) pins that cause down.
"""

import numpy as np
import pytest
from tf_agreement_support import assert_close, rng_for

from course_lib.tf import tf
from solutions import optimization_methods as ref
from solutions.counterparts import optimization_methods as tfc

EXACT_BETAS = [0.0, 0.5, 0.75, 0.875, 0.9375, 0.998046875]  # float32 holds these exactly
ROUNDED_BETAS = [0.9, 0.98, 0.99, 0.999, 0.3]


def thetas_case(case):
    rng = rng_for(20, case)
    T = int(rng.integers(1, 60))
    trailing = [(), (3,), (2, 3), (1, 1)][case % 4]
    offset = rng.uniform(-5, 5)
    return offset + 10 ** rng.uniform(-1, 1) * rng.standard_normal((T, *trailing))


def ewa_with_decay(thetas, decay, bias_correction, beta):
    """TF's update v -= (v - theta)*(1 - decay), in NumPy; bias correction with the true beta."""
    v = np.zeros(thetas.shape[1:])
    out = np.zeros_like(thetas)
    for t in range(1, thetas.shape[0] + 1):
        v = v - (v - thetas[t - 1]) * (1 - decay)
        out[t - 1] = v / (1 - beta**t) if bias_correction else v
    return out


@pytest.mark.parametrize("bias_correction", [False, True])
@pytest.mark.parametrize("beta", EXACT_BETAS)
@pytest.mark.parametrize("case", range(2))
def test_ewa_is_exact_for_betas_float32_holds(case, beta, bias_correction):
    thetas = thetas_case(case)
    got = tfc.exponentially_weighted_average(thetas, beta, bias_correction)
    expected = ref.exponentially_weighted_average(thetas, beta, bias_correction)
    assert tfc.ewa_decay_error(beta) == 0.0
    # v - (v - theta)*(1-beta) against beta*v + (1-beta)*theta: rounding of terms of size max|theta|
    # (divided by 1-beta**t when corrected), accumulated over at most 60 steps: 1e-12.
    scale = np.max(np.abs(thetas))
    if bias_correction:
        scale = scale / (1 - beta ** np.arange(1, len(thetas) + 1)).reshape(
            (-1,) + (1,) * (thetas.ndim - 1)
        )
    assert_close(got, expected, rtol=1e-12, scale=scale, what="averages")


@pytest.mark.parametrize("bias_correction", [False, True])
@pytest.mark.parametrize("beta", ROUNDED_BETAS)
@pytest.mark.parametrize("case", range(2, 5))
def test_ewa_agrees_up_to_tfs_float32_decay(case, beta, bias_correction):
    thetas = thetas_case(case)
    got = tfc.exponentially_weighted_average(thetas, beta, bias_correction)
    expected = ref.exponentially_weighted_average(thetas, beta, bias_correction)
    # The only difference is float32(beta): bounded by ewa_tolerance (see its docstring).
    assert_close(got, expected, rtol=0.0, atol=tfc.ewa_tolerance(thetas, beta), what="averages")
    # ... and exactly that: with float32(beta) in NumPy, they agree to rounding (1e-11 of
    # max|theta|, divided by 1-beta**t when corrected; T <= 60 steps).
    emulated = ewa_with_decay(thetas, float(np.float32(beta)), bias_correction, beta)
    scale = np.max(np.abs(thetas))
    if bias_correction:
        scale = scale / (1 - beta ** np.arange(1, len(thetas) + 1)).reshape(
            (-1,) + (1,) * (thetas.ndim - 1)
        )
    assert_close(got, emulated, rtol=1e-11, scale=scale, what="averages vs float32(beta)")


def test_float32_decay_is_measurable():
    """At beta = 0.999 TF's average is measurably off the float64 one (~1e-5 of theta)."""
    thetas = np.ones((50, 1))
    got = tfc.exponentially_weighted_average(thetas, 0.999)
    expected = ref.exponentially_weighted_average(thetas, 0.999)
    relative = np.abs(got / expected - 1).max()
    assert 1e-6 < relative < 1e-4


def test_ema_gives_the_biased_average_and_zero_debias_does_not_apply_to_variables():
    """v_1..v_3 of theta = 1, 2, 3 at beta = 0.5: 0.5, 1.25, 2.125 (biased, from v_0 = 0)."""
    for zero_debias in (False, True):
        variable = tf.Variable(0.0, dtype=tf.float64)
        ema = tf.train.ExponentialMovingAverage(decay=0.5, zero_debias=zero_debias)
        ema.apply([variable])
        averages = []
        for theta in (1.0, 2.0, 3.0):
            variable.assign(theta)
            ema.apply([variable])
            averages.append(float(ema.average(variable).numpy()))
        assert averages == [0.5, 1.25, 2.125], (zero_debias, averages)
    np.testing.assert_array_equal(
        tfc.exponentially_weighted_average([1.0, 2.0, 3.0], 0.5), [0.5, 1.25, 2.125]
    )
    np.testing.assert_array_equal(
        tfc.exponentially_weighted_average([1.0, 2.0, 3.0], 0.5, bias_correction=True),
        [1.0, 1.25 / 0.75, 2.125 / 0.875],
    )


def test_ema_shadow_starts_at_the_variables_value_not_at_zero():
    """Why the counterpart applies once while the variable is 0: the shadow is created equal to the
    variable, so applying first with theta_1 in place would start the average at theta_1."""
    variable = tf.Variable(4.0, dtype=tf.float64)
    ema = tf.train.ExponentialMovingAverage(decay=0.5)
    ema.apply([variable])
    assert float(ema.average(variable).numpy()) == 4.0  # not (1 - 0.5) * 4
    assert tfc.exponentially_weighted_average([4.0], 0.5)[0] == 2.0


def test_ewa_does_not_modify_thetas_and_returns_float64():
    thetas = thetas_case(1)
    before = thetas.copy()
    out = tfc.exponentially_weighted_average(thetas, 0.9, True)
    np.testing.assert_array_equal(thetas, before)
    assert out.dtype == np.float64 and out.shape == thetas.shape
    assert not np.shares_memory(out, thetas)

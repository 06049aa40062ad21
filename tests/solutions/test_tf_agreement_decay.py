"""The learning-rate decay references agree with Keras's schedules over epochs 0..10000.

Each schedule is called once with a tensor of all the epochs (vectorised); the reference is called
epoch by epoch, as a student's function would be.
"""

import math

import numpy as np
import pytest
from tf_agreement_support import assert_close

from course_lib.tf import tf
from solutions import optimization_methods as ref
from solutions.counterparts import optimization_methods as tfc

keras = tf.keras
EPOCHS = np.arange(10001)
RATES = [(0.1, 0.3), (0.01, 1.0), (0.5, 1e-3), (0.0075, 2.5)]


def reference_rates(function, *args, epochs=EPOCHS, **kwargs):
    return np.array([function(args[0], int(e), *args[1:], **kwargs) for e in epochs])


@pytest.mark.parametrize(("a0", "r"), RATES)
def test_update_lr_is_inverse_time_decay(a0, r):
    got = tfc.update_lr(a0, EPOCHS, r)
    expected = reference_rates(ref.update_lr, a0, r)
    # InverseTimeDecay with float64 a0 and rate computes a0 / (1 + r*epoch) with the same three
    # float64 operations as the reference: bit-identical.
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize(("a0", "r"), RATES)
@pytest.mark.parametrize("time_interval", [1, 7, 1000])
def test_schedule_lr_decay_is_staircase_inverse_time_decay(a0, r, time_interval):
    got = tfc.schedule_lr_decay(a0, EPOCHS, r, time_interval)
    expected = reference_rates(ref.schedule_lr_decay, a0, r, time_interval=time_interval)
    # floor(epoch / time_interval) is the same float64 division and floor: bit-identical.
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("a0", [0.1, 0.003])
@pytest.mark.parametrize("base", [0.95, 0.99, 0.5, 0.999])
def test_exponential_lr_decay_is_exponential_decay(a0, base):
    got = tfc.exponential_lr_decay(a0, EPOCHS, base)
    expected = reference_rates(ref.exponential_lr_decay, a0, base=base)
    # TF's float64 pow and the C library's differ by a few ulps: 1e-14 relative. Results that
    # underflow (0.5**10000) are 0 in both; atol = the smallest normal float64 covers subnormals.
    assert_close(got, expected, rtol=1e-14, atol=np.finfo(np.float64).tiny, what="rates")


@pytest.mark.parametrize("a0", [0.1, 0.003])
@pytest.mark.parametrize("k", [1.0, 2.0, 0.3])
def test_sqrt_lr_decay_with_tf_math(a0, k):
    epochs = EPOCHS[1:]
    got = tfc.sqrt_lr_decay(a0, epochs, k)
    expected = reference_rates(ref.sqrt_lr_decay, a0, epochs=epochs, k=k)
    # k / sqrt(epoch) * a0: the same operations, and sqrt is correctly rounded: bit-identical.
    np.testing.assert_array_equal(got, expected)


def test_scalar_epochs_give_python_floats():
    for function, args in [
        (tfc.update_lr, (0.1, 7, 0.3)),
        (tfc.schedule_lr_decay, (0.1, 2500, 0.3)),
        (tfc.exponential_lr_decay, (0.1, 30)),
        (tfc.sqrt_lr_decay, (0.1, 7, 2.0)),
    ]:
        got = function(*args)
        expected = getattr(ref, function.__name__)(*args)
        assert type(got) is float, f"{function.__name__} returned {type(got).__name__}"
        assert got == pytest.approx(expected, rel=1e-14), function.__name__


def test_keras_schedules_with_python_floats_compute_in_float32():
    """Why the counterparts pass np.float64: with Python floats a Keras schedule is float32, and
    ExponentialDecay's float32(0.95)**epoch drifts ~1e-4 relative by epoch 10000."""
    schedule = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=1, decay_rate=0.95)
    rates = schedule(tf.constant(EPOCHS))
    assert rates.dtype == tf.float32
    expected = reference_rates(ref.exponential_lr_decay, 0.1, base=0.95)
    relative = np.abs(rates.numpy().astype(np.float64)[:1000] / expected[:1000] - 1)
    assert relative.max() > 1e-6
    # Even with a float64 a0, a Python-float decay_rate is cast through float32:
    schedule = keras.optimizers.schedules.ExponentialDecay(
        np.float64(0.1), decay_steps=1, decay_rate=0.95
    )
    rates = schedule(tf.constant(EPOCHS)).numpy()
    assert rates.dtype == np.float64
    assert abs(rates[10000] / expected[10000] - 1) > 1e-5
    # and the counterpart, float64 throughout, is within a few ulps:
    assert abs(tfc.exponential_lr_decay(0.1, 10000) / expected[10000] - 1) < 1e-14


def test_staircase_changes_exactly_at_multiples_of_the_interval():
    got = tfc.schedule_lr_decay(1.0, np.array([999, 1000, 1999, 2000]), 1.0, 1000)
    np.testing.assert_array_equal(got, [1.0, 0.5, 0.5, 1 / 3])
    assert math.isclose(ref.schedule_lr_decay(1.0, 1999, 1.0, 1000), 0.5)

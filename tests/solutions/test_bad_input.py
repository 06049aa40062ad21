"""Bad input gets a clear error, from the references and from their TensorFlow counterparts alike.

Each case expects a ``ValueError`` or ``TypeError`` whose message names the problem, raised by the
input checks (``course_lib/validation.py``) or the exercise itself, never from deep inside NumPy or
TensorFlow.
"""

import re
from pathlib import Path

import numpy as np
import pytest

from solutions import batchnorm_softmax as bn_ref
from solutions import optimization_methods as opt_ref
from solutions.counterparts import batchnorm_softmax as bn_tf
from solutions.counterparts import optimization_methods as opt_tf


class _Counterparts:
    """Both assignments' counterparts, looked up by exercise name."""

    def __getattr__(self, name):
        return getattr(opt_tf, name, None) or getattr(bn_tf, name)


tfc = _Counterparts()

MODULES = {"reference": None, "tensorflow": tfc}
ALLOWED_FILES = {
    "validation.py",
    "optimization_methods.py",
    "batchnorm_softmax.py",
}


def function(module, name):
    if module == "tensorflow":
        return getattr(tfc, name)
    return getattr(opt_ref, name, None) or getattr(bn_ref, name)


def params():
    return {
        "W1": np.ones((3, 2)),
        "b1": np.ones((3, 1)),
        "W2": np.ones((1, 3)),
        "b2": np.ones((1, 1)),
    }


def like(parameters, value=0.5):
    return {"d" + k: np.full(v.shape, value) for k, v in parameters.items()}


def raises(excinfo_type, pattern, call):
    """Call and check the exception type, the message, and where it was raised."""
    with pytest.raises(excinfo_type, match=pattern) as excinfo:
        call()
    origin = Path(excinfo.traceback[-1].path).name
    assert origin in ALLOWED_FILES, f"raised from {origin}, not by an input check: {excinfo.value}"
    return excinfo


def missing_db2():
    grads = like(params())
    del grads["db2"]
    return grads


def wrong_shape(key):
    d = like(params())
    d[key] = np.ones((2, 3))
    return d


OPTIMIZER_CALLS = {
    "update_parameters_with_gd": lambda f, g: f(params(), g, 0.1),
    "update_parameters_with_momentum": lambda f, g: f(params(), g, like(params()), 0.9, 0.1),
    "update_parameters_with_rmsprop": lambda f, g: f(params(), g, like(params()), 0.9, 0.1),
    "update_parameters_with_adam": lambda f, g: f(params(), g, like(params()), like(params()), 1),
}


@pytest.mark.parametrize("module", MODULES)
@pytest.mark.parametrize("name", sorted(OPTIMIZER_CALLS))
def test_gradient_keys_that_do_not_match_the_parameters(module, name):
    call = OPTIMIZER_CALLS[name]
    raises(
        ValueError,
        r"grads has no 'db2' but parameters has b2",
        lambda: call(function(module, name), missing_db2()),
    )


@pytest.mark.parametrize("module", MODULES)
@pytest.mark.parametrize("name", sorted(OPTIMIZER_CALLS))
def test_gradient_shape_that_does_not_match_the_parameter(module, name):
    call = OPTIMIZER_CALLS[name]
    raises(
        ValueError,
        re.escape("grads['dW1'] has shape (2, 3) but parameters['W1'] has shape (3, 2)"),
        lambda: call(function(module, name), wrong_shape("dW1")),
    )


@pytest.mark.parametrize("module", MODULES)
def test_state_shapes_that_do_not_match_the_parameters(module):
    f = function(module, "update_parameters_with_momentum")
    raises(
        ValueError,
        re.escape("v['dW1'] has shape (2, 3)"),
        lambda: f(params(), like(params()), wrong_shape("dW1"), 0.9, 0.1),
    )
    f = function(module, "update_parameters_with_rmsprop")
    raises(
        ValueError,
        re.escape("s['dW1'] has shape (2, 3)"),
        lambda: f(params(), like(params()), wrong_shape("dW1"), 0.9, 0.1),
    )
    f = function(module, "update_parameters_with_adam")
    raises(
        ValueError,
        re.escape("v['dW1'] has shape (2, 3)"),
        lambda: f(params(), like(params()), wrong_shape("dW1"), like(params()), 1),
    )
    raises(
        ValueError,
        re.escape("s['dW1'] has shape (2, 3)"),
        lambda: f(params(), like(params()), like(params()), wrong_shape("dW1"), 1),
    )
    raises(
        ValueError,
        "v has no 'db2'",
        lambda: f(params(), like(params()), missing_db2(), like(params()), 1),
    )


@pytest.mark.parametrize("module", MODULES)
def test_incomplete_parameters(module):
    f = function(module, "update_parameters_with_gd")
    p = params()
    del p["b2"]
    raises(ValueError, "parameters must hold a W and a b for every layer", lambda: f(p, like(p), 1))
    raises(TypeError, "parameters must be a dict", lambda: f([1, 2], {}, 1))
    raises(TypeError, "grads must be a dict", lambda: f(params(), [1, 2], 1))


@pytest.mark.parametrize("module", MODULES)
@pytest.mark.parametrize("t", [0, -1, 1.5])
def test_adam_step_count(module, t):
    f = function(module, "update_parameters_with_adam")
    error = TypeError if isinstance(t, float) else ValueError
    raises(
        error,
        r"t \(the step count, 1 on the first step\)",
        lambda: f(params(), like(params()), like(params()), like(params()), t),
    )


@pytest.mark.parametrize("module", MODULES)
@pytest.mark.parametrize("epoch", [0, -3, 0.5])
def test_sqrt_lr_decay_before_epoch_1(module, epoch):
    f = function(module, "sqrt_lr_decay")
    raises(
        ValueError,
        r"sqrt_lr_decay is defined for epoch_num >= 1 .*got " + re.escape(str(epoch)),
        lambda: f(0.1, epoch),
    )


def test_sqrt_lr_decay_counterpart_rejects_an_epoch_0_inside_an_array():
    raises(ValueError, "epoch_num >= 1", lambda: tfc.sqrt_lr_decay(0.1, np.arange(0, 5)))


@pytest.mark.parametrize("module", MODULES)
def test_schedule_interval(module):
    f = function(module, "schedule_lr_decay")
    raises(ValueError, "time_interval must be at least 1", lambda: f(0.1, 5, 1.0, 0))
    raises(TypeError, "time_interval must be a whole number", lambda: f(0.1, 5, 1.0, 2.5))


@pytest.mark.parametrize("module", MODULES)
@pytest.mark.parametrize(
    ("size", "error", "message"),
    [
        (0, ValueError, "mini_batch_size must be at least 1, got 0"),
        (-1, ValueError, "mini_batch_size must be at least 1, got -1"),
        (2.5, TypeError, "mini_batch_size must be a whole number >= 1, got 2.5"),
        (True, TypeError, "mini_batch_size must be a whole number >= 1, got True"),
    ],
)
def test_mini_batch_size(module, size, error, message):
    f = function(module, "random_mini_batches")
    raises(error, re.escape(message), lambda: f(np.ones((2, 10)), np.ones((1, 10)), size))


@pytest.mark.parametrize("module", MODULES)
def test_x_and_y_with_different_numbers_of_examples(module):
    f = function(module, "random_mini_batches")
    raises(
        ValueError,
        re.escape("the same number of examples; got X shape (2, 10) and Y shape (1, 9)"),
        lambda: f(np.ones((2, 10)), np.ones((1, 9)), 4),
    )
    raises(ValueError, "X and Y must be 2-D", lambda: f(np.ones((2, 10)), np.ones(10), 4))
    raises(ValueError, r"no examples \(m = 0\)", lambda: f(np.ones((2, 0)), np.ones((1, 0)), 4))


@pytest.mark.parametrize("module", MODULES)
def test_ewa_bad_beta_and_thetas(module):
    f = function(module, "exponentially_weighted_average")
    raises(ValueError, "beta must satisfy 0 <= beta < 1, got 1", lambda: f(np.ones(3), 1))
    raises(ValueError, "thetas must have at least one axis", lambda: f(2.0, 0.9))


@pytest.mark.parametrize("module", MODULES)
@pytest.mark.parametrize("gamma_shape", [(3,), (1, 3), (2, 1), (3, 2)])
def test_batchnorm_gamma_of_the_wrong_shape(module, gamma_shape):
    Z = np.ones((3, 4))
    message = re.escape(f"gamma must have shape (3, 1), one entry per unit; got {gamma_shape}")
    f = function(module, "batchnorm_forward")
    raises(ValueError, message, lambda: f(Z, np.ones(gamma_shape), np.zeros((3, 1))))
    f = function(module, "batchnorm_inference")
    raises(
        ValueError,
        message,
        lambda: f(Z, np.ones(gamma_shape), np.zeros((3, 1)), np.zeros((3, 1)), np.ones((3, 1))),
    )


@pytest.mark.parametrize("module", MODULES)
def test_batchnorm_other_shapes(module):
    f = function(module, "batchnorm_forward")
    raises(
        ValueError,
        re.escape("Z must have shape (n, m): n units by m >= 1 examples; got (3,)"),
        lambda: f(np.ones(3), np.ones((3, 1)), np.zeros((3, 1))),
    )
    raises(
        ValueError,
        re.escape("beta must have shape (3, 1)"),
        lambda: f(np.ones((3, 4)), np.ones((3, 1)), np.zeros((1, 3))),
    )
    f = function(module, "batchnorm_inference")
    raises(
        ValueError,
        re.escape("running_var must have shape (3, 1)"),
        lambda: f(np.ones((3, 4)), np.ones((3, 1)), np.zeros((3, 1)), np.zeros((3, 1)), np.ones(3)),
    )
    _, cache = bn_ref.batchnorm_forward(np.ones((3, 4)), np.ones((3, 1)), np.zeros((3, 1)))
    f = function(module, "batchnorm_backward")
    raises(
        ValueError,
        re.escape(
            "dZ_tilde and the forward pass's Z must have the same shape; got (4, 3) and (3, 4)"
        ),
        lambda: f(np.ones((4, 3)), cache),
    )
    f = function(module, "update_running_averages")
    raises(
        ValueError,
        re.escape("running_mean and batch_mean must have the same shape"),
        lambda: f(np.zeros((3, 1)), np.ones((3, 1)), np.zeros((2, 1)), np.ones((3, 1))),
    )


def test_batchnorm_backward_counterpart_names_a_bad_cache():
    raises(
        ValueError,
        "cache must be the dict returned by batchnorm_forward",
        lambda: tfc.batchnorm_backward(np.ones((3, 4)), {"Z_norm": np.ones((3, 4))}),
    )


@pytest.mark.parametrize("module", MODULES)
@pytest.mark.parametrize(
    "name", ["softmax", "softmax_cross_entropy_cost", "softmax_cross_entropy_backward"]
)
def test_softmax_of_a_1d_array(module, name):
    f = function(module, name)
    arg = "Z" if name == "softmax" else "ZL"
    args = (
        (np.array([1.0, 2.0, 3.0]),)
        if name == "softmax"
        else (np.array([1.0, 2.0, 3.0]), np.array([0.0, 0.0, 1.0]))
    )
    raises(
        ValueError,
        re.escape(f"{arg} must have shape (C, m): classes by examples; got (3,)"),
        lambda: f(*args),
    )


@pytest.mark.parametrize("module", MODULES)
def test_labels_of_another_shape(module):
    f = function(module, "softmax_cross_entropy_cost")
    raises(
        ValueError,
        re.escape("ZL and Y must have the same shape; got (3, 2) and (2, 3)"),
        lambda: f(np.ones((3, 2)), np.ones((2, 3))),
    )


def test_one_hot_counterpart_rejects_labels_out_of_range():
    raises(
        ValueError,
        re.escape("label must satisfy 0 <= label < C = 6, got 6"),
        lambda: tfc.one_hot_matrix(6),
    )
    raises(ValueError, "got -1", lambda: tfc.one_hot_matrix(-1, 3))
    raises(
        TypeError, "label must be an integer class label, got 1.0", lambda: tfc.one_hot_matrix(1.0)
    )
    raises(
        ValueError,
        "C \\(the number of classes\\) must be at least 1",
        lambda: tfc.one_hot_matrix(0, 0),
    )


def test_compute_total_loss_counterpart_shapes():
    raises(
        ValueError,
        "logits and labels must have the same shape",
        lambda: tfc.compute_total_loss(np.ones((3, 2)), np.ones((2, 3))),
    )

"""course_lib.regularization_training: the data, and the loop run with the references as the
student's functions.

The story of the notebook is asserted with the notebook's own settings (60 noisy training moons,
[2, 64, 32, 1], 5,000 steps at 0.3): L2 (lambd = 0.7) and dropout (keep_prob = 0.86) each reach a
higher test accuracy than the unregularised network. Smaller budgets do not prove it for dropout
with a safe margin (at 2,000 steps the margin is 1 point of test accuracy; at 5,000 it is 4), so
the test uses the notebook's budget: three runs of about 1.5 s each on an idle machine.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from course_lib.network import backward_propagation, forward_propagation, predict
from course_lib.regularization_training import (
    LAYERS_DIMS,
    initialize_parameters,
    load_overfit_moons,
    model,
)
from solutions import regularization as ref

EXERCISES = {name: getattr(ref, name) for name in (
    "compute_cost_with_regularization", "backward_propagation_with_regularization",
    "forward_propagation_with_dropout", "backward_propagation_with_dropout")}


@pytest.fixture(scope="module")
def data():
    return load_overfit_moons()


@pytest.fixture(scope="module")
def story(data):
    train_X, train_Y, test_X, test_Y = data
    runs = {"plain": {}, "l2": {"lambd": 0.7}, "dropout": {"keep_prob": 0.86}}
    out = {}
    for name, kwargs in runs.items():
        parameters, costs = model(train_X, train_Y, EXERCISES, num_iterations=5000, **kwargs)
        out[name] = (predict(train_X, train_Y, parameters)[1],
                     predict(test_X, test_Y, parameters)[1], costs)
    return out


def test_data_is_deterministic_and_shaped(data):
    train_X, train_Y, test_X, test_Y = data
    assert train_X.shape == (2, 60) and train_Y.shape == (1, 60)
    assert test_X.shape == (2, 1000) and test_Y.shape == (1, 1000)
    assert set(np.unique(train_Y)) == {0.0, 1.0}
    again = load_overfit_moons()
    for a, b in zip(data, again):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(train_X[:, :10], test_X[:, :10])  # two different draws


def test_regularisation_beats_the_unregularised_network_on_the_test_set(story):
    plain_train, plain_test, _ = story["plain"]
    assert plain_train == 1.0  # the large network learns the 60 noisy points by heart
    for name in ("l2", "dropout"):
        _, test, _ = story[name]
        assert test >= plain_test + 0.02, (name, test, plain_test)
    assert story["l2"][0] < plain_train  # L2 gives up some training accuracy


def test_costs_are_recorded_every_100_iterations_and_fall(story):
    for name, (_, _, costs) in story.items():
        assert len(costs) == 50, name
        assert costs[-1] < 0.5 * costs[0], name


def test_plain_run_is_gradient_descent_on_course_libs_network(data):
    train_X, train_Y, _, _ = data
    dims = [2, 4, 1]
    parameters, _ = model(train_X, train_Y, {}, layers_dims=dims, num_iterations=3,
                          learning_rate=0.1)
    expected = initialize_parameters(dims)
    for _ in range(3):
        _, cache = forward_propagation(train_X, expected)
        grads = backward_propagation(train_X, train_Y, cache)
        expected = {k: v - 0.1 * grads[f"d{k}"] for k, v in expected.items()}
    for key in expected:
        np.testing.assert_allclose(parameters[key], expected[key], rtol=1e-12, atol=1e-15)


def test_dropout_run_draws_fresh_masks_every_iteration_and_restores_the_stream(data):
    train_X, train_Y, _, _ = data
    seeds = []

    def spy_forward(X, parameters, keep_prob=0.5, seed=1):
        seeds.append(seed)
        return ref.forward_propagation_with_dropout(X, parameters, keep_prob, seed)

    exercises = {**EXERCISES, "forward_propagation_with_dropout": spy_forward}
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    model(train_X, train_Y, exercises, layers_dims=[2, 5, 1], num_iterations=4, keep_prob=0.5)
    assert seeds == [0, 1, 2, 3]
    np.testing.assert_array_equal(np.random.get_state()[1], before)


def test_l2_run_uses_the_students_cost_and_backward(data):
    train_X, train_Y, _, _ = data
    called = []

    def cost(AL, Y, parameters, lambd):
        called.append("cost")
        return ref.compute_cost_with_regularization(AL, Y, parameters, lambd)

    def backward(X, Y, cache, lambd):
        called.append("backward")
        return ref.backward_propagation_with_regularization(X, Y, cache, lambd)

    model(train_X, train_Y, {"compute_cost_with_regularization": cost,
                             "backward_propagation_with_regularization": backward},
          layers_dims=[2, 3, 1], num_iterations=2, lambd=0.7)
    assert called == ["cost", "backward", "backward"]


def test_missing_or_broken_functions_say_what_to_write(data):
    train_X, train_Y, _, _ = data
    with pytest.raises(NameError, match="forward_propagation_with_dropout"):
        model(train_X, train_Y, {}, keep_prob=0.86, num_iterations=1)
    with pytest.raises(NameError, match="compute_cost_with_regularization"):
        model(train_X, train_Y, {}, lambd=0.7, num_iterations=1)
    broken = {**EXERCISES, "backward_propagation_with_regularization": lambda X, Y, c, l: {}}
    with pytest.raises(KeyError, match="dW1"):
        model(train_X, train_Y, broken, lambd=0.7, num_iterations=1)
    with pytest.raises(ValueError, match="not both"):
        model(train_X, train_Y, EXERCISES, lambd=0.7, keep_prob=0.5, num_iterations=1)
    with pytest.raises(ValueError, match="keep_prob"):
        model(train_X, train_Y, EXERCISES, keep_prob=0.0, num_iterations=1)
    with pytest.raises(TypeError, match="globals"):
        model(train_X, train_Y, [], num_iterations=1)


def test_initialization_is_scaled_by_fan_in():
    parameters = initialize_parameters([400, 300, 1], seed=0)
    assert parameters["W1"].shape == (300, 400) and parameters["b2"].shape == (1, 1)
    assert abs(parameters["W1"].std() * np.sqrt(400) - 1) < 0.01
    assert not np.any(parameters["b1"])
    assert LAYERS_DIMS[0] == 2 and LAYERS_DIMS[-1] == 1


def test_the_notebook_trains_with_the_settings_tested_here():
    """The story above is the notebook's: same data, network, budget and hyperparameters."""
    from pathlib import Path

    content = (Path(__file__).resolve().parents[2] / "assignments" / "content"
               / "regularization.py").read_text()
    assert "load_overfit_moons()" in content
    assert 'model(train_X, train_Y, globals(), num_iterations=5000, **kwargs)' in content
    assert '{"lambd": 0.7}' in content and '{"keep_prob": 0.86}' in content


def test_l1_run_uses_the_students_l1_functions_and_makes_the_weights_sparse(data):
    """``penalty="L1"`` (the optional extras' demonstration) trains with compute_cost_with_l1 and
    backward_propagation_with_l1; with the references, L1 leaves far more weights near 0 than L2
    (the demonstration's point), at the demonstration's settings."""
    train_X, train_Y, _, _ = data
    called = []

    def cost(AL, Y, parameters, lambd):
        called.append("cost")
        return ref.compute_cost_with_l1(AL, Y, parameters, lambd)

    def backward(X, Y, cache, lambd):
        called.append("backward")
        return ref.backward_propagation_with_l1(X, Y, cache, lambd)

    model(train_X, train_Y, {"compute_cost_with_l1": cost, "backward_propagation_with_l1": backward},
          layers_dims=[2, 3, 1], num_iterations=2, lambd=0.1, penalty="L1")
    assert called == ["cost", "backward", "backward"]
    with pytest.raises(NameError, match="compute_cost_with_l1"):
        model(train_X, train_Y, EXERCISES, lambd=0.1, penalty="L1", num_iterations=1)
    with pytest.raises(ValueError, match="penalty"):
        model(train_X, train_Y, EXERCISES, lambd=0.1, penalty="L3", num_iterations=1)

    everything = {**EXERCISES, "compute_cost_with_l1": ref.compute_cost_with_l1,
                  "backward_propagation_with_l1": ref.backward_propagation_with_l1}
    near_zero = {}
    for penalty, lambd in (("L2", 0.7), ("L1", 0.1)):
        parameters, _ = model(train_X, train_Y, everything, num_iterations=5000, lambd=lambd,
                              penalty=penalty)
        weights = np.concatenate([v.ravel() for k, v in parameters.items() if k.startswith("W")])
        near_zero[penalty] = np.mean(np.abs(weights) < 0.01)
    assert near_zero["L1"] > 0.9 and near_zero["L2"] < 0.7, near_zero
    content = (Path(__file__).resolve().parents[2] / "assignments" / "content"
               / "regularization.py").read_text()
    assert '{"lambd": 0.7}' in content and '{"lambd": 0.1, "penalty": "L1"}' in content

"""The initialisation notebook's data and training loop, and the story it tells.

The training runs use the notebook's own budget (2,000 steps of 0.1 on the 300 circles; about a
second each): zeros stay at 0.5 with identical units, large random weights start with a huge cost,
He reaches at least 0.95 test accuracy.
"""

import numpy as np
import pytest

from course_lib.circles import load_circles, train
from course_lib.network import he_initialization, predict
from solutions.initialization import (
    initialize_parameters_he,
    initialize_parameters_random,
    initialize_parameters_zeros,
)

LAYERS = [2, 10, 5, 1]


@pytest.fixture(scope="module")
def data():
    return load_circles()


def test_the_courses_circles(data):
    train_X, train_Y, test_X, test_Y = data
    assert train_X.shape == (2, 300) and train_Y.shape == (1, 300)
    assert test_X.shape == (2, 100) and test_Y.shape == (1, 100)
    assert set(np.unique(train_Y)) == {0.0, 1.0} and train_Y.mean() == 0.5
    radius = np.hypot(*train_X)
    inner, outer = radius[train_Y[0] == 1], radius[train_Y[0] == 0]
    assert inner.mean() == pytest.approx(0.8, abs=0.02) and outer.mean() == pytest.approx(1, abs=0.02)
    again = load_circles()
    assert all(np.array_equal(a, b) for a, b in zip(data, again))
    assert not np.array_equal(train_X[:, :100], test_X)


def test_the_global_stream_is_left_alone():
    np.random.seed(5)
    expected = np.random.rand()
    np.random.seed(5)
    load_circles()
    assert np.random.rand() == expected


def test_training_does_not_change_the_given_parameters(data):
    parameters = he_initialization(LAYERS)
    before = {k: v.copy() for k, v in parameters.items()}
    trained, history = train(data[0], data[1], parameters, num_iterations=150, progress=False)
    assert all(np.array_equal(parameters[k], before[k]) for k in before)
    assert not np.array_equal(trained["W1"], before["W1"])
    assert history["epochs"] == [0, 100, 149] and len(history["costs"]) == 3
    assert history["costs"][-1] < history["costs"][0]


def test_zeros_stay_at_chance_with_identical_units(data):
    train_X, train_Y, test_X, test_Y = data
    trained, history = train(train_X, train_Y, initialize_parameters_zeros(LAYERS),
                             progress=False)
    assert predict(train_X, train_Y, trained)[1] == 0.5
    assert predict(test_X, test_Y, trained)[1] == 0.5
    assert history["costs"][-1] == pytest.approx(np.log(2), abs=1e-9)
    for l in (1, 2):
        W = trained[f"W{l}"]
        assert (W == W[0]).all()


def test_large_random_weights_start_saturated_and_stay_behind_he(data):
    train_X, train_Y, test_X, test_Y = data
    trained, history = train(train_X, train_Y, initialize_parameters_random(LAYERS),
                             progress=False)
    assert history["costs"][0] > 10  # log 2 = 0.69 would be a guess
    assert predict(test_X, test_Y, trained)[1] < 0.8


def test_he_reaches_at_least_095_test_accuracy(data):
    train_X, train_Y, test_X, test_Y = data
    trained, history = train(train_X, train_Y, initialize_parameters_he(LAYERS), progress=False)
    assert predict(train_X, train_Y, trained)[1] >= 0.99
    assert predict(test_X, test_Y, trained)[1] >= 0.95
    assert history["costs"][-1] < 0.1


@pytest.mark.parametrize("kwargs, message", [({"num_iterations": 0}, "num_iterations"),
                                             ({"num_iterations": 2.5}, "num_iterations")])
def test_bad_arguments_are_named(data, kwargs, message):
    with pytest.raises((ValueError, TypeError), match=message):
        train(data[0], data[1], he_initialization(LAYERS), progress=False, **kwargs)

"""The initialisers: the course's published values, the draw order, bad input, and Keras.

The Keras comparison is distributional (the streams differ): ``course_lib.distributions`` with the
exercises' own tolerance, on the large networks of the ``tensorflow`` cases.
"""

import numpy as np
import pytest

from autograder.course.exercises.initialization.inputs import LARGE_NETWORKS, SAMPLE_TOLERANCE
from course_lib.compare import compare
from solutions import initialization as ref

INITIALISERS = ["initialize_parameters_zeros", "initialize_parameters_random",
                "initialize_parameters_he"]


def test_zeros_gives_the_courses_values():
    parameters = ref.initialize_parameters_zeros([3, 2, 1])
    assert sorted(parameters) == ["W1", "W2", "b1", "b2"]
    np.testing.assert_array_equal(parameters["W1"], np.zeros((2, 3)))
    np.testing.assert_array_equal(parameters["b1"], np.zeros((2, 1)))
    np.testing.assert_array_equal(parameters["W2"], np.zeros((1, 2)))
    np.testing.assert_array_equal(parameters["b2"], np.zeros((1, 1)))


def test_random_gives_the_courses_values():
    # the course's notebook prints these for initialize_parameters_random([3, 2, 1])
    parameters = ref.initialize_parameters_random([3, 2, 1])
    np.testing.assert_allclose(parameters["W1"], [[17.88628473, 4.36509851, 0.96497468],
                                                  [-18.63492703, -2.77388203, -3.54758979]],
                               atol=5e-9)
    np.testing.assert_allclose(parameters["W2"], [[-0.82741481, -6.27000677]], atol=5e-9)
    np.testing.assert_array_equal(parameters["b1"], np.zeros((2, 1)))
    np.testing.assert_array_equal(parameters["b2"], np.zeros((1, 1)))


def test_he_gives_the_courses_values():
    # the course's notebook prints these for initialize_parameters_he([2, 4, 1])
    parameters = ref.initialize_parameters_he([2, 4, 1])
    np.testing.assert_allclose(parameters["W1"], [[1.78862847, 0.43650985],
                                                  [0.09649747, -1.8634927],
                                                  [-0.2773882, -0.35475898],
                                                  [-0.08274148, -0.62700068]], atol=5e-9)
    np.testing.assert_allclose(parameters["W2"], [[-0.03098412, -0.33744411, -0.92904268,
                                                   0.62552248]], atol=5e-9)
    np.testing.assert_array_equal(parameters["b1"], np.zeros((4, 1)))


@pytest.mark.parametrize("name, scale", [("initialize_parameters_random", lambda n: 10.0),
                                         ("initialize_parameters_he",
                                          lambda n: np.sqrt(2 / n))])
def test_random_initialisers_seed_3_and_draw_only_the_weights_in_order(name, scale):
    dims = [4, 3, 5, 2]
    np.random.seed(99)  # whatever the stream held before, the result is the same
    parameters = getattr(ref, name)(dims)
    np.random.seed(3)
    for l in range(1, len(dims)):
        expected = np.random.randn(dims[l], dims[l - 1]) * scale(dims[l - 1])
        np.testing.assert_allclose(parameters[f"W{l}"], expected, rtol=1e-15)
        np.testing.assert_array_equal(parameters[f"b{l}"], np.zeros((dims[l], 1)))


@pytest.mark.parametrize("name", INITIALISERS)
@pytest.mark.parametrize("layers_dims", [[2], [], [2, 0, 1], [2, 2.5, 1], None, [2, True, 1]])
def test_bad_layer_sizes_are_named(name, layers_dims):
    with pytest.raises(ValueError, match="layers_dims must list at least two layer sizes"):
        getattr(ref, name)(layers_dims)


@pytest.mark.parametrize("name", INITIALISERS)
def test_a_tuple_or_numpy_sizes_work_like_a_list(name):
    a = getattr(ref, name)([3, 2, 1])
    b = getattr(ref, name)((3, np.int64(2), 1))
    assert all(np.array_equal(a[key], b[key]) for key in a)


# --- Keras ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def keras():
    from solutions.counterparts import initialization

    return initialization


def test_keras_zeros_agree_exactly(keras):
    for dims in ([3, 2, 1], [7, 4, 6, 2]):
        assert not compare(ref.initialize_parameters_zeros(dims),
                           keras.initialize_parameters_zeros(dims))


@pytest.mark.parametrize("name", ["initialize_parameters_random", "initialize_parameters_he"])
@pytest.mark.parametrize("dims", LARGE_NETWORKS)
def test_keras_draws_agree_in_distribution(keras, name, dims):
    ours, theirs = getattr(ref, name)(dims), getattr(keras, name)(dims)
    assert not compare(theirs, ours, SAMPLE_TOLERANCE)
    for l in range(1, len(dims)):  # same shapes, but other numbers: only the distribution agrees
        assert ours[f"W{l}"].shape == theirs[f"W{l}"].shape == (dims[l], dims[l - 1])
        assert not np.allclose(ours[f"W{l}"], theirs[f"W{l}"])


@pytest.mark.parametrize("dims", LARGE_NETWORKS)
def test_keras_he_normal_is_truncated_and_is_told_apart(keras, dims):
    """HeNormal has He's variance but no tails: the comparison must not take it for the course's."""
    truncated = keras.he_normal_truncated(dims)
    W = truncated["W1"]
    assert np.var(W) == pytest.approx(2 / dims[0], rel=0.05)
    assert np.max(np.abs(W)) < 2.3 * np.std(W)
    mismatches = compare(keras.initialize_parameters_he(dims), truncated, SAMPLE_TOLERANCE)
    assert mismatches and "2.5 standard deviations" in mismatches[0].message


def test_keras_counterparts_are_deterministic(keras):
    a, b = (keras.initialize_parameters_he(LARGE_NETWORKS[0]) for _ in range(2))
    assert all(np.array_equal(a[key], b[key]) for key in a)

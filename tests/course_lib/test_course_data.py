"""course_lib.data: the course's two-moons training set."""

import numpy as np
import pytest
import sklearn.datasets

from course_lib.data import load_moons


def test_shapes_dtype_and_labels():
    train_X, train_Y = load_moons()
    assert train_X.shape == (2, 300)
    assert train_Y.shape == (1, 300)
    assert train_X.dtype == np.float64
    assert train_Y.dtype == np.float64
    assert set(np.unique(train_Y)) == {0.0, 1.0}
    assert np.sum(train_Y) == 150  # make_moons draws half of the examples from each moon
    assert np.all(np.isfinite(train_X))


def test_other_sizes_including_odd():
    train_X, train_Y = load_moons(m=7, noise=0.0, seed=0)
    assert train_X.shape == (2, 7)
    assert train_Y.shape == (1, 7)


def test_same_seed_same_data_other_seed_other_data():
    X1, Y1 = load_moons()
    X2, Y2 = load_moons()
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(Y1, Y2)
    X3, _ = load_moons(seed=4)
    assert not np.allclose(X1, X3)


def test_identical_to_the_course_recipe():
    # The course: np.random.seed(3); make_moons(n_samples=300, noise=.2) on the global stream,
    # then X.T and y.reshape((1, m)).
    np.random.seed(3)
    X, y = sklearn.datasets.make_moons(n_samples=300, noise=0.2)
    train_X, train_Y = load_moons()
    np.testing.assert_array_equal(train_X, X.T)
    np.testing.assert_array_equal(train_Y, y.reshape((1, 300)))


def test_leaves_the_global_stream_alone():
    np.random.seed(123)
    expected = np.random.rand(3)
    np.random.seed(123)
    load_moons()
    np.testing.assert_array_equal(np.random.rand(3), expected)


@pytest.mark.parametrize("kwargs", [{"m": 0}, {"m": -3}, {"noise": -0.1}])
def test_bad_arguments_are_rejected(kwargs):
    with pytest.raises(ValueError):
        load_moons(**kwargs)

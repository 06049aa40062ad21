"""The course's data set: two interleaving half-moons, two features, labels 0 and 1.

The optimization notebook trains on 300 examples with noise 0.2, drawn with seed 3. Passing the
seed to scikit-learn draws exactly the examples the course draws after ``np.random.seed(3)``,
without touching the global NumPy stream.
"""

import numpy as np
import sklearn.datasets

from course_lib.validation import check_positive_int


def load_moons(m=300, noise=0.2, seed=3):
    """The two-moons training set, one example per column.

    Arguments:
    m -- number of examples, a whole number >= 1
    noise -- standard deviation of the Gaussian noise added to the points
    seed -- seed of the draw, so that every call returns the same examples

    Returns:
    train_X -- float64 array of shape (2, m): the two coordinates of each example
    train_Y -- float64 array of shape (1, m): the label of each example, 0.0 or 1.0
    """
    check_positive_int(m, "m (the number of examples)")
    if noise < 0:
        raise ValueError(f"noise is a standard deviation and must be >= 0, got {noise}")
    X, y = sklearn.datasets.make_moons(n_samples=m, noise=noise, random_state=seed)
    train_X = X.T.astype(np.float64)
    train_Y = y.reshape(1, m).astype(np.float64)
    return train_X, train_Y

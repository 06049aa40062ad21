"""The initialisation notebook's data and training loop: two circles, plain gradient descent.

The data is the course's: scikit-learn's ``make_circles`` with noise 0.05, 300 training examples
drawn with seed 1 and 100 test examples with seed 2 (passing the seed to scikit-learn draws the
examples the course draws after ``np.random.seed``, without touching the global stream). The
network is ``course_lib.network``'s (RELU hidden layers, SIGMOID output); the loop takes the
parameters the student's initialiser returned, so that only the initialisation differs between
runs::

    parameters = initialize_parameters_he([2, 10, 5, 1])
    parameters, history = train(train_X, train_Y, parameters)
"""

import sys
import warnings

import numpy as np
import sklearn.datasets

from course_lib.network import backward_propagation, compute_cost, forward_propagation
from course_lib.validation import check_positive_int, check_same_columns, num_layers

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # tqdm.auto warns on stderr without ipywidgets
    from tqdm.auto import tqdm


def load_circles(m_train=300, m_test=100, noise=0.05, seeds=(1, 2)):
    """Two concentric circles, label 1 inside: a training set and a test set, one example per
    column.

    Arguments:
    m_train, m_test -- numbers of training and test examples, whole numbers >= 1
    noise -- standard deviation of the Gaussian noise added to the points
    seeds -- seeds of the training and the test draw

    Returns:
    train_X -- float64 array of shape (2, m_train)
    train_Y -- float64 array of shape (1, m_train), labels 0.0 (outer) or 1.0 (inner circle)
    test_X -- float64 array of shape (2, m_test)
    test_Y -- float64 array of shape (1, m_test)
    """
    check_positive_int(m_train, "m_train")
    check_positive_int(m_test, "m_test")
    if noise < 0:
        raise ValueError(f"noise is a standard deviation and must be >= 0, got {noise}")
    out = []
    for m, seed in ((m_train, seeds[0]), (m_test, seeds[1])):
        X, y = sklearn.datasets.make_circles(n_samples=m, noise=noise, random_state=seed)
        out += [X.T.astype(np.float64), y.reshape(1, m).astype(np.float64)]
    return tuple(out)


def train(X, Y, parameters, learning_rate=0.1, num_iterations=2000, print_cost=False,
          progress=True):
    """Batch gradient descent on all of (X, Y) from the given parameters, as the course's model.

    Every iteration: forward pass, mean cross-entropy, backward pass, then
    ``W[l] -= learning_rate * dW[l]`` and ``b[l] -= learning_rate * db[l]``. The parameters given
    are copied, never changed.

    Arguments:
    X -- input data of shape (n_x, m)
    Y -- labels 0 or 1, shape (1, m)
    parameters -- the initial dict with "W1", "b1", ..., "WL", "bL" (from an initialiser)
    learning_rate -- the step size
    num_iterations -- the number of steps, a whole number >= 1
    print_cost -- print the cost every 1000 iterations
    progress -- show a progress bar

    Returns:
    parameters -- the trained dict
    history -- dict of two lists, one entry every 100 iterations and after the last one:
               "epochs" (the iteration; each is one pass over all the examples, so the dict suits
               course_lib.plots.plot_costs) and "costs" (the mean cross-entropy before that
               step; compute_cost's clipping caps it at about 36 per example where the course's
               would be inf)
    """
    m = check_same_columns(X, Y)
    check_positive_int(num_iterations, "num_iterations")
    L = num_layers(parameters)
    parameters = {key: np.array(value, dtype=np.float64) for key, value in parameters.items()}
    history = {"epochs": [], "costs": []}
    bar = tqdm(range(num_iterations), disable=not progress, file=sys.stdout, desc="training")
    for i in bar:
        AL, cache = forward_propagation(X, parameters)
        cost = compute_cost(AL, Y) / m
        grads = backward_propagation(X, Y, cache)
        for l in range(1, L + 1):
            parameters[f"W{l}"] -= learning_rate * grads[f"dW{l}"]
            parameters[f"b{l}"] -= learning_rate * grads[f"db{l}"]
        if i % 100 == 0 or i == num_iterations - 1:
            history["epochs"].append(i)
            history["costs"].append(cost)
        if print_cost and i % 1000 == 0:
            (bar.write if progress else print)(f"Cost after iteration {i}: {cost:f}")
    bar.close()
    return parameters, history

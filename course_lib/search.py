"""The hyperparameter-tuning notebook's trials: train the week-2 network once per setting.

The network is week 2's: LINEAR -> RELU (5 units) -> LINEAR -> RELU (2 units) -> LINEAR ->
SIGMOID on the two moons, mini-batches of 64, gradient descent with momentum. A trial is one
training run with a learning rate and a momentum beta, scored by its accuracy on a separate set of
moons (the *dev* set: the search must not pick its settings on the training set).

The training is scikit-learn's ``MLPClassifier`` (so that nothing here is a week-2 exercise):
its momentum keeps ``velocity = beta*velocity - lr*grad; W += velocity``, the course's momentum
when ``lr = learning_rate * (1 - beta)`` (the same mapping as Keras's SGD, see the curriculum), so
``learning_rate`` here means what it means in the course. Two differences from course_lib's
network: scikit-learn initialises with Glorot's uniform scale rather than He's, and it shuffles
with its own stream.
"""

import warnings

import numpy as np
from sklearn.neural_network import MLPClassifier

from course_lib.data import load_moons
from course_lib.validation import check_positive_int, check_same_columns

HIDDEN_LAYERS = (5, 2)
"""The hidden layers of the week-2 network, ``layers_dims = [2, 5, 2, 1]``."""


def load_search_data(m=300, noise=0.2):
    """The moons to train on (seed 3, the week-2 set) and a dev set to score the trials (seed 4).

    Returns:
    train_X, train_Y, dev_X, dev_Y -- shapes (2, m), (1, m), (2, m), (1, m), float64
    """
    return (*load_moons(m, noise, seed=3), *load_moons(m, noise, seed=4))


def train_with_momentum(X, Y, learning_rate, beta, num_epochs=100, mini_batch_size=64, seed=0):
    """Train the week-2 network with mini-batch gradient descent with momentum.

    Arguments:
    X -- input data of shape (2, m)
    Y -- labels 0 or 1, shape (1, m)
    learning_rate -- the course's learning rate a (the step is a * v, v the velocity)
    beta -- momentum's beta, 0 <= beta < 1
    num_epochs -- passes over the training set, a whole number >= 1
    mini_batch_size -- examples per mini-batch
    seed -- seed of the initialisation and of the shuffles

    Returns:
    classifier -- the trained scikit-learn model; ``accuracy(classifier, X, Y)`` scores it
    """
    check_same_columns(X, Y)
    check_positive_int(num_epochs, "num_epochs")
    if not 0 <= beta < 1:
        raise ValueError(f"beta must satisfy 0 <= beta < 1, got {beta}")
    if not learning_rate > 0:
        raise ValueError(f"learning_rate must be > 0, got {learning_rate}")
    classifier = MLPClassifier(
        hidden_layer_sizes=HIDDEN_LAYERS, activation="relu", solver="sgd", alpha=0.0,
        batch_size=mini_batch_size, learning_rate="constant",
        learning_rate_init=float(learning_rate) * (1 - float(beta)), momentum=float(beta),
        nesterovs_momentum=False, max_iter=num_epochs, shuffle=True, random_state=seed,
        tol=0.0, n_iter_no_change=num_epochs + 1)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")  # "not converged yet" and overflow at huge rates
        classifier.fit(X.T, Y.ravel())
    return classifier


def accuracy(classifier, X, Y) -> float:
    """The fraction of the examples (columns of X) that the classifier labels as Y does."""
    check_same_columns(X, Y)
    return float(np.mean(classifier.predict(X.T) == Y.ravel()))


def run_trials(learning_rates, betas, data, num_epochs=100):
    """One training run per (learning rate, beta) pair, scored on the dev set.

    Arguments:
    learning_rates, betas -- sequences of the same length n: the settings of the n trials
    data -- (train_X, train_Y, dev_X, dev_Y), as load_search_data returns
    num_epochs -- passes over the training set per trial

    Returns:
    scores -- float64 array of shape (n,): the dev accuracy of each trial
    """
    learning_rates, betas = np.ravel(learning_rates), np.ravel(betas)
    if learning_rates.shape != betas.shape:
        raise ValueError(f"one beta per learning rate: got {learning_rates.size} learning rates "
                         f"and {betas.size} betas")
    train_X, train_Y, dev_X, dev_Y = data
    return np.array([accuracy(train_with_momentum(train_X, train_Y, a, b, num_epochs),
                              dev_X, dev_Y)
                     for a, b in zip(learning_rates, betas)])


def plot_accuracy_vs_learning_rate(trials, ax=None, zoom=None):
    """Dev accuracy against the learning rate on a log axis, one marker style per search.

    Arguments:
    trials -- dict {label: (learning_rates, scores)}
    ax -- matplotlib Axes to draw on; a new figure's when None
    zoom -- optional (low, high): shaded, the range the next search zooms into

    Returns:
    ax -- the Axes
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots()
    for (label, (rates, scores)), marker in zip(trials.items(), "os^Dv"):
        ax.scatter(rates, scores, label=label, marker=marker, alpha=0.75)
    if zoom is not None:
        ax.axvspan(*zoom, color="tab:green", alpha=0.15, label="zoom range")
    ax.set_xscale("log")
    ax.set_xlabel("learning rate (log scale)")
    ax.set_ylabel("dev accuracy")
    ax.legend()
    return ax


def plot_trials(learning_rates, betas, scores, ax=None, title=None):
    """The trials in the (learning rate, 1 - beta) plane, both on log axes, coloured by score.

    Returns:
    ax -- the Axes, with a colour bar for the dev accuracy
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots()
    points = ax.scatter(learning_rates, 1 - np.asarray(betas), c=scores, cmap="viridis",
                        vmin=0.5, vmax=1.0, edgecolors="k")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("learning rate")
    ax.set_ylabel("1 - beta")
    if title:
        ax.set_title(title)
    ax.figure.colorbar(points, ax=ax, label="dev accuracy")
    return ax

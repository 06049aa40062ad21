"""The hyperparameter-tuning notebook's trials: the week-2 network trained with momentum."""

import numpy as np
import pytest

from course_lib import search


@pytest.fixture(scope="module")
def data():
    return search.load_search_data()


def test_train_and_dev_sets_are_different_moons(data):
    train_X, train_Y, dev_X, dev_Y = data
    assert train_X.shape == dev_X.shape == (2, 300) and train_Y.shape == dev_Y.shape == (1, 300)
    assert not np.array_equal(train_X, dev_X)


def test_a_good_learning_rate_beats_a_tiny_one_and_trials_are_reproducible(data):
    scores = search.run_trials([0.5, 1e-4], [0.9, 0.9], data)
    assert scores.shape == (2,)
    assert scores[0] > 0.85 and scores[1] < 0.6
    np.testing.assert_array_equal(scores, search.run_trials([0.5, 1e-4], [0.9, 0.9], data))


def test_the_learning_rate_means_the_courses(data):
    """scikit-learn steps by lr * velocity with velocity = beta*velocity - grad; the course steps by
    a * v with v = beta*v + (1 - beta)*grad: the same steps when lr = a * (1 - beta)."""
    classifier = search.train_with_momentum(data[0], data[1], 0.2, 0.75, num_epochs=1)
    assert classifier.learning_rate_init == pytest.approx(0.2 * 0.25)
    assert classifier.momentum == 0.75 and classifier.nesterovs_momentum is False
    assert classifier.hidden_layer_sizes == (5, 2) and classifier.alpha == 0.0


@pytest.mark.parametrize("rates, betas, message", [([0.1], [0.9, 0.9], "one beta per"),
                                                   ([0.0], [0.9], "learning_rate"),
                                                   ([0.1], [1.0], "beta")])
def test_bad_settings_are_named(data, rates, betas, message):
    with pytest.raises(ValueError, match=message):
        search.run_trials(rates, betas, data)


def test_plots_draw_on_log_axes():
    import matplotlib

    matplotlib.use("Agg")
    ax = search.plot_accuracy_vs_learning_rate({"a": ([1e-3, 1e-1], [0.6, 0.9])}, zoom=(1e-2, 1))
    assert ax.get_xscale() == "log" and len(ax.collections) == 1
    ax = search.plot_trials([1e-3, 1e-1], [0.9, 0.99], [0.6, 0.9])
    assert ax.get_xscale() == ax.get_yscale() == "log"


def test_the_notebooks_coarse_search_zooms_into_the_good_learning_rates(data):
    """The notebook's coarse random search (its seeds, 25 trials of 100 epochs): learning rates
    below 1e-3 stay at chance, and zoom_range keeps the region where the network learns."""
    from solutions.hyperparameter_tuning import sample_beta, sample_log_uniform, zoom_range

    rates = sample_log_uniform(1e-4, 1, 25, seed=1)
    betas = sample_beta(0.5, 0.999, 25, seed=2)
    scores = search.run_trials(rates, betas, data)
    assert np.all(scores[rates < 1e-3] < 0.6)
    assert scores.max() >= 0.9
    low, high = zoom_range(rates, scores)
    assert 1e-2 < low < high <= 1
    assert np.all(scores[(rates >= low) & (rates <= high)] >= 0.75)

"""course_lib.plots: every figure draws headless, returns its axes and never calls plt.show()."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_lib import plots  # noqa: E402
from course_lib.data import load_moons  # noqa: E402
from course_lib.network import he_initialization, predict_dec  # noqa: E402
from solutions.batchnorm_softmax import batchnorm_forward  # noqa: E402
from solutions.optimization_methods import (  # noqa: E402
    exponentially_weighted_average,
    update_lr,
)


@pytest.fixture(autouse=True)
def no_show(monkeypatch):
    def show(*args, **kwargs):
        raise AssertionError("course_lib.plots must not call plt.show()")

    monkeypatch.setattr(plt, "show", show)
    yield
    plt.close("all")


def gd_step(w, g, state):
    """A plain gradient-descent step for the path tests (written by the notebook in the kit)."""
    return w - 0.15 * g, state


def test_plot_costs():
    histories = {
        name: {"epochs": [0, 100, 200], "costs": [0.7, 0.5 - k / 10, 0.3 - k / 10]}
        for k, name in enumerate(["gd", "momentum", "adam"])
    }
    ax = plots.plot_costs(histories)
    assert isinstance(ax, plt.Axes)
    assert len(ax.lines) == 3
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["gd", "momentum", "adam"]
    np.testing.assert_array_equal(ax.lines[2].get_ydata(), histories["adam"]["costs"])


def test_plot_costs_on_given_axes():
    fig, (left, right) = plt.subplots(1, 2)
    assert plots.plot_costs({"gd": {"epochs": [0], "costs": [0.7]}}, ax=right) is right
    assert len(left.lines) == 0 and len(right.lines) == 1


def test_plot_decision_boundary_with_the_course_network():
    X, Y = load_moons(m=40)
    parameters = he_initialization([2, 5, 2, 1])
    ax = plots.plot_decision_boundary(
        lambda x: predict_dec(parameters, x.T), X, Y, title="He init", resolution=50
    )
    assert len(ax.collections) == 2  # the filled contour and the scattered examples
    assert ax.get_title() == "He init"
    assert ax.collections[1].get_offsets().shape == (40, 2)


def test_plot_decision_boundary_explains_a_missing_transpose():
    X, Y = load_moons(m=40)
    parameters = he_initialization([2, 5, 2, 1])
    with pytest.raises(ValueError, match="W1"):
        plots.plot_decision_boundary(lambda x: predict_dec(parameters, x), X, Y, resolution=20)
    with pytest.raises(ValueError, match="one label"):
        plots.plot_decision_boundary(lambda x: np.zeros(3), X, Y, resolution=20)


def test_elongated_quadratic_and_its_gradient():
    f, grad_f = plots.elongated_quadratic(a=1.0, b=10.0)
    w = np.array([0.3, -0.7])
    assert f(w) == pytest.approx((0.09 + 10 * 0.49) / 2)
    eps = 1e-6
    numeric = [(f(w + eps * e) - f(w - eps * e)) / (2 * eps) for e in np.eye(2)]
    np.testing.assert_allclose(grad_f(w), numeric, rtol=1e-8)
    grid = np.zeros((2, 4, 5))
    assert f(grid).shape == (4, 5)


def test_optimizer_path():
    _, grad_f = plots.elongated_quadratic()
    path = plots.optimizer_path(gd_step, [-2.0, 1.0], grad_f, num_steps=30)
    assert path.shape == (31, 2)
    np.testing.assert_array_equal(path[0], [-2.0, 1.0])
    np.testing.assert_allclose(path[1], [-2.0 + 0.15 * 2.0, 1.0 - 0.15 * 10.0])
    assert np.linalg.norm(path[-1]) < np.linalg.norm(path[0])


def test_optimizer_path_keeps_the_state_and_survives_in_place_steps():
    _, grad_f = plots.elongated_quadratic()

    def counting_step(w, g, state):
        state = 0 if state is None else state + 1
        w -= 0.1 * g  # in place on purpose
        return w, state

    states = []

    def recording_step(w, g, state):
        w, state = counting_step(w, g, state)
        states.append(state)
        return w, state

    path = plots.optimizer_path(recording_step, [1.0, 1.0], grad_f, num_steps=3)
    assert states == [0, 1, 2]
    assert len({tuple(p) for p in path}) == 4  # every point kept, none overwritten


def test_plot_optimizer_paths():
    _, grad_f = plots.elongated_quadratic()
    paths = {
        "gd": plots.optimizer_path(gd_step, [-2.0, 1.0], grad_f, 20),
        "small steps": plots.optimizer_path(
            lambda w, g, s: (w - 0.05 * g, s), [-2.0, 1.0], grad_f, 20
        ),
    }
    ax = plots.plot_optimizer_paths(paths)
    assert len(ax.lines) == 2
    assert len(ax.collections) == 1  # the contour lines
    with pytest.raises(ValueError, match=r"\(T, 2\)"):
        plots.plot_optimizer_paths({"bad": np.zeros((3, 3))})


def test_plot_ewa():
    rng = np.random.default_rng(0)
    thetas = 10 + np.cumsum(rng.normal(size=100))
    averages = {
        "beta=0.9": exponentially_weighted_average(thetas, 0.9),
        "beta=0.98, bias-corrected": exponentially_weighted_average(thetas, 0.98, True),
        "beta=0.98": exponentially_weighted_average(thetas, 0.98),
    }
    ax = plots.plot_ewa(thetas, averages)
    assert len(ax.lines) == 3
    assert len(ax.collections) == 1  # the data points
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), np.arange(1, 101))
    with pytest.raises(ValueError, match="99 values"):
        plots.plot_ewa(thetas, {"short": thetas[:-1]})


def test_plot_lr_schedules():
    epochs = np.arange(1000)
    schedules = {
        "constant": np.full(1000, 0.1),
        "update_lr": np.array([update_lr(0.1, i, 0.01) for i in epochs]),
    }
    ax = plots.plot_lr_schedules(schedules)
    assert len(ax.lines) == 2
    ax = plots.plot_lr_schedules({"from 1": np.ones(5)}, epochs=np.arange(1, 6))
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), np.arange(1, 6))


def test_plot_activation_histograms():
    rng = np.random.default_rng(0)
    Z = rng.normal(loc=[[5.0], [-3.0], [0.0]], scale=[[4.0], [0.5], [2.0]], size=(3, 200))
    Z_tilde, _ = batchnorm_forward(Z, np.ones((3, 1)), np.zeros((3, 1)))
    ax = plots.plot_activation_histograms(Z, Z_tilde, bins=30)
    assert len(ax.containers) == 2
    assert all(len(c.patches) == 30 for c in ax.containers)
    assert sum(p.get_height() for p in ax.containers[1].patches) == Z.size


@pytest.mark.parametrize(
    "draw",
    [
        lambda ax: plots.plot_costs({"gd": {"epochs": [0], "costs": [1.0]}}, ax=ax),
        lambda ax: plots.plot_decision_boundary(
            lambda x: x[:, 0] > 0,
            np.array([[0.0, 1.0], [0.0, 1.0]]),
            np.array([[0, 1]]),
            ax=ax,
            resolution=10,
        ),
        lambda ax: plots.plot_optimizer_paths({"p": np.ones((2, 2))}, ax=ax),
        lambda ax: plots.plot_ewa(np.ones(3), {"v": np.ones(3)}, ax=ax),
        lambda ax: plots.plot_lr_schedules({"s": np.ones(3)}, ax=ax),
        lambda ax: plots.plot_activation_histograms(np.ones(4), np.zeros(4), ax=ax),
    ],
)
def test_every_plot_draws_on_the_axes_it_is_given(draw):
    fig, ax = plt.subplots()
    assert draw(ax) is ax
    assert len(fig.axes) == 1
    assert len(plt.get_fignums()) == 1  # no extra figure was opened

"""The notebooks' figures: cost curves, decision boundaries, optimizer paths, averages, schedules.

Every function draws on ``ax`` (a new figure's axes when it is None) and returns the axes; none
calls ``plt.show()``, so the figures can be tested without a display. Nothing here updates
parameters: the step functions of ``optimizer_path`` come from the notebook.
"""

import matplotlib.pyplot as plt
import numpy as np


def _axes(ax):
    if ax is None:
        _, ax = plt.subplots()
    return ax


def plot_costs(histories, ax=None):
    """The average cost against the epoch, one curve per optimizer, overlaid.

    Arguments:
    histories -- dict {label: history}, each history as returned by course_lib.training.model:
                 a dict with "epochs" and "costs", lists of the same length
    ax -- matplotlib Axes to draw on; a new figure's when None

    Returns:
    ax -- the Axes, with one line per history
    """
    ax = _axes(ax)
    for label, history in histories.items():
        ax.plot(history["epochs"], history["costs"], label=label)
    ax.set_xlabel("epoch")
    ax.set_ylabel("cost")
    ax.set_title("Average cost per epoch")
    ax.legend()
    return ax


def plot_decision_boundary(predict_fn, X, Y, ax=None, title=None, resolution=300):
    """The regions a classifier labels 0 and 1, with the examples on top.

    As in the course, ``predict_fn`` receives the grid points as rows, so for the course network
    pass ``lambda x: predict_dec(parameters, x.T)``.

    Arguments:
    predict_fn -- function of points of shape (k, 2), one per row, returning k labels (any shape
                  with k entries, e.g. (1, k))
    X -- the examples, shape (2, m)
    Y -- their labels 0 or 1, shape (1, m)
    ax -- matplotlib Axes to draw on; a new figure's when None
    title -- the title of the plot, if any
    resolution -- the grid has resolution x resolution points

    Returns:
    ax -- the Axes, with the filled contour and the scattered examples
    """
    if np.ndim(X) != 2 or X.shape[0] != 2:
        raise ValueError(f"X must have shape (2, m), two coordinates per column; got {np.shape(X)}")
    ax = _axes(ax)
    x_min, x_max = X[0].min() - 1, X[0].max() + 1
    y_min, y_max = X[1].min() - 1, X[1].max() + 1
    xx, yy = np.meshgrid(
        np.linspace(x_min, x_max, resolution), np.linspace(y_min, y_max, resolution)
    )
    Z = np.asarray(predict_fn(np.c_[xx.ravel(), yy.ravel()]), dtype=np.float64)
    if Z.size != xx.size:
        raise ValueError(
            f"predict_fn returned {Z.size} labels for {xx.size} points; it must return one label "
            "per row of its input (for the course network: lambda x: predict_dec(parameters, x.T))"
        )
    ax.contourf(xx, yy, Z.reshape(xx.shape), cmap=plt.cm.Spectral)
    ax.scatter(X[0], X[1], c=np.ravel(Y), s=40, cmap=plt.cm.Spectral, edgecolors="k")
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    if title:
        ax.set_title(title)
    return ax


def elongated_quadratic(a=1.0, b=10.0):
    """An elongated bowl, ``f(w) = (a*w1**2 + b*w2**2) / 2``, and its gradient ``(a*w1, b*w2)``.

    With b much larger than a, gradient descent zig-zags across the narrow direction w2.

    Arguments:
    a, b -- the curvatures along w1 and w2, positive floats

    Returns:
    f -- function of w, shape (2,) or (2, ...) for a grid, returning f's values, shape () or (...)
    grad_f -- function of w, shape (2,), returning the gradient, shape (2,)
    """

    def f(w):
        return (a * w[0] ** 2 + b * w[1] ** 2) / 2

    def grad_f(w):
        return np.array([a * w[0], b * w[1]], dtype=np.float64)

    return f, grad_f


def optimizer_path(step_fn, w0, grad_f, num_steps, state=None):
    """The points visited by an optimizer: ``w, state = step_fn(w, grad_f(w), state)``, repeated.

    Arguments:
    step_fn -- function (w, g, state) -> (w, state): one step from w with gradient g, shape (2,);
               state is whatever the optimizer keeps between steps (a velocity, a step count, ...)
    w0 -- the starting point, shape (2,)
    grad_f -- function of w, shape (2,), returning the gradient, shape (2,)
    num_steps -- the number of steps
    state -- the state of the first step; None lets step_fn start its own

    Returns:
    path -- float64 array of shape (num_steps + 1, 2): w0, then the point after each step
    """
    w = np.array(w0, dtype=np.float64)
    if w.shape != (2,):
        raise ValueError(f"w0 must have shape (2,); got {w.shape}")
    path = [w]
    for _ in range(num_steps):
        # The step gets a copy, so that changing w in place cannot rewrite the path.
        w, state = step_fn(w.copy(), grad_f(w), state)
        w = np.array(w, dtype=np.float64)
        path.append(w)
    return np.stack(path)


def plot_optimizer_paths(paths, ax=None, f=None, limits=None):
    """Optimizer paths over the contours of a 2-D cost, by default ``elongated_quadratic()``.

    Arguments:
    paths -- dict {label: path}, each path an array of shape (T, 2) as from optimizer_path
    ax -- matplotlib Axes to draw on; a new figure's when None
    f -- the cost whose contours are drawn, a function of w of shape (2, ...) as from
         elongated_quadratic; None for elongated_quadratic()'s
    limits -- ((w1_min, w1_max), (w2_min, w2_max)), the window drawn; None for one around the
              paths and the minimum (a path may then leave the window)

    Returns:
    ax -- the Axes, with the contour lines and one line per path
    """
    if f is None:
        f, _ = elongated_quadratic()
    paths = {label: np.asarray(path, dtype=np.float64) for label, path in paths.items()}
    for label, path in paths.items():
        if path.ndim != 2 or path.shape[1] != 2:
            raise ValueError(f"path {label!r} must have shape (T, 2); got {path.shape}")
    ax = _axes(ax)
    window = limits
    if limits is None:
        points = np.concatenate([np.zeros((1, 2))] + list(paths.values()))
        low, high = points.min(axis=0), points.max(axis=0)
        margin = 0.1 * np.maximum(high - low, 1e-3)
        limits = tuple(zip(low - margin, high + margin))
    (w1_min, w1_max), (w2_min, w2_max) = limits
    w1, w2 = np.meshgrid(np.linspace(w1_min, w1_max, 200), np.linspace(w2_min, w2_max, 200))
    ax.contour(w1, w2, f(np.stack([w1, w2])), levels=20, cmap="viridis", alpha=0.6)
    for label, path in paths.items():
        ax.plot(path[:, 0], path[:, 1], "o-", markersize=3, label=label)
    if window is not None:
        ax.set_xlim(w1_min, w1_max)
        ax.set_ylim(w2_min, w2_max)
    ax.set_xlabel("w1")
    ax.set_ylabel("w2")
    ax.legend()
    return ax


def plot_ewa(thetas, averages, ax=None):
    """Noisy data, e.g. daily temperatures, with exponentially weighted averages over it.

    Arguments:
    thetas -- the data theta_1, ..., theta_T, shape (T,)
    averages -- dict {label: array of shape (T,)}, e.g. {"beta=0.98": v, "bias-corrected": v_c}
    ax -- matplotlib Axes to draw on; a new figure's when None

    Returns:
    ax -- the Axes, with the data as points and one line per average
    """
    thetas = np.ravel(thetas)
    t = np.arange(1, len(thetas) + 1)
    ax = _axes(ax)
    ax.scatter(t, thetas, s=8, color="gray", alpha=0.6, label="data")
    for label, v in averages.items():
        v = np.ravel(v)
        if v.shape != thetas.shape:
            raise ValueError(f"average {label!r} has {v.size} values for {thetas.size} data points")
        ax.plot(t, v, label=label)
    ax.set_xlabel("t")
    ax.legend()
    return ax


def plot_lr_schedules(schedules, ax=None, epochs=None):
    """Learning rate against the epoch, one curve per schedule.

    Arguments:
    schedules -- dict {label: array of learning rates, shape (T,)}
    ax -- matplotlib Axes to draw on; a new figure's when None
    epochs -- the epoch of each rate, shape (T,); None for 0, 1, ..., T-1

    Returns:
    ax -- the Axes, with one line per schedule
    """
    ax = _axes(ax)
    for label, rates in schedules.items():
        rates = np.ravel(rates)
        x = np.arange(len(rates)) if epochs is None else np.ravel(epochs)
        if x.shape != rates.shape:
            raise ValueError(f"schedule {label!r} has {rates.size} rates for {x.size} epochs")
        ax.plot(x, rates, label=label)
    ax.set_xlabel("epoch")
    ax.set_ylabel("learning rate")
    ax.legend()
    return ax


def plot_activation_histograms(before, after, ax=None, bins=50):
    """Histograms of a layer's pre-activations before and after batch norm, overlaid.

    Arguments:
    before -- Z of shape (n, m), all its entries in one histogram
    after -- Z_tilde of shape (n, m), the same layer after batch norm
    ax -- matplotlib Axes to draw on; a new figure's when None
    bins -- the number of bins of each histogram

    Returns:
    ax -- the Axes, with two histograms (two bar containers)
    """
    ax = _axes(ax)
    ax.hist(np.ravel(before), bins=bins, alpha=0.5, label="before batch norm")
    ax.hist(np.ravel(after), bins=bins, alpha=0.5, label="after batch norm")
    ax.set_xlabel("pre-activation value")
    ax.set_ylabel("count")
    ax.legend()
    return ax


def plot_loss_curves(margins, losses, ax=None):
    """Losses of one example against the margin of its logits, on log-log axes.

    Values that are not finite (a loss that overflowed to inf, or NaN) cannot be drawn on the
    curve: each is marked with an "x" at the top of the axes, in its curve's colour.

    Arguments:
    margins -- the margins, shape (K,), positive
    losses -- dict {label: array of shape (K,)}, e.g. {"from the logits": ..., "clipped": ...}
    ax -- matplotlib Axes to draw on; a new figure's when None

    Returns:
    ax -- the Axes, with one line per curve (and one marker line per curve that has non-finite
          values, labelled "<label>: inf or NaN")
    """
    margins = np.ravel(margins)
    ax = _axes(ax)
    curves = {}
    for label, loss in losses.items():
        loss = np.ravel(np.asarray(loss, dtype=np.float64))
        if loss.shape != margins.shape:
            raise ValueError(f"curve {label!r} has {loss.size} losses for {margins.size} margins")
        curves[label] = loss
    finite = np.concatenate([c[np.isfinite(c) & (c > 0)] for c in curves.values()] + [[1.0]])
    top = finite.max() * 3
    for label, loss in curves.items():
        shown = np.where(np.isfinite(loss) & (loss > 0), loss, np.nan)
        (line,) = ax.plot(margins, shown, label=label)
        bad = ~np.isfinite(loss)
        if bad.any():
            ax.plot(margins[bad], np.full(bad.sum(), top), "x", color=line.get_color(),
                    label=f"{label}: inf or NaN")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("margin of the logits")
    ax.set_ylabel("loss")
    ax.legend()
    return ax

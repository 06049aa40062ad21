"""The check cells' pictures: your result drawn beside the expected one, where a plot says more.

``check("update_parameters_with_adam")`` prints its report, then, in a notebook, draws your
optimizer's path on the elongated quadratic beside the expected path. Likewise your exponentially
weighted averages beside the expected ones (without and with bias correction), your learning-rate
schedule over the epochs beside the expected one, and your cross-entropy from the logits beside
the expected loss and the loss capped by clipped probabilities.

Everything drawn comes from the exercise's entry in the public check data (``"picture"``:
visible inputs and the expected results on them, exported with the visible cases) and from your
function run on those inputs; nothing here computes what an exercise computes. A function that is
not implemented yet gets no picture; one that raises or returns something that cannot be drawn
gets the expected curve alone, with what went wrong in the title. Drawing never raises.

When: :func:`wanted` says yes in an IPython kernel whose matplotlib backend is inline (a notebook);
elsewhere (tests, scripts) only when asked with ``check(..., plot=True)`` or the environment
variable ``COURSE_LIB_CHECK_PLOTS=1`` (``0`` turns the pictures off everywhere). The autograder
never runs the check cells, so no picture reaches graded output.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import warnings

import numpy as np

from course_lib.codec import decode
from course_lib.values import materialize

ENV = "COURSE_LIB_CHECK_PLOTS"

#: How the student's curve is drawn on top of the expected one (which stays visible beneath).
EXPECTED_STYLE = {"linewidth": 5, "alpha": 0.35, "color": "tab:blue"}
YOURS_STYLE = {"linewidth": 1.5, "linestyle": "--", "color": "tab:red"}


class _NotImplementedYet(Exception):
    """The student's function still raises NotImplementedError: no picture."""


def wanted(plot: bool | None = None) -> bool:
    """Whether a check cell draws its picture: ``plot`` if given, else the environment, else
    whether this is a notebook kernel with matplotlib's inline backend."""
    if plot is not None:
        return bool(plot)
    setting = os.environ.get(ENV, "").strip().lower()
    if setting in ("1", "true", "yes"):
        return True
    if setting in ("0", "false", "no"):
        return False
    return _inline_kernel()


def _inline_kernel() -> bool:
    try:
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
        if shell is None or getattr(shell, "kernel", None) is None:
            return False
        import matplotlib

        return "inline" in matplotlib.get_backend().lower()
    except Exception:  # a strange environment: no picture rather than a broken check
        return False


def show(name: str, fn, exercise: dict | None):
    """Draw the picture of exercise ``name`` for ``fn`` and display it in a notebook.

    Arguments:
    name -- the exercise's name
    fn -- the student's function (anything: it may be missing, raise or return nonsense)
    exercise -- the exercise's entry in the public check data (its "picture" is used)

    Returns:
    fig -- the matplotlib Figure, or None when there is no picture; in an IPython kernel it is
           displayed and closed, elsewhere it stays open for the caller
    """
    try:
        fig = draw(name, fn, exercise)
    except Exception as exc:  # a picture must never break a check cell
        print(f"(The picture of {name} could not be drawn: {type(exc).__name__}: {exc})")
        return None
    if fig is not None and _inline_kernel():
        import matplotlib.pyplot as plt
        from IPython.display import display

        with warnings.catch_warnings():  # the PNG is rendered here: nothing goes to stderr
            warnings.simplefilter("ignore")
            display(fig)
        plt.close(fig)
    return fig


def draw(name: str, fn, exercise: dict | None):
    """The Figure of exercise ``name``'s picture for the student's ``fn``, or None.

    None when the exercise has no picture, or when ``fn`` is not a function or is not implemented
    yet. Reads nothing but ``exercise["picture"]`` (public data) and calls nothing of the
    student's but ``fn`` (an optimizer's path starts from the state given there, so the
    student's initialiser plays no part).
    """
    picture = (exercise or {}).get("picture")
    if picture is None or not callable(fn):
        return None
    drawer = DRAWERS[picture["kind"]]
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            fig = drawer(name, fn, picture)
        except _NotImplementedYet:
            return None
        fig.tight_layout()
    return fig


def _run(fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` with its printing silenced; (output, None) or (None, the error)."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return fn(*args, **kwargs), None
    except NotImplementedError:
        raise _NotImplementedYet() from None
    except BaseException as exc:  # the student's code: report anything, raise nothing
        if isinstance(exc, KeyboardInterrupt):
            raise
        return None, f"{type(exc).__name__}: {exc}"[:120]


def _figure(ncols: int = 1, width: float = 7.0):
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, ncols, figsize=(width, 3.6), squeeze=False)
    return fig, list(axes[0])


def _restyle(ax, styles: dict):
    """Give the lines labelled as in ``styles`` their style, and refresh the legend."""
    for line in ax.get_lines():
        for key, value in styles.get(line.get_label(), {}).items():
            getattr(line, f"set_{key}")(value)
    ax.legend(fontsize=8)


def _numbers(values, size: int):
    """``values`` as float64 of shape (size,), or (None, why not)."""
    try:
        array = np.asarray(values, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        return None, f"your function returned {type(values).__name__}, not numbers"
    if array.size != size:
        return None, f"your function returned {array.size} values for {size}"
    return array, None


def _left_out(values, positions, axis: str) -> str | None:
    """The sentence that says which of the student's values are not drawn (inf or NaN: a line
    cannot show them), or None when every one is drawn."""
    bad = ~np.isfinite(np.asarray(values, dtype=np.float64))
    if not bad.any():
        return None
    where = [f"{p:g}" for p in np.asarray(positions)[bad]]
    if len(where) > 4:
        return (f"Not drawn: your values at {axis} = {', '.join(where[:3])} and "
                f"{len(where) - 3} more, which are inf or NaN.")
    return f"Not drawn: your values at {axis} = {', '.join(where)}, which are inf or NaN."


def _title(ax, title: str, notes) -> None:
    """The panel's title, with what went wrong or was left out below it."""
    ax.set_title("\n".join([title, *(n for n in notes if n)]), fontsize=9)


# ------------------------------------------------------------------------------------------------
# The pictures
# ------------------------------------------------------------------------------------------------


def _optimizer_path(name, fn, picture):
    from course_lib import plots

    expected = decode(picture["expected"])
    f, grad_f = plots.elongated_quadratic(*picture["curvatures"])
    path, problem = _student_path(name, fn, picture, grad_f)
    paths = {"expected": expected}
    if path is not None:
        paths["yours"] = path
    fig, (ax,) = _figure(width=7.5)
    plots.plot_optimizer_paths(paths, ax=ax, f=f, limits=_window(expected))
    _restyle(ax, {"expected": {**EXPECTED_STYLE, "markersize": 5},
                  "yours": {**YOURS_STYLE, "markersize": 3}})
    hyper = ", ".join(f"{k} = {v}" for k, v in picture["hyperparameters"].items())
    title = f"{name}: {picture['num_steps']} steps from {picture['w0']} ({hyper})"
    ax.set_title(title + (f"\n{problem}" if problem else ""), fontsize=9)
    return fig


def _student_path(name, fn, picture, grad_f):
    """The student's path (possibly cut where it stopped being finite) and what went wrong."""
    from course_lib import demos, plots

    def unused(*args, **kwargs):  # the first state is given: the initialiser is never called
        raise RuntimeError("not called")

    exercises = {n: unused for n in demos.NEEDS[picture["optimizer"]]}
    exercises[name] = fn
    step = demos.quadratic_step(picture["optimizer"], exercises, **picture["hyperparameters"])
    state = decode(picture["initial_state"])
    if picture["optimizer"] == "adam":
        state = tuple(state)
    path, problem = _run(plots.optimizer_path, step, picture["w0"], grad_f,
                         picture["num_steps"], state=state)
    if problem:
        return None, f"your update could not make the path: {problem}"
    finite = np.isfinite(path).all(axis=1)
    if not finite.all():
        stop = int(np.argmin(finite))
        return path[:stop], f"your path is not finite (inf or NaN) from step {stop}"
    return path, None


def _window(expected):
    """A window around the expected path and the minimum: a diverging path leaves it."""
    points = np.concatenate([expected, np.zeros((1, 2))])
    low, high = points.min(axis=0), points.max(axis=0)
    margin = 0.15 * np.maximum(high - low, 1e-3)
    return tuple(zip(low - margin, high + margin))


def _ewa(name, fn, picture):
    from course_lib import plots

    thetas = decode(picture["thetas"])
    fig, axes = _figure(ncols=2, width=11)
    panels = (("without bias correction", picture["expected"], {}),
              ("with bias correction", picture["expected_corrected"], {"bias_correction": True}))
    for ax, (what, expected, kwargs) in zip(axes, panels):
        output, problem = _run(fn, thetas.copy(), picture["beta"], **kwargs)
        averages = {"expected": decode(expected)}
        left_out = None
        if problem is None:
            yours, problem = _numbers(output, thetas.size)
            if yours is not None:
                averages["yours"] = yours
                left_out = _left_out(yours, np.arange(1, thetas.size + 1), "t")
        plots.plot_ewa(thetas, averages, ax=ax)
        _restyle(ax, {"expected": EXPECTED_STYLE, "yours": YOURS_STYLE})
        _title(ax, f"β = {picture['beta']}, {what}", [problem, left_out])
    fig.suptitle(name, fontsize=10)
    return fig


def _lr_schedule(name, fn, picture):
    from course_lib import plots

    epochs = np.asarray(picture["epochs"])
    rates, problem = [], None
    for epoch in picture["epochs"]:
        rate, problem = _run(fn, picture["learning_rate0"], epoch, **picture["kwargs"])
        if problem:
            problem = f"at epoch {epoch} your function raised {problem}"
            break
        rate, problem = _scalar(rate)
        if problem:
            problem = f"at epoch {epoch} your function returned {problem}"
            break
        rates.append(rate)
    schedules = {"expected": picture["expected"]}
    left_out = None
    if problem is None:
        yours, problem = _numbers(rates, epochs.size)
        if yours is not None:
            schedules["yours"] = yours
            left_out = _left_out(yours, epochs, "epoch")
    fig, (ax,) = _figure()
    plots.plot_lr_schedules(schedules, ax=ax, epochs=epochs)
    _restyle(ax, {"expected": EXPECTED_STYLE, "yours": YOURS_STYLE})
    settings = ", ".join(f"{k} = {v}" for k, v in picture["kwargs"].items())
    _title(ax, f"{name}(learning_rate0 = {picture['learning_rate0']}, {settings})",
           [problem, left_out])
    return fig


def _loss_curve(name, fn, picture):
    from course_lib import plots

    losses, problem = [], None
    for margin, call in zip(picture["margins"], picture["calls"]):
        args, kwargs = materialize(decode(call))
        loss, problem = _run(fn, *args, **kwargs)
        if problem:
            problem = f"at margin {margin:.3g} your function raised {problem}"
            break
        loss, problem = _scalar(loss)
        if problem:
            problem = f"at margin {margin:.3g} your function returned {problem}"
            break
        losses.append(loss)
    curves = {"from the logits (expected)": picture["expected"],
              picture["capped_label"]: picture["capped"]}
    if problem is None:
        yours, problem = _numbers(losses, len(picture["margins"]))
        if yours is not None:
            curves["yours"] = yours
    fig, (ax,) = _figure()
    plots.plot_loss_curves(picture["margins"], curves, ax=ax)
    _restyle(ax, {"from the logits (expected)": EXPECTED_STYLE,
                  picture["capped_label"]: {"color": "gray", "linestyle": ":"},
                  "yours": YOURS_STYLE, "yours: inf or NaN": {"color": "tab:red"}})
    title = f"{name}: one example, logits [margin, 0, -margin], the last class true"
    ax.set_title(title + (f"\n{problem}" if problem else ""), fontsize=9)
    return fig


def _scalar(value):
    """(``value`` as a float, None), or (None, what it is instead of one number)."""
    try:
        array = np.asarray(value.numpy() if hasattr(value, "numpy") else value, dtype=np.float64)
    except Exception:
        return None, f"{type(value).__name__}, not a number"
    if array.size != 1:
        return None, f"{array.size} numbers instead of one"
    return float(array.ravel()[0]), None


def _pixels(image, row):
    """(x, y) of the pixel of ``image`` (distinct values) holding each entry of ``row``; NaN for
    an entry found nowhere."""
    x, y = np.full(row.size, np.nan), np.full(row.size, np.nan)
    for k, value in enumerate(row):
        found = np.argwhere(image == value)
        if len(found):
            y[k], x[k] = found[0]
    return x, y


def _im2col_rows(name, fn, picture):
    """The input's pixels with each expected row's window drawn in its own colour, and a ring of
    the same colour on every pixel your row holds: a ring in another row's window is a row out
    of place."""
    import matplotlib.patches as patches
    import matplotlib.pyplot as plt

    X, expected = decode(picture["X"]), decode(picture["expected"])
    image = X[0, 0]
    FH, FW, S = picture["FH"], picture["FW"], picture["S"]
    output, problem = _run(fn, X.copy(), FH, FW, S=S)
    yours = None
    if problem is None:
        try:
            yours = np.asarray(output, dtype=np.float64)
        except (TypeError, ValueError):
            problem = f"your function returned {type(output).__name__}, not an array"
        else:
            if yours.shape != expected.shape:
                problem = f"your col has shape {yours.shape}, not {expected.shape}"
                yours = None
    colours = plt.get_cmap("tab10").colors
    fig, (ax,) = _figure(width=8)
    ax.set_xlim(-0.6, image.shape[1] - 0.4)
    ax.set_ylim(image.shape[0] - 0.4, -0.6)
    ax.set_aspect("equal")
    for (i, j), value in np.ndenumerate(image):
        ax.text(j - 0.3, i - 0.25, f"{value:g}", fontsize=7, color="gray")
    ex, ey = np.concatenate([_pixels(image, row) for row in expected], axis=1)
    ax.plot(ex, ey, "s", label="expected pixels", markerfacecolor="none", markersize=4,
            color="gray", linestyle="none")
    for r, row in enumerate(expected):  # each expected row's window, in the row's colour
        x, y = _pixels(image, row)
        colour = colours[r % len(colours)]
        ax.add_patch(patches.Rectangle((np.nanmin(x) - 0.42 + 0.04 * r, np.nanmin(y) - 0.42
                                        + 0.04 * r), FW - 0.16, FH - 0.16, fill=False,
                                       linewidth=1.5, color=colour))
        ax.text(np.nanmax(x) + 0.05, np.nanmax(y) + 0.35 - 0.12 * r, f"row {r}", fontsize=7,
                color=colour)
    left_out = None
    if yours is not None:
        x, y = np.concatenate([_pixels(image, row) for row in yours], axis=1)
        ax.plot(x, y, "o", label="yours", markersize=2.5, color="black", linestyle="none")
        rows = np.repeat(np.arange(len(yours)), yours.shape[1])
        ax.scatter(x + 0.08 * (rows % 3 - 1), y + 0.08 * (rows // 3 % 3 - 1), s=40,
                   facecolors="none", edgecolors=[colours[r % len(colours)] for r in rows],
                   linewidths=1.2)
        if np.isnan(x).any():
            left_out = (f"Not drawn: {int(np.isnan(x).sum())} entries of your col that are no "
                        "pixel of the input.")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_xticks([])
    ax.set_yticks([])
    _title(ax, f"{name}: the pixels of each row of col, ringed in the colour of its window "
           f"({FH} x {FW}, S = {S})", [problem, left_out])
    return fig


DRAWERS = {
    "optimizer_path": _optimizer_path,
    "ewa": _ewa,
    "lr_schedule": _lr_schedule,
    "loss_curve": _loss_curve,
    "im2col_rows": _im2col_rows,
}

"""Helpers for the notebooks' demonstrations: run the student's functions, or say what is missing.

The demonstration cells of a notebook run in the release version too, where the exercises still
raise ``NotImplementedError``, and Jupyter's "Run All" must go on past them. Every demonstration
runs inside ``guard``::

    with demos.guard("initialize_adam", "update_parameters_with_adam"):
        ...  # train, plot, print

which lets the cell's code run, and when the student's code raises (an unfinished exercise, or a
bug) prints one friendly line on stdout instead of the traceback, and closes the half-drawn
figures. Nothing here writes to stderr: warnings raised inside a guard are printed on stdout.

Nothing here computes what an exercise computes: the updates, the averages, the decayed rates, the
normalisations and the softmax all come from the student's functions, passed in or looked up by
name in the notebook's ``globals()``. The rest is data for the demonstrations.
"""

from __future__ import annotations

import inspect
import io
import sys
import warnings
from collections.abc import Mapping

import numpy as np

from course_lib.training import NEEDS, OPTIMIZERS, model


class guard:
    """A context manager that turns the student's exceptions into one line of advice.

    Arguments:
    *needs -- the names of the exercise functions the demonstration calls, e.g.
              "update_parameters_with_adam"; named in the advice
    what -- what the student will see once those functions work, e.g. "this plot"
    namespace -- where the functions are looked up to name the culprit; the caller's globals
                 (the notebook's) when None

    On leaving the block, an exception (any ``Exception``, not KeyboardInterrupt) is caught and
    explained: ``NotImplementedError`` as an exercise still to complete, ``NameError`` as a cell
    not yet run, anything else as a bug to find with the exercise's check cell. Figures opened in
    the block are then closed so that no half-drawn plot is shown. ``ok`` tells afterwards whether
    the block ran to its end.
    """

    def __init__(self, *needs: str, what: str = "this demonstration",
                 namespace: Mapping | None = None):
        if namespace is None:
            namespace = inspect.currentframe().f_back.f_globals
        self.needs = needs
        self.what = what
        self.namespace = namespace
        self.ok = None
        self.message = None

    def __enter__(self):
        self._figures = _open_figures()
        self._warnings = warnings.catch_warnings(record=True)
        self._caught = self._warnings.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb):
        self._warnings.__exit__(None, None, None)
        self._report_warnings()
        if exc_type is None:
            self.ok = True
            return False
        if not issubclass(exc_type, Exception):
            return False  # KeyboardInterrupt, SystemExit: the student's wish
        self.ok = False
        _close_figures_since(self._figures)
        self.message = self._advice(exc, tb)
        print(self.message)
        return True

    def _report_warnings(self):
        seen = []
        for w in self._caught:
            line = f"{w.category.__name__}: {w.message}"
            if line not in seen:
                seen.append(line)
        for line in seen[:3]:
            print(f"Warning raised during {self.what}: {line}")
        if len(seen) > 3:
            print(f"... and {len(seen) - 3} other warning(s).")

    def _culprit(self, tb):
        """The innermost function of the student's (one of ``needs``, or defined in the notebook)."""
        named, defined = None, None
        while tb is not None:
            code = tb.tb_frame.f_code
            if code.co_name in self.needs:
                named = code.co_name
            elif self._defined_here(code):
                defined = code.co_name
            tb = tb.tb_next
        return named or defined

    def _defined_here(self, code) -> bool:
        """Whether ``code`` is a function defined in the notebook itself (not one it imported)."""
        fn = self.namespace.get(code.co_name)
        return (getattr(fn, "__code__", None) is code
                and getattr(fn, "__module__", None) == self.namespace.get("__name__"))

    def _advice(self, exc, tb) -> str:
        culprit = self._culprit(tb)
        needs = _join(self.needs)
        if isinstance(exc, NotImplementedError):
            return f"Complete {culprit or needs or 'the exercises'} above to see {self.what}."
        if isinstance(exc, NameError) and not culprit:
            cells = f"(the data, and the exercises {needs})" if needs else "(the data)"
            return f"{exc}: run the cells above first {cells}, then this one, to see {self.what}."
        text = f"{type(exc).__name__}: {exc}".strip()
        if len(text) > 300:
            text = text[:297] + "..."
        if culprit:
            return (f"Could not show {self.what}: your {culprit} raised {text}\n"
                    f"Run the check cell of {culprit} above to find out what is wrong.")
        if not needs:
            return f"Could not show {self.what}: {text}"
        return (f"Could not show {self.what} (it uses {needs}): {text}\n"
                "Run the check cells of those exercises above to find out what is wrong.")


def _join(names) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _open_figures():
    if "matplotlib.pyplot" not in sys.modules:
        return None
    return set(sys.modules["matplotlib.pyplot"].get_fignums())


def _close_figures_since(before):
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is None:
        return
    for number in plt.get_fignums():
        if before is None or number not in before:
            plt.close(number)


# ------------------------------------------------------------------------------------------------
# Training
# ------------------------------------------------------------------------------------------------


def train(X, Y, layers_dims, optimizer, exercises, **kwargs):
    """``course_lib.training.model``, after a silent rehearsal of one epoch on a few examples.

    The rehearsal calls every function of the student's the run needs, without output, so that an
    unfinished exercise stops the demonstration before its progress bar starts. Arguments and
    return values are those of ``model``.
    """
    rehearsal = {key: value for key, value in kwargs.items() if key not in ("num_epochs",
                                                                          "print_cost", "progress")}
    state = np.random.get_state()
    with io.StringIO() as sink:
        stdout, sys.stdout = sys.stdout, sink
        try:
            model(X[:, :16], Y[:, :16], layers_dims, optimizer, exercises, num_epochs=1,
                  progress=False, **rehearsal)
        finally:
            sys.stdout = stdout
    np.random.set_state(state)
    return model(X, Y, layers_dims, optimizer, exercises, **kwargs)


# ------------------------------------------------------------------------------------------------
# Optimizer paths on a 2-D cost
# ------------------------------------------------------------------------------------------------


def quadratic_step(optimizer, exercises, learning_rate, beta=0.9, beta1=0.9, beta2=0.999,
                   epsilon=1e-8):
    """One step of the student's optimizer on a point w of shape (2,), for plots.optimizer_path.

    The point becomes a one-layer network's parameters, ``{"W1": w as (1, 2), "b1": 0 as (1, 1)}``,
    and its gradient ``{"dW1": g as (1, 2), "db1": 0}``; the student's initialiser makes the state
    on the first step and the student's update function makes every step.

    Arguments:
    optimizer -- "gd", "momentum", "rmsprop", "adam" or "adagrad"
    exercises -- mapping from names to the student's functions, e.g. the notebook's globals()
    learning_rate, beta, beta1, beta2, epsilon -- the optimizer's hyperparameters, as in model

    Returns:
    step -- function (w, g, state) -> (w, state), as plots.optimizer_path expects
    """
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {OPTIMIZERS}; got {optimizer!r}")
    names = NEEDS[optimizer]
    for name in names:
        if not callable(exercises.get(name)):
            raise NameError(f"name '{name}' is not defined")
    functions = [exercises[name] for name in names]
    update = functions[-1]

    def step(w, g, state):
        parameters = {"W1": np.reshape(w, (1, 2)), "b1": np.zeros((1, 1))}
        grads = {"dW1": np.reshape(g, (1, 2)), "db1": np.zeros((1, 1))}
        if optimizer == "gd":
            parameters = update(parameters, grads, learning_rate)
        elif optimizer == "momentum":
            v = functions[0](parameters) if state is None else state
            parameters, state = _returned(update(parameters, grads, v, beta, learning_rate),
                                          names[-1], ("parameters", "v"))
        elif optimizer == "rmsprop":
            s = functions[0](parameters) if state is None else state
            parameters, state = _returned(
                update(parameters, grads, s, beta2, learning_rate, epsilon), names[-1],
                ("parameters", "s"))
        elif optimizer == "adagrad":
            h = functions[0](parameters) if state is None else state
            parameters, state = _returned(update(parameters, grads, h, learning_rate, epsilon),
                                          names[-1], ("parameters", "h"))
        else:
            if state is None:
                state = (*_returned(functions[0](parameters), names[0], ("v", "s")), 0)
            v, s, t = state
            t = t + 1
            parameters, v, s, _, _ = _returned(
                update(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon),
                names[-1], ("parameters", "v", "s", "v_corrected", "s_corrected"))
            state = (v, s, t)
        if not isinstance(parameters, dict) or "W1" not in parameters:
            raise TypeError(f"{names[-1]} must return the updated parameters dict; "
                            f"it returned {type(parameters).__name__}")
        return np.reshape(parameters["W1"], (2,)), state

    return step


def _returned(result, name, returns):
    """``result``, after checking that it is the tuple ``name`` promises."""
    if not isinstance(result, tuple) or len(result) != len(returns):
        got = f"a tuple of {len(result)}" if isinstance(result, tuple) else type(result).__name__
        raise TypeError(f"{name} must return ({', '.join(returns)}); it returned {got}")
    return result


# ------------------------------------------------------------------------------------------------
# Data for the demonstrations
# ------------------------------------------------------------------------------------------------


def noisy_temperatures(T=200, seed=1):
    """Made-up daily temperatures in degrees Celsius: a slow seasonal swing plus daily noise.

    Drawn from a generator of its own, so the global NumPy stream is left alone.

    Arguments:
    T -- the number of days
    seed -- the seed of the draw

    Returns:
    thetas -- float64 array of shape (T,): theta_1, ..., theta_T
    """
    rng = np.random.default_rng(seed)
    days = np.arange(1, T + 1)
    season = 12 + 10 * np.sin(2 * np.pi * (days - 40) / 365)
    return season + rng.normal(0.0, 3.0, T)


#: Mean and standard deviation of each of the four units of ``layer_inputs``.
UNIT_MEANS = np.array([[6.0], [-3.0], [0.5], [20.0]])
UNIT_STDS = np.array([[3.0], [0.5], [1.0], [8.0]])


def layer_inputs(m=256, seed=0):
    """Pre-activations Z of a layer with four units on very different scales, shape (4, m).

    Unit i is drawn with mean UNIT_MEANS[i] and standard deviation UNIT_STDS[i] (a skewed,
    gamma-shaped spread for the last unit), from a generator of its own: the kind of inputs batch
    norm evens out.

    Arguments:
    m -- the number of examples (columns)
    seed -- the seed of the draw

    Returns:
    Z -- float64 array of shape (4, m)
    """
    rng = np.random.default_rng(seed)
    Z = UNIT_MEANS + UNIT_STDS * rng.standard_normal((4, m))
    shape = 4.0  # a gamma distribution with this shape, rescaled to the unit's mean and std
    skewed = (rng.gamma(shape, 1.0, m) - shape) / np.sqrt(shape)
    Z[3] = UNIT_MEANS[3, 0] + UNIT_STDS[3, 0] * skewed
    return Z

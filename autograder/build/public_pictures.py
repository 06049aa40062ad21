"""The data behind the check cells' pictures: visible inputs, and what the references make of them.

A check cell draws the student's result beside the expected one where a picture shows a mistake
faster than numbers (see :mod:`course_lib.check_plots`). The inputs of a picture are new,
visible inputs declared here (never a hidden case); the expected curves are computed by the
exercise's declared reference, and the "capped" loss by the declared mistake that clips the
probabilities. :func:`picture` returns the JSON-ready entry that :mod:`autograder.build.public` writes
beside the exercise's visible cases (``"picture"``), or None for an exercise without a picture.

Kinds (the keys each entry holds besides ``kind``):

- ``optimizer_path``: ``optimizer`` ("momentum", "rmsprop", "adam", "adagrad"), ``curvatures`` [a, b] of
  ``plots.elongated_quadratic``, ``w0`` [2], ``num_steps``, ``hyperparameters`` (the keyword
  arguments of ``demos.quadratic_step``), ``initial_state`` (encoded: what the reference
  initialiser returns for the one-layer network of ``quadratic_step``, with t = 0 for Adam) and
  ``expected`` (encoded path, shape (num_steps + 1, 2));
- ``ewa``: ``thetas`` (encoded, shape (T,)), ``beta``, ``expected`` and ``expected_corrected``
  (encoded, shape (T,): without and with bias correction);
- ``lr_schedule``: ``learning_rate0``, ``epochs`` [T], ``kwargs`` (the schedule's other keyword
  arguments), ``expected`` [T];
- ``loss_curve``: ``margins`` [K] (the logits of example k are [margin, 0, -margin], its label
  the last class), ``calls`` (encoded (args, kwargs) of each call), ``expected`` [K], ``capped``
  [K] and ``capped_label``;
- ``im2col_rows``: ``X`` (encoded, one image of one channel holding 1, 2, 3, ...: every value
  names its pixel), ``FH``, ``FW``, ``S`` and ``expected`` (encoded, the reference's col); the
  check cell marks where each entry of the student's rows comes from in the input.
"""

from __future__ import annotations

import numpy as np

from autograder.course.expected import normalise
from autograder.course.spec import Assignment, Exercise, resolve
from course_lib import demos, plots
from course_lib.codec import encode
from course_lib.values import TensorArg, TensorValue, materialize

#: The elongated quadratic and the hyperparameters of the notebook's optimizer-path demonstration.
QUADRATIC = {"curvatures": [1.0, 10.0], "w0": [-4.0, 1.0], "num_steps": 50}
OPTIMIZERS = {
    "update_parameters_with_momentum": ("momentum", "initialize_velocity",
                                        {"learning_rate": 0.1, "beta": 0.9}),
    "update_parameters_with_rmsprop": ("rmsprop", "initialize_rmsprop",
                                       {"learning_rate": 0.1, "beta2": 0.9}),
    "update_parameters_with_adam": ("adam", "initialize_adam", {"learning_rate": 0.2}),
    "update_parameters_with_adagrad": ("adagrad", "initialize_adagrad", {"learning_rate": 0.5}),
}

#: Fifty days of the notebook's made-up temperatures; beta = 0.9 keeps the uncorrected start
#: visibly low for about twenty days.
EWA = {"days": 50, "beta": 0.9}

#: Each schedule over enough epochs to show its shape (sqrt_lr_decay is defined from epoch 1).
SCHEDULES = {
    "update_lr": (0.5, range(0, 51), {"decay_rate": 0.3}),
    "schedule_lr_decay": (0.5, range(0, 51), {"decay_rate": 1.0, "time_interval": 10}),
    "exponential_lr_decay": (0.5, range(0, 51), {"base": 0.9}),
    "sqrt_lr_decay": (0.5, range(1, 51), {"k": 1.0}),
}

#: Margins of the loss curve, and the declared mistake whose loss is capped by clipping.
MARGINS = np.geomspace(1.0, 800.0, 30)  # 1000 is a hidden case's (the curriculum's example)
LOSSES = {
    "softmax_cross_entropy_cost": ("clipped_probabilities", False),
    "compute_total_loss": ("softmax_then_loss", True),
}
CAPPED_LABEL = "softmax, then log of probabilities clipped at 1e-7"

#: im2col's picture: a 5 x 7 image of counting numbers, a 3 x 3 window, stride 2 (2 x 3 positions).
IM2COL = {"shape": (1, 1, 5, 7), "FH": 3, "FW": 3, "S": 2}


def picture(assignment: Assignment, exercise: Exercise) -> dict | None:
    """The picture entry of ``exercise`` (see the module docstring), or None."""
    name = exercise.name
    if name in OPTIMIZERS:
        return _optimizer_path(assignment, exercise)
    if name == "exponentially_weighted_average":
        return _ewa(exercise)
    if name in SCHEDULES:
        return _lr_schedule(exercise)
    if name in LOSSES:
        return _loss_curve(exercise)
    if name == "im2col":
        return _im2col_rows(exercise)
    return None


def _im2col_rows(exercise: Exercise) -> dict:
    shape = IM2COL["shape"]
    X = np.arange(1, int(np.prod(shape)) + 1, dtype=np.float64).reshape(shape)
    col = resolve(exercise.reference)(X.copy(), IM2COL["FH"], IM2COL["FW"], S=IM2COL["S"])
    return {"kind": "im2col_rows", "X": encode(X), "FH": IM2COL["FH"], "FW": IM2COL["FW"],
            "S": IM2COL["S"], "expected": encode(col)}


def _optimizer_path(assignment: Assignment, exercise: Exercise) -> dict:
    optimizer, initializer, hyperparameters = OPTIMIZERS[exercise.name]
    references = {initializer: resolve(assignment.exercise(initializer).reference),
                  exercise.name: resolve(exercise.reference)}
    state = references[initializer]({"W1": np.zeros((1, 2)), "b1": np.zeros((1, 1))})
    if optimizer == "adam":
        state = (*state, 0)
    _, grad_f = plots.elongated_quadratic(*QUADRATIC["curvatures"])
    path = plots.optimizer_path(demos.quadratic_step(optimizer, references, **hyperparameters),
                                QUADRATIC["w0"], grad_f, QUADRATIC["num_steps"],
                                state=normalise(state))
    return {"kind": "optimizer_path", "optimizer": optimizer, **QUADRATIC,
            "hyperparameters": hyperparameters, "initial_state": encode(state),
            "expected": encode(path)}


def _ewa(exercise: Exercise) -> dict:
    reference = resolve(exercise.reference)
    thetas = np.round(demos.noisy_temperatures(EWA["days"]), 1)
    return {"kind": "ewa", "thetas": encode(thetas), "beta": EWA["beta"],
            "expected": encode(reference(thetas.copy(), EWA["beta"])),
            "expected_corrected": encode(reference(thetas.copy(), EWA["beta"],
                                                   bias_correction=True))}


def _lr_schedule(exercise: Exercise) -> dict:
    reference = resolve(exercise.reference)
    learning_rate0, epochs, kwargs = SCHEDULES[exercise.name]
    return {"kind": "lr_schedule", "learning_rate0": learning_rate0, "epochs": list(epochs),
            "kwargs": kwargs,
            "expected": [float(reference(learning_rate0, epoch, **kwargs)) for epoch in epochs]}


def _loss_curve(exercise: Exercise) -> dict:
    mistake_name, tensors = LOSSES[exercise.name]
    reference = resolve(exercise.reference)
    capped = resolve(next(m.implementation for m in exercise.mistakes if m.name == mistake_name))
    calls = [_loss_call(margin, tensors) for margin in MARGINS]
    return {"kind": "loss_curve", "margins": [float(m) for m in MARGINS],
            "calls": [encode(call) for call in calls],
            "expected": [_loss_value(reference, call) for call in calls],
            "capped": [_loss_value(capped, call) for call in calls],
            "capped_label": CAPPED_LABEL}


def _loss_call(margin: float, tensors: bool) -> tuple:
    """(args, kwargs) of one example with logits [margin, 0, -margin] and the last class."""
    logits = np.array([[margin], [0.0], [-margin]])
    labels = np.array([[0.0], [0.0], [1.0]])
    if tensors:
        return (TensorArg(logits), TensorArg(labels)), {}
    return (logits, labels), {}


def _loss_value(fn, call: tuple) -> float:
    args, kwargs = materialize(call)
    value = normalise(fn(*args, **kwargs))
    return float(np.asarray(value.value if isinstance(value, TensorValue) else value))

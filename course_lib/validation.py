"""Input checks shared by the exercises, so that bad input fails with a sentence, not a traceback.

These run before any arithmetic. Each raises ``ValueError`` (or ``TypeError`` for a value of the
wrong kind) whose message names the argument, what was expected and what was given.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping

import numpy as np


def _shape(value) -> tuple:
    return tuple(np.shape(value))


def num_layers(parameters: Mapping) -> int:
    """``L`` for a parameters dict ``{"W1", "b1", ..., "WL", "bL"}``, checking that it is complete."""
    if not isinstance(parameters, Mapping):
        raise TypeError(f"parameters must be a dict, got {type(parameters).__name__}")
    if len(parameters) == 0 or len(parameters) % 2:
        raise ValueError(
            "parameters must hold a W and a b for every layer (W1, b1, ..., WL, bL); "
            f"got keys {sorted(parameters)}"
        )
    L = len(parameters) // 2
    missing = [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b") if f"{p}{l}" not in parameters]
    if missing:
        raise ValueError(
            f"parameters is missing {missing}; expected W1, b1, ..., W{L}, b{L}, "
            f"got keys {sorted(parameters)}"
        )
    return L


def check_matches_parameters(parameters: Mapping, other: Mapping, name: str) -> int:
    """Check that ``other`` (grads, v or s) has ``dW{l}``, ``db{l}`` shaped like ``W{l}``, ``b{l}``.

    Returns ``L``. ``name`` is how the message calls ``other`` ("grads", "v", "s").
    """
    L = num_layers(parameters)
    if not isinstance(other, Mapping):
        raise TypeError(f"{name} must be a dict, got {type(other).__name__}")
    for l in range(1, L + 1):
        for p in ("W", "b"):
            key = f"d{p}{l}"
            if key not in other:
                raise ValueError(
                    f"{name} has no {key!r} but parameters has {p}{l}; "
                    f"{name} keys: {sorted(other)}, parameters keys: {sorted(parameters)}"
                )
            if _shape(other[key]) != _shape(parameters[f"{p}{l}"]):
                raise ValueError(
                    f"{name}[{key!r}] has shape {_shape(other[key])} but "
                    f"parameters[{p + str(l)!r}] has shape {_shape(parameters[f'{p}{l}'])}"
                )
    return L


def check_positive_int(value, name: str) -> None:
    """Check that ``value`` is a whole number >= 1 (a bool is not a number here)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number >= 1, got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")


def check_layers_dims(layers_dims) -> list[int]:
    """Check ``[n_x, n[1], ..., n[L]]``: at least two whole numbers >= 1; returns them as ints."""
    try:
        dims = list(layers_dims)
    except TypeError:
        dims = None
    if (dims is None or len(dims) < 2
            or any(isinstance(n, bool) or not isinstance(n, numbers.Real) or int(n) != n or n < 1
                   for n in dims)):
        raise ValueError(
            "layers_dims must list at least two layer sizes [n_x, ..., n_y], each a whole number "
            f">= 1; got {layers_dims!r}"
        )
    return [int(n) for n in dims]


def _check_real(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise TypeError(f"{name} must be a finite number, got {value!r}")
    return float(value)


def check_log_range(low, high, n) -> None:
    """Check a range to sample on a log scale, ``0 < low <= high``, and ``n`` whole >= 1."""
    low, high = _check_real(low, "low"), _check_real(high, "high")
    if not 0 < low <= high:
        raise ValueError(f"a log scale needs 0 < low <= high; got low = {low!r}, high = {high!r}")
    check_positive_int(n, "n (the number of samples)")


def check_beta_range(low, high, n) -> None:
    """Check a range of averaging weights, ``0 <= low <= high < 1``, and ``n`` whole >= 1."""
    low, high = _check_real(low, "low"), _check_real(high, "high")
    if not 0 <= low <= high < 1:
        raise ValueError(f"beta's range needs 0 <= low <= high < 1; got low = {low!r}, "
                         f"high = {high!r}")
    check_positive_int(n, "n (the number of samples)")


def check_trials(values, scores, top_fraction):
    """Check a search's trials: ``values`` and ``scores`` of shape (n,), n >= 1, finite, and
    ``0 < top_fraction <= 1``; returns them as float64 arrays."""
    values = np.asarray(values, dtype=np.float64)
    scores = np.asarray(scores, dtype=np.float64)
    if values.ndim != 1 or scores.shape != values.shape or values.size == 0:
        raise ValueError("values and scores must be 1-D with one entry per trial (at least one); "
                         f"got shapes {values.shape} and {scores.shape}")
    if not (np.isfinite(values).all() and np.isfinite(scores).all()):
        raise ValueError("values and scores must be finite numbers (no NaN or inf)")
    top_fraction = _check_real(top_fraction, "top_fraction")
    if not 0 < top_fraction <= 1:
        raise ValueError(f"top_fraction must satisfy 0 < top_fraction <= 1, got {top_fraction!r}")
    return values, scores


def check_same_columns(X, Y) -> int:
    """Check that X ``(n_x, m)`` and Y ``(k, m)`` are 2-D with the same ``m >= 1``; return ``m``."""
    if np.ndim(X) != 2 or np.ndim(Y) != 2:
        raise ValueError(
            f"X and Y must be 2-D (features or labels by examples); "
            f"got X shape {_shape(X)} and Y shape {_shape(Y)}"
        )
    if X.shape[1] != Y.shape[1]:
        raise ValueError(
            f"X and Y must have one column per example and the same number of examples; "
            f"got X shape {X.shape} and Y shape {Y.shape}"
        )
    if X.shape[1] < 1:
        raise ValueError("X and Y hold no examples (m = 0)")
    return X.shape[1]


def check_column_vector(value, n: int, name: str) -> None:
    """Check that ``value`` has shape ``(n, 1)``, one entry per unit."""
    if _shape(value) != (n, 1):
        raise ValueError(f"{name} must have shape ({n}, 1), one entry per unit; got {_shape(value)}")


def check_same_shape(a, b, name_a: str, name_b: str) -> None:
    """Check that two arrays have the same shape."""
    if _shape(a) != _shape(b):
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape; got {_shape(a)} and {_shape(b)}"
        )


def check_batch(Z, gamma, beta) -> None:
    """Check a batch-norm input: Z ``(n, m)`` with ``m >= 1``, gamma and beta ``(n, 1)``."""
    if np.ndim(Z) != 2 or _shape(Z)[1] < 1:
        raise ValueError(f"Z must have shape (n, m): n units by m >= 1 examples; got {_shape(Z)}")
    check_column_vector(gamma, Z.shape[0], "gamma")
    check_column_vector(beta, Z.shape[0], "beta")


def check_logits(Z, name: str) -> None:
    """Check that logits are 2-D, ``(C, m)``: classes by examples."""
    if np.ndim(Z) != 2:
        raise ValueError(f"{name} must have shape (C, m): classes by examples; got {_shape(Z)}")


def student_function(exercises: Mapping, name: str, caller: str):
    """``exercises[name]`` (a training loop's view of the notebook's functions), or an error that
    tells the student which function to write."""
    fn = exercises.get(name)
    if fn is None:
        raise NameError(f"{caller} needs {name}; define it in the notebook first")
    if not callable(fn):
        raise TypeError(f"{caller} needs {name} to be a function; got {type(fn).__name__}")
    return fn


def check_images(X, name: str = "X") -> tuple[int, int, int, int]:
    """Check a batch of images channels first, an array of shape ``(N, C, H, W)``; its shape."""
    if np.ndim(X) != 4:
        raise ValueError(f"{name} must be an array of shape (N, C, H, W) (images channels first), "
                         f"got shape {_shape(X)}")
    return _shape(X)


def check_window(H: int, W: int, FH: int, FW: int, S: int, P: int) -> None:
    """Check a convolution's window: whole filter sizes and stride >= 1, padding >= 0, and a
    filter that fits in the padded ``H x W`` input."""
    for value, name in ((FH, "FH"), (FW, "FW"), (S, "S")):
        check_positive_int(value, name)
    if isinstance(P, bool) or not isinstance(P, numbers.Integral) or P < 0:
        raise ValueError(f"P (the padding) must be a whole number >= 0, got {P!r}")
    if FH > H + 2 * P or FW > W + 2 * P:
        raise ValueError(f"the {FH}x{FW} filter does not fit in the padded {H + 2 * P}x"
                         f"{W + 2 * P} input; use a smaller filter or more padding")

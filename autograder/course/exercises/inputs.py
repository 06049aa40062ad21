"""Deterministic builders for the inputs of exercise cases.

Every builder draws from the generator it is given (``np.random.default_rng(seed)``), never from the
global NumPy stream, so that building the cases twice gives the same inputs and building them does
not disturb a stream a student's function relies on. Arrays are float64; dicts follow the course's
conventions: ``parameters`` holds ``W1, b1, ..., WL, bL`` with ``W[l]`` of shape ``(n[l], n[l-1])``
and ``b[l]`` of shape ``(n[l], 1)``; ``grads`` and optimizer states (``v``, ``s``) hold
``dW1, db1, ...`` with the same shapes.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def generator(seed: int) -> np.random.Generator:
    """A local generator for one case (the global stream is left alone)."""
    return np.random.default_rng(seed)


def log_uniform(rng: np.random.Generator, low: float, high: float) -> float:
    """A Python float spread evenly on a log scale between ``low`` and ``high``."""
    return float(np.exp(rng.uniform(np.log(low), np.log(high))))


def random_layer_dims(
    rng: np.random.Generator, num_layers: int, min_units: int = 1, max_units: int = 5
) -> list[int]:
    """``[n0, n1, ..., nL]``: the input size and the units of ``num_layers`` layers."""
    return [int(n) for n in rng.integers(min_units, max_units + 1, size=num_layers + 1)]


def layer_shapes(layer_dims: Sequence[int]) -> dict[str, tuple[int, int]]:
    """The shape of every parameter: ``{"W1": (n1, n0), "b1": (n1, 1), ...}``."""
    shapes = {}
    for l in range(1, len(layer_dims)):
        shapes[f"W{l}"] = (layer_dims[l], layer_dims[l - 1])
        shapes[f"b{l}"] = (layer_dims[l], 1)
    return shapes


def mixed_magnitudes(
    rng: np.random.Generator, shape, low: float = 1e-3, high: float = 10.0, signed: bool = True
) -> np.ndarray:
    """Entries whose magnitudes spread on a log scale over ``[low, high]``, with random signs."""
    magnitude = np.exp(rng.uniform(np.log(low), np.log(high), size=shape))
    if not signed:
        return magnitude
    return np.where(rng.random(shape) < 0.5, -magnitude, magnitude)


def random_parameters(
    rng: np.random.Generator, layer_dims: Sequence[int], scale: float = 1.0
) -> dict[str, np.ndarray]:
    """``{"W1", "b1", ...}`` with standard normal entries times ``scale``."""
    return {k: scale * rng.standard_normal(shape) for k, shape in layer_shapes(layer_dims).items()}


def random_grads(
    rng: np.random.Generator,
    layer_dims: Sequence[int],
    low: float = 1e-3,
    high: float = 10.0,
    signed: bool = True,
) -> dict[str, np.ndarray]:
    """``{"dW1", "db1", ...}`` shaped like the parameters, magnitudes mixed over ``[low, high]``.

    Also serves for optimizer states: ``signed=False`` gives positive entries (RMSProp's and Adam's
    ``s``, a running average of squares, is never negative).
    """
    return {
        f"d{k}": mixed_magnitudes(rng, shape, low, high, signed)
        for k, shape in layer_shapes(layer_dims).items()
    }


def zero_state(layer_dims: Sequence[int]) -> dict[str, np.ndarray]:
    """``{"dW1", "db1", ...}`` of zeros shaped like the parameters (an optimizer's first step)."""
    return {f"d{k}": np.zeros(shape) for k, shape in layer_shapes(layer_dims).items()}


def random_examples(
    rng: np.random.Generator, n_x: int, m: int, n_y: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """``X`` of shape ``(n_x, m)`` and ``Y`` of shape ``(n_y, m)``, standard normal (all distinct)."""
    return rng.standard_normal((n_x, m)), rng.standard_normal((n_y, m))


def rounded(arrays: dict[str, np.ndarray], decimals: int) -> dict[str, np.ndarray]:
    """The same dict with every array rounded, for visible cases a student can read."""
    return {k: np.round(a, decimals) for k, a in arrays.items()}

"""Inputs shared by the ``convolution_arithmetic`` cases: images channels first and windows.

Every builder draws from the generator it is given (never the global stream); arrays are float64.
"""

from __future__ import annotations

import numpy as np


def images(rng: np.random.Generator, shape) -> np.ndarray:
    """Standard normal float64 entries of ``shape`` (``(N, C, H, W)``, or a filter bank's)."""
    return rng.standard_normal(shape)


def counting(shape) -> np.ndarray:
    """1, 2, 3, ... in ``shape`` (float64): a patch's numbers say where they come from."""
    return np.arange(1, int(np.prod(shape)) + 1, dtype=np.float64).reshape(shape)


def random_window(rng: np.random.Generator, square: bool = False) -> dict:
    """A batch shape and a window that fits: ``N, C, H, W, FH, FW, S, P`` (ints), with overlapping
    windows (S < FH) about half of the time."""
    N, C = (int(n) for n in rng.integers(1, 4, size=2))
    FH = int(rng.integers(1, 5))
    FW = FH if square else int(rng.integers(1, 5))
    S = int(rng.integers(1, 4))
    P = int(rng.integers(0, 3))
    H = int(rng.integers(max(1, FH - 2 * P), 9))
    W = int(rng.integers(max(1, FW - 2 * P), 9))
    return {"N": N, "C": C, "H": H, "W": W, "FH": FH, "FW": FW, "S": S, "P": P}

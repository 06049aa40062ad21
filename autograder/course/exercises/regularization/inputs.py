"""Input builders shared by the exercises of ``regularization``: small networks and their data.

Every builder draws from its own ``np.random.default_rng(seed)``, never from the global NumPy
stream. Networks follow ``course_lib.network``: ``layers_dims = [n_x, n[1], ..., 1]``, RELU hidden
layers, a SIGMOID output; weights are He-scaled normals and biases small normals (non-zero, so that
a regularised bias shows), inputs standard normals, labels 0 or 1. At this scale the output
probabilities stay well inside (1e-4, 1 - 1e-4) (``moderate_outputs`` checks it), so neither the
kit's clipping at 2.2e-16 nor Keras's at 1e-7 touches the cross-entropy.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from course_lib.network import forward_propagation
from solutions import regularization as ref

#: the course's keep_prob and lambd, and others so that a constant in the wrong place shows
KEEP_PROBS = (0.86, 0.5, 0.7, 0.9, 0.8, 0.6)
LAMBDS = (0.7, 0.1, 1.5, 0.3, 5.0, 0.05)


def network(seed: int, layers_dims: Sequence[int], m: int, weight_scale: float = 1.0):
    """``(X, Y, parameters)``: inputs ``(n_x, m)``, labels ``(1, m)`` and He-scaled parameters."""
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layers_dims)):
        n, n_prev = layers_dims[l], layers_dims[l - 1]
        parameters[f"W{l}"] = weight_scale * rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
        parameters[f"b{l}"] = 0.1 * rng.standard_normal((n, 1))
    X = rng.standard_normal((layers_dims[0], m))
    Y = (rng.random((1, m)) < 0.5).astype(np.float64)
    return X, Y, parameters


def course_test_parameters(rng: np.random.RandomState) -> dict[str, np.ndarray]:
    """The course's test-case network [3, 2, 3, 1]: W1, b1, W2, b2, W3, b3 drawn in that order
    by ``rng.randn`` (``RandomState(1)`` draws what the course draws after ``np.random.seed(1)``)."""
    shapes = (("W1", (2, 3)), ("b1", (2, 1)), ("W2", (3, 2)), ("b2", (3, 1)), ("W3", (1, 3)),
              ("b3", (1, 1)))
    return {key: rng.randn(*shape) for key, shape in shapes}


def moderate_outputs(AL, low: float = 1e-4) -> bool:
    """Whether every probability is inside ``(low, 1 - low)``."""
    return bool(np.all((AL > low) & (AL < 1 - low)))


def plain_forward(X, parameters):
    """``(AL, cache)`` of the unregularised forward pass (the L2 backward's cache)."""
    return forward_propagation(X, parameters)


def dropout_forward(X, parameters, keep_prob, seed):
    """``(AL, cache)`` of the reference's dropout forward (the dropout backward's cache)."""
    state = np.random.get_state()
    try:
        return ref.forward_propagation_with_dropout(X, parameters, keep_prob, seed)
    finally:
        np.random.set_state(state)


def random_dims(rng: np.random.Generator, max_hidden: int = 3) -> list[int]:
    """``[n_x, n[1], ..., 1]`` with 1 to ``max_hidden`` hidden layers of 1 to 6 units."""
    hidden = int(rng.integers(1, max_hidden + 1))
    return [int(rng.integers(1, 5))] + [int(n) for n in rng.integers(1, 7, size=hidden)] + [1]


def with_zero_weights(parameters, every: int = 3):
    """A copy of ``parameters`` where every ``every``-th entry of each ``W{l}`` (flattened, from
    the first) is exactly 0: where L1's ``sign(W)`` is 0 and ``W / abs(W)`` is NaN."""
    out = {}
    for key, value in parameters.items():
        value = np.array(value, dtype=np.float64)
        if key.startswith("W"):
            value.reshape(-1)[::every] = 0.0
        out[key] = value
    return out

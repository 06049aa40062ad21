"""``random_mini_batches`` agrees with ``tf.data`` batching of the same permutation.

The counterpart takes the course's permutation (``np.random.seed(seed)``,
``np.random.permutation(m)``) and cuts it with ``Dataset.from_tensor_slices(...).batch(size)``;
the batches must be identical, bit for bit (a shuffle does no arithmetic).
"""

import math

import numpy as np
import pytest
from tf_agreement_support import rng_for

from course_lib.tf import tf
from solutions import optimization_methods as ref
from solutions.counterparts import optimization_methods as tfc

CASES = [
    # (m, mini_batch_size)
    (64, 16),  # m divisible by the size
    (128, 64),
    (65, 64),  # not divisible: a tail of 1
    (100, 16),
    (7, 3),
    (10, 10),  # size == m
    (10, 64),  # size > m: one batch with everything
    (1, 64),  # m = 1
    (1, 1),
    (13, 1),  # size 1
]


def data_case(case, m):
    rng = rng_for(30, case)
    n_x, k = int(rng.integers(1, 5)), int(rng.integers(1, 4))
    X = rng.standard_normal((n_x, m))
    Y = rng.integers(0, 2, size=(k, m)) if case % 2 else rng.standard_normal((k, m))
    return X, Y


@pytest.mark.parametrize("seed", [0, 1, 10])
@pytest.mark.parametrize(("case", "m", "size"), [(i, *c) for i, c in enumerate(CASES)])
def test_mini_batches_match_tf_data(case, m, size, seed):
    X, Y = data_case(case, m)
    X_before, Y_before = X.copy(), Y.copy()
    expected = ref.random_mini_batches(X, Y, size, seed)
    state_after_reference = np.random.get_state()[1].copy()
    got = tfc.random_mini_batches(X, Y, size, seed)
    # Both consume the global stream identically (seed, then one permutation of m).
    np.testing.assert_array_equal(np.random.get_state()[1], state_after_reference)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(Y, Y_before)
    assert isinstance(got, list)
    assert len(got) == len(expected) == math.ceil(m / size), (len(got), len(expected))
    for i, ((gx, gy), (ex, ey)) in enumerate(zip(got, expected, strict=True)):
        assert gx.shape == ex.shape and gy.shape == ey.shape, (i, gx.shape, ex.shape)
        assert gx.dtype == ex.dtype and gy.dtype == ey.dtype, (i, gx.dtype, ex.dtype)
        # A shuffle does no arithmetic: bit-identical.
        np.testing.assert_array_equal(gx, ex, err_msg=f"mini-batch {i}: X")
        np.testing.assert_array_equal(gy, ey, err_msg=f"mini-batch {i}: Y")
        assert not np.shares_memory(gx, X) and not np.shares_memory(gy, Y)
    # Every example appears exactly once, X and Y together.
    all_X = np.concatenate([gx for gx, _ in got], axis=1)
    assert sorted(map(tuple, all_X.T)) == sorted(map(tuple, X.T))


def test_tf_data_batch_sizes():
    """The tf.data route itself: full batches then a tail with m % size examples."""
    X = np.arange(14.0).reshape(2, 7)
    Y = np.arange(7).reshape(1, 7)
    batches = tfc.random_mini_batches(X, Y, 3, seed=5)
    assert [b[0].shape for b in batches] == [(2, 3), (2, 3), (2, 1)]
    np.random.seed(5)
    permutation = np.random.permutation(7)
    np.testing.assert_array_equal(
        np.concatenate([b[1] for b in batches], axis=1), Y[:, permutation]
    )
    dataset = tf.data.Dataset.from_tensor_slices(X.T[permutation]).batch(3)
    for (bx, _), d in zip(batches, dataset, strict=True):
        np.testing.assert_array_equal(bx, d.numpy().T)

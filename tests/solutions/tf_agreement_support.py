"""Seeded random cases and "Expected / Got" comparisons shared by the TensorFlow-agreement tests.

Not a test module (pytest collects only ``test_*.py``); the tests of this folder import it by name.
Every case comes from its own ``np.random.default_rng((group, case))`` so that a failing case can be
rebuilt from its id alone.
"""

import copy

import numpy as np


def rng_for(group, case):
    """The generator of case ``case`` of the test group ``group`` (two small integers)."""
    return np.random.default_rng((group, case))


def random_dims(rng, case):
    """Layer sizes ``[n0, n1, ..., nL]`` with 1 to 4 layers of 1 to 5 units; case 0 is 1x1."""
    if case == 0:
        return [1, 1]
    L = int(rng.integers(1, 5))
    return [int(n) for n in rng.integers(1, 6, size=L + 1)]


def random_parameters(rng, dims, scale=1.0):
    """``{"W1", "b1", ...}`` with normal entries of the given scale."""
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = scale * rng.standard_normal((dims[l], dims[l - 1]))
        parameters[f"b{l}"] = scale * rng.standard_normal((dims[l], 1))
    return parameters


def random_like(rng, parameters, scale=1.0, low=None):
    """``{"dW1", "db1", ...}`` shaped like the parameters: normal entries of the given scale, or,
    with ``low``, uniform entries in ``[low, scale]`` (for running averages of squares)."""
    out = {}
    for key, value in parameters.items():
        if low is None:
            out["d" + key] = scale * rng.standard_normal(value.shape)
        else:
            out["d" + key] = rng.uniform(low, scale, size=value.shape)
    return out


def deep_copy(*values):
    """Independent copies, so that an in-place update by one function cannot reach the other."""
    return tuple(copy.deepcopy(v) for v in values)


def assert_close(got, expected, *, rtol, scale=None, atol=0.0, what="value"):
    """Element-wise ``|got - expected| <= rtol*(|expected| + scale) + atol``, with shapes equal.

    ``scale`` (broadcast against ``expected``) is the size of the terms that produced ``expected``:
    rounding errors are relative to those, not to a result that may have cancelled to near zero.
    The message says what was expected, what came back and where the largest excess is.
    """
    got_arr = np.asarray(got, dtype=np.float64)
    exp_arr = np.asarray(expected, dtype=np.float64)
    assert got_arr.shape == exp_arr.shape, (
        f"{what}: expected shape {exp_arr.shape}, got shape {got_arr.shape}"
    )
    extra = 0.0 if scale is None else np.abs(np.asarray(scale, dtype=np.float64))
    allowed = rtol * (np.abs(exp_arr) + extra) + atol
    diff = np.abs(got_arr - exp_arr)
    bad = ~(diff <= allowed)  # NaN counts as bad
    if np.any(bad):
        excess = np.where(bad, diff - allowed, -np.inf)
        excess = np.where(np.isnan(diff), np.inf, excess)
        idx = np.unravel_index(int(np.argmax(excess)), exp_arr.shape) if exp_arr.shape else ()
        limit = np.broadcast_to(allowed, exp_arr.shape)[idx]
        raise AssertionError(
            f"{what}: {int(np.sum(bad))} of {exp_arr.size} entries differ beyond the tolerance "
            f"(rtol={rtol}, atol={atol}).\nWorst at index {idx}: expected {exp_arr[idx]!r}, "
            f"got {got_arr[idx]!r}, |diff| {diff[idx]:.3e} > allowed {limit:.3e}"
            f"\nExpected:\n{exp_arr}\nGot:\n{got_arr}"
        )


def assert_same_keys(got, expected, what):
    """The two dicts have exactly the same keys (an empty or partial dict does not pass)."""
    assert isinstance(got, dict), f"{what}: expected a dict, got {type(got).__name__}"
    assert sorted(got) == sorted(expected), (
        f"{what}: expected keys {sorted(expected)}, got {sorted(got)}"
    )


def assert_dicts_close(got, expected, *, rtol, scales=None, what="dict"):
    """Same keys, float64 arrays of the same shapes, and every entry close (see assert_close)."""
    assert_same_keys(got, expected, what)
    for key in expected:
        assert isinstance(got[key], np.ndarray) and got[key].dtype == np.float64, (
            f"{what}[{key!r}]: expected a float64 NumPy array, got {type(got[key]).__name__} "
            f"of dtype {getattr(got[key], 'dtype', None)}"
        )
        scale = None if scales is None else scales[key]
        assert_close(got[key], expected[key], rtol=rtol, scale=scale, what=f"{what}[{key!r}]")


def assert_unchanged(before, after, what):
    """Inputs (dicts of arrays or arrays) are exactly as they were before the call."""
    if isinstance(before, dict):
        assert_same_keys(after, before, what)
        for key in before:
            assert np.array_equal(after[key], before[key]), f"{what}[{key!r}] was modified"
    else:
        assert np.array_equal(after, before), f"{what} was modified"

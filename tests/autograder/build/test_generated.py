"""Generated files of numbers are up to date on any CPU: last-bit differences are the same file."""

from __future__ import annotations

import json

import numpy as np
import pytest

from autograder.build.generated import same_json_numbers
from course_lib.codec import encode


def _text(value) -> str:
    return json.dumps(encode(value), sort_keys=True)


def _nudged(a: np.ndarray, ulps: int) -> np.ndarray:
    out = a.copy()
    for _ in range(ulps):
        out = np.nextafter(out, np.inf)
    return out


def test_identical_texts_are_the_same():
    value = {"x": np.linspace(0, 1, 7), "n": 3, "s": "text"}
    assert same_json_numbers(_text(value), _text(value))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_a_few_ulps_apart_is_the_same_file(dtype):
    a = np.array([[0.1, -2.5, 3e-3], [7.0, 1e6, -0.0]], dtype=dtype)
    assert same_json_numbers(_text(a), _text(_nudged(a, 3)))


def test_a_value_that_cancels_to_zero_on_one_cpu_is_the_same():
    a = np.array([1.0, 2.0, 0.0])
    b = np.array([1.0, 2.0, 2e-16])
    assert same_json_numbers(_text(a), _text(b))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_a_real_change_is_stale(dtype):
    a = np.array([0.5, 1.5, 2.5], dtype=dtype)
    b = a.copy()
    b[1] *= 1 + 1e-4
    assert not same_json_numbers(_text(a), _text(b))


def test_plain_floats_compare_within_ulps_and_fail_beyond():
    assert same_json_numbers(json.dumps({"v": 0.1}), json.dumps({"v": float(np.nextafter(0.1, 1))}))
    assert not same_json_numbers(json.dumps({"v": 0.1}), json.dumps({"v": 0.1000001}))


@pytest.mark.parametrize("b", [
    np.array([1.0, np.nan, 3.0]),        # NaN where there was a number
    np.array([1.0, 2.0, np.inf]),        # an infinity
    np.array([1.0, 2.0]),                # another shape
    np.array([1, 2, 3]),                 # another dtype
])
def test_anything_but_last_bits_is_stale(b):
    assert not same_json_numbers(_text(np.array([1.0, 2.0, 3.0])), _text(b))


def test_structure_and_text_compare_exactly():
    base = {"name": "case", "mistakes": [None, 1.0], "hidden_cases": 4}
    for changed in ({**base, "name": "case2"}, {**base, "mistakes": [None]},
                    {**base, "hidden_cases": 5}, {**base, "extra": 1},
                    {**base, "hidden_cases": 4.0}, {**base, "mistakes": [True, 1.0]}):
        assert not same_json_numbers(json.dumps(base), json.dumps(changed))


def test_broken_json_is_stale():
    assert not same_json_numbers("{", "{}")

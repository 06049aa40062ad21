import collections
import json
import math

import numpy as np
import pytest

from course_lib.codec import DecodeError, decode, encode
from course_lib.compare import compare
from course_lib.values import Opaque


def roundtrip(x):
    return decode(json.loads(json.dumps(encode(x))))


def test_plain_values_survive():
    value = ({"dW1": np.arange(6.0).reshape(2, 3)}, [1, 2.5, None, True, "s"], np.float64(3.5))
    back = roundtrip(value)
    assert not compare(value, back)
    assert isinstance(back[2], np.floating) and back[2] == 3.5


def test_nonfinite_floats():
    back = roundtrip([math.nan, math.inf, -math.inf, np.array([np.nan, np.inf])])
    assert math.isnan(back[0]) and back[1] == math.inf and back[2] == -math.inf
    assert np.isnan(back[3][0]) and np.isinf(back[3][1])


def test_collections_dicts_are_dicts():
    assert roundtrip(collections.OrderedDict(a=1)) == {"a": 1}


def test_an_object_that_says_it_equals_everything_is_opaque():
    class Liar:
        def __eq__(self, other):
            return True

    back = roundtrip(Liar())
    assert isinstance(back, Opaque) and back.type_name.endswith("Liar")
    assert compare(np.ones(2), back)


def test_an_ndarray_subclass_arrives_as_its_plain_data():
    class Always(np.ndarray):
        def __eq__(self, other):
            return np.ones(self.shape, bool)

    fake = np.zeros(3).view(Always)
    back = roundtrip(fake)
    assert type(back) is np.ndarray
    assert compare(np.ones(3), back)


@pytest.mark.parametrize("bad", [
    {"__ndarray__": "AAAA", "dtype": "object", "shape": [1]},
    {"__ndarray__": "AAAAAAAAAAA=", "dtype": "float64", "shape": [5]},
    {"__ndarray__": "!!", "dtype": "float64", "shape": [1]},
    {"__nothing__": 1},
    {"__tuple__": "not a list"},
    {"__dict__": [[1, 2]]},
])
def test_malformed_data_is_rejected(bad):
    with pytest.raises(DecodeError):
        decode(bad)


def test_deep_nesting_is_rejected():
    data = 1
    for _ in range(50):
        data = {"__list__": [data]}
    with pytest.raises(DecodeError):
        decode(data)

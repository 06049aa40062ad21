"""Values that travel between the grader, the student's process and the public checks.

:class:`TensorValue` and :class:`Opaque` describe outputs (a tensor as its data; an object that
is not plain data). :class:`TensorArg` describes an input: a ``tf.constant`` made on arrival by
:func:`materialize`, so that cases can be described and stored without importing TensorFlow.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class TensorValue:
    """A TensorFlow tensor as data: its values and dtype name (the grader never imports TF for it)."""

    value: np.ndarray
    dtype: str


@dataclass(frozen=True)
class Opaque:
    """An object that is not plain data (a custom class, a function...): only its type is known."""

    type_name: str
    text: str = ""


@dataclass(frozen=True)
class TensorArg:
    """A ``tf.constant`` to be made from ``value`` where the call happens."""

    value: np.ndarray

    def __repr__(self) -> str:
        return f"tf.constant({np.array2string(np.asarray(self.value), threshold=20)})"


def _contains_tensor_arg(obj) -> bool:
    if isinstance(obj, TensorArg):
        return True
    if isinstance(obj, (tuple, list)):
        return any(_contains_tensor_arg(x) for x in obj)
    if isinstance(obj, dict):
        return any(_contains_tensor_arg(x) for x in obj.values())
    return False


def materialize(obj):
    """``obj`` with every :class:`TensorArg` replaced by a tensor (imports TF only if needed)."""
    if not _contains_tensor_arg(obj):
        return obj
    from course_lib.tf import tf

    def build(x):
        if isinstance(x, TensorArg):
            return tf.constant(x.value)
        if isinstance(x, tuple):
            return tuple(build(v) for v in x)
        if isinstance(x, list):
            return [build(v) for v in x]
        if isinstance(x, dict):
            return {k: build(v) for k, v in x.items()}
        return x

    return build(obj)

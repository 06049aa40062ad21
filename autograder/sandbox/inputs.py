"""Inputs that must be built in the process that uses them.

A case's arguments are pickled by the grader and unpickled in the student's process. Most are
plain NumPy data; a TensorFlow exercise wants tensors, which are made on arrival from a
:class:`TensorArg`, so that the grader can describe cases without importing TensorFlow.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


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

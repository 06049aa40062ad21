"""Small helpers of the TensorFlow counterparts: float64 tensors in, fresh NumPy arrays out."""

import numpy as np

from course_lib.tf import tf

keras = tf.keras
F64 = tf.float64


def f64(x):
    """A fresh float64 NumPy copy of ``x``."""
    return np.array(x, dtype=np.float64, copy=True)


def const(x):
    """A float64 constant tensor (Python floats would otherwise become float32)."""
    return tf.constant(np.asarray(x, dtype=np.float64), dtype=F64)


def out(t):
    """A fresh float64 NumPy array from a tensor or variable."""
    return np.array(t.numpy() if hasattr(t, "numpy") else t, dtype=np.float64, copy=True)

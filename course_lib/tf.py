"""Import TensorFlow once, quietly, on the CPU.

``from course_lib.tf import tf`` sets the environment before the first import so that graded cells
keep TensorFlow's start-up logs off stderr (nbgrader scores a test cell with any stderr output as
zero) and oneDNN's reordered float arithmetic does not blur comparisons with the NumPy references.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "-1")

import tensorflow as tf  # noqa: E402

tf.get_logger().setLevel("ERROR")

__all__ = ["tf"]

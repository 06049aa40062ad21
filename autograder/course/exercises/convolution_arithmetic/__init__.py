"""Declarations of the assignment ``convolution_arithmetic``, the bridge to the next course.

An optional assignment (every exercise an optional extra): out of the kit's default course, on in
a term whose ``course.toml`` names it. Output sizes, zero padding, ``im2col`` and its adjoint
``col2im``, and a convolution's forward pass as one matrix product, in the notebook's order, one
module per exercise (named after it), with the inputs they share in ``inputs``. Images are
channels first, ``(N, C, H, W)``, as the learners' notes write them. References:
``solutions/convolution_arithmetic.py``; TensorFlow counterparts:
``solutions/counterparts/convolution_arithmetic.py``; teaching text:
``assignments/content/convolution_arithmetic.py``.

The ``mistake_*`` functions are self-contained (only ``np``, and the assignment's other
exercises): the tests and the diagnosis transplant their source into a submission.
"""

from __future__ import annotations

from autograder.course.exercises.convolution_arithmetic import (
    col2im,
    conv_forward,
    conv_output_size,
    im2col,
    zero_pad,
)
from autograder.course.spec import Assignment

#: the exercise modules in teaching order
MODULES = (
    conv_output_size,
    zero_pad,
    im2col,
    col2im,
    conv_forward,
)

ASSIGNMENT = Assignment(
    name="convolution_arithmetic",
    title="Convolution arithmetic",
    exercises=tuple(module.EXERCISE for module in MODULES),
    solution_modules=("solutions.convolution_arithmetic",),
)

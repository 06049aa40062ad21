"""Moved to :mod:`course_lib.values`; kept importable while declarations migrate."""

from course_lib.values import TensorArg, materialize  # noqa: F401

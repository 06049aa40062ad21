"""Moved to :mod:`course_lib.codec`; kept importable while declarations migrate."""

from course_lib.codec import *  # noqa: F401,F403
from course_lib.codec import DecodeError, decode, encode  # noqa: F401

"""Fixtures for the whole suite."""

import os

import pytest

from autograder.course.course_file import ENV as COURSE_ENV


@pytest.fixture(autouse=True)
def _default_course():
    """Every test starts on the kit's default course and leaves no term's course active: the
    CLI's ``--course`` (or a course.toml in the current folder) activates one for the rest of
    the process, as a command should."""
    before = os.environ.pop(COURSE_ENV, None)
    yield
    os.environ.pop(COURSE_ENV, None)
    if before is not None:
        os.environ[COURSE_ENV] = before

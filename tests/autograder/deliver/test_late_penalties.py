"""Where the kit's export and report find a course's gradebook (no database is opened: quick)."""

from __future__ import annotations

import pytest

from autograder.deliver.late_penalties import GradebookError, gradebook_url


def test_a_course_folder_holds_its_gradebook_in_either_place(tmp_path):
    nbgrader_default = tmp_path / "plain"
    (nbgrader_default / "gradebook.db").parent.mkdir()
    (nbgrader_default / "gradebook.db").touch()
    course_new = tmp_path / "term"  # autograder course new keeps it in a private folder
    (course_new / "gradebook").mkdir(parents=True)
    (course_new / "gradebook" / "gradebook.db").touch()
    assert gradebook_url(nbgrader_default) == f"sqlite:///{nbgrader_default / 'gradebook.db'}"
    assert gradebook_url(course_new) == f"sqlite:///{course_new / 'gradebook' / 'gradebook.db'}"
    assert gradebook_url(course_new / "gradebook" / "gradebook.db") == gradebook_url(course_new)
    assert gradebook_url("postgresql+psycopg://grader@db/gb") == "postgresql+psycopg://grader@db/gb"


def test_no_gradebook_or_two_are_refused_with_the_paths(tmp_path):
    with pytest.raises(GradebookError, match="no gradebook at .*gradebook/gradebook.db"):
        gradebook_url(tmp_path)
    (tmp_path / "gradebook").mkdir()
    (tmp_path / "gradebook" / "gradebook.db").touch()
    (tmp_path / "gradebook.db").touch()
    with pytest.raises(GradebookError, match="two gradebooks in"):
        gradebook_url(tmp_path)

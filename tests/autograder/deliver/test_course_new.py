"""`autograder course new`: where a term's folder may go, and what its configuration says."""

from __future__ import annotations

import pytest

from autograder.cli import main as cli
from autograder.course.course_file import read_course
from autograder.course.expected import KIT_ROOT
from autograder.course.registry import declared_assignment
from autograder.deliver.course_folder import CourseFolderError, new_course


def test_a_term_folder_inside_the_kit_or_over_other_files_is_refused(tmp_path, capsys):
    with pytest.raises(CourseFolderError, match="inside the kit's checkout"):
        new_course(KIT_ROOT / "terms" / "dnn-2027", "dnn-2027")
    assert not (KIT_ROOT / "terms").exists()
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "gradebook.db").write_text("")
    assert cli(["course", "new", str(tmp_path / "old"), "--course-id", "x"]) == 2
    assert "exists and is not empty" in capsys.readouterr().err
    assert cli(["course", "new", str(tmp_path / "new"), "--course-id", "x",
                "--assignments", "regularisation"]) == 2
    assert "no assignment called regularisation" in capsys.readouterr().err
    closed = tmp_path / "closed"
    closed.mkdir(mode=0o755)
    assert cli(["course", "new", str(tmp_path / "new"), "--course-id", "x",
                "--exchange", str(closed)]) == 2
    assert "must be writable by every student: make it 1777" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


def test_a_shared_exchange_elsewhere_keeps_the_course_folder_private(tmp_path):
    exchange = tmp_path / "srv" / "exchange"
    course = new_course(tmp_path / "dnn-2027", "dnn-2027", ["hyperparameter_tuning"], exchange)
    folder = course.path.parent
    assert folder.stat().st_mode & 0o777 == 0o700
    assert exchange.stat().st_mode & 0o7777 == 0o1777
    assert not (folder / "exchange").exists()
    for name in ("nbgrader_config.py", "student_nbgrader_config.py"):
        assert f'c.Exchange.root = "{exchange}"' in (folder / name).read_text(), name
    assert 'c.CourseDirectory.course_id = "dnn-2027"' in (
        folder / "student_nbgrader_config.py").read_text()
    assert list(read_course(folder).assignments) == ["hyperparameter_tuning"]
    assert read_course(folder).assignments["hyperparameter_tuning"].max_score == \
        declared_assignment("hyperparameter_tuning").max_score
    assert (folder / "source" / "hyperparameter_tuning" / "hyperparameter_tuning.ipynb").is_file()
    assert (folder / "source" / "hyperparameter_tuning" / "course_lib" / "public_cases"
            / "hyperparameter_tuning.json").is_file()

"""Which files a batch grades and the names of their results (no grading: quick).

Result names must never collide, whatever the layout: same-named files in different folders,
several path arguments, links, nbgrader's tree with two assignments given in any of its forms;
and what cannot be graded without guessing is refused or reported, never chosen silently.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from autograder.course.registry import assignment_names
from autograder.deliver.export import student_id
from autograder.engine.results import Result
from autograder.engine.selection import SelectionError, select

A, B = "regularization", "hyperparameter_tuning"
KNOWN = assignment_names()


def touch(path: Path, text: str = "{}") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def course(root: Path, students=("alice", "bob")) -> Path:
    """root/submitted/<student>/<A and B>/<assignment>.ipynb, with nbgrader's extras."""
    for student, assignment in itertools.product(students, (A, B)):
        folder = root / "submitted" / student / assignment
        touch(folder / f"{assignment}.ipynb")
        touch(folder / "timestamp.txt", "2026-12-01 10:00:00")
        touch(folder / "course_lib" / "checks.py", "x = 1")  # shipped with the release
    return root


def names(selection) -> list[str]:
    return [s.name for s in selection.submissions]


def test_same_named_files_in_different_folders_get_different_names(tmp_path):
    for student in ("alice", "bob"):
        touch(tmp_path / "class" / student / f"{A}.ipynb")
    one_root = select([tmp_path / "class"], A, KNOWN)
    globbed = select(sorted((tmp_path / "class").glob(f"*/{A}.ipynb")), A, KNOWN)
    folders = select([tmp_path / "class" / "alice", tmp_path / "class" / "bob"], A, KNOWN)
    for selection in (one_root, globbed, folders):
        assert len(selection.submissions) == 2
        assert len(set(names(selection))) == 2, names(selection)
    assert names(one_root) == [f"{A}+alice+{A}.ipynb", f"{A}+bob+{A}.ipynb"]


def test_several_path_arguments_with_the_same_relative_paths_do_not_collide(tmp_path):
    for term in ("2025", "2026"):
        touch(tmp_path / term / "alice" / "work.py")
    selection = select([tmp_path / "2025" / "alice", tmp_path / "2026" / "alice"], A, KNOWN)
    assert names(selection) == [f"{A}+2025+alice+work.py", f"{A}+2026+alice+work.py"]


def test_names_are_one_to_one_with_paths_whatever_their_characters(tmp_path):
    files = ["a b.py", "a__b.py", "a+b.py", "a%2Bb.py", "a@b.py", "a/b.py", "a+b/c.py",
             "a/b+c.py", "a%40b.py", "é.py"]
    for f in files:
        touch(tmp_path / "class" / f)
    selection = select([tmp_path / "class"], A, KNOWN)
    assert len(selection.submissions) == len(files)
    assert len(set(names(selection))) == len(files)
    assert not any(n.startswith(".") or "/" in n for n in names(selection))


def test_long_paths_give_bounded_distinct_names(tmp_path):
    deep = tmp_path / "class" / ("x" * 120) / ("y" * 120)
    touch(deep / "a.py")
    touch(deep / "b.py")
    selection = select([tmp_path / "class"], A, KNOWN)
    assert len(set(names(selection))) == 2
    assert all(len(f"{n}.results.json".encode()) <= 255 for n in names(selection))


def test_links_are_named_after_the_link_not_their_target(tmp_path):
    tree = course(tmp_path / "course")
    links = tmp_path / "links"
    links.mkdir()
    (links / "nested").mkdir()
    for student in ("alice", "bob"):
        target = tree / "submitted" / student / A / f"{A}.ipynb"
        os.symlink(target, links / f"{student}.ipynb")
        (links / "nested" / student).mkdir()
        os.symlink(target, links / "nested" / student / f"{A}.ipynb")
    selection = select([links], A, KNOWN)
    assert names(selection) == [f"{A}+alice.ipynb", f"{A}+bob.ipynb",
                                f"{A}+nested+alice+{A}.ipynb", f"{A}+nested+bob+{A}.ipynb"]
    assert all(s.student is None and Path(s.source).parent.name in ("links", "alice", "bob")
               for s in selection.submissions)
    # the export's ids: the link's name, or its folder when the file is named after the assignment
    ids = [student_id(Result(A, str(s.path), 0, 1)) for s in selection.submissions]
    assert ids == ["alice", "bob", "alice", "bob"]


def test_nbgrader_tree_takes_only_the_named_assignment_with_ids_from_the_tree(tmp_path):
    root = course(tmp_path / "course")
    given = {
        "course folder": [root],
        "submitted/": [root / "submitted"],
        "student folders": sorted((root / "submitted").iterdir()),
        "submitted/*/A/": sorted((root / "submitted").glob(f"*/{A}")),
        "the notebooks": sorted((root / "submitted").glob(f"*/{A}/{A}.ipynb")),
        "overlapping": [root / "submitted", root / "submitted" / "bob" / A],
    }
    for how, paths in given.items():
        selection = select(paths, A, KNOWN)
        assert [(s.student, s.path.parent.name, s.path.name) for s in selection.submissions] == [
            ("alice", A, f"{A}.ipynb"), ("bob", A, f"{A}.ipynb")], how
        # one name per student and assignment, however the tree was given
        assert names(selection) == [f"{A}@alice", f"{A}@bob"], how
        assert not selection.problems, how
    other = select([root / "submitted"], B, KNOWN)
    assert names(other) == [f"{B}@alice", f"{B}@bob"]
    assert not set(names(other)) & set(names(select([root], A, KNOWN)))


def test_a_tree_student_and_a_flat_file_never_share_a_name(tmp_path):
    root = course(tmp_path / "course", students=("alice.ipynb",))
    touch(tmp_path / "flat" / "alice.ipynb")
    selection = select([root / "submitted", tmp_path / "flat"], A, KNOWN)
    assert len(set(names(selection))) == 2


def test_another_assignments_folder_is_refused_with_the_right_option(tmp_path):
    root = course(tmp_path / "course")
    with pytest.raises(SelectionError, match=f"holds a submission of {B}, not of {A}: "
                       f"grade it with -a {B}"):
        select([root / "submitted" / "alice" / B], A, KNOWN)
    with pytest.raises(SelectionError, match=f"-a {B}"):
        select([root / "submitted" / "alice" / B / f"{B}.ipynb"], A, KNOWN)
    touch(root / "submitted" / "carol" / "hw3" / "hw3.ipynb")
    with pytest.raises(SelectionError, match="--nbgrader-assignment hw3"):
        select([root / "submitted" / "carol" / "hw3"], A, KNOWN)
    assert names(select([root / "submitted" / "carol"], A, KNOWN, "hw3")) == [f"{A}@carol"]
    with pytest.raises(SelectionError, match=f"holds no {A} folder .*hw3"):
        select([root / "submitted" / "carol"], A, KNOWN)
    with pytest.raises(SelectionError, match="holds no submission of initialization .*"
                       f"{B}.*{A}|holds no submission of initialization .*{A}"):
        select([root / "submitted"], "initialization", KNOWN)


def test_a_flat_folder_holding_a_tree_is_refused(tmp_path):
    course(tmp_path / "terms" / "2026")
    with pytest.raises(SelectionError, match="holds nbgrader's submitted/ folder"):
        select([tmp_path / "terms"], A, KNOWN)


def test_two_files_for_one_student_are_refused(tmp_path):
    first, second = course(tmp_path / "first"), course(tmp_path / "second")
    with pytest.raises(SelectionError, match=f"two submissions of {A} for student alice"):
        select([first / "submitted", second / "submitted"], A, KNOWN)
    touch(first / "submitted" / "alice" / A / "copy.ipynb")
    with pytest.raises(SelectionError, match="for student alice"):
        select([first, first / "submitted" / "alice" / A / "copy.ipynb"], A, KNOWN)


def test_renamed_notebooks_graded_when_unambiguous_else_reported(tmp_path):
    root = course(tmp_path / "course", students=("alice", "bob", "carol", "dan", "eve"))
    sub = root / "submitted"
    (sub / "bob" / A / f"{A}.ipynb").rename(sub / "bob" / A / "my work.ipynb")
    (sub / "carol" / A / f"{A}.ipynb").rename(sub / "carol" / A / "v1.ipynb")
    touch(sub / "carol" / A / "v2.ipynb")
    (sub / "dan" / A / f"{A}.ipynb").unlink()
    touch(sub / "eve" / A / f"{A}-Copy1.ipynb")
    touch(sub / "eve" / "stray.ipynb")
    selection = select([sub], A, KNOWN)
    assert [(s.student, s.path.name) for s in selection.submissions] == [
        ("alice", f"{A}.ipynb"), ("bob", "my work.ipynb"), ("eve", f"{A}.ipynb")]
    notes = "\n".join(selection.notes)
    assert f"holds no {A}.ipynb; graded its only notebook, my work.ipynb" in notes
    assert f"not graded, also in {sub / 'eve' / A}: {A}-Copy1.ipynb" in notes
    assert "eve: not graded, outside any assignment folder: stray.ipynb" in notes
    problems = "\n".join(selection.problems)
    assert "carol:" in problems and "several notebooks (v1.ipynb, v2.ipynb)" in problems
    assert f"autograder grade {sub / 'carol' / A / 'v1.ipynb'} -a {A}" in problems
    assert "dan:" in problems and "holds no notebook (it holds: course_lib, timestamp.txt)" \
        in problems
    # the instructor's choice for carol: that one file, with carol's id from the tree
    chosen = select([sub / "carol" / A / "v2.ipynb"], A, KNOWN)
    assert [(s.student, s.name) for s in chosen.submissions] == [("carol", f"{A}@carol")]


def test_a_missing_path_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        select([tmp_path / "nothing"], A, KNOWN)


def test_the_folders_that_linked_submissions_point_into_are_hidden_from_students(
        tmp_path, monkeypatch):
    from autograder.course.registry import get_assignment
    from autograder.engine import batch

    tree = course(tmp_path / "course")
    (tmp_path / "links").mkdir()
    for student in ("alice", "bob"):
        os.symlink(tree / "submitted" / student / A / f"{A}.ipynb",
                   tmp_path / "links" / f"{student}.ipynb")
    asked = []

    class Stop(Exception):
        pass

    def record(paths):
        asked.extend(Path(p) for p in paths)
        raise Stop

    monkeypatch.setattr(batch, "protected_paths", record)
    with pytest.raises(Stop):
        batch.grade_many([tmp_path / "links"], get_assignment(A), progress=False)
    assert (tree / "submitted" / "alice" / A).resolve() in asked
    assert (tree / "submitted" / "bob" / A).resolve() in asked

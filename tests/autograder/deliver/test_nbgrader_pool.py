"""The grading pool that works ahead of nbgrader: the results it hands over are the ones
``autograder grade`` gives, a notebook nbgrader changed is graded as changed, a hanging
submission holds up only itself, a dead pool process is reported, and the queue skips the
students nbgrader will skip."""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from autograder.build.notebooks import render, student_notebook
from autograder.course.expected import expected_table
from autograder.course.registry import get_assignment
from autograder.deliver.nbgrader.kit_execute import nbgrader_queue
from autograder.deliver.nbgrader.pool import GradingPool
from autograder.deliver.nbgrader.pool_process import PoolProcess
from autograder.engine.batch import grade_many
from autograder.engine.grading import protected_paths
from autograder.engine.sandbox.runner import Limits, Sandbox
from autograder.engine.submission import load_submission

pytestmark = pytest.mark.timeout(300)
NAME = "optimization_methods"
LIMITS = Limits(time_seconds=6, item_seconds=1)


@pytest.fixture(scope="module")
def assignment():
    return get_assignment(NAME)


@pytest.fixture(scope="module")
def table(assignment):
    return expected_table(assignment)


def write_class(folder: Path, assignment, answers: dict[str, dict | None]) -> dict[str, Path]:
    """student -> submitted notebook, in the given order; None: the untouched release."""
    paths = {}
    for student, given in answers.items():
        nb = (student_notebook(assignment, default="stub") if given is None
              else student_notebook(assignment, given))
        path = folder / "submitted" / student / NAME / f"{NAME}.ipynb"
        path.parent.mkdir(parents=True)
        path.write_text(render(nb))
        paths[student] = path
    return paths


def new_sandbox_for(folder: Path):
    return lambda: Sandbox(tensorflow=False, limits=LIMITS, protected=protected_paths([folder]))


def scores(result) -> dict[str, float]:
    return {e.name: e.score for e in result.exercises}


def test_results_handed_over_are_the_clis_and_a_changed_notebook_is_graded_as_changed(
        tmp_path, assignment, table):
    paths = write_class(tmp_path, assignment, {"ann": {}, "ben": None, "cat": {}})
    cli = {Path(r.submission).parts[-3]: scores(r)
           for r in grade_many([tmp_path / "submitted"], assignment, jobs=1, progress=False,
                               limits=LIMITS)}
    pool = GradingPool(paths, assignment, table, new_sandbox_for(tmp_path), workers=2)
    try:
        deadline = time.monotonic() + 60
        while "cat" not in pool.prefetched and time.monotonic() < deadline:
            time.sleep(0.1)
        assert pool.prefetched.get("cat") is not None
        for student in ("ann", "ben"):
            result, _ = pool.grade(student, load_submission(paths[student]))
            assert scores(result) == cli[student]
        assert cli["ann"] != cli["ben"]
        # cat's notebook as nbgrader hands it over differs from the file graded ahead (cat's
        # answers gone): graded from what was handed over
        changed, ahead = pool.grade("cat", load_submission(paths["ben"]))
        assert not ahead and scores(changed) == cli["ben"]
        unknown, ahead = pool.grade(None, load_submission(paths["ann"]))
        assert not ahead and scores(unknown) == cli["ann"]
    finally:
        pool.close()
    with pytest.raises(RuntimeError, match="closed"):
        pool.grade("ann", load_submission(paths["ann"]))


def test_prefetched_results_are_used_when_the_notebook_is_unchanged(tmp_path, assignment, table):
    paths = write_class(tmp_path, assignment, {f"s{i}": {} for i in range(4)})
    pool = GradingPool(paths, assignment, table, new_sandbox_for(tmp_path), workers=1)
    try:
        time.sleep(0.5)
        deadline = time.monotonic() + 60
        while len(pool.prefetched) < 3 and time.monotonic() < deadline:
            time.sleep(0.1)  # the pool works while nbgrader would be busy
        handed_over = [pool.grade(s, load_submission(p)) for s, p in paths.items()]
        assert sum(ahead for _, ahead in handed_over) >= 3
        assert len(pool.threads) == 1  # no one waited: one launcher was enough
    finally:
        pool.close()


def test_a_hanging_submission_holds_up_only_itself(tmp_path, assignment, table):
    first = assignment.exercises[0].name
    hang = {first: f"def {first}(*args, **kwargs):\n    while True:\n        pass\n"}
    paths = write_class(tmp_path, assignment,
                        {"a_hangs": hang, **{f"b{i}": {} for i in range(3)}})
    pool = GradingPool(paths, assignment, table, new_sandbox_for(tmp_path), workers=2)
    try:
        result, _ = pool.grade("a_hangs", load_submission(paths["a_hangs"]))
        assert result.exercise(first).score == 0
        assert len(pool.threads) == 2  # a second launcher started while nbgrader waited
        others = [pool.grade(s, load_submission(paths[s])) for s in ("b0", "b1", "b2")]
        assert all(r.score == r.max_score for r, _ in others)
        assert any(ahead for _, ahead in others)
    finally:
        pool.close()


def test_a_pool_process_that_died_is_reported(tmp_path, assignment):
    paths = write_class(tmp_path, assignment, {"ann": {}})
    pool = PoolProcess(paths, NAME, False, {"limits": LIMITS,
                                            "protected": protected_paths([tmp_path])},
                       workers=1, patience=120)
    try:
        result, ahead = pool.grade("ann", load_submission(paths["ann"]))
        assert result.score == result.max_score and pool.alive()
        pool._proc.kill()
        pool._proc.wait()
        with pytest.raises(RuntimeError, match="grading pool"):
            pool.grade("ann", load_submission(paths["ann"]))
        assert not pool.alive()
    finally:
        pool.close()


def test_the_queue_holds_the_students_nbgrader_will_grade_in_its_order(tmp_path):
    from nbgrader.coursedir import CourseDirectory

    root = tmp_path / "course"
    folders = {}
    for student in ("zoe", "amy", "bob", "cid", "dan"):
        folder = root / "submitted" / student / NAME
        folder.mkdir(parents=True)
        (folder / f"{NAME}.ipynb").write_text("{}")
        folders[str(folder)] = [str(folder / f"{NAME}.ipynb")]
    other = root / "submitted" / "amy" / "another"
    other.mkdir(parents=True)
    folders[str(other)] = [str(other / "another.ipynb")]
    for student, newer in (("bob", False), ("cid", True)):  # graded before
        done = root / "autograded" / student / NAME
        done.mkdir(parents=True)
        (done / f"{NAME}.ipynb").write_text("{}")
        (done / "timestamp.txt").write_text("2026-11-01 10:00:00")
        (root / "submitted" / student / NAME / "timestamp.txt").write_text(
            "2026-11-02 10:00:00" if newer else "2026-10-30 10:00:00")
    coursedir = CourseDirectory(root=str(root), student_id_exclude="dan")
    converter = SimpleNamespace(assignments=folders, coursedir=coursedir, force=False)
    assert [s for s, _ in nbgrader_queue(converter, NAME)] == ["amy", "cid", "zoe"]
    converter.force = True
    assert [s for s, _ in nbgrader_queue(converter, NAME)] == ["amy", "bob", "cid", "zoe"]
    coursedir.directory_structure = os.path.join("{nbgrader_step}", "{assignment_id}",
                                                 "{student_id}")
    assert nbgrader_queue(converter, NAME) == []
    assert nbgrader_queue(None, NAME) == []


class FakePool:
    def __init__(self):
        self.closed = False

    def close(self):
        self.closed = True


def test_a_run_forgets_the_last_runs_pools_and_gradebook_reads():
    """The formgrader runs autograde in its own long-lived process: each run starts afresh, and
    what a run kept is closed when its converter goes, not when a later run's does."""
    import gc

    from autograder.deliver.nbgrader import kit_execute

    class Converter:
        pass

    first, second = Converter(), Converter()
    kit_execute.begin_run(first)
    old = kit_execute._POOLS["old"] = FakePool()
    kit_execute._TESTS["old"] = {"cell": ("a", "b")}
    kit_execute.begin_run(second)
    assert old.closed and not kit_execute._POOLS and not kit_execute._TESTS
    current = kit_execute._POOLS["current"] = FakePool()
    del first
    gc.collect()
    assert not current.closed  # an earlier run's converter going away closes nothing of this one
    del second
    gc.collect()
    assert current.closed and not kit_execute._POOLS

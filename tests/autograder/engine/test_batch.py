"""Batch grading: every result written atomically, a rerun grades only what is missing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from autograder.course.registry import get_assignment
from autograder.course.sources import solution_module, strip_markers, stub_module
from autograder.engine.batch import find_submissions, grade_many


def make_class(folder, n):
    a = get_assignment("optimization_methods")
    good, stub = strip_markers(solution_module(a)), stub_module(a)
    for i in range(n):
        (folder / f"student{i:02d}").mkdir()
        (folder / f"student{i:02d}" / "work.py").write_text(good if i % 2 else stub)
    (folder / ".ipynb_checkpoints").mkdir()
    (folder / ".ipynb_checkpoints" / "skip.py").write_text("x = 1")
    return a


def test_finds_submissions_and_skips_checkpoints(tmp_path):
    make_class(tmp_path, 3)
    assert [p.parent.name for p in find_submissions([tmp_path])] == [
        "student00", "student01", "student02"]


def test_rerun_grades_only_missing_or_damaged_results(tmp_path):
    (tmp_path / "class").mkdir()
    a = make_class(tmp_path / "class", 4)
    out = tmp_path / "out"
    first = grade_many([tmp_path / "class"], a, jobs=2, out=out, progress=False)
    assert [r.score for r in first] == [0, a.max_score, 0, a.max_score]
    files = sorted(out.glob("*.json"))
    assert len(files) == 4
    files[0].unlink()
    files[1].write_text('{"submission_sha256": "tr')  # a torn write from an older tool
    graded = []
    again = grade_many([tmp_path / "class"], a, jobs=2, out=out, progress=False,
                       on_result=graded.append)
    assert len(graded) == 2
    assert [r.score for r in again] == [r.score for r in first]
    # a changed submission is graded again
    (tmp_path / "class" / "student00" / "work.py").write_text(
        strip_markers(solution_module(a)))
    graded.clear()
    grade_many([tmp_path / "class"], a, out=out, progress=False, on_result=graded.append)
    assert len(graded) == 1 and graded[0].score == a.max_score


def test_a_killed_batch_resumes_without_partial_results(tmp_path):
    (tmp_path / "class").mkdir()
    a = make_class(tmp_path / "class", 12)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "autograder", "grade", str(tmp_path / "class"),
           "--assignment", a.name, "--out", str(out), "--jobs", "2", "--format", "json"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*.json"))) < 3:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = len(list(out.glob("*.json")))
    assert 0 < done_before < 12
    for f in out.glob("*.json"):
        json.loads(f.read_text())  # never a partial file under a final name
    graded = []
    results = grade_many([tmp_path / "class"], a, out=out, progress=False,
                         on_result=graded.append)
    assert len(results) == 12 and len(graded) == 12 - done_before
    assert [r.score for r in results] == [0 if i % 2 == 0 else a.max_score for i in range(12)]

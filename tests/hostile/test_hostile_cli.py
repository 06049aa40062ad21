"""The hostile corpus through the kit's CLI path: every case, two correct submissions and the stub in
one class folder, graded by ONE ``grade_many`` call with two workers and a short time limit.

Proves, per case, the exact score of every exercise (the attacked one loses what it cheats or
crashes for, the others keep their points) and a message a student understands; and for the
batch: it completes, its wall time is bounded, every result file is valid JSON, the correct
submissions and the stub score as if graded alone, no sandbox process survives, nothing was
written outside, no connection got out.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, sandbox_processes
from corpus import ASSIGNMENT, CASES, ITEM_SECONDS, NOT_SUBMISSIONS, POINTS, render

from autograder.course.expected import KIT_ROOT
from autograder.engine.batch import find_submissions, grade_many
from autograder.engine.grading import grade
from autograder.engine.report.reasons import unexplained_failures
from autograder.engine.results import Result
from autograder.engine.sandbox.runner import Limits

# if the grader ever hangs on a case, fail instead of hanging the suite
pytestmark = pytest.mark.timeout(300)

# Half the default memory limit: a memory bomb reaches it in a fraction of the per-call limit
# even on a loaded machine (filling 2 GiB takes about 2 s here), and the 763 MiB output fits.
LIMITS = Limits(time_seconds=12, item_seconds=ITEM_SECONDS, memory_bytes=1024**3)
JOBS = 2
#: the cases that hang until the submission's time limit (each costs up to time_seconds)
HANGING = {"infinite_loop", "long_sleep", "fork_loop", "memory_bomb", "channel_stall"}
EXAMPLES = KIT_ROOT / "examples" / ASSIGNMENT.name
#: correct and stub submissions graded in the same batch, with their expected totals
REFERENCES = {"zz_correct.py": ("correct.py", ASSIGNMENT.max_score),
              "zz_correct.ipynb": ("correct.ipynb", ASSIGNMENT.max_score),
              "zz_stub.ipynb": ("stub.ipynb", 0.0)}

CASES_HERE = [c for c in CASES if ROOT or not c.needs_root]


@dataclass
class Batch:
    folder: Path
    out: Path
    results: dict[str, Result]
    wall: float
    leftovers: list[str]
    planted: list[str]
    planted_later: list[str]
    connections: int


@pytest.fixture(scope="module")
def batch(tmp_path_factory, watch) -> Batch:
    folder = tmp_path_factory.mktemp("class")
    out = tmp_path_factory.mktemp("results")
    for case in CASES_HERE:
        data = render(case, watch.env)
        path = folder / case.filename
        path.write_bytes(data) if isinstance(data, bytes) else path.write_text(data)
    for name, (example, _) in REFERENCES.items():
        shutil.copy(EXAMPLES / example, folder / name)
    for name, (data, _) in NOT_SUBMISSIONS.items():
        (folder / name).write_bytes(data) if isinstance(data, bytes) else (folder / name).write_text(data)
    # a folder is searched for .py and .ipynb only; the other files are graded when named
    paths = [folder, *(folder / name for name in NOT_SUBMISSIONS)]
    started = time.monotonic()
    results = grade_many(paths, ASSIGNMENT, jobs=JOBS, out=out, limits=LIMITS, progress=False)
    wall = time.monotonic() - started
    leftovers = sandbox_processes(watch.token, prefix=sys.prefix)
    planted = watch.planted()
    watch.remove_planted()
    time.sleep(0.5)  # an escaped process would write again within 0.1 s
    by_name = {Path(r.submission).name: r for r in results}
    return Batch(folder, out, by_name, wall, leftovers, planted, watch.planted(),
                 watch.connections())


def exercise_text(result: Result, exercise: str | None) -> str:
    """The notes and everything the student reads about ``exercise`` (all of them when None)."""
    parts = list(result.notes)
    for e in result.exercises:
        if exercise is None or e.name == exercise:
            parts += [e.message, e.diagnosis or "", *(c.message for c in e.checks)]
    return "\n".join(parts)


@pytest.mark.parametrize("case", CASES_HERE, ids=lambda c: c.name)
def test_each_case_gets_its_exact_score_and_a_clear_message(batch, case):
    result = batch.results[case.filename]
    scores = {e.name: round(e.score, 2) for e in result.exercises}
    assert scores == case.expected_scores(), (case.what, result.notes)
    assert result.score == round(sum(case.expected_scores().values()), 2)
    if case.message:
        text = exercise_text(result, None if case.total_zero else case.target)
        assert case.message in text, (case.what, text[:3000])


def test_every_failed_check_of_every_case_says_why(batch):
    for name, result in batch.results.items():
        assert not unexplained_failures(result), name


def test_files_that_are_not_submissions_score_zero_and_say_why(batch):
    assert not any(Path(p).name in NOT_SUBMISSIONS for p in find_submissions([batch.folder]))
    for name, (_, message) in NOT_SUBMISSIONS.items():
        result = batch.results[name]
        assert result.score == 0 and all(e.score == 0 for e in result.exercises)
        assert message in " ".join(result.notes)


def test_the_batch_completes_in_bounded_time(batch):
    n = len(CASES_HERE) + len(REFERENCES) + len(NOT_SUBMISSIONS)
    assert len(batch.results) == n
    # every submission is bounded by its time limit, plus the time to start a child and reap it
    slowest = max(r.seconds for r in batch.results.values())
    assert slowest < LIMITS.time_seconds + 3, slowest
    # the hanging cases use their whole limit, the others take a second or so: far below the
    # n * limit / jobs a grader that waits out every limit would need
    bound = (len(HANGING) * LIMITS.time_seconds + (n - len(HANGING)) * 1.5) / JOBS + 30
    assert batch.wall < min(bound, n * LIMITS.time_seconds / JOBS / 4), (batch.wall, bound)


def test_every_result_file_exists_and_is_valid_json(batch):
    files = sorted(batch.out.glob("*.json"))
    assert len(files) == len(batch.results)
    records = {}
    for f in files:
        data = json.loads(f.read_text())
        records[data["source"]] = Result.from_dict(data["result"])
    for result in batch.results.values():
        assert records[os.path.abspath(result.submission)] == result


def test_correct_and_stub_score_as_if_graded_alone(batch):
    for name, (_, total) in REFERENCES.items():
        in_batch = batch.results[name]
        assert in_batch.score == total
        assert all(e.score == (POINTS[e.name] if total else 0) for e in in_batch.exercises)
        alone = grade(batch.folder / name, ASSIGNMENT, limits=LIMITS)
        assert comparable(alone) == comparable(in_batch), name


def comparable(result: Result) -> dict:
    """A result without what legitimately differs between two runs: time and sandbox uid."""
    data = result.to_dict()
    for exercise in data["exercises"]:
        exercise["seconds"] = None
    return {**data, "seconds": None,
            "isolation": [re.sub(r"uid \d+", "uid N", n) for n in result.isolation]}


def test_no_sandbox_process_is_left_running(batch):
    assert batch.leftovers == []
    assert sandbox_processes(prefix=sys.prefix) == []


def test_nothing_was_written_outside_and_nothing_appears_later(batch):
    assert batch.planted == []
    assert batch.planted_later == []


def test_no_connection_reached_the_grading_host(batch):
    assert batch.connections == 0


@pytest.mark.skipif(not ROOT, reason="the uid of the sandbox processes is known only as root")
def test_the_escaped_daemon_ran_and_was_killed(batch):
    # the case answers correctly only after forking its daemon: the fork happened
    assert batch.results["escaped_daemon.py"].score == ASSIGNMENT.max_score
    assert not any("hostile-" in p for p in batch.leftovers)


def test_the_cases_cover_the_brief():
    assert len(CASES) >= 30
    assert os.path.exists(EXAMPLES / "correct.ipynb")

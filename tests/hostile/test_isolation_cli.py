"""Nothing is shared between submissions, nothing outlives one, on the CLI path (``grade``,
``grade_many``, ``autograder grade``), as root.

- an IPC relay: one student's module publishes correct functions' source in SysV shared memory,
  another's (the untouched stubs plus code that reads them) must not score;
- an IPC hog: segments beyond the memory limit must not survive the submission;
- the PID view: a student sees only its own processes;
- a leftover that SIGKILLs every process of its uid: a grader grading it is killed mid-batch (as
  the OOM killer or a CI timeout would), its uids are free again, and the next grader on the host
  must give its honest students exactly the results they get alone; a second grader running at
  the same time as the hostile one too.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from corpus import ASSIGNMENT, CORRECT, LR, Case, correct_module, hostile_function

from autograder.course.expected import KIT_ROOT
from autograder.engine.batch import grade_many
from autograder.engine.grading import grade
from autograder.engine.results import Result
from autograder.engine.sandbox.runner import Limits
from autograder.engine.sandbox.uids import UID_RANGE

pytestmark = [pytest.mark.timeout(600),
              pytest.mark.skipif(not ROOT, reason="namespaces and sandbox uids are root's here")]

LIMITS = Limits(time_seconds=30, item_seconds=10, memory_bytes=1024**3)
EXAMPLES = KIT_ROOT / "examples" / ASSIGNMENT.name
HONEST = ("correct.py", "correct.ipynb", "mistakes.py")
KEY = 0x5D000000 + os.getpid() % 0x100000  # the relay's SysV key, this run's own

PUBLISH = f"""
import ctypes
_libc = ctypes.CDLL(None, use_errno=True)
_libc.shmat.restype = ctypes.c_void_p
_text = {correct_module()!r}.encode()
_shm = _libc.shmget({KEY}, 1 << 20, 0o1666)
_at = _libc.shmat(_shm, None, 0)
ctypes.memmove(_at, _text + b"\\0", len(_text) + 1)
"""
READ = f"""
import ctypes
_libc = ctypes.CDLL(None, use_errno=True)
_libc.shmat.restype = ctypes.c_void_p
_shm = _libc.shmget({KEY}, 0, 0o666)
if _shm >= 0:
    exec(ctypes.string_at(_libc.shmat(_shm, None, 0)).decode(), globals())
"""
HOG = """
import ctypes
_libc = ctypes.CDLL(None, use_errno=True)
_libc.shmat.restype = ctypes.c_void_p
for _i in range(40):  # 40 x 64 MiB: 2.5 GiB, beyond the 1 GiB limit (one page of each touched)
    _shm = _libc.shmget(0, 64 << 20, 0o1666)
    if _shm >= 0:
        _at = _libc.shmat(_shm, None, 0)
        if _at not in (None, ctypes.c_void_p(-1).value):
            ctypes.memset(_at, 1, 4096)
"""
PID_VIEW = """\
import os
seen = [p for p in os.listdir("/proc") if p.isdigit()]
if len(seen) > 2:  # more than the namespace's init and itself: it can see others' processes
    return 0.0
""" + CORRECT[LR]
#: forks a daemon (named @TOKEN@) that SIGKILLs every process of its uid but its own parent, for
#: 60 s; the submission then sleeps in short statements, so that it is still graded when the
#: grader grading it is killed
KILLER = """
import ctypes, os, time
_parent = os.getpid()
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        ctypes.CDLL(None).prctl(15, b"@TOKEN@", 0, 0, 0)
        _end = time.time() + 60
        while time.time() < _end:
            for _p in os.listdir("/proc"):
                if _p.isdigit() and int(_p) not in (os.getpid(), _parent):
                    try:
                        if os.stat("/proc/" + _p).st_uid == os.getuid():
                            os.kill(int(_p), 9)
                    except OSError:
                        pass
            time.sleep(0.01)
    os._exit(0)
""" + "time.sleep(5)\n" * 5


def comparable(result: Result) -> dict:
    """A result without what legitimately differs between two runs: times, paths, the uid."""
    data = result.to_dict()
    for exercise in data["exercises"]:
        exercise["seconds"] = None
    return {**data, "seconds": None, "submission": Path(result.submission).name,
            "isolation": [re.sub(r"uid \d+", "uid N", n) for n in result.isolation]}


def honest_class(folder: Path) -> Path:
    folder.mkdir()
    for name in HONEST:
        shutil.copy(EXAMPLES / name, folder / name)
    return folder


def graded(folder: Path) -> dict[str, dict]:
    results = grade_many([folder], ASSIGNMENT, jobs=2, limits=LIMITS, progress=False)
    return {Path(r.submission).name: comparable(r) for r in results}


@pytest.fixture(scope="module")
def alone(tmp_path_factory) -> dict[str, dict]:
    return graded(honest_class(tmp_path_factory.mktemp("alone") / "class"))


def sandbox_segments() -> list[str]:
    """The host's SysV shared-memory segments made by a sandbox uid."""
    with open("/proc/sysvipc/shm") as f:
        rows = [line.split() for line in f.read().splitlines()[1:]]
    return [" ".join(r) for r in rows if int(r[9]) in UID_RANGE or int(r[0]) == KEY]


def test_an_ipc_relay_between_two_students_scores_nothing(tmp_path):
    publisher, reader = tmp_path / "publisher.py", tmp_path / "reader.py"
    publisher.write_text(correct_module(top=PUBLISH))
    reader.write_text((EXAMPLES / "stub.py").read_text() + "\n" + READ)  # after the stubs
    assert grade(publisher, ASSIGNMENT, limits=LIMITS).score == ASSIGNMENT.max_score
    relayed = grade(reader, ASSIGNMENT, limits=LIMITS)
    assert relayed.score == grade(EXAMPLES / "stub.py", ASSIGNMENT, limits=LIMITS).score == 0
    assert sandbox_segments() == []


def test_an_ipc_hog_leaves_no_segment_and_honest_students_keep_their_results(tmp_path, alone):
    folder = honest_class(tmp_path / "class")
    (folder / "hog.py").write_text(correct_module(top=HOG))
    results = graded(folder)
    assert results.pop("hog.py")["score"] == ASSIGNMENT.max_score
    assert results == alone
    assert sandbox_segments() == []


def test_a_student_sees_only_its_own_processes(tmp_path):
    path = tmp_path / "pid_view.py"
    path.write_text(correct_module({LR: hostile_function(Case("pid_view", "", LR, PID_VIEW))}))
    result = grade(path, ASSIGNMENT, limits=LIMITS)
    assert result.score == ASSIGNMENT.max_score, [e.message for e in result.exercises]


def processes_named(name: str) -> list[int]:
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/comm") as f:
                if f.read().strip() == name:
                    found.append(int(entry))
        except OSError:
            pass
    return found


def test_two_graders_at_once_and_a_killed_grader_leave_honest_results_untouched(tmp_path, alone):
    token = f"k{os.getpid() % 100000}"
    hostile = tmp_path / "hostile"
    hostile.mkdir()
    (hostile / "killer.py").write_text(correct_module(top=KILLER.replace("@TOKEN@", token)))
    (hostile / "hog.py").write_text(correct_module(top=HOG))
    grader = subprocess.Popen(
        [sys.executable, "-m", "autograder.cli", "grade", str(hostile), "--assignment",
         ASSIGNMENT.name, "--jobs", "2", "--time-limit", "60", "--format", "json",
         "--no-progress"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not processes_named(token) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert processes_named(token), "the hostile submission's daemon never ran"
        beside = graded(honest_class(tmp_path / "beside"))  # while the hostile grader runs
    finally:
        grader.send_signal(signal.SIGKILL)  # the grader alone, as the OOM killer would
        grader.wait()
    after = graded(honest_class(tmp_path / "after"))  # on the uids the killed grader held
    assert beside == alone
    assert after == alone
    deadline = time.monotonic() + 5
    while processes_named(token) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert processes_named(token) == []
    assert sandbox_segments() == []

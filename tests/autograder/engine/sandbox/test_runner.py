"""The sandbox's guarantees, each with a submission that tries to break it."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import numpy as np
import pytest

from autograder.engine.sandbox.runner import Limits, Sandbox

LIMITS = Limits(time_seconds=8, item_seconds=2, memory_bytes=512 * 1024**2)


def job(source: str, *calls: tuple[str, tuple]) -> dict:
    units = [{"label": "cell 1", "source": source, "filename": "<cell 1>"}]
    return {
        "units": units,
        "module_name": "__main__",
        "calls": [{"id": i, "function": fn, "inputs": pickle.dumps((args, {})), "rng_seed": None}
                  for i, (fn, args) in enumerate(calls)],
    }


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    secret = tmp_path_factory.mktemp("secret")
    (secret / "answers.txt").write_text("the reference")
    with Sandbox(tensorflow=False, limits=LIMITS, protected=[str(secret)]) as sb:
        sb.secret = secret
        yield sb


def test_returns_values_and_every_call_gets_fresh_inputs(sandbox):
    src = "def f(a):\n    a *= 2\n    return a\n"
    out = sandbox.run(job(src, ("f", (np.ones(2),)), ("f", (np.ones(2),))))
    assert [out.calls[i].output.tolist() for i in (0, 1)] == [[2.0, 2.0], [2.0, 2.0]]


def test_an_infinite_loop_costs_only_its_own_call(sandbox):
    src = "def hang():\n    while True:\n        pass\ndef ok():\n    return 1\n"
    started = time.monotonic()
    out = sandbox.run(job(src, ("hang", ()), ("ok", ())))
    assert time.monotonic() - started < LIMITS.item_seconds + 3
    assert out.calls[0].error["type"] == "timeout"
    assert out.calls[1].output == 1


def test_the_whole_submission_is_bounded_by_its_time_limit(sandbox):
    src = "import time\ndef slow():\n    time.sleep(100)\n"
    started = time.monotonic()
    out = sandbox.run(job(src, *[("slow", ())] * 10))
    assert time.monotonic() - started < LIMITS.time_seconds + 3
    assert all(out.calls[i].error["type"] == "timeout" for i in range(10))


def test_a_cell_that_hangs_is_skipped_and_later_cells_still_run(sandbox):
    units = [
        {"label": "a", "source": "while True:\n    pass\n", "filename": "<a>"},
        {"label": "b", "source": "def f():\n    return 7\n", "filename": "<b>"},
    ]
    j = {"units": units, "module_name": "__main__",
         "calls": [{"id": 0, "function": "f", "inputs": pickle.dumps(((), {})), "rng_seed": None}]}
    out = sandbox.run(j)
    assert out.units[0].error["type"] == "timeout"
    assert out.calls[0].output == 7


@pytest.mark.parametrize("exit_code", ["os._exit(3)", "sys.exit(0)", "raise SystemExit(1)"])
def test_exits_do_not_stop_the_grader(sandbox, exit_code):
    src = f"import os, sys\ndef bye():\n    {exit_code}\ndef ok():\n    return 2\n"
    out = sandbox.run(job(src, ("bye", ()), ("ok", ())))
    assert out.calls[0].error is not None
    assert out.calls[1].output == 2


def test_a_crash_of_the_interpreter_is_contained(sandbox):
    src = "import ctypes\ndef crash():\n    ctypes.string_at(0)\ndef ok():\n    return 3\n"
    out = sandbox.run(job(src, ("crash", ()), ("ok", ())))
    assert out.calls[0].error["type"] == "crash"
    assert "SIGSEGV" in out.calls[0].error["message"]
    assert out.calls[1].output == 3


def test_a_memory_bomb_hits_the_memory_limit(sandbox):
    src = "def bomb():\n    return bytearray(4 * 1024**3)\n"
    out = sandbox.run(job(src, ("bomb", ())))
    assert out.calls[0].error["type"] in ("MemoryError", "crash")


def test_protected_paths_are_hidden(sandbox):
    src = f"def peek():\n    return open({str(sandbox.secret / 'answers.txt')!r}).read()\n"
    out = sandbox.run(job(src, ("peek", ())))
    assert out.calls[0].error is not None and out.calls[0].output is None


@pytest.mark.skipif(os.geteuid() != 0, reason="network namespaces are set up as root")
def test_no_network(sandbox):
    src = ("import socket\ndef call():\n    s = socket.create_connection(('127.0.0.1', 22), 1)\n"
           "    return 'connected'\n")
    out = sandbox.run(job(src, ("call", ())))
    assert out.calls[0].error is not None


@pytest.mark.skipif(os.geteuid() != 0, reason="the privilege drop happens when grading as root")
def test_runs_unprivileged_in_its_own_directory(sandbox):
    src = "import os\ndef who():\n    return (os.getuid(), os.getcwd(), dict(os.environ))\n"
    out = sandbox.run(job(src, ("who", ())))
    uid, cwd, env = out.calls[0].output
    assert uid != 0
    assert "submission-" in cwd
    assert "HOME" in env and not any(k.startswith(("PYTEST", "VIRTUAL_ENV")) for k in env)


def test_missing_and_not_callable(sandbox):
    out = sandbox.run(job("x = 3\n", ("nothing", ()), ("x", ())))
    assert out.calls[0].error["type"] == "missing"
    assert out.calls[1].error["type"] == "not callable"


def test_writing_into_the_grader_channel_is_contained(sandbox):
    src = ("import os\ndef spam():\n    for fd in range(3, 256):\n        try:\n"
           "            os.write(fd, b'garbage\\n')\n        except OSError:\n            pass\n"
           "    return 1\ndef ok():\n    return 5\n")
    out = sandbox.run(job(src, ("spam", ()), ("ok", ())))
    assert out.calls[0].error is not None
    assert out.calls[1].output == 5


@pytest.mark.skipif(os.geteuid() != 0, reason="uids are claimed when grading as root")
def test_concurrent_sandboxes_never_share_a_uid(sandbox):
    src = "import os\ndef who():\n    return os.getuid()\n"
    with Sandbox(tensorflow=False, limits=LIMITS) as other:
        mine = sandbox.run(job(src, ("who", ()))).calls[0].output
        theirs = other.run(job(src, ("who", ()))).calls[0].output
    assert mine != theirs


@pytest.mark.skipif(os.geteuid() != 0, reason="mount namespaces are set up as root")
def test_files_written_outside_the_working_directory_vanish(sandbox, tmp_path):
    marker = "/tmp/planted-by-a-submission"
    src = (f"def plant():\n    open({marker!r}, 'w').write('x')\n"
           "    open('/var/tmp/also-planted', 'w').write('x')\n    return 1\n"
           f"def kit():\n    open({str(Path(__file__).resolve())!r}, 'a').write('x')\n")
    out = sandbox.run(job(src, ("plant", ()), ("kit", ())))
    assert out.calls[0].output == 1
    assert not os.path.exists(marker) and not os.path.exists("/var/tmp/also-planted")
    assert out.calls[1].error is not None  # the kit's files are not writable


def test_a_submission_that_kills_its_launcher_costs_only_itself():
    src = ("import os, signal\ndef kill_launcher():\n    os.kill(os.getppid(), signal.SIGKILL)\n"
           "    return 1\ndef ok():\n    return 4\n")
    with Sandbox(tensorflow=False, limits=LIMITS) as sb:
        launcher = sb._proc.pid
        out = sb.run(job(src, ("kill_launcher", ()), ("ok", ())))
        if os.geteuid() != 0:  # only an unprivileged grader's launcher can be killed
            assert sb._proc.pid != launcher
        assert out.calls[1].output == 4
        assert sb.run(job(src, ("ok", ()))).calls[0].output == 4


def test_grading_goes_on_after_the_launcher_dies():
    with Sandbox(tensorflow=False, limits=LIMITS) as sb:
        assert sb.run(job("def ok():\n    return 4\n", ("ok", ()))).calls[0].output == 4
        sb._proc.kill()
        sb._proc.wait()
        assert sb.run(job("def ok():\n    return 5\n", ("ok", ()))).calls[0].output == 5


def test_the_whole_standard_library_can_be_imported(sandbox):
    """Even where Python lives in a private folder (here: /root), nothing preloaded is needed."""
    src = ("def use():\n    import statistics, fractions, decimal, difflib, zoneinfo\n"
           "    return float(statistics.mean([1.0, 2.0, 3.0]) + fractions.Fraction(1, 2))\n")
    out = sandbox.run(job(src, ("use", ())))
    assert out.calls[0].output == 2.5, out.calls[0].error


@pytest.mark.skipif(os.geteuid() != 0, reason="mount namespaces are set up as root")
def test_the_graders_home_is_out_of_sight(sandbox):
    home = os.path.expanduser("~")
    src = f"import os\ndef look():\n    return sorted(os.listdir({home!r}))\n"
    out = sandbox.run(job(src, ("look", ())))
    visible = out.calls[0].output if out.calls[0].error is None else []
    assert ".cache" not in visible and ".bash_history" not in visible

"""The sandbox of a grader that is not root: the same namespaces through a user namespace, the
seccomp filter, no cgroup.

The test runs a grader as ``nobody`` (``setpriv``) in a mount namespace of its own, where the
folders of the Python installation and of the kit that sit under a private folder (``/root``, in
CI) are made reachable, and asks a submission what it sees.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from autograder.course.expected import KIT_ROOT
from autograder.engine.sandbox.mounts import _private_ancestor

NOBODY = 65534
PROBE = r'''
import ast, json, os, sys
sys.path.insert(0, sys.argv[1])
from autograder.engine.sandbox.runner import Limits, Sandbox
SEEN = """
import ctypes, errno, os, socket
libc = ctypes.CDLL(None, use_errno=True)
def result(value):
    return "ok" if value >= 0 else errno.errorcode[ctypes.get_errno()]
raise RuntimeError(repr({
    "pids": sorted(int(p) for p in os.listdir("/proc") if p.isdigit()),
    "host": socket.gethostname(),
    "shm": len(open("/proc/sysvipc/shm").read().splitlines()) - 1,
    "unshare(CLONE_NEWUSER)": result(libc.unshare(0x10000000)),
    "keyctl": result(libc.syscall(250, 0, 0, 0, 0)),
}))
"""
with Sandbox(tensorflow=False, limits=Limits(time_seconds=20, item_seconds=10)) as sandbox:
    out = sandbox.run({"units": [{"source": SEEN, "filename": "probe.py"}], "calls": []})
error = out.units[0].error
print(json.dumps({"euid": os.geteuid(), "notes": out.notes,
                  "seen": ast.literal_eval(error["message"]) if error["type"] == "RuntimeError"
                  else error}))
'''


def _user_namespaces_allowed() -> bool:
    try:
        return int(Path("/proc/sys/user/max_user_namespaces").read_text()) > 0
    except (OSError, ValueError):
        return False


pytestmark = [
    pytest.mark.timeout(300),
    pytest.mark.skipif(os.geteuid() != 0, reason="setting up a grader as nobody needs root"),
    pytest.mark.skipif(not (shutil.which("unshare") and shutil.which("setpriv")),
                       reason="util-linux's unshare and setpriv are needed"),
    pytest.mark.skipif(not _user_namespaces_allowed(),
                       reason="this kernel allows no user namespaces"),
]


def _reachable_script(stage: Path) -> str:
    """Shell lines that make the private folders' needed children reachable (as
    :func:`mounts._readable_installation` does for the student)."""
    moves: dict[str, list[str]] = {}
    for needed in {os.path.realpath(p) for p in (sys.base_prefix, sys.prefix, KIT_ROOT)}:
        blocked = _private_ancestor(needed)
        if blocked:
            child = os.path.join(blocked, Path(needed).relative_to(blocked).parts[0])
            moves.setdefault(blocked, []).append(child)
    lines = []
    for blocked, children in moves.items():
        for i, child in enumerate(sorted(set(children))):
            lines.append(f"mkdir -p {stage}/{i} && mount --bind {child} {stage}/{i}")
        lines.append(f"mount -t tmpfs -o mode=755 tmpfs {blocked}")
        for i, child in enumerate(sorted(set(children))):
            lines.append(f"mkdir -p {child} && mount --move {stage}/{i} {child}")
    return " && ".join(lines) or "true"


def test_a_grader_that_is_not_root_isolates_submissions_in_a_user_namespace():
    folder = Path(tempfile.mkdtemp(prefix="unprivileged-grader-"))
    try:
        folder.chmod(0o755)
        (folder / "probe.py").write_text(PROBE)
        (folder / "stage").mkdir()
        script = (f"{_reachable_script(folder / 'stage')} && exec setpriv --reuid={NOBODY} "
                  f"--regid={NOBODY} --clear-groups {sys.executable} {folder / 'probe.py'} "
                  f"{KIT_ROOT}")
        done = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                               script], capture_output=True, text=True, timeout=240, cwd="/")
        assert done.returncode == 0, done.stderr[-3000:]
        report = json.loads(done.stdout.splitlines()[-1])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert report["euid"] == NOBODY
    notes = "\n".join(report["notes"])
    assert "own user namespace" in notes and "seccomp filter" in notes, notes
    assert "no cgroup" in notes and "unprivileged uid" not in notes
    assert report["seen"] == {"pids": [1, 2], "host": "sandbox", "shm": 0,
                              "unshare(CLONE_NEWUSER)": "EPERM", "keyctl": "EPERM"}, report

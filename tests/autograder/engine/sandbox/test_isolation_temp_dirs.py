"""A kit (or its virtual environment) under /tmp stays importable inside the private /tmp."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from autograder.engine.sandbox.mounts import SHARED_TEMP_DIRS

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="mount namespaces are made as root")

CHILD = """
import os, sys
from autograder.engine.sandbox import mounts as iso
from autograder.engine.sandbox import namespaces
needed = sys.argv[1]
namespaces.unshare(namespaces.CLONE_NEWNS)
iso.private_root()
kept = iso._open_under_temp_dirs([needed]) if sys.argv[2] == "keep" else []
iso._private_temp_dirs(1 << 20)
notes = iso._bind_back(kept)
try:
    print(open(os.path.join(needed, "m.py")).read().strip())
except OSError as exc:
    print("unreadable", type(exc).__name__)
try:
    open(os.path.join(needed, "new.py"), "w")
    print("writable")
except OSError:
    print("read-only")
print(sorted(os.listdir("/tmp")), notes)
"""


def _run(needed, mode: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(needed), mode],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_a_needed_folder_under_tmp_is_bound_back_read_only(tmp_path):
    if not any(str(tmp_path).startswith(d + "/") for d in SHARED_TEMP_DIRS):
        pytest.skip(f"the test's folder {tmp_path} is not under a shared temporary folder")
    needed = tmp_path / "kit" / "course_lib"
    needed.mkdir(parents=True)
    (needed / "m.py").write_text("X = 1\n")
    (tmp_path / "secret.txt").write_text("another student's file\n")
    readable, writable, listing = _run(needed, "keep")
    assert readable == "X = 1"
    assert writable == "read-only"
    top = str(tmp_path).split("/")[2]
    assert listing.startswith(f"['{top}']")  # nothing else of the shared /tmp is visible
    assert not (needed / "new.py").exists()
    # without binding it back, the private /tmp hides it (what the kit under /tmp ran into)
    assert _run(needed, "drop")[0] == "unreadable FileNotFoundError"

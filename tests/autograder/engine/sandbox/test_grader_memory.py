"""The grader's process stays the same size however many submissions one sandbox grades.

Measured in a fresh Python process: glibc's allocator state (what the fix is about, see
:func:`autograder.engine.sandbox.runner.pin_mmap_threshold`) is per process, and pytest's own would blur
it. RSS, not tracemalloc: what grew was the C heap around freed buffers, which tracemalloc
does not see (its traced memory stayed flat before the fix too), and tracemalloc's own tables
would grow the RSS measured here.
"""

from __future__ import annotations

import json
import subprocess
import sys

from autograder.course.expected import KIT_ROOT

COUNT = 200
WARM_UP = 40

CHILD = f"""
import gc, json
from pathlib import Path

import psutil

from autograder.course.expected import expected_table
from autograder.engine.grading import grade
from autograder.course.registry import get_assignment
from autograder.engine.sandbox.runner import Sandbox

assignment = get_assignment("optimization_methods")
table = expected_table(assignment)
folder = Path({str(KIT_ROOT / "examples" / "optimization_methods")!r})
paths = [folder / f"{{n}}.py" for n in ("correct", "mistakes", "stub")]
me = psutil.Process()
seen = {{}}
with Sandbox(tensorflow=assignment.uses_tensorflow) as sandbox:
    for i in range({COUNT}):
        if i == {WARM_UP}:
            gc.collect()
            seen["rss0"] = me.memory_info().rss
        result = grade(paths[i % 3], assignment, sandbox=sandbox, table=table)
        assert result.exercises, result
    gc.collect()
    seen["rss1"] = me.memory_info().rss
print(json.dumps(seen))
"""


def test_grading_many_submissions_on_one_sandbox_keeps_memory_flat():
    """Before the fix the process grew about 7 KiB per submission (glibc heap fragmentation by the
    per-submission buffers of a few hundred KiB); over 160 submissions that is over 1 MiB."""
    proc = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                          cwd=KIT_ROOT, timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    graded = COUNT - WARM_UP
    rss_growth = seen["rss1"] - seen["rss0"]
    assert rss_growth < 512 * 1024, (
        f"the grading process grew by {rss_growth / 1024:.0f} KiB over {graded} submissions")

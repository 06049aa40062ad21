"""Grading on Dask: the same results as a local run, on a real scheduler with two workers started
here and on a LocalCluster; a worker killed mid-batch and a killed client lose nothing; a worker
with another version of the kit is refused.

"The same" is every field of every result but ``seconds`` (wall times, the result's and each
exercise's) and the numbers in
``isolation`` (which sandbox uid a submission got, how many protected paths exist), which differ
between two local runs too; what is enforced must be the same.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from distributed import Client, LocalCluster
from mixed_class import write_class

from autograder.course.registry import get_assignment
from autograder.engine.batch import grade_many
from autograder.engine.distributed import (
    KitMismatch,
    grade_on_dask,
    grade_on_worker,
    idle_sandboxes,
    kit_versions,
)
from autograder.engine.sandbox.runner import Limits

pytestmark = pytest.mark.timeout(600)

ASSIGNMENT = get_assignment("optimization_methods")
N = 200
DASK_CLI = str(Path(sys.executable).with_name("dask"))


def comparable(result) -> dict:
    data = result.to_dict() if not isinstance(result, dict) else dict(result)
    data.pop("seconds")
    data["exercises"] = [{k: v for k, v in e.items() if k != "seconds"} for e in data["exercises"]]
    data["isolation"] = [re.sub(r"\d+", "N", note) for note in data["isolation"]]
    return data


def differences(a, b, where=""):
    """Where two JSON-like values differ, for a readable failure."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(set(a) | set(b), key=str)
                for d in differences(a.get(k), b.get(k), f"{where}.{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in differences(x, y, f"{where}[{i}]")]
    return [] if a == b else [f"{where}: {a!r} != {b!r}"]


def assert_same(results, local: dict[str, dict]) -> None:
    assert len(results) == len(local)
    for result in results:
        data = comparable(result)
        assert data == local[data["submission"]], differences(data, local[data["submission"]])


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    """200 mixed submissions (modules and notebooks; correct, stubs, mistakes, hostile), and
    their results graded locally with ``grade_many``, by submission path."""
    folder = tmp_path_factory.mktemp("class")
    paths = write_class(folder, N, ASSIGNMENT.name, hostile_every=12)
    results = grade_many([folder], ASSIGNMENT, jobs=2, progress=False)
    assert len(results) == N
    scores = {r.score for r in results}
    assert 0 in scores and ASSIGNMENT.max_score in scores and len(scores) > 10  # really mixed
    return folder, paths, {r.submission: comparable(r) for r in results}


class RealCluster:
    """``dask scheduler`` and ``dask worker`` processes on localhost, each in its own session."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.scheduler_file = folder / "scheduler.json"
        self.procs: dict[str, subprocess.Popen] = {}
        self.procs["scheduler"] = self._start(
            [DASK_CLI, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
             "--scheduler-file", str(self.scheduler_file)], "scheduler")

    def scheduler_address(self) -> str:
        """Once the scheduler has written its file (it may be seen half written)."""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                return json.loads(self.scheduler_file.read_text())["address"]
            except (OSError, ValueError, KeyError):
                time.sleep(0.1)
        raise TimeoutError(f"the scheduler wrote no address into {self.scheduler_file}")

    def _start(self, cmd, name) -> subprocess.Popen:
        log = open(self.folder / f"{name}.log", "ab")
        return subprocess.Popen(cmd, stdout=log, stderr=log, stdin=subprocess.DEVNULL,
                                start_new_session=True)

    def start_worker(self, name: str) -> None:
        self.procs[name] = self._start(
            [DASK_CLI, "worker", self.address, "--name", name, "--nthreads", "1",
             "--no-dashboard"], name)

    def kill(self, name: str) -> None:
        """SIGKILL the whole worker: nanny, worker process, launcher (a machine lost)."""
        proc = self.procs.pop(name)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

    def close(self) -> None:
        for name in [n for n in self.procs if n != "scheduler"] + ["scheduler"]:
            proc = self.procs.pop(name, None)
            if proc is None:
                continue
            proc.terminate()  # the worker closes its sandboxes
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # whatever is left in its session
            except ProcessLookupError:
                pass
            proc.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    c = RealCluster(tmp_path_factory.mktemp("dask"))
    try:
        c.address = c.scheduler_address()
        c.start_worker("w1")
        c.start_worker("w2")
        with Client(c.address) as client:
            client.wait_for_workers(2, timeout=120)
        yield c
    finally:
        c.close()


def test_cli_on_a_real_cluster_gives_the_local_results(klass, cluster, tmp_path):
    folder, _, local = klass
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "autograder", "grade", str(folder), "-a",
                          ASSIGNMENT.name, "--dask", cluster.address, "--out", str(out),
                          "--format", "json"], capture_output=True, text=True, timeout=500)
    assert run.returncode == 0, run.stderr[-3000:]
    assert_same(json.loads(run.stdout), local)
    records = sorted(out.glob("*.json"))
    assert len(records) == N  # resumable records, as a local run writes them
    record = json.loads(records[0].read_text())
    assert set(record) == {"submission_sha256", "grader_version", "source", "student", "result"}
    assert Path(record["source"]).is_absolute() and record["student"] is None  # not a tree
    # a rerun finds everything done and sends nothing
    with Client(cluster.address) as client:
        graded = []
        again = grade_on_dask([folder], ASSIGNMENT, client, out=out, progress=False,
                              on_result=graded.append)
    assert graded == [] and len(again) == N


def test_a_worker_killed_mid_batch_loses_nothing(klass, cluster, tmp_path):
    folder, paths, local = klass
    some = paths[:80]
    with Client(cluster.address) as client:
        victim = next(a for a, w in client.scheduler_info()["workers"].items()
                      if w["name"] == "w1")
        seen = []
        lost = []

        def kill_after_ten(result):
            seen.append(result)
            if len(seen) == 10:
                deadline = time.monotonic() + 30
                while not client.processing().get(victim) and time.monotonic() < deadline:
                    time.sleep(0.01)
                lost.extend(client.processing().get(victim, ()))
                cluster.kill("w1")

        try:
            results = grade_on_dask(some, ASSIGNMENT, client, out=tmp_path / "out",
                                    progress=False, on_result=kill_after_ten)
        finally:
            cluster.start_worker("w1")
        assert lost, "the killed worker was grading nothing"
        assert victim not in client.scheduler_info()["workers"]
        client.wait_for_workers(2, timeout=120)
    assert len(results) == len(some) == len(seen)
    assert_same(results, {str(p): local[str(p)] for p in some})


def test_a_killed_client_resumes_and_grades_only_the_missing(klass, cluster, tmp_path):
    folder, paths, local = klass
    some = [str(p) for p in paths[:40]]
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "autograder", "grade", *some, "-a",
                             ASSIGNMENT.name, "--dask", cluster.address, "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*.json"))) < 5:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    before = len(list(out.glob("*.json")))
    assert 0 < before < len(some)
    for f in out.glob("*.json"):
        json.loads(f.read_text())  # never a partial file under a final name
    graded = []
    results = grade_on_dask(some, ASSIGNMENT, cluster.address, out=out, progress=False,
                            on_result=graded.append)
    assert len(graded) == len(some) - before
    assert_same(results, {p: local[p] for p in some})


@pytest.fixture(scope="module")
def local_cluster():
    # one worker process with two threads: its pool serves two submissions at a time
    with LocalCluster(n_workers=1, threads_per_worker=2, dashboard_address=":0") as c:
        yield c


def test_a_local_cluster_gives_the_local_results(klass, local_cluster):
    folder, paths, local = klass
    some = paths[:40]
    results = grade_on_dask(some, ASSIGNMENT, local_cluster, progress=False)
    assert_same(results, {str(p): local[str(p)] for p in some})
    with Client(local_cluster) as client:
        assert list(client.run(idle_sandboxes).values()) == [2]


def test_a_worker_with_another_kit_is_refused(klass, local_cluster, monkeypatch):
    folder, paths, _ = klass
    with Client(local_cluster) as client:
        # the task checks too (a worker may join after the first check)
        versions = dict(kit_versions(ASSIGNMENT.name), grader="another")
        future = client.submit(grade_on_worker, b"", "x.py", ASSIGNMENT.name, Limits(),
                               "definitions", versions, pure=False)
        with pytest.raises(KitMismatch, match="another version of the kit"):
            future.result()
        # only the client's version is patched: every worker differs from it
        monkeypatch.setattr("autograder.engine.distributed.grader_version", lambda a: "patched")
        with pytest.raises(KitMismatch, match="1 Dask worker.*another version of the kit"):
            grade_on_dask(paths[:2], ASSIGNMENT, client, progress=False)


def test_the_pool_keeps_two_idle_sandboxes_per_thread():
    from autograder.engine.distributed import SandboxPool

    pool = SandboxPool()
    pool.setup(None)  # outside Dask: one thread
    try:
        used = []
        for seconds in (30, 40, 50):
            with pool.sandbox(ASSIGNMENT, Limits(time_seconds=seconds)) as sandbox:
                used.append(sandbox)
        with pool.sandbox(ASSIGNMENT, Limits(time_seconds=50)) as again:
            assert again is used[2]  # the warm one, not a new launcher
        assert pool.idle_count() == 2
        assert used[0]._proc is None and used[1]._proc is not None  # the oldest was closed
    finally:
        pool.teardown(None)
    assert pool.idle_count() == 0 and not pool.folder.exists()

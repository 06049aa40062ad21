"""What the JupyterHub test adds to CI: the proxy's install and the test's own run, wall clock.

    .venv/bin/python benchmarks/jupyterhub_test_time.py [--runs 2]

Times ``npm ci`` of the test's configurable-http-proxy into a fresh copy of
``tests/assignments/hub_proxy/`` (what ``dev.py``'s test set-up runs on a new machine), then runs
``pytest tests/assignments/test_jupyterhub_term.py`` ``--runs`` times and prints each run's time
and the test's own phases (the hub part, the whole test). Target: under 3 minutes in all.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROXY_DIR = ROOT / "tests" / "assignments" / "hub_proxy"
TEST = ROOT / "tests" / "assignments" / "test_jupyterhub_term.py"
TARGET = 180.0


def npm_install_seconds() -> float:
    with tempfile.TemporaryDirectory() as folder:
        for name in ("package.json", "package-lock.json"):
            shutil.copy(PROXY_DIR / name, Path(folder) / name)
        started = time.monotonic()
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=folder,
                       check=True, capture_output=True)
        return time.monotonic() - started


def test_run() -> tuple[float, str]:
    """One run of the test: its wall time and the line in which it reports its phases."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pytest", str(TEST), "-q", "-s",
                           "-p", "no:cacheprovider"], cwd=ROOT, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        sys.exit(f"the JupyterHub test failed:\n{done.stdout[-4000:]}")
    phases = re.search(r"the hub part took .*", done.stdout)
    return seconds, phases.group(0) if phases else "(no phases printed)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    npm = npm_install_seconds()
    print(f"npm ci (configurable-http-proxy, fresh folder): {npm:.1f} s")
    runs = []
    for i in range(args.runs):
        seconds, phases = test_run()
        runs.append(seconds)
        print(f"run {i + 1}: pytest {seconds:.1f} s; {phases}")
    worst = npm + max(runs)
    print(f"added to CI, worst run: {worst:.1f} s (target {TARGET:.0f} s): "
          + ("within" if worst <= TARGET else "OVER"))


if __name__ == "__main__":
    main()

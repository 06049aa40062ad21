#!/usr/bin/env python3
"""Set the kit up in ``.venv`` and run one of its jobs. Needs only Python 3.10+.

    python3 dev.py main    # set up, then grade the bundled examples: a line each, a summary
    python3 dev.py test    # set up, then run the whole test suite (what CI runs)

Set-up creates ``.venv`` beside this file and installs the project with its dev extras; it is
repeated only when ``pyproject.toml`` changes. Before the tests it also installs the system
packages some tests need, when they are missing and this is a Debian-like machine where it runs as
root: Chromium (the browser tests) and PostgreSQL (nbgrader's gradebook on PostgreSQL); and, with
npm, the pinned configurable-http-proxy of the JupyterHub test. Extra arguments after the job go to
its command.
"""

from __future__ import annotations

import ctypes.util
import glob
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".kit-installed"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def _run(*cmd: str | os.PathLike) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.call([str(c) for c in cmd], cwd=ROOT)


def setup() -> None:
    """Create ``.venv`` and install the project into it, unless it is already up to date."""
    if sys.version_info < (3, 10):  # noqa: UP036 (dev.py may be run by an older python3)
        sys.exit(f"the kit needs Python 3.10 or newer; this is {sys.version.split()[0]}")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted and (BIN / "python").exists():
        return
    if not (BIN / "python").exists():
        if _run(sys.executable, "-m", "venv", VENV):
            sys.exit("could not create the virtual environment .venv")
    pip = [BIN / "python", "-m", "pip", "install", "--disable-pip-version-check", "-qq"]
    if _run(*pip, "--upgrade", "pip") or _run(*pip, "-e", ".[dev]"):
        sys.exit("installing the kit into .venv failed (see pip's message above)")
    STAMP.write_text(wanted)


#: Debian package -> how to tell it is installed (what the tests look for)
SYSTEM_PACKAGES = {
    "chromium": lambda: os.access("/usr/bin/chromium", os.X_OK),
    "postgresql": lambda: bool(glob.glob("/usr/lib/postgresql/*/bin/initdb")),
    # the sandbox's seccomp filter (through pyseccomp)
    "libseccomp2": lambda: bool(ctypes.util.find_library("seccomp")),
}


def system_setup() -> None:
    """Install the missing system packages of the tests with apt-get, where that is possible."""
    missing = [name for name, present in SYSTEM_PACKAGES.items() if not present()]
    if not missing:
        return
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("apt-get"):
        print(f"not installed: {', '.join(missing)} (Debian packages); the tests that need them "
              "skip here, and fail under CI=true", file=sys.stderr)
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *missing]):
        print("+", " ".join(cmd), flush=True)
        if subprocess.call(cmd, env=env, stdout=subprocess.DEVNULL):
            sys.exit(f"installing {', '.join(missing)} with apt-get failed")


#: The JupyterHub test's proxy: package.json and package-lock.json pin it, ``npm ci`` installs it.
NODE_DIR = ROOT / "tests" / "assignments" / "hub_proxy"
NODE_STAMP = NODE_DIR / "node_modules" / ".kit-installed"


def node_setup() -> None:
    """Install the JupyterHub test's configurable-http-proxy with npm, unless it is up to date."""
    wanted = hashlib.sha256((NODE_DIR / "package-lock.json").read_bytes()).hexdigest()
    if NODE_STAMP.exists() and NODE_STAMP.read_text() == wanted:
        return
    npm = shutil.which("npm")
    if npm is None:
        print("npm is not installed: the JupyterHub test (configurable-http-proxy) skips here, "
              "and fails under CI=true", file=sys.stderr)
        return
    cmd = [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"]
    print("+", " ".join(cmd), f"(in {NODE_DIR.relative_to(ROOT)})", flush=True)
    if subprocess.call(cmd, cwd=NODE_DIR):
        sys.exit("installing configurable-http-proxy with npm failed (see npm's message above)")
    NODE_STAMP.write_text(wanted)


def main_job(args: list[str]) -> int:
    """Grade the bundled example submissions of every assignment: one line per assignment and a
    summary of the grades (``autograder demo`` prints every table and message)."""
    return _run(BIN / "python", "-m", "autograder", "demo", "--summary", *args)


def test_job(args: list[str]) -> int:
    """Lint, then run the whole test suite. pytest's 'no tests ran' (exit 5) counts as a failure."""
    system_setup()
    node_setup()
    if _run(BIN / "ruff", "check", "."):
        return 1
    code = _run(BIN / "python", "-m", "pytest", *args)
    if code == 5:
        print("pytest collected no tests: the suite ran no test", file=sys.stderr)
        return 1
    return code


JOBS = {"main": main_job, "test": test_job}


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in JOBS:
        sys.exit(f"usage: python3 dev.py {{{'|'.join(JOBS)}}} [args...]")
    setup()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    sys.exit(JOBS[sys.argv[1]](sys.argv[2:]))

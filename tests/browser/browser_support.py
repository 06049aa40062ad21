"""What the tests that start servers on localhost and drive headless Chromium share: the browser
and its flags, free ports, waiting, the screenshot folder, and skipping when a piece is missing
(failing instead under CI)."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
#: The network is closed: without these Chromium keeps trying to reach Google's services.
CHROMIUM_FLAGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def require(what: str, present: bool) -> None:
    """Skip the test without ``what`` (a sentence saying what is missing and where it comes
    from), except under CI (``CI=true``), where a missing piece is a failure."""
    if present:
        return
    if in_ci():
        pytest.fail(what + ": missing under CI", pytrace=False)
    pytest.skip(what)


def chromium_present() -> bool:
    return Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)


def artifacts_dir(name: str) -> Path:
    """A test's own screenshot folder (``$ARTIFACTS_DIR/NAME`` or ``test-artifacts/NAME``),
    emptied of the previous run's screenshots."""
    folder = Path(os.environ.get("ARTIFACTS_DIR") or ROOT / "test-artifacts") / name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    return folder


def free_port() -> int:
    """A port free now on 127.0.0.1 (the system picks it), for a server the test starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, timeout: float, what: str, interval: float = 0.5):
    """``condition()``'s first true value, polled every ``interval`` seconds; fail after
    ``timeout`` seconds, naming ``what`` was awaited."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)

"""The channel's fuzzing suite, run long: ``tests/autograder/engine/sandbox/test_channel_fuzz.py``
with many more examples per property (CI runs 300, derandomized) and a fresh random seed.

    .venv/bin/python benchmarks/fuzz_channel.py            # 20,000 examples per property
    .venv/bin/python benchmarks/fuzz_channel.py 200000
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
SUITE = KIT / "tests" / "autograder" / "engine" / "sandbox" / "test_channel_fuzz.py"


def main() -> int:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "--hypothesis-show-statistics", str(SUITE)], cwd=KIT,
                          env={**os.environ, "CHANNEL_FUZZ_CASES": str(cases)})
    print(f"{cases} examples per property: {'no failure' if done.returncode == 0 else 'FAILED'} "
          f"in {time.monotonic() - started:.0f} s")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())

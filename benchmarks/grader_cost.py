"""The grader's own cost per hostile submission, against an honest one.

For each class of hostile bytes on the grader's channel (``tests/hostile/corpus.py``), a fresh
grading process grades the correct submission once (warm-up), then the hostile one, and reports
what the second grading added to its peak memory (``ru_maxrss``, the grading process only: the
student's processes are the launcher's children) and the CPU it used (``time.process_time``).
The honest line grades the correct submission twice, as the control.

The bound the channel's limits (``autograder/engine/sandbox/channel.py``) are chosen to
guarantee: a hostile submission costs the grader at most **+64 MiB** of peak memory and **+1 s**
of CPU more than an honest one. The script exits 1 if a class exceeds it.

    .venv/bin/python benchmarks/grader_cost.py                 # every class
    .venv/bin/python benchmarks/grader_cost.py --kit /work/main   # the same files, another kit
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(KIT), str(KIT / "tests" / "hostile")]

BOUND_MIB, BOUND_CPU = 64, 1.0
CLASSES = ("channel_unhashable_index", "channel_deep_nesting", "channel_two_id_types",
           "fake_events", "channel_note_flood", "channel_forged_names",
           "channel_forged_huge_output", "huge_output", "outputs_over_budget", "channel_stall")

MEASURE = """
import json, resource, sys, time
from autograder.engine.grading import grade
from autograder.engine.sandbox.runner import Limits
limits = Limits(time_seconds=12, item_seconds=3, memory_bytes=1024**3)
honest, other = sys.argv[1], sys.argv[2]
grade(honest, "optimization_methods", limits=limits)
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
cpu0 = time.process_time()
result = grade(other, "optimization_methods", limits=limits)
print(json.dumps({"mib": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024,
                  "cpu": time.process_time() - cpu0, "score": result.score,
                  "isolation": len(result.isolation),
                  "grader_error": getattr(result, "grader_error", "")}))
"""


def measure(kit: Path, honest: Path, other: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", MEASURE, str(honest), str(other)],
                          cwd=kit, env={"PYTHONPATH": str(kit), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        return {"failed": (done.stderr.strip().splitlines() or ["?"])[-1][:100]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kit", type=Path, default=KIT, help="the kit that grades")
    parser.add_argument("classes", nargs="*", default=CLASSES)
    args = parser.parse_args()
    import corpus

    folder = Path(tempfile.mkdtemp(prefix="grader-cost-"))
    honest = folder / "honest.py"
    honest.write_text((KIT / "examples" / "optimization_methods" / "correct.py").read_text())
    control = measure(args.kit, honest, honest)
    print(f"kit: {args.kit}; bound: +{BOUND_MIB} MiB peak RSS, +{BOUND_CPU:g} s CPU per "
          f"submission against the honest one")
    print(f"{'submission':<28} {'peak RSS added':>15} {'grader CPU':>11} {'score':>6} "
          f"{'notes':>6}")
    print(f"{'honest (control)':<28} {control['mib']:>11.1f} MiB {control['cpu']:>9.2f} s "
          f"{control['score']:>6g} {control['isolation']:>6}")
    over = []
    for name in args.classes:
        case = corpus.by_name(name)
        path = folder / case.filename
        text = corpus.render(case, {"TOKEN": "bench"})
        path.write_bytes(text) if isinstance(text, bytes) else path.write_text(text)
        row = measure(args.kit, honest, path)
        if "failed" in row:
            print(f"{name:<28} the grader failed: {row['failed']}")
            over.append(name)
            continue
        flag = ""
        if row["mib"] > control["mib"] + BOUND_MIB or row["cpu"] > control["cpu"] + BOUND_CPU:
            flag, _ = "  OVER THE BOUND", over.append(name)
        print(f"{name:<28} {row['mib']:>11.1f} MiB {row['cpu']:>9.2f} s {row['score']:>6g} "
              f"{row['isolation']:>6}{flag}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())

"""The hostile-submission corpus: submissions that try to hang, crash, escape or fool the grader.

Each :class:`Case` is data: what the submission does, its content, and what the grader must give
it: the score of every exercise (an exercise not named keeps its full points; ``total_zero``
means the whole file scores nothing) and a piece of the message a student reads.

Most cases are the correct ``optimization_methods`` module with one exercise replaced by hostile
code (``target`` and ``body``: the body of a function with the exercise's signature) or with
hostile code at module level (``top``, run before the definitions); the others are broken files
(``content``). The three exercises attacked are fast ones that the tiny nbgrader assignment of
``test_hostile_nbgrader.py`` also holds, so the same hostile code is graded on both paths, with
the same limits, and must get the same scores: under ``nbgrader autograde`` the hostile function
goes into the target's solution cell and ``top`` into a cell of the student's own.

Placeholders filled in by :func:`render` (so that a case can name what it attacks):
``@KIT_ROOT@`` the kit's folder, ``@CACHE@`` the expected-value cache, ``@MARKS@`` a folder the
test watches for planted files, ``@LOCK@`` a world-writable folder outside ``/tmp`` (the test
watches it too), ``@HOME@`` the grader's home, ``@SITE@`` the kit's site-packages, ``@PORT@`` a
TCP port on 127.0.0.1 where the test listens, ``@TOKEN@`` a word unique to the test run.
"""

from __future__ import annotations

import json
import sys
import textwrap
from dataclasses import dataclass, field

from autograder.course.expected import expected_table
from autograder.course.registry import get_assignment
from autograder.course.sources import assignment_imports, function_source, strip_markers
from autograder.course.spec import resolve
from autograder.engine.scoring import split_points

ASSIGNMENT = get_assignment("optimization_methods")
POINTS = {e.name: float(e.points) for e in ASSIGNMENT.exercises}
ITEM_SECONDS = 3  # the per-item limit the CLI test grades with (see test_hostile_cli.py)

GD, LR, EXP = "update_parameters_with_gd", "update_lr", "exponential_lr_decay"
#: the three exercises attacked; the nbgrader test's assignment holds exactly these
ATTACKED = (GD, LR, EXP)


def _types_share(exercise: str) -> float:
    groups = {r.case.group for r in expected_table(ASSIGNMENT).records[exercise]}
    return split_points(POINTS[exercise], ["shapes", *groups])["shapes"]


#: What a wrong answer of the right type earns (the share of "returns the right types and
#: shapes"): the most a cheat that returns a wrong number or array can get, and exactly what it
#: gets when the grader is not fooled.
TYPES_ONLY = {name: _types_share(name) for name in ATTACKED}

SIGNATURES = {
    GD: "update_parameters_with_gd(parameters, grads, learning_rate)",
    LR: "update_lr(learning_rate0, epoch_num, decay_rate)",
    EXP: "exponential_lr_decay(learning_rate0, epoch_num, base=0.95)",
}

#: statements computing the right answer, for hostile code that also answers correctly
CORRECT = {
    GD: """\
        L = check_matches_parameters(parameters, grads, "grads")
        for l in range(1, L + 1):
            for p in ("W", "b"):
                parameters[f"{p}{l}"] = parameters[f"{p}{l}"] - learning_rate * grads[f"d{p}{l}"]
        return parameters
    """,
    LR: "return learning_rate0 / (1 + decay_rate * epoch_num)\n",
    EXP: "return base**epoch_num * learning_rate0\n",
}


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    #: the exercise whose function is replaced by ``def SIGNATURE: body``
    target: str | None = None
    body: str = ""
    #: module-level code run after the imports, before the definitions
    top: str = ""
    #: the whole file instead (str or bytes), for broken files
    content: str | bytes | None = None
    suffix: str = ".py"
    #: exercise -> expected score; exercises not named keep their full points
    scores: dict = field(default_factory=dict)
    total_zero: bool = False
    #: a piece of the message the student reads (in the attacked exercise, else anywhere)
    message: str = ""
    #: the outcome depends on namespaces and the uid drop, enforced only when grading as root
    needs_root: bool = False
    #: a piece of the message under ``nbgrader autograde`` where it differs from ``message``
    nbgrader_message: str | None = None

    @property
    def filename(self) -> str:
        return self.name + self.suffix

    def expected_scores(self) -> dict[str, float]:
        if self.total_zero:
            return {name: 0.0 for name in POINTS}
        return {**POINTS, **{k: float(v) for k, v in self.scores.items()}}

    def expected_nbgrader_scores(self) -> dict[str, float]:
        """Of the three exercises of the nbgrader test's assignment: the same as the CLI's."""
        expected = self.expected_scores()
        return {name: expected[name] for name in ATTACKED}

    @property
    def on_nbgrader(self) -> bool:
        """Whether the nbgrader test submits it: every case but the broken modules (nbgrader
        grades notebooks only)."""
        return self.content is None or self.suffix == ".ipynb"


def _def(target: str, body: str) -> str:
    return f"def {SIGNATURES[target]}:\n" + textwrap.indent(textwrap.dedent(body), "    ")


def with_correct(target: str, before: str) -> str:
    """A function body: ``before`` (hostile statements), then the right answer."""
    return textwrap.dedent(before) + textwrap.dedent(CORRECT[target])


def correct_module(replace: dict[str, str] | None = None, top: str = "") -> str:
    """The reference module (markers stripped), with some functions' source replaced."""
    replace = replace or {}
    parts = ['"""A submission of optimization_methods."""\n', assignment_imports(ASSIGNMENT)]
    if top:
        parts.append(textwrap.dedent(top))
    for exercise in ASSIGNMENT.exercises:
        parts.append(replace.get(exercise.name)
                     or strip_markers(function_source(resolve(exercise.reference))))
    return "\n\n".join(parts)


def hostile_function(case: Case) -> str:
    return _def(case.target, case.body)


def render_text(text: str, env: dict[str, str]) -> str:
    for key, value in env.items():
        text = text.replace(f"@{key}@", value)
    return text


def render(case: Case, env: dict[str, str]) -> str | bytes:
    """The submission file's content, placeholders filled in."""
    if case.content is not None:
        return case.content if isinstance(case.content, bytes) else render_text(case.content, env)
    replace = {case.target: hostile_function(case)} if case.target else {}
    return render_text(correct_module(replace, case.top), env)


def _notebook(cells: list[dict]) -> str:
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5},
                      indent=1)


def _correct_notebook_with_duplicate_ids() -> str:
    from autograder.build.notebooks import render as render_nb
    from autograder.build.notebooks import student_notebook

    nb = json.loads(render_nb(student_notebook(ASSIGNMENT)))
    for cell in nb["cells"]:
        cell["id"] = "same-id"
    return json.dumps(nb, indent=1)


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7"
       b"\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")

STOPPED = f"stopped after {ITEM_SECONDS:g} s"
# Code shared by several cases ------------------------------------------------------------------

_READ_REFERENCE = """\
    import os
    namespace = {}
    exec(open(@PATH@).read(), namespace)
    return namespace[@NAME@](learning_rate0, epoch_num, decay_rate)
"""

_ESCAPE = """\
    import ctypes, os, time
    if not globals().get("_escaped"):
        globals()["_escaped"] = True
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:  # reparented to init, in a session of its own
                ctypes.CDLL(None).prctl(15, b"hostile-@TOKEN@", 0, 0, 0)
                while True:
                    for folder in ("@LOCK@", "@MARKS@", "/tmp"):
                        try:
                            with open(folder + "/escaped-@TOKEN@-" + str(os.getpid()), "a") as f:
                                f.write("x")
                        except OSError:
                            pass
                    time.sleep(0.1)
            os._exit(0)
"""

#: Files the write_outside case tries to create; none may exist after grading. The two in the
#: kit are in folders git ignores (a .pth file in site-packages would run at every start of
#: Python), so that a failure cannot end up committed.
PLANTED = ("@KIT_ROOT@/autograder/__pycache__/planted-@TOKEN@.pyc", "@SITE@/planted_@TOKEN@.pth",
           "@MARKS@/planted-@TOKEN@", "/tmp/planted-@TOKEN@", "/var/tmp/planted-@TOKEN@",
           "/dev/shm/planted-@TOKEN@", "@HOME@/planted-@TOKEN@", "@LOCK@/planted-@TOKEN@")

_WRITE_OUTSIDE = f"""\
    import os
    for path in ({", ".join(map(repr, PLANTED))}, os.path.expanduser("~/planted-@TOKEN@")):
        try:
            with open(path, "w") as f:
                f.write("planted by a submission")
        except OSError:
            pass
"""


def _forge(lines: str) -> str:
    """Statements writing ``lines`` (a bytes expression) into every inherited descriptor, as a
    student looking for the grader's channel would (the writes stop at the first refusal)."""
    return textwrap.dedent(f"""\
        import os
        _data = {lines}
        for fd in range(3, 256):
            try:
                os.write(fd, _data)
            except OSError:
                pass
        """)


#: what the grader says of an event it did not expect or cannot read
INTO_CHANNEL = "into the grader's channel"
#: the channel's limits (autograder/engine/sandbox/channel.py), as the student reads them
LINE_MIB = 4
OUTPUTS_MIB = 16

CASES: list[Case] = [
    # --- time --------------------------------------------------------------------------------
    Case("infinite_loop", "an infinite loop in update_lr", LR, "while True:\n    pass\n",
         scores={LR: 0}, message=STOPPED),
    Case("long_sleep", "sleeps for an hour in exponential_lr_decay", EXP,
         "import time\ntime.sleep(3600)\n", scores={EXP: 0}, message=STOPPED),
    Case("loop_at_import", "an infinite loop at module level, before the definitions",
         top="while True:\n    pass\n", message=STOPPED),
    # --- memory ------------------------------------------------------------------------------
    Case("memory_bomb", "grows a list of 64 MiB blocks until the memory runs out", LR,
         "hog = []\nwhile True:\n    hog.append(bytearray(2**26))\n",
         scores={LR: 0}, message="raised MemoryError"),
    Case("memory_bomb_at_import", "allocates 8 TB at module level",
         top="import numpy as np\njunk = np.ones((10**6, 10**6))\n", message="MemoryError"),
    # --- recursion ---------------------------------------------------------------------------
    Case("recursion", "unbounded recursion", LR,
         "def down(n):\n    return down(n + 1)\nreturn down(0)\n",
         scores={LR: 0}, message="raised RecursionError"),
    Case("c_stack_overflow", "recursion through C (map) after sys.setrecursionlimit(10**6)", LR,
         "import sys\nsys.setrecursionlimit(10**6)\n"
         "def down(n):\n    return list(map(down, [n + 1]))\nreturn down(0)\n",
         scores={LR: 0},
         # Python 3.12 bounds recursion through C itself
         message="killed by SIGSEGV" if sys.version_info < (3, 12) else "RecursionError"),
    # --- exits -------------------------------------------------------------------------------
    Case("sys_exit_at_import", "sys.exit() at module level", top="import sys\nsys.exit('bye')\n",
         message="SystemExit"),
    Case("os_exit_at_import", "os._exit(0) at module level", top="import os\nos._exit(0)\n",
         message="exited (exit code 0)"),
    Case("raise_systemexit_at_import", "raise SystemExit at module level",
         top="raise SystemExit(3)\n", message="SystemExit"),
    Case("sys_exit_in_function", "sys.exit(0) in update_lr", LR, "import sys\nsys.exit(0)\n",
         scores={LR: 0}, message="raised SystemExit"),
    Case("os_exit_in_function", "os._exit(0) in exponential_lr_decay", EXP,
         "import os\nos._exit(0)\n", scores={EXP: 0}, message="exited (exit code 0)"),
    Case("raise_systemexit_in_function", "raise SystemExit in update_parameters_with_gd", GD,
         "raise SystemExit(0)\n", scores={GD: 0}, message="raised SystemExit"),
    # --- crashes -----------------------------------------------------------------------------
    Case("segfault", "ctypes.string_at(0) in update_lr", LR,
         "import ctypes\nreturn ctypes.string_at(0)\n", scores={LR: 0},
         message="killed by SIGSEGV"),
    Case("abort", "os.abort() in exponential_lr_decay", EXP, "import os\nos.abort()\n",
         scores={EXP: 0}, message="killed by SIGABRT"),
    Case("segfault_at_import", "ctypes.string_at(0) at module level",
         top="import ctypes\nctypes.string_at(0)\n", message="killed by SIGSEGV"),
    # --- processes ---------------------------------------------------------------------------
    Case("fork_loop", "forks for ever (every child forks too)", LR,
         "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n"
         "        pass\n", scores={LR: 0}, message=STOPPED, needs_root=True),
    Case("escaped_daemon", "answers correctly but leaves a daemon in a session of its own that "
         "writes a file every 0.1 s into world-writable folders", GD,
         with_correct(GD, _ESCAPE), needs_root=True),
    # --- fake partial credit -----------------------------------------------------------------
    Case("fake_score_print", "prints fake scores at import and in update_lr, then raises", LR,
         'print("update_lr: 5 / 5 points")\nprint(5.0)\nraise NotImplementedError()\n',
         top='print("update_lr: 5 / 5 points")\nprint(100.0)\n', scores={LR: 0},
         message="not implemented yet"),
    Case("stderr_noise", "writes to stderr (and to fd 2) in update_lr, then answers correctly",
         LR, with_correct(LR, 'import os, sys\nprint("noise", file=sys.stderr)\n'
                              'os.write(2, b"more noise\\n")\n')),
    # --- cheats aimed at nbgrader's hidden test cells (harmless in a sandbox) ----------------
    Case("replace_score", "replaces the kit's score function with one returning -1 (full credit "
         "for nbgrader when it runs in the kernel); update_lr left as the stub", LR,
         "raise NotImplementedError()\n",
         top="import autograder.deliver.hidden_tests as h\nh.score = lambda *a, **k: -1.0\n",
         scores={LR: 0}, message="not implemented yet"),
    Case("fake_grader_process", "swaps the grader process for a fake that answers full points; "
         "update_lr left as the stub", LR, "raise NotImplementedError()\n",
         top="""\
         import io, subprocess, sys
         class FakeGrader:
             def __init__(self, *args, **kwargs):
                 self.stdin, self.stderr = io.StringIO(), io.StringIO()
                 self.stdout = io.StringIO(
                     '{"job": {"units": [], "calls": [], "module_name": "__main__"}, '
                     '"protected": []}\\n{"score": 5.0, "text": "update_lr: 5 / 5 points"}\\n')
             def wait(self, *args, **kwargs):
                 return 0
             def kill(self):
                 pass
         subprocess.Popen = FakeGrader
         sys.executable = "/bin/true"
         """, scores={LR: 0}, message="not implemented yet"),
    Case("hijack_displayhook", "replaces the display hook so that every value shows as 5.0, and "
         "prints numbers; update_lr left as the stub", LR, "raise NotImplementedError()\n",
         top="import sys\nsys.displayhook = lambda value: print(5.0)\nprint(5.0)\n"
             "print('update_lr: 5 / 5 points')\n",
         scores={LR: 0}, message="not implemented yet"),
    # --- monkeypatching ----------------------------------------------------------------------
    Case("patch_numpy", "np.allclose, np.array_equal, np.isclose always True; wrong update_lr",
         LR, "return 0.125\n",
         top="import numpy as np\nnp.allclose = lambda *a, **k: True\n"
             "np.array_equal = lambda *a, **k: True\nnp.isclose = lambda *a, **k: True\n",
         scores={LR: TYPES_ONLY[LR]}, message="from the expected value"),
    Case("patch_print", "builtins.print silenced at import (hides the feedback); wrong update_lr",
         LR, "return 0.125\n",
         top="import builtins\nbuiltins.print = lambda *args, **kwargs: None\n",
         scores={LR: TYPES_ONLY[LR]}, message="from the expected value"),
    # In its own process a submission decides what its outputs are anyway: patching float only
    # changes what it returns. Every Python float it returns becomes 5.0, so the four decay
    # exercises (which return Python floats) keep only the share for the right type.
    Case("patch_float", "builtins.float returns 5.0 (the points of update_lr); wrong update_lr",
         LR, "return 0.125\n",
         top="import builtins\nbuiltins.float = lambda *args, **kwargs: 5.0\n",
         scores={LR: TYPES_ONLY[LR], "schedule_lr_decay": 0.7, EXP: TYPES_ONLY[EXP],
                 "sqrt_lr_decay": 0.6}, message="from the expected value"),
    # isinstance always True breaks the submission's own process at once: that statement is
    # reported (the process could no longer talk to the grader) and skipped, the rest is graded.
    Case("patch_isinstance", "builtins.isinstance always True at import; wrong update_lr",
         LR, "return 0.125\n",
         top="import builtins\nbuiltins.isinstance = lambda obj, cls: True\n",
         scores={LR: TYPES_ONLY[LR]}, message="exited (exit code 3)"),
    # --- lying objects -----------------------------------------------------------------------
    Case("ndarray_eq_true", "returns zeros in an ndarray subclass whose == is always True", GD,
         """\
         import numpy as np
         class Yes(np.ndarray):
             def __eq__(self, other):
                 return True
             def __ne__(self, other):
                 return False
         return {k: np.zeros_like(v).view(Yes) for k, v in parameters.items()}
         """, scores={GD: TYPES_ONLY[GD]}, message="differ from the expected"),
    Case("dict_subclass", "returns a dict subclass that claims to hold and equal anything", GD,
         """\
         class Yes(dict):
             def __eq__(self, other):
                 return True
             def __contains__(self, key):
                 return True
             def __getitem__(self, key):
                 return 0.0
         return Yes()
         """, scores={GD: 0}, message="an object of type"),
    Case("eq_and_array", "returns an object with __eq__ always True, __float__ and __array__",
         LR,
         """\
         import numpy as np
         class Yes:
             def __eq__(self, other):
                 return True
             def __float__(self):
                 return 0.125
             def __array__(self, dtype=None, copy=None):
                 return np.asarray(0.125)
         return Yes()
         """, scores={LR: 0}, message="an object of type"),
    Case("float_subclass", "returns a float subclass whose == is always True", EXP,
         """\
         class Yes(float):
             def __eq__(self, other):
                 return True
             __hash__ = float.__hash__
         return Yes(0.125)
         """, scores={EXP: 0}, message="an object of type"),
    # --- reading the references or the hidden tests from disk --------------------------------
    Case("read_solutions_file", "exec()s solutions/optimization_methods.py and returns its answer",
         LR, _READ_REFERENCE.replace("@PATH@", '"@KIT_ROOT@/solutions/optimization_methods.py"')
         .replace("@NAME@", '"update_lr"'), scores={LR: 0}, message="FileNotFoundError",
         needs_root=True),
    Case("read_example_file", "exec()s the bundled examples/.../correct.py", LR,
         _READ_REFERENCE.replace("@PATH@",
                                 '"@KIT_ROOT@/examples/optimization_methods/correct.py"')
         .replace("@NAME@", '"update_lr"'), scores={LR: 0}, message="FileNotFoundError",
         needs_root=True),
    Case("read_through_parent_root", "reads the references through /proc/<parent>/root", LR,
         _READ_REFERENCE.replace(
             "@PATH@", 'f"/proc/{os.getppid()}/root@KIT_ROOT@/solutions/optimization_methods.py"')
         .replace("@NAME@", '"update_lr"'), scores={LR: 0}, message="raised PermissionError",
         needs_root=True),
    Case("import_solutions", "imports the reference from the solutions package", EXP,
         "from solutions.optimization_methods import exponential_lr_decay as ref\n"
         "return ref(learning_rate0, epoch_num, base)\n",
         scores={EXP: 0}, message="ModuleNotFoundError", needs_root=True),
    Case("import_declarations", "imports the exercise declarations (which import the references)",
         GD, "import autograder.course.exercises.optimization_methods as ex\n"
             "return ex.sol.update_parameters_with_gd(parameters, grads, learning_rate)\n",
         scores={GD: 0}, message="ModuleNotFoundError", needs_root=True),
    Case("memory_scan", "finds the grader's expected values among the objects in its memory", LR,
         """\
         import gc, pickle
         for obj in gc.get_objects():
             if type(obj).__name__ == "CaseRecord" and isinstance(obj.expected, float):
                 args, kwargs = pickle.loads(obj.inputs)
                 if list(args) == [learning_rate0, epoch_num, decay_rate] and not kwargs:
                     return obj.expected
         raise LookupError("no expected values in memory")
         """, scores={LR: 0}, message="raised LookupError"),
    Case("read_expected_cache", "unpickles the expected-value cache and returns the stored answer",
         LR,
         """\
         import glob, pickle
         for path in glob.glob("@CACHE@/expected-optimization_methods-*.pickle"):
             table = pickle.load(open(path, "rb"))
             for record in table.records["update_lr"]:
                 args, kwargs = pickle.loads(record.inputs)
                 if list(args) == [learning_rate0, epoch_num, decay_rate]:
                     return record.expected
         raise FileNotFoundError("no cache")
         """, scores={LR: 0}, message="FileNotFoundError", needs_root=True),
    Case("read_cache_at_import", "reads the expected-value cache at import into a table that "
         "update_lr looks its answers up in", LR,
         "return _LEAK[(learning_rate0, epoch_num, decay_rate)]\n",
         top="""\
         import glob, pickle
         _LEAK = {}
         for _path in glob.glob("@CACHE@/expected-optimization_methods-*.pickle"):
             for _record in pickle.load(open(_path, "rb")).records["update_lr"]:
                 _LEAK[tuple(pickle.loads(_record.inputs)[0])] = _record.expected
         """, scores={LR: 0}, message="raised KeyError", needs_root=True),
    Case("read_hidden_tests", "reads the source notebook, the declarations and the tests", EXP,
         """\
         import glob, json
         for path in glob.glob("@KIT_ROOT@/assignments/source/*/*.ipynb"):
             for cell in json.load(open(path))["cells"]:
                 if cell["metadata"].get("nbgrader", {}).get("grade_id") == "exponential_lr_decay":
                     namespace = {}
                     exec("".join(cell["source"]), namespace)
                     return namespace["exponential_lr_decay"](learning_rate0, epoch_num, base)
         open("@KIT_ROOT@/autograder/exercises/optimization_methods/__init__.py").read()
         open("@KIT_ROOT@/tests/autograder/test_grading.py").read()
         raise FileNotFoundError("nothing found")
         """, scores={EXP: 0}, message="FileNotFoundError", needs_root=True),
    Case("read_git_history", "asks git for the references in the kit's history", LR,
         """\
         import subprocess
         source = subprocess.run(
             ["git", "-c", "safe.directory=*", "-C", "@KIT_ROOT@", "show",
              "HEAD:solutions/optimization_methods.py"],
             capture_output=True, text=True, timeout=2).stdout
         namespace = {}
         exec(source, namespace)
         return namespace["update_lr"](learning_rate0, epoch_num, decay_rate)
         """, scores={LR: 0}, message="KeyError", needs_root=True),
    # --- files and network -------------------------------------------------------------------
    Case("write_outside", "writes files into the kit, /tmp, /var/tmp, /dev/shm, the home "
         "folders and /run/lock, then answers correctly", LR, with_correct(LR, _WRITE_OUTSIDE),
         needs_root=True),
    Case("network_localhost", "connects to the test's server on 127.0.0.1; answers wrongly if "
         "it got through", LR,
         """\
         import socket
         try:
             socket.create_connection((b"127.0.0.1", @PORT@), timeout=5).sendall(b"leak")
             return -1.0
         except OSError:
             return learning_rate0 / (1 + decay_rate * epoch_num)
         """, needs_root=True),
    Case("network_outside", "connects, without a timeout, to outside addresses (one drops "
         "packets) and resolves a name; answers wrongly if anything got through", EXP,
         """\
         import socket
         for address in ((b"10.255.255.1", 80), (b"1.1.1.1", 53)):
             try:
                 socket.socket().connect(address)
                 return -1.0
             except OSError:
                 pass
         try:
             socket.getaddrinfo(b"example.com", 80)
             return -1.0
         except OSError:
             pass
         return base**epoch_num * learning_rate0
         """, needs_root=True),
    # --- inputs and outputs ------------------------------------------------------------------
    Case("mutate_inputs", "answers correctly only if no earlier call marked its inputs, then "
         "marks and scrambles them in place", GD,
         """\
         import numpy as np
         seen = globals().setdefault("_seen", [])
         if "marked" in parameters or "marked" in grads or any(
                 p is parameters or p is grads for p in seen):
             return {}
         if any(np.any(np.asarray(v) == 123456.0) for v in [*parameters.values(), *grads.values()]):
             return {}
         result = {k: v - learning_rate * grads["d" + k] for k, v in parameters.items()}
         for d in (parameters, grads):
             seen.append(d)
             for v in d.values():
                 v[...] = 123456.0
             d["marked"] = True
         return result
         """),
    Case("nan_output", "returns NaN", LR, "return float('nan')\n", scores={LR: TYPES_ONLY[LR]},
         message="holds NaN where a finite value is expected"),
    Case("inf_output", "returns inf", EXP, "return float('inf')\n",
         scores={EXP: TYPES_ONLY[EXP]},
         message="holds inf where a finite value is expected"),
    Case("nan_arrays", "returns the right dict with NaN in every array", GD,
         "import numpy as np\nreturn {k: np.full_like(v, np.nan) for k, v in parameters.items()}\n",
         scores={GD: TYPES_ONLY[GD]}, message="holds NaN where a finite value is expected"),
    Case("enormous_output", "returns an array of 10**8 floats", LR,
         "import numpy as np\nreturn np.zeros(10**8)\n", scores={LR: 0},
         message="its output could not be read"),
    # --- the grader's channel: hostile bytes (each once crashed or bloated the grader) ---------
    Case("channel_unhashable_index", "writes unit_done events with a list as index (12 lines)",
         LR, with_correct(LR, _forge("b'{\"event\": \"unit_done\", \"index\": [0]}\\n' * 12")),
         scores={LR: 0}, message=INTO_CHANNEL),
    Case("channel_deep_nesting", "writes a line of 100,000 '['", LR,
         with_correct(LR, _forge("b'[' * 100_000 + b'\\n'")), scores={LR: 0},
         message=INTO_CHANNEL),
    Case("channel_two_id_types", "reports a call with a string id, then a call with an int id, "
         "then dies", LR,
         _forge("b'{\"event\": \"call_done\", \"id\": \"x\", \"output\": 1}\\n"
                "{\"event\": \"call_start\", \"id\": 0}\\n'") + "os._exit(3)\n",
         scores={LR: 0}, message=INTO_CHANNEL),
    Case("channel_note_flood", "writes 20,000 forged sandbox notes, then answers correctly", LR,
         with_correct(LR, _forge(
             "b''.join(b'{\"event\": \"sandbox\", \"notes\": [\"note %d\"]}\\n' % i "
             "for i in range(20_000))")), scores={LR: 0}, message=INTO_CHANNEL),
    Case("channel_forged_names", "reports 30,000 forged defined names and removes "
         "exponential_lr_decay, then answers correctly", LR,
         with_correct(LR, _forge(
             "('{\"event\": \"defined\", \"names\": ' + __import__('json').dumps("
             "['exponential_lr_decay%d' % i for i in range(30_000)]) + '}\\n').encode()")
             + "globals().pop('exponential_lr_decay', None)\n"), scores={LR: 0},
         message=INTO_CHANNEL),
    Case("channel_forged_huge_output", "writes a forged output of 12 million floats", LR,
         with_correct(LR, _forge(
             "b'{\"event\": \"call_done\", \"id\": 0, \"output\": {\"__list__\": [' "
             "+ b'0.5, ' * 12_000_000 + b'0.5]}}\\n'")), scores={LR: 0},
         message=f"more than {LINE_MIB} MiB at once"),
    Case("channel_invalid_utf8_nan", "writes invalid UTF-8 and NaN into the channel", EXP,
         with_correct(EXP, _forge("b'{\"event\": \"finished\", \"x\": \"\\xff\\xfe\"}\\n"
                                  "{\"event\": \"call_done\", \"id\": 0, \"output\": NaN}\\n'")),
         scores={EXP: 0}, message=INTO_CHANNEL),
    Case("channel_stall", "writes half an event, then trickles a byte at a time without ending "
         "the line", EXP,
         _forge("b'{\"event\": \"call_done\", \"id\": '") + "import time\nwhile True:\n"
         "    for fd in range(3, 256):\n        try:\n            os.write(fd, b' ')\n"
         "        except OSError:\n            pass\n    time.sleep(0.05)\n",
         scores={EXP: 0}, message=STOPPED),
    Case("huge_output", "returns an array of 12 million float32 (61 MiB to send)", LR,
         "import numpy as np\nreturn np.zeros(12_000_000, dtype=np.float32)\n", scores={LR: 0},
         message=f"the grader accepts at most {LINE_MIB} MiB"),
    Case("outputs_over_budget", "returns a 2.8 MiB array from every call (56 MiB in all)", LR,
         "import numpy as np\nreturn np.zeros(2_800_000 // 8)\n", scores={LR: 0}),
    # --- file descriptors and the parent ------------------------------------------------------
    Case("close_fds", "closes every inherited file descriptor, then answers", LR,
         with_correct(LR, "import os\nfor fd in range(256):\n    try:\n        os.close(fd)\n"
                          "    except OSError:\n        pass\n"),
         scores={LR: 0}, message="closed the channel the grader reads its results from"),
    Case("garbage_fds", "writes garbage into every inherited file descriptor, then answers", EXP,
         with_correct(EXP, "import os\nfor fd in range(256):\n    try:\n"
                           "        os.write(fd, b'garbage {not json\\n')\n"
                           "    except OSError:\n        pass\n"),
         scores={EXP: 0}, message="wrote data the grader cannot read"),
    Case("fake_events", "writes a fake 'finished' event into the grader's channel", LR,
         "import os\nfor fd in range(3, 256):\n    try:\n"
         "        os.write(fd, b'{\"event\": \"finished\"}\\n')\n    except OSError:\n"
         "        pass\nreturn 0.125\n", scores={LR: 0}, message="into the grader's channel"),
    Case("kill_parent", "kills its parent (the launcher or the kernel), then answers", LR,
         with_correct(LR, "import os\ntry:\n    os.kill(os.getppid(), 9)\nexcept OSError:\n"
                          "    pass\n"),
         needs_root=True),
    Case("kill_everyone", "kill(-1, SIGKILL): every process it may signal, then answers", EXP,
         with_correct(EXP, "import os\ntry:\n    os.kill(-1, 9)\nexcept OSError:\n    pass\n"),
         needs_root=True),
    # --- broken files ------------------------------------------------------------------------
    Case("invalid_json", "a notebook whose JSON is cut off", content='{"cells": [{"cell_type": ',
         suffix=".ipynb", total_zero=True, message="is not a valid notebook"),
    Case("python_in_ipynb", "Python source saved as .ipynb",
         content="def update_lr(a, e, d):\n    return a\n", suffix=".ipynb", total_zero=True,
         message="is not a valid notebook"),
    Case("no_code_notebook", "a notebook with only markdown",
         content=_notebook([{"cell_type": "markdown", "id": "a", "metadata": {},
                             "source": "# my answers"}]),
         suffix=".ipynb", total_zero=True, message="has no code cells"),
    Case("garbage_cells", "a notebook whose cells are not cells",
         content=json.dumps({"cells": [1, "x", None, {"cell_type": "code", "source": 5}],
                             "nbformat": 4}),
         suffix=".ipynb", total_zero=True, message="is not defined in the submission",
         nbgrader_message="is not a valid notebook: its cell 1 is not a notebook cell"),
    Case("png_as_ipynb", "a PNG image named .ipynb", content=PNG, suffix=".ipynb",
         total_zero=True, message="not UTF-8"),
    Case("non_utf8", "the correct module with a Latin-1 byte in a comment",
         content=b"# caf\xe9\n" + correct_module().encode(), total_zero=True, message="not UTF-8"),
    Case("empty_module", "an empty file", content="", total_zero=True,
         message="is not defined in the submission"),
    Case("syntax_error", "the correct module with update_lr broken", content=correct_module(
        {LR: "def update_lr(learning_rate0, epoch_num, decay_rate:\n    return 1\n"}),
         scores={LR: 0}, message="SyntaxError"),
    Case("huge_file", "a 21 MiB module", content="x = 1\n" + "#" * (21 * 2**20) + "\n",
         total_zero=True, message="limited to 20 MiB"),
    Case("duplicate_cell_ids", "the correct notebook with every cell id the same",
         content=_correct_notebook_with_duplicate_ids(), suffix=".ipynb"),
]

#: Files that are not submissions at all: named explicitly, each scores zero with this message.
NOT_SUBMISSIONS = {
    "picture.png": (PNG, "a submission is a notebook (.ipynb) or a Python module (.py)"),
    "notes.txt": ("my answers are in the notebook", "a submission is a notebook (.ipynb)"),
}


def by_name(name: str) -> Case:
    return next(c for c in CASES if c.name == name)


assert len({c.name for c in CASES}) == len(CASES)
assert all(c.target in (None, *ATTACKED) for c in CASES)

"""What runs inside the student's process: execute the submission, call its functions, report.

The job is a dict made by the grader:
``{"units": [{"label", "source", "filename"}], "calls": [{"id", "function", "inputs", "rng_seed"}],
"skip_units": [...], "skip_calls": [...], "module_name": str}``. ``inputs`` is a pickle of
``(args, kwargs)`` made by the grader (trusted); it is unpickled anew for every call, so every
call gets fresh copies.

A call may also have ``"chain": {"argument": i, "call": k, "part": p}``: its positional argument
``i`` is then (a copy of) part ``p`` of the output of call ``k`` in this process (the whole output
when ``p`` is None), e.g. a backward given the cache of the student's own forward. When call ``k``
ran in an earlier process (after a restart), it is made again, unreported, unless its function
already failed; then the chained call fails with the type ``"chain"``.

Events go to ``out_fd`` as JSON lines; the grader reads them with deadlines and decodes them with
:func:`course_lib.codec.decode`. Nothing is compared here.
"""

from __future__ import annotations

import builtins
import copy
import errno
import json
import linecache
import os
import pickle
import sys
import traceback

from autograder.engine.sandbox.channel import LIMITS, OUTPUTS_TOO_LARGE, TOO_LONG
from course_lib.codec import encode
from course_lib.errors import raised_at
from course_lib.values import materialize

MAX_MESSAGE = 1_500
#: the grader reads no longer event (:class:`autograder.engine.sandbox.channel.ChannelLimits`)
MAX_EVENT_BYTES = LIMITS.line_bytes


class OutputTooLarge(ValueError):
    """An output whose description would exceed :data:`MAX_EVENT_BYTES`."""


class _Events:
    """``output_budget``: the bytes of outputs the grader still keeps for this submission (the
    job's ``"output_budget"``); an output beyond it is reported as unreadable, not sent."""

    def __init__(self, fd: int, output_budget: int | None = None):
        self.fd = fd
        self.output_budget = output_budget

    def send(self, **event) -> None:
        data = (json.dumps(event, allow_nan=False) + "\n").encode()
        if len(data) > MAX_EVENT_BYTES:
            raise OutputTooLarge(TOO_LONG.format(mib=MAX_EVENT_BYTES / 2**20))
        if "output" in event and self.output_budget is not None:
            if len(data) > self.output_budget:
                raise OutputTooLarge(OUTPUTS_TOO_LARGE.format(mib=LIMITS.output_bytes / 2**20))
            self.output_budget -= len(data)
        view = memoryview(data)
        while view:
            n = os.write(self.fd, view)
            view = view[n:]


class _IPythonStub:
    """Enough of ``get_ipython()`` for notebooks that call it; magics do nothing here."""

    def run_line_magic(self, *args, **kwargs):
        return None

    def run_cell_magic(self, *args, **kwargs):
        return None

    def system(self, *args, **kwargs):
        return None


def _describe_exception(exc: BaseException, filenames: set[str]) -> dict:
    """The exception's type, message and the last line of submitted code it passed through:
    ``where`` (file, line and code), and ``function`` and ``line`` (counted from the function's
    ``def`` line) for the learner's feedback (see :func:`course_lib.errors.raised_at`)."""
    where = ""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename in filenames:
            where = f"{frame.filename}, line {frame.lineno}"
            if frame.line:
                where += f": {frame.line.strip()}"
            break
    try:
        message = str(exc)
    except Exception:
        message = "<the exception's message could not be read>"
    try:
        at = raised_at(exc, filenames.__contains__)
    except Exception:  # a traceback the student's code tampered with
        at = None
    return {
        "type": type(exc).__name__[:100],
        "message": message[:MAX_MESSAGE],
        "where": where[:MAX_MESSAGE],
        "function": at.function[:100] if at else "",
        "line": str(at.line) if at else "",
        "code": at.code[:MAX_MESSAGE] if at else "",
    }


def _remember_source(unit: dict) -> None:
    """Let tracebacks quote the unit's lines: a notebook cell has no file to read them from, and
    a module's file is hidden from this process. The units of one module share its file name,
    each padded with empty lines to its place: their lines are laid over each other."""
    lines = unit["source"].splitlines(keepends=True)
    known = linecache.cache.get(unit["filename"])
    if known is not None and known[1] is None:  # remembered here before (no mtime)
        merged = list(known[2]) + [""] * max(0, len(lines) - len(known[2]))
        for i, line in enumerate(lines):
            if line.strip():
                merged[i] = line
        lines = merged
    linecache.cache[unit["filename"]] = (sum(map(len, lines)), None, lines, unit["filename"])


def new_namespace(module_name: str) -> dict:
    """The globals a submission's code runs in, with the few names Jupyter provides."""
    return {"__name__": module_name, "__builtins__": builtins,
            "get_ipython": _IPythonStub, "display": lambda *args, **kwargs: None}


def run_units(job: dict, namespace: dict, events: _Events) -> None:
    """Execute the job's units in order; a failing unit is reported and the next one runs."""
    filenames = {u["filename"] for u in job["units"]}
    skip_units = set(job.get("skip_units", ()))
    for index, unit in enumerate(job["units"]):
        if index in skip_units:
            continue
        events.send(event="unit_start", index=index)
        error = None
        _remember_source(unit)
        try:
            code = compile(unit["source"], unit["filename"], "exec")
            exec(code, namespace)
        except BaseException as exc:  # SystemExit and KeyboardInterrupt included: keep going
            error = _describe_exception(exc, filenames)
            if isinstance(exc, SyntaxError):
                error["where"] = f"{unit['filename']}, line {exc.lineno}"
        events.send(event="unit_done", index=index, error=error)


def run_calls(job: dict, namespace: dict, events: _Events, filenames: set[str]) -> None:
    """Call the job's functions, found by name in ``namespace``, and report each output."""
    defined = sorted(
        name for name, value in list(namespace.items()) if callable(value) and name[:1] != "_"
    )
    events.send(event="defined", names=defined[:2000])
    skip_calls = set(job.get("skip_calls", ()))
    # Once a function fails, its other calls come last, so that a function that fails slowly
    # (a memory bomb, a loop that times out) cannot use up the time of the others.
    failed = set(job.get("defer", ()))
    chains = _Chains(job["calls"], failed)
    later = []
    for call in job["calls"]:
        if call["id"] in skip_calls:
            continue
        if call["function"] in failed:
            later.append(call)
        elif not _call(call, namespace, events, filenames, chains):
            failed.add(call["function"])
    for call in later:
        _call(call, namespace, events, filenames, chains)
    events.send(event="finished")


class ChainUnavailable(Exception):
    """The output a chained call takes an argument from cannot be had in this process."""


class _Chains:
    """The outputs of the calls that later calls take an argument from (see the module's doc)."""

    def __init__(self, calls: list[dict], failed: set[str]):
        self.by_id = {c["id"]: c for c in calls}
        self.sources = {c["chain"]["call"] for c in calls if c.get("chain")}
        self.failed = failed
        self.held: dict[int, object] = {}

    def keep(self, call: dict, output) -> None:
        if call["id"] in self.sources:
            self.held[call["id"]] = output

    def arguments(self, call: dict, args: tuple, namespace: dict) -> tuple:
        """``args`` with the chained argument put in place."""
        chain = call["chain"]
        source = chain["call"]
        if source not in self.held:
            made = self.by_id.get(source)
            if made is None or made["function"] in self.failed or made["function"] not in namespace:
                raise ChainUnavailable(f"the call it takes its argument from ({source}) did not "
                                       "return in this process")
            self.held[source] = _invoke(made, namespace)
        value = self.held[source]
        if chain.get("part") is not None:
            try:
                value = value[chain["part"]]
            except Exception as exc:
                raise ChainUnavailable(f"the output of call {source} has no part "
                                       f"{chain['part']}") from exc
        args = list(args)
        while len(args) <= chain["argument"]:
            args.append(None)
        args[chain["argument"]] = copy.deepcopy(value)
        return tuple(args)


def _invoke(call: dict, namespace: dict, chains: _Chains | None = None):
    """Call the function named by ``call`` on fresh copies of its inputs; return its output."""
    import numpy as np

    args, kwargs = materialize(pickle.loads(call["inputs"]))
    if call.get("chain") and chains is not None:
        args = chains.arguments(call, args, namespace)
    if call.get("rng_seed") is not None:
        np.random.seed(call["rng_seed"])
    return namespace[call["function"]](*args, **kwargs)


def _array_bytes(x, depth: int = 0) -> int:
    """The size of the arrays in an output: a cheap bound, checked before encoding it."""
    import numpy as np

    if isinstance(x, np.ndarray):
        return int(x.nbytes)
    if depth < 20 and type(x) in (tuple, list, dict):
        values = x.values() if type(x) is dict else x
        return sum(_array_bytes(v, depth + 1) for v in list(values)[:10_000])
    return 0


def _call(call: dict, namespace: dict, events: _Events, filenames: set[str],
          chains: _Chains | None = None) -> bool:
    """Make one call and report it; False unless it returned an output the grader can read."""
    events.send(event="call_start", id=call["id"])
    fn = namespace.get(call["function"])
    if fn is None:
        events.send(event="call_done", id=call["id"], error={"type": "missing"})
        return False
    if not callable(fn):
        events.send(event="call_done", id=call["id"],
                    error={"type": "not callable", "message": type(fn).__name__})
        return False
    try:
        output = _invoke(call, namespace, chains)
        if chains is not None:
            chains.keep(call, output)
        size = _array_bytes(output)
        if size > MAX_EVENT_BYTES:
            raise OutputTooLarge(f"it holds {size // 2**20} MiB of arrays; the grader accepts "
                                 f"at most {MAX_EVENT_BYTES // 2**20} MiB")
        encoded = encode(output)
    except OutputTooLarge as exc:
        events.send(event="call_done", id=call["id"],
                    error={"type": "unreadable output", "message": str(exc)})
        return False
    except ChainUnavailable as exc:
        events.send(event="call_done", id=call["id"],
                    error={"type": "chain", "message": str(exc), "where": ""})
        return False
    except BaseException as exc:
        events.send(event="call_done", id=call["id"], error=_describe_exception(exc, filenames))
        return False
    try:
        events.send(event="call_done", id=call["id"], output=encoded)
        return True
    except (ValueError, TypeError) as exc:  # too large, or not JSON despite encode()
        events.send(event="call_done", id=call["id"],
                    error={"type": "unreadable output", "message": str(exc)[:200]})
        return False


def run_job(job: dict, out_fd: int, namespace: dict | None = None) -> None:
    """Execute ``job`` and report each step to ``out_fd``.

    Without ``namespace`` the units run in a fresh one; with it (a forked Jupyter kernel), the
    student's code has already run and only the calls are made.
    """
    events = _Events(out_fd, job.get("output_budget"))
    if namespace is None:
        namespace = new_namespace(job.get("module_name", "__main__"))
        run_units(job, namespace, events)
    filenames = {u["filename"] for u in job["units"]} | {"<ipython-input>"}
    run_calls(job, namespace, events, filenames)


def sandboxed_child(job_bytes: bytes, out_fd: int, sandbox: dict,
                    namespace: dict | None = None) -> None:
    """Entry point of a freshly forked child: isolate, say how, run the job, end the process.

    ``sandbox`` holds the keyword arguments of :func:`isolation.enter_sandbox` but ``keep_fd``.
    """
    from autograder.engine.sandbox import isolation

    events = _Events(out_fd)
    try:
        notes = isolation.enter_sandbox(keep_fd=out_fd, **sandbox)
        events.send(event="sandbox", notes=notes)
    except BaseException as exc:
        try:
            events.send(event="sandbox_failed", message=str(exc)[:500])
        finally:
            os._exit(4)
    child_main(job_bytes, out_fd, namespace)


#: the exit code of a child that could no longer write to the grader's channel
CHANNEL_LOST = 5


def child_main(job_bytes: bytes, out_fd: int, namespace: dict | None = None) -> None:
    """Run the job in an already isolated child; ends the process."""
    code = 0
    try:
        run_job(pickle.loads(job_bytes), out_fd, namespace)
    except OSError as exc:
        code = CHANNEL_LOST if exc.errno in (errno.EBADF, errno.EPIPE) else 3
    except BaseException:
        code = 3
    finally:
        try:
            sys.stdout.flush()
        except Exception:
            pass
        os._exit(code)

"""The sandbox calls of an exercise's cases, and which outcome grades each case.

One helper serves both paths (the CLI's :func:`autograder.engine.grading.build_job` and the nbgrader
grader process, :mod:`autograder.deliver.hidden_tests_grader`).

Every case is one call on the case's inputs. A backward whose cache comes from a forward exercise
(``Exercise.cache_from``) gets, for each case with ``Case.forward``, two more calls in the student's
process: the student's own forward on ``Case.forward``, and the backward again with its cache
argument taken from that forward's output (a chained call, see :mod:`autograder.engine.sandbox.worker`).
When the student's forward is right on the case (its graded view, within the forward exercise's
tolerance), the case is graded on the chained call, or on the call with the reference's cache if
only that one passes (a forward right within its tolerance may still leave a cache a little off,
e.g. epsilon outside the square root with epsilon = 1e-8, and a correct backward must not pay for
it); when the forward is wrong, on the call with the reference's cache alone. So a student may
keep other entries in their cache (an ``"inv_std"``) and read them in their backward, and a
backward that only works with its own wrong forward still fails.
"""

from __future__ import annotations

from dataclasses import dataclass

from autograder.course.expected import CaseRecord
from autograder.course.spec import Assignment, Exercise
from autograder.engine.sandbox.runner import CallOutcome, RunOutcome
from course_lib.compare import compare_named

NOT_RUN = CallOutcome(error={"type": "crash", "message": "it was not run: the submission's "
                             "process stopped before this call", "where": ""})


def forward_of(assignment: Assignment, exercise: Exercise) -> Exercise | None:
    """The forward exercise whose cache ``exercise`` takes, if any."""
    if exercise.cache_from is None:
        return None
    return assignment.exercise(exercise.cache_from.exercise)


def add_calls(calls: list[dict], index: dict, exercise: Exercise, records: list[CaseRecord],
              forward: Exercise | None = None) -> None:
    """Append the calls of ``exercise``'s cases to ``calls``.

    ``index`` maps ``(exercise name, case index)`` to the id of the call on the case's inputs, and,
    for the own-cache pair, ``(name, case index, "forward")`` and ``(name, case index, "own")``.
    """
    for i, record in enumerate(records):
        index[(exercise.name, i)] = len(calls)
        calls.append({"id": len(calls), "function": exercise.name, "inputs": record.inputs,
                      "rng_seed": record.case.rng_seed})
    if forward is None:
        return
    chain = exercise.cache_from
    for i, record in enumerate(records):
        if record.forward_inputs is None:
            continue
        source = len(calls)
        index[(exercise.name, i, "forward")] = source
        calls.append({"id": source, "function": forward.name, "inputs": record.forward_inputs,
                      "rng_seed": record.case.rng_seed})
        index[(exercise.name, i, "own")] = len(calls)
        calls.append({"id": len(calls), "function": exercise.name, "inputs": record.inputs,
                      "rng_seed": record.case.rng_seed,
                      "chain": {"argument": chain.argument, "call": source, "part": chain.part}})


@dataclass
class GradedCall:
    """The outcome a case is graded on, and the cache the backward was given (for messages)."""

    outcome: CallOutcome
    cache: object = None
    #: "own" (the student's forward's cache), "reference" (the reference's, the forward being
    #: wrong on this case) or "" (no cache_from)
    cache_source: str = ""
    forward_problem: str = ""  # why the student's own cache was not used


def graded_calls(exercise: Exercise, forward: Exercise | None, record: CaseRecord, i: int,
                 run: RunOutcome, index: dict) -> list[GradedCall]:
    """The outcomes that may grade case ``i`` of ``exercise``, the preferred first: the case
    passes when one of them does (see the module's docstring)."""
    own = run.calls.get(index[(exercise.name, i)], NOT_RUN)
    if forward is None or exercise.cache_from is None:
        return [GradedCall(own)]
    chain = exercise.cache_from
    reference_cache = (record.case.args[chain.argument]
                       if len(record.case.args) > chain.argument else None)
    fallback = GradedCall(own, reference_cache, "reference")
    key = (exercise.name, i, "forward")
    if key not in index:
        return [fallback]
    forward_outcome = run.calls.get(index[key], NOT_RUN)
    if forward_outcome.error is not None:
        fallback.forward_problem = f"your {forward.name} did not return on these inputs"
        return [fallback]
    wrong = compare_named(forward.returns, record.forward_expected, forward_outcome.output,
                          forward.tolerance)
    if wrong:
        fallback.forward_problem = f"your {forward.name} is not right on these inputs"
        return [fallback]
    output = forward_outcome.output
    cache = output
    if chain.part is not None:
        try:
            cache = output[chain.part]
        except (TypeError, IndexError, KeyError):
            cache = None
    chained = run.calls.get(index[(exercise.name, i, "own")], NOT_RUN)
    return [GradedCall(chained, cache, "own"), fallback]


def cache_keys_hint(call: GradedCall, forward: Exercise | None, missing: str) -> str:
    """For a KeyError ``missing`` (its message, the key's repr): that the cache the backward was
    given has no such key, whose cache it was, and the keys it has; "" when the key is there (the
    KeyError came from elsewhere) or there is no cache."""
    if not isinstance(call.cache, dict) or forward is None:
        return ""
    keys = [repr(k) for k in call.cache]
    if missing in keys:
        return ""
    if call.cache_source == "own":
        whose = f"the one your {forward.name} returned"
    else:
        why = f": {call.forward_problem}, so its own cache is not used" if call.forward_problem \
            else ""
        whose = f"the reference {forward.name}'s{why}"
    return (f"the cache it was given ({whose}) has no key {missing}; its keys are "
            f"{', '.join(keys)}")

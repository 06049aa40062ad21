"""Chained calls: an argument of a call is a part of the output of an earlier call, in the
student's process (a backward given the cache of the student's own forward)."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from autograder.engine.sandbox.runner import Limits, Sandbox

LIMITS = Limits(time_seconds=10, item_seconds=2, memory_bytes=512 * 1024**2)

SOURCE = """\
import time

def forward(x):
    return x * 2, {"x": x, "secret": "mine"}

def backward(d, cache):
    first = float(cache["x"][0]) if "x" in cache else None
    if "x" in cache:
        cache["x"][0] = -1.0  # a backward that changes its cache must not reach the next call
    return d, sorted(cache), first

def failing_forward(x):
    raise ValueError("no")

def hang_then_ok():
    time.sleep(100)
"""


def call(i, fn, args, chain=None):
    c = {"id": i, "function": fn, "inputs": pickle.dumps((args, {})), "rng_seed": None}
    if chain is not None:
        c["chain"] = chain
    return c


def job(*calls):
    return {"units": [{"label": "cell 1", "source": SOURCE, "filename": "<cell 1>"}],
            "module_name": "__main__", "calls": list(calls)}


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox(tensorflow=False, limits=LIMITS) as sb:
        yield sb


def test_the_chained_argument_is_part_of_the_earlier_output(sandbox):
    out = sandbox.run(job(
        call(0, "forward", (np.ones(2),)),
        call(1, "backward", (5, {"reference": 1}), {"argument": 1, "call": 0, "part": 1}),
        call(2, "backward", (6, {"reference": 1}), {"argument": 1, "call": 0, "part": 1}),
        call(3, "backward", (7, {"reference": 1})),
    ))
    assert out.calls[0].output[1]["secret"] == "mine"
    assert out.calls[1].output == (5, ["secret", "x"], 1.0)
    assert out.calls[2].output == (6, ["secret", "x"], 1.0)  # a fresh copy each time
    assert out.calls[3].output == (7, ["reference"], None)


def test_a_source_that_failed_makes_the_chained_call_fail_with_chain(sandbox):
    out = sandbox.run(job(
        call(0, "failing_forward", (1.0,)),
        call(1, "backward", (5, {}), {"argument": 1, "call": 0, "part": 1}),
    ))
    assert out.calls[0].error["type"] == "ValueError"
    assert out.calls[1].error["type"] == "chain"
    assert out.calls[1].error["message"]


def test_after_a_restart_the_source_call_is_made_again(sandbox):
    # the hang kills the first process after the forward ran in it; the chained call runs in
    # the second process, which makes the forward again, unreported
    out = sandbox.run(job(
        call(0, "forward", (np.ones(2),)),
        call(1, "hang_then_ok", ()),
        call(2, "backward", (5, {}), {"argument": 1, "call": 0, "part": 1}),
    ))
    assert out.calls[1].error["type"] == "timeout"
    assert out.calls[2].output == (5, ["secret", "x"], 1.0)


def test_a_missing_part_is_a_chain_error(sandbox):
    out = sandbox.run(job(
        call(0, "forward", (np.ones(2),)),
        call(1, "backward", (5, {}), {"argument": 1, "call": 0, "part": 7}),
    ))
    assert out.calls[1].error["type"] == "chain"
    assert "part 7" in out.calls[1].error["message"]

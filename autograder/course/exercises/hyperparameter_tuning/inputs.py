"""What the samplers' cases share.

Every case seeds the global stream with :data:`STREAM_SEED` before the call (``Case.rng_seed``), a
seed no case passes as its ``seed``: a sampler that forgets ``np.random.seed(seed)`` then draws
reproducible but different numbers, and is named.

There is no TensorFlow counterpart (the curriculum's table: "none"), so the samplers are graded
against the reference on every case. Their seed is part of the signature, so the reference's
samples are the expected ones, and agreeing with them is stricter than any property of the samples
could be. The properties are still what the ``edge`` cases probe: a degenerate range (every sample
is the bound itself), ranges of one and of twelve decades, bounds far from 1, a single sample, and
betas so close to 1 that ``1 - beta`` must be sampled, not beta.
"""

from __future__ import annotations

import math

from autograder.course.exercises import inputs
from autograder.course.spec import Case

STREAM_SEED = 12345


def sampler_case(name, group, low, high, n, seed=None, note="", visible=None) -> Case:
    """A call ``(low, high, n)``, with ``seed=`` only when given (the default 0 is graded too)."""
    kwargs = {} if seed is None else {"seed": seed}
    return Case(name, group, args=(low, high, n), kwargs=kwargs, rng_seed=STREAM_SEED,
                visible=visible,
                note=note or _default_note(group, low, high, n, seed))


def random_seed(rng) -> int:
    return int(rng.integers(0, 10_000))


generator = inputs.generator


def _default_note(group, low, high, n, seed) -> str:
    """The inputs of a visible case; a hidden case's note keeps its numbers to itself."""
    if group == "fixed":
        return f"low = {low:g}, high = {high:g}, n = {n}, seed = {seed or 0}"
    return f"{n} samples over {math.log10(high / low):.1f} decades"

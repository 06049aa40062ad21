"""Cases shared by the three initialisers: lists of layer sizes, from local generators.

Every case of the random initialisers seeds the global stream with :data:`STREAM_SEED` before the
call (``Case.rng_seed``), a seed other than the 3 the exercises set: a function that forgets its
``np.random.seed(3)`` then draws reproducible but different numbers, and is named.

The ``tensorflow`` cases have large layers (at least 12,000 weights each, see
:data:`course_lib.distributions.MIN_SAMPLES`), of different sizes next to each other so that a
scale computed from the wrong layer's size shows.
"""

from __future__ import annotations

from autograder.course.exercises import inputs
from autograder.course.spec import Case
from course_lib.compare import Tolerance

STREAM_SEED = 1

#: Large networks for the distributional comparison with Keras: every W has >= 12,000 entries, and
#: n[l-1] / n[l] is 1.5 or 0.83 (first case), 0.48 or 4.2 (second).
LARGE_NETWORKS = ([150, 100, 120], [120, 250, 60])


def _note(dims) -> str:
    shapes = ", ".join(f"W{l} ({dims[l]}, {dims[l - 1]})" for l in range(1, len(dims)))
    return f"layers_dims = {list(dims)}: {shapes}"


def layer_cases(rng_seed: int | None, tensorflow_note: str,
                tensorflow_networks=LARGE_NETWORKS) -> list[Case]:
    """Fixed, random, tensorflow and edge cases, each a call with one ``layers_dims`` list."""
    def case(name, group, dims, note=None, visible=None):
        return Case(name, group, args=(list(dims),), rng_seed=rng_seed,
                    note=note or _note(dims), visible=visible)

    cases = [
        case("three_two_one", "fixed", [3, 2, 1],
             "layers_dims = [3, 2, 1], the course's first example: W1 (2, 3), W2 (1, 2)"),
        case("two_four_one", "fixed", [2, 4, 1],
             "layers_dims = [2, 4, 1], the course's He example: W1 (4, 2), W2 (1, 4)"),
    ]
    for i in range(10):
        rng = inputs.generator(3000 + i)
        dims = inputs.random_layer_dims(rng, 1 + i % 4, max_units=8)
        cases.append(case(f"random_{i}", "random", dims))
    for i, dims in enumerate(tensorflow_networks):
        cases.append(case(f"keras_{i}", "tensorflow", dims,
                          f"{_note(dims)}; {tensorflow_note}"))
    cases += [
        case("one_unit", "edge", [1, 1], "layers_dims = [1, 1]: one layer, W1 and b1 are (1, 1)",
             visible=True),
        case("four_layers", "edge", [5, 4, 3, 2, 1],
             "layers_dims = [5, 4, 3, 2, 1]: four layers, every W rectangular"),
        case("wide_input", "edge", [64, 3, 1],
             "layers_dims = [64, 3, 1]: 64 inputs into 3 units, where n[l-1] and n[l] differ "
             "most"),
        case("course_network", "edge", [2, 10, 5, 1],
             "layers_dims = [2, 10, 5, 1], the network this notebook trains"),
    ]
    return cases


#: The random initialisers against Keras: NumPy's and Keras's streams differ, so the weights are
#: compared as samples (course_lib.distributions), the zero biases entry by entry.
SAMPLE_TOLERANCE = Tolerance(
    sample_sigmas=5.0,
    reason="NumPy's randn and Keras's initialisers draw different numbers from the same "
    "distribution, so each W is compared with Keras's draw of the same shape as a sample: mean, "
    "variance and the share beyond 2.5 standard deviations must each agree within 5 standard "
    "errors of the difference of two samples of that size (a right answer fails a statistic by "
    "chance with probability about 6e-7, and never varies, as both draws are seeded); the "
    "layers are large (>= 12,000 weights), so 5 standard errors are at most 9% of the variance "
    "and 0.7 percentage points of the tail share (a normal's is 1.24%), inside the differences "
    "of the known mistakes (a scale from the wrong layer's size: 17% of the variance or more; "
    "sqrt(1/n): 50%; uniform draws or Keras's truncated HeNormal: no tail at all). The zero "
    "biases are compared entry by entry.",
)

"""Inputs shared by the optimizer exercises of ``optimization_methods``: small networks.

``parameters`` holds ``W1, b1, ..., WL, bL`` and ``grads`` ``dW1, db1, ...`` (see
:mod:`autograder.course.exercises.inputs`, which draws them).
"""

from __future__ import annotations

from autograder.course.exercises import inputs
from autograder.course.spec import Case


def readable_network(seed: int, dims: list[int]):
    """Parameters with one decimal and gradients with two, for visible cases."""
    rng = inputs.generator(seed)
    parameters = inputs.rounded(inputs.random_parameters(rng, dims), 1)
    grads = inputs.rounded(inputs.random_grads(rng, dims, low=0.05, high=2.0), 2)
    return rng, parameters, grads


def random_network(seed: int, num_layers: int, low: float = 1e-3, high: float = 10.0):
    """Random layer sizes (1 to 5 units), parameters, and gradients of mixed magnitudes."""
    rng = inputs.generator(seed)
    dims = inputs.random_layer_dims(rng, num_layers)
    parameters = inputs.random_parameters(rng, dims)
    grads = inputs.random_grads(rng, dims, low, high)
    return rng, dims, parameters, grads


def layers_note(dims: list[int]) -> str:
    units = "-".join(str(n) for n in dims)
    return f"{len(dims) - 1} layer(s), units {units}"


def initializer_cases() -> list[Case]:
    """Parameters dicts of 1 to 4 layers (the initialisers only read their shapes)."""
    rng = inputs.generator(7)
    two_layers = inputs.rounded(inputs.random_parameters(rng, [3, 2, 1]), 1)
    three_layers = inputs.rounded(inputs.random_parameters(rng, [2, 4, 3, 1]), 1)
    cases = [
        Case("two_layers", "fixed", args=(two_layers,),
             note="two layers: W1 (2, 3), b1 (2, 1), W2 (1, 2), b2 (1, 1)"),
        Case("three_layers", "fixed", args=(three_layers,),
             note="three layers: W1 (4, 2), W2 (3, 4), W3 (1, 3)"),
    ]
    for i in range(10):
        rng = inputs.generator(1000 + i)
        dims = inputs.random_layer_dims(rng, 1 + i % 4)
        cases.append(Case(f"random_{i}", "random", args=(inputs.random_parameters(rng, dims),),
                          note=layers_note(dims)))
    rng = inputs.generator(1100)
    cases += [
        Case("one_unit", "edge", visible=True, args=(inputs.random_parameters(rng, [1, 1]),),
             note="a single layer with one unit and one input: W1 and b1 are (1, 1)"),
        Case("four_layers", "edge", args=(inputs.random_parameters(rng, [5, 4, 3, 2, 1]),),
             note="four layers, every W rectangular"),
    ]
    return cases

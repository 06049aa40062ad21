"""Bad input to the regularization exercises gets a clear error, from the references and from their
TensorFlow counterparts alike (the same ValueError or TypeError, naming the problem)."""

import numpy as np
import pytest

from course_lib.network import forward_propagation
from solutions import regularization as ref
from solutions.counterparts import regularization as tfc

MODULES = {"reference": ref, "tensorflow": tfc}


def network():
    parameters = {"W1": np.ones((3, 2)), "b1": np.zeros((3, 1)),
                  "W2": np.full((1, 3), 0.1), "b2": np.zeros((1, 1))}
    X = np.array([[0.5, -1.0, 2.0, 0.0], [1.0, 0.5, -0.5, 0.2]])
    Y = np.array([[1.0, 0.0, 1.0, 0.0]])
    return X, Y, parameters


def bad_calls():
    X, Y, parameters = network()
    AL, cache = forward_propagation(X, parameters)
    _, dropout_cache = ref.forward_propagation_with_dropout(X, parameters, 0.5, 1)
    return [
        ("cost: AL and Y of different shapes", "compute_cost_with_regularization",
         (AL, Y[:, :3], parameters, 0.7), ValueError, "same shape"),
        ("cost: parameters not a dict", "compute_cost_with_regularization",
         (AL, Y, [parameters["W1"]], 0.7), TypeError, "parameters must be a dict"),
        ("cost: a layer without its b", "compute_cost_with_regularization",
         (AL, Y, {"W1": parameters["W1"], "b1": parameters["b1"], "W2": parameters["W2"]}, 0.7),
         ValueError, "W and a b for every layer"),
        ("L2 backward: X and Y with different m", "backward_propagation_with_regularization",
         (X, Y[:, :3], cache, 0.7), ValueError, "same number of examples"),
        ("L2 backward: Y flattened", "backward_propagation_with_regularization",
         (X, Y.ravel(), cache, 0.7), ValueError, "must be 2-D"),
        ("dropout forward: keep_prob 0", "forward_propagation_with_dropout",
         (X, parameters, 0.0, 1), ValueError, "0 < keep_prob <= 1"),
        ("dropout forward: keep_prob above 1", "forward_propagation_with_dropout",
         (X, parameters, 1.5, 1), ValueError, "0 < keep_prob <= 1"),
        ("dropout forward: X transposed", "forward_propagation_with_dropout",
         (X.T, parameters, 0.5, 1), ValueError, "X must have shape"),
        ("dropout backward: a cache of other examples", "backward_propagation_with_dropout",
         (X[:, :2], Y[:, :2], dropout_cache, 0.5), ValueError, "the network's output"),
    ]


@pytest.mark.parametrize("module", MODULES)
@pytest.mark.parametrize("index", range(len(bad_calls())))
def test_bad_input_is_named(module, index):
    _, name, args, error, words = bad_calls()[index]
    with pytest.raises(error, match=words.replace("(", r"\(").replace(")", r"\)")):
        getattr(MODULES[module], name)(*args)

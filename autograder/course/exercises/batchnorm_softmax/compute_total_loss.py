"""``compute_total_loss``: the total loss with Keras's categorical cross-entropy from the logits.

Reference: ``solutions/batchnorm_softmax_tensorflow.py`` (``def compute_total_loss``); teaching
text: ``assignments/content/batchnorm_softmax.py`` (``# %% exercise compute_total_loss``). Its
reference and known mistakes (:mod:`autograder.course.exercises.batchnorm_softmax.tensorflow_mistakes`)
are named by ``"module:name"`` strings, so that importing this module never imports TensorFlow.
"""

from __future__ import annotations

import numpy as np

from autograder.course.exercises.batchnorm_softmax.inputs import one_hot, random_logits
from autograder.course.spec import Case, Exercise, Mistake
from course_lib.compare import Tolerance
from course_lib.values import TensorArg

TF_REFERENCE = "solutions.batchnorm_softmax_tensorflow:"
TF_MISTAKES = "autograder.course.exercises.batchnorm_softmax.tensorflow_mistakes:"


def _loss_args(seed, C, m, scale=2.0, dtype=np.float32):
    ZL, Y = random_logits(seed, C, m, scale)
    return TensorArg(ZL.astype(dtype)), TensorArg(Y.astype(dtype))


def _compute_total_loss_cases():
    cases = [
        Case("three_classes_two_examples", "fixed",
             args=(TensorArg(np.array([[1.0, 2.0], [2.0, 0.0], [3.0, -1.0]], dtype=np.float32)),
                   TensorArg(one_hot([2, 0], 3).astype(np.float32))),
             note="float32 tensors, labels 2 and 0"),
        Case("float64_four_classes", "fixed",
             args=(TensorArg(np.array([[0.5, 5.0, -1.0], [0.0, 1.0, -1.0], [-0.5, -2.0, 2.0],
                                       [1.0, 0.5, 0.0]])),
                   TensorArg(one_hot([3, 1, 2], 4))),
             note="float64 tensors, labels 3, 1 and 2"),
    ]
    for i in range(12):
        shape_rng = np.random.RandomState(8100 + i)
        C, m = int(shape_rng.randint(2, 7)), int(shape_rng.randint(2, 9))
        scale = 10 ** shape_rng.uniform(-1, 1)
        dtype = (np.float32, np.float64)[i % 2]
        cases.append(Case(f"random_{i}", "random", args=_loss_args(8200 + i, C, m, scale, dtype),
                          note=f"{np.dtype(dtype).name} logits of shape ({C}, {m})"))
    cases += [
        Case("curriculum_1000", "edge", visible=True,
             args=(TensorArg(np.array([[1000.0], [0.0], [-1000.0]], dtype=np.float32)),
                   TensorArg(one_hot([2], 3).astype(np.float32))),
             note="logits [[1000], [0], [-1000]] with the last class true: the loss is 2000"),
        Case("logits_1e4", "edge",
             args=(TensorArg(np.array([[1e4, -1e4], [0.0, 1e4], [-1e4, 1e4 - 3.0]],
                                      dtype=np.float32)),
                   TensorArg(one_hot([1, 0], 3).astype(np.float32))),
             note="logits of magnitude 1e4, wrong classes predicted with certainty"),
        Case("one_example", "edge", args=_loss_args(8300, 4, 1, dtype=np.float64),
             note="m = 1, float64"),
    ]
    return cases


TF_TOLERANCE = Tolerance(
    rtol=1e-5, atol_scale=1e-6,
    reason="float32 tensors carry about 7 significant digits, and equivalent TensorFlow routes to "
           "the loss (Keras's categorical_crossentropy, tf.nn.softmax_cross_entropy_with_logits, "
           "log_softmax) round differently; summed over the examples they stay within 1e-5",
)

EXERCISE = Exercise(
    name="compute_total_loss",
    points=12,
    reference=TF_REFERENCE + "compute_total_loss",
    cases=_compute_total_loss_cases,
    summary="the sum over the examples of Keras's categorical cross-entropy from the logits",
    tolerance=TF_TOLERANCE,
    uses_tensorflow=True,
    mistakes=(
        Mistake("mean_instead_of_sum",
                "Your loss is the mean over the examples (tf.reduce_mean): the total loss is "
                "their sum, tf.reduce_sum, so that mini-batches of different sizes add up.",
                TF_MISTAKES + "mistake_loss_mean_instead_of_sum"),
        Mistake("from_logits_false",
                "You pass the logits to categorical_crossentropy as if they were probabilities: "
                "give it from_logits=True, so that it applies the softmax itself, stably.",
                TF_MISTAKES + "mistake_loss_from_logits_false"),
        Mistake("softmax_then_loss",
                "You apply the softmax and then categorical_crossentropy with from_logits=False. "
                "Keras clips the probabilities at 1e-7, so an example's loss stops near 16.12 "
                "(2000 is the exact loss for the logits [[1000], [0], [-1000]] and the last "
                "class). Pass the logits with from_logits=True.",
                TF_MISTAKES + "mistake_loss_softmax_then_loss"),
        Mistake("no_transposes",
                "You pass the (C, m) tensors as they are: Keras expects one example per row, "
                "(m, C). Use tf.transpose(labels) and tf.transpose(logits).",
                TF_MISTAKES + "mistake_loss_no_transposes"),
        Mistake("labels_logits_swapped",
                "You swapped the arguments: Keras losses take (y_true, y_pred), that is "
                "categorical_crossentropy(tf.transpose(labels), tf.transpose(logits), "
                "from_logits=True).",
                TF_MISTAKES + "mistake_loss_labels_logits_swapped"),
        Mistake("per_example_losses",
                "You return one loss per example: sum them with tf.reduce_sum to get a scalar.",
                TF_MISTAKES + "mistake_loss_per_example"),
    ),
)

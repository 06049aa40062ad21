"""``one_hot_matrix``: the one-hot vector of a label, with tf.one_hot.

Reference: ``solutions/batchnorm_softmax_tensorflow.py`` (``def one_hot_matrix``); teaching text:
``assignments/content/batchnorm_softmax.py`` (``# %% exercise one_hot_matrix``). Its reference and
known mistakes (:mod:`autograder.course.exercises.batchnorm_softmax.tensorflow_mistakes`) are named by
``"module:name"`` strings, so that importing this module never imports TensorFlow.
"""

from __future__ import annotations

import numpy as np

from autograder.course.spec import Case, Exercise, Mistake

TF_REFERENCE = "solutions.batchnorm_softmax_tensorflow:"
TF_MISTAKES = "autograder.course.exercises.batchnorm_softmax.tensorflow_mistakes:"


def _one_hot_matrix_cases():
    """Positional arguments, as the course's own tests call ``one_hot_matrix(label, depth)``: older
    versions of the course name the second parameter ``depth``, newer ones ``C``."""
    cases = [
        Case("label_2_default_C", "fixed", args=(2,), note="label 2 of the default C = 6 classes"),
        Case("label_0_four_classes", "fixed", args=(0, 4),
             note="label 0 of C = 4 classes"),
    ]
    for i in range(12):
        rng = np.random.RandomState(9100 + i)
        C = int(rng.randint(2, 15))
        label = int(rng.randint(0, C))
        cases.append(Case(f"random_{i}", "random", args=(label, C),
                          note=f"label {label} of C = {C} classes"))
    cases += [
        Case("one_class", "edge", args=(0, 1), note="C = 1: the vector [1.]", visible=True),
        Case("last_class", "edge", args=(9, 10), note="the last of C = 10 classes"),
        Case("many_classes", "edge", args=(57, 100), note="label 57 of C = 100"),
    ]
    return cases


EXERCISE = Exercise(
    name="one_hot_matrix",
    points=8,
    reference=TF_REFERENCE + "one_hot_matrix",
    cases=_one_hot_matrix_cases,
    summary="the one-hot vector of shape (C,) of an integer label, as a tensor",
    uses_tensorflow=True,
    mistakes=(
        Mistake("column_shape",
                "Your one-hot tensor has shape (C, 1): reshape it to (C,), "
                "tf.reshape(..., shape=[C]).",
                TF_MISTAKES + "mistake_one_hot_column_shape"),
        Mistake("depth_off_by_one",
                "Your one-hot vector has C - 1 entries: the depth of tf.one_hot is the number of "
                "classes C (labels go from 0 to C - 1).",
                TF_MISTAKES + "mistake_one_hot_depth_off_by_one"),
        Mistake("returns_numpy",
                "You return a NumPy array: return the tensor that tf.one_hot gives (reshaped), "
                "without calling .numpy().",
                TF_MISTAKES + "mistake_one_hot_returns_numpy"),
        Mistake("ignores_C",
                "Your vector always has 6 entries: use the argument C as the depth of tf.one_hot.",
                TF_MISTAKES + "mistake_one_hot_ignores_c"),
        Mistake("label_minus_one",
                "Your 1 is one place too early: labels already count from 0, so use label itself "
                "as the index, not label - 1.",
                TF_MISTAKES + "mistake_one_hot_label_minus_one"),
        Mistake("arguments_swapped",
                "You call tf.one_hot(C, label): its arguments are (indices, depth), that is "
                "tf.one_hot(label, C).",
                TF_MISTAKES + "mistake_one_hot_arguments_swapped"),
    ),
)

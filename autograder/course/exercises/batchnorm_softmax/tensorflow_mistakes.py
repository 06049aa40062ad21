"""Known mistakes of the TensorFlow exercises of ``batchnorm_softmax``.

The declarations in :mod:`autograder.course.exercises.batchnorm_softmax.compute_total_loss` and
:mod:`autograder.course.exercises.batchnorm_softmax.one_hot_matrix` name these functions by
``"autograder.course.exercises.batchnorm_softmax.tensorflow_mistakes:..."`` strings, so that reading the
declarations never imports TensorFlow. Each function is self-contained: it is turned into a
submission by renaming its ``def`` and placing it next to ``from course_lib.tf import tf``, the
only import of ``solutions.batchnorm_softmax_tensorflow``.
"""

from course_lib.tf import tf

# ----------------------------------------------------------------------------------------------
# compute_total_loss(logits, labels)
# ----------------------------------------------------------------------------------------------


def mistake_loss_mean_instead_of_sum(logits, labels):
    total_loss = tf.reduce_mean(
        tf.keras.losses.categorical_crossentropy(
            tf.transpose(labels), tf.transpose(logits), from_logits=True
        )
    )
    return total_loss


def mistake_loss_from_logits_false(logits, labels):
    total_loss = tf.reduce_sum(
        tf.keras.losses.categorical_crossentropy(tf.transpose(labels), tf.transpose(logits))
    )
    return total_loss


def mistake_loss_softmax_then_loss(logits, labels):
    probabilities = tf.nn.softmax(logits, axis=0)
    total_loss = tf.reduce_sum(
        tf.keras.losses.categorical_crossentropy(tf.transpose(labels), tf.transpose(probabilities))
    )
    return total_loss


def mistake_loss_no_transposes(logits, labels):
    total_loss = tf.reduce_sum(
        tf.keras.losses.categorical_crossentropy(labels, logits, from_logits=True)
    )
    return total_loss


def mistake_loss_labels_logits_swapped(logits, labels):
    total_loss = tf.reduce_sum(
        tf.keras.losses.categorical_crossentropy(
            tf.transpose(logits), tf.transpose(labels), from_logits=True
        )
    )
    return total_loss


def mistake_loss_per_example(logits, labels):
    total_loss = tf.keras.losses.categorical_crossentropy(
        tf.transpose(labels), tf.transpose(logits), from_logits=True
    )
    return total_loss


# ----------------------------------------------------------------------------------------------
# one_hot_matrix(label, C=6)
# ----------------------------------------------------------------------------------------------


def mistake_one_hot_column_shape(label, C=6):
    one_hot = tf.reshape(tf.one_hot(label, C, axis=0), shape=[C, 1])
    return one_hot


def mistake_one_hot_depth_off_by_one(label, C=6):
    one_hot = tf.reshape(tf.one_hot(label, C - 1, axis=0), shape=[C - 1])
    return one_hot


def mistake_one_hot_returns_numpy(label, C=6):
    one_hot = tf.reshape(tf.one_hot(label, C, axis=0), shape=[C])
    return one_hot.numpy()


def mistake_one_hot_ignores_c(label, C=6):
    one_hot = tf.reshape(tf.one_hot(label, 6, axis=0), shape=[6])
    return one_hot


def mistake_one_hot_label_minus_one(label, C=6):
    one_hot = tf.reshape(tf.one_hot(label - 1, C, axis=0), shape=[C])
    return one_hot


def mistake_one_hot_arguments_swapped(label, C=6):
    one_hot = tf.reshape(tf.one_hot(C, label, axis=0), shape=[label])
    return one_hot

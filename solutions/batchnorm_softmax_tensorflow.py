"""Reference solutions for the assignment ``batchnorm_softmax`` (course week 3), TensorFlow part.

Logits and labels follow the course's layout, ``(C, m)``: classes by examples. Keras losses expect
examples first, hence the transposes.
"""

from course_lib.tf import tf


def compute_total_loss(logits, labels):
    """The sum over examples of the categorical cross-entropy, computed from the logits.

    Arguments:
    logits -- tensor of shape (C, m), the output of the last LINEAR unit (before softmax)
    labels -- one-hot tensor of shape (C, m)

    Returns:
    total_loss -- a scalar tensor: sum over the m examples of the cross-entropy with from_logits=True
    """
    ### BEGIN SOLUTION
    total_loss = tf.reduce_sum(
        tf.keras.losses.categorical_crossentropy(
            tf.transpose(labels), tf.transpose(logits), from_logits=True
        )
    )
    ### END SOLUTION
    return total_loss


def one_hot_matrix(label, C=6):
    """The one-hot encoding of one integer label.

    Arguments:
    label -- an integer class label, 0 <= label < C
    C -- the number of classes

    Returns:
    one_hot -- tensor of shape (C,): 1 at position label, 0 elsewhere
    """
    ### BEGIN SOLUTION
    one_hot = tf.reshape(tf.one_hot(label, C, axis=0), shape=[C])
    ### END SOLUTION
    return one_hot

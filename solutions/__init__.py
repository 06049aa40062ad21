"""Reference implementations of every graded exercise: the single source of truth.

``optimization_methods`` and ``batchnorm_softmax`` are NumPy; ``batchnorm_softmax_tensorflow``
imports TensorFlow, so it is kept apart and imported only where it is needed. The student notebooks,
the stubs and the autograder's expected values are all derived from these files.
"""

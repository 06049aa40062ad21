"""TensorFlow counterparts of the NumPy exercises, one module per assignment.

Each function computes an exercise with TensorFlow/Keras through the curriculum's mapping
(``shared/CURRICULUM.md``, "TensorFlow counterparts") and returns NumPy values shaped like the
reference's. Importing a module imports TensorFlow (through ``course_lib.tf``, quietly).
"""

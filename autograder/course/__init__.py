"""What the course is: the exercise declarations (``exercises/``), their vocabulary (``spec``),
the registry, the expected values, and where each part of an exercise lives (``sources``,
``locations``). Imports only ``solutions`` and ``course_lib``."""

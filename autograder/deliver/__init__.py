"""What reaches other tools and people: nbgrader (``nbgrader/``, ``hidden_tests*``), Gradescope
(``gradescope_bundle``), students (``student_bundle``), the export and the class report."""

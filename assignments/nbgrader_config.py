"""nbgrader configuration of the course (run nbgrader commands from this folder).

Each setting answers one of nbgrader's known traps; see README.md, "Grading with nbgrader".
"""

c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.course_id = "improving-deep-neural-networks"
c.CourseDirectory.root = "."

# The hidden test cells grade the whole exercise (sandboxed calls, all cases) and demonstrations
# train small networks: nbgrader's default of 30 s per cell is too short on a slow machine.
c.Execute.timeout = 180
# Students sometimes delete a graded cell; nbgrader then cannot grade it. Put it back (empty
# solution cells score zero; hidden test cells come back from the source version).
c.OverwriteCells.add_missing_cells = True
# nbgrader's feedback shows the autograded notebook, hidden tests included, unless told otherwise.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
# Every hidden test cell differs from its source version by design (the hidden region is not
# released); nbgrader would warn about each. The kit's OverwriteCells restores those quietly and
# still reports (and overwrites) any real change to a locked cell.
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "autograder.nbgrader_ext.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# Solution regions become this stub (the kit's own stubs use the same text).
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

"""nbgrader configuration of the course (run nbgrader commands from this folder).

Each setting answers one of nbgrader's known traps; see README.md, "Grading with nbgrader".
"""

from pathlib import Path

c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.course_id = "improving-deep-neural-networks"
# The folder of this file, as an absolute path: nbgrader warns "root '.' is not absolute" on
# every command when given a relative one (traitlets defines __file__ while it reads a config).
# A copy of this file kept elsewhere (~/.jupyter/) must name the course folder here instead.
c.CourseDirectory.root = str(Path(__file__).resolve().parent)

# Autograde with the kit's engine: no kernel runs the student's code; the notebook is graded as
# `autograder grade` grades it (one warm sandboxed launcher for the whole run) and each autograder
# test cell receives the exercise's feedback and points. Delete the KitExecute line (and put
# "nbgrader.preprocessors.Execute" back) to grade in a kernel, nbgrader's way (README: what that
# gives up).
c.Autograde.autograde_preprocessors = [
    "autograder.deliver.nbgrader.KitExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "autograder.deliver.nbgrader.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "autograder.deliver.nbgrader.CheckCellMetadata",
]
# The same limits as `autograder grade`'s defaults (--time-limit, per cell or call, memory).
c.KitExecute.time_limit = 60
c.KitExecute.item_time_limit = 20
c.KitExecute.memory_limit = 2 * 1024**3
# Demonstration cells (training, plots) grade nothing; True runs them too, sandboxed and limited.
c.KitExecute.run_demonstrations = False
# A submitted file that is not a notebook gets zero on every test, with the reason, instead of
# an nbgrader error for that student.
c.Autograde.exporter_class = "autograder.deliver.nbgrader.KitNotebookExporter"
# nbconvert checks the notebook against the schema after each preprocessor of a pass (a tenth of
# autograde's own time per notebook); once at the end of each pass still stops an invalid
# notebook before it is graded or written.
c.KitNotebookExporter.optimistic_validation = True

# With nbgrader's Execute (kernel grading), the hidden test cells grade the whole exercise and
# demonstrations train small networks: nbgrader's default of 30 s per cell is too short.
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
    "autograder.deliver.nbgrader.OverwriteCells",
    "autograder.deliver.nbgrader.CheckCellMetadata",
]
# nbgrader's export writes sums of floats unrounded (26.799999999999997); the kit's plugin writes
# what nbgrader's writes, rounded as the kit writes points (autograder export shows the same).
c.ExportApp.plugin_class = "autograder.deliver.nbgrader.RoundedCsvExport"
# Solution regions become this stub (the kit's own stubs use the same text).
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

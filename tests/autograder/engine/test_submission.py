import json
import re

import pytest

from autograder.engine.submission import SubmissionError, load_submission, module_units


def notebook(*cells, nbformat=4):
    return {"nbformat": nbformat, "nbformat_minor": 5, "metadata": {}, "cells": list(cells)}


def code(source, tags=(), nbgrader=None):
    meta = {"tags": list(tags)}
    if nbgrader:
        meta["nbgrader"] = nbgrader
    return {"cell_type": "code", "source": source, "metadata": meta, "outputs": [],
            "execution_count": None}


def write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, (dict, list)):
        content = json.dumps(content)
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    return path


def test_module_is_split_per_top_level_statement_with_line_numbers():
    units = module_units("import numpy as np\n\n@decorator\ndef f():\n    return 1\nx = 2\n", "m.py")
    assert [u.label for u in units] == ["line 1", "line 3", "line 6"]
    assert units[1].source.startswith("\n\n@decorator")


def test_a_syntax_error_does_not_hide_the_other_functions():
    source = "def good():\n    return 1\n\ndef broken(:\n    pass\n\ndef also_good():\n    return 2\n"
    units = module_units(source, "m.py")
    namespace = {}
    compiled = 0
    for u in units:
        try:
            exec(compile(u.source, u.filename, "exec"), namespace)
            compiled += 1
        except SyntaxError:
            pass
    assert compiled == 2 and "good" in namespace and "also_good" in namespace


def test_notebook_skips_demos_checks_and_autograder_tests(tmp_path):
    nb = notebook(
        code("import numpy as np"),
        code("train()", tags=["demo"]),
        code("check_adam(update_parameters_with_adam)", tags=["check"]),
        code("grade_hidden()", nbgrader={"grade": True, "solution": False, "points": 5}),
        code("def f():\n    return 1", nbgrader={"grade": False, "solution": True}),
        {"cell_type": "markdown", "source": "text", "metadata": {}},
    )
    sub = load_submission(write(tmp_path, "a.ipynb", nb))
    assert [u.source.strip() for u in sub.units] == ["import numpy as np", "def f():\n    return 1"]
    everything = load_submission(write(tmp_path, "a.ipynb", nb), execute="all")
    assert len(everything.units) == 4  # the autograder test cell never runs


def test_magics_are_blanked_and_cell_magics_skipped(tmp_path):
    nb = notebook(code(["%matplotlib inline\n", "x = 1\n", "if x:\n", "    !ls\n"]),
                  code("%%time\ny = 2"))
    sub = load_submission(write(tmp_path, "a.ipynb", nb))
    assert len(sub.units) == 1
    compile(sub.units[0].source, "cell", "exec")
    assert any("cell magic" in n for n in sub.notes)


def test_nbformat3_notebooks_are_read(tmp_path):
    nb = {"nbformat": 3, "worksheets": [{"cells": [{"cell_type": "code", "input": "z = 3"}]}]}
    sub = load_submission(write(tmp_path, "old.ipynb", nb))
    assert sub.units[0].source.strip() == "z = 3"


def test_duplicate_cell_ids_do_not_matter(tmp_path):
    a, b = code("a = 1"), code("b = 2")
    a["id"] = b["id"] = "same"
    assert len(load_submission(write(tmp_path, "d.ipynb", notebook(a, b))).units) == 2


@pytest.mark.parametrize("name, content, words", [
    ("broken.ipynb", '{"cells": [', "JSON is broken at line 1"),
    ("list.ipynb", "[1, 2]", "not a notebook"),
    ("nocells.ipynb", {"metadata": {}}, "no list of cells"),
    ("latin1.py", b"x = '\xe9'\n", "not UTF-8"),
    ("picture.png", b"\x89PNG", "a notebook (.ipynb) or a Python module (.py)"),
])
def test_unreadable_submissions_get_a_plain_message(tmp_path, name, content, words):
    with pytest.raises(SubmissionError, match=re.escape(words)):
        load_submission(write(tmp_path, name, content))


def test_a_notebook_without_code_says_so(tmp_path):
    sub = load_submission(write(tmp_path, "empty.ipynb", notebook()))
    assert sub.units == [] and "no code cells" in sub.notes[0]

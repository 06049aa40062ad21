"""The source notebooks: generated from content/ and solutions/, and they run top to bottom."""

from __future__ import annotations

import nbformat
import pytest

from autograder.build.notebooks import notebook_path, write_notebooks
from autograder.course.registry import built_names


def test_source_notebooks_are_up_to_date():
    assert not write_notebooks(check=True), "run: python -m autograder.build.notebooks"


@pytest.mark.slow
@pytest.mark.parametrize("name", built_names())
def test_source_notebook_runs_without_error_or_stderr(name, tmp_path):
    from nbclient import NotebookClient

    nb = nbformat.read(notebook_path(name), as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(notebook_path(name).parent)}}).execute()
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", cell.source[:200]
            assert out.get("name") != "stderr", (cell.source[:200], out.get("text", "")[:300])
    # every hidden test cell earned its points with the reference solution
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            values = [o["data"]["text/plain"] for o in cell.outputs
                      if o["output_type"] == "execute_result"]
            assert values == [repr(float(meta["points"]))], (meta["grade_id"], values)

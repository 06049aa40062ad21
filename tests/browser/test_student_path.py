"""What a student does, in a real browser: JupyterLab on localhost, driven in headless Chromium.

Open the release notebook of ``optimization_methods``, Run All (every check cell says "not
implemented yet", nothing crashes), type a correct Adam into its cell and run its check (a tick,
and the picture as an image), then type known mistakes (the check shows ✗ and names each, with
the message of the declarations, and draws the picture): the missing bias correction, and epsilon
inside the square root (``np.sqrt(s_corrected + epsilon)``, which needs a visible case that tells
it from the reference). Every check output fits the notebook's width: no line longer than the
feedback's wrap width, and the browser wraps none (so none breaks in the middle of a word).
Screenshots go to ``$ARTIFACTS_DIR`` or ``test-artifacts/browser/`` (the path is printed).

Needs Debian's ``chromium`` (/usr/bin/chromium; ``.ci/run`` installs it) and the ``playwright``
Python package (dev extras; it drives the system Chromium, nothing is downloaded). Where either
is missing the test skips with the reason, except under CI (``CI=true``), where it fails.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from browser_support import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    artifacts_dir,
    chromium_present,
    free_port,
    require,
    wait_until,
)

from autograder.course.registry import get_assignment
from autograder.course.spec import resolve
from course_lib.wrap import WIDTH

ROOT = Path(__file__).resolve().parents[2]
ASSIGNMENT = "optimization_methods"
RELEASE = ROOT / "assignments" / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
EXERCISE = "update_parameters_with_adam"
MISTAKE = "no_bias_correction"
#: a slip that changes the step by a hair: a visible case with a tiny s tells it apart
EPSILON_MISTAKE = "epsilon_inside_sqrt"
SERVER_START = 120  # seconds; the machine may be loaded
RUN_ALL = 300
ONE_CELL = 120

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def source_of(fn, name: str) -> str:
    """``fn``'s source, as the function ``name`` (a declared mistake has a name of its own)."""
    source = inspect.getsource(fn)
    return re.sub(rf"^def {fn.__name__}\(", f"def {name}(", source, count=1, flags=re.M)


def declared_mistake(name: str = MISTAKE):
    exercise = get_assignment(ASSIGNMENT).exercise(EXERCISE)
    mistake = next(m for m in exercise.mistakes if m.name == name)
    return resolve(exercise.reference), resolve(mistake.implementation), mistake.message


@contextmanager
def jupyter_lab(tmp_path: Path):
    """JupyterLab serving a folder with a copy of the release notebook; yields (url, token)."""
    root = tmp_path / "student"
    root.mkdir()
    shutil.copy(RELEASE, root / RELEASE.name)
    settings = tmp_path / "lab-settings"
    # Every cell in the DOM (no windowing), and no news or update checks (no network here).
    for plugin, values in {
        "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification": {"fetchNews": "false",
                                                        "checkForUpdates": False},
    }.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    env = {**os.environ,
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"),
           "JUPYTER_DATA_DIR": str(tmp_path / "jupyter-data"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "jupyter-runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(settings),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "lab-workspaces"),
           "IPYTHONDIR": str(tmp_path / "ipython")}
    env.pop("COURSE_LIB_CHECK_PLOTS", None)  # the pictures appear by default in a notebook
    env.pop("MPLBACKEND", None)
    port, token = free_port(), secrets.token_hex(16)
    command = [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
               "--ServerApp.port_retries=0", f"--ServerApp.token={token}",
               f"--ServerApp.root_dir={root}"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = open(tmp_path / "jupyter-lab.log", "w")
    server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START
        while True:
            if server.poll() is not None:
                raise AssertionError(f"JupyterLab exited ({server.returncode}):\n"
                                     + (tmp_path / "jupyter-lab.log").read_text()[-3000:])
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("JupyterLab did not answer within "
                                         f"{SERVER_START} s") from None
                time.sleep(0.5)
        yield url, token
    finally:
        with_group(server, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with_group(server, signal.SIGKILL)
            server.wait(timeout=10)
        log.close()


def with_group(process: subprocess.Popen, sig: int) -> None:
    """Send ``sig`` to the process group of the server this test started (and its kernels)."""
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        pass


def kernels_idle(url: str, token: str) -> bool:
    """Whether the server has a kernel and every kernel is idle (False while it cannot say)."""
    try:
        with urllib.request.urlopen(f"{url}/api/kernels?token={token}", timeout=10) as answer:
            kernels = json.load(answer)
    except (OSError, ValueError):  # a 500 while a kernel starts, a timeout under load
        return False
    return bool(kernels) and all(k.get("execution_state") == "idle" for k in kernels)


ALL_PROMPTS_NUMBERED = """() => {
    const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')];
    return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
}"""


def code_cell(page, text: str):
    """The code cell whose source contains ``text``."""
    return page.locator(".jp-Notebook .jp-CodeCell").filter(
        has=page.locator(".cm-content", has_text=text))


def output_text(cell) -> str:
    return "\n".join(cell.locator(".jp-OutputArea-output").all_inner_texts())


def replace_source(page, cell, source: str) -> None:
    """Select everything in the cell's CodeMirror editor and type ``source`` over it."""
    editor = cell.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(source)
    assert cell.locator(".cm-content").inner_text().strip().startswith(source.split("\n")[0])


def run_cell_then_next(page, cell, url, token) -> None:
    """Run ``cell`` and the cell after it (its check) with Shift+Enter, as a student does."""
    cell.locator(".cm-content").click()
    page.keyboard.press("Shift+Enter")  # runs the cell and selects the next one
    page.keyboard.press("Shift+Enter")
    time.sleep(1)
    wait_until(lambda: kernels_idle(url, token), ONE_CELL, "the kernel to be idle")


def unwrapped_by_the_browser(cell) -> list[str]:
    """The text outputs of ``cell`` that are too wide for it: the browser wraps or clips them
    (a line longer than its output area is wrapped anywhere, even inside a word). Each is
    checked by its height: as many lines on the screen as lines in its text."""
    return cell.locator(".jp-OutputArea-output pre").evaluate_all("""pres => pres.filter(p => {
        const lines = p.textContent.replace(/\\n$/, '').split('\\n').length;
        const height = parseFloat(getComputedStyle(p).lineHeight);
        const shown = Math.round(p.getBoundingClientRect().height / height);
        return shown !== lines || p.scrollWidth > p.clientWidth;
    }).map(p => p.textContent)""")


def assert_fits(cell) -> None:
    """The check's output: no line longer than the wrap width, none wrapped by the browser."""
    long = [line for line in output_text(cell).splitlines() if len(line) > WIDTH]
    assert not long, long
    assert not unwrapped_by_the_browser(cell)


def rendered_images(cell) -> int:
    """The number of PNG outputs of ``cell`` the browser has actually decoded."""
    return cell.locator(".jp-OutputArea-output img").evaluate_all(
        "imgs => imgs.filter(i => i.complete && i.naturalWidth > 0 "
        "&& i.src.startsWith('data:image/png')).length")


def test_a_student_runs_all_then_writes_adam_and_a_mistake(tmp_path):
    require(f"the browser test needs Chromium at {CHROMIUM} (.ci/run installs it)",
            chromium_present())
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    require("the browser test needs the Python package playwright (dev extras)",
            sync_playwright is not None)
    reference, mistake, message = declared_mistake()
    shots = artifacts_dir("browser")
    print(f"browser screenshots: {shots}")

    with jupyter_lab(tmp_path) as (url, token), sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=CHROMIUM, headless=True,
            args=CHROMIUM_FLAGS, viewport={"width": 1400, "height": 1000})
        try:
            page = context.new_page()
            page.set_default_timeout(ONE_CELL * 1000)
            page.goto(f"{url}/lab/tree/{RELEASE.name}?token={token}")
            page.locator(".jp-Notebook .jp-CodeCell").first.wait_for()
            wait_until(lambda: kernels_idle(url, token), SERVER_START, "the kernel to start")

            # Run All, from the Run menu.
            page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
            page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
            page.wait_for_function(ALL_PROMPTS_NUMBERED, timeout=RUN_ALL * 1000, polling=500)
            wait_until(lambda: kernels_idle(url, token), RUN_ALL, "Run All to finish")
            page.screenshot(path=shots / "1-run-all.png")
            checks = page.locator(".jp-Notebook .jp-CodeCell").filter(
                has=page.locator(".cm-content", has_text=re.compile(r'^check\("')))
            assert checks.count() == len(get_assignment(ASSIGNMENT).exercises)
            for i in range(checks.count()):
                text = output_text(checks.nth(i))
                assert "is not implemented yet" in text, text
            errors = page.locator('.jp-OutputArea-output[data-mime-type="application/'
                                  'vnd.jupyter.error"], .jp-OutputArea-output[data-mime-type='
                                  '"application/vnd.jupyter.stderr"]')
            assert errors.count() == 0, errors.all_inner_texts()

            solution = code_cell(page, f"def {EXERCISE}(")
            check_cell = code_cell(page, f'check("{EXERCISE}")')
            assert solution.count() == 1 and check_cell.count() == 1
            assert rendered_images(check_cell) == 0  # no picture before the exercise is done
            check_cell.scroll_into_view_if_needed()
            check_cell.screenshot(path=shots / "1-run-all-adam-check.png")

            # A correct Adam: a tick, and the path drawn as an image.
            replace_source(page, solution, source_of(reference, EXERCISE))
            run_cell_then_next(page, solution, url, token)
            check_cell.locator(".jp-OutputArea-output", has_text=f"✓ {EXERCISE}").wait_for()
            wait_until(lambda: rendered_images(check_cell) >= 1, 30, "the picture of the check")
            check_cell.scroll_into_view_if_needed()
            page.screenshot(path=shots / "2-correct-adam.png")
            check_cell.screenshot(path=shots / "2-correct-adam-check.png")

            # A known mistake: the check names it and draws the path beside the expected one.
            replace_source(page, solution, source_of(mistake, EXERCISE))
            run_cell_then_next(page, solution, url, token)
            check_cell.locator(".jp-OutputArea-output", has_text=f"✗ {EXERCISE}").wait_for()
            text = output_text(check_cell)
            assert " ".join(f"Likely mistake: {message}".split()) in " ".join(text.split()), text
            wait_until(lambda: rendered_images(check_cell) >= 1, 30, "the picture of the check")
            assert rendered_images(check_cell) == 1  # the new picture replaced the old one
            assert_fits(check_cell)
            check_cell.scroll_into_view_if_needed()
            page.screenshot(path=shots / "3-adam-mistake.png")
            check_cell.screenshot(path=shots / "3-adam-mistake-check.png")

            # Epsilon inside the square root: caught on a visible case, and named.
            _, epsilon_mistake, epsilon_message = declared_mistake(EPSILON_MISTAKE)
            replace_source(page, solution, source_of(epsilon_mistake, EXERCISE))
            run_cell_then_next(page, solution, url, token)
            check_cell.scroll_into_view_if_needed()
            page.screenshot(path=shots / "4-adam-epsilon-inside-sqrt.png")
            check_cell.screenshot(path=shots / "4-adam-epsilon-inside-sqrt-check.png")
            text = output_text(check_cell)
            assert f"✗ {EXERCISE}" in text, text
            assert " ".join(f"Likely mistake: {epsilon_message}".split()) in " ".join(
                text.split()), text
            assert_fits(check_cell)
        except BaseException:
            page.screenshot(path=shots / "failure.png")
            raise
        finally:
            context.close()

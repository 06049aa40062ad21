"""A JupyterHub on localhost for a test: configurable-http-proxy from npm, a shared password, one
local process per user, every port a free one; started and stopped inside the test.

``running_hub`` yields a ``Hub``; ``HubUser`` is a user who logs in through the hub's REST API (a
token from name and password), starts a server and talks to it (contents, nbgrader's exchange).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import requests
from browser_support import free_port, wait_until

ROOT = Path(__file__).resolve().parents[2]
#: ``dev.py``'s test set-up installs the pinned proxy here with ``npm ci``.
PROXY_DIR = ROOT / "tests" / "assignments" / "hub_proxy"
PROXY = PROXY_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
BIN = Path(sys.executable).parent
START = 180  # seconds for the hub or a user's server to answer; the machine may be loaded


@dataclass
class Hub:
    url: str  # the proxy's public address, e.g. http://127.0.0.1:PORT
    password: str
    homes: Path  # each user's home is homes/NAME
    log: Path

    def home(self, name: str) -> Path:
        return self.homes / name


def hub_config(folder: Path, users: list[str], password: str, env: dict[str, str]) -> str:
    """The text of ``jupyterhub_config.py`` for a hub whose state lives in ``folder``."""
    proxy_port, hub_port, api_port = free_port(), free_port(), free_port()
    args = ["--allow-root"] if os.geteuid() == 0 else []
    return f"""c = get_config()  # noqa: F821
c.JupyterHub.bind_url = "http://127.0.0.1:{proxy_port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{str(PROXY)!r}]
c.ConfigurableHTTPProxy.pid_file = {str(folder / "proxy.pid")!r}
c.JupyterHub.db_url = "sqlite:///{folder / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = {str(folder / "cookie_secret")!r}
c.JupyterHub.cleanup_servers = True
# a request to start a server answers at once (202); the test waits for the server itself
c.JupyterHub.tornado_settings = {{"slow_spawn_timeout": 0}}
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = {password!r}
c.Authenticator.allowed_users = {set(users)!r}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(folder / "home" / "{username}")!r}
c.Spawner.cmd = [{str(BIN / "jupyterhub-singleuser")!r}]
c.Spawner.args = {args!r}
c.Spawner.environment = {env!r}
c.Spawner.start_timeout = {START}
c.Spawner.http_timeout = {START}
"""


@contextmanager
def running_hub(folder: Path, users: list[str], env: dict[str, str] | None = None):
    """Start JupyterHub with its state in ``folder``; stop it, its proxy and every user's server
    on the way out. ``env`` is given to each user's server."""
    password = secrets.token_urlsafe(12)
    config = folder / "jupyterhub_config.py"
    config.write_text(hub_config(folder, users, password, env or {}))
    (folder / "home").mkdir(exist_ok=True)
    url = config.read_text().split('bind_url = "', 1)[1].split('"', 1)[0]
    environment = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
                   "CONFIGPROXY_AUTH_TOKEN": secrets.token_hex(32)}
    log_path = folder / "jupyterhub.log"
    log = open(log_path, "w")
    hub = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(config)], cwd=folder,
                           env=environment, stdout=log, stderr=subprocess.STDOUT,
                           start_new_session=True)
    try:
        def answers():
            if hub.poll() is not None:
                raise AssertionError(f"JupyterHub exited ({hub.returncode}):\n"
                                     + log_path.read_text()[-4000:])
            try:
                return requests.get(f"{url}/hub/api/", timeout=5).ok
            except requests.RequestException:
                return False

        wait_until(answers, START, "JupyterHub to answer")
        yield Hub(url, password, folder / "home", log_path)
    finally:
        stop(hub)
        log.close()


def stop(hub: subprocess.Popen) -> None:
    """Stop the hub (it stops the proxy and the users' servers), then whatever it left behind:
    the servers run in sessions of their own, so they are found as the hub's children."""
    try:
        children = psutil.Process(hub.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    hub.send_signal(signal.SIGTERM)
    try:
        hub.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(hub.pid, signal.SIGKILL)
        hub.wait(timeout=10)
    _gone, alive = psutil.wait_procs(children, timeout=10)
    for process in alive:
        process.kill()
    psutil.wait_procs(alive, timeout=10)


@dataclass
class HubUser:
    """A hub user who logged in through the hub's API, and the user's server."""

    hub: Hub
    name: str
    token: str = ""
    session: requests.Session = field(default_factory=requests.Session)

    def log_in(self) -> HubUser:
        """A token for this user, asked for with name and password (the hub's REST API)."""
        answer = requests.post(f"{self.hub.url}/hub/api/users/{self.name}/tokens", timeout=60,
                               json={"auth": {"username": self.name,
                                              "password": self.hub.password},
                                     "note": "the JupyterHub test"})
        assert answer.status_code == 201, (answer.status_code, answer.text)
        self.token = answer.json()["token"]
        self.session.headers["Authorization"] = f"token {self.token}"
        return self

    @property
    def server(self) -> str:
        return f"{self.hub.url}/user/{self.name}"

    def start_server(self) -> None:
        """Ask the hub for this user's server (``wait_for_server`` waits until it answers)."""
        answer = self.session.post(f"{self.hub.url}/hub/api/users/{self.name}/server", timeout=60)
        assert answer.status_code in (201, 202), (answer.status_code, answer.text)

    def wait_for_server(self) -> None:
        def ready():
            model = self.session.get(f"{self.hub.url}/hub/api/users/{self.name}", timeout=30).json()
            return model.get("servers", {}).get("", {}).get("ready")

        wait_until(ready, START, f"{self.name}'s server to start")

    def api(self, method: str, path: str, ok: bool = True, **kwargs) -> requests.Response:
        """A request to this user's server, e.g. ``api("GET", "api/contents/x.ipynb")``; it must
        succeed unless ``ok`` is False."""
        answer = self.session.request(method, f"{self.server}/{path}", timeout=600, **kwargs)
        assert answer.ok or not ok, (method, path, answer.status_code, answer.text[-3000:])
        return answer

    def read_notebook(self, path: str) -> dict:
        return self.api("GET", f"api/contents/{path}", params={"content": 1}).json()["content"]

    def write_notebook(self, path: str, notebook: dict) -> None:
        self.api("PUT", f"api/contents/{path}",
                 data=json.dumps({"type": "notebook", "format": "json", "content": notebook}))

    def nbgrader(self, action: str, course_id: str, assignment: str) -> list[dict]:
        """fetch, submit or fetch_feedback, through nbgrader's assignment list extension (what
        the student's Assignments tab calls); returns the student's list of assignments."""
        answer = self.api("POST", f"assignments/{action}",
                          data={"course_id": course_id, "assignment_id": assignment}).json()
        assert answer["success"], answer.get("value")
        return answer["value"]

"""`invoke serve` as an editor runs it, in a real process."""

import socket
import subprocess
import sys

from tests.conftest import ROOT


def test_a_busy_port_is_one_line_that_names_a_free_one():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "invoke", "serve", "--no-build", "--port", str(port)]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)

    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert lines[0].startswith(f"Port {port} is in use (another `invoke serve`?): ")
    assert lines[0].endswith(" would serve the library.")
    suggested = int(lines[0].split("--port ")[1].split()[0])
    assert suggested != port

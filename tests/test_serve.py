"""`invoke serve` as an editor runs it, in a real process."""

import os
import socket
import subprocess
import sys
import threading
import time

from editing.preview import errors_of, watch, with_script
from tests.conftest import ROOT
from tests.projects import make_project


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


def test_a_failed_build_shows_its_errors_not_its_warnings():
    messages = [
        "PDF text: 0 files, 0 pages, all from the cache",
        "warning: publications/old.pdf: no record names this PDF; describe it or remove it",
        "2 error(s) in the content; nothing was published:",
        "  content/publications/a.en.md:5: type: 'research' is not known",
        "  content/publications/b.en.md:4: date: missing; add a line such as 'date: 2023-05-10'",
    ]
    assert errors_of(messages) == [
        "2 error(s) in the content; nothing was published:",
        "content/publications/a.en.md:5: type: 'research' is not known",
        "content/publications/b.en.md:4: date: missing; add a line such as 'date: 2023-05-10'",
    ]
    # Any other failure (a template's mistake, say) shows the end of what the build said.
    crash = ["Warning: a theme file is missing", *[f"line {n}" for n in range(60)]]
    assert errors_of(crash) == [f"line {n}" for n in range(20, 60)]


def test_the_preview_script_goes_in_the_page_sent_not_the_file():
    page = b"<html><body><p>Text</p></body></html>"
    assert with_script(page) == (
        b'<html><body><p>Text</p><script src="/__preview/reload.js"></script></body></html>'
    )


def test_the_history_the_build_writes_is_no_edit_to_rebuild_for(tmp_path):
    project = make_project(tmp_path)
    history, record = project / "content" / "history.yml", project / "content" / "x.en.md"
    batches, stop = [], threading.Event()
    watching = threading.Thread(target=watch, args=(project, batches.append, stop))
    watching.start()
    try:
        for _ in range(20):  # until the watch has seen a record saved after the history
            time.sleep(0.5)
            history.with_name(".history.yml.tmp").write_text("versions: {}\n")
            os.replace(history.with_name(".history.yml.tmp"), history)
            record.write_text("---\ntitle: A\n---\n")
            if batches:
                break
    finally:
        stop.set()
        watching.join()
    assert batches and all(batch == ["content/x.en.md"] for batch in batches)

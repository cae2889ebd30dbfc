"""One build of a library: Pelican run in its own process into a staging folder, put in place
of the published site only when it succeeded."""

import json
import subprocess
import sys
import threading
from pathlib import Path

from .lock import project_lock
from .swap import put_in_place, recover, remove, staging_folder

LIBRARY = Path(__file__).resolve().parent.parent  # the library this checkout holds


class BuildError(Exception):
    pass


def build_site(
    output: Path,
    settings: str = "pelicanconf.py",
    project: Path = LIBRARY,
    extra=None,
    messages: list[str] | None = None,
):
    """Build `project` into a fresh folder and put it in place of `output` in one step, only
    when the build succeeded: a failed or stopped build leaves the previous site as it was.
    One build of a project at a time: another one waits. Raises BuildError.
    `extra` settings override those of the settings file. The build's messages (errors and
    warnings) are shown as they come and, when `messages` is a list, also kept there."""
    output = Path(output).absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pelican", "content", "-s", settings]
    if extra:
        command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in extra.items())]
    with project_lock(project) as lock:
        recover(output)
        staging = staging_folder(output)
        try:
            returncode = _run_pelican([*command, "-o", str(staging)], project, lock, messages)
            if returncode != 0 or not (staging / "index.html").is_file():
                raise BuildError(f"Build failed; {output} was left as it was.")
            put_in_place(staging, output)
        finally:
            remove(staging)


def _run_pelican(command: list[str], project: Path, lock: int, messages) -> int:
    """Runs Pelican, passing its output on as it comes, but for its closing line, which
    counts blog articles and pages this site does not have ("Processed 0 articles, ...")."""
    keep = messages is not None
    with subprocess.Popen(
        command,
        cwd=project,
        pass_fds=(lock,),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE if keep else None,
        text=True,
    ) as pelican:
        if keep:
            tee = threading.Thread(target=_tee, args=(pelican.stderr, messages), daemon=True)
            tee.start()
        closing = False
        for line in pelican.stdout:
            closing = closing or line.startswith("Done: Processed ")
            if not closing:
                print(line, end="", flush=True)
        if keep:
            tee.join()
    return pelican.returncode


def _tee(stream, kept: list[str]) -> None:
    for line in stream:
        print(line, end="", file=sys.stderr, flush=True)
        kept.append(line.rstrip("\n"))

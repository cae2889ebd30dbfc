"""The live preview behind `invoke serve`: the built site served on the loopback address, rebuilt
whenever a source file changes, and every open page told to reload (or shown the errors).

The watching is watchfiles' (the operating system's change notifications, batched). A page
follows the build through Server-Sent Events, a part of HTML that needs no library: the server
adds one script to the pages it sends, so the built files stay exactly as a build writes them.
"""

import http.server
import json
import threading
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import watchfiles
from watchfiles import Change

EVENTS = "/__preview/events"
SCRIPT = "/__preview/reload.js"
SCRIPT_FILE = Path(__file__).with_name("preview.js")
STILL_HERE = 15  # seconds between keep-alive comments on an idle event stream
# What the build reads: a change anywhere else (output/, cache/) is the build's own writing.
SOURCES = ("content", "publications", "theme", "plugins", "pelicanconf.py")
CONTENT_ERRORS = "error(s) in the content"  # the headline of the publications plugin's list
MAX_LINES = 40  # of other failures' messages (a traceback's end says the most)
FAILED_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    "<title>The library did not build</title></head><body></body></html>"
)


class BuildState:
    """What the open pages follow: how many builds have succeeded, and the errors of the last
    one when it failed."""

    def __init__(self):
        self.generation = 0
        self.errors: list[str] = []
        self._changed = threading.Condition()

    def built(self) -> None:
        with self._changed:
            self.generation += 1
            self.errors = []
            self._changed.notify_all()

    def failed(self, errors: list[str]) -> None:
        with self._changed:
            self.errors = errors
            self._changed.notify_all()

    def now(self) -> dict:
        return {"generation": self.generation, "errors": self.errors}

    def next_after(self, seen: dict | None, timeout: float) -> dict:
        """The state once it differs from `seen`, or as it is after `timeout` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self.now() != seen, timeout)
            return self.now()


def handler_for(site: Path, state: BuildState):
    """A request handler serving `site` with the preview's script added to each page."""

    class PreviewHandler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site), **kwargs)

        def do_GET(self):
            path = unquote(urlsplit(self.path).path)
            if path == EVENTS:
                return self.send_events()
            if path == SCRIPT:
                return self.send_bytes(SCRIPT_FILE.read_bytes(), "text/javascript")
            file = Path(self.translate_path(self.path))
            if path.endswith("/"):
                file = file / "index.html"
            if file.suffix != ".html":
                return super().do_GET()
            if file.is_file():
                return self.send_bytes(with_script(file.read_bytes()), "text/html; charset=utf-8")
            if state.errors:  # the build that would have written this page failed
                return self.send_bytes(with_script(FAILED_PAGE.encode()), "text/html", 503)
            return super().do_GET()

        def send_bytes(self, body: bytes, kind: str, status: int = 200) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def send_events(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            seen = None
            try:
                while True:
                    now = state.next_after(seen, STILL_HERE)
                    message = f"data: {json.dumps(now)}\n\n" if now != seen else ": still here\n\n"
                    self.wfile.write(message.encode())
                    self.wfile.flush()
                    seen = now
            except (BrokenPipeError, ConnectionResetError):
                return  # the page was closed or reloaded

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")  # a reload shows the newest build
            super().end_headers()

        def log_request(self, code="-", size="-"):
            if str(code)[0] in "45" and str(code) != "503":
                super().log_request(code, size)

    return PreviewHandler


def with_script(page: bytes) -> bytes:
    tag = f'<script src="{SCRIPT}"></script>'.encode()
    end = page.rfind(b"</body>")
    return page[:end] + tag + page[end:] if end >= 0 else page + tag


def errors_of(messages: list[str]) -> list[str]:
    """What a page shows of a failed build's messages: its errors, not its warnings."""
    for number, line in enumerate(messages):
        if CONTENT_ERRORS in line:
            return [line, *(text.strip() for text in messages[number + 1 :] if text[:2] == "  ")]
    shown = [line for line in messages if line.strip() and not line.lower().startswith("warning")]
    return shown[-MAX_LINES:]


def watch(project: Path, rebuild: Callable[[list[str]], None], stop=None) -> None:
    """Calls `rebuild(changed paths)` after each batch of changes to the library's sources,
    until Ctrl-C (or `stop` is set)."""
    paths = [project / name for name in SOURCES if (project / name).exists()]
    history = (project / "content" / "history.yml").resolve()
    default = watchfiles.DefaultFilter()

    def edited(change: Change, path: str) -> bool:
        # The build writes the library's history itself: its writes are no edit to rebuild for.
        return default(change, path) and Path(path).resolve() not in {
            history,
            history.with_name(f".{history.name}.tmp"),
        }

    for changes in watchfiles.watch(
        *paths, watch_filter=edited, stop_event=stop, raise_interrupt=False
    ):
        # An editor's save may pass through a temporary file, created and gone at once.
        added = {path for change, path in changes if change == Change.added}
        gone = {path for path in added if not Path(path).exists()}
        changed = {path for _, path in changes} - gone
        if changed:
            rebuild(sorted(_shown(Path(path), project) for path in changed))


def _shown(path: Path, project: Path) -> str:
    try:
        return path.relative_to(project.resolve()).as_posix()
    except ValueError:
        return path.as_posix()

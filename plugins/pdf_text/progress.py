"""Progress of the extraction: a bar on a terminal (tqdm), plain lines in a log."""

import time

from tqdm import tqdm

LOG_EVERY = 10  # seconds between plain lines


class Progress:
    def __init__(self, files: int, stream):
        self.files, self.stream = files, stream
        self.done = self.pages = 0
        self.started = self.last_line = time.monotonic()
        self.bar = None
        if stream.isatty():
            self.bar = tqdm(total=files, unit="file", desc="PDF text", file=stream, leave=False)

    def advance(self, pages: int) -> None:
        self.done += 1
        self.pages += pages
        if self.bar:
            self.bar.set_postfix(pages=self.pages, refresh=False)
            self.bar.update(1)
        elif time.monotonic() - self.last_line >= LOG_EVERY or self.done == self.files:
            self.last_line = time.monotonic()
            print(self._line(), file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar:
            self.bar.close()

    def _line(self) -> str:
        elapsed = time.monotonic() - self.started
        left = elapsed / self.done * (self.files - self.done)
        return (
            f"PDF text: {self.done}/{self.files} files, {self.pages} pages, "
            f"{elapsed:.0f} s elapsed, about {left:.0f} s left"
        )

"""One build of a library at a time.

The lock is an advisory lock (flock) on a file in the library's folder. The build's Pelican
process inherits it, so a build stopped half-way (Ctrl-C, a killed `invoke`) holds the library
until its last process is gone, and no two processes ever write the caches at once. The file
names the process that took it, for the message of the build that waits.
"""

import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".build.lock"


@contextmanager
def project_lock(project: Path) -> Iterator[int]:
    """Holds the library's lock, waiting for another build to finish if need be. Yields the
    lock file's descriptor, for the processes of the build to inherit."""
    with open(Path(project) / LOCK_FILE, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            print(
                f"Another build of this library is running (pid {holder}); "
                "waiting for it to finish.",
                file=sys.stderr,
            )
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.truncate(0)
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield handle.fileno()

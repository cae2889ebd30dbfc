"""The new site takes the place of the old one in one step.

Where the system can (Linux's renameat2 with RENAME_EXCHANGE, on the usual file systems), the
staging folder and `output/` trade places atomically: `output/` is at every moment either the
whole old site or the whole new one. Elsewhere the old site is first renamed aside, and a build
stopped between the two renames is repaired by the next one (`recover`), which also removes
the folders that stopped builds left behind.
"""

import ctypes
import errno
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def staging_folder(output: Path) -> Path:
    """A new, empty folder beside `output`, readable as the user's files are (mkdtemp makes
    it private), for a build to write into."""
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-build-", dir=output.parent))
    staging.chmod(0o777 & ~_umask())
    return staging


def recover(output: Path) -> None:
    """Puts back the site a stopped build left aside, and removes what stopped builds left."""
    aside = sorted(output.parent.glob(f".{output.name}-previous-*"), key=os.path.getmtime)
    if aside and not output.exists():
        aside[-1].rename(output)
    for left in output.parent.glob(f".{output.name}-*"):
        remove(left)


def put_in_place(staging: Path, output: Path) -> None:
    """Makes `staging` the site at `output`; the old site is removed."""
    if output.exists() and _exchange(staging, output):
        remove(staging)  # now the old site
        return
    aside = None
    if output.exists():
        # A name of its own: an old site that could not be removed may still hold another.
        aside = Path(tempfile.mkdtemp(prefix=f".{output.name}-previous-", dir=output.parent))
        output.replace(aside)
    staging.rename(output)
    if aside:
        remove(aside)


def remove(folder: Path) -> None:
    """Removes a folder, read-only parts included; a folder that can't go is reported, and a
    later build tries again."""
    if not folder.exists() and not folder.is_symlink():
        return

    def writable(function, path, excinfo):
        parent = os.path.dirname(path)
        os.chmod(parent, os.stat(parent).st_mode | stat.S_IRWXU)
        function(path)

    try:
        shutil.rmtree(folder, onerror=writable)
    except OSError as exc:
        print(f"warning: could not remove {folder}: {exc.strerror}", file=sys.stderr)


def _exchange(a: Path, b: Path) -> bool:
    """Swaps two paths atomically; False where the system can't."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

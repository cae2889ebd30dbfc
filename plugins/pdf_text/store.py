"""Where the PDF steps' caches keep their entries: a folder, or any store fsspec reaches.

`CACHE_STORE` names a store that several machines share (a mounted folder, `s3://bucket/path`
with s3fs installed, ...); without it, each cache keeps its entries in its own local folder.
Entries are content-addressed, so two builds writing one entry write the same bytes, and each
write is atomic: in a folder, a temporary file renamed into place (a rename replaces a file in
one step); elsewhere, one put of the whole object (an object store's put is atomic: a reader
sees the old object or the new one, never a part). A store that is neither (FTP, SFTP) is not
safe for builds that run at the same time.
"""

import os
import tempfile
from pathlib import Path

import fsspec
from fsspec.implementations.local import LocalFileSystem


class Store:
    def __init__(self, address: str | Path):
        self.fs, self.root = fsspec.core.url_to_fs(str(address))
        self.address = str(address)

    def child(self, *names: str) -> "Store":
        return Store(self._url("/".join(names)))

    def local_path(self, key: str) -> Path | None:
        """The entry's path, where the store is a folder of this machine."""
        return Path(self._path(key)) if self.is_local else None

    @property
    def is_local(self) -> bool:
        return isinstance(self.fs, LocalFileSystem)

    def read(self, key: str) -> bytes | None:
        """The entry's bytes, or None where it is absent or can't be read."""
        try:
            return self.fs.cat_file(self._path(key))
        except (OSError, ValueError):  # absent, unreadable, or an address the store refuses
            return None

    def write(self, key: str, data: bytes) -> None:
        path = self._path(key)
        if not self.is_local:
            self.fs.pipe_file(path, data)
            return
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=Path(path).parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def name(self, key: str) -> str:
        """The entry as a person finds it: a path, or the store's address."""
        return self._path(key) if self.is_local else self._url(key)

    def _path(self, key: str) -> str:
        return f"{self.root.rstrip('/')}/{key}"

    def _url(self, key: str) -> str:
        return f"{self.address.rstrip('/')}/{key}"


def cache_store(shared: str, name: str, local: str | Path) -> Store:
    """Where a cache keeps its entries: `name` in the shared store (CACHE_STORE) when there is
    one, else its local folder."""
    return Store(shared).child(name) if shared else Store(local)

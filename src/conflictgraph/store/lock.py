"""File locks of the store: one writer at a time, and readers that pin the generation they read.

Locks are ``flock`` locks, so the kernel drops them when a process dies, even by ``kill -9``:
a crashed writer never leaves the store locked.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from types import TracebackType

from conflictgraph.errors import StoreError, StoreLockedError

__all__ = ["FileLock"]


class FileLock:
    """An exclusive (writer) or shared (reader) ``flock`` on one file, taken without waiting."""

    def __init__(self, path: Path, *, shared: bool = False) -> None:
        self.path = Path(path)
        self.shared = shared
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock if nobody holds it in a conflicting mode; False if somebody does."""
        if self._fd is not None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open lock file ({exc.strerror})") from exc
        mode = fcntl.LOCK_SH if self.shared else fcntl.LOCK_EX
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        if not self.shared:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
        return True

    def release(self) -> None:
        """Drop the lock (the lock file stays, so that the next holder locks the same file)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    def holder(self) -> str:
        """The pid the current writer wrote into the lock file, when known."""
        try:
            return self.path.read_text(encoding="ascii").strip() or "unknown"
        except (OSError, UnicodeDecodeError):
            return "unknown"

    def __enter__(self) -> FileLock:
        if not self.acquire():
            raise StoreLockedError(
                f"{self.path.parent}: another process (pid {self.holder()}) is writing this "
                "store; one writer at a time: try again when it has finished"
            )
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    def __del__(self) -> None:
        self.release()

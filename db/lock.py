"""One writer per database: an advisory lock file next to it.

`flock` is released by the kernel when the holder dies (even by kill -9), so a lock
that cannot be taken always means a live build, and a `running` run found while
holding the lock is one whose process died.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class BuildLocked(Exception):
    """Another build holds the database; one line for the user."""


class LockUnavailable(BuildLocked):
    """The lock file cannot be created (read-only folder); one line for the user."""


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + "-lock")


@contextmanager
def exclusive_build(db_path: Path | None) -> Iterator[None]:
    """Hold the database's build lock for the duration; refuse at once if it is taken."""
    if db_path is None:  # an in-memory database has no other writer
        yield
        return
    path = lock_path(db_path)
    try:
        handle = open(path, "a+")
    except OSError as exc:  # a read-only or vanished folder: one line, not a traceback
        raise LockUnavailable(
            f"{db_path}: cannot create the build lock {path.name} ({exc.strerror}); "
            "a build needs to write there"
        ) from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise BuildLocked(
                f"{db_path}: another build is writing this database (pid {holder}); "
                "wait for it to finish or stop it"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the lock

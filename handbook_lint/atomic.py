"""Writing files so that a crash never leaves a half-written file behind."""

from __future__ import annotations

import os
import re
from pathlib import Path

#: Temporary files end so, named `.TARGET.HOST-PID.handbook-lint.tmp` after the process writing them.
_SUFFIX = ".handbook-lint.tmp"


def write_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write `text` to a temporary file beside `path`, then rename it over `path`.

    A process killed mid-write leaves its temporary file behind; the next write beside the
    same target removes it, once the process that wrote it is known to be gone.
    """
    target = Path(path)
    folder = target.parent
    _remove_abandoned(folder, target.name)
    temporary = folder / f".{target.name}.{_writer()}{_SUFFIX}"
    temporary.unlink(missing_ok=True)  # this process's own, from a write that failed before
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _writer() -> str:
    return f"{_host()}-{os.getpid()}"


def _host() -> str:
    return os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")


def _remove_abandoned(folder: Path, name: str) -> None:
    """Remove temporary files left beside `name` by killed processes of this host."""
    if os.name != "posix":  # liveness is asked with signal 0, which only POSIX leaves harmless
        return
    pattern = re.compile(rf"\.{re.escape(name)}\.(?P<host>.+)-(?P<pid>\d+){re.escape(_SUFFIX)}")
    host = _host()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        if found and found["host"] == host and not _alive(int(found["pid"])):
            Path(entry.path).unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True

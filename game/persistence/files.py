"""Atomic file writes: a crash mid-write leaves the previous file intact.

A write that fails (full disk, read-only folder, no permission...) raises `WriteError`: an
`InterdictError` whose message says what happened and what to do, and also an `OSError`
(with the original `errno`) for callers that handle file errors themselves. The file that was
there before is untouched and no temporary file is left behind."""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from game.core.errors import InterdictError


class WriteError(InterdictError, OSError):
    """A file could not be written; nothing was overwritten."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.errno = code


_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_NO_PERMISSION = {errno.EACCES, errno.EPERM}


def write_error(target: Path, exc: OSError) -> WriteError:
    """The readable form of an OSError met while writing `target`."""
    folder = target.parent
    existed = _holds(target.is_file)
    kept = ("the previous file is unchanged" if existed else "no file was written")
    code = exc.errno
    if code in _NO_SPACE:
        what = (f"the disk is full (or your quota is used up), so {kept}. Free some space "
                "or write to another folder")
    elif code == errno.EROFS:
        what = (f"the folder {folder} is on a read-only disk, so {kept}. Write to another "
                "folder")
    elif code in _NO_PERMISSION:
        what = (f"you have no permission to write in {folder}, so {kept}. Write to another "
                "folder, or ask for write access")
    elif code == errno.ENAMETOOLONG:
        what = f"the file name is too long for the disk, so {kept}. Choose a shorter name"
    elif code in (errno.ENOTDIR, errno.EEXIST) or (_holds(folder.exists)
                                                    and not _holds(folder.is_dir)):
        what = f"{_first_file(folder)} is a file, not a folder. Choose another path"
    elif code == errno.EISDIR or _holds(target.is_dir):
        what = "this is a folder; name a file inside it"
    else:
        what = f"{exc.strerror or exc}, so {kept}. Write to another folder"
    return WriteError(f"cannot write {target}: {what}.", code)


def _holds(test) -> bool:
    """`test()` (a Path check), False when the check itself fails (a name too long to look
    up, a loop of links): writing a message about an error must not raise another."""
    try:
        return bool(test())
    except OSError:
        return False


def _first_file(folder: Path) -> Path:
    """The part of `folder` that exists but is a file (why the folder cannot be made)."""
    for parent in [*reversed(folder.parents), folder]:
        if _holds(parent.exists) and not _holds(parent.is_dir):
            return parent
    return folder


class NameTaken(Exception):
    """`write_bytes_atomic(..., new_only=True)`: another file took the name first."""


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes, *,
                       new_only: bool = False) -> Path:
    """Write to a temporary file in the same folder, flush, fsync, then rename over `path`.

    `new_only=True` never replaces a file: if `path` exists by the time the data is safely
    on disk (another program took the name meanwhile), `NameTaken` is raised and nothing is
    changed, so the caller can pick another name.
    Raises `WriteError` (an InterdictError and an OSError) when the file cannot be written."""
    target = Path(path)
    try:
        _write_bytes_atomic(target, data, new_only)
        return target
    except WriteError:
        raise
    except OSError as exc:
        raise write_error(target, exc) from None


def write_target(path: Path) -> Path | None:
    """Where a write to `path` lands: None for a terminal, pipe or device (`--out
    /dev/stdout`), written into as it is: there is no file to keep, and a rename would put
    a file in its place; through a symlink, the file the link names (even a new one: the
    link is kept); else `path` itself."""
    try:
        mode = os.stat(path).st_mode  # (follows links)
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return None
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _write_bytes_atomic(target: Path, data: bytes, new_only: bool = False) -> None:
    if not new_only:
        real = write_target(target)
        if real is None:
            with open(target, "wb") as fh:
                fh.write(data)
                fh.flush()
            return
        target = real
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    claimed = False
    try:
        _set_mode(fd, target)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if not new_only:
            os.replace(tmp, target)
        elif _link_new(tmp, target):
            _unlink_quietly(tmp)  # the data is under its name; this is only the other link
        else:
            # no hard links on this disk: claim the name (fails if it exists), then rename
            # over the (still empty) claim
            try:
                os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                raise NameTaken(target) from None
            claimed = True
            os.replace(tmp, target)
    except BaseException:
        for leftover in (tmp, target) if claimed else (tmp,):
            _unlink_quietly(leftover)
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS,
             errno.EXDEV}


def _link_new(tmp: str, target: Path) -> bool:
    """Give the written file its name with a hard link: atomic, complete from the first
    instant, and refused if the name exists (even as a broken link). False where the disk
    has no hard links (FAT, some network shares); raises NameTaken if the name is taken."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise NameTaken(target) from None
    except OSError as exc:
        if exc.errno in _NO_LINKS:
            return False
        raise
    return True


def _unlink_quietly(path: str | Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _read_umask() -> int:
    umask = os.umask(0o022)  # read once at import, before any thread starts
    os.umask(umask)
    return umask


_UMASK = _read_umask()


def _set_mode(fd: int, target: Path) -> None:
    """mkstemp makes 0600 files; give the save the mode of the file it replaces, or the
    usual mode for a new file (0666 minus the umask), so others can read a shared save."""
    if not hasattr(os, "fchmod"):
        return
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        mode = 0o666 & ~_UMASK
    try:
        os.fchmod(fd, mode)
    except OSError:
        pass


def write_text_atomic(path: str | os.PathLike[str], text: str, *, new_only: bool = False
                      ) -> Path:
    return write_bytes_atomic(path, text.encode("utf-8"), new_only=new_only)


def write_json_atomic(path: str | os.PathLike[str], obj: Any) -> Path:
    return write_text_atomic(path, json.dumps(obj, indent=2, ensure_ascii=False) + "\n")

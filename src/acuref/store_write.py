"""Writing the TOML store, and any file acuref writes: locked, atomic, and the user's file kept the user's.

- **Comments survive.** :func:`~acuref.store_edit.compose` edits the user's file in place instead of
  replacing it: a reference (or claim) whose data did not change is copied byte for byte with its
  comments; a changed one keeps its header line, the comments above and beside each field, and every
  unchanged field's text; only changed fields are rewritten. tomlkit reads the file as a document that keeps comments and
  layout; tomli-w stays the formatter of new and changed values, because it defines the canonical
  layout every existing store was written in (one name per line in ``author``), which tomlkit's own
  output does not follow. A store without comments is therefore written exactly as :func:`dumps`
  writes it (canonical order, a save without changes is byte-identical). What is written is always
  read back and compared with the store meant: if the in-place edit could not reproduce it (a file
  shape the splitter does not know), the canonical text is written instead.
- **Links are followed.** A symlinked store is written through the link: the real file is replaced,
  the link stays.
- **Read-only means read-only.** A file without write permission, or in a folder without it, is
  refused (:class:`~acuref.errors.ReadOnlyError`, exit 6) before anything is written; the mode bits
  decide, so even root does not overwrite a file its owner made read-only.
- **No litter.** Temporary files are named ``.NAME.PID.RANDOM.tmp``; each write removes those a killed
  writer left (its process is gone, or, under the store's lock, any).
- **Atomic and locked.** Temporary file in the same folder, fsync, rename, fsync of the folder; the
  store's writers are serialised by ``NAME.lock`` beside the real file (filelock).

The names here are also importable from :mod:`acuref.store`.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Mapping

from .errors import ReadOnlyError, StoreWriteError

if TYPE_CHECKING:
    from .model import Reference, Store

HEADER = ("# acuref reference store: one [references.KEY] table per work, CSL variable names.\n"
          "# Schema and vocabularies: README.md, section \"The store\".\n")
LOCK_TIMEOUT = 10.0


# --- text -----------------------------------------------------------------------------


def dumps(store: Store) -> str:
    """Canonical TOML text of the store: the same store always gives the same bytes."""
    import tomli_w

    from .store import to_toml_data

    return HEADER + "\n" + tomli_w.dumps(to_toml_data(store), indent=2)


def dumps_reference(ref: Reference) -> str:
    """One reference as the TOML table the store holds for it."""
    import tomli_w

    from .model import Store
    from .store import to_toml_data

    table = to_toml_data(Store(references={ref.key: ref}))["references"]
    return tomli_w.dumps({"references": table}, indent=2)


from .store_edit import compose  # noqa: E402  (the in-place edit of the user's text)


# --- files ----------------------------------------------------------------------------


def real_path(path: str | os.PathLike) -> Path:
    """The file a write to ``path`` must replace: the target of a symlink (followed to the end), else ``path``."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def check_writable(path: str | os.PathLike) -> Path:
    """The real file to write for ``path``; raise :class:`ReadOnlyError` naming it when it or its folder is read-only.

    Read-only means no write permission bit (or no access for this user): root is refused too.
    """
    shown = Path(path)
    target = real_path(shown)
    via = f" (the target of the link {shown})" if target != shown else ""
    if target.exists():
        if target.is_dir():
            raise StoreWriteError(shown, "it is a folder")
        if not (target.stat().st_mode & 0o222) or not os.access(target, os.W_OK):
            raise ReadOnlyError(target, f"the file is read-only{via}; make it writable (chmod u+w) or write elsewhere")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise StoreWriteError(target, f"no such folder: {folder}")
    if not (folder.stat().st_mode & 0o222) or not os.access(folder, os.W_OK | os.X_OK):
        raise ReadOnlyError(target, f"its folder {folder} is read-only{via}")
    return target


def clean_stale_temporaries(target: Path, *, locked_by_us: bool = False) -> list[Path]:
    """Remove the temporary files a killed write to ``target`` left beside it; return them.

    A temporary file belongs to the process whose id it carries: it is stale when that process is
    gone, or when it is over a day old. Under the store's lock every writer of the store is us, so all
    are stale.
    """
    folder = target.parent if str(target.parent) else Path(".")
    prefix = f".{target.name}."
    removed = []
    try:
        names = [n for n in os.listdir(folder) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return removed
    for name in names:
        pid = name[len(prefix):].split(".", 1)[0]
        if not locked_by_us and pid.isdigit() and _alive(int(pid)) and not _older_than_a_day(folder / name):
            continue
        try:
            os.unlink(folder / name)
            removed.append(folder / name)
        except OSError:
            pass
    return removed


def _older_than_a_day(path: Path) -> bool:
    """No write takes a day: such a temporary file is stale whoever made it."""
    import time

    try:
        return time.time() - path.stat().st_mtime > 86_400
    except OSError:
        return False


def _alive(pid: int) -> bool:
    """Whether process ``pid`` may still be writing. On Windows ``os.kill(pid, 0)`` would terminate
    the process, so there a temporary file counts as live unless the store's lock is held or it is old."""
    if pid == os.getpid() or os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


@contextmanager
def locked(path: str | os.PathLike, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the store's lock file (``REALPATH.lock``) so no other acuref writes meanwhile.

    Raises :class:`ReadOnlyError` for a read-only store or folder (before any lock file is made),
    :class:`StoreWriteError` when the lock is not acquired within ``timeout`` seconds.
    """
    from filelock import FileLock, Timeout

    target = check_writable(path)
    lock = FileLock(str(target) + ".lock")
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise StoreWriteError(path, f"another acuref process has held {target}.lock for {timeout:.0f} s") from None
    except OSError as exc:
        raise StoreWriteError(path, f"cannot create the lock file {target}.lock: {exc.strerror or exc}") from None
    try:
        yield
    finally:
        lock.release()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike, text: str | bytes, *, durable: bool = True, locked_by_us: bool = False) -> None:
    """Write ``text`` (or bytes) to ``path`` via a temporary file in the same folder, fsync and rename.

    A symlink is written through (its target is replaced). Raises :class:`ReadOnlyError` for a
    read-only file or folder, :class:`StoreWriteError` for any other failure; nothing is left behind.
    ``durable=False`` skips the fsyncs, for files that may be lost in a crash (caches).
    """
    import tempfile

    target = check_writable(path)
    folder = target.parent if str(target.parent) else Path(".")
    clean_stale_temporaries(target, locked_by_us=locked_by_us)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise StoreWriteError(path, exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:  # mkstemp makes the file private (0600); a new file gets the usual mode, as open() would
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise StoreWriteError(path, exc.strerror or str(exc)) from None
        raise
    if not durable:
        return
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _existing_text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _write_store(path: Path, store: Store, old_text: str | None, old_store: Store | None = None) -> None:
    """Compose, check that it reads back as ``store``, write (the caller holds the lock), remember in the cache.

    If the in-place text does not read back as ``store`` (a file shape the splitter misread), the
    canonical text is written instead; a store that cannot be written readably raises and writes nothing.
    """
    from .errors import InvalidStoreError
    from .store import _remember, loads

    text = compose(store, old_text, old_store)
    canonical = None
    try:
        written = loads(text, str(path))  # never write a store we could not read back
    except InvalidStoreError:
        canonical = dumps(store)
        if text == canonical:
            raise  # the store itself is invalid: nothing is written
        written = None
    if written != store:
        canonical = canonical or dumps(store)
        if text != canonical:
            text = canonical
            written = loads(text, str(path))
    write_atomic(path, text, locked_by_us=True)
    _remember(path, text, written)


def save(store: Store, path: str | os.PathLike) -> None:
    """Validate and write the store atomically, under its lock, keeping the file's comments."""
    from .errors import AcurefError
    from .store import load

    path = Path(path)
    with locked(path):
        old_text = _existing_text(path)
        try:
            old_store = load(path) if old_text else None
        except AcurefError:
            old_store = None  # an invalid file: its pieces are parsed one by one instead
        _write_store(path, store, old_text, old_store)


def update(path: str | os.PathLike, change: Callable[[Store], Store], *,
           renamed: Mapping[str, str] | None = None) -> tuple[Store, Store]:
    """Read-modify-write under the lock: ``change`` sees the latest store. Returns (old, new).

    A missing file counts as an empty store. Nothing is written when ``change``
    raises or returns an equal store; the file's comments are kept, those of a reference
    ``change`` renamed (``renamed``: old key -> new key) included.
    """
    from .store import load

    path = Path(path)
    with locked(path):
        old = load(path, missing_ok=True)
        new = change(old)
        if new != old or not path.exists():
            text = _existing_text(path)
            if renamed and text:
                from .store_edit import rename_tables

                _write_store(path, new, rename_tables(text, renamed))  # its tables no longer match old's keys
            else:
                _write_store(path, new, text, old)
    return old, new

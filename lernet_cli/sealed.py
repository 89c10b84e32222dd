"""Pickles in lernet's cache folders, sealed so that only this user's lernet ever loads one.

Parsing the codebook (and building the rule index from it) costs every `lernet code` a few tenths
of a second; a pickle of the result loads in a fraction of that. But loading a pickle can run
code, and a project folder may come from someone else (a colleague's copy, an archive). So every
pickle is sealed: an HMAC over what it is for (`key`) and its bytes, under a secret kept in this
user's own cache folder (`$LERNET_CACHE_DIR`, else the platform's). A file this user's lernet did
not write, a corrupt or truncated one, or one made for another codebook or another version of
lernet does not carry the right seal and is never unpickled: it is ignored and made again. Without
a private cache folder for the secret nothing is cached. Writing is best effort, in one move
(`write_cache_file`); a cache file can be deleted at any time.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import os
import pickle
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__
from .errors import LernetError
from .userfiles import read_regular, write_cache_file

MAGIC = b"lernet-sealed-1\n"
_SECRET_NAME = "seal.key"
_SECRET_BYTES = 32
_PACKAGE = Path(__file__).resolve().parent


def user_cache_dir() -> Path | None:
    """`$LERNET_CACHE_DIR`, else the platform's cache folder for lernet (the lemmatizer's), found
    without importing platformdirs on Linux and macOS (where it says the same)."""
    if os.environ.get("LERNET_CACHE_DIR"):
        return Path(os.environ["LERNET_CACHE_DIR"])
    try:
        if sys.platform.startswith("linux"):
            xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
            base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
            return base / "lernet"
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / "lernet"
    except (RuntimeError, KeyError):  # no home folder
        return None
    try:
        from platformdirs import user_cache_dir
    except ImportError:
        return None
    return Path(user_cache_dir("lernet"))


def _private(path: Path) -> bool:
    """A file only this user can read and write (always so where there are no owners)."""
    if not hasattr(os, "getuid"):
        return True
    st = path.stat()
    return st.st_uid == os.getuid() and not st.st_mode & 0o077


@lru_cache(maxsize=4)
def _secret(folder: Path | None) -> bytes | None:
    """This user's sealing secret, made the first time (None: no private place to keep one)."""
    if folder is None:
        return None
    path = folder / _SECRET_NAME
    try:
        if not path.exists():
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            tmp = folder / f".{_SECRET_NAME}.{os.getpid()}.tmp"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.write(fd, os.urandom(_SECRET_BYTES))
            finally:
                os.close(fd)
            try:
                os.link(tmp, path)  # never replaces a secret another run made meanwhile
            except FileExistsError:
                pass
            finally:
                tmp.unlink(missing_ok=True)
        if not _private(path):
            return None
        data = read_regular(path, LernetError, _SECRET_BYTES)
    except (OSError, LernetError):
        return None
    return data if len(data) == _SECRET_BYTES else None


def secret() -> bytes | None:
    return _secret(user_cache_dir())


def version_key(modules: Iterable[str], libraries: Iterable[str] = ()) -> str | None:
    """What a cached object depends on besides its input: lernet's version, the source of the
    modules that make it (paths below lernet_cli/, a folder for all its modules), the installed
    files of the libraries they use (by import name: an upgrade rewrites them) and Python's
    version. None when a source cannot be read (nothing is cached then)."""
    from importlib.util import find_spec

    digest = hashlib.sha256(f"{__version__};{sys.version};".encode())
    try:
        for name in modules:
            path = _PACKAGE / name
            files = sorted(path.glob("*.py")) if path.is_dir() else [path]
            for file in files:
                digest.update(f"{file.relative_to(_PACKAGE)}:".encode())
                digest.update(file.read_bytes())
        for library in libraries:
            spec = find_spec(library)
            origin = spec.origin if spec is not None else None
            if origin is None:
                digest.update(f"{library}:-;".encode())
                continue
            st = os.stat(origin)
            digest.update(f"{library}:{origin}:{st.st_size}:{st.st_mtime_ns};".encode())
    except (OSError, ImportError, ValueError):
        return None
    return digest.hexdigest()


def _bytes(key: str) -> bytes:
    """A key as bytes; a path in it may hold bytes that are not UTF-8 (kept as they are)."""
    return key.encode("utf-8", "surrogateescape")


def _seal(secret: bytes, key: str, payload: bytes | memoryview) -> bytes:
    mac = hmac.new(secret, _bytes(key) + b"\0", hashlib.sha256)
    mac.update(payload)
    return mac.digest()


def save(folder: Path, name: str, key: str, value: Any, keep: tuple[str, int]) -> bool:
    """Pickle `value` into folder/name, sealed for `key`; whether it was written (best effort:
    no secret, a value that does not pickle or a folder that cannot be written only cost
    time). `keep` as for `write_cache_file`."""
    secret_ = secret()
    if secret_ is None or not folder.parent.is_dir():
        return False
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError, ValueError):
        return False
    write_cache_file(folder, name, MAGIC + _seal(secret_, key, payload) + payload, keep)
    return (folder / name).is_file()


def load(folder: Path, name: str, key: str, limit: int) -> Any:
    """What `save` pickled into folder/name for `key`; None when there is no such file or it is
    not one this user's lernet sealed for this key (foreign, corrupt, stale)."""
    secret_ = secret()
    if secret_ is None:
        return None
    try:
        raw = read_regular(folder / name, LernetError, limit)
    except LernetError:
        return None
    start = len(MAGIC) + hashlib.sha256().digest_size
    if not raw.startswith(MAGIC) or len(raw) <= start:
        return None
    payload = memoryview(raw)[start:]
    if not hmac.compare_digest(raw[len(MAGIC) : start], _seal(secret_, key, payload)):
        return None
    try:
        with gc_paused():
            return pickle.loads(payload)
    except Exception:  # sealed by us, yet it does not load (a class gone): made again
        return None


def file_name(prefix: str, key: str, suffix: str = ".pickle") -> str:
    """A cache file's name for `key`: one file per input, so that two (two codebooks of one
    project, a codebook and its earlier version) do not push each other out."""
    return f"{prefix}{hashlib.sha256(_bytes(key)).hexdigest()[:24]}{suffix}"


@contextmanager
def gc_paused() -> Iterator[None]:
    """No garbage collection while a large structure that lives on is built or loaded: every
    collection on the way would walk all of it again, and none of it is garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

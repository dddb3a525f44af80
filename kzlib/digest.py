"""Content hashes of files and file sets: what provenance records and caches are keyed by.

One implementation for the report's provenance and incremental rebuild
(:mod:`kzlib.report.fingerprint`) and the corpus-table store
(:mod:`kzlib.pipeline.store`).

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_bytes(b"")
>>> file_sha256(d / "a.txt")[:12]
'e3b0c44298fc'
>>> files_digest(file_tree(d), root=d) == files_digest([d / "a.txt"], root=d)
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

__all__ = ["file_sha256", "file_tree", "files_digest"]


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in 1 MB blocks.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes(b"")
    >>> file_sha256(p)[:12]
    'e3b0c44298fc'
    """
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def files_digest(files: Sequence[Path], *, root: Path) -> str:
    """One SHA-256 over the names (relative to ``root`` where inside it) and bytes of files.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a").write_text("x")
    >>> files_digest([d / "a"], root=d) == files_digest([d / "a"], root=d.parent)
    False
    """
    digest = hashlib.sha256()
    for path in files:
        try:
            name = path.relative_to(root).as_posix()
        except ValueError:
            name = path.as_posix()
        digest.update(f"{name}\0{file_sha256(path)}\n".encode())
    return digest.hexdigest()


def file_tree(folder: Path, *, suffixes: set[str] | None = None) -> list[Path]:
    """Every file under ``folder``, sorted, without hidden parts or ``__pycache__``.

    Examples
    --------
    >>> file_tree(Path("/no/such/folder"))
    []
    """
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") or part == "__pycache__" for part in p.parts)
        and (suffixes is None or p.suffix in suffixes)
    )

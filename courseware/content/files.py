"""Reading content files with problems reported, never raised: shared by the loaders."""

from __future__ import annotations

from pathlib import Path

from authoring.problems import Problems


def rel_path(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def file_read(path: Path, rel: str, problems: Problems) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.add(rel, 1, f"the file is not valid UTF-8 ({exc.reason})")
    except OSError as exc:
        problems.add(rel, 1, f"cannot read the file ({exc.strerror})")
    return None

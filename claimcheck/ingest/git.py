"""The files a change touches, from git: the drafts of `claimcheck check PATH... --changed [REV]`.

Git is run as a program, with what it could run from the repository's own configuration switched off
(external diff drivers, text conversion, a file-system monitor): listing names needs none of them, and a
check of drafts never runs code from the drafts' folders (docs/config.md, "Trust").
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

from claimcheck.ingest.files import SUFFIXES

#: Options that keep git from running anything a repository's config or attributes name.
SAFE = ("-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false", "-c", "core.quotePath=false")

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's id of the tree with nothing in it


class GitError(Exception):
    """git cannot say what changed (not installed, not a repository, no such revision): one line."""


def changed_files(paths: Iterable[str], revision: str = "HEAD") -> list[str]:
    """The files under `paths` with an article's suffix that differ from `revision` in the working tree
    (`git diff --name-only REV`: staged or not), and the untracked files git does not ignore: a draft not
    yet added is a draft too. Deleted files are not listed. Real paths, sorted."""
    found: set[str] = set()
    for top in sorted({_top_level(p) for p in paths}):
        listed = _git(top, "diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", "--no-textconv",
                      "--diff-filter=d", _verify(top, revision), "--")
        listed += _git(top, "ls-files", "--others", "--exclude-standard", "-z")
        for name in listed.split("\0"):
            if name and Path(name).suffix.lower() in SUFFIXES:
                found.add(os.path.realpath(os.path.join(top, name)))
    return sorted(found)


def _top_level(path: str) -> str:
    """The working tree `path` is in (its folder's, for a file)."""
    if path == "-":
        raise GitError("--changed: standard input (-) is not in a git repository; name folders or files")
    where = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(where):
        raise GitError(f"--changed: {path}: no such file or directory")
    try:
        return _git(where, "rev-parse", "--show-toplevel").strip()
    except GitError:
        raise GitError(f"--changed: {path} is not in a git repository (git diff lists the changed files)") from None


def _verify(top: str, revision: str) -> str:
    """`revision` as git diff takes it; HEAD in a repository with no commit yet is the empty tree (every file
    is new)."""
    if revision.startswith("-"):
        raise GitError(f"--changed: {revision!r} is not a revision")
    try:
        _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    except GitError:
        if revision == "HEAD" and not _git(top, "rev-list", "-n", "1", "--all").strip():
            return EMPTY_TREE
        raise GitError(f"--changed: {revision!r} is not a revision of the repository at {top}") from None
    return revision


def _git(where: str, *args: str) -> str:
    try:
        proc = subprocess.run(["git", *SAFE, "-C", where, *args], capture_output=True, stdin=subprocess.DEVNULL,
                              timeout=120)
    except FileNotFoundError:
        raise GitError("--changed needs git, and git is not installed (not found on PATH)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"--changed: git took longer than 120 s in {where}") from None
    if proc.returncode != 0:
        message = " ".join(proc.stderr.decode("utf-8", "replace").split())[:300]
        raise GitError(f"--changed: git {args[0]} failed in {where}: {message or f'exit status {proc.returncode}'}")
    return os.fsdecode(proc.stdout)

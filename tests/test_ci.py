"""The CI set-ups: the pre-commit hook (run for real on a temporary repository) and the GitHub Action."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from conftest import REPO, article, command_env

HOOKS = REPO / ".pre-commit-hooks.yaml"
ACTION = REPO / "action.yml"
LEDGER = "Acme Robotics raised €40 million in a Series B round led by Balderton."
HERALD = "Acme Robotics raised €60 million in a Series B round led by Balderton."


def test_the_pre_commit_hook_is_a_valid_manifest():
    pytest.importorskip("pre_commit")
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(HOOKS))
    assert (hook["id"], hook["language"], hook["entry"], hook["pass_filenames"]) == (
        "claimcheck", "python", "claimcheck check", True)
    assert hook["require_serial"]  # one run sees every file a commit touches: conflicts across them are found
    files = re.compile(hook["files"])
    for name in ("a.md", "b.markdown", "c.txt", "d.html", "e.htm", "drafts/F.MD"):
        assert files.search(name), name
    for name in ("a.py", "b.mdx", "c.html.orig", "md"):
        assert not files.search(name), name


def _hook_repository(where: Path) -> str:
    """This checkout's package, as a git repository a pre-commit config can point at; its commit id."""
    where.mkdir()
    for name in ("claimcheck", "rules"):
        shutil.copytree(REPO / name, where / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(REPO / name, where / name)
    _git(where, "init", "-q")
    _git(where, "add", "-A")
    _git(where, "commit", "-q", "-m", "hook")
    return _git(where, "rev-parse", "HEAD").strip()


def _git(cwd: Path, *args: str, env: dict[str, str] | None = None, check: bool = True) -> str:
    run = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env or _git_env(cwd),
                         timeout=600)
    if check and run.returncode:
        raise AssertionError(f"git {' '.join(args)} -> {run.returncode}\n{run.stdout}\n{run.stderr}")
    return run.stdout + run.stderr


def _git_env(home: Path) -> dict[str, str]:
    env = command_env()
    env.update(GIT_AUTHOR_NAME="Editor", GIT_AUTHOR_EMAIL="editor@example.com", GIT_COMMITTER_NAME="Editor",
               GIT_COMMITTER_EMAIL="editor@example.com", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    return env


def _offline_env(tmp_path: Path) -> dict[str, str]:
    """pre-commit installs the hook's package with pip into an environment of its own. Offline, pip may not
    fetch anything: the package is built with the setuptools this interpreter has (no build isolation), its
    dependencies are not installed (no deps), and the hook finds them on PYTHONPATH, from this interpreter's
    site-packages. Everything else is pre-commit's own: the manifest, the install, the file filter, the
    file names passed, the exit status that stops the commit."""
    env = _git_env(tmp_path)
    env.update(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        VIRTUALENV_OVERRIDE_APP_DATA=str(tmp_path / "virtualenv-data"),
        PIP_NO_INDEX="1", PIP_NO_DEPS="1", PIP_NO_BUILD_ISOLATION="0", PIP_DISABLE_PIP_VERSION_CHECK="1",
        PYTHONPATH=sysconfig.get_paths()["purelib"],
    )
    return env


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_runs_the_hook_on_the_files_a_commit_touches(tmp_path):
    pytest.importorskip("pre_commit")
    rev = _hook_repository(tmp_path / "hook")
    repo = tmp_path / "newsroom"
    repo.mkdir()
    env = _offline_env(tmp_path)
    _git(repo, "init", "-q", env=env)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {tmp_path / 'hook'}\n  rev: {rev}\n  hooks:\n  - id: claimcheck\n", encoding="utf-8")
    (repo / "ledger.md").write_text(article(LEDGER, date="2025-03-04"), encoding="utf-8")
    (repo / "herald.md").write_text(article(HERALD, date="2025-03-05"), encoding="utf-8")
    (repo / "notes.py").write_text("# Acme Robotics raised €70 million in a Series B round.\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, check=True,
                   capture_output=True, timeout=120)
    _git(repo, "add", "-A", env=env)
    refused = subprocess.run(["git", "commit", "-m", "two reports"], cwd=repo, env=env, capture_output=True,
                             text=True, timeout=600)
    out = refused.stdout + refused.stderr
    assert refused.returncode == 1 and "claimcheck" in out and "Failed" in out, out
    assert "cross-source-conflict" in out and "herald.md" in out and "ledger.md" in out, out
    assert "€70 million" not in out  # notes.py is not an article: not passed to the hook
    (repo / "ledger.md").write_text(article(
        "<!-- claimcheck-disable-next-line cross-source-conflict -- the Herald counts the debt -->\n" + LEDGER,
        date="2025-03-04"), encoding="utf-8")
    _git(repo, "add", "-A", env=env)
    accepted = subprocess.run(["git", "commit", "-m", "two reports, one explained"], cwd=repo, env=env,
                              capture_output=True, text=True, timeout=600)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert re.search(r"claimcheck\.+Passed", accepted.stdout + accepted.stderr)


# ------------------------------------------------------------------ the GitHub Action


def _action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def test_the_action_is_composite_with_the_documented_inputs():
    action = _action()
    assert {"paths", "against", "baseline", "fail-level", "sarif"} <= set(action["inputs"])
    for name, spec in action["inputs"].items():
        assert spec.get("description"), name
    assert action["inputs"]["fail-level"]["default"] == "error"
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    for step in steps:
        assert ("uses" in step) != ("run" in step), step
        if "run" in step:
            assert step["shell"] == "bash"
            # inputs reach scripts as environment variables only: a path in an input never becomes code
            assert "${{" not in step["run"], step["name"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif }}"
    check = next(s for s in steps if s.get("id") == "check")
    assert "--format sarif" in check["run"] and "--format github" in check["run"]
    assert steps.index(check) < steps.index(upload) < len(steps) - 1  # upload even when the check failed
    assert action["outputs"]["exit-code"]["value"] == "${{ steps.check.outputs.exit-code }}"


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("statuses, expected", [((0, 0), 0), ((1, 1), 1), ((2, 2), 2), ((1, 2), 2), ((0, 2), 2)])
def test_the_action_check_step_passes_inputs_and_keeps_the_status(tmp_path, statuses, expected):
    """The check step's script, run as the runner runs it (bash -e), with a stand-in claimcheck that records
    its arguments."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stub = bin_dir / "claimcheck"
    stub.write_text(
        "#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"$CALLS\"\n"
        "n=$(wc -l < \"$CALLS\")\nif [ \"$n\" -eq 1 ]; then exit $FIRST; fi\n"
        "case \"$*\" in *--output*) echo '{}' > claimcheck.sarif;; esac\nexit $SECOND\n", encoding="utf-8")
    stub.chmod(0o755)
    check = next(s for s in _action()["runs"]["steps"] if s.get("id") == "check")
    script = tmp_path / "check.sh"
    script.write_text(check["run"], encoding="utf-8")
    env = {**command_env(), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "CALLS": str(tmp_path / "calls"),
           "FIRST": str(statuses[0]), "SECOND": str(statuses[1]), "GITHUB_OUTPUT": str(tmp_path / "output"),
           "INPUT_PATHS": "drafts/a.md\ndrafts/b b.md", "INPUT_AGAINST": "published/ archive/",
           "INPUT_BASELINE": "claimcheck-baseline.json", "INPUT_FAIL_LEVEL": "warning",
           "INPUT_SARIF": "claimcheck.sarif"}
    (tmp_path / "drafts").mkdir()
    run = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr  # the status is the last step's to report, after the upload
    calls = (tmp_path / "calls").read_text(encoding="utf-8").splitlines()
    common = ("check --fail-level warning --baseline=claimcheck-baseline.json --against=published/ "
              "--against=archive/")
    assert calls[0] == f"{common} --format github -- drafts/a.md drafts/b b.md"
    assert calls[1] == f"{common} --format sarif --output claimcheck.sarif -- drafts/a.md drafts/b b.md"
    output = (tmp_path / "output").read_text(encoding="utf-8").splitlines()
    assert output[0] == f"exit-code={expected}" and output[1:] == ["sarif-written=true"]

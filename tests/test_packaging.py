"""The default pack ships inside the wheel (claimcheck/_pack), so an installed claimcheck has its rules."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from conftest import REPO


def test_wheel_carries_the_pack_and_works_installed(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(wheels),
         str(REPO)], check=True, capture_output=True, cwd=tmp_path,
    )
    wheel = next(wheels.glob("claimcheck-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("values.py", "conversions.py", "growth.py", "notes.py", "organisations.toml", "lexicon.toml"):
        assert f"claimcheck/_pack/{name}" in names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    probe = (
        "import claimcheck, claimcheck.pack as p;"
        f"assert claimcheck.__file__.startswith({str(target)!r}), claimcheck.__file__;"
        "assert p.pack_dir().name == '_pack';"
        f"r = claimcheck.check_paths([{str(REPO / 'fixtures' / 'corpus')!r}]);"
        "print(sorted({f.rule for f in r.findings}));"
        "from claimcheck.store.index import index;"  # the claim store is in the wheel too
        f"index('claims.db', [{str(REPO / 'fixtures' / 'corpus')!r}]);"
        f"s = claimcheck.check_paths([{str(REPO / 'fixtures' / 'corpus' / '05-microsoft-stake.md')!r}], store='claims.db');"
        "print('store', len(s.findings), s.reference_documents)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}, check=True).stdout
    assert "cross-source-conflict" in out and "conversion-check" in out
    assert "store 1 7" in out

"""`--format parquet` on extract and check (docs/formats.md): the CSV's rows, as a typed Parquet file."""

from __future__ import annotations

import csv
import datetime as dt
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.cli import main
from claimcheck.report.render import _CSV_FORMULA

ROOT = Path(__file__).resolve().parents[1]
pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install 'claimcheck[parquet]')")


def _as_csv_cell(value) -> str:
    """A value read back from Parquet as csv.DictWriter wrote it in the CSV output."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return value.date().isoformat()
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    text = str(value)
    return "'" + text if isinstance(value, str) and text.startswith(_CSV_FORMULA) else text


@pytest.mark.parametrize("command", ["extract", "check"])
@pytest.mark.parametrize("corpus", ["fixtures/corpus", "fixtures/dev"])
def test_parquet_holds_the_rows_of_the_csv(tmp_path, command, corpus):
    parquet, table = tmp_path / "out.parquet", tmp_path / "out.csv"
    status = main([command, corpus, "--format", "parquet", "-o", str(parquet)])
    assert status == main([command, corpus, "--format", "csv", "-o", str(table)])
    rows = list(csv.DictReader(table.open(encoding="utf-8", newline="")))
    frame = pd.read_parquet(parquet)
    assert rows, "the fixture has claims and findings"
    assert list(frame.columns) == list(rows[0])
    read_back = [{k: _as_csv_cell(v) for k, v in record.items()} for record in frame.astype(object).to_dict("records")]
    assert read_back == rows
    import pyarrow.parquet as pq

    assert pq.read_table(parquet).num_rows == len(rows)
    assert str(frame["period_start"].dtype).startswith("datetime64")


@pytest.mark.parametrize("command", ["extract", "check"])
def test_parquet_without_an_output_file_is_a_usage_error(capsys, command):
    assert main([command, "fixtures/corpus", "--format", "parquet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "-o FILE" in err and "binary" in err


HIDE_PYARROW = """
import sys
class HidePyarrow:
    def find_spec(self, name, path=None, target=None):
        if name == "pyarrow" or name.startswith("pyarrow."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, HidePyarrow())
from claimcheck.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("command", ["extract", "check"])
def test_parquet_without_pyarrow_names_the_extra(tmp_path, command):
    out = tmp_path / "out.parquet"
    proc = subprocess.run([sys.executable, "-c", HIDE_PYARROW, command, "fixtures/corpus", "--format", "parquet",
                           "-o", str(out)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "claimcheck[parquet]" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()


def test_parquet_to_an_unwritable_place_is_one_line(tmp_path, capsys):
    assert main(["extract", "fixtures/corpus", "--format", "parquet", "-o", str(tmp_path / "no" / "x.parquet")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert [e for e in err if "cannot write" in e] and not [e for e in err if "Traceback" in e]

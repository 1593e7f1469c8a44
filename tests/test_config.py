"""Unit tests of claimcheck.config: every setting, where config is found, and every error (docs/config.md)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from claimcheck.config import ConfigError, Settings, find_config, load_settings
from claimcheck.claims.extract import Extractor
from claimcheck.mentions.intervals import IntervalPolicy


def write(folder: Path, text: str, name: str = "claimcheck.toml") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path: Path, text: str) -> Settings:
    return load_settings(write(tmp_path, text))


def fails(tmp_path: Path, text: str, message: str) -> str:
    """The ConfigError for `text`: one line, naming the file, containing `message`."""
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    error = str(info.value)
    assert error.startswith(f"{path}: ") and "\n" not in error, error
    assert message in error, error
    return error


# ------------------------------------------------------------------ defaults


def test_no_config_gives_the_defaults():
    settings = load_settings(None)
    assert settings == Settings()
    assert settings.dates.fiscal_year_start == 1 and settings.dates.date_order == "MDY"
    assert settings.intervals == IntervalPolicy()
    assert settings.max_file_mb == 64.0 and settings.entity_files == () and settings.lexicon == {}
    assert settings.source is None


def test_empty_file_gives_the_defaults_and_remembers_its_source(tmp_path):
    path = write(tmp_path, "")
    settings = load_settings(path)
    assert settings.source == path
    assert settings.intervals == IntervalPolicy() and settings.max_file_mb == 64.0


# ------------------------------------------------------------------ each setting


@pytest.mark.parametrize("month", [1, 4, 12])
def test_fiscal_year_start(tmp_path, month):
    assert load(tmp_path, f"fiscal_year_start = {month}\n").dates.fiscal_year_start == month


@pytest.mark.parametrize("value", ["0", "13", "-1", "4.5", '"4"', "true"])
def test_fiscal_year_start_errors(tmp_path, value):
    fails(tmp_path, f"fiscal_year_start = {value}\n", "fiscal_year_start must be a month number 1-12")


@pytest.mark.parametrize("order", ["MDY", "DMY", "YMD"])
def test_date_order(tmp_path, order):
    assert load(tmp_path, f'date_order = "{order}"\n').dates.date_order == order


@pytest.mark.parametrize("value", ['"dmy"', '"YDM"', '""', "1"])
def test_date_order_errors(tmp_path, value):
    fails(tmp_path, f"date_order = {value}\n", "date_order must be MDY, DMY or YMD")


def test_interval_margins(tmp_path):
    policy = load(tmp_path, "[intervals]\napprox_margin = 0.2\nnear_margin = 0\n").intervals
    assert (policy.approx_margin, policy.near_margin) == (0.2, 0.0)
    assert policy.open_factor == IntervalPolicy().open_factor


@pytest.mark.parametrize("key", ["approx_margin", "near_margin"])
@pytest.mark.parametrize("value", ["1", "1.5", "-0.1", "nan", '"0.1"', "true"])
def test_interval_margin_errors(tmp_path, key, value):
    fails(tmp_path, f"[intervals]\n{key} = {value}\n", f"intervals.{key} must be a number in [0, 1)")


@pytest.mark.parametrize("value, expected, bounds", [
    ("5", 5.0, (7.33e9, 7.43e9)), ("0.5", 0.5, (7.375e9, 7.385e9)),  # never narrower than the written precision
    ('"inf"', math.inf, (6.642e9, 8.118e9)), ("inf", math.inf, (6.642e9, 8.118e9)),  # ±approx_margin
])
def test_approx_units(tmp_path, value, expected, bounds):
    policy = load(tmp_path, f"[intervals]\napprox_units = {value}\n").intervals
    assert policy.approx_units == expected
    about = policy.point(7.38e9, 0.005e9, "NGN", "about")  # "about N7.38 billion"
    assert (about.low, about.high) == pytest.approx(bounds)


@pytest.mark.parametrize("value", ["0", "-1", "nan", '"many"', "true"])
def test_approx_units_errors(tmp_path, value):
    fails(tmp_path, f"[intervals]\napprox_units = {value}\n", "intervals.approx_units must be > 0")


@pytest.mark.parametrize("value, expected", [
    ("1", 1.0), ("2.5", 2.5), ('"inf"', math.inf), ('"infinity"', math.inf), ('"Inf"', math.inf), ("inf", math.inf),
])
def test_open_factor(tmp_path, value, expected):
    assert load(tmp_path, f"[intervals]\nopen_factor = {value}\n").intervals.open_factor == expected


@pytest.mark.parametrize("value", ["0.5", "0", "-inf", "nan", '"big"', "true", "[2]"])
def test_open_factor_errors(tmp_path, value):
    fails(tmp_path, f"[intervals]\nopen_factor = {value}\n", 'intervals.open_factor must be >= 1 or "inf"')


def test_open_factor_inf_leaves_open_bounds_unbounded(tmp_path):
    settings = load(tmp_path, '[intervals]\nopen_factor = "inf"\n')
    (claim,) = Extractor(settings).text_claims("Acme raised over $1 billion.")
    assert claim.value.low == 1e9 and claim.value.high == math.inf


def test_vague_forms(tmp_path):
    vague = load(tmp_path, '[intervals.vague]\nseveral = [3, 7]\n"a few" = [2, 4]\n').intervals.vague
    assert vague["several"] == (3.0, 7.0) and vague["a few"] == (2.0, 4.0)
    assert vague["tens of"] == IntervalPolicy().vague["tens of"], "forms not named keep their default"


@pytest.mark.parametrize("text, message", [
    ("[intervals]\nvague = 3\n", "intervals.vague must be a table"),
    ("[intervals.vague]\nlots = [1, 2]\n", "unknown intervals.vague form 'lots'"),
    ("[intervals.vague]\nseveral = [1]\n", "intervals.vague.several must be [low, high]"),
    ("[intervals.vague]\nseveral = [9, 2]\n", "intervals.vague.several must be [low, high]"),
    ("[intervals.vague]\nseveral = [-1, 2]\n", "intervals.vague.several must be [low, high]"),
    ("[intervals.vague]\nseveral = [1, nan]\n", "intervals.vague.several must be [low, high]"),
    ("[intervals.vague]\nseveral = [1, inf]\n", "intervals.vague.several must be [low, high]"),
    ('[intervals.vague]\nseveral = ["2", "9"]\n', "intervals.vague.several must be [low, high]"),
    ("[intervals.vague]\nseveral = 5\n", "intervals.vague.several must be [low, high]"),
])
def test_vague_errors(tmp_path, text, message):
    fails(tmp_path, text, message)


@pytest.mark.parametrize("text, message", [
    ("intervals = 3\n", "[intervals] must be a table"),
    ("[intervals]\nopen = 2\n", "unknown [intervals] setting(s) open"),
])
def test_intervals_table_errors(tmp_path, text, message):
    fails(tmp_path, text, message)


ENTITIES = '[[entity]]\nname = "Acme Corporation"\naliases = ["Acme", "ACME"]\n\n[not_entities]\nwords = ["Lorem"]\n'


@pytest.mark.parametrize("value", ['"rules/acme.toml"', '["rules/acme.toml"]'])
def test_entities_relative_to_the_config_file(tmp_path, value):
    entities = write(tmp_path, ENTITIES, "rules/acme.toml")
    settings = load(tmp_path, f"entities = {value}\n")
    assert settings.entity_files == (entities.resolve(),)
    (claim,) = Extractor(settings).text_claims("ACME raised $5 million from investors.")
    assert claim.subject == "Acme Corporation"


@pytest.mark.parametrize("entities, message", [
    (None, "entities file 'e.toml' does not exist"),
    ("x = [\n", "entities file 'e.toml': invalid TOML"),
    ('[[entity]]\naliases = ["X"]\n', "entities file 'e.toml': expected [[entity]] tables"),
    ('[[entity]]\nname = "X"\naliases = "X"\n', "entities file 'e.toml': expected [[entity]] tables"),
    ('entity = "X"\n', "entities file 'e.toml': expected [[entity]] tables"),
    ('[not_entities]\nwords = "X"\n', "entities file 'e.toml': expected [[entity]] tables"),
])
def test_entities_file_errors(tmp_path, entities, message):
    if entities is not None:
        write(tmp_path, entities, "e.toml")
    fails(tmp_path, 'entities = "e.toml"\n', message)


@pytest.mark.parametrize("value", ["3", "[1, 2]", '{ a = "x" }'])
def test_entities_setting_errors(tmp_path, value):
    fails(tmp_path, f"entities = {value}\n", "entities must be a path or a list of paths")


def test_lexicon(tmp_path):
    text = ('[lexicon.metrics]\nnet_interest_income = ["net interest income"]\n\n[lexicon.kinds]\n'
            'flow = ["net_interest_income"]\n\n[lexicon.modality]\nrumor = ["whispered"]\n')
    settings = load(tmp_path, text)
    assert settings.lexicon == {"metrics": {"net_interest_income": ["net interest income"]},
                                "kinds": {"flow": ["net_interest_income"]}, "modality": {"rumor": ["whispered"]}}
    (claim,) = Extractor(settings).text_claims("Acme's net interest income reached $5 million.")
    assert (claim.metric, claim.metric_kind) == ("net_interest_income", "flow")  # the longest cue wins


@pytest.mark.parametrize("metrics, sentence, expected", [
    # the pack's tracked metrics keep their cues: "sales" stays revenue
    ('orders = ["sales"]', "Acme's sales reached $5 million in 2024.", "revenue"),
    # a phrase the pack marks as none of the metrics (@none, @flow) can be made one
    ('rpo = ["remaining performance obligations"]', "Acme's remaining performance obligations reached $5 million.",
     "rpo"),
    ('gross_profit = ["gross profit"]', "Acme's gross profit reached $5 million in 2024.", "gross_profit"),
])
def test_lexicon_precedence(tmp_path, metrics, sentence, expected):
    settings = load(tmp_path, f"[lexicon.metrics]\n{metrics}\n")
    (claim,) = Extractor(settings).text_claims(sentence)
    assert claim.metric == expected


@pytest.mark.parametrize("text, message", [
    ("lexicon = 1\n", "lexicon must be tables of cue lists"),
    ("[lexicon]\nmetrics = 1\n", "lexicon must be tables of cue lists"),
    ('[lexicon.metric]\narr = ["x"]\n', "unknown lexicon section 'metric'"),
    ('[lexicon.metrics]\narr = "x"\n', "lexicon.metrics.arr must be a list of non-empty strings"),
    ("[lexicon.metrics]\narr = [1]\n", "lexicon.metrics.arr must be a list of non-empty strings"),
    ('[lexicon.metrics]\narr = [" "]\n', "lexicon.metrics.arr must be a list of non-empty strings"),
    ('[lexicon.modality]\nhope = ["hopes"]\n', "unknown modality 'hope' in [lexicon.modality]"),
    ('[lexicon.kinds]\nstock = ["arr"]\n', "unknown metric kind 'stock' in [lexicon.kinds]"),
])
def test_lexicon_errors(tmp_path, text, message):
    fails(tmp_path, text, message)


@pytest.mark.parametrize("value, expected", [("1", 1.0), ("0.5", 0.5), ("200", 200.0)])
def test_max_file_mb(tmp_path, value, expected):
    assert load(tmp_path, f"max_file_mb = {value}\n").max_file_mb == expected


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", '"10"', "true", "1e13"])
def test_max_file_mb_errors(tmp_path, value):
    fails(tmp_path, f"max_file_mb = {value}\n", "max_file_mb must be a number above 0 and at most 65536")


BUDGET_RANGES = {
    "rule_seconds": "a number of seconds from 0 to 86400", "file_seconds": "a number of seconds from 0 to 86400",
    "run_seconds": "a number of seconds from 0 to 86400", "memory_mb": "a number of MiB from 0 to 1048576",
}


def test_budget_defaults():
    settings = Settings()
    assert (settings.rule_seconds, settings.file_seconds, settings.run_seconds, settings.memory_mb) == (60, 120, 0, 0)


@pytest.mark.parametrize("key", sorted(BUDGET_RANGES))
@pytest.mark.parametrize("value, expected", [("0", 0.0), ("2.5", 2.5), ("30", 30.0), ("86400", 86400.0)])
def test_budgets(tmp_path, key, value, expected):
    assert getattr(load(tmp_path, f"{key} = {value}\n"), key) == expected


@pytest.mark.parametrize("key", sorted(BUDGET_RANGES))
@pytest.mark.parametrize("value", ["-1", "-0.001", "nan", "inf", "-inf", '"5"', "true", "[5]", "1e9", "1e400"])
def test_budget_errors(tmp_path, key, value):
    error = fails(tmp_path, f"{key} = {value}\n", f"{key} must be {BUDGET_RANGES[key]} (0: no limit), got ")
    assert len(error) < 300


def test_a_huge_bad_value_is_not_echoed_back(tmp_path):
    error = fails(tmp_path, f'date_order = "{"x" * 1_000_000}"\n', "date_order must be MDY, DMY or YMD")
    assert len(error) < 300 and "1,000,002 characters" in error


def test_deeply_nested_config_is_a_config_error(tmp_path):
    fails(tmp_path, "x = " + "[" * 50_000 + "]" * 50_000 + "\n", "nested too deeply")


def test_check_settings(tmp_path):
    (tmp_path / "house_rules.py").write_text("", encoding="utf-8")
    settings = load(
        tmp_path,
        'fail_level = "warning"\nselect = ["cross-source-conflict"]\nignore = ["CC901"]\n'
        'rules = ["house_rules.py"]\n[rule.conversion-check]\ntolerance = 0.05\nseverity = "warning"\n',
    )
    assert settings.fail_level == "warning"
    assert settings.select == ("cross-source-conflict",) and settings.ignore == ("CC901",)
    assert settings.rule_paths == ((tmp_path / "house_rules.py").resolve(),)
    assert settings.rule_settings == {"conversion-check": {"tolerance": 0.05, "severity": "warning"}}


@pytest.mark.parametrize("text, message", [
    ('fail_level = "fatal"\n', "fail_level must be error, warning or info"),
    ('rules = ["missing.py"]\n', "rule file or folder 'missing.py' does not exist"),
    ('rules = 3\n', "rules must be a path or a list of paths"),
    ('select = [1]\n', "select must be a list of rule ids"),
    ('[rule]\nconversion-check = 1\n', "[rule.<id>] entries must be tables"),
])
def test_check_setting_errors(tmp_path, text, message):
    fails(tmp_path, text, message)


def test_unknown_setting(tmp_path):
    error = fails(tmp_path, "colour = 1\nfiscal_year = 4\n", "unknown setting(s) colour, fiscal_year")
    assert ("known: date_order, dollar, entities, facts, fail_level, file_seconds, fiscal_year_start, fiscal_years, "
            "ignore, intervals, jobs, lexicon, max_file_mb, memory_mb, rule, rule_seconds, rules, run_seconds, select") in error


# ------------------------------------------------------------------ the file itself


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match=r"missing\.toml: cannot read config: No such file or directory"):
        load_settings(tmp_path / "missing.toml")


def test_a_folder_is_not_a_config(tmp_path):
    with pytest.raises(ConfigError, match=r": cannot read config: "):
        load_settings(tmp_path)


def test_invalid_toml(tmp_path):
    fails(tmp_path, "fiscal_year_start = \n", "invalid TOML: ")


def test_not_utf8(tmp_path):
    path = tmp_path / "claimcheck.toml"
    path.write_bytes(b'date_order = "\xff"\n')
    with pytest.raises(ConfigError, match=r"invalid TOML: not UTF-8 text"):
        load_settings(path)


def test_pyproject_tool_table(tmp_path):
    path = write(tmp_path, '[project]\nname = "x"\n\n[tool.claimcheck]\nfiscal_year_start = 7\n', "pyproject.toml")
    assert load_settings(path).dates.fiscal_year_start == 7


def test_pyproject_without_the_table_gives_the_defaults(tmp_path):
    path = write(tmp_path, '[project]\nname = "x"\n\n[tool.black]\nline-length = 100\n', "pyproject.toml")
    assert load_settings(path).dates == Settings().dates


def test_pyproject_settings_are_checked_like_any_other(tmp_path):
    path = write(tmp_path, "[tool.claimcheck]\ncolour = 1\n", "pyproject.toml")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: unknown setting\(s\) colour"):
        load_settings(path)


@pytest.mark.parametrize("text", ["[tool]\nclaimcheck = 1\n", "tool = 1\n"])
def test_pyproject_table_must_be_a_table(tmp_path, text):
    path = write(tmp_path, text, "pyproject.toml")
    with pytest.raises(ConfigError, match=r"\[tool\.claimcheck\] must be a table"):
        load_settings(path)


# ------------------------------------------------------------------ where config is found


def test_find_config_stops_at_the_repository_root(tmp_path):
    write(tmp_path, "")  # above the project: a shared folder, never read
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / "drafts").mkdir()
    assert find_config(project / "drafts") is None
    inside = write(project, "")
    assert find_config(project / "drafts") == inside


def test_outside_a_repository_only_the_start_folder_counts(tmp_path):
    write(tmp_path, "")
    (tmp_path / "sub").mkdir()
    assert find_config(tmp_path / "sub") is None
    assert find_config(tmp_path) == tmp_path / "claimcheck.toml"


def test_find_config_in_the_start_folder(tmp_path):
    path = write(tmp_path, "")
    assert find_config(tmp_path) == path


def test_find_config_upwards_nearest_first(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path, "")
    nearer = write(tmp_path / "a", "")
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    assert find_config(deep) == nearer


def test_find_config_pyproject_with_table(tmp_path):
    (tmp_path / ".git").mkdir()
    path = write(tmp_path, "[tool.claimcheck]\n", "pyproject.toml")
    (tmp_path / "sub").mkdir()
    assert find_config(tmp_path / "sub") == path


def test_find_config_skips_pyproject_without_table(tmp_path):
    (tmp_path / ".git").mkdir()
    outer = write(tmp_path, "")
    write(tmp_path / "pkg", '[project]\nname = "x"\n', "pyproject.toml")
    write(tmp_path / "broken", "not toml [", "pyproject.toml")
    (tmp_path / "odd").mkdir()
    (tmp_path / "odd" / "pyproject.toml").write_bytes(b"\xff\xfe")
    assert find_config(tmp_path / "pkg") == outer
    assert find_config(tmp_path / "broken") == outer
    assert find_config(tmp_path / "odd") == outer


def test_find_config_prefers_claimcheck_toml_in_the_same_folder(tmp_path):
    write(tmp_path, "[tool.claimcheck]\n", "pyproject.toml")
    path = write(tmp_path, "")
    assert find_config(tmp_path) == path


def test_find_config_nothing_here(tmp_path):
    found = find_config(tmp_path)
    assert found is None or tmp_path not in found.parents


def test_fact_windows(tmp_path):
    settings = load(tmp_path, "[facts]\nlevel_window_days = 10\nround_window_days = 120\n")
    assert (settings.facts.level_days, settings.facts.event_days, settings.facts.round_days) == (10, 7, 120)


@pytest.mark.parametrize("text, message", [
    ("facts = 3\n", "[facts] must be a table"),
    ("[facts]\nlevel_days = 3\n", "unknown [facts] setting(s) level_days"),
    ("[facts]\nlevel_window_days = -1\n", "facts.level_window_days must be a whole number of days"),
    ("[facts]\nevent_window_days = 2.5\n", "facts.event_window_days must be a whole number of days"),
    ("[facts]\nround_window_days = true\n", "facts.round_window_days must be a whole number of days"),
])
def test_fact_window_errors(tmp_path, text, message):
    fails(tmp_path, text, message)


def test_fiscal_years_per_organisation(tmp_path):
    settings = load(tmp_path, '[fiscal_years]\n"Orrin Motors" = 4\n')
    assert settings.fiscal_years == {"Orrin Motors": 4}
    text = "Orrin Motors Ltd reported revenue of ¥4.8 trillion for fiscal 2025, the carmaker said."
    (claim,) = Extractor(settings).text_claims(text, published=dt.date(2025, 5, 9))
    assert (claim.period.start, claim.period.end) == (dt.date(2024, 4, 1), dt.date(2025, 3, 31))
    (plain,) = Extractor().text_claims(text, published=dt.date(2025, 5, 9))
    assert (plain.period.start, plain.period.end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.mark.parametrize("text", ['fiscal_years = 4\n', '[fiscal_years]\nAcme = 13\n', '[fiscal_years]\nAcme = "April"\n'])
def test_fiscal_years_errors(tmp_path, text):
    fails(tmp_path, text, "[fiscal_years] must map organisation names to a month 1-12")

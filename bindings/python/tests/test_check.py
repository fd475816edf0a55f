"""yaral.check: diagnostics as dicts, as `yaral check --format json` prints."""

import yaral
from conftest import REFERENCE_RULE, SMTP_RULE


def test_reference_rule_has_no_errors():
    diagnostics = yaral.check(REFERENCE_RULE.read_text(), REFERENCE_RULE.name)
    assert [d for d in diagnostics if d["severity"] == "error"] == []


def test_unknown_field_is_reported_with_position_and_suggestion():
    text = SMTP_RULE.replace("target.port", "target.prot")
    (d,) = [d for d in yaral.check(text, "x.yaral") if d["severity"] == "error"]
    assert d["code"] == "E200"
    assert d["file"] == "x.yaral"
    assert d["rule"] == "smtp_connection"
    assert (d["line"], d["column"]) == (7, 15)
    assert "port" in (d["help"] or "") + " ".join(d["notes"])
    assert set(d) >= {"code", "severity", "message", "line", "column", "end_line", "end_column"}


def test_syntax_error():
    diagnostics = yaral.check("rule broken {", "broken.yaral")
    assert diagnostics and diagnostics[0]["severity"] == "error"
    assert diagnostics[0]["code"].startswith("E1")


def test_lint_can_be_turned_off_and_selected():
    text = SMTP_RULE  # no author/description meta: lint warnings
    assert any(d["severity"] == "warning" for d in yaral.check(text))
    assert yaral.check(text, lint=False) == []
    codes = {d["code"] for d in yaral.check(text)}
    some = sorted(codes)[0]
    assert some not in {d["code"] for d in yaral.check(text, ignore=[some])}

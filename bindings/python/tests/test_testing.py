"""yaral.testing: the assertion helpers and their failure messages."""

import pytest

from conftest import EVENTS, connection
from yaral.testing import assert_detects, assert_quiet, run


def test_assert_detects_the_reference_scenario(reference_rule):
    (d,) = assert_detects(
        reference_rule,
        EVENTS / "smtp_powershell.ndjson",
        count=1,
        match={"host": "ws-fin-07.corp.example"},
    )
    assert d["match"]["dest_ip"] == "127.0.0.1"


def test_assert_quiet_on_a_mail_client(reference_rule):
    assert_quiet(reference_rule, EVENTS / "outlook.ndjson")


def test_failure_messages_summarise(reference_rule, smtp_rule):
    with pytest.raises(AssertionError, match="expected detections, got none"):
        assert_detects(reference_rule, EVENTS / "outlook.ndjson")
    with pytest.raises(AssertionError, match=r"expected 2 detections.*got 1") as raised:
        assert_detects(reference_rule, EVENTS / "pop3_nc.ndjson", count=2)
    assert "lnx-build-02" in str(raised.value)
    with pytest.raises(AssertionError, match="expected no detections"):
        assert_quiet(smtp_rule, [connection(0)])
    with pytest.raises(AssertionError, match="with match"):
        assert_detects(reference_rule, EVENTS / "pop3_nc.ndjson", match={"host": "elsewhere"})


def test_stats_explain_an_empty_result(smtp_rule, tmp_path):
    path = tmp_path / "events.ndjson"
    path.write_text('{"metadata": {}, "target": {"port": 443}}\nnot json\n')
    with pytest.raises(AssertionError, match="got none") as raised:
        assert_detects(smtp_rule, path)
    assert '"events": 1' in str(raised.value)
    assert '"input_skipped": 1' in str(raised.value)


def test_run_and_rule_filter(smtp_rule):
    assert len(run(smtp_rule, [connection(0)])) == 1
    assert_detects(smtp_rule, [connection(0)], rule="smtp_connection", count=1)
    with pytest.raises(AssertionError):
        assert_detects(smtp_rule, [connection(0)], rule="other")

"""rule.run over every input form, and the reference rule over its events."""

import json

import pytest

import yaral
from conftest import EVENTS, T0, connection

# What the reference rule detects in each recorded scenario (the issue's
# acceptance: the examples print these detections).
EXPECTED = {
    "smtp_powershell.ndjson": 1,
    "pop3_nc.ndjson": 1,
    "imap_curl.ndjson": 1,
    "outlook.ndjson": 0,
    "thunderbird.ndjson": 0,
    "browser.ndjson": 0,
    "inbound_smtp.ndjson": 0,
    "non_mail_ports.ndjson": 0,
    "two_connections.ndjson": 0,
}


@pytest.mark.parametrize("name,count", sorted(EXPECTED.items()))
def test_reference_rule_over_recorded_events(reference_rule, name, count):
    detections = reference_rule.run(EVENTS / name)
    assert len(detections) == count
    for d in detections:
        assert d["rule"] == "t1071_003_non_mail_process_mail_protocol"
        assert set(d["match"]) == {"host", "proc", "dest_ip"}
        assert len(d["events"]["e"]) > 2


def test_every_input_form_gives_the_same_detections(smtp_rule, tmp_path):
    events = [connection(i) for i in range(3)] + [connection(9, port=443)]
    as_json = [json.dumps(e) for e in events]
    path = tmp_path / "events.ndjson"
    path.write_text("\n".join(as_json) + "\n")
    expected = smtp_rule.run(events)
    assert len(expected) == 3
    assert smtp_rule[0].run(as_json) == expected
    assert smtp_rule.run(path) == expected
    assert smtp_rule.run(str(path)) == expected
    assert smtp_rule.run(iter(events)) == expected
    assert yaral.run(smtp_rule, [e for e in events]) == expected


def test_detection_shape(smtp_rule):
    (d,) = smtp_rule.run([connection(0)])
    assert d["rule"] == "smtp_connection"
    assert d["window"]["start"] == d["window"]["end"] == "2026-03-02T10:00:00Z"
    assert d["meta"] == {"severity": "LOW"}
    (sample,) = d["events"]["e"]  # the event as read
    assert sample["target"]["port"] == 25


def test_match_rule_over_generated_events(reference_rule):
    events = [connection(60 * i) for i in range(3)]
    (d,) = reference_rule.run(events)
    assert d["match"] == {"host": "ws-01", "proc": "C:\\x\\nc.exe", "dest_ip": "203.0.113.7"}
    assert reference_rule.run(events[:2]) == []


def test_camel_case_events_and_file_envelopes(smtp_rule, tmp_path):
    event = {
        "metadata": {"eventTimestamp": "2026-03-02T10:00:00Z", "eventType": "NETWORK_CONNECTION"},
        "target": {"port": 25},
    }
    assert len(smtp_rule.run([event])) == 1
    # Envelopes are a property of files (docs/events.md): Feed takes events.
    path = tmp_path / "search.json"
    path.write_text(json.dumps({"events": [{"udm": event}, {"udm": event}]}))
    assert len(smtp_rule.run(path)) == 2


def test_invalid_event_raises(smtp_rule):
    with pytest.raises(ValueError, match="event 1"):
        smtp_rule.run([connection(0), "[1, 2]"])
    with pytest.raises(TypeError):
        smtp_rule.run([42])


def test_json_text_is_not_a_path(smtp_rule):
    with pytest.raises(TypeError, match="file path"):
        smtp_rule.run('{"metadata": {}}')


def test_missing_file(smtp_rule, tmp_path):
    with pytest.raises(FileNotFoundError):
        smtp_rule.run(tmp_path / "absent.ndjson")


def test_options_are_checked(smtp_rule):
    assert len(smtp_rule.run([connection(0)], max_samples=0, now=T0)) == 1
    with pytest.raises(TypeError):
        smtp_rule.run([connection(0)], max_sample=1)
    with pytest.raises(ValueError, match="max_samples"):
        smtp_rule.run([connection(0)], max_samples=-1)

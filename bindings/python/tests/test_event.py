"""yaral.event: UDM events from dotted paths, checked against the schema."""

import datetime

import pytest

import yaral


def test_nested_event():
    e = yaral.event(
        {
            "metadata.event_type": "USER_LOGIN",
            "metadata.event_timestamp": datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.timezone.utc),
            "principal.ip": ["10.0.0.1", "10.0.0.2"],
            "target.port": 22,
            "principal.labels[\"env\"]": "prod",
            "additional.fields[\"ticket\"]": "T-1",
            "security_result[0].action": ["BLOCK"],
            "security_result[1].severity": "HIGH",
        }
    )
    assert e == {
        "metadata": {"event_type": "USER_LOGIN", "event_timestamp": "2026-03-02T10:00:00Z"},
        "principal": {"ip": ["10.0.0.1", "10.0.0.2"], "labels": [{"key": "env", "value": "prod"}]},
        "target": {"port": 22},
        "additional": {"ticket": "T-1"},
        "security_result": [{"action": ["BLOCK"]}, {"severity": "HIGH"}],
    }


def test_values_the_rules_read_back():
    rule = yaral.compile(
        """
rule labelled {
  meta:
    author = "tests"
  events:
    $e.principal.labels["env"] = "prod"
    $e.additional.fields["ticket"] = "T-1"
    $e.security_result.action = "BLOCK"
  condition:
    $e
}
"""
    )
    event = yaral.event(
        {
            "principal.labels[\"env\"]": "prod",
            "additional.fields[\"ticket\"]": "T-1",
            "security_result.action": ["BLOCK"],
        }
    )
    assert len(rule.run([event])) == 1


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"target.prot": 25}, "did you mean `port`"),
        ({"metadata.event_type": "NETWORK_CONECTION"}, "NETWORK_CONNECTION"),
        ({"target.port": "25"}, "int field"),
        ({"target.hostname": 7}, "string field"),
        ({"metadata.event_timestamp": "yesterday"}, "timestamp"),
        ({"principal": "x"}, "message"),
        ({"target.port[0]": 1}, "repeated"),
        ({"principal.ip[2]": "10.0.0.1"}, "past the end"),
        ({"target..port": 1}, "malformed"),
    ],
)
def test_mistakes_are_value_errors(fields, message):
    with pytest.raises(ValueError, match=message):
        yaral.event(fields)


def test_unsupported_types():
    with pytest.raises(TypeError):
        yaral.event({"target.port": object()})
    with pytest.raises(ValueError, match="time zone"):
        yaral.event({"metadata.event_timestamp": datetime.datetime(2026, 1, 1)})

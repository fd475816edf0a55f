"""yaral.compile: rules, metadata, CompileError, lists and tables."""

import pytest

import yaral
from conftest import SMTP_RULE, connection


def test_compile_gives_a_rule_set(smtp_rule):
    assert len(smtp_rule) == 1
    assert smtp_rule.names == ["smtp_connection"]
    rule = smtp_rule["smtp_connection"]
    assert rule is smtp_rule[0]
    assert rule.name == "smtp_connection"
    assert rule.meta == {"severity": "LOW"}
    assert rule.has_match is False
    assert "smtp_connection" in rule.explain()


def test_reference_rule(reference_rule):
    rule = reference_rule[0]
    assert rule.has_match
    assert rule.meta["mitre_attack_technique"] == "T1071.003"


def test_compile_error_carries_diagnostics():
    with pytest.raises(yaral.CompileError) as raised:
        yaral.compile(SMTP_RULE.replace("target.port", "target.prot"), "bad.yaral")
    error = raised.value
    assert isinstance(error, ValueError)
    assert "bad.yaral:7:15" in str(error)
    assert "E200" in str(error)
    assert [d["code"] for d in error.diagnostics if d["severity"] == "error"] == ["E200"]


def test_several_rules_in_one_text():
    text = SMTP_RULE + SMTP_RULE.replace("smtp_connection", "smtp_again")
    rules = yaral.compile(text)
    assert rules.names == ["smtp_connection", "smtp_again"]
    assert len(rules.run([connection(0)])) == 2
    with pytest.raises(KeyError):
        rules["nope"]


LIST_RULE = """
rule bad_host {
  meta:
    author = "tests"
  events:
    $e.metadata.event_type = "NETWORK_CONNECTION"
    $e.principal.hostname in %bad_hosts
  condition:
    $e
}
"""

CIDR_RULE = """
rule bad_net {
  meta:
    author = "tests"
  events:
    $e.metadata.event_type = "NETWORK_CONNECTION"
    $e.target.ip in cidr %bad_nets
  condition:
    $e
}
"""

TABLE_RULE = """
rule watched_host {
  meta:
    author = "tests"
  events:
    $e.metadata.event_type = "NETWORK_CONNECTION"
    $e.principal.hostname in %watch.host
  condition:
    $e
}
"""


def test_lists_from_a_dict():
    rule = yaral.compile(LIST_RULE, lists={"bad_hosts": ["evil-01"]})
    assert len(rule.run([connection(0, host="evil-01"), connection(1, host="ok-01")])) == 1
    nets = yaral.compile(CIDR_RULE, lists={"bad_nets": ("cidr", ["203.0.113.0/24"])})
    assert len(nets.run([connection(0)])) == 1


def test_unknown_list_does_not_compile():
    with pytest.raises(yaral.CompileError) as raised:
        yaral.compile(LIST_RULE)
    assert "%bad_hosts" in str(raised.value)


def test_lists_from_a_directory(tmp_path):
    (tmp_path / "bad_hosts.txt").write_text("// known bad\nevil-01\n")
    rule = yaral.compile(LIST_RULE, lists=tmp_path)
    assert len(rule.run([connection(0, host="evil-01")])) == 1


def test_missing_list_directory(tmp_path):
    with pytest.raises(FileNotFoundError):
        yaral.Lists(tmp_path / "absent")


def test_bad_list_entry_raises_list_error():
    with pytest.raises(yaral.ListError) as raised:
        yaral.Lists({"bad_nets": ("cidr", ["203.0.113.0/33"])})
    assert raised.value.diagnostics[0]["code"] == "E311"


def test_tables_from_a_dict():
    rule = yaral.compile(TABLE_RULE, tables={"watch": "host,owner\nws-01,alice\n"})
    assert len(rule.run([connection(0, host="ws-01"), connection(1, host="ws-02")])) == 1


def test_lists_object_is_frozen_once_used():
    lists = yaral.Lists({"bad_hosts": ["evil-01"]})
    assert lists.names == ["bad_hosts"]
    rules = yaral.compile(LIST_RULE, lists=lists)
    with pytest.raises(RuntimeError):
        lists.add("more", ["x"])
    del rules

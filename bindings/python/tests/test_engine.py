"""yaral.Engine: streaming, callbacks, statistics, threads."""

import threading

import pytest

import yaral
from conftest import EVENTS, connection


def test_feed_returns_detections_as_they_happen(smtp_rule, reference_rule):
    engine = yaral.Engine(smtp_rule)
    assert len(engine.feed(connection(0))) == 1
    assert engine.feed(connection(1, port=443)) == []
    assert engine.finish() == []
    windowed = yaral.Engine(reference_rule)
    for i in range(3):
        assert windowed.feed(connection(60 * i)) == []
    assert len(windowed.finish()) == 1  # the 24h window closes at the end


def test_callback_receives_detections(reference_rule):
    seen = []
    engine = yaral.Engine(reference_rule, on_detection=seen.append)
    assert engine.feed_many(EVENTS / "smtp_powershell.ndjson") == []
    assert engine.finish() == []
    assert [d["match"]["host"] for d in seen] == ["ws-fin-07.corp.example"]


def test_callback_exception_propagates(smtp_rule):
    def boom(detection):
        raise RuntimeError("from the callback")

    engine = yaral.Engine(smtp_rule, on_detection=boom)
    with pytest.raises(RuntimeError, match="from the callback"):
        engine.feed(connection(0))


def test_stats(smtp_rule, tmp_path):
    path = tmp_path / "mixed.ndjson"
    path.write_text('{"metadata": {"event_type": "NETWORK_CONNECTION"}, "target": {"port": 25}}\n'
                    "not json\n")
    engine = yaral.Engine(smtp_rule)
    assert len(engine.feed_many(path)) == 1
    with pytest.raises(ValueError):
        engine.feed("[]")
    stats = engine.stats
    assert stats["events"] == 1
    assert stats["invalid_events"] == 1
    assert stats["input_skipped"] == 1
    assert stats["detections"] == 1


def test_limit_drops_are_counted(reference_rule):
    engine = yaral.Engine(reference_rule, max_rows_per_key=2)
    for i in range(3):
        engine.feed(connection(60 * i))
    engine.finish()
    stats = engine.stats
    assert stats["dropped_by_limits"] == 1
    [drop] = stats["limit_drops"]
    assert drop["limit"] == "max_rows_per_key"
    assert drop["count"] == 1
    assert drop["other_keys"] == 0
    assert list(drop["keys"].values()) == [1]
    assert yaral.Engine(reference_rule).stats["dropped_by_limits"] == 0


def test_rules_are_shared_by_engines_on_threads(reference_rule):
    results = {}

    def work(name):
        results[name] = yaral.run(reference_rule, EVENTS / name)

    names = ["smtp_powershell.ndjson", "pop3_nc.ndjson", "outlook.ndjson", "imap_curl.ndjson"]
    threads = [threading.Thread(target=work, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {n: len(d) for n, d in results.items()} == {
        "smtp_powershell.ndjson": 1,
        "pop3_nc.ndjson": 1,
        "outlook.ndjson": 0,
        "imap_curl.ndjson": 1,
    }


def test_one_engine_fed_from_two_threads_stays_consistent(smtp_rule):
    engine = yaral.Engine(smtp_rule)
    counts = []

    def work():
        counts.append(sum(len(engine.feed(connection(i))) for i in range(200)))

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(counts) == 400
    assert engine.stats["events"] == 400

"""Fixtures shared by the yaral Python tests: the repository's reference rule
and its recorded events, and small rules written for one behaviour each."""

from __future__ import annotations

import os
import pathlib

import pytest

import yaral

# ctest passes the source tree; running pytest by hand from it works too.
ROOT = pathlib.Path(os.environ.get("YARAL_SOURCE_DIR", pathlib.Path(__file__).parents[3]))
REFERENCE_RULE = ROOT / "examples/rules/t1071_003_non_mail_process_mail_protocol.yaral"
EVENTS = ROOT / "examples/events/t1071_003"

# A single-event rule: one detection per SMTP connection.
SMTP_RULE = """
rule smtp_connection {
  meta:
    severity = "LOW"
  events:
    $e.metadata.event_type = "NETWORK_CONNECTION"
    $e.target.port = 25
  condition:
    $e
}
"""

T0 = 1772445600  # 2026-03-02T10:00:00Z


def connection(seconds: int, host: str = "ws-01", port: int = 25, path: str = "C:\\x\\nc.exe"):
    """One outbound connection event, `seconds` after T0, as a dict."""
    return yaral.event(
        {
            "metadata.event_timestamp": T0 + seconds,
            "metadata.event_type": "NETWORK_CONNECTION",
            "network.direction": "OUTBOUND",
            "principal.hostname": host,
            "principal.process.file.full_path": path,
            "target.port": port,
            "target.ip": ["203.0.113.7"],
        }
    )


@pytest.fixture(scope="session")
def reference_rule() -> yaral.RuleSet:
    return yaral.compile_file(REFERENCE_RULE)


@pytest.fixture(scope="session")
def smtp_rule() -> yaral.RuleSet:
    return yaral.compile(SMTP_RULE, "smtp_connection.yaral")

"""Event contracts: the schema EventBridge discovery infers, checks of published events, schema diffs and events
drawn from a contract.

    from mock_partner_events.contracts import diff
    breaking = [change for change in diff(old_schema, new_schema) if change.breaking]

Importing this module loads no schema library: jsonschema loads when a contract is added, hypothesis when a
strategy is built. Both come with `pip install 'mock-partner-events[contracts]'` (hypothesis: any test setup that
uses Hypothesis has it).
"""

from __future__ import annotations

from mock_partner_events._contracts.check import Contract, ContractBook
from mock_partner_events._contracts.diff import COMPATIBILITY, Change, diff
from mock_partner_events._contracts.discovered import discovered_schema
from mock_partner_events._contracts.errors import ContractError, ContractsUnavailableError
from mock_partner_events._contracts.infer import infer_schema, schema_name
from mock_partner_events._contracts.strategies import events_for
from mock_partner_events._contracts.verdicts import Verdict, Violation

__all__ = [
    "COMPATIBILITY",
    "Change",
    "Contract",
    "ContractBook",
    "ContractError",
    "ContractsUnavailableError",
    "Verdict",
    "Violation",
    "diff",
    "discovered_schema",
    "events_for",
    "infer_schema",
    "schema_name",
]

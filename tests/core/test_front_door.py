"""The errors a new user meets first: misspelt options and criteria, a shadowed fixture, the plugin without autoload.

Every error names where the name was given, suggests the nearest valid name, lists the valid names and links to
the documentation; the mock's own frames stay out of the traceback.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from helpers import pytester_runner

from mock_partner_events import PartnerEventsMock, mock_partner_events
from mock_partner_events._common.suggest import ANCHORS, unknown_names_message

OPTIONS = (
    "Valid options: partner_account, customer_account, accounts, unknown_sources, max_request_bytes, seed, "
    "virtual_backoff, faults, pending_expiry, deactivated_expiry, contracts, contracts_at_teardown, max_events."
)
CRITERIA = "Valid criteria: source, detail_type, detail, account, delivered, region, rule, pattern."
Run = Callable[..., pytest.RunResult]


@pytest.fixture
def run(pytester: pytest.Pytester) -> Run:
    return pytester_runner(pytester)


# -- options -----------------------------------------------------------------------------------------------


def test_the_decorator_factory_suggests_the_option_and_lists_them_all() -> None:
    with pytest.raises(TypeError) as error:
        mock_partner_events(unknown_source="reject")  # type: ignore[call-overload]
    assert str(error.value).splitlines() == [
        "mock-partner-events: mock_partner_events() got unknown option 'unknown_source' "
        "(did you mean 'unknown_sources'?).",
        OPTIONS,
        f"See {ANCHORS['option']}",
    ]


def test_the_class_names_itself_and_every_unknown_option() -> None:
    with pytest.raises(TypeError) as error:
        PartnerEventsMock(sed=1, colour="blue")  # type: ignore[call-arg]
    assert str(error.value).splitlines()[0] == (
        "mock-partner-events: PartnerEventsMock() got unknown options 'sed' (did you mean 'seed'?); 'colour'."
    )


def test_a_decorated_function_with_options_passed_wrongly_still_gets_the_suggestion() -> None:
    with pytest.raises(TypeError, match=r"got unknown option 'customer_acount' \(did you mean 'customer_account' or"):
        mock_partner_events(lambda: None, customer_acount="111122223333")  # type: ignore[call-overload]


def test_the_marker_names_itself_the_test_and_the_valid_options(run: Run) -> None:
    result = run(
        """
import pytest
from helpers import QUIET_PLUGINS, pytester_runner

@pytest.mark.partner_events(unknown_source="reject")
def test_lifecycle(partner_events):
    pass
"""
    )
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*@pytest.mark.partner_events on test_module.py::test_lifecycle got unknown option 'unknown_source' "
            "(did you mean 'unknown_sources'?).",
            OPTIONS,
            f"See {ANCHORS['option']}",
        ]
    )
    assert "pytest_plugin.py" not in result.stdout.str()


def test_valid_names_give_no_message() -> None:
    assert unknown_names_message("option", ["seed"], ["seed", "faults"], "here") is None


# -- criteria ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "where"),
    [
        (lambda mock: mock.events.filter(detail_typ="OrderCreated"), "filter()"),
        (lambda mock: mock.events.one(detail_typ="OrderCreated"), "one()"),
        (lambda mock: mock.assert_published(detail_typ="OrderCreated"), "assert_published()"),
    ],
)
def test_criteria_get_a_suggestion_from_every_query(query: Callable[[PartnerEventsMock], object], where: str) -> None:
    with mock_partner_events() as mock, pytest.raises(TypeError) as error:
        query(mock)
    assert str(error.value).splitlines() == [
        f"mock-partner-events: {where} got unknown criterion 'detail_typ' (did you mean 'detail_type' or 'detail'?).",
        CRITERIA,
        f"See {ANCHORS['criterion']}",
    ]


def test_a_wrong_criterion_shows_no_frame_of_the_mock(run: Run) -> None:
    result = run(
        """
from mock_partner_events import mock_partner_events

def test_typo():
    with mock_partner_events() as mock:
        mock.assert_published(detail_typ="OrderCreated")
""",
        "--tb=long",
    )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*assert_published() got unknown criterion 'detail_typ'*"])
    assert "mock_partner_events/" not in result.stdout.str()


def test_a_wrong_option_shows_no_frame_of_the_mock(run: Run) -> None:
    result = run(
        """
from mock_partner_events import PartnerEventsMock

def test_typo():
    PartnerEventsMock(sede=1)
""",
        "--tb=long",
    )
    result.assert_outcomes(failed=1)
    assert "mock_partner_events/" not in result.stdout.str()


# -- the fixture shadowed by the decorator -------------------------------------------------------------------

SHADOWED = """
import json

import boto3
from mock_partner_events import mock_partner_events


@mock_partner_events
def test_both(partner_events):
    client = boto3.client("events", region_name="us-east-1", aws_access_key_id="k", aws_secret_access_key="s")
    for n in range(2):
        detail = json.dumps({"n": n})
        entry = {"Source": "aws.partner/example.com/1/orders", "DetailType": "OrderCreated", "Detail": detail}
        client.put_partner_events(Entries=[entry])
    partner_events.assert_published(detail_type="OrderCreated")
"""


def test_the_fixture_says_it_is_shadowed_by_an_inner_mock_and_by_how_many_calls(run: Run) -> None:
    result = run(SHADOWED)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*expected at least one published event with detail_type='OrderCreated'; 0 matched.",
            "*Shadowed: this mock was shadowed by an inner mock (a @mock_partner_events decorator, a `with` block or "
            "start() inside this mock's activation), which answered 2 calls (2 events published) that this mock "
            "never saw.*",
        ]
    )


def test_a_mock_that_was_not_shadowed_says_nothing_about_it() -> None:
    with mock_partner_events() as outer:
        with mock_partner_events():
            pass  # an inner mock that answered nothing
        with pytest.raises(AssertionError) as error:
            outer.assert_published()
    assert "Shadowed" not in str(error.value)


# -- the plugin without autoload ---------------------------------------------------------------------------


def test_without_autoload_the_plugin_is_named_with_dash_p(monkeypatch: pytest.MonkeyPatch, run: Run) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    source = "def test_fixture(partner_events):\n    assert partner_events.active\n"
    run(source, "-p", "no:asyncio").assert_outcomes(errors=1)
    run(source, "-p", "mock_partner_events.pytest_plugin").assert_outcomes(passed=1)


@pytest.mark.parametrize(
    "body",
    [
        "mock_partner_events(faults=[{'fail_request': {}}])",
        "with mock_partner_events() as mock:\n        mock.faults.fail_requests('NoSuchCode')",
        "with mock_partner_events() as mock:\n        mock.activate('aws.partner/example.com/1/none')",
        "current_mock()",
        "mock_partner_events(lambda: 1 / 0)()",
    ],
    ids=["faults-as-data", "fault-code", "shortcut", "current_mock", "decorated-function"],
)
def test_user_errors_show_no_frame_of_the_mock(run: Run, body: str) -> None:
    result = run(
        f"""
from mock_partner_events import current_mock, mock_partner_events

def test_user_error():
    {body}
""",
        "--tb=long",
    )
    result.assert_outcomes(failed=1)
    assert "mock_partner_events/" not in result.stdout.str()

"""Issue 19: what a newcomer hit, each reproduced as they did it (items 4, 5, 6 and 8).

Item 1 (clients built before the mock) is tests/transports/test_clients_built_before.py; item 10 (InputTemplate
placeholders) tests/service/test_input_template_placeholders.py; the docs items tests/docs/test_doc_signatures.py and
tests/docs/test_docs_strict.py.
"""

from __future__ import annotations

import warnings

import boto3
import pytest
from helpers import CUSTOMER, OTHER_CUSTOMER, REGION, SOURCE, entry, make_client, pytester_runner

import mock_partner_events
from mock_partner_events import InvalidEventPattern, PartnerEventsMock, TargetDeliveryWarning

BAD = {"detail": {"order_id": 1}}  # the newcomer's pattern: a value that is not a list
AWS_MESSAGE = 'Event pattern is not valid. Reason: "order_id" must be an object or an array'


# -- item 4: one public InvalidEventPattern, a ValueError, wherever a pattern is accepted ----------------------


def test_invalid_event_pattern_is_public_and_a_value_error() -> None:
    assert "InvalidEventPattern" in mock_partner_events.__all__
    assert issubclass(InvalidEventPattern, ValueError)


@pytest.mark.parametrize(
    ("argument", "use"),
    [
        ("pattern=", lambda mock: mock.events.filter(pattern=BAD)),
        ("pattern=", lambda mock: mock.events.one(pattern=BAD)),
        ("pattern=", lambda mock: mock.assert_published(pattern=BAD)),
        ("where=", lambda mock: mock.faults.fail_entries("InternalFailure", where=BAD)),
        ("add_rule's pattern", lambda mock: mock.add_rule("orders", BAD, source=SOURCE)),
    ],
    ids=["filter", "one", "assert_published", "fail_entries", "add_rule"],
)
def test_a_bad_pattern_raises_the_public_class_everywhere(
    partner_events: PartnerEventsMock, argument: str, use: object
) -> None:
    partner_events.create_source(SOURCE, associate=True)
    with pytest.raises(InvalidEventPattern) as raised:
        use(partner_events)  # type: ignore[operator]

    assert str(raised.value) == (
        f"mock-partner-events: {argument} is not a valid EventBridge event pattern; AWS would answer "
        f"InvalidEventPatternException: {AWS_MESSAGE} (a pattern maps each field to a list of the values it "
        'matches, or to a nested object of such fields, e.g. {"detail": {"order_id": [1]}})'
    )
    assert raised.value.message == AWS_MESSAGE


def test_the_aws_facing_message_is_unchanged(partner_events: PartnerEventsMock) -> None:
    client = make_client()
    with pytest.raises(client.exceptions.InvalidEventPatternException) as raised:
        client.test_event_pattern(EventPattern='{"detail": {"order_id": 1}}', Event="{}")
    assert raised.value.response["Error"]["Message"] == AWS_MESSAGE


# -- item 5: a bad marker value is reported like a misspelt option ---------------------------------------------


def test_a_bad_marker_value_gets_a_clean_report_naming_the_test(pytester: pytest.Pytester) -> None:
    run = pytester_runner(pytester, "import pytest\n")
    result = run(
        """
@pytest.mark.partner_events(pending_expiry=3600)
def test_expiry(partner_events):
    pass
"""
    )

    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*mock-partner-events: @pytest.mark.partner_events on test_module.py::test_expiry: pending_expiry "
            "must be a positive datetime.timedelta, not 3600"
        ]
    )
    output = result.stdout.str()
    assert "Traceback" not in output
    assert "options.py" not in output
    assert "def _require_period" not in output


# -- item 6: fields AWS sends as lists compare equal to lists ------------------------------------------------


def test_resources_and_rules_compare_equal_to_lists(partner_events: PartnerEventsMock) -> None:
    partner_events.create_source(SOURCE, associate=True)
    partner_events.add_rule("orders", {"source": [SOURCE]}, source=SOURCE)
    arn = "arn:aws:example:us-east-1:123456789012:order/1"
    client = make_client()
    for _ in range(2):
        client.put_partner_events(Entries=[entry(Resources=[arn])])

    event = partner_events.events[0]
    assert event.resources == [arn]
    assert [arn] == event.resources
    assert event.resources == (arn,)
    assert event.rules == ["orders"]
    assert event.rules != ["other"]
    assert event.envelope()["resources"] == [arn]
    assert hash(event.resources) == hash((arn,))
    assert [len(group) for group in partner_events.events.duplicates()] == [2]


# -- item 8: errors that say what to do next ---------------------------------------------------------------


def test_add_rule_on_a_pending_source_says_to_associate_it_first(partner_events: PartnerEventsMock) -> None:
    partner_events.create_source(SOURCE)  # PENDING: the customer has not created the partner bus

    with pytest.raises(ValueError, match="associate it first") as raised:
        partner_events.add_rule("orders", {"source": [SOURCE]}, source=SOURCE)

    assert str(raised.value) == (
        f"mock-partner-events: PutRule as account {CUSTOMER} in {REGION} failed as AWS would answer it: "
        f"ResourceNotFoundException: Event bus {SOURCE} does not exist. The source is PENDING and its customer "
        f"has no partner event bus for it yet: associate it first with mock.associate({SOURCE!r}) "
        "(or create_source(..., associate=True)), then add rules"
    )
    partner_events.associate(SOURCE)
    assert partner_events.add_rule("orders", {"source": [SOURCE]}, source=SOURCE).endswith("/orders")


def test_a_delivery_warning_names_the_account_that_holds_a_queue_of_that_name() -> None:
    from moto import mock_aws

    with mock_aws(), mock_partner_events.mock_partner_events() as mock:
        boto3.client("sqs", region_name=REGION).create_queue(QueueName="orders")  # moto's default account
        queue_arn = f"arn:aws:sqs:{REGION}:{OTHER_CUSTOMER}:orders"  # the name, in an account that has none
        mock.create_source(SOURCE, associate=True)
        mock.add_rule("orders", {"source": [SOURCE]}, source=SOURCE, targets=[queue_arn])
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            make_client().put_partner_events(Entries=[entry()])

    messages = [str(warning.message) for warning in caught if warning.category is TargetDeliveryWarning]
    assert len(messages) == 1
    assert "a queue named 'orders' exists in account 123456789012" in messages[0]

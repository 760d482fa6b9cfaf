"""moto's mock_aws in the same test: partner operations answered here only, everything else by moto, and events
that a customer's rules match arrive in moto's SQS queues and CloudWatch Logs groups."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import CUSTOMER, FAKE_KEY, OTHER_CUSTOMER, PARTNER, SOURCE, entry, make_client
from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID

from mock_partner_events import PartnerEventsMock, TargetDeliveryWarning, UnmockedOperationError, mock_partner_events

REGION = "eu-west-1"
LOG_GROUP = "/aws/events/orders"


def aws(service: str, account: str = CUSTOMER) -> Any:
    """A client whose access key id is its account, as both this package and (through it) moto read it."""
    return make_client(account, REGION, service=service)


def create_queue(name: str = "orders") -> tuple[str, str]:
    sqs = aws("sqs")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return url, arn


def received(url: str) -> list[Any]:
    messages = aws("sqs").receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    return [json.loads(message["Body"]) for message in messages]


def subscribe(*targets: dict[str, Any], pattern: dict[str, Any] | None = None) -> None:
    """The customer accepts the source, then routes OrderCreated events on its partner bus to `targets`."""
    events = aws("events")
    events.create_event_bus(Name=SOURCE, EventSourceName=SOURCE)
    rule_pattern = pattern or {"detail-type": ["OrderCreated"]}
    events.put_rule(Name="orders", EventBusName=SOURCE, EventPattern=json.dumps(rule_pattern))
    events.put_targets(Rule="orders", EventBusName=SOURCE, Targets=list(targets))


@pytest.fixture
def both() -> Iterator[PartnerEventsMock]:
    with mock_aws(), mock_partner_events(unknown_sources="reject") as mock:
        aws("events", PARTNER).create_partner_event_source(Name=SOURCE, Account=CUSTOMER)
        yield mock


def test_rule_sends_exactly_the_matching_envelopes_to_the_customers_queue(both: PartnerEventsMock) -> None:
    url, queue_arn = create_queue()
    subscribe({"Id": "queue", "Arn": queue_arn})
    sent_at = datetime(2026, 3, 1, 12, 30, 5, tzinfo=timezone.utc)
    entries = [
        entry("OrderCreated", detail={"order": 1}),
        entry("OrderShipped", detail={"order": 1}),
        entry("OrderCreated", detail={"order": 2}),
    ]
    entries[2]["Time"] = sent_at
    entries[2]["Resources"] = ["arn:aws:example:::order/2"]

    results = aws("events", PARTNER).put_partner_events(Entries=entries)["Entries"]

    assert received(url) == [
        {
            "version": "0",
            "id": results[0]["EventId"],
            "detail-type": "OrderCreated",
            "source": SOURCE,
            "account": CUSTOMER,
            "time": both.events[0].time.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "region": REGION,
            "resources": [],
            "detail": {"order": 1},
        },
        {
            "version": "0",
            "id": results[2]["EventId"],
            "detail-type": "OrderCreated",
            "source": SOURCE,
            "account": CUSTOMER,
            "time": "2026-03-01T12:30:05Z",
            "region": REGION,
            "resources": ["arn:aws:example:::order/2"],
            "detail": {"order": 2},
        },
    ]
    assert [event.rules for event in both.events] == [("orders",), (), ("orders",)]


def test_the_customers_queue_lives_in_the_account_its_access_key_names(both: PartnerEventsMock) -> None:
    url, queue_arn = create_queue()

    assert f"/{CUSTOMER}/orders" in url
    assert queue_arn == f"arn:aws:sqs:{REGION}:{CUSTOMER}:orders"


def test_a_log_group_target_receives_the_same_envelopes(both: PartnerEventsMock) -> None:
    logs = aws("logs")
    logs.create_log_group(logGroupName=LOG_GROUP)
    subscribe({"Id": "log", "Arn": f"arn:aws:logs:{REGION}:{CUSTOMER}:log-group:{LOG_GROUP}"})

    aws("events", PARTNER).put_partner_events(Entries=[entry("OrderCreated", detail={"order": 7}), entry("Other")])

    messages = [json.loads(event["message"]) for event in logs.filter_log_events(logGroupName=LOG_GROUP)["events"]]
    assert messages == [both.events[0].envelope()]
    streams = logs.describe_log_streams(logGroupName=LOG_GROUP)["logStreams"]
    assert [stream["logStreamName"] for stream in streams] == [both.events[0].event_id]


def test_input_input_path_and_input_transformer_shape_what_the_queue_receives(both: PartnerEventsMock) -> None:
    urls = {name: create_queue(name) for name in ("constant", "path", "transformed")}
    transformer = {
        "InputPathsMap": {"order": "$.detail.order", "kind": "$.detail-type"},
        "InputTemplate": '{"order": <order>, "kind": "<kind>", "rule": "<aws.events.rule-name>"}',
    }
    subscribe(
        {"Id": "constant", "Arn": urls["constant"][1], "Input": '{"fixed": true}'},
        {"Id": "path", "Arn": urls["path"][1], "InputPath": "$.detail"},
        {"Id": "transformed", "Arn": urls["transformed"][1], "InputTransformer": transformer},
    )

    aws("events", PARTNER).put_partner_events(Entries=[entry("OrderCreated", detail={"order": 3})])

    assert received(urls["constant"][0]) == [{"fixed": True}]
    assert received(urls["path"][0]) == [{"order": 3}]
    assert received(urls["transformed"][0]) == [{"order": 3, "kind": "OrderCreated", "rule": "orders"}]


def test_a_target_moto_does_not_have_warns_and_the_call_still_succeeds(both: PartnerEventsMock) -> None:
    subscribe({"Id": "gone", "Arn": f"arn:aws:sqs:{REGION}:{CUSTOMER}:never-created"})

    with pytest.warns(TargetDeliveryWarning, match=r"rule 'orders' target 'gone': SQS queue never-created"):
        result = aws("events", PARTNER).put_partner_events(Entries=[entry("OrderCreated")])

    assert result["FailedEntryCount"] == 0
    assert len(both.events) == 1


def _moto_outside(body: Callable[[], None]) -> None:
    with mock_aws(), mock_partner_events():
        body()


def _moto_inside(body: Callable[[], None]) -> None:
    with mock_partner_events(), mock_aws():
        body()


def _both_decorators_moto_outside(body: Callable[[], None]) -> None:
    mock_aws(mock_partner_events(body))()


def _both_decorators_moto_inside(body: Callable[[], None]) -> None:
    mock_partner_events(mock_aws(body))()


@pytest.mark.parametrize(
    "run",
    [_moto_outside, _moto_inside, _both_decorators_moto_outside, _both_decorators_moto_inside],
    ids=["with-moto-outside", "with-moto-inside", "decorators-moto-outside", "decorators-moto-inside"],
)
def test_partner_calls_go_here_and_every_other_call_to_moto_whatever_the_nesting(
    run: Callable[[Callable[[], None]], None],
) -> None:
    seen: dict[str, Any] = {}

    def body() -> None:
        events, s3 = aws("events", PARTNER), aws("s3", PARTNER)
        seen["put"] = events.put_partner_events(Entries=[entry("OrderCreated")])
        s3.create_bucket(Bucket="invoices", CreateBucketConfiguration={"LocationConstraint": REGION})
        seen["buckets"] = [bucket["Name"] for bucket in s3.list_buckets()["Buckets"]]
        events.put_events(Entries=[{"Source": "my.app", "DetailType": "Ping", "Detail": "{}"}])  # not modelled here
        seen["archives"] = events.list_archives()["Archives"]  # moto answers, and has none
        from mock_partner_events import current_mock

        seen["calls"] = [call.operation for call in current_mock().calls]

    run(body)

    assert seen["put"]["FailedEntryCount"] == 0
    assert seen["buckets"] == ["invoices"]
    assert seen["archives"] == []
    assert seen["calls"] == ["PutPartnerEvents"]


def test_clients_built_before_either_mock_are_answered_by_the_right_one() -> None:
    events, sqs = aws("events", PARTNER), aws("sqs")
    with mock_partner_events() as mock, mock_aws():
        events.put_partner_events(Entries=[entry("OrderCreated")])
        url = sqs.create_queue(QueueName="early")["QueueUrl"]

        assert len(mock.events) == 1
        assert sqs.get_queue_url(QueueName="early")["QueueUrl"] == url


def test_an_unmodelled_eventbridge_call_without_moto_is_stopped_with_a_clear_error() -> None:
    with mock_partner_events(), pytest.raises(UnmockedOperationError, match="moto's mock_aws is not active"):
        aws("events", PARTNER).list_archives()


def test_rejected_requests_are_not_passed_on_to_moto(both: PartnerEventsMock) -> None:
    with pytest.raises(ClientError) as raised:
        aws("events", PARTNER).describe_partner_event_source(Name="aws.partner/example.com/none")

    assert raised.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert both.calls[-1].operation == "DescribePartnerEventSource"


def test_without_moto_active_matched_events_are_recorded_and_no_target_is_tried() -> None:
    with mock_partner_events() as mock:
        partner = aws("events", PARTNER)
        partner.put_partner_events(Entries=[entry("First")])  # provisions the source and the customer's bus
        mock.add_rule(
            "orders", {"detail-type": ["OrderCreated"]}, source=SOURCE, targets=["arn:aws:sqs:x:1:q"], region=REGION
        )

        partner.put_partner_events(Entries=[entry("OrderCreated")])

        assert mock.events[1].rules == ("orders",)


def test_customers_own_buses_and_rules_stay_with_moto_so_its_put_events_routing_works(
    both: PartnerEventsMock,
) -> None:
    url, arn = create_queue("custom")
    events = aws("events")
    events.create_event_bus(Name="customer-bus")
    events.put_rule(Name="mine", EventBusName="customer-bus", EventPattern=json.dumps({"source": ["my.app"]}))
    events.put_targets(Rule="mine", EventBusName="customer-bus", Targets=[{"Id": "q", "Arn": arn}])

    events.put_events(
        Entries=[{"Source": "my.app", "DetailType": "Ping", "Detail": "{}", "EventBusName": "customer-bus"}]
    )

    assert [body["detail-type"] for body in received(url)] == ["Ping"]
    assert [call.operation for call in both.calls] == ["CreatePartnerEventSource"]


def test_partner_bus_operations_stay_here_with_moto_active(both: PartnerEventsMock) -> None:
    subscribe({"Id": "q", "Arn": create_queue()[1]})

    listed = aws("events").list_event_buses(NamePrefix="aws.partner/")["EventBuses"]

    assert [bus["Name"] for bus in listed] == [SOURCE]
    assert [call.operation for call in both.calls][1:] == [
        "CreateEventBus", "PutRule", "PutTargets", "ListEventBuses",
    ]  # fmt: skip


def test_a_detail_number_beyond_double_range_reaches_the_queue_as_valid_json(both: PartnerEventsMock) -> None:
    """The queue gets JSON: an infinite double is written "Infinity", as Jackson's generator writes it."""
    url, arn = create_queue()
    subscribe({"Id": "queue", "Arn": arn})
    detail = '{"n": 1e400, "m": -1e400}'

    aws("events", PARTNER).put_partner_events(
        Entries=[{"Source": SOURCE, "DetailType": "OrderCreated", "Detail": detail}]
    )

    [body] = received(url)
    assert body["detail"] == {"n": "Infinity", "m": "-Infinity"}
    assert both.events[0].detail_json == detail


def test_template_values_are_escaped_inside_quotes_and_paths_take_indexes_and_wildcards(
    both: PartnerEventsMock,
) -> None:
    url, arn = create_queue()
    transformer = {
        "InputPathsMap": {"note": "$.detail.note", "first": "$.detail.items[0].sku", "skus": "$.detail.items[*].sku"},
        "InputTemplate": '{"said": "<note>", "raw": <note>, "first": <first>, "skus": <skus>}',
    }
    subscribe({"Id": "queue", "Arn": arn, "InputTransformer": transformer})
    detail = {"note": 'he said "hi"\\', "items": [{"sku": "a"}, {"sku": "b"}]}

    aws("events", PARTNER).put_partner_events(Entries=[entry("OrderCreated", detail=detail)])

    assert received(url) == [{"said": 'he said "hi"\\', "raw": 'he said "hi"\\', "first": "a", "skus": ["a", "b"]}]


def test_input_path_to_a_string_sends_it_quoted(both: PartnerEventsMock) -> None:
    url, arn = create_queue()
    subscribe({"Id": "queue", "Arn": arn, "InputPath": "$.detail-type"})

    aws("events", PARTNER).put_partner_events(Entries=[entry("OrderCreated")])

    messages = aws("sqs").receive_message(QueueUrl=url)["Messages"]
    assert [message["Body"] for message in messages] == ['"OrderCreated"']


# -- one world: lists that span moto's buses and the partner buses here ------------------------------------


def bus_names(events: Any = None, **params: Any) -> list[str]:
    """Every bus ListEventBuses shows the customer (or `events`' caller), following NextToken page by page."""
    events, names, token = events or aws("events"), [], None
    while True:
        page = events.list_event_buses(**params, **({"NextToken": token} if token else {}))
        names += [bus["Name"] for bus in page["EventBuses"]]
        token = page.get("NextToken")
        if token is None:
            return names


def test_list_event_buses_shows_moto_buses_and_partner_buses_in_one_list(both: PartnerEventsMock) -> None:
    events = aws("events")
    events.create_event_bus(Name="zeta")
    events.create_event_bus(Name="alpha", Description="mine")
    subscribe({"Id": "q", "Arn": create_queue()[1]})

    listed = events.list_event_buses()["EventBuses"]

    assert [bus["Name"] for bus in listed] == ["default", "alpha", SOURCE, "zeta"]
    assert listed[1]["Description"] == "mine"
    assert listed[1]["Arn"] == f"arn:aws:events:{REGION}:{CUSTOMER}:event-bus/alpha"
    assert listed[2]["Arn"] == f"arn:aws:events:{REGION}:{CUSTOMER}:event-bus/{SOURCE}"
    assert "CreationTime" not in listed[0]
    assert "CreationTime" in listed[1]


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_paging_list_event_buses_crosses_from_moto_to_partner_buses(both: PartnerEventsMock, limit: int) -> None:
    events = aws("events")
    for name in ("b-one", "b-two", "z-last"):
        events.create_event_bus(Name=name)
    subscribe({"Id": "q", "Arn": create_queue()[1]})

    assert bus_names(Limit=limit) == ["default", SOURCE, "b-one", "b-two", "z-last"]
    assert bus_names(Limit=limit, NamePrefix="b-") == ["b-one", "b-two"]
    assert bus_names(NamePrefix="aws.partner/") == [SOURCE]


def test_a_bus_moto_deleted_leaves_the_merged_list(both: PartnerEventsMock) -> None:
    events = aws("events")
    events.create_event_bus(Name="temporary")
    subscribe({"Id": "q", "Arn": create_queue()[1]})
    events.delete_event_bus(Name="temporary")
    events.delete_event_bus(Name=SOURCE)

    assert bus_names() == ["default"]


def test_without_moto_every_bus_is_listed_from_here() -> None:
    with mock_partner_events():
        aws("events", PARTNER).create_partner_event_source(Name=SOURCE, Account=CUSTOMER)
        events = aws("events")
        events.create_event_bus(Name="mine")
        events.create_event_bus(Name=SOURCE, EventSourceName=SOURCE)

        assert bus_names(Limit=1) == ["default", SOURCE, "mine"]


def test_each_account_lists_only_its_own_buses_from_both_worlds(both: PartnerEventsMock) -> None:
    aws("events").create_event_bus(Name="customers")
    aws("events", OTHER_CUSTOMER).create_event_bus(Name="others")
    subscribe({"Id": "q", "Arn": create_queue()[1]})

    assert bus_names() == ["default", SOURCE, "customers"]
    assert [bus["Name"] for bus in aws("events", OTHER_CUSTOMER).list_event_buses()["EventBuses"]] == [
        "default",
        "others",
    ]


# -- one account convention: MOTO_ACCOUNT_ID, and 12-digit keys in moto's other services ----------------------

MOTO_ACCOUNT = "999988887777"


def unnamed(service: str) -> Any:
    """A client whose access key id names no account (moto's usual "testing")."""
    return make_client(FAKE_KEY, REGION, service=service)


def test_with_moto_account_id_a_caller_whose_key_names_no_account_is_that_account_in_both_mocks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MOTO_ACCOUNT_ID", MOTO_ACCOUNT)
    with mock_aws(), mock_partner_events(unknown_sources="reject") as mock:
        aws("events", PARTNER).create_partner_event_source(Name=SOURCE, Account=MOTO_ACCOUNT)
        events, sqs = unnamed("events"), unnamed("sqs")
        events.create_event_bus(Name=SOURCE, EventSourceName=SOURCE)  # answered here, as MOTO_ACCOUNT
        events.create_event_bus(Name="mine")  # answered by moto, as MOTO_ACCOUNT
        url = sqs.create_queue(QueueName="orders")["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        events.put_rule(Name="all", EventBusName=SOURCE, EventPattern=json.dumps({"source": [SOURCE]}))
        events.put_targets(Rule="all", EventBusName=SOURCE, Targets=[{"Id": "q", "Arn": arn}])

        aws("events", PARTNER).put_partner_events(Entries=[entry("OrderCreated")])

        assert [call.account for call in mock.calls] == [PARTNER, MOTO_ACCOUNT, MOTO_ACCOUNT, MOTO_ACCOUNT, PARTNER]
        assert arn == f"arn:aws:sqs:{REGION}:{MOTO_ACCOUNT}:orders"
        assert bus_names(events) == ["default", SOURCE, "mine"]
        assert [body["account"] for body in received(url)] == [MOTO_ACCOUNT]


def test_moto_account_id_is_moto_s_setting_so_without_moto_active_the_package_ignores_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MOTO_ACCOUNT_ID", MOTO_ACCOUNT)
    with mock_partner_events() as mock:
        unnamed("events").put_partner_events(Entries=[entry()])

    assert mock.calls[0].account == PARTNER  # the default partner account
    assert mock.events[0].partner_account == PARTNER


@pytest.mark.parametrize("value", ["abc", "12345"], ids=["not-digits", "not-12-digits"])
def test_a_moto_account_id_that_is_no_account_id_is_not_taken_for_one(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("MOTO_ACCOUNT_ID", value)
    with mock_aws(), mock_partner_events() as mock:
        unnamed("events").put_partner_events(Entries=[entry()])

    assert mock.calls[0].account == PARTNER


def test_with_moto_account_id_a_12_digit_key_still_names_the_callers_account_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MOTO_ACCOUNT_ID", MOTO_ACCOUNT)
    with mock_aws(), mock_partner_events() as mock:
        aws("events", PARTNER).create_partner_event_source(Name=SOURCE, Account=CUSTOMER)
        aws("events").create_event_bus(Name=SOURCE, EventSourceName=SOURCE)
        url = aws("sqs").create_queue(QueueName="orders")["QueueUrl"]

    assert [call.account for call in mock.calls] == [PARTNER, CUSTOMER]
    assert f"/{MOTO_ACCOUNT}/orders" in url  # MOTO_ACCOUNT_ID is moto's first rule for what moto answers


def test_outside_a_mock_moto_files_a_12_digit_keys_queue_under_its_default_account() -> None:
    """The package's account convention reaches moto only while a mock is active."""
    with mock_aws():
        url = aws("sqs").create_queue(QueueName="orders")["QueueUrl"]
    with mock_aws(), mock_partner_events():
        inside = aws("sqs").create_queue(QueueName="orders")["QueueUrl"]

    assert f"/{DEFAULT_ACCOUNT_ID}/orders" in url
    assert f"/{CUSTOMER}/orders" in inside


def test_one_account_per_customer_is_what_lets_moto_route_its_own_bus_to_its_queue(both: PartnerEventsMock) -> None:
    """moto's PutEvents looks a rule's queue up in the bus owner's account (not the target ARN's): the customer's
    bus (EventBridge) and queue (SQS) must be filed under one account for its own routing to reach the queue."""
    url, arn = create_queue("mine")
    events = aws("events")
    events.put_rule(Name="mine", EventPattern=json.dumps({"source": ["my.app"]}))
    events.put_targets(Rule="mine", Targets=[{"Id": "q", "Arn": arn}])

    events.put_events(Entries=[{"Source": "my.app", "DetailType": "Ping", "Detail": "{}"}])

    assert [(body["source"], body["detail-type"]) for body in received(url)] == [("my.app", "Ping")]


def test_in_a_region_moto_does_not_serve_the_list_shows_the_buses_here(both: PartnerEventsMock) -> None:
    partner, customer = make_client(PARTNER, "xx-nowhere-1"), make_client(CUSTOMER, "xx-nowhere-1")
    partner.create_partner_event_source(Name=SOURCE, Account=CUSTOMER)
    customer.create_event_bus(Name=SOURCE, EventSourceName=SOURCE)

    assert [bus["Name"] for bus in customer.list_event_buses()["EventBuses"]] == [SOURCE]


def test_with_moto_account_id_the_shortcuts_partner_is_the_unnamed_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTO_ACCOUNT_ID", MOTO_ACCOUNT)
    with mock_aws(), mock_partner_events(unknown_sources="reject") as mock:
        mock.create_source(SOURCE, associate=True, region=REGION)

        result = unnamed("events").put_partner_events(Entries=[entry()])

    assert result["FailedEntryCount"] == 0
    assert (mock.events[0].partner_account, mock.events[0].delivered) == (MOTO_ACCOUNT, True)

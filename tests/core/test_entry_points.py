"""Every way to activate the mock: decorators, context managers, start/stop, classes, nesting, patch_client."""

from __future__ import annotations

import inspect
import textwrap
import unittest
from typing import Any

import pytest
from helpers import SOURCE, entry, make_client

from mock_partner_events import PartnerEventsMock, current_mock, mock_partner_events


def publish(detail_type: str = "OrderCreated", count: int = 1) -> dict[str, Any]:
    """What code under test does: build a client and publish (the client is new, so it carries the hook)."""
    events = make_client()
    entries = [entry(detail_type, detail={})] * count
    response: dict[str, Any] = events.put_partner_events(Entries=entries)
    return response


def assert_no_mock_is_active() -> None:
    with pytest.raises(RuntimeError, match="no mock is active"):
        current_mock()


# -- decorators ----------------------------------------------------------------------------------------------


@mock_partner_events
def publish_under_bare_decorator(detail_type: str) -> PartnerEventsMock:
    publish(detail_type)
    return current_mock()


def test_bare_decorator_activates_for_the_call_and_keeps_the_signature() -> None:
    mock = publish_under_bare_decorator("Bare")

    assert mock.events.one().detail_type == "Bare"
    assert publish_under_bare_decorator.__name__ == "publish_under_bare_decorator"
    assert list(inspect.signature(publish_under_bare_decorator).parameters) == ["detail_type"]
    assert not mock.active
    assert_no_mock_is_active()


@mock_partner_events(customer_account="444455556666", seed=3)
def publish_under_decorator_with_options() -> PartnerEventsMock:
    publish()
    return current_mock()


def test_decorator_with_options_passes_them_to_the_mock() -> None:
    mock = publish_under_decorator_with_options()

    assert mock.options.seed == 3
    assert mock.events.one().customer_account == "444455556666"


def test_each_decorated_call_starts_from_clean_state() -> None:
    first = publish_under_decorator_with_options()
    first_id = first.events.one().event_id
    second = publish_under_decorator_with_options()

    assert len(second.events) == 1
    assert second.events.one().event_id == first_id  # seed=3: the same fresh start each time


@mock_partner_events
async def publish_from_a_coroutine(count: int) -> PartnerEventsMock:
    publish(count=count)
    return current_mock()


async def test_coroutine_function_is_decorated_as_a_coroutine_function() -> None:
    assert inspect.iscoroutinefunction(publish_from_a_coroutine)

    mock = await publish_from_a_coroutine(3)

    assert len(mock.events) == 3
    assert_no_mock_is_active()


def test_options_alongside_a_target_are_refused() -> None:
    with pytest.raises(TypeError, match=r"mock_partner_events\(\*\*options\)"):
        mock_partner_events(publish, seed=1)  # type: ignore[call-overload]


def test_decorating_something_that_is_not_callable_is_refused() -> None:
    with pytest.raises(TypeError, match="can decorate functions and classes"):
        mock_partner_events()(42)


def test_unknown_option_fails_at_construction() -> None:
    with pytest.raises(TypeError, match=r"mock_partner_events\(\) got unknown option 'sede' \(did you mean 'seed'\?\)"):
        mock_partner_events(sede=1)  # type: ignore[call-overload]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"unknown_sources": "drop"}, "unknown_sources must be 'accept' or 'reject', not 'drop'"),
        ({"max_request_bytes": 0}, "max_request_bytes must be a positive int"),
        ({"customer_account": "12"}, "customer_account must be a 12-digit AWS account id string, not '12'"),
    ],
)
def test_invalid_option_values_say_what_to_change(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        mock_partner_events(**options)


# -- context managers and start/stop -------------------------------------------------------------------------


def test_with_block_yields_the_mock_and_deactivates_after() -> None:
    with mock_partner_events() as mock:
        assert current_mock() is mock
        publish()

    assert not mock.active
    assert len(mock.events) == 1  # the records outlive the block, for assertions after it
    assert_no_mock_is_active()


async def test_async_with_block() -> None:
    async with mock_partner_events(seed=1) as mock:
        assert current_mock() is mock
        publish()

    assert len(mock.events) == 1
    assert_no_mock_is_active()


def test_start_and_stop() -> None:
    mock = mock_partner_events()
    assert mock.start() is mock
    try:
        publish()
        assert current_mock() is mock
    finally:
        mock.stop()

    assert len(mock.events) == 1
    assert_no_mock_is_active()


def test_stop_without_start_is_an_error() -> None:
    with pytest.raises(RuntimeError, match=r"stop\(\) called on a mock that is not started"):
        mock_partner_events().stop()


def test_second_start_is_harmless_and_keeps_the_state() -> None:
    mock = mock_partner_events()
    mock.start()
    try:
        publish()
        mock.start()
        publish()
        mock.stop()
        assert mock.active, "a start() is undone by its own stop(), so the first start still holds"
        assert len(mock.events) == 2
    finally:
        mock.stop()

    assert not mock.active
    with pytest.raises(RuntimeError):
        mock.stop()


def test_restarting_a_stopped_mock_starts_from_clean_state() -> None:
    mock = mock_partner_events()
    with mock:
        publish()
    with mock:
        assert len(mock.events) == 0
        assert mock.calls == []


# -- test classes --------------------------------------------------------------------------------------------


@mock_partner_events(customer_account="444455556666")
class TestUnittestCaseUnderTheMock(unittest.TestCase):
    def setUp(self) -> None:
        self.mock = current_mock()  # setUp already runs under the mock
        publish("FromSetUp")

    def test_setup_published_into_this_tests_mock(self) -> None:
        publish("FromTest")

        assert [event.detail_type for event in self.mock.events] == ["FromSetUp", "FromTest"]
        assert self.mock.events[0].customer_account == "444455556666"

    def test_every_test_starts_clean(self) -> None:
        assert len(self.mock.events) == 1


def test_testcase_mock_is_stopped_after_each_test_even_when_it_fails() -> None:
    @mock_partner_events
    class Case(unittest.TestCase):
        def test_fails(self) -> None:
            publish()
            raise AssertionError("boom")

        def test_passes(self) -> None:
            publish()

    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(Case).run(result)

    assert (result.testsRun, len(result.failures), len(result.errors)) == (2, 1, 0)
    assert_no_mock_is_active()


@mock_partner_events
class TestPlainClassUnderTheMock:
    def helper_is_not_wrapped(self) -> None:
        current_mock()

    def test_methods_run_under_the_mock(self) -> None:
        publish()
        assert len(current_mock().events) == 1

    def test_each_method_gets_clean_state(self) -> None:
        assert len(current_mock().events) == 0

    def test_non_test_methods_are_left_alone(self) -> None:
        assert not hasattr(type(self).helper_is_not_wrapped, "__wrapped__")
        assert hasattr(type(self).test_methods_run_under_the_mock, "__wrapped__")


# -- nesting -------------------------------------------------------------------------------------------------


def test_nested_mocks_each_have_their_own_state_and_the_outer_resumes() -> None:
    with mock_partner_events(customer_account="111111111111") as outer:
        publish("Outer1")
        with mock_partner_events(customer_account="222222222222") as inner:
            assert current_mock() is inner
            publish("Inner")
        assert current_mock() is outer
        publish("Outer2")

    assert [event.detail_type for event in outer.events] == ["Outer1", "Outer2"]
    assert [event.detail_type for event in inner.events] == ["Inner"]
    assert inner.events[0].customer_account == "222222222222"


def test_nesting_the_same_mock_is_reference_counted() -> None:
    mock = mock_partner_events()
    with mock:
        with mock:
            publish()
        assert mock.active
        publish()

    assert len(mock.events) == 2
    assert not mock.active


def test_nested_decorated_function_inside_a_with_block() -> None:
    with mock_partner_events() as outer:
        inner = publish_under_bare_decorator("Inner")
        assert current_mock() is outer

    assert len(outer.events) == 0
    assert len(inner.events) == 1


# -- no leaks ------------------------------------------------------------------------------------------------


@mock_partner_events
def publish_then_raise() -> None:
    publish()
    raise ValueError("the code under test failed")


def test_a_raising_decorated_function_leaves_no_mock_behind() -> None:
    with pytest.raises(ValueError, match="code under test failed"):
        publish_then_raise()

    assert_no_mock_is_active()


async def publish_then_raise_in_async_with() -> None:
    async with mock_partner_events():
        publish()
        raise ValueError("inside")


async def test_a_raising_async_with_block_leaves_no_mock_behind() -> None:
    with pytest.raises(ValueError, match="inside"):
        await publish_then_raise_in_async_with()

    assert_no_mock_is_active()


def test_a_raising_inner_mock_restores_the_outer() -> None:
    with mock_partner_events() as outer:
        with pytest.raises(ValueError, match="inner"), mock_partner_events():
            raise ValueError("inner")
        assert current_mock() is outer


# -- patch_client --------------------------------------------------------------------------------------------


def test_a_client_built_before_import_is_answered_and_patch_client_attaches_it(pytester: pytest.Pytester) -> None:
    """The Endpoint._send guard answers a client whose session predates the package; patch_client still works."""
    script = pytester.makepyfile(
        textwrap.dedent(
            f"""
            import boto3
            from botocore.config import Config

            early = boto3.client(
                "events", region_name="us-east-1", endpoint_url="http://127.0.0.1:9",
                aws_access_key_id="testing", aws_secret_access_key="testing",
                config=Config(retries={{"max_attempts": 0}}, connect_timeout=1),
            )
            entries = [{{"Source": "{SOURCE}", "DetailType": "Early", "Detail": "{{}}"}}]

            from mock_partner_events import mock_partner_events, patch_client

            with mock_partner_events() as mock:
                early.put_partner_events(Entries=entries)
                assert patch_client(early) is early
                early.put_partner_events(Entries=entries)
                patch_client(early)  # idempotent: still one handler
                early.put_partner_events(Entries=entries)
            print("patched:", len(mock.events), len(mock.calls))
            """
        )
    )

    result = pytester.runpython(script)

    result.stdout.fnmatch_lines(["patched: 3 3"])

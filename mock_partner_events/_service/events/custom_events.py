"""PutEvents, as far as it concerns partner event buses: AWS refuses to let anyone but the partner write to them.

Evidence: botocore's model types PutEventsRequestEntry.EventBusName as `NonPartnerEventBusNameOrArn`, whose
pattern `(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[\\.\\-_A-Za-z0-9]+` admits no `/`,
and a customer who sent PutEvents to a Shopify partner bus got exactly that request-level ValidationException
("Value '...event-bus/aws.partner/shopify.com/...' at 'entries.1.member.eventBusName' failed to satisfy
constraint: Member must satisfy regular expression pattern: ...", aws/aws-sdk-js-v3#3714). The model checks
(`_wire.model_rules`) give that answer before this function runs; the dispatch sends only PutEvents naming a partner
bus here (the rest is moto's). A PutEvents that reaches this function anyway (the HTTP server gets every request)
is one the mock does not model.
"""

from __future__ import annotations

from typing import Any

from mock_partner_events._service.context import CallContext
from mock_partner_events._wire.protocol import AwsError


def put_events(context: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    raise AwsError(
        "UnknownOperationException",
        "mock-partner-events answers PutEvents only to refuse events for a partner event bus, as AWS does "
        "(EventBusName aws.partner/...); events for the customer's own buses are moto's: run moto's mock_aws "
        "in the same process to answer them.",
    )

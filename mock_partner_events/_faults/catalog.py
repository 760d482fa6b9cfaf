"""The errors faults inject, with AWS's HTTP status and message for each code (reference sections 1.4 and 1.5).

The status decides whether botocore retries a request-level error, so `fail_requests` refuses a code it does not
know unless the caller names the status. A publisher decides retries of failed entries by their ErrorCode, so a
typo would silently turn a retryable failure into a fatal one: `fail_entries` refuses a code AWS does not
document unless the caller says `custom=True`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from mock_partner_events._wire.protocol import AwsError

BARE_413 = "413"

# code -> (HTTP status, message). Messages are AWS's wire text where it is known ("Rate exceeded"), else the
# text AWS documents for the code (botocore's model or the CommonErrors page); see README "Modelled choices".
REQUEST_ERRORS: dict[str, tuple[int, str]] = {
    "ThrottlingException": (400, "Rate exceeded"),
    "InternalException": (500, "This exception occurs due to unexpected causes."),
    "OperationDisabledException": (400, "The operation you are attempting is not available in this region."),
    "ServiceUnavailable": (503, "The request has failed due to a temporary failure of the server."),
    "AccessDeniedException": (400, "You do not have sufficient access to perform this action."),
    "InternalFailure": (500, "The request processing has failed because of an unknown error, exception or failure."),
    "ValidationException": (400, "The input fails to satisfy the constraints specified by an AWS service."),
    "LimitExceededException": (
        400,
        "The request failed because it attempted to create resource beyond the allowed service quota.",
    ),
    "ResourceNotFoundException": (400, "An entity that you specified does not exist."),
    "ConcurrentModificationException": (400, "There is concurrent modification on a rule, target, archive, or replay."),
    "InvalidStateException": (400, "The specified state is not a valid state for an event source."),
    "SerializationException": (400, "Start of structure or map found where not expected."),
    "IncompleteSignature": (400, "The request signature does not conform to AWS standards."),
    "InvalidClientTokenId": (403, "The security token included in the request is invalid."),
    "MissingAuthenticationToken": (403, "Missing Authentication Token"),
    "NotAuthorized": (400, "You do not have permission to perform this action."),
    "OptInRequired": (403, "The AWS access key ID needs a subscription for the service."),
    "RequestExpired": (400, "Request has expired."),
    BARE_413: (413, ""),
}

# Per-entry ErrorCode -> ErrorMessage, where AWS's text is known (or, for ThrottlingException, modelled).
ENTRY_MESSAGES: dict[str, str] = {
    "InternalFailure": "Internal Service Failure",
    "ThrottlingException": "Rate exceeded",
    "MalformedDetail": "Detail is malformed.",
}


# The ErrorCodes AWS documents for failed PutEvents entries (reference section 1.4), and the code the mock itself
# gives entries it may not accept.
ENTRY_CODES = (
    "InternalFailure",
    "ThrottlingException",
    "AccessDeniedException",
    "InvalidAccountIdException",
    "InvalidArgument",
    "MalformedDetail",
    "RedactionFailure",
    "NotAuthorizedForSourceException",
    "NotAuthorizedForDetailTypeException",
)


def request_error(code: str, message: str | None, status: int | None) -> AwsError:
    """The AwsError `fail_requests` answers with; a 413 without a message is the front door's bare 413."""
    __tracebackhide__ = True
    known = REQUEST_ERRORS.get(code)
    if known is None and status is None:
        raise ValueError(
            f"mock-partner-events: fail_requests does not know the HTTP status AWS sends with {code!r}"
            f"{did_you_mean(code, REQUEST_ERRORS)}; pass status=... (it decides whether botocore retries), or use "
            f"one of {', '.join(sorted(REQUEST_ERRORS))}"
        )
    default_status, default_message = known or (400, f"{code} (injected by mock-partner-events)")
    status = default_status if status is None else status
    if not isinstance(status, int) or not 400 <= status <= 599:
        raise ValueError(f"mock-partner-events: status must be an HTTP error status (400-599), not {status!r}")
    if message is None:
        message = "" if status == 413 else default_message
    return AwsError(code, message, status)


def entry_message(code: str) -> str:
    return ENTRY_MESSAGES.get(code, f"{code} (injected by mock-partner-events)")


def check_entry_code(code: str, custom: bool) -> None:
    """Refuse a per-entry ErrorCode AWS does not document, unless the caller asked for a custom one."""
    if custom or code in ENTRY_CODES:
        return
    raise ValueError(
        f"mock-partner-events: fail_entries does not know the per-entry ErrorCode {code!r}"
        f"{did_you_mean(code, ENTRY_CODES)}; AWS's codes are {', '.join(ENTRY_CODES)} (a publisher retries "
        "InternalFailure and ThrottlingException only). To inject a code of your own, pass custom=True."
    )


def did_you_mean(code: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(code, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""

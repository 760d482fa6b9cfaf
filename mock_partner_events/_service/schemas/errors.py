"""The Schemas API's errors, at the HTTP status botocore's model gives each (`httpStatusCode`)."""

from __future__ import annotations

from mock_partner_events._wire.protocol import AwsError

STATUS = {
    "BadRequestException": 400,
    "UnauthorizedException": 401,
    "ForbiddenException": 403,
    "NotFoundException": 404,
    "ConflictException": 409,
    "GoneException": 410,
    "PreconditionFailedException": 412,
    "TooManyRequestsException": 429,
    "InternalServerErrorException": 500,
    "ServiceUnavailableException": 503,
}


def error(code: str, message: str) -> AwsError:
    return AwsError(code, message, STATUS[code])


def bad_request(message: str) -> AwsError:
    return error("BadRequestException", message)


def not_found(message: str) -> AwsError:
    return error("NotFoundException", message)


def conflict(message: str) -> AwsError:
    return error("ConflictException", message)


def forbidden(message: str) -> AwsError:
    return error("ForbiddenException", message)

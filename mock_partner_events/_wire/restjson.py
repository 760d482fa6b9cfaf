"""AWS rest-json, as the EventBridge Schemas API speaks it: routes, URI and query members, `Code` errors.

A request names its operation by method and path: the path is matched against every operation's `requestUri`
template of botocore's model (`{name}` one segment, `{name+}` the rest), each label percent-decoded into the
input member that names it. Query members are read with their shape's type (`limit` an integer, `tagKeys` a
list); body members by their wire name (`tags` → `Tags`). Answers carry the operation's `responseCode` and the
output members under their wire names, timestamps as ISO 8601. Errors are `{"Code": ..., "Message": ...}` with
`x-amzn-ErrorType`, at the status the model gives the error shape.

A method and path that match no operation get what API Gateway, which fronts the Schemas API, answers for a
route it does not have: 403 `MissingAuthenticationTokenException`, "Missing Authentication Token" (a modelled
choice, see docs/reference/modelled-choices.md).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any, NamedTuple
from urllib.parse import parse_qs, unquote, urlsplit

import botocore.session
from botocore.model import ListShape, MapShape, OperationModel, ServiceModel, Shape, StructureShape

from mock_partner_events._wire.protocol import AwsError, HttpRequest, HttpResponse, JsonBody

CONTENT_TYPE = "application/json"
NO_ROUTE = AwsError("MissingAuthenticationTokenException", "Missing Authentication Token", 403)
_LABEL = re.compile(r"\{([^}+]+)(\+?)\}")


class Route(NamedTuple):
    """One operation's method and path template, compiled."""

    method: str
    pattern: re.Pattern[str]
    labels: dict[str, str]  # regex group name -> the label as the template names it
    operation: str


class RestJson:
    """The rest-json codec of one botocore service model, compiled on first use."""

    def __init__(self, service_name: str) -> None:
        self.service_name = service_name

    @functools.cached_property
    def model(self) -> ServiceModel:
        return botocore.session.get_session().get_service_model(self.service_name)

    @functools.cached_property
    def _routes(self) -> list[Route]:
        routes = [_route(self.model.operation_model(name)) for name in self.model.operation_names]
        # literal segments win over labels: `/schemas/search` before `/schemas/name/{schemaName}`
        return sorted(routes, key=lambda route: -route.pattern.pattern.count("/"))

    @functools.cache  # noqa: B019 (one codec per service, held for the process)
    def _operation_model(self, operation: str) -> OperationModel:
        return self.model.operation_model(operation)

    def status_of(self, code: str) -> int:
        """The HTTP status botocore's model gives an error code (400 for a code it does not name)."""
        shape = self.model.shape_for(code) if code in self.model.shape_names else None
        return int(shape.metadata.get("error", {}).get("httpStatusCode", 400)) if shape is not None else 400

    # -- Codec -------------------------------------------------------------------------------------------------

    def operation(self, request: HttpRequest) -> str | None:
        matched = self._match(request)
        return matched[0] if matched else None

    def read(self, request: HttpRequest, operation: str | None) -> JsonBody:
        return JsonBody(self._params(request, operation))  # rest-json input has no integers beyond 64 bits

    def recorded_params(self, request: HttpRequest) -> bytes:
        """The params read from the path, query and body, as JSON (an unreadable request records none)."""
        try:
            return json.dumps(self._params(request, self.operation(request))).encode()
        except AwsError:
            return b""

    def _params(self, request: HttpRequest, operation: str | None) -> dict[str, Any]:
        matched = self._match(request)
        if matched is None or matched[0] != operation:
            raise NO_ROUTE
        name, labels = matched
        shape = self._operation_model(name).input_shape
        return _read_input(shape, labels, urlsplit(request.url).query, request.body) if shape is not None else {}

    def answer(self, operation: str, payload: Mapping[str, Any] | None, request_id: str) -> HttpResponse:
        model = self._operation_model(operation)
        status = int(model.http.get("responseCode", 200))
        shape = model.output_shape
        data = _write(shape, payload) if shape is not None and payload is not None else None
        body = b"" if data is None or status == 204 else json.dumps(data, separators=(",", ":")).encode()
        return HttpResponse(status, _headers(request_id, body), body)

    def error(self, error: AwsError, request_id: str) -> HttpResponse:
        body = json.dumps({"Code": error.code, "Message": error.message}).encode()
        headers = _headers(request_id, body)
        headers["x-amzn-errortype"] = error.code
        return HttpResponse(error.status, headers, body)

    def _match(self, request: HttpRequest) -> tuple[str, dict[str, str]] | None:
        path = urlsplit(request.url).path or "/"
        for route in self._routes:
            if route.method != request.method:
                continue
            found = route.pattern.fullmatch(path)
            if found is not None:
                return route.operation, {route.labels[key]: unquote(value) for key, value in found.groupdict().items()}
        return None


def _route(model: OperationModel) -> Route:
    template = model.http["requestUri"].split("?", 1)[0]
    labels: dict[str, str] = {}
    parts: list[str] = []
    position = 0
    for index, found in enumerate(_LABEL.finditer(template)):
        parts.append(re.escape(template[position : found.start()]))
        group = f"l{index}"
        labels[group] = found.group(1)
        parts.append(f"(?P<{group}>.+)" if found.group(2) else f"(?P<{group}>[^/]+)")
        position = found.end()
    parts.append(re.escape(template[position:]))
    return Route(model.http["method"], re.compile("".join(parts)), labels, model.name)


def _read_input(shape: StructureShape, labels: dict[str, str], query: str, body: bytes) -> dict[str, Any]:
    """The input members from the URI labels, the query string and the JSON body, under their member names."""
    params: dict[str, Any] = {}
    sent = parse_qs(query, keep_blank_values=True)
    document = _body(body) if any(not member.serialization.get("location") for member in shape.members.values()) else {}
    for name, member in shape.members.items():
        location = member.serialization.get("location")
        wire = member.serialization.get("name", name)
        if location == "uri" and wire in labels:
            params[name] = labels[wire]
        elif location == "querystring" and wire in sent:
            params[name] = _query_value(member, sent[wire], wire)
        elif location is None and wire in document:
            params[name] = document[wire]
    return params


def _body(body: bytes) -> dict[str, Any]:
    if not body.strip():
        return {}
    try:
        document = json.loads(body)
    except ValueError:
        raise AwsError("BadRequestException", "Unable to parse the request body as JSON.") from None
    if not isinstance(document, dict):
        raise AwsError("BadRequestException", "The request body must be a JSON object.")
    return document


def _query_value(member: Shape, values: list[str], wire: str) -> Any:
    if isinstance(member, ListShape):
        return values
    value = values[-1]
    if member.type_name in ("integer", "long"):
        try:
            return int(value)
        except ValueError:
            raise AwsError("BadRequestException", f"Invalid value for query parameter {wire}: {value!r}") from None
    if member.type_name == "boolean":
        return value == "true"
    return value


def _write(shape: Shape, value: Any) -> Any:
    """A payload value as the wire carries it: structure members under their wire names, timestamps ISO 8601."""
    if value is None:
        return None
    if isinstance(shape, StructureShape):
        return {
            member.serialization.get("name", name): _write(member, value[name])
            for name, member in shape.members.items()
            if value.get(name) is not None
        }
    if isinstance(shape, ListShape):
        return [_write(shape.member, item) for item in value]
    if isinstance(shape, MapShape):
        return {key: _write(shape.value, item) for key, item in value.items()}
    if shape.type_name == "timestamp":
        return _iso(value)
    return value


def _iso(value: float | datetime) -> str:
    moment = value if isinstance(value, datetime) else datetime.fromtimestamp(value, timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _headers(request_id: str, body: bytes) -> dict[str, str]:
    return {"content-type": CONTENT_TYPE, "content-length": str(len(body)), "x-amzn-requestid": request_id}


SCHEMAS = RestJson("schemas")
"""The EventBridge Schemas API (2019-12-02)."""

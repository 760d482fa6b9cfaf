"""What the Schemas service keeps, per account and region: registries with their schemas and versions,
discoverers, and the events waiting to be discovered.

Every account and region starts with the two registries AWS provides: `aws.events` (scope AWS: AWS's own
schemas; the mock keeps it empty) and `discovered-schemas` (scope LOCAL: where discoverers write). Neither can be
deleted (a modelled choice).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mock_partner_events._records.rows import Packed

AWS_REGISTRY = "aws.events"
DISCOVERED_REGISTRY = "discovered-schemas"
BUILT_IN = {AWS_REGISTRY: "AWS", DISCOVERED_REGISTRY: "LOCAL"}
BUILT_IN_DESCRIPTIONS = {
    AWS_REGISTRY: "Schemas for AWS services' events",
    DISCOVERED_REGISTRY: "Schemas discovered from events on your event buses",
}


@dataclass
class Version:
    number: str
    content: str
    type: str
    created: float


@dataclass
class Schema:
    name: str
    description: str | None
    versions: dict[str, Version] = field(default_factory=dict)  # in creation order; the last is the latest
    last_number: int = 0
    last_modified: float = 0.0
    tags: dict[str, str] = field(default_factory=dict)

    @property
    def latest(self) -> Version:
        return next(reversed(self.versions.values()))

    def add_version(self, content: str, type_: str, now: float) -> Version:
        self.last_number += 1
        version = Version(str(self.last_number), content, type_, now)
        self.versions[version.number] = version
        self.last_modified = now
        return version


@dataclass
class Policy:
    document: str
    revision_id: str


@dataclass
class Registry:
    name: str
    scope: str
    description: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    schemas: dict[str, Schema] = field(default_factory=dict)
    policy: Policy | None = None


@dataclass
class Discoverer:
    id: str
    source_arn: str
    description: str | None
    state: str
    cross_account: bool
    tags: dict[str, str] = field(default_factory=dict)


@dataclass
class Partition:
    """One account's resources in one region."""

    account: str
    region: str
    registries: dict[str, Registry] = field(default_factory=dict)
    discoverers: dict[str, Discoverer] = field(default_factory=dict)
    policy: Policy | None = None  # the account's own resource policy (PutResourcePolicy without RegistryName)

    def __post_init__(self) -> None:
        for name, scope in BUILT_IN.items():
            self.registries[name] = Registry(name, scope, BUILT_IN_DESCRIPTIONS[name])

    def arn(self, resource: str) -> str:
        return f"arn:aws:schemas:{self.region}:{self.account}:{resource}"


@dataclass
class SchemasState:
    """The service's state beside the partner world, made afresh with it."""

    partitions: dict[tuple[str, str], Partition] = field(default_factory=dict)
    pending: dict[str, list[Packed]] = field(default_factory=dict)
    """Delivered events waiting for discovery, by the ARN of a bus a STARTED discoverer watches: the engine's
    rows are appended as they are (no work on the publishing path); they are inferred when the registry is read."""
    shapes: dict[tuple[str, str, str], dict[tuple[str, bool], str]] = field(default_factory=dict)
    """Each discovered schema's distinct event shapes by (account, region, schema name): (Detail JSON, resources
    given) -> one envelope of that shape, as JSON."""

    def partition(self, account: str, region: str) -> Partition:
        key = (account, region)
        found = self.partitions.get(key)
        if found is None:
            found = self.partitions[key] = Partition(account, region)
        return found

    def watch(self) -> None:
        """Recompute which buses a STARTED discoverer watches, keeping what they hold."""
        started = {
            discoverer.source_arn
            for partition in self.partitions.values()
            for discoverer in partition.discoverers.values()
            if discoverer.state == "STARTED"
        }
        self.pending = {arn: self.pending.get(arn, []) for arn in started}

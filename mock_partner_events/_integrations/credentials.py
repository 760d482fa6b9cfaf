"""Fake credentials while a mock is active, and no credential provider that reaches the network.

A test should not need an AWS configuration, and a test must never sign with (or fetch) real credentials by
accident. While a mock is active, botocore's credential chain runs only its local providers (environment,
credentials and config files); the ones that call out (instance metadata, containers, STS, SSO, processes) are
skipped. When the local ones find nothing, the client gets fake credentials whose access key id maps to the mock's
partner account. They are good only while a mock is active: used afterwards, they fail as having no credentials
would (NoCredentialsError), so a session that cached them behaves as if this package were not installed.

botocore resolves credentials when a client is built, so a client built before any mock, with no configuration,
holds none, and its signer would raise NoCredentialsError before the request reached the mock. The signer hooks
cover it: while a mock is active, a signer that was built without credentials signs with the same fake ones (on
that one request's signer object; the client keeps None). Outside a mock nothing changes: NoCredentialsError, as
without this package.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from mock_partner_events._core import activation
from mock_partner_events._core.compat import require

FAKE_ACCESS_KEY_ID = "MOCKPARTNEREVENTSKEY"
FAKE_SECRET_ACCESS_KEY = "mock-partner-events-fake-secret"
LOCAL_PROVIDERS = frozenset({"env", "shared-credentials-file", "config-file", "boto-config", "ec2-credentials-file"})
_FAKE = (FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY)
_GUARD_FLAG = "_mock_partner_events_guard"
_HAS_ONE = object()  # a signer (a token signer, say) that has no `credentials` attribute is left alone


def _local(providers: list[Any]) -> list[Any]:
    """The providers that read only this machine: no instance metadata, containers, STS, SSO or processes."""
    return [provider for provider in providers if getattr(provider, "METHOD", None) in LOCAL_PROVIDERS]


def hook(credentials: ModuleType) -> None:
    require(credentials, "CredentialResolver.load_credentials", "Credentials.get_frozen_credentials")
    resolver = credentials.CredentialResolver
    original = resolver.load_credentials
    if getattr(original, _GUARD_FLAG, False):
        return
    fake = _fake_credentials_class(credentials.Credentials)

    def load_credentials(self: Any) -> Any:
        if activation.innermost() is None:
            return original(self)
        for provider in _local(self.providers):
            found = provider.load()
            if found is not None:
                return found
        return fake(*_FAKE, method="mock-partner-events")

    setattr(load_credentials, _GUARD_FLAG, True)
    resolver.load_credentials = load_credentials


def hook_aio(credentials: ModuleType) -> None:
    """aiobotocore's resolver and providers are async; the same rule."""
    require(credentials, "AioCredentialResolver.load_credentials", "AioCredentials.get_frozen_credentials")
    resolver = credentials.AioCredentialResolver
    original = resolver.load_credentials
    if getattr(original, _GUARD_FLAG, False):
        return
    fake = _fake_aio_credentials_class(credentials.AioCredentials)

    async def load_credentials(self: Any) -> Any:
        if activation.innermost() is None:
            return await original(self)
        for provider in _local(self.providers):
            found = await provider.load()
            if found is not None:
                return found
        return fake(*_FAKE, method="mock-partner-events")

    setattr(load_credentials, _GUARD_FLAG, True)
    resolver.load_credentials = load_credentials


def hook_signer(signers: ModuleType) -> None:
    """botocore's RequestSigner: a client built without credentials signs with the fake ones inside a mock."""
    require(signers, "RequestSigner.get_auth_instance")
    signer = signers.RequestSigner
    original = signer.get_auth_instance
    if getattr(original, _GUARD_FLAG, False):
        return
    fake = _fake_frozen()

    def get_auth_instance(self: Any, *args: Any, **kwargs: Any) -> Any:
        auth = original(self, *args, **kwargs)
        if getattr(auth, "credentials", _HAS_ONE) is None and activation.innermost() is not None:
            auth.credentials = fake
        return auth

    setattr(get_auth_instance, _GUARD_FLAG, True)
    signer.get_auth_instance = get_auth_instance


def hook_aio_signer(signers: ModuleType) -> None:
    """aiobotocore's AioRequestSigner (its own, async get_auth_instance): the same rule."""
    require(signers, "AioRequestSigner.get_auth_instance")
    signer = signers.AioRequestSigner
    original = signer.get_auth_instance
    if getattr(original, _GUARD_FLAG, False):
        return
    fake = _fake_frozen()

    async def get_auth_instance(self: Any, *args: Any, **kwargs: Any) -> Any:
        auth = await original(self, *args, **kwargs)
        if getattr(auth, "credentials", _HAS_ONE) is None and activation.innermost() is not None:
            auth.credentials = fake
        return auth

    setattr(get_auth_instance, _GUARD_FLAG, True)
    signer.get_auth_instance = get_auth_instance


def _fake_frozen() -> Any:
    from botocore.credentials import ReadOnlyCredentials

    return ReadOnlyCredentials(*_FAKE, None)


def _fake_credentials_class(base: type[Any]) -> type[Any]:
    from botocore.exceptions import NoCredentialsError

    class MockCredentials(base):  # type: ignore[misc]
        """Fake credentials, usable only while a mock is active."""

        def get_frozen_credentials(self) -> Any:
            if activation.innermost() is None:
                raise NoCredentialsError()
            return super().get_frozen_credentials()

    return MockCredentials


def _fake_aio_credentials_class(base: type[Any]) -> type[Any]:
    from botocore.exceptions import NoCredentialsError

    class MockAioCredentials(base):  # type: ignore[misc]
        """Fake credentials, usable only while a mock is active."""

        async def get_frozen_credentials(self) -> Any:
            if activation.innermost() is None:
                raise NoCredentialsError()
            return await super().get_frozen_credentials()

    return MockAioCredentials

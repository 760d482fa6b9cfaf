"""The AWS CLI (awscli 1.46+), which carries its own copy of botocore as `awscli.botocore`.

What awscli 1.46.3 does with it (checked in tests/test_awscli.py): importing `awscli` installs an import
alias, so that a later `import botocore` loads awscli's copy *as* `botocore` when botocore was not imported
before; and awscli's own modules, the driver and `awscli.botocore.session` included, import top-level
`botocore`. Either way, the copy that answers is the one named `botocore`, which `_botocore.install` hooks
whatever the import order. Only a module imported by the name `awscli.botocore.X` is a second module object:
for `awscli.botocore.handlers` that means a second BUILTIN_HANDLERS list, hooked here when (and only when)
someone imports it, so that a session built from it is answered as well.
"""

from __future__ import annotations

from types import ModuleType

from mock_partner_events._integrations.post_import import when_imported
from mock_partner_events._transports import botocore as _botocore


def install() -> None:
    when_imported("awscli.botocore.handlers", _hook)


def _hook(handlers: ModuleType) -> None:
    _botocore.insert_first(handlers, _botocore.answer)

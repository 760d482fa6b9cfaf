"""The `contracts` extra: what it installs, that `make test`'s venv has it pinned, and that nothing loads the
schema libraries before a contract is used (the plugin's import cost must not move)."""

from __future__ import annotations

import configparser
import re
import subprocess
import sys
import textwrap

from helpers import ROOT
from packaging.requirements import Requirement


def extra(name: str) -> list[Requirement]:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    lines = config["options.extras_require"][name].strip().splitlines()
    return [Requirement(line) for line in lines if line.strip()]


def test_the_contracts_extra_installs_jsonschema_and_make_test_pins_a_version_it_accepts() -> None:
    [jsonschema] = extra("contracts")
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", (ROOT / "constraints" / "test.txt").read_text(), re.M))
    wanted = (ROOT / "requirements" / "test.in").read_text().split()

    assert jsonschema.name == "jsonschema"
    assert "jsonschema" in wanted
    assert jsonschema.specifier.contains(pins["jsonschema"]), (jsonschema, pins["jsonschema"])


def test_no_schema_library_loads_until_a_contract_is_added() -> None:
    code = textwrap.dedent(
        """
        import sys
        import mock_partner_events, mock_partner_events.pytest_plugin, mock_partner_events.contracts
        from mock_partner_events import PartnerEventsMock

        def loaded():
            return sorted({name.split(".")[0] for name in sys.modules} & {"jsonschema", "hypothesis", "waitress"})

        before = loaded()
        mock = PartnerEventsMock()
        engine = loaded()
        mock.contracts.add({"type": "object", "x-amazon-events-detail-type": "OrderCreated"})
        print(before, engine, loaded())
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[] [] ['jsonschema']"

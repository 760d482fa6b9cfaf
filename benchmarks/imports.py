"""The import benchmark: what the pytest plugin adds to every pytest session of every project that installs us.

Each round starts a fresh interpreter that imports pytest, then the plugin, and reports the CPU time of each step;
the plugin's cost is its share of pytest's own import, measured in the same interpreter. A second variant imports
boto3 before the plugin, so that the plugin's hooks into botocore (which go in at once when botocore is there) are
counted. Timing inside the child leaves out interpreter start-up and shut-down, whose run-to-run variation is
larger than the cost measured. The figures are medians over the rounds.

    python -m benchmarks.imports
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys

TARGET_SHARE = 0.05
CHILD = """
import json, time
clock = time.process_time
started = clock()
import pytest
pytest_done = clock()
{before_plugin}
plugin_started = clock()
import mock_partner_events.pytest_plugin
print(json.dumps({{"pytest": pytest_done - started, "plugin": clock() - plugin_started}}))
"""
VARIANTS = {"without boto3": "", "with boto3 imported first": "import boto3"}
_ENVIRONMENT = {**os.environ, "PYTHONHASHSEED": "0"}


def _round(before_plugin: str) -> dict[str, float]:
    code = CHILD.format(before_plugin=before_plugin)
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=_ENVIRONMENT)
    times: dict[str, float] = json.loads(done.stdout)
    return times


def measure(quick: bool = False) -> list[str]:
    rounds = 3 if quick else 31
    lines = ["imports: the plugin's import, as a share of pytest's own, in the same fresh interpreter (medians)"]
    for name, before_plugin in VARIANTS.items():
        samples = [_round(before_plugin) for _ in range(rounds)]
        pytest_ms = statistics.median(sample["pytest"] for sample in samples) * 1000
        plugin_ms = statistics.median(sample["plugin"] for sample in samples) * 1000
        share = statistics.median(sample["plugin"] / sample["pytest"] for sample in samples)
        verdict = ("ok" if share <= TARGET_SHARE else "OVER TARGET") if not before_plugin else "(no target)"
        lines.append(
            f"  {name:<26} import pytest {pytest_ms:6.1f} ms, plugin {plugin_ms:5.2f} ms: "
            f"plugin on top of import pytest {share:+.1%} (target <= {TARGET_SHARE:.0%}) {verdict}"
        )
    return lines


if __name__ == "__main__":
    print("\n".join(measure()))

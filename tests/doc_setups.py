"""Hidden set-up for documentation code blocks: `<!-- doctest: setup=NAME -->` prepends SETUPS[NAME] to the block.

Each snippet is what a reader's project already has (their publisher, a mock in a variable), never something
the example itself needs to show. The publisher is the one the README shows as `publisher.py`.
"""

from __future__ import annotations

from doc_blocks import ROOT, shown_files

PUBLISHER = (
    shown_files(ROOT / "README.md")["publisher"]
    + """

async def publish_orders_async(client, orders=orders, source=SOURCE):
    entries = [{"Source": source, "DetailType": "OrderCreated", "Detail": json.dumps(order)} for order in orders]
    return await client.put_partner_events(Entries=entries)
"""
)

MOCK = """
from datetime import timedelta

from mock_partner_events import PartnerEventsMock, mock_partner_events

mock = PartnerEventsMock()
"""

CLI_ENTRIES = """
import json

entry = {"Source": "aws.partner/example.com/1234/orders", "DetailType": "OrderCreated", "Detail": json.dumps({"id": 1})}
entries_json = json.dumps([entry])
"""

SETUPS = {"publisher": PUBLISHER, "mock": MOCK, "cli-entries": CLI_ENTRIES}

SERVER_PUBLISHER = """
import pathlib

pathlib.Path("publisher.py").write_text('''
import json
import os

import botocore.session

client = botocore.session.get_session().create_client(
    "events",
    region_name="us-east-1",
    endpoint_url=os.environ["EVENTS_ENDPOINT"],
    aws_access_key_id="testing",
    aws_secret_access_key="testing",
)
source = "aws.partner/example.com/1234/orders"
entries = [{"Source": source, "DetailType": "OrderCreated", "Detail": json.dumps({"id": n})} for n in range(3)]
assert client.put_partner_events(Entries=entries)["FailedEntryCount"] == 0
''')
"""

SETUPS["server-publisher"] = SERVER_PUBLISHER

ORDER_CONTRACT = """
import json as _json
import pathlib as _pathlib

from mock_partner_events.contracts import infer_schema as _infer_schema

_pathlib.Path("contracts").mkdir(exist_ok=True)
_pathlib.Path("contracts/orders.json").write_text(_json.dumps(_infer_schema([{
    "detail-type": "OrderCreated", "source": "aws.partner/example.com/1234/orders",
    "detail": {"order_id": 1, "total": 12.5},
}])))
"""

SETUPS["order-contract"] = ORDER_CONTRACT
"""The partner's contract file, `contracts/orders.json`: the schema discovery infers from one order."""

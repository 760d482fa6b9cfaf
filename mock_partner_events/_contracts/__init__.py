"""Event contracts: AWS's schema discovery, contract checks, schema diff and generated events.

The layer sits between the services and the world: it reads recorded events and schema documents, and never the
engine. jsonschema is imported only when a contract is added, hypothesis only when events are drawn from one.
"""

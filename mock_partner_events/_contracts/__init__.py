"""Event contracts: AWS's schema discovery, contract checks, schema diff and generated events.

The layer sits between the services and the world: it reads recorded events and schema documents, and never the
engine. jsonschema and hypothesis-jsonschema are imported only when a contract is actually checked or drawn from.
"""

"""Persistence for Common Ground: models, engine, unit of work, schema, change log.

Imports no Qt and nothing from ``desktop`` or ``ui``.
"""

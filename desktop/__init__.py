"""The application without a screen: services per area, analytics, reports, commands.

Imports no Qt. Services take a ``UnitOfWork`` and return frozen dataclasses.
"""

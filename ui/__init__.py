"""The PySide6 interface: a client of ``desktop``, thin widgets over its services."""

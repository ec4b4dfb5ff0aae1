"""What more than one test module needs: imported as ``helpers.<module>``, since ``tests/``
is on ``sys.path`` (pytest puts a test folder without ``__init__.py`` there)."""

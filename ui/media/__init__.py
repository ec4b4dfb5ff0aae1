"""The Media relations area: contacts and outlets, pitches, coverage and amplification,
the materials library, and speaking slots at industry events."""

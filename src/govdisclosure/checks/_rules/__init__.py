"""Rule families, one module each. :mod:`..registry` lists them in order."""

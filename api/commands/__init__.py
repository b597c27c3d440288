"""CLI sub-commands, one module each; :mod:`api.cli` registers them."""

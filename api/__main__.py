"""``python -m api`` runs the ``newsgraph`` command line."""

from api.cli import main

main()

"""``python -m conflictgraph`` runs the command line."""

from conflictgraph.cli import main

main()

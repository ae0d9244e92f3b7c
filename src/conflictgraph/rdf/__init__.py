"""rdf stage."""

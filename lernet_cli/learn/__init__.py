"""Learning from hand coding: scoring rules against a person, suggesting terms, codebook edits."""

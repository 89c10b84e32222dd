"""From transcripts to codings: rules, protocol questions, codes people put in files, review."""

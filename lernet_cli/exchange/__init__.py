"""Other tools' formats: REFI-QDA projects (.qdpx) and codebooks (.qdc), and CSV."""

"""The codebook format: loading and checking a codebook file and its rule language."""

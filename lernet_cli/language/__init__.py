"""Words, sentences, clauses, negation and lemmas in Dutch and English: under the rules."""

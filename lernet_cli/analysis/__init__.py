"""What the codings say: counts of interviewees, quotes, bring/take matrix, phases, agreement."""

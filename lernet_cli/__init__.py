"""lernet: code interview transcripts, count interviewees, quote them anonymously."""

__version__ = "0.1.0"

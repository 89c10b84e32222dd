"""The command line: a module per command group; each parses options, calls the library, renders."""

from .app import app, main

__all__ = ["app", "main"]

"""The command line: a module per command group; each parses options, calls the library, renders.

Commands are registered here, in the order `lernet --help` lists them.
"""

from __future__ import annotations

from typing import Any, cast

from . import analysis, code, codebook, coding, exchange, learn, project, team
from .common import app, codebook_app, coders_app, export_app, import_app, main

__all__ = ["app", "main"]

_COMMANDS = [
    (app, None, project.init),
    (app, None, code.code),
    (app, None, coding.speakers),
    (app, None, analysis.tally),
    (app, None, analysis.quotes),
    (app, None, analysis.names),
    (app, None, coding.codings),
    (app, None, coding.memos),
    (app, None, coding.review),
    (app, None, analysis.matrix),
    (app, None, analysis.phases),
    (app, None, analysis.report),
    (app, None, analysis.agree),
    (app, None, team.merge),
    (app, None, learn.suggest),
    (app, None, project.backup),
    (app, None, project.restore),
    (app, None, project.remove),
    (export_app, "qdpx", exchange.export_qdpx_cmd),
    (export_app, "qdc", exchange.export_qdc_cmd),
    (export_app, "csv", exchange.export_csv_cmd),
    (import_app, "qdpx", exchange.import_qdpx_cmd),
    (codebook_app, "import", codebook.codebook_import),
    (codebook_app, "check", codebook.codebook_check),
    (codebook_app, "test", codebook.codebook_test),
    (codebook_app, "eval", learn.codebook_eval),
    (codebook_app, "show", codebook.codebook_show),
    (codebook_app, "renamed", codebook.codebook_renamed),
    (codebook_app, "removed", codebook.codebook_removed),
]
for _group, _name, _func in _COMMANDS:
    _group.command(_name)(cast(Any, _func))
coders_app.callback(invoke_without_command=True)(cast(Any, team.coders))
coders_app.command("same")(cast(Any, team.coders_same))
coders_app.command("apart")(cast(Any, team.coders_apart))

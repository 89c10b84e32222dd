"""`lernet code` where nothing is coded yet: a project made where there is none, in the
transcripts' language; a note where they are in another language than the project's."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from ..errors import printable
from .code_codebooks import note_new_project_codebooks
from .code_summary import _some
from .common import _err

LANGUAGE_NAMES = {"nl": "Dutch", "en": "English"}


def _create_project(
    transcripts: list[Path],
    codebooks: list[Path],
    beside: bool = False,
    in_folders: Collection[Path] = (),
) -> Any:
    """`lernet code` outside a project: one here, in the transcripts' language where the
    codebook there can speak it (it declares no language, or has labels in theirs as the bundled
    one does), else in the language it declares: a codebook of one's own with labels of one
    language says what its report is written in (an English codebook for Dutch interviews: an
    English report of Dutch quotes), as for a project `lernet init` made. `beside`: the codebook
    was found in a folder named, not named itself. `in_folders`: files found by walking a folder
    (`Inputs.in_folders`)."""
    from ..codebook.codebook import codebook_language, words_labels_in
    from ..coding.pipeline import transcripts_language
    from ..project.project import init_project

    guess = transcripts_language(transcripts, in_folders=in_folders)
    codebook = codebooks[0] if codebooks else None
    path = codebook or Path("codebook.yaml")
    declared = codebook_language(path)
    if declared != guess.language and words_labels_in(path, guess.language):
        declared = None  # it has labels in the transcripts' language (the bundled one does)
    lang = declared or guess.language
    project, created = init_project(Path.cwd(), lang, codebook=codebook, explicit=declared is None)
    if codebook is not None:
        which = f"{codebook} as the codebook{' (found beside the transcripts)' if beside else ''}"
    elif project.relative(project.codebook_path) not in created:  # kept, never overwritten
        which = f"{project.relative(project.codebook_path)} as the codebook (it was here already)"
    else:
        which = "the default codebook (learning networks)"
    if declared is not None:
        other = "" if guess.language == lang else f"; quotes stay as said, the rest is {lang}"
        why = f", the codebook's ({_read_as(guess)}{other}); set language: in lernet.yaml to "
        why += "change it"
    else:
        why = f": {_read_as(guess)}{_mixed_means(guess, lang)}; change language: in lernet.yaml if "
        why += "that is wrong"
    _err(
        f"lernet: no project here; created one in {project.root} with {which}, language {lang}{why}"
    )
    if codebook is None:
        note_new_project_codebooks(project)
    return project


def _read_as(guess: Any) -> str:
    """ "the transcripts read as Dutch (12 Dutch, 2 English function words)", or, when some
    files read as each language, "the transcripts are mixed: 9 files read as Dutch, 5 as English
    (…)" with the language most are in first."""
    counts = ", ".join(f"{n} {LANGUAGE_NAMES[k]}" for k, n in guess.counts.items())
    if not guess.mixed:
        return f"the transcripts read as {LANGUAGE_NAMES[guess.language]} ({counts} function words)"
    ranked = sorted(guess.files.items(), key=lambda kv: (kv[0] != guess.language, -kv[1]))
    (first, n), rest = ranked[0], [(k, m) for k, m in ranked[1:] if m]
    others = ", ".join(f"{m} as {LANGUAGE_NAMES[k]}" for k, m in rest)
    which = [str(p) for p in guess.other()]
    return (
        f"the transcripts are mixed: {n} file{'' if n == 1 else 's'} read as "
        f"{LANGUAGE_NAMES[first]}, {others}{f': {_some(which)}' if which else ''} "
        f"({counts} function words)"
    )


def _mixed_means(guess: Any, language: str) -> str:
    """What a project's language means for the transcripts in the other one."""
    if not guess.mixed:
        return ""
    other = next(LANGUAGE_NAMES[k] for k, n in guess.files.items() if n and k != language)
    return (
        f"; the {other} ones are coded with the same codebook's rules as the others, and what "
        f"lernet writes of them (report, labels, placeholders) is in "
        f"{LANGUAGE_NAMES.get(language, language)}"
    )


def _refuse_files_of_another_project(paths: list[Path]) -> None:
    """`lernet code FILES` outside any project, of files inside one: coding them here would
    start a second, empty project beside theirs. Nothing is made; the user is told where to go."""
    from ..errors import ProjectError
    from ..project.project import project_of_files

    found = project_of_files(paths)
    if found is not None:
        path, root = found
        where = printable(str(root))
        raise ProjectError(
            f"belongs to the lernet project in {where}, and there is none here: code it there "
            f'(cd "{where}") or add --project "{where}"; nothing was created here (to start a '
            "separate project here all the same, run `lernet init` here first)",
            path,
        )


def _language_hint(
    project: Any, transcripts: list[Path], store: Any = None, in_folders: Collection[Path] = ()
) -> None:
    """The first transcripts of a project made by `lernet init` (Dutch unless told) are clearly
    in the other language: say where the project's language is set, before anything is coded.
    Where neither lernet.yaml nor the codebook sets a language, the project follows them: the
    store keeps the guess (`transcripts_language`), which every later command reads."""
    from ..coding.pipeline import transcripts_language

    guess = transcripts_language(transcripts, in_folders=in_folders)
    if guess.language == project.language or (guess.share < 0.75 and not guess.mixed):
        return
    if project.language_source == "default" and store is not None and not guess.mixed:
        from ..project.project import TRANSCRIPTS_LANGUAGE

        store.set_meta(TRANSCRIPTS_LANGUAGE, guess.language)
        project.follow_language(guess.language, "transcripts")
        _err(
            f"lernet: note: {_read_as(guess)} and neither lernet.yaml nor the codebook sets a "
            f"language: the project is {LANGUAGE_NAMES.get(guess.language, guess.language)} "
            f"(set language: in {project.root / 'lernet.yaml'} to change it)"
        )
        return
    most = " most of them are" if guess.mixed else " they are"
    _err(
        f"lernet: note: {_read_as(guess)}, the project is "
        f"{LANGUAGE_NAMES.get(project.language, project.language)}: set language: "
        f"{guess.language} in {project.root / 'lernet.yaml'} if{most} (the codebook's labels, "
        "names' placeholders and the report's wording follow it)"
    )

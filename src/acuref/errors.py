"""Every error acuref raises, and the exit code each one maps to.

The CLI has a single handler (``acuref.cli.main``) that turns these into a
one-line ``error: …`` on stderr and the exit status below, so a script can
trust the exit code of every command.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Iterable, Sequence


class ExitStatus(IntEnum):
    """Exit codes of the ``acuref`` command, decided here and nowhere else."""

    OK = 0
    FINDINGS = 1  # the command worked and found something to report (dedupe --exit-code, check)
    USAGE = 2  # bad command line
    NOT_FOUND = 3  # unknown or ambiguous citation key / query
    INVALID_STORE = 4  # the reference store does not parse or validate
    INVALID_INPUT = 5  # an input file (import, draft, style) is malformed
    IO_ERROR = 6  # cannot read or write a file, lock not acquired
    REMOTE = 7  # a web service (Crossref, NCBI, Open Library, arXiv) could not be reached or failed
    INTERNAL = 70  # a bug in acuref


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a file, located as precisely as we can.

    Frozen so that a list of problems can be sorted, compared and reported as
    data (bibtexparser's "failed blocks" idea: one bad entry never hides the rest).
    """

    path: str
    line: int | None
    column: int | None
    message: str

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"

    def to_json(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.column, "message": self.message}


class AcurefError(Exception):
    """Base of every error acuref reports to a user."""

    exit_status = ExitStatus.INTERNAL
    template = "{}"

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.message = self.template.format(*args)

    def __str__(self) -> str:
        return self.message

    def details(self) -> list[str]:
        """Further lines to print after the message (one problem per line)."""
        return []

    def to_json(self) -> dict:
        return {"error": type(self).__name__, "message": self.message, "details": self.details()}


class UsageError(AcurefError):
    exit_status = ExitStatus.USAGE


class NotFoundError(AcurefError):
    """A key or query that matches nothing; carries "did you mean" suggestions."""

    exit_status = ExitStatus.NOT_FOUND
    template = "no reference matches {!r}"

    def __init__(self, query: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(query)
        self.query = query
        self.suggestions = list(suggestions)
        if self.suggestions:
            self.message += "; did you mean " + ", ".join(self.suggestions) + "?"


class StyleNotFoundError(NotFoundError):
    """A style name that names no bundled style; carries the nearest style ids as suggestions."""

    template = "no style matches {!r}"

    def __init__(self, query: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(query, suggestions)
        if not self.suggestions:
            self.message += "; list styles with: acuref styles WORD"


class NoBibliographyError(UsageError):
    """A bibliography asked of a style that has none (a notes-only style such as chicago-notes)."""

    template = "style {} has no bibliography: {}"


class AmbiguousError(AcurefError):
    """A query that matches several references; carries the candidates."""

    exit_status = ExitStatus.NOT_FOUND
    template = "{!r} is ambiguous: it matches {}"

    def __init__(self, query: str, candidates: Sequence[str]) -> None:
        super().__init__(query, ", ".join(candidates))
        self.query = query
        self.candidates = list(candidates)


class ProblemsError(AcurefError):
    """An error made of located problems, all reported at once."""

    def __init__(self, summary: str, problems: Iterable[Problem]) -> None:
        super().__init__(summary)
        self.problems = sorted(problems, key=lambda p: (p.path, p.line or 0, p.column or 0, p.message))

    def details(self) -> list[str]:
        return [str(p) for p in self.problems]

    def to_json(self) -> dict:
        data = super().to_json()
        data["problems"] = [p.to_json() for p in self.problems]
        return data


class InvalidStoreError(ProblemsError):
    exit_status = ExitStatus.INVALID_STORE


class InvalidInputError(ProblemsError):
    """A malformed import file, draft or style."""

    exit_status = ExitStatus.INVALID_INPUT


class StoreWriteError(AcurefError):
    exit_status = ExitStatus.IO_ERROR
    template = "cannot write {}: {}"


class ReadOnlyError(StoreWriteError):
    """A file (or its folder) without write permission: refused before anything is written."""


class FileReadError(AcurefError):
    exit_status = ExitStatus.IO_ERROR
    template = "cannot read {}: {}"


# --- looking references up on the web (acuref add, acuref retractions) ------------------


class RemoteError(AcurefError):
    """A web service could not be reached, timed out, refused us or sent something unreadable."""

    exit_status = ExitStatus.REMOTE
    template = "{}: {}"


class RemoteNotFoundError(AcurefError):
    """The service answered, and has no record of the identifier (HTTP 404 or an empty result)."""

    exit_status = ExitStatus.NOT_FOUND
    template = "{} has no record of {}"


class IdentifierError(UsageError):
    """An ``acuref add`` argument that is neither a DOI, PMID, PMCID, ISBN, arXiv id nor a reference."""


class ReferenceInUseError(UsageError):
    """``acuref remove`` of a reference that claims cite (``--force`` removes it anyway)."""

    template = "{} is cited by {}; nothing removed (--force removes it and those citations)"


class EditAbortedError(UsageError):
    """An ``$EDITOR`` session that ended without a usable result; nothing was written."""

    template = "{}; nothing written"


class UndoError(AcurefError):
    """``dedupe --undo`` cannot restore: nothing recorded, or the store changed since the merge."""

    exit_status = ExitStatus.NOT_FOUND

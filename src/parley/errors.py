"""Every error parley raises, in one tree.

Each error carries an exit code (distinct per kind, used only by the CLI) and a message that says
what went wrong and what to do next. Library code raises these; only ``parley.cli`` turns them into
exit codes.
"""

from __future__ import annotations


class ParleyError(Exception):
    """Base class. ``code`` is a short machine-readable name, ``exit_code`` the CLI's exit status."""

    code = "error"
    exit_code = 1
    hint = ""

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UsageError(ParleyError):
    code = "usage"
    exit_code = 2
    hint = "see `parley --help`"


class ConfigError(UsageError):
    code = "config"
    hint = "see `parley config` for every setting, its default and its environment variable"


class InputNotFound(ParleyError):
    code = "not_found"
    exit_code = 3
    hint = "check the path; use `-` to read standard input"


class EmptyInput(ParleyError):
    code = "empty"
    exit_code = 4
    hint = "the document has no text to analyse; nothing was produced for it"


class BinaryInput(ParleyError):
    code = "binary"
    exit_code = 5
    hint = "parley reads text, Markdown, HTML and JSONL; convert other formats (PDF, Word) to text first"


class InputTooLarge(ParleyError):
    code = "too_large"
    exit_code = 6
    hint = "split the file, or raise the limit with --max-bytes or PARLEY_MAX_BYTES"


class MalformedInput(ParleyError):
    code = "malformed"
    exit_code = 7
    hint = "fix the input or leave the broken record out; the other records were processed"


class UnsupportedLanguage(ParleyError):
    code = "language"
    exit_code = 8
    hint = "parley's analytic stages support English; the structure of the document is still recovered"


class PipelineError(ParleyError):
    """A pipeline that cannot run as asked (unknown stage, missing requirement)."""

    code = "pipeline"
    exit_code = 9
    hint = "see `parley stages` for the stages, what each requires and what it assigns"


class PartialFailure(ParleyError):
    """Some documents of a batch could not be read; the others were processed and written."""

    code = "partial"
    exit_code = 10
    hint = "the reasons are listed above and recorded in each skipped document's `skipped` field"


def error_class(code: str | None) -> type[ParleyError]:
    """The error class with this ``code`` (as recorded in a ``Skip``), or ParleyError."""
    stack: list[type[ParleyError]] = [ParleyError]
    while stack:
        cls = stack.pop()
        if cls.code == code:
            return cls
        stack.extend(cls.__subclasses__())
    return ParleyError

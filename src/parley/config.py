"""One settings object for all of parley.

Every setting has a name, a type, a default and a help text. Values are layered:
defaults < a TOML file (``parley.toml`` in the working directory, or ``--config FILE``, table
``[parley]``) < environment variables (``PARLEY_<NAME>``) < explicit arguments (the CLI's flags).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError


def _setting(default: Any, help: str):
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    max_bytes: int = _setting(
        50_000_000,
        "Largest input file (or JSONL record, or stdin) read, in bytes. Larger inputs are refused "
        "with a clear error before they are loaded, so memory stays bounded.",
    )
    max_line_bytes: int = _setting(
        20_000_000, "Largest single JSONL line, in bytes; a longer line is skipped with its line number."
    )
    max_comments: int = _setting(5000, "Most reader comments taken from one HTML page.")
    batch_size: int = _setting(32, "Documents per batch handed to stages that batch (nlp, models).")
    db: str = _setting("parley.db", "The SQLite store that ingest writes and search, events, positions, docs, "
                                    "stats and export read.")
    workers: int = _setting(1, "Worker processes for ingest (1: analyse in this process).")
    batch_words: int = _setting(10_000, "Words per ingest batch: bounds the memory the spaCy parses of one batch "
                                        "take; a batch also closes at batch_size documents.")
    suffixes: str = _setting(
        ".txt,.text,.md,.markdown,.html,.htm,.jsonl,.ndjson",
        "File suffixes read when a folder is given (comma-separated).",
    )

    # -- layering ----------------------------------------------------------------------------
    @classmethod
    def load(
        cls,
        config_file: str | Path | None = None,
        env: Mapping[str, str] | None = None,
        **overrides: Any,
    ) -> Settings:
        values: dict[str, Any] = {}
        path = Path(config_file) if config_file else Path("parley.toml")
        if config_file and not path.is_file():
            raise ConfigError(f"config file {str(path)!r} does not exist")
        if path.is_file():
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8")).get("parley", {})
            except tomllib.TOMLDecodeError as exc:
                raise ConfigError(f"config file {str(path)!r} is not valid TOML: {exc}") from exc
            values.update(cls._coerce_all(data, f"config file {path}"))
        env = os.environ if env is None else env
        from_env = {f.name: env[f"PARLEY_{f.name.upper()}"] for f in dataclasses.fields(cls)
                    if f"PARLEY_{f.name.upper()}" in env}
        values.update(cls._coerce_all(from_env, "environment"))
        values.update(cls._coerce_all({k: v for k, v in overrides.items() if v is not None}, "arguments"))
        return cls(**values)

    @classmethod
    def _coerce_all(cls, data: Mapping[str, Any], origin: str) -> dict[str, Any]:
        fields = {f.name: f for f in dataclasses.fields(cls)}
        out = {}
        for name, raw in data.items():
            if name not in fields:
                raise ConfigError(f"unknown setting {name!r} in {origin}")
            kind = type(fields[name].default)
            try:
                out[name] = kind(raw)
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"setting {name!r} from {origin} must be {kind.__name__}, got {raw!r}") from exc
            if kind is int and out[name] <= 0:
                raise ConfigError(f"setting {name!r} from {origin} must be positive, got {raw!r}")
        return out

    @classmethod
    def describe(cls) -> list[tuple[str, Any, str, str]]:
        """(name, default, environment variable, help) for every setting."""
        return [(f.name, f.default, f"PARLEY_{f.name.upper()}", f.metadata["help"])
                for f in dataclasses.fields(cls)]

    @property
    def suffix_set(self) -> frozenset[str]:
        return frozenset(s.strip().lower() for s in self.suffixes.split(",") if s.strip())

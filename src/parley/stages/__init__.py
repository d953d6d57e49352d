"""The built-in stages and their default order. Importing this is cheap: stage modules import their
heavy libraries (spaCy, ONNX models) only when they first run."""

from ..discussion import stage as _discussion  # noqa: F401
from ..structure import stage as _structure  # noqa: F401
from . import actors as _actors  # noqa: F401
from . import commitments as _commitments  # noqa: F401
from . import dates as _dates  # noqa: F401
from . import events as _events  # noqa: F401
from . import instruments as _instruments  # noqa: F401
from . import issues as _issues  # noqa: F401
from . import language as _language  # noqa: F401
from . import nlp as _nlp  # noqa: F401

#: the order stages run in by default (DESIGN.md's architecture); stages not listed run last
ORDER = ("structure", "language", "nlp", "actors", "instruments", "dates", "events", "issues", "commitments",
         "discussion")

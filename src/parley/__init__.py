"""parley: structured, evidence-linked data from what governments say and what the public says back.

The public API::

    import parley
    doc = parley.analyze("statement.txt", date="2019-01-14")   # a path or the text itself
    for doc in parley.analyze_all(["corpus/"], stages=["structure"]):
        print(doc.to_json())
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import analyze, analyze_all, read
from .model import Document
from .pipeline import Pipeline

__all__ = ["Document", "Pipeline", "__version__", "analyze", "analyze_all", "read"]

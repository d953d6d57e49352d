"""Recovering a document's structure: paragraphs, speaker turns, the start of the reader discussion
and the comments in it."""

from __future__ import annotations

import pytest

from parley.errors import PipelineError
from parley.model import Document
from parley.pipeline import REGISTRY, Pipeline, available_stages, resolve, stage


@pytest.fixture
def toy_stages():
    """Two throw-away stages: one that always fails, one that needs its output."""
    before = {s.name: s for s in available_stages()}

    @stage("toy_fail", requires=("segments",), assigns=("toy",))
    def toy_fail(doc):
        """Always fails."""
        raise RuntimeError("boom")

    @stage("toy_after", requires=("toy",), assigns=("toy2",))
    def toy_after(doc):
        """Needs toy."""
        doc.meta["ran"] = True
        return doc

    yield
    REGISTRY.clear()
    REGISTRY.update(before)


def test_a_missing_requirement_names_the_stage_to_add(toy_stages):
    with pytest.raises(PipelineError) as err:
        resolve(["toy_fail"])
    assert "'segments' is assigned by stage structure" in str(err.value)
    assert "add structure to --stages" in str(err.value)


def test_a_failing_stage_is_recorded_and_its_dependants_skipped_with_reasons(toy_stages):
    doc = Pipeline(["structure", "toy_fail", "toy_after"])(Document(text="We agreed."))
    reasons = {s.stage: s for s in doc.skipped}
    assert "internal error: RuntimeError: boom" in reasons["toy_fail"].reason
    assert reasons["toy_after"].code == "dependency" and "toy_fail" in reasons["toy_after"].reason
    assert "ran" not in doc.meta and doc.meta["stages"] == ["structure"]


def test_documents_stream_through_in_batches_in_order():
    pipeline = Pipeline(["structure"])
    docs = (Document(text=f"Statement number {i}.") for i in range(75))
    out = list(pipeline.pipe(docs))
    assert [d.text for d in out] == [f"Statement number {i}." for i in range(75)]


def test_unreadable_documents_pass_through_untouched():
    from parley.model import Skip

    stub = Document(text="", source="x", skipped=[Skip("read", "empty", "empty")])
    out = Pipeline(["structure"])(stub)
    assert out.segments == [] and out.meta["stages"] == [] and len(out.skipped) == 1

"""The engine for large corpora: batches in-process or as Dask tasks, streamed outputs.

The pipeline only schedules: it cuts a corpus into parts, runs each analysis' own
functions on them (:mod:`kzlib.pipeline.stages`) in this process or on Dask
(:mod:`kzlib.pipeline.engine`; :mod:`kzlib.pipeline.cluster` stops a run whose Dask
cluster died), writes the tables as they come (:mod:`kzlib.pipeline.sinks`)
and runs corpus-level steps over what it wrote (:mod:`kzlib.pipeline.batches`).
:func:`stream_topics` is :func:`kzlib.topics.stream_topics`, re-exported.

Public names load on first use (:mod:`kzlib.lazy`).

Examples
--------
>>> from kzlib.pipeline import run_pipeline
>>> callable(run_pipeline)
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzlib.lazy import attach

if TYPE_CHECKING:  # pragma: no cover
    from kzlib.pipeline.batches import (
        iter_sentence_batches,
        link_written_claims,
        stream_keyness,
        whole_documents,
    )
    from kzlib.pipeline.cluster import ClusterLostError
    from kzlib.pipeline.engine import ENGINES, PipelineSummary, map_parts, run_pipeline
    from kzlib.pipeline.sinks import TableSink
    from kzlib.pipeline.stages import STAGES, PartResult, process_part
    from kzlib.topics.stream import StreamedTopics, stream_topics

_NAMES: dict[str, str] = {
    "ClusterLostError": "kzlib.pipeline.cluster",
    "ENGINES": "kzlib.pipeline.engine",
    "PartResult": "kzlib.pipeline.stages",
    "PipelineSummary": "kzlib.pipeline.engine",
    "STAGES": "kzlib.pipeline.stages",
    "StreamedTopics": "kzlib.topics.stream",
    "TableSink": "kzlib.pipeline.sinks",
    "iter_sentence_batches": "kzlib.pipeline.batches",
    "link_written_claims": "kzlib.pipeline.batches",
    "map_parts": "kzlib.pipeline.engine",
    "process_part": "kzlib.pipeline.stages",
    "run_pipeline": "kzlib.pipeline.engine",
    "stream_keyness": "kzlib.pipeline.batches",
    "stream_topics": "kzlib.topics.stream",
    "whole_documents": "kzlib.pipeline.batches",
}

__all__ = [
    "ENGINES",
    "STAGES",
    "ClusterLostError",
    "PartResult",
    "PipelineSummary",
    "StreamedTopics",
    "TableSink",
    "iter_sentence_batches",
    "link_written_claims",
    "map_parts",
    "process_part",
    "run_pipeline",
    "stream_keyness",
    "stream_topics",
    "whole_documents",
]

__getattr__, __dir__ = attach(__name__, _NAMES)

"""The engine for large corpora: batches in-process or as Dask tasks, streamed outputs.

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
    from kzlib.pipeline.engine import (
        ENGINES,
        STAGES,
        PartResult,
        PipelineSummary,
        StreamedTopics,
        TableSink,
        iter_sentence_batches,
        link_written_claims,
        map_parts,
        process_part,
        run_pipeline,
        stream_keyness,
        stream_topics,
        whole_documents,
    )

_NAMES: dict[str, str] = {
    "ENGINES": "kzlib.pipeline.engine",
    "PartResult": "kzlib.pipeline.engine",
    "PipelineSummary": "kzlib.pipeline.engine",
    "STAGES": "kzlib.pipeline.engine",
    "StreamedTopics": "kzlib.pipeline.engine",
    "TableSink": "kzlib.pipeline.engine",
    "iter_sentence_batches": "kzlib.pipeline.engine",
    "link_written_claims": "kzlib.pipeline.engine",
    "map_parts": "kzlib.pipeline.engine",
    "process_part": "kzlib.pipeline.engine",
    "run_pipeline": "kzlib.pipeline.engine",
    "stream_keyness": "kzlib.pipeline.engine",
    "stream_topics": "kzlib.pipeline.engine",
    "whole_documents": "kzlib.pipeline.engine",
}

__all__ = [
    "ENGINES",
    "STAGES",
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

"""The engine for large corpora: batches in-process or as Dask tasks, streamed outputs.

The pipeline only schedules: it cuts a corpus into parts, runs each analysis' own
functions on them (:mod:`kzlib.pipeline.stages`) in this process or on Dask
(:mod:`kzlib.pipeline.engine`; :mod:`kzlib.pipeline.cluster` stops a run whose Dask
cluster died), writes the tables as they come (:mod:`kzlib.pipeline.sinks`)
and runs corpus-level steps over what it wrote (:mod:`kzlib.pipeline.batches`).
:func:`corpus_tables` keeps a corpus' tables on disk by content, so that the notebooks
load and clean a corpus once (:mod:`kzlib.pipeline.store`).
:func:`stream_topics` is :func:`kzlib.topics.stream_topics`, re-exported.

Public names load on first use (:mod:`kzlib.lazy`).

Examples
--------
>>> from kzlib.pipeline import ENGINES
>>> ENGINES
('local', 'dask')
"""

from __future__ import annotations

# isort: skip_file
# One import per public name, read by kzlib.lazy.attach_imports at run time (the names
# load lazily) and by mypy; ``as`` marks each as this package's export.
from typing import TYPE_CHECKING

from kzlib.lazy import attach_imports

if TYPE_CHECKING:  # pragma: no cover
    from kzlib.pipeline.batches import iter_sentence_batches as iter_sentence_batches
    from kzlib.pipeline.batches import link_written_claims as link_written_claims
    from kzlib.pipeline.batches import stream_keyness as stream_keyness
    from kzlib.pipeline.batches import whole_documents as whole_documents
    from kzlib.pipeline.cluster import ClusterLostError as ClusterLostError
    from kzlib.pipeline.engine import ENGINES as ENGINES
    from kzlib.pipeline.engine import map_parts as map_parts
    from kzlib.pipeline.engine import PipelineSummary as PipelineSummary
    from kzlib.pipeline.engine import run_pipeline as run_pipeline
    from kzlib.pipeline.sinks import TableSink as TableSink
    from kzlib.pipeline.stages import PartResult as PartResult
    from kzlib.pipeline.stages import process_part as process_part
    from kzlib.pipeline.stages import STAGES as STAGES
    from kzlib.pipeline.store import corpus_tables as corpus_tables
    from kzlib.topics.stream import stream_topics as stream_topics
    from kzlib.topics.stream import StreamedTopics as StreamedTopics

__getattr__, __dir__, __all__ = attach_imports(__name__, __file__)

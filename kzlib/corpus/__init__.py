"""The corpus stage: read articles, clean them, cut them into paragraphs and sentences.

``load_corpus`` (folder + manifest) and ``iter_source`` (folder, ``.parquet``, ``.jsonl``,
in batches) give :class:`Document` records; ``clean_text`` makes the analysis text with an
audit trail; ``sentences_frame`` and ``paragraphs_frame`` give the tables every analysis
consumes. Modules, in the order of loading: ``manifest`` (the folder's metadata CSV),
``document`` (records, a folder corpus), ``sources`` (folder, Parquet, JSON Lines in
parts; ``records`` turns a table row into a document), ``clean`` (with ``lines``: header,
headings, unwrapping; ``audit``: the edits as tables), ``metadata`` (given, extracted or
inferred), ``sentences`` (the splitter), ``segment`` (tables), ``turns`` (transcript
speaker labels such as ``QUESTION:`` per sentence), ``plots``.

Public names load on first use (:mod:`kzlib.lazy`).

Examples
--------
>>> from kzlib.corpus import load_corpus, sentences_frame
>>> sentences_frame(load_corpus())["doc_id"].nunique()
4
"""

from __future__ import annotations

# isort: skip_file
# One import per public name, read by kzlib.lazy.attach_imports at run time (the names
# load lazily) and by mypy; ``as`` marks each as this package's export.
from typing import TYPE_CHECKING

from kzlib.lazy import attach_imports

if TYPE_CHECKING:  # pragma: no cover
    from kzlib.corpus.audit import AUDIT_COLUMNS as AUDIT_COLUMNS
    from kzlib.corpus.audit import audit_frame as audit_frame
    from kzlib.corpus.audit import audit_summary as audit_summary
    from kzlib.corpus.audit import boilerplate_audit as boilerplate_audit
    from kzlib.corpus.boilerplate import boilerplate_frame as boilerplate_frame
    from kzlib.corpus.boilerplate import boilerplate_mask as boilerplate_mask
    from kzlib.corpus.boilerplate import without_boilerplate as without_boilerplate
    from kzlib.corpus.clean import Block as Block
    from kzlib.corpus.clean import clean_text as clean_text
    from kzlib.corpus.clean import Cleaned as Cleaned
    from kzlib.corpus.clean import Edit as Edit
    from kzlib.corpus.document import Corpus as Corpus
    from kzlib.corpus.document import Document as Document
    from kzlib.corpus.document import iter_documents as iter_documents
    from kzlib.corpus.document import load_corpus as load_corpus
    from kzlib.corpus.document import sample_doc_ids as sample_doc_ids
    from kzlib.corpus.labels import article_labels as article_labels
    from kzlib.corpus.labels import labelled as labelled
    from kzlib.corpus.manifest import MANIFEST_COLUMNS as MANIFEST_COLUMNS
    from kzlib.corpus.manifest import read_manifest as read_manifest
    from kzlib.corpus.metadata import META_FIELDS as META_FIELDS
    from kzlib.corpus.metadata import metadata_flags as metadata_flags
    from kzlib.corpus.metadata import metadata_summary as metadata_summary
    from kzlib.corpus.metadata import parse_date as parse_date
    from kzlib.corpus.metadata import PROVENANCES as PROVENANCES
    from kzlib.corpus.metadata import resolve_metadata as resolve_metadata
    from kzlib.corpus.plots import plot_cleaning_audit as plot_cleaning_audit
    from kzlib.corpus.plots import plot_corpus_lengths as plot_corpus_lengths
    from kzlib.corpus.records import TABLE_COLUMNS as TABLE_COLUMNS
    from kzlib.corpus.segment import PARAGRAPH_COLUMNS as PARAGRAPH_COLUMNS
    from kzlib.corpus.segment import paragraphs_frame as paragraphs_frame
    from kzlib.corpus.segment import segment_document as segment_document
    from kzlib.corpus.segment import SENTENCE_COLUMNS as SENTENCE_COLUMNS
    from kzlib.corpus.segment import sentences_frame as sentences_frame
    from kzlib.corpus.sentences import append_paragraph_spans as append_paragraph_spans
    from kzlib.corpus.sentences import sentence_spans as sentence_spans
    from kzlib.corpus.sentences import split_sentences as split_sentences
    from kzlib.corpus.sources import CorpusCheck as CorpusCheck
    from kzlib.corpus.sources import document_keys as document_keys
    from kzlib.corpus.sources import iter_source as iter_source
    from kzlib.corpus.sources import Part as Part
    from kzlib.corpus.sources import plan_source as plan_source
    from kzlib.corpus.sources import read_part as read_part
    from kzlib.corpus.sources import source_files as source_files
    from kzlib.corpus.sources import source_kind as source_kind
    from kzlib.corpus.sources import SourcePlan as SourcePlan
    from kzlib.corpus.sources import TABLE_SUFFIXES as TABLE_SUFFIXES
    from kzlib.corpus.turns import Label as Label
    from kzlib.corpus.turns import read_label as read_label
    from kzlib.corpus.turns import speaker_turns as speaker_turns
    from kzlib.corpus.turns import TURN_COLUMNS as TURN_COLUMNS
    from kzlib.corpus.turns import TURN_ROLES as TURN_ROLES

__getattr__, __dir__, __all__ = attach_imports(__name__, __file__)

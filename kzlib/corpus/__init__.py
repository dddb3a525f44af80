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

from typing import TYPE_CHECKING

from kzlib.lazy import attach

if TYPE_CHECKING:  # pragma: no cover
    from kzlib.corpus.audit import AUDIT_COLUMNS, audit_frame, audit_summary, boilerplate_audit
    from kzlib.corpus.boilerplate import boilerplate_frame, boilerplate_mask, without_boilerplate
    from kzlib.corpus.clean import Block, Cleaned, Edit, clean_text
    from kzlib.corpus.document import (
        Corpus,
        Document,
        iter_documents,
        load_corpus,
        sample_doc_ids,
    )
    from kzlib.corpus.labels import article_labels, labelled
    from kzlib.corpus.manifest import MANIFEST_COLUMNS, read_manifest
    from kzlib.corpus.metadata import (
        META_FIELDS,
        PROVENANCES,
        metadata_flags,
        metadata_summary,
        parse_date,
        resolve_metadata,
    )
    from kzlib.corpus.plots import plot_cleaning_audit, plot_corpus_lengths
    from kzlib.corpus.records import TABLE_COLUMNS
    from kzlib.corpus.segment import (
        PARAGRAPH_COLUMNS,
        SENTENCE_COLUMNS,
        paragraphs_frame,
        segment_document,
        sentences_frame,
    )
    from kzlib.corpus.sentences import append_paragraph_spans, sentence_spans, split_sentences
    from kzlib.corpus.sources import (
        TABLE_SUFFIXES,
        CorpusCheck,
        Part,
        SourcePlan,
        document_keys,
        iter_source,
        plan_source,
        read_part,
        source_kind,
    )
    from kzlib.corpus.turns import TURN_COLUMNS, TURN_ROLES, Label, read_label, speaker_turns

_NAMES: dict[str, str] = {
    "AUDIT_COLUMNS": "kzlib.corpus.audit",
    "Block": "kzlib.corpus.clean",
    "Cleaned": "kzlib.corpus.clean",
    "Corpus": "kzlib.corpus.document",
    "CorpusCheck": "kzlib.corpus.sources",
    "Document": "kzlib.corpus.document",
    "Edit": "kzlib.corpus.clean",
    "MANIFEST_COLUMNS": "kzlib.corpus.manifest",
    "META_FIELDS": "kzlib.corpus.metadata",
    "PARAGRAPH_COLUMNS": "kzlib.corpus.segment",
    "PROVENANCES": "kzlib.corpus.metadata",
    "Part": "kzlib.corpus.sources",
    "SENTENCE_COLUMNS": "kzlib.corpus.segment",
    "SourcePlan": "kzlib.corpus.sources",
    "TABLE_COLUMNS": "kzlib.corpus.records",
    "TABLE_SUFFIXES": "kzlib.corpus.sources",
    "TURN_COLUMNS": "kzlib.corpus.turns",
    "TURN_ROLES": "kzlib.corpus.turns",
    "Label": "kzlib.corpus.turns",
    "append_paragraph_spans": "kzlib.corpus.sentences",
    "article_labels": "kzlib.corpus.labels",
    "audit_frame": "kzlib.corpus.audit",
    "audit_summary": "kzlib.corpus.audit",
    "boilerplate_audit": "kzlib.corpus.audit",
    "boilerplate_frame": "kzlib.corpus.boilerplate",
    "boilerplate_mask": "kzlib.corpus.boilerplate",
    "clean_text": "kzlib.corpus.clean",
    "document_keys": "kzlib.corpus.sources",
    "iter_documents": "kzlib.corpus.document",
    "iter_source": "kzlib.corpus.sources",
    "labelled": "kzlib.corpus.labels",
    "load_corpus": "kzlib.corpus.document",
    "metadata_flags": "kzlib.corpus.metadata",
    "metadata_summary": "kzlib.corpus.metadata",
    "paragraphs_frame": "kzlib.corpus.segment",
    "parse_date": "kzlib.corpus.metadata",
    "plan_source": "kzlib.corpus.sources",
    "plot_cleaning_audit": "kzlib.corpus.plots",
    "plot_corpus_lengths": "kzlib.corpus.plots",
    "read_label": "kzlib.corpus.turns",
    "read_manifest": "kzlib.corpus.manifest",
    "read_part": "kzlib.corpus.sources",
    "resolve_metadata": "kzlib.corpus.metadata",
    "sample_doc_ids": "kzlib.corpus.document",
    "segment_document": "kzlib.corpus.segment",
    "sentence_spans": "kzlib.corpus.sentences",
    "sentences_frame": "kzlib.corpus.segment",
    "source_kind": "kzlib.corpus.sources",
    "speaker_turns": "kzlib.corpus.turns",
    "split_sentences": "kzlib.corpus.sentences",
    "without_boilerplate": "kzlib.corpus.boilerplate",
}

__all__ = [
    "AUDIT_COLUMNS",
    "MANIFEST_COLUMNS",
    "META_FIELDS",
    "PARAGRAPH_COLUMNS",
    "PROVENANCES",
    "SENTENCE_COLUMNS",
    "TABLE_COLUMNS",
    "TABLE_SUFFIXES",
    "TURN_COLUMNS",
    "TURN_ROLES",
    "Block",
    "Cleaned",
    "Corpus",
    "CorpusCheck",
    "Document",
    "Edit",
    "Label",
    "Part",
    "SourcePlan",
    "append_paragraph_spans",
    "article_labels",
    "audit_frame",
    "audit_summary",
    "boilerplate_audit",
    "boilerplate_frame",
    "boilerplate_mask",
    "clean_text",
    "document_keys",
    "iter_documents",
    "iter_source",
    "labelled",
    "load_corpus",
    "metadata_flags",
    "metadata_summary",
    "paragraphs_frame",
    "parse_date",
    "plan_source",
    "plot_cleaning_audit",
    "plot_corpus_lengths",
    "read_label",
    "read_manifest",
    "read_part",
    "resolve_metadata",
    "sample_doc_ids",
    "segment_document",
    "sentence_spans",
    "sentences_frame",
    "source_kind",
    "speaker_turns",
    "split_sentences",
    "without_boilerplate",
]

__getattr__, __dir__ = attach(__name__, _NAMES)

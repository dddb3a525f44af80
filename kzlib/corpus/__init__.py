"""The corpus stage: read articles, clean them, cut them into paragraphs and sentences.

``load_corpus`` (folder + manifest) and ``iter_source`` (folder, ``.parquet``, ``.jsonl``,
in batches) give :class:`Document` records; ``clean_text`` makes the analysis text with an
audit trail; ``sentences_frame`` and ``paragraphs_frame`` give the tables every analysis
consumes; ``speaker_turns`` reads transcript speaker labels (``QUESTION:``, ``MINISTER X:``)
per sentence. Modules: ``document`` (records, manifest, metadata), ``sources`` (batched
sources), ``clean``, ``sentences`` (the splitter), ``segment`` (tables), ``turns``, ``plots``.

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
    from kzlib.corpus.clean import (
        AUDIT_COLUMNS,
        Block,
        Cleaned,
        Edit,
        audit_frame,
        audit_summary,
        clean_text,
    )
    from kzlib.corpus.document import (
        META_FIELDS,
        PROVENANCES,
        Corpus,
        Document,
        iter_documents,
        load_corpus,
        metadata_flags,
        metadata_summary,
        read_manifest,
        sample_doc_ids,
    )
    from kzlib.corpus.plots import plot_cleaning_audit, plot_corpus_lengths
    from kzlib.corpus.segment import (
        PARAGRAPH_COLUMNS,
        SENTENCE_COLUMNS,
        paragraphs_frame,
        segment_document,
        sentences_frame,
    )
    from kzlib.corpus.sentences import append_paragraph_spans, sentence_spans, split_sentences
    from kzlib.corpus.sources import (
        TABLE_COLUMNS,
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
    "AUDIT_COLUMNS": "kzlib.corpus.clean",
    "Block": "kzlib.corpus.clean",
    "Cleaned": "kzlib.corpus.clean",
    "Corpus": "kzlib.corpus.document",
    "CorpusCheck": "kzlib.corpus.sources",
    "Document": "kzlib.corpus.document",
    "Edit": "kzlib.corpus.clean",
    "META_FIELDS": "kzlib.corpus.document",
    "PARAGRAPH_COLUMNS": "kzlib.corpus.segment",
    "PROVENANCES": "kzlib.corpus.document",
    "Part": "kzlib.corpus.sources",
    "SENTENCE_COLUMNS": "kzlib.corpus.segment",
    "SourcePlan": "kzlib.corpus.sources",
    "TABLE_COLUMNS": "kzlib.corpus.sources",
    "TABLE_SUFFIXES": "kzlib.corpus.sources",
    "TURN_COLUMNS": "kzlib.corpus.turns",
    "TURN_ROLES": "kzlib.corpus.turns",
    "Label": "kzlib.corpus.turns",
    "append_paragraph_spans": "kzlib.corpus.sentences",
    "audit_frame": "kzlib.corpus.clean",
    "audit_summary": "kzlib.corpus.clean",
    "clean_text": "kzlib.corpus.clean",
    "document_keys": "kzlib.corpus.sources",
    "iter_documents": "kzlib.corpus.document",
    "iter_source": "kzlib.corpus.sources",
    "load_corpus": "kzlib.corpus.document",
    "metadata_flags": "kzlib.corpus.document",
    "metadata_summary": "kzlib.corpus.document",
    "paragraphs_frame": "kzlib.corpus.segment",
    "plan_source": "kzlib.corpus.sources",
    "plot_cleaning_audit": "kzlib.corpus.plots",
    "plot_corpus_lengths": "kzlib.corpus.plots",
    "read_manifest": "kzlib.corpus.document",
    "read_label": "kzlib.corpus.turns",
    "read_part": "kzlib.corpus.sources",
    "sample_doc_ids": "kzlib.corpus.document",
    "segment_document": "kzlib.corpus.segment",
    "sentence_spans": "kzlib.corpus.sentences",
    "sentences_frame": "kzlib.corpus.segment",
    "source_kind": "kzlib.corpus.sources",
    "speaker_turns": "kzlib.corpus.turns",
    "split_sentences": "kzlib.corpus.sentences",
}

__all__ = [
    "AUDIT_COLUMNS",
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
    "audit_frame",
    "audit_summary",
    "clean_text",
    "document_keys",
    "iter_documents",
    "iter_source",
    "load_corpus",
    "metadata_flags",
    "metadata_summary",
    "paragraphs_frame",
    "plan_source",
    "plot_cleaning_audit",
    "plot_corpus_lengths",
    "read_label",
    "read_manifest",
    "read_part",
    "sample_doc_ids",
    "segment_document",
    "sentence_spans",
    "sentences_frame",
    "source_kind",
    "speaker_turns",
    "split_sentences",
]

__getattr__, __dir__ = attach(__name__, _NAMES)

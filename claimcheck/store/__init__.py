"""The claim store: claims, documents and problems of a published corpus kept in one SQLite file, keyed by
each file's content hash, so that drafts are checked against it without reading the corpus again
(docs/store.md). `database` opens and refuses files, `index` fills a store, `reference` reads it for a check.
"""

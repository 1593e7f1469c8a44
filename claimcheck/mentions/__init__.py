"""Stage 2, documents to mentions: what each grammar finds at a span of the masked prose (money amounts,
date and period expressions, organisations and references, metric and modality cues, rounds, changes)."""

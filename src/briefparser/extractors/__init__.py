"""Rule-based extractors: plain text in, found mentions out. No spaCy here."""

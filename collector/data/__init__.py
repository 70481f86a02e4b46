"""Data shipped with the package (the artist lexicon); see PROVENANCE.md."""

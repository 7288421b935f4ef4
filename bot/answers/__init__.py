"""Questions in plain words: the question engine and the name index."""

"""The metadata form: one typed editor per front matter key, their kinds, and the undo commands they push."""

"""The catalog of administrative procedures (002 Art. 5, 7): versioned, public."""

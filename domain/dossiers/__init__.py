"""Dossiers of the online public services (002 Art. 8, 11-13 and the Annex)."""

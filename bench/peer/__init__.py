"""bench.peer: govgraph side by side with PostGraphile 5 on the same PostgreSQL data."""

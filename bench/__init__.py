"""Benchmarks of govgraph (see bench/README.md)."""

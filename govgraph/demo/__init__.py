"""The deterministic demo province (Thừa Thiên Huế) for demos, manual testing and benchmarks.

`govgraph demo-data` loads it; see docs/demo-accounts.md for the demo logins.
"""

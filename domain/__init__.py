"""govgraph's rules: models, workflows, permissions and use cases. Pure Python."""

"""govgraph's composition root: settings, app factory, CLI and wiring."""

"""The application layer: request context, loaders, query and mutation functions."""

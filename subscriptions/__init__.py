"""The real-time side: event bus, outbox relay, subscription streams and the scheduler."""

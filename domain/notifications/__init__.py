"""Notifications: the per-person inbox and the outbox the real-time streams deliver from."""

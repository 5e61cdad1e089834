"""Channel adapters: SMTP email (configured by environment), and logging stand-ins for SMS
and push until the province names its gateways. Without SMTP_HOST, email is logged too."""

from __future__ import annotations

import asyncio
import logging
import smtplib
from email.message import EmailMessage

from domain.notifications.channels import Channel, Message, Notifier
from govgraph.metrics import CHANNEL_FAILURES, CHANNEL_SENDS
from govgraph.settings import Settings

log = logging.getLogger("govgraph.notify")


class LoggingNotifier:
    """The development notifier: writes each message to the log."""

    def __init__(self, channel: Channel) -> None:
        self.channel = channel

    async def send(self, message: Message) -> None:
        """Log that a message would go out: ids only, never the address or the text (logs
        are kept longer and read by more people than inboxes)."""
        log.info("notify %s", message.channel.value, extra=_ids(message))


def _ids(message: Message) -> dict[str, object]:
    if message.reporter_kind is not None:  # a reporter's message: which one, never to whom
        return {
            "reporter_message_id": message.reporter_message_id,
            "reflection_id": message.reflection_id,
            "reporter_message_kind": message.reporter_kind.value,
        }
    kind = message.kind.value if message.kind else None
    return {
        "notification_id": message.notification_id,
        "person_id": message.person_id,
        "notification_kind": kind,
    }


class SmtpNotifier:
    """Email over SMTP (STARTTLS by default); a failure is logged, never raised."""

    channel = Channel.EMAIL

    def __init__(self, settings: Settings) -> None:
        assert settings.smtp_host
        self.settings = settings

    def _send(self, message: Message) -> None:
        s = self.settings
        email = EmailMessage()
        email["From"], email["To"], email["Subject"] = s.smtp_from, message.to, message.subject
        email.set_content(message.body)
        with smtplib.SMTP(s.smtp_host or "", s.smtp_port, timeout=10) as client:
            if s.smtp_starttls:
                client.starttls()
            if s.smtp_user and s.smtp_password:
                client.login(s.smtp_user, s.smtp_password.get_secret_value())
            client.send_message(email)

    async def send(self, message: Message) -> None:
        """Send in a worker thread (smtplib blocks)."""
        try:
            await asyncio.to_thread(self._send, message)
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("email failed: %s", type(exc).__name__, extra=_ids(message))


class Counted:
    """A notifier whose sends and failures are counted in the metrics."""

    def __init__(self, inner: Notifier) -> None:
        self.inner = inner
        self.channel = inner.channel

    async def send(self, message: Message) -> None:
        """Send through the inner notifier; a failure is counted and raised again."""
        try:
            await self.inner.send(message)
        except Exception:
            CHANNEL_FAILURES.labels(self.channel.value).inc()
            raise
        CHANNEL_SENDS.labels(self.channel.value).inc()


def notifiers_from_settings(settings: Settings) -> dict[Channel, Notifier]:
    """SMTP when configured; logging for the rest; every one counted."""
    found: dict[Channel, Notifier] = {c: LoggingNotifier(c) for c in Channel}
    if settings.smtp_host:
        found[Channel.EMAIL] = SmtpNotifier(settings)
    return {channel: Counted(notifier) for channel, notifier in found.items()}

"""Channel adapters: SMTP email (configured by environment), and logging stand-ins for SMS,
push and the automatic phone call until the province names its gateways. Without SMTP_HOST,
email is logged too."""

from __future__ import annotations

import asyncio
import logging
import smtplib
from email.message import EmailMessage

from domain.notifications.channels import Channel, Message, Notifier
from domain.notifications.instant import CallNotifier
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


class LoggingCallGateway:
    """The development call gateway: logs that a call would be placed, by the message's id
    alone (never the phone number, never what it says)."""

    async def place_call(self, phone: str, message_id: str, text: str) -> None:
        """Log the call."""
        log.info("notify CALL", extra={"call_message_id": message_id})


def notifiers_from_settings(settings: Settings) -> dict[Channel, Notifier]:
    """SMTP when configured; logging for the rest (calls through the logging gateway)."""
    found: dict[Channel, Notifier] = {c: LoggingNotifier(c) for c in Channel}
    found[Channel.CALL] = CallNotifier(LoggingCallGateway())
    if settings.smtp_host:
        found[Channel.EMAIL] = SmtpNotifier(settings)
    return found

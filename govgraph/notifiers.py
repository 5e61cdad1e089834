"""Channel adapters: email over SMTP (aiosmtplib, configured by environment), and logging
stand-ins for SMS, push and the automatic phone call (a CallGateway) until the province names
its gateways. Without SMTP_HOST, email is logged too.

Every message carries an idempotency key: an HMAC of the message's identity (its row and
channel) under SECRET_KEY, the same on every try, different in every installation (a test
system sharing a gateway account with production never collides with it). Email sends it as
the Message-ID (mail services and clients show one copy of messages with the same
Message-ID) and as `X-Idempotency-Key`; an HTTP gateway's adapter sends it as the
`Idempotency-Key` header its provider honours; a call carries it as its message id.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable
from datetime import timedelta
from email.message import EmailMessage

import aiosmtplib

from domain.notifications.calls import CallGateway
from domain.notifications.channels import Channel, Message, Notifier
from domain.notifications.delivery import Outcome, PermanentFailure, RetryPolicy
from govgraph.metrics import CHANNEL_DEAD, CHANNEL_FAILURES, CHANNEL_SENDS
from govgraph.settings import Settings

log = logging.getLogger("govgraph.notify")

SEND_TIMEOUT_SECONDS = 30.0


def idempotency_key(settings: Settings, message: Message) -> str:
    """The message's key: the same on every try, unguessable without SECRET_KEY."""
    secret = settings.secret_key.get_secret_value().encode()
    return hmac.new(secret, message.identity.encode(), hashlib.sha256).hexdigest()[:40]


class LoggingNotifier:
    """The development notifier: notes each message in the log at DEBUG (the scheduler's
    round line counts them at INFO)."""

    def __init__(self, channel: Channel) -> None:
        self.channel = channel

    async def send(self, message: Message) -> None:
        """Log that a message would go out: ids only, never the address or the text (logs
        are kept longer and read by more people than inboxes)."""
        log.debug("notify %s", message.channel.value, extra=_ids(message))


def _ids(message: Message) -> dict[str, object]:
    if message.dossier_message_id:  # an applicant's message: which one, never to whom
        return {"dossier_message_id": message.dossier_message_id, "dossier_id": message.dossier_id}
    if message.applicant_message_id:  # an applicant's message: which one, never to whom
        return {"applicant_message_id": message.applicant_message_id}
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
    """Email over SMTP (STARTTLS by default) with aiosmtplib; a failure is raised, so the
    message is tried again (a refusal of the address itself: not again)."""

    channel = Channel.EMAIL

    def __init__(self, settings: Settings) -> None:
        assert settings.smtp_host
        self.settings = settings

    def email(self, message: Message) -> EmailMessage:
        """The email: From, To, Subject, the key as Message-ID, the body."""
        s = self.settings
        key = idempotency_key(s, message)
        domain = s.smtp_from.rpartition("@")[2] or "govgraph"
        email = EmailMessage()
        email["From"], email["To"], email["Subject"] = s.smtp_from, message.to, message.subject
        email["Message-ID"] = f"<{key}@{domain}>"
        email["X-Idempotency-Key"] = key
        email.set_content(message.body)
        return email

    async def send(self, message: Message) -> None:
        """Send one email; raise when the server did not take it."""
        s = self.settings
        password = s.smtp_password.get_secret_value() if s.smtp_password else None
        try:
            await aiosmtplib.send(
                self.email(message),
                hostname=s.smtp_host,
                port=s.smtp_port,
                start_tls=s.smtp_starttls,
                username=s.smtp_user if password else None,
                password=password,
                timeout=SEND_TIMEOUT_SECONDS,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            if all(500 <= refusal.code < 600 for refusal in exc.recipients):
                raise PermanentFailure("address refused") from exc
            raise
        except aiosmtplib.SMTPResponseException as exc:
            if 500 <= exc.code < 600 and exc.code not in (530, 535):  # not an auth problem
                raise PermanentFailure(f"refused with {exc.code}") from exc
            raise


class LoggingCallGateway:
    """The development call gateway: logs that a call would be placed, by the message's id
    alone (never the phone number, never what it says)."""

    async def place_call(self, phone: str, message_id: str, text: str) -> None:
        """Log the call."""
        log.debug("notify CALL", extra={"call_message_id": message_id})


class CallNotifier:
    """The call channel: each CALL message becomes a call through the gateway, its message id
    the message's idempotency key (the same on every try: the provider places it once)."""

    channel = Channel.CALL

    def __init__(self, gateway: CallGateway, settings: Settings) -> None:
        self.gateway = gateway
        self.settings = settings

    async def send(self, message: Message) -> None:
        """Ask for the call; raise when the gateway did not take it."""
        key = idempotency_key(self.settings, message)
        await self.gateway.place_call(message.to, key, message.body)


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
    """SMTP when configured; logging for the rest (calls through the logging gateway); every
    one counted."""
    found: dict[Channel, Notifier] = {c: LoggingNotifier(c) for c in Channel}
    found[Channel.CALL] = CallNotifier(LoggingCallGateway(), settings)
    if settings.smtp_host:
        found[Channel.EMAIL] = SmtpNotifier(settings)
    return {channel: Counted(notifier) for channel, notifier in found.items()}


def retry_policy(settings: Settings) -> RetryPolicy:
    """How channel deliveries are tried again (CHANNEL_* settings)."""
    return RetryPolicy(
        max_attempts=settings.channel_max_attempts,
        base=timedelta(seconds=settings.channel_retry_base_seconds),
        cap=timedelta(seconds=settings.channel_retry_max_seconds),
        lease=timedelta(seconds=settings.channel_lease_seconds),
    )


def count_dead(source: str) -> Callable[[Outcome], None]:
    """Counts the dead letters of `source` (notification, reporter_message) in the metrics."""

    def count(_outcome: Outcome) -> None:
        CHANNEL_DEAD.labels(source).inc()

    return count

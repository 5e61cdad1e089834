"""Channel fakes: a call gateway that places no call and a push notifier that pushes nothing;
both only remember what they were given (and may fail their first tries), so tests can count
it. The fakes sit behind the real call notifier and the metrics' counting, as in a server."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from domain.notifications.channels import Channel, Message, Notifier
from govgraph.notifiers import CallNotifier, Counted, idempotency_key
from govgraph.settings import Settings


@dataclass
class FakeCallGateway:
    """domain.notifications.calls.CallGateway: records (phone, message id, text), calls nobody;
    the first `failures` calls are refused (OSError), each try recorded in `tried`."""

    calls: list[tuple[str, str, str]] = field(default_factory=list)
    failures: int = 0
    tried: list[str] = field(default_factory=list)

    async def place_call(self, phone: str, message_id: str, text: str) -> None:
        await asyncio.sleep(0.005)  # a gateway takes a moment: others run meanwhile
        self.tried.append(message_id)
        if len(self.tried) <= self.failures:
            raise OSError("the provider did not answer")
        self.calls.append((phone, message_id, text))


@dataclass
class FakePush:
    """The push channel: records each message, pushes nothing."""

    sent: list[Message] = field(default_factory=list)
    channel: Channel = Channel.PUSH

    async def send(self, message: Message) -> None:
        await asyncio.sleep(0.005)
        self.sent.append(message)


def call_key(settings: Settings, notification_id: int) -> str:
    """The message id a call of inbox row `notification_id` carries: its idempotency key."""
    return idempotency_key(settings, Message(Channel.CALL, "", "", "", notification_id))


@dataclass
class Listening:
    """What the fakes of one or more servers were handed."""

    gateway: FakeCallGateway = field(default_factory=FakeCallGateway)
    push: FakePush = field(default_factory=FakePush)

    def channels(self, settings: Settings) -> dict[Channel, Notifier]:
        """The call and push channels over the fakes, counted in the metrics."""
        return {
            Channel.CALL: Counted(CallNotifier(self.gateway, settings)),
            Channel.PUSH: Counted(self.push),
        }

    @property
    def called(self) -> list[str]:
        """Message ids of the calls placed, in order."""
        return [message_id for _, message_id, _ in self.gateway.calls]

    @property
    def pushed(self) -> list[tuple[int, int]]:
        """(inbox row id, person id) of the pushes, in order."""
        return [(m.notification_id, m.person_id) for m in self.push.sent]

"""Channel fakes: a call gateway that places no call and a push notifier that pushes nothing;
both only remember what they were given, so tests can count it."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from domain.notifications.channels import Channel, Message, Notifier
from domain.notifications.instant import CallNotifier


@dataclass
class FakeCallGateway:
    """domain.notifications.calls.CallGateway: records (phone, message id, text), calls nobody."""

    calls: list[tuple[str, str, str]] = field(default_factory=list)

    async def place_call(self, phone: str, message_id: str, text: str) -> None:
        await asyncio.sleep(0.005)  # a gateway takes a moment: others run meanwhile
        self.calls.append((phone, message_id, text))


@dataclass
class FakePush:
    """The push channel: records each message, pushes nothing."""

    sent: list[Message] = field(default_factory=list)
    channel: Channel = Channel.PUSH

    async def send(self, message: Message) -> None:
        await asyncio.sleep(0.005)
        self.sent.append(message)


@dataclass
class Listening:
    """What the fakes of one or more servers were handed."""

    gateway: FakeCallGateway = field(default_factory=FakeCallGateway)
    push: FakePush = field(default_factory=FakePush)

    def channels(self) -> dict[Channel, Notifier]:
        """The call and push channels over the fakes."""
        return {Channel.CALL: CallNotifier(self.gateway), Channel.PUSH: self.push}

    @property
    def called(self) -> list[str]:
        """Message ids of the calls, in order."""
        return [message_id for _, message_id, _ in self.gateway.calls]

    @property
    def pushed(self) -> list[tuple[int, int]]:
        """(inbox row id, person id) of the pushes, in order."""
        return [(m.notification_id, m.person_id) for m in self.push.sent]

"""Uvicorn, with a shutdown that ends the open streams first (see govgraph.draining)."""

from __future__ import annotations

import socket

import uvicorn

from govgraph.draining import drain_all


class GovGraphServer(uvicorn.Server):
    """On SIGTERM or SIGINT: stop accepting, end SSE streams and close websockets with
    1001 at once, then let uvicorn finish the requests in flight (at most
    `timeout_graceful_shutdown`) and run the app's shutdown."""

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        for server in self.servers:
            server.close()  # no new connection while the streams end
        await drain_all()
        await super().shutdown(sockets)


def run(config: uvicorn.Config) -> bool:
    """Serve until a signal stops the server; False when it did not start."""
    if config.workers > 1:  # uvicorn's supervisor builds plain servers in its workers
        sock = config.bind_socket()
        uvicorn.supervisors.Multiprocess(config, sockets=[sock]).run()
        return True
    server = GovGraphServer(config)
    server.run()
    return server.started

"""Accept-header negotiation between the two GraphQL response media types (RFC 9110 12.5.1).

GraphQL over HTTP (draft): the server answers in the highest-priority supported media type
the client accepts; 406 when neither media type is acceptable. A client that names no type
(no Accept header, or only wildcards such as `*/*` or `application/*`) gets
application/json, which every client reads (the `graphql-http` audit's recommendation);
naming application/graphql-response+json asks for it. Between two explicit types of equal
quality, the one listed first wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from govgraph.http.errors import GRAPHQL_RESPONSE_JSON, JSON

SUPPORTED = (GRAPHQL_RESPONSE_JSON, JSON)
_UTF8 = frozenset({"utf-8", "utf8"})


@dataclass(frozen=True)
class _Range:
    type: str
    subtype: str
    quality: float
    charset: str | None
    position: int

    def specificity(self, media_type: str) -> int | None:
        """How specifically this range matches the media type (None: no match)."""
        type_, subtype = media_type.split("/", 1)
        if self.charset is not None and self.charset not in _UTF8:
            return None
        if self.type == "*" and self.subtype == "*":
            return 0
        if self.type != type_:
            return None
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == subtype else None


def _parse(accept: str) -> list[_Range]:
    ranges = []
    for position, item in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        if "/" not in media:
            continue
        type_, subtype = (p.strip().lower() for p in media.split("/", 1))
        quality, charset = 1.0, None
        for param in params:
            key, _, value = param.partition("=")
            key, value = key.strip().lower(), value.strip().strip('"').lower()
            if key == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
            elif key == "charset":
                charset = value
        ranges.append(_Range(type_, subtype, quality, charset, position))
    return ranges


def negotiate(accept: str | None) -> str | None:
    """The media type to answer in, or None when the client accepts neither."""
    if accept is None or not accept.strip():
        return JSON
    ranges = _parse(accept)
    best: tuple[float, int, int, bool] | None = None
    chosen: str | None = None
    for media_type in SUPPORTED:
        matches = [(r.specificity(media_type), r) for r in ranges]
        scored = [(s, r) for s, r in matches if s is not None]
        if not scored:
            continue
        specificity, match = max(scored, key=lambda sr: (sr[0], -sr[1].position))
        if match.quality <= 0:
            continue
        # a wildcard matching both types: application/json
        key = (match.quality, -match.position, specificity, media_type == JSON)
        if best is None or key > best:
            best, chosen = key, media_type
    return chosen

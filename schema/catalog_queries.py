"""Public queries of the procedure catalog."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from resolvers.catalog import queries
from schema.catalog import Procedure, ProcedureConnection
from schema.common import ctx_of, decode_id
from schema.descriptions import After, Before, First, Last


@strawberry.type
class CatalogQuery:
    @strawberry.field(
        description="The public catalog of procedures, by code (anyone, signed in or not): "
        'every word of `search` in the code or name, diacritics ignored ("khai sinh" finds '
        '"Đăng ký khai sinh"); of one agency; of one field'
    )
    async def procedures(
        self,
        info: Info,
        search: Annotated[
            str | None, strawberry.argument(description="Words of the code or name")
        ] = None,
        agency_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="The handling agency")
        ] = None,
        field: Annotated[
            str | None,
            strawberry.argument(description="The field (lĩnh vực), diacritics ignored"),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> ProcedureConnection:
        page = await queries.procedures(
            ctx_of(info),
            search=search,
            agency_id=decode_id(agency_id, "OrgUnit", "agencyId") if agency_id else None,
            field=field,
            first=first,
            after=after,
            last=last,
            before=before,
        )
        return ProcedureConnection.from_page(page)

    @strawberry.field(description="A procedure by its code (case-insensitive); null if none")
    async def procedure(
        self,
        info: Info,
        code: Annotated[str, strawberry.argument(description="The catalog code")],
    ) -> Procedure | None:
        found = await queries.procedure(ctx_of(info), code)
        return Procedure.from_domain(found) if found else None

"""The directory repository: committees and articles."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.directory.model import Article, Committee, CommitteeDocument, CommitteeMember
from persistence.tables import committee_members, committees


class SqlDirectoryRepository:
    """DirectoryRepository on SQLAlchemy."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_committee(self, committee_id: int) -> Committee | None:
        return await self.session.get(Committee, committee_id)

    async def find_active_committee(self, search_name: str) -> Committee | None:
        result = await self.session.scalars(
            select(Committee).where(
                committees.c.search_name == search_name, committees.c.dissolved_on.is_(None)
            )
        )
        return result.first()

    async def add_committee(self, committee: Committee) -> Committee:
        self.session.add(committee)
        await self.session.flush()
        return committee

    async def add_member(self, member: CommitteeMember) -> None:
        self.session.add(member)

    async def find_member(self, committee_id: int, person_id: int) -> CommitteeMember | None:
        result = await self.session.scalars(
            select(CommitteeMember).where(
                committee_members.c.committee_id == committee_id,
                committee_members.c.person_id == person_id,
            )
        )
        return result.first()

    async def add_document(self, document: CommitteeDocument) -> None:
        self.session.add(document)

    async def add_article(self, article: Article) -> Article:
        self.session.add(article)
        await self.session.flush()
        return article

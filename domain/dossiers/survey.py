"""The 8-criteria satisfaction survey of Art. 8, one per done dossier.

Scores run from 1 (very unsatisfied) to 5 (very satisfied). Criteria a) to f) are asked of
everyone; g) receiving the result online and h) paying online only apply when the applicant
used them, so they may be left out (None). A score of 4 or 5 counts as satisfied.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from domain.dossiers.model import Dossier, Survey, SurveyCriterion
from domain.dossiers.workflow import DONE_STATES
from domain.errors import DomainError, ErrorCode
from domain.text import api_name, clean_optional

C = SurveyCriterion
LOWEST, HIGHEST = 1, 5
SATISFIED_FROM = 4
OPTIONAL = frozenset({C.ONLINE_RESULT, C.ONLINE_PAYMENT})
COMMENT_MAX = 2000


def field_of(criterion: SurveyCriterion) -> str:
    """The input field of a criterion: GUIDANCE_CLARITY -> guidanceClarity."""
    return api_name(criterion.value.lower())


def check_scores(scores: Mapping[SurveyCriterion, int | None]) -> dict[SurveyCriterion, int | None]:
    """Every required criterion scored 1..5; the optional ones 1..5 or left out."""
    checked: dict[SurveyCriterion, int | None] = {}
    for criterion in SurveyCriterion:
        score = scores.get(criterion)
        if score is None:
            if criterion not in OPTIONAL:
                raise DomainError(
                    ErrorCode.INVALID_INPUT, "Score every criterion a) to f)", field_of(criterion)
                )
        elif isinstance(score, bool) or not LOWEST <= score <= HIGHEST:
            raise DomainError(
                ErrorCode.INVALID_INPUT,
                f"A score runs from {LOWEST} to {HIGHEST}",
                field_of(criterion),
            )
        checked[criterion] = score
    return checked


def take_survey(
    dossier: Dossier,
    scores: Mapping[SurveyCriterion, int | None],
    comment: str | None,
    now: datetime,
) -> Survey:
    """The applicant's survey of a done dossier; refused before the result or a second time."""
    if dossier.state not in DONE_STATES:
        raise DomainError(ErrorCode.INVALID_STATE, "Rate the service once the result is ready")
    if dossier.rated:
        raise DomainError(ErrorCode.INVALID_STATE, "This dossier was rated already")
    checked = check_scores(scores)
    text = clean_optional(comment, field="comment", max_length=COMMENT_MAX) or ""
    fields = {c.value.lower(): score for c, score in checked.items()}
    return Survey(dossier.id, now, comment=text, **fields)


@dataclass(frozen=True)
class CriterionFigure:
    """One criterion over many surveys: how many scored it, their sum, how many satisfied."""

    criterion: SurveyCriterion
    answers: int
    total: int
    satisfied: int

    @property
    def average(self) -> float | None:
        """The mean score, None when nobody scored it."""
        return round(self.total / self.answers, 2) if self.answers else None

    @property
    def satisfied_rate(self) -> float | None:
        """The share of 4s and 5s, None when nobody scored it."""
        return round(self.satisfied / self.answers, 4) if self.answers else None

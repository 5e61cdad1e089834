"""Guidance to complete a dossier, and the apology owed when it had to be given again
(the Annex, steps 1 and 2).

The desk that refuses a dossier as incomplete, and the specialist who asks for a supplement,
write their guidance once and in full: every missing or faulty component and what to do.
When the desk refuses a dossier a third time (guidance given more than twice) and the
desk's guidance was at fault, or the specialist asks a second time and their own guidance
was at fault, the agency owes the applicant an apology letter before the dossier goes on.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from domain.dossiers.model import GuidanceStage
from domain.errors import DomainError, ErrorCode
from domain.text import clean_text

GUIDANCE_MIN = 20
"""The fewest characters of a guidance: "incomplete" alone guides nobody."""
GUIDANCE_MAX = 5000
APOLOGY_FROM_ROUND: dict[GuidanceStage, int] = {
    GuidanceStage.RECEPTION: 3,  # "hướng dẫn trên 02 lần mà vẫn xảy ra lỗi"
    GuidanceStage.PROCESSING: 2,  # "yêu cầu chỉnh sửa lần thứ 2 trở lên"
}


@dataclass(frozen=True)
class Guidance:
    """A checked guidance: the text, the components it names, whose fault a repeat was."""

    text: str
    missing_components: tuple[int, ...]
    staff_at_fault: bool


def check_guidance(
    text: str | None,
    missing: Sequence[int],
    known_components: Collection[int],
    *,
    staff_at_fault: bool,
) -> Guidance:
    """The guidance, in full: a real text, and only components the procedure has."""
    cleaned = clean_text(text or "", field="guidance", max_length=GUIDANCE_MAX, required=True)
    if len(cleaned) < GUIDANCE_MIN:
        raise DomainError(
            ErrorCode.INVALID_INPUT,
            f"Write the guidance in full (at least {GUIDANCE_MIN} characters), once",
            "guidance",
        )
    named = tuple(dict.fromkeys(missing))
    if any(component not in known_components for component in named):
        raise DomainError(
            ErrorCode.INVALID_INPUT, "The procedure has no such component", "missingComponentIds"
        )
    return Guidance(cleaned, named, staff_at_fault)


def apology_owed(stage: GuidanceStage, round_: int, *, staff_at_fault: bool) -> bool:
    """True when the `round_`-th guidance of `stage`, given through the staff's fault,
    obliges the agency to apologise."""
    return staff_at_fault and round_ >= APOLOGY_FROM_ROUND[stage]

"""A dossier's files checked against its procedure version's components (Art. 11.1).

Each file is uploaded to the media store first; the dossier names it by its store key and the
store is trusted over the client (type, size and hash are the stored ones). A file must be of
a type its component allows (by default PDF, JPEG or PNG scans), belong to no report or other
dossier, and a digital-signature record, when given, must be over that very file (its
SHA-256). Every required component must be there once the dossier is submitted or completed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.dossiers.model import DossierComponent, Signature
from domain.errors import DomainError, ErrorCode
from domain.reflections.uploads import MediaUpload
from domain.text import clean_text

DOCUMENT_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png"})
"""What a component accepts unless the catalog says otherwise: scans and PDF files."""
MAX_FILES = 30
"""Files one submission or supplement may carry."""


@dataclass(frozen=True)
class ComponentRule:
    """A component of a procedure version as the check needs it."""

    component_id: int
    name: str
    required: bool
    mime_types: frozenset[str] = DOCUMENT_TYPES


@dataclass(frozen=True)
class ComponentFile:
    """A file the applicant names for a component, with an optional signature record."""

    component_id: int
    upload_key: str
    signature: Signature | None = None


def _refuse(code: ErrorCode, message: str, field: str = "components") -> DomainError:
    return DomainError(code, message, field)


def check_signature(signature: Signature, upload: MediaUpload) -> Signature:
    """A signature record over the stored file, its texts cleaned."""
    if signature.document_sha256.strip().lower() != upload.sha256.lower():
        raise _refuse(
            ErrorCode.INVALID_INPUT,
            "The signature is over another file (its SHA-256 differs)",
            "signature",
        )
    return Signature(
        signer=clean_text(signature.signer, field="signer", max_length=200, required=True),
        certificate_serial=clean_text(
            signature.certificate_serial, field="certificateSerial", max_length=128, required=True
        ),
        issuer=clean_text(signature.issuer, field="issuer", max_length=200, required=True),
        signed_at=signature.signed_at,
        document_sha256=upload.sha256.lower(),
    )


def check_files(
    rules: Sequence[ComponentRule],
    files: Sequence[ComponentFile],
    uploads: Mapping[str, MediaUpload],
    *,
    dossier_id: int,
    now: datetime,
    round_: int,
    already: Collection[int] = (),
) -> list[DossierComponent]:
    """The components to record, or a typed refusal: an unknown component, an unknown or
    taken file, a type the component does not take, a signature over another file, or a
    required component still missing (`already`: components the dossier holds from before)."""
    if len(files) > MAX_FILES:
        raise _refuse(ErrorCode.INVALID_INPUT, f"At most {MAX_FILES} files at once")
    by_id = {rule.component_id: rule for rule in rules}
    keys = [f.upload_key for f in files]
    if len(set(keys)) != len(keys):
        raise _refuse(ErrorCode.INVALID_INPUT, "The same file is named twice")
    found: list[DossierComponent] = []
    for item in files:
        rule = by_id.get(item.component_id)
        if rule is None:
            raise _refuse(ErrorCode.INVALID_INPUT, "The procedure has no such component")
        upload = uploads.get(item.upload_key)
        if upload is None:
            raise _refuse(ErrorCode.MEDIA_REJECTED, "Unknown uploaded file")
        if upload.reflection_id is not None or upload.dossier_id is not None:
            raise _refuse(ErrorCode.MEDIA_REJECTED, "This file belongs to another record")
        if upload.mime_type not in rule.mime_types:
            allowed = ", ".join(sorted(rule.mime_types))
            raise _refuse(
                ErrorCode.FILE_TYPE_REJECTED,
                f"{rule.name}: the file is {upload.mime_type}; allowed: {allowed}",
            )
        signature = check_signature(item.signature, upload) if item.signature else None
        found.append(
            DossierComponent(
                dossier_id=dossier_id,
                component_id=rule.component_id,
                upload_key=upload.key,
                file_name=upload.name,
                mime_type=upload.mime_type,
                size_bytes=upload.size_bytes,
                sha256=upload.sha256,
                added_at=now,
                round=round_,
                signature=signature,
            )
        )
    held = set(already) | {c.component_id for c in found}
    missing = [rule.name for rule in rules if rule.required and rule.component_id not in held]
    if missing:
        raise _refuse(ErrorCode.MISSING_COMPONENTS, "Missing: " + "; ".join(missing))
    return found

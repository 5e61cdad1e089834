"""Text folding, input validation and the password policy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.accounts.passwords import PasswordPolicy
from domain.errors import DomainError, ErrorCode
from domain.text import clean_code, clean_email, clean_phone, clean_text, fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nguyễn Văn An", "nguyen van an"),
        ("ĐẶNG  Thị   Ánh", "dang thi anh"),
        ("Phường Phú Hội", "phuong phu hoi"),
        ("  Huỳnh Đức ", "huynh duc"),
    ],
)
def test_fold_strips_vietnamese_diacritics(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_inputs_are_validated_with_codes() -> None:
    assert clean_email(" An@Hue.Gov.VN ") == "an@hue.gov.vn"
    assert clean_phone("0234 3822 123") == "0234 3822 123"
    assert clean_code("hue-pkt") == "HUE-PKT"
    cases = [
        (lambda: clean_email("not-an-email"), ErrorCode.INVALID_EMAIL),
        (lambda: clean_phone("call me"), ErrorCode.INVALID_PHONE),
        (lambda: clean_text("x" * 300, field="name", max_length=255), ErrorCode.TOO_LONG),
        (
            lambda: clean_text("   ", field="name", max_length=255, required=True),
            ErrorCode.INVALID_INPUT,
        ),
        (lambda: clean_code("bad code!"), ErrorCode.INVALID_INPUT),
    ]
    for call, code in cases:
        with pytest.raises(DomainError) as refused:
            call()
        assert refused.value.code is code


@pytest.mark.parametrize(
    "password",
    ["short1!", "password123", "Matkhau@123", "x" * 200, "aaaaaaaaaaaa", "an.nv-Hue-2026"],
)
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(DomainError) as refused:
        PasswordPolicy().check(password, login="an.nv@hue.gov.vn")
    assert refused.value.code is ErrorCode.WEAK_PASSWORD


def test_a_good_password_passes_and_expires_after_the_rotation_period() -> None:
    policy = PasswordPolicy()
    policy.check("Sông Hương 2026 xanh", login="an.nv")
    changed = datetime(2026, 10, 1, tzinfo=UTC)
    assert not policy.expired(changed, changed + timedelta(days=30))
    assert policy.expired(changed, changed + timedelta(days=31))
    assert not PasswordPolicy(rotation_days=0).expired(changed, changed + timedelta(days=999))

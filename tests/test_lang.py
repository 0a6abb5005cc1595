"""Document language identification: Indonesian, Malay and English paragraphs written for the tests."""

from __future__ import annotations

import pytest

from kronik import lang


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Menteri Luar Negeri mengatakan bahwa pemerintah akan terus mendorong dialog antara kedua negara. "
            "Ia juga berharap pertemuan berikutnya dapat digelar di Jakarta pada bulan depan.",
            "id",
        ),
        (
            "The foreign minister said the government would keep pushing for dialogue between the two countries. "
            "She also hoped that the next meeting could be held in Jakarta next month.",
            "en",
        ),
        (
            "Menteri Luar Negeri berkata kerajaan akan terus menyokong rundingan antara kedua-dua negara. "
            "Beliau turut berharap mesyuarat seterusnya boleh diadakan di Kuala Lumpur bulan hadapan, katanya kepada pemberita.",
            "ms",
        ),
    ],
)
def test_detect(text: str, code: str) -> None:
    assert lang.detect(text) == code


def test_no_letters_no_language() -> None:
    assert lang.detect("") is None
    assert lang.detect("12 34 56 -- ** 2020") is None

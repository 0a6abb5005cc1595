"""Document language identification: Indonesian, Malay and English paragraphs written for the tests."""

from __future__ import annotations

from typing import Any

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


def _reference() -> Any:
    """py3langid's own identifier over the same languages, for comparison with kronik's vectorised walk."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    ident.set_languages([x for x in lang.LANGUAGES if x in set(ident.nb_classes)])
    return ident


def test_dfa_depth() -> None:
    """The vectorised walk is exact only if no state of py3langid's tokeniser lies deeper than DFA_DEPTH bytes."""
    import numpy as np

    model = lang._model()
    seen = np.zeros(len(model.rowbase), dtype=bool)
    seen[0] = True
    frontier, depth = np.array([0]), 0
    while len(frontier):
        following = np.unique(model.nextmove[(model.rowbase[frontier][:, None] + np.arange(256)).ravel()])
        frontier = following[~seen[following]]
        seen[frontier] = True
        depth += len(frontier) > 0
    assert seen.all() and depth == lang.DFA_DEPTH


def test_same_as_py3langid() -> None:
    """Features in py3langid's order and its decision, on prose, scripts it knows, upper case and odd input."""
    import random

    from py3langid.langid import visit_counts

    ident = _reference()
    model = lang._model()
    rng = random.Random(3)
    letters = [chr(c) for c in [*range(32, 127), *range(0xC0, 0x250), *range(0x400, 0x4FF), *range(0x600, 0x6FF),
                                *range(0x3040, 0x30FF), *range(0x4E00, 0x4EFF), *range(0xE00, 0xE7F)]]
    texts = ["", "a", "ab", "ABC DEF GHI", "\ud800x", "日本語のテキストです", "Menteri Luar Negeri bertemu mitranya. " * 40]
    texts += ["".join(rng.choice(letters) for _ in range(rng.randrange(0, 400))) for _ in range(300)]
    for text in texts:
        data = ident._encode(text)
        ids, counts = model.features(data)
        expected = visit_counts(ident.tk_nextmove, ident._rowbase, ident.tk_output, data) or {}
        assert list(zip(ids.tolist(), counts.tolist(), strict=True)) == list(expected.items())
        assert model.classify(text) == ident.classify(text)[0]

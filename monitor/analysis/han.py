"""Traditional Chinese read as Simplified: one character for one.

Chinese texts are matched, scored and clustered in Simplified characters, so that a seller forum
in Taiwan or Hong Kong ("兩步驟驗證", "簡訊驗證碼", "蝦皮賣家") meets the same words, n-grams and
stories as a mainland one ("两步验证", "短信验证码", "虾皮卖家").  The table is OpenCC's ``t2s``
character dictionary, read once from the OpenCC library (its phrase conversions are left out: they
change the length of a text, and every offset of a match must stay that of the original text, whose
words the reasons quote).  Japanese keeps its kanji: only texts read as Chinese are folded.
"""

from __future__ import annotations

from functools import lru_cache

# CJK Unified Ideographs and Extension A (compatibility ideographs are gone after NFKC)
_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000))


@lru_cache(maxsize=1)
def table() -> dict[int, str]:
    """``str.translate`` table: code point of a Traditional character -> its Simplified form."""
    import opencc

    chars = [chr(c) for lo, hi in _RANGES for c in range(lo, hi)]
    # one character per line: OpenCC segments within a line, so only its character table applies
    out = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(out) != len(chars):  # a library that changed how it converts: fold nothing rather than misalign
        return {}
    folded = {ord(a): b for a, b in zip(chars, out) if a != b and len(b) == 1}
    folded.update(_ACCOUNT)
    return folded


# 帳 is 帐 (a tent, a bill) and 账 (an account); sellers' 帳號 / 帳戶 are the mainland 账号 / 账户
_ACCOUNT = {ord("帳"): "账", ord("帐"): "账"}


def to_simplified(text: str) -> str:
    """``text`` with every Traditional character replaced by its Simplified form; same length."""
    return text.translate(table()) if text else text


def with_simplified(words: list[str]) -> list[str]:
    """``words`` and, after them, the Simplified form of each that has Traditional characters."""
    out = list(words)
    seen = set(out)
    for w in words:
        s = to_simplified(w)
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out

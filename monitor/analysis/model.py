"""The trained classifier: file format, features, prediction and the reasons it gives.

A multinomial logistic regression over two kinds of input:

* the words of the text as hashed n-grams (character n-grams inside words, which also cover
  Chinese, Japanese and Korean text without spaces, and word uni-/bigrams), through a stateless
  hashing vectorizer (sklearn's HashingVectorizer; ``text_matrix`` computes the same matrix from
  columns it keeps per word, in memory): nothing of the training texts is stored in the model,
  only one weight per hash bucket;
* the rule evidence (``evidence``): concept hits, a contact channel and a verification act in
  one sentence, dates, traps — each a named feature with a learned weight, never a veto.

The shipped model (``data/classifier.npz``) is a plain NumPy archive (no pickle) holding the
weights, the intercepts, a calibration temperature and a JSON ``meta`` record (format version,
hashing parameters, evidence names, the SHA-256 of the corpus it was trained on and its
story-grouped cross-validation figures).  ``python -m monitor.analysis.train`` rebuilds it.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize
from sklearn.utils import murmurhash3_32

from . import evidence

FORMAT = "sellerguard-classifier"
FORMAT_VERSION = 1
MODEL_PATH = Path(__file__).resolve().parent / "data" / "classifier.npz"
CLASSES = ("contact_verification", "other_verification", "unrelated")
DEFAULT_HASHING = {"n_features": 1 << 15, "char_ngrams": [2, 4], "word_ngrams": [1, 2], "max_chars": 5000}
_ARRAYS = ("w_text", "w_dense", "bias", "meta")
_DIGITS = str.maketrans("0123456789", "0000000000")


class ModelError(RuntimeError):
    """The classifier's model file cannot be used."""


class ModelMissing(ModelError):
    """No model file where one is expected."""


class ModelCorrupt(ModelError):
    """A model file that is unreadable, of another format, or built for other features."""


def normalise(text: str, max_chars: int) -> str:
    """The text the n-grams are read from: lower case, digits folded (a date is not a word)."""
    return text[:max_chars].lower().translate(_DIGITS)


@lru_cache(maxsize=8)
def _vectorizers(n_features: int, char_lo: int, char_hi: int, word_lo: int, word_hi: int):
    """The sklearn vectorizers whose matrix ``text_matrix`` computes (the tests compare the two)."""
    from sklearn.feature_extraction.text import HashingVectorizer

    common = {"n_features": n_features, "alternate_sign": False, "norm": "l2", "lowercase": False,
              "dtype": np.float64}
    char = HashingVectorizer(analyzer="char_wb", ngram_range=(char_lo, char_hi), **common)
    word = HashingVectorizer(analyzer="word", ngram_range=(word_lo, word_hi), token_pattern=r"(?u)\b\w+\b", **common)
    return char, word


_INT32_MIN = -(1 << 31)
TOKEN = re.compile(r"(?u)\b\w+\b")  # the word vectorizer's token_pattern
_COLUMNS: dict[tuple, dict[str, object]] = {}  # per hashing: word -> its columns (see text_matrix)
_KEEP_WORD = 24  # longer "words" (a CJK sentence has no spaces) rarely come back: their columns are not kept


def column(gram: str, n_features: int) -> int:
    """The hash bucket of an n-gram, as sklearn's FeatureHasher computes it (MurmurHash3 of the
    UTF-8 bytes, seed 0, absolute value modulo ``n_features``)."""
    h = murmurhash3_32(gram, seed=0)
    if h == _INT32_MIN:  # abs(-2**31) overflows int32 in the hasher; it defines the bucket so
        return (2147483647 - (n_features - 1)) % n_features
    return abs(h) % n_features


def char_wb_grams(word: str, lo: int, hi: int) -> list[str]:
    """The ``char_wb`` n-grams of one word (HashingVectorizer's ``_char_wb_ngrams``): the word
    padded with one space each side, every window of ``lo..hi`` characters; a padded word no
    longer than ``n`` gives itself once and no longer n-grams."""
    w = " " + word + " "
    out: list[str] = []
    for k in range(lo, hi + 1):
        if len(w) <= k:
            out.append(w)
            break
        out.extend([w[i:i + k] for i in range(len(w) - k + 1)])
    return out


def word_grams(tokens: list[str], lo: int, hi: int) -> list[str]:
    """The word n-grams of a token list (HashingVectorizer's ``_word_ngrams``, no stop words)."""
    if hi == 1:
        return tokens
    out = list(tokens) if lo == 1 else []
    for k in range(max(lo, 2), min(hi + 1, len(tokens) + 1)):
        out.extend(" ".join(tokens[i:i + k]) for i in range(len(tokens) - k + 1))
    return out


def _hashed(cols: array, lengths: list[int], n_features: int) -> sparse.csr_matrix:
    """What HashingVectorizer.transform (alternate_sign=False, norm="l2") makes of the buckets of
    the n-grams of its texts (``cols``, text after text, ``lengths`` of each): a count per bucket
    (the hasher's 1.0 per n-gram summed by sum_duplicates: exact, whatever the order), each row
    scaled to unit L2 norm by sklearn's normalize."""
    indptr = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    idx_type = np.int64 if indptr[-1] > np.iinfo(np.int32).max else np.int32
    indices = np.frombuffer(cols, dtype=np.int32).astype(idx_type)  # a copy: cols may grow again
    x = sparse.csr_matrix((np.ones(len(indices), dtype=np.float64), indices, indptr.astype(idx_type)),
                          shape=(len(lengths), n_features), dtype=np.float64)
    x.sum_duplicates()
    return normalize(x, norm="l2", copy=False)


def text_matrix(texts: list[str], hashing: dict) -> sparse.csr_matrix:
    """Hashed n-grams of each text: character n-grams in ``[0, n)``, word n-grams in ``[n, 2n)``.

    The same matrix as sklearn's HashingVectorizer (``analyzer="char_wb"`` and ``"word"``, see
    ``_vectorizers``) gives, without running it: the columns of each word's character n-grams and
    of each token are computed once and kept (texts share most of their words).
    """
    n = hashing["n_features"]
    (c_lo, c_hi), (w_lo, w_hi) = hashing["char_ngrams"], hashing["word_ngrams"]
    if not texts:
        raise ValueError("Cannot vectorize empty sequence.")
    if n > 1 << 31:
        raise ValueError("n_features must fit a 32-bit column index")
    key = (n, c_lo, c_hi, w_lo, w_hi)
    cache = _COLUMNS.setdefault(key, {})
    if len(cache) > 50_000:  # some 12 MB at most (about 230 bytes an entry)
        cache.clear()
    char_cols, word_cols = array("i"), array("i")
    char_lens, word_lens = [], []
    for text in texts:
        norm = normalise(text, hashing["max_chars"])
        before = len(char_cols)
        for w in norm.split():
            cols = cache.get(w)
            if cols is None:
                cols = array("i", [column(g, n) for g in char_wb_grams(w, c_lo, c_hi)])
                if len(w) <= _KEEP_WORD:
                    cache[w] = cols
            char_cols.extend(cols)
        char_lens.append(len(char_cols) - before)
        before = len(word_cols)
        for g in word_grams(TOKEN.findall(norm), w_lo, w_hi):
            if " " in g:  # a word pair: rarely seen twice, not kept
                word_cols.append(column(g, n))
                continue
            c = cache.get("\x00" + g)  # a token's column, kept apart from the character columns of words
            if c is None:
                c = cache["\x00" + g] = column(g, n)
            word_cols.append(c)
        word_lens.append(len(word_cols) - before)
    return sparse.hstack([_hashed(char_cols, char_lens, n), _hashed(word_cols, word_lens, n)], format="csr")


@dataclass
class Model:
    w_text: np.ndarray   # (classes, 2 * n_features)
    w_dense: np.ndarray  # (classes, len(evidence.NAMES))
    bias: np.ndarray     # (classes,)
    meta: dict

    @property
    def hashing(self) -> dict:
        return self.meta["hashing"]

    @property
    def temperature(self) -> float:
        return float(self.meta.get("temperature", 1.0))

    @property
    def dense_scale(self) -> float:
        return float(self.meta.get("dense_scale", 1.0))

    @property
    def rule_vote(self) -> float:
        """The weight of the hand-written rules' own label, added to that label's logit: the rules
        carry what POLICY-LANGUAGE.md knows and the corpus shows too rarely to learn (non-seller
        portals, optional 2FA), as one vote, never as a veto."""
        return float(self.meta.get("rule_vote", 0.0))

    def f64(self, name: str) -> np.ndarray:
        """The weights ``name`` (``w_text``, ``w_dense``, ``bias``) as float64, converted once (again
        when the attribute is given another array; change a model's arrays only that way)."""
        arr = getattr(self, name)
        cache = self.__dict__.setdefault("_f64", {})
        hit = cache.get(name)
        if hit is None or hit[0] is not arr:
            hit = cache[name] = (arr, arr.astype(np.float64))
        return hit[1]

    def diff(self, name: str, c: int, r: int) -> np.ndarray:
        """``getattr(self, name)[c] - getattr(self, name)[r]`` (the weights of class c against r), kept."""
        arr = getattr(self, name)
        cache = self.__dict__.setdefault("_diff", {})
        hit = cache.get((name, c, r))
        if hit is None or hit[0] is not arr:
            hit = cache[(name, c, r)] = (arr, arr[c] - arr[r])
        return hit[1]

    def logits(self, text_x: sparse.csr_matrix, dense_x: np.ndarray,
               rule_labels: np.ndarray | None = None) -> np.ndarray:
        z = text_x @ self.f64("w_text").T + (dense_x * self.dense_scale) @ self.f64("w_dense").T
        z = np.asarray(z) + self.f64("bias")
        if rule_labels is not None and self.rule_vote:
            z = z + self.rule_vote * np.eye(len(CLASSES))[np.asarray(rule_labels, dtype=int)]
        return z

    def proba(self, text_x: sparse.csr_matrix, dense_x: np.ndarray,
              rule_labels: np.ndarray | None = None) -> np.ndarray:
        z = self.logits(text_x, dense_x, rule_labels) / self.temperature
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


# ---- file format -----------------------------------------------------------------------------

def _npy_bytes(arr: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.lib.format.write_array(buf, np.ascontiguousarray(arr), allow_pickle=False)
    return buf.getvalue()


def save(model: Model, path: str | Path) -> None:
    """Write ``model`` as a NumPy archive, byte for byte the same for the same model."""
    meta = dict(model.meta, format=FORMAT, format_version=FORMAT_VERSION, classes=list(CLASSES),
                dense_names=list(evidence.NAMES))
    meta_bytes = np.frombuffer(json.dumps(meta, sort_keys=True, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    arrays = {"w_text": model.w_text.astype(np.float16), "w_dense": model.w_dense.astype(np.float32),
              "bias": model.bias.astype(np.float32), "meta": meta_bytes}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in _ARRAYS:
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, _npy_bytes(arrays[name]), compresslevel=9)
    tmp.replace(path)


def load(path: str | Path | None = None) -> Model:
    """Read a model file; a missing or unusable file raises ``ModelMissing`` / ``ModelCorrupt``."""
    path = Path(path) if path is not None else MODEL_PATH
    if not path.is_file():
        raise ModelMissing(f"classifier model not found at {path}; rebuild it with `make train` "
                           f"(python -m monitor.analysis.train)")
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in _ARRAYS}
        meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
    except Exception as exc:  # zip, npy or JSON damage: one clear error
        raise ModelCorrupt(f"classifier model {path} is unreadable ({type(exc).__name__}: {exc}); "
                           f"rebuild it with `make train`") from exc
    if meta.get("format") != FORMAT or meta.get("format_version") != FORMAT_VERSION:
        raise ModelCorrupt(f"{path} is not a {FORMAT} v{FORMAT_VERSION} model file; rebuild it with `make train`")
    if tuple(meta.get("dense_names", ())) != evidence.NAMES or tuple(meta.get("classes", ())) != CLASSES:
        raise ModelCorrupt(f"{path} was built for other evidence features than this code computes; "
                           f"rebuild it with `make train`")
    h = meta.get("hashing", {})
    w_text, w_dense, bias = arrays["w_text"], arrays["w_dense"], arrays["bias"]
    if (w_text.shape != (len(CLASSES), 2 * int(h.get("n_features", -1))) or w_dense.shape != (len(CLASSES), len(evidence.NAMES))
            or bias.shape != (len(CLASSES),) or not all(np.isfinite(a).all() for a in (w_text, w_dense, bias))):
        raise ModelCorrupt(f"{path} has weights of the wrong shape or non-finite values; rebuild it with `make train`")
    return Model(w_text.astype(np.float32), w_dense.astype(np.float32), bias.astype(np.float32), meta)


@lru_cache(maxsize=1)
def default_model() -> Model:
    """The shipped model, loaded once."""
    return load(MODEL_PATH)

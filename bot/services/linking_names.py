"""Tell whether a Telegram name and a member's name are the same person's, in any script.

Both sides are folded (``bot.answers.names.fold``: case, accents, punctuation) and turned
into *spellings*: the name's words run together in every order, Hangul read out in the
Latin letters people romanise Korean names with (``김민서`` reads ``kimminseo``,
``gimminseo`` …). Two names match when they share a spelling: "Min-seo Kim", "minseo_kim",
"Kim Minseo" and "김민서" all match "Kim Min-seo"; "Kim" alone or "Min-jun Kim" do not.
"""

from __future__ import annotations

from itertools import permutations, product

from bot.answers.names import HANGUL, fold

MAX_WORDS = 4  # names longer than this are compared in the order written (24 orders at most)
# Common Korean surnames as their owners write them in Latin letters (the first syllable).
SURNAMES: dict[str, tuple[str, ...]] = {
    "김": ("kim", "gim"), "이": ("lee", "yi", "rhee", "i"), "박": ("park", "pak", "bak"),
    "최": ("choi", "choe"), "정": ("jung", "jeong", "chung"), "강": ("kang", "gang"),
    "조": ("cho", "jo"), "윤": ("yoon", "yun"), "장": ("jang", "chang"),
    "임": ("lim", "im", "rim"), "한": ("han",), "오": ("oh", "o"), "서": ("seo", "suh"),
    "신": ("shin", "sin"), "권": ("kwon", "gwon"), "황": ("hwang",), "안": ("ahn", "an"),
    "송": ("song",), "류": ("ryu", "yoo", "yu"), "유": ("yoo", "yu"), "전": ("jeon", "jun"),
    "홍": ("hong",), "고": ("ko", "go"), "문": ("moon", "mun"), "양": ("yang",),
    "손": ("son", "sohn"), "배": ("bae",), "백": ("baek", "paik"), "허": ("heo", "huh"),
    "노": ("noh", "roh", "no"), "남": ("nam",), "하": ("ha",), "곽": ("kwak", "gwak"),
    "성": ("sung", "seong"), "차": ("cha",), "주": ("joo", "ju"), "우": ("woo", "u"),
    "구": ("koo", "gu"), "민": ("min",), "진": ("jin",), "나": ("na",), "지": ("ji",),
}  # fmt: skip
# Revised Romanisation, with the older spellings names keep ("hoon", "hyun", "sook").
INITIALS = (
    ("g", "k"), ("kk",), ("n",), ("d", "t"), ("tt",), ("r", "l"), ("m",), ("b", "p"),
    ("pp",), ("s",), ("ss",), ("",), ("j",), ("jj",), ("ch",), ("k",), ("t",), ("p",), ("h",),
)  # fmt: skip
VOWELS = (
    ("a",), ("ae",), ("ya",), ("yae",), ("eo", "u"), ("e",), ("yeo", "yu"), ("ye",), ("o",),
    ("wa",), ("wae",), ("oe",), ("yo",), ("u", "oo"), ("wo",), ("we",), ("wi",), ("yu",),
    ("eu",), ("ui",), ("i",),
)  # fmt: skip
FINALS = (
    ("",), ("k", "g"), ("k",), ("k",), ("n",), ("n",), ("n",), ("t", "d"), ("l",), ("k",),
    ("m",), ("l",), ("l",), ("l",), ("p",), ("l",), ("m",), ("p", "b"), ("p",), ("t",),
    ("t",), ("ng",), ("t",), ("t",), ("k",), ("t",), ("p",), ("t",),
)  # fmt: skip
FIRST_SYLLABLE = 0xAC00


def _syllable(char: str) -> tuple[str, ...]:
    """Return the Latin spellings of one Hangul syllable."""
    index = ord(char) - FIRST_SYLLABLE
    initial, rest = divmod(index, 21 * 28)
    vowel, final = divmod(rest, 28)
    return tuple("".join(p) for p in product(INITIALS[initial], VOWELS[vowel], FINALS[final]))


def _word(word: str) -> set[str]:
    """Return the Latin spellings of one folded word (itself, if it has no Hangul)."""
    if not HANGUL.search(word):
        return {word}
    choices: list[tuple[str, ...]] = []
    for index, char in enumerate(word):
        if not HANGUL.fullmatch(char):
            choices.append((char,))
            continue
        read = _syllable(char)
        if index == 0:  # a Korean name is written surname first
            read = (*SURNAMES.get(char, ()), *read)
        choices.append(read)
    return {"".join(parts) for parts in product(*choices)}


def spellings(name: str | None) -> frozenset[str]:
    """Return every way ``name`` reads as one run of Latin letters, in any order of its words."""
    words = fold(name or "").split()
    if not words:
        return frozenset()
    orders = permutations(words) if len(words) <= MAX_WORDS else iter([tuple(words)])
    found: set[str] = set()
    for order in orders:
        found |= {"".join(parts) for parts in product(*(_word(w) for w in order))}
    return frozenset(found)


def telegram_spellings(
    first_name: str | None, last_name: str | None = None, username: str | None = None
) -> frozenset[str]:
    """Return the spellings of everything a Telegram user is called: names and username."""
    full = " ".join(part for part in (first_name, last_name) if part)
    return spellings(full) | spellings(username)


def same_person(telegram: frozenset[str], member_name: str) -> bool:
    """Tell whether a Telegram user's spellings include one of the member's name."""
    return not telegram.isdisjoint(spellings(member_name))

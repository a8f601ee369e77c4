"""The on-screen keyboard's layouts as data: which keys each kind of field gets (a name, an
email address, a phone number, a postcode), row by row and page by page, and when a name's
next letter starts in capitals. ui.kiosk.keyboard draws them."""

from __future__ import annotations

from dataclasses import dataclass

# What an action key does (a key without one inserts its text).
BACKSPACE = "backspace"
SHIFT = "shift"
PAGE = "page"  # the next page of the layout: letters, then accented letters, then letters
NEXT = "next"  # the next field, as Tab would; "Done" on the last field hides the keyboard
HIDE = "hide"


@dataclass(frozen=True)
class Key:
    """One key: the text a tap inserts, or an action; `width` in widths of a letter key."""

    text: str = ""
    action: str = ""
    width: float = 1.0


Row = tuple[Key, ...]
Page = tuple[Row, ...]


def keys(characters: str, width: float = 1.0) -> Row:
    """A key for each character of `characters` (spaces between them are ignored)."""
    return tuple(Key(c, width=width) for c in characters if c != " ")


def words(*texts: str, width: float = 2.0) -> Row:
    """A key that inserts each of `texts` whole (".com", "gmail.com")."""
    return tuple(Key(text, width=width) for text in texts)


def action(name: str, width: float = 1.5) -> Key:
    return Key(action=name, width=width)


SPACE = Key(" ", width=4.0)

NAME_LETTERS: Page = (
    (*keys("qwertyuiop"), action(BACKSPACE)),
    keys("asdfghjkl'"),
    (action(SHIFT), *keys("zxcvbnm-")),
    (action(PAGE), Key(" ", width=5.0), action(NEXT, 2.5), action(HIDE, 2.5)),
)

# Enough for the names of Europe's Latin-script languages (French, German, Spanish,
# Portuguese, Italian, Nordic, Polish, Czech, Slovak, Hungarian, Romanian, Turkish, Baltic,
# Croatian, Welsh and Irish), grouped by the letter they are built on.
NAME_ACCENTS: Page = (
    keys("à á â ä ã å ā ă ą æ ç ć č ď đ ð"),
    keys("è é ê ë ē ė ę ě ğ ì í î ï ī į ı ł"),
    keys("ñ ń ň ò ó ô ö õ ő ø œ ř ś š ş ș ß"),
    keys("ť ț þ ù ú û ü ū ů ű ų ŵ ý ÿ ź ż ž"),
    (
        action(SHIFT, 2.0),
        action(PAGE, 2.0),
        Key("'"),
        Key(" ", width=2.0),
        Key("-"),
        action(BACKSPACE, 2.0),
        action(NEXT, 3.0),
        action(HIDE, 4.0),
    ),
)

EMAIL: Page = (
    (*keys("1234567890"), action(BACKSPACE)),
    keys("qwertyuiop@"),
    keys("asdfghjkl._"),
    (*keys("zxcvbnm-+"), *words(".com")),
    (*words(".co.uk"), *words("gmail.com", "outlook.com", width=2.5), action(NEXT, 2.0),
     action(HIDE, 2.5)),
)  # fmt: skip

PHONE: Page = (
    (*keys("1234567890"), action(BACKSPACE)),
    (Key("+", width=1.5), SPACE, action(NEXT, 2.5), action(HIDE, 2.5)),
)

POSTCODE: Page = (
    (*keys("1234567890"), action(BACKSPACE)),
    keys("QWERTYUIOP"),
    (*keys("ASDFGHJKL"), Key(" ", width=2.0)),
    (*keys("ZXCVBNM"), action(NEXT, 2.5), action(HIDE, 2.5)),
)

LAYOUTS: dict[str, tuple[Page, ...]] = {
    "name": (NAME_LETTERS, NAME_ACCENTS),
    "email": (EMAIL,),
    "phone": (PHONE,),
    "postcode": (POSTCODE,),
}
CAPITALISED = frozenset({"name"})  # the layouts whose letters follow Shift


def capital_next(before: str) -> bool:
    """Whether a name's next letter is a capital: the first letter, and the first after a
    space or a hyphen ("Anne-Marie Le Roux"); Shift turns it off ("van der Berg")."""
    return not before or before[-1] in " -"


def shifted(text: str) -> str:
    """A letter in capitals; `text` itself when it has no single capital (ß, ĸ, digits)."""
    upper = text.upper()
    return upper if len(upper) == 1 else text

"""A character scanner shared by the selector parsers: positions, literals, strings, numbers, errors."""

from __future__ import annotations

from typing import NoReturn

from simulator.webdriver.errors import WebDriverError

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "0": "\0"}


class Scanner:
    """Reads one selector left to right; every error names the strategy, the selector and the position."""

    def __init__(self, strategy: str, text: str) -> None:
        self.strategy = strategy
        self.text = text
        self.pos = 0

    def fail(self, reason: str, at: int | None = None) -> NoReturn:
        """Raise ``invalid selector`` with the reason, the position and what follows it."""
        where = self.pos if at is None else at
        rest = self.text[where : where + 20]
        context = f" near {rest!r}" if rest else " at the end"
        raise WebDriverError("invalid selector", f"{self.strategy} {self.text!r}: {reason} (position {where}{context})")

    @property
    def done(self) -> bool:
        return self.pos >= len(self.text)

    def peek(self, size: int = 1) -> str:
        return self.text[self.pos : self.pos + size]

    def skip_space(self) -> None:
        while not self.done and self.text[self.pos].isspace():
            self.pos += 1

    def eat(self, literal: str, space: bool = True) -> bool:
        """Consume ``literal`` (after optional whitespace) when it comes next."""
        if space:
            self.skip_space()
        if self.text.startswith(literal, self.pos):
            self.pos += len(literal)
            return True
        return False

    def eat_word(self, word: str) -> bool:
        """Consume a keyword, case-insensitively, only as a whole word."""
        self.skip_space()
        end = self.pos + len(word)
        if self.text[self.pos : end].upper() == word.upper() and not _word_char(self.text[end : end + 1]):
            self.pos = end
            return True
        return False

    def expect(self, literal: str, what: str | None = None) -> None:
        if not self.eat(literal):
            self.fail(f"expected {what or repr(literal)}")

    def identifier(self, extra: str = "", what: str = "a name") -> str:
        """A run of letters, digits, ``_`` and the ``extra`` characters, not starting with a digit."""
        self.skip_space()
        start = self.pos
        while not self.done and (_word_char(self.text[self.pos]) or self.text[self.pos] in extra):
            self.pos += 1
        name = self.text[start : self.pos]
        if not name or name[0].isdigit():
            self.pos = start
            self.fail(f"expected {what}")
        return name

    def quoted(self, quotes: str = "\"'") -> str:
        """A quoted string with backslash escapes (``\\"``, ``\\\\``, ``\\n``, ``\\uXXXX``)."""
        self.skip_space()
        quote = self.peek()
        if not quote or quote not in quotes:
            self.fail("expected a quoted string")
        start = self.pos
        self.pos += 1
        out: list[str] = []
        while True:
            if self.done:
                self.fail("unterminated string", start)
            char = self.text[self.pos]
            self.pos += 1
            if char == quote:
                return "".join(out)
            if char == "\\":
                out.append(self._escape(start))
            else:
                out.append(char)

    def _escape(self, start: int) -> str:
        if self.done:
            self.fail("unterminated string", start)
        char = self.text[self.pos]
        self.pos += 1
        if char == "u":
            digits = self.text[self.pos : self.pos + 4]
            if len(digits) != 4 or any(d not in "0123456789abcdefABCDEF" for d in digits):
                self.fail("\\u needs four hex digits")
            self.pos += 4
            return chr(int(digits, 16))
        return _ESCAPES.get(char, char)

    def integer(self) -> int:
        """An optionally signed decimal integer."""
        self.skip_space()
        start = self.pos
        if self.peek() in ("-", "+"):
            self.pos += 1
        while not self.done and self.text[self.pos].isdigit():
            self.pos += 1
        digits = self.text[start : self.pos]
        if digits in ("", "-", "+"):
            self.pos = start
            self.fail("expected a number")
        return int(digits)

    def number_ahead(self) -> bool:
        self.skip_space()
        ahead = self.peek(2)
        return bool(ahead) and (ahead[0].isdigit() or (ahead[0] in "-+" and ahead[1:2].isdigit()))

    def end(self) -> None:
        self.skip_space()
        if not self.done:
            self.fail("unexpected text")


def _word_char(char: str) -> bool:
    return bool(char) and (char.isalnum() or char == "_")

"""A safe YAML reader that remembers where every value came from.

PyYAML's safe composer builds the node tree (with start marks); this module turns the nodes
into plain values itself, so that it can

- report file:line:col (1-based) for every key and value,
- reject duplicate keys (PyYAML silently keeps the last one),
- refuse everything but plain scalars, sequences and mappings with the standard tags
  (no python tags, no custom constructors, no merge keys),
- refuse aliases outright (so an alias bomb cannot expand), and bound nesting depth and
  the number of nodes,
- refuse files over a size limit without reading more than the limit, and decode UTF-8
  with an error that names the line and the byte offset.

Nothing from the file is ever executed or constructed beyond str, int, float, bool, None,
list and dict.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_BYTES = 2 * 1024 * 1024  # 2 MB: a big scenario is under 100 kB
MAX_DEPTH = 40  # nesting levels; a scenario needs about 6
MAX_NODES = 50_000  # values in one file; the largest shipped scenario has a few thousand

PathKey = tuple[str | int, ...]
Pos = tuple[int, int]  # line, column (1-based)

_T = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_T + "str", _T + "int", _T + "float", _T + "bool", _T + "null"}
# A plain scalar that YAML 1.1 reads as text but every person reads as a number (1e3, 2E-2).
_EXP_NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+$")


class _AliasError(Exception):
    """An alias met while composing: compose() words the message (it has the text)."""

    def __init__(self, anchor: str, line: int, col: int) -> None:
        super().__init__(anchor)
        self.anchor, self.line, self.col = anchor, line, col


class _Invalid:
    """A value that could not be read (its error is already reported)."""

    _instance: _Invalid | None = None

    def __new__(cls) -> _Invalid:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "<invalid>"


INVALID = _Invalid()


class ReadError(Exception):
    """The file cannot be read as a scenario at all; carries one located message."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


@dataclass
class Document:
    """Plain data plus the position of every value and every mapping key."""

    data: Any
    pos: dict[PathKey, Pos] = field(default_factory=dict)
    keypos: dict[PathKey, Pos] = field(default_factory=dict)
    # located problems found while converting (duplicate keys, bad tags...): (line, col, msg)
    problems: list[tuple[int, int, str]] = field(default_factory=list)
    # values written as a block of text (`key: >` or `key: |`): path -> the indicator written
    block_text: dict[PathKey, str] = field(default_factory=dict)
    # mappings with a merge key (refused): what it would have brought in is unknown
    merged: set[PathKey] = field(default_factory=set)
    # located warnings (a value that YAML reads otherwise than it looks): (line, col, msg)
    warnings: list[tuple[int, int, str]] = field(default_factory=list)


def read_limited(path: str | os.PathLike[str], limit: int = MAX_BYTES) -> bytes:
    """Read at most `limit` bytes of a regular file; refuse bigger files before reading.

    Raises ReadError with a readable message for every failure (missing, directory, too big,
    permission denied, not a regular file).
    """
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise ReadError("file not found: check the path and the spelling") from None
    except PermissionError:
        raise ReadError("permission denied: the file cannot be opened for reading") from None
    except OSError as exc:
        raise ReadError(f"cannot open the file: {exc.strerror or exc}") from None
    import stat as _stat

    if _stat.S_ISDIR(st.st_mode):
        raise ReadError("this is a folder, not a file: name a .yaml file inside it")
    if not _stat.S_ISREG(st.st_mode):
        raise ReadError("not a regular file: name a .yaml file")
    if st.st_size > limit:
        raise ReadError(_too_big(st.st_size, limit))
    try:
        with open(p, "rb") as fh:
            data = fh.read(limit + 1)
    except PermissionError:
        raise ReadError("permission denied: the file cannot be opened for reading") from None
    except OSError as exc:
        raise ReadError(f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > limit:  # grew while we looked
        raise ReadError(_too_big(len(data), limit))
    return data


def _too_big(size: int, limit: int) -> str:
    return (
        f"file is too big ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB): "
        "a scenario or orders file is plain text of at most a few hundred kB; check you chose "
        "the right file"
    )


def decode_utf8(data: bytes) -> str:
    """Decode UTF-8 (a leading byte-order mark is allowed) or raise a located ReadError.
    Windows (CRLF) and old Mac (CR) line ends become LF, as YAML reads them: the checks that
    look at a line's end then see it, and lines and columns stay the same."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        ends = data[:start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")  # (any line end)
        line = ends.count(b"\n") + 1
        line_start = max(data.rfind(b"\n", 0, start), data.rfind(b"\r", 0, start)) + 1
        col = len(data[line_start:start].decode("utf-8", "replace")) + 1
        raise ReadError(
            f"the file is not UTF-8 text (byte 0x{data[start]:02x} at byte offset {start}): "
            "save it as UTF-8 in your editor",
            line,
            col,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _start(event: Any) -> Pos:
    """Where a YAML event starts, 1-based."""
    return event.start_mark.line + 1, event.start_mark.column + 1


def _compose_node(self: Any, parent: Node | None, index: Any) -> Node:
    """Composer.compose_node that refuses aliases and bounds depth and node count."""
    event = self.peek_event()
    if isinstance(event, AliasEvent):
        raise _AliasError(event.anchor, *_start(event))
    self._nodes += 1
    if self._nodes > MAX_NODES:
        raise ReadError(
            f"too many values (more than {MAX_NODES}): a scenario is much smaller; "
            "check you chose the right file",
            *_start(event),
        )
    if isinstance(event, (SequenceStartEvent, MappingStartEvent)):
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise ReadError(
                f"nested too deeply (more than {MAX_DEPTH} levels): "
                "a scenario needs only a few levels of indentation",
                *_start(event),
            )
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            self._depth -= 1
    assert isinstance(event, ScalarEvent)
    return Composer.compose_node(self, parent, index)


class _Loader(yaml.SafeLoader):
    """The pure-Python safe loader with the checks above (its error messages are the ones
    documented and tested)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    compose_node = _compose_node  # type: ignore[assignment]


try:  # libyaml's C event parser under the same Python composer: about 6 times faster
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _CParser = None

if _CParser is not None:

    class _FastLoader(_CParser, yaml.resolver.Resolver):  # type: ignore[misc,valid-type]
        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.resolver.Resolver.__init__(self)
            self.anchors: dict = {}
            self._depth = 0
            self._nodes = 0

        get_single_node = Composer.get_single_node
        compose_document = Composer.compose_document
        compose_node = _compose_node
        compose_scalar_node = Composer.compose_scalar_node
        compose_sequence_node = Composer.compose_sequence_node
        compose_mapping_node = Composer.compose_mapping_node


# Characters YAML counts as line breaks but editors (and `file:line:col`) do not.
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")


class _Lines:
    """1-based (line, column) of a YAML mark as an editor counts them: lines end at '\n'
    only. YAML also breaks lines at U+0085, U+2028 and U+2029 (pasted from word processors);
    in a text holding one, positions are recomputed from the mark's character index."""

    def __init__(self, text: str) -> None:
        self.text = text if _ODD_BREAKS.search(text) else None

    def __call__(self, mark: Any) -> Pos:
        if self.text is None:
            return mark.line + 1, mark.column + 1
        return _char_pos(self.text, mark.index)


def _char_pos(text: str, index: int) -> Pos:
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def _parse(text: str, fast: bool = True) -> Node | None:
    """The node tree of `text`, the parser's own exception on a YAML problem.

    The fast C parser is tried first; when it finds a problem, the pure-Python parser runs
    again and raises, so that the problem (and its position) is the same on every machine."""
    if fast and _CParser is not None and not _ODD_BREAKS.search(text):  # (marks by index)
        c_loader = None
        try:
            c_loader = _FastLoader(text)
            return c_loader.get_single_node()
        except (ReadError, _AliasError):
            raise
        except Exception:  # any problem: the pure-Python parser below reports it
            pass
        finally:
            if c_loader is not None:
                c_loader.dispose()
    loader = None
    try:
        loader = _Loader(text)  # checks every character up front
        return loader.get_single_node()
    finally:
        if loader is not None:
            loader.dispose()


def compose(text: str, fast: bool = True) -> Node | None:
    """Parse text into a node tree; raise ReadError (located) on any YAML problem."""
    try:
        node = _parse(text, fast)
    except ReadError:
        raise
    except _AliasError as exc:
        raise ReadError(f"aliases (*{exc.anchor}) are not supported: write the value out in "
                        f"full{_if_text(text.split(chr(10)), exc.line, exc.col)}",
                        exc.line, exc.col) from None
    except yaml.reader.ReaderError as exc:
        line, col = _char_pos(text, exc.position)
        char = exc.character
        what = f"#x{char:04x}" if isinstance(char, int) else repr(char)
        raise ReadError(
            f"YAML: the file contains a control character ({what}) that is not allowed: "
            "remove it (was a binary file chosen by mistake?)",
            line,
            col,
        ) from None
    except yaml.MarkedYAMLError as exc:
        lines = _Lines(text)
        if lines.text is not None:  # count lines as editors do
            for m in (exc.problem_mark, exc.context_mark):
                if m is not None:
                    m.line, m.column = (x - 1 for x in lines(m))
        plain = _plain_syntax_error(text, exc)
        if plain is not None:
            raise ReadError(*plain) from None
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or "syntax error").strip()
        msg = f"YAML syntax: {problem}"
        if exc.context and exc.context_mark is not None and exc.context_mark is not mark:
            msg += f" ({exc.context} at line {exc.context_mark.line + 1})"
        hint = _syntax_hint(problem)
        if hint:
            msg += f": {hint}"
        if mark is None:
            raise ReadError(msg) from None
        raise ReadError(msg, mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise ReadError(f"YAML: {exc}") from None
    except RecursionError:
        raise ReadError("nested too deeply: a scenario needs only a few levels") from None
    return node


_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z_][A-Za-z0-9_]*)(?P<rest>(?: +[^#:]*)?)"
                       r"(?: +#.*)?$")


# The sections whose keys are ids (a duplicate there is two things with one id).
_ID_SECTIONS = frozenset({"nations", "alliances", "locations", "routes", "traffickers",
                          "asset_types", "events", "objectives"})
_FLOW = re.compile(r"expected ',' or '([}\]])', but got '(.*)'$")
# `key: value` where the value starts with a character YAML reads as markup, not text
_MARKUP_VALUE = re.compile(r"^ *(?:- +)*(?P<key>[^\s:#][^:#]*): +(?P<value>[>|@`%&*!-][^#]*?)\s*"
                           r"(?:#.*)?$")
# what YAML reads each of those first characters as
_MARKUP = {">": "> and | start a block of text in YAML",
           "|": "> and | start a block of text in YAML",
           "@": "YAML reserves @ at the start of a value",
           "`": "YAML reserves ` at the start of a value",
           "%": "YAML reserves % at the start of a value",
           "&": "& at the start of a value names an anchor in YAML",
           "*": "* at the start of a value is an alias in YAML",
           "-": "'- ' starts a list item in YAML"}
# `op: >` inside {...}: the text before the '>' (or '|') ends in `key: `
_FLOW_KEY_BEFORE = re.compile(r"(?:^|[\s{,\[])(?P<key>[^\s:#{}\[\],][^:#{}\[\],]*?) *: +$")
_NO_TOKEN = re.compile(r"found character '[>|@`%]' that cannot start any token")
_FLOW_VALUE = re.compile(r"[>|@`%&*!-][^,\[\]{}#]*")
# a `key:` line (its key, and its value if on the line)
_KEY_AT = re.compile(r"^(?P<lead> *(?:- +)*)(?P<key>[^\s:#\-][^:#]*?) *:(?: +(?P<value>.*))?$")
_QUOTED_VALUE = re.compile(r"^ *(?:- +)*(?:[A-Za-z_][A-Za-z0-9_]* *: +)?(?P<q>[\"'])")


def _unclosed_quote(lines: list[str], upto: int, text_lines: set[int]
                    ) -> tuple[str, int, int] | None:
    """The first line before `upto` whose value opens a quote it does not close (a line that
    continues a text, which may hold any quote, excepted)."""
    for i in range(upto):
        line = lines[i]
        if i in text_lines:
            continue
        m = _QUOTED_VALUE.match(line)
        if m is None:
            continue
        q, start = m["q"], m.end()
        rest = line[start:]
        if q == '"':
            rest = rest.replace("\\\\", "").replace('\\"', "")
        else:
            rest = rest.replace("''", "")
        if q not in rest:
            return (f"YAML syntax: the text opened with {q} here is not closed on this line: "
                    f"end it with {q} (or remove the opening {q})", i + 1, start)
    return None


def _quote_end(line: str, start: int) -> int | None:
    """Index of the quote that closes the quoted text opening at `start` (None: not on this
    line). Inside '...' a doubled '' is an apostrophe; inside "..." a backslash escapes."""
    q, j = line[start], start + 1
    while j < len(line):
        ch = line[j]
        if q == '"' and ch == "\\":
            j += 2
            continue
        if ch == q:
            if q == "'" and line[j + 1:j + 2] == "'":
                j += 2
                continue
            return j
        j += 1
    return None


def _ends_value(line: str, j: int, depth: int) -> bool:
    """Whether what follows a closing quote at `j` may follow a quoted text: the end of the
    line, a comment, the ':' of a key, or in [...] / {...} a ',' or the closing bracket."""
    k = j + 1
    while k < len(line) and line[k] == " ":
        k += 1
    if k == len(line) or line[k] == ":" or (line[k] == "#" and k > j + 1):
        return True
    return depth > 0 and line[k] in ",]}"


def _early_quote(line: str, depth: int = 0) -> tuple[int, str, int, int | None] | None:
    """A quoted text on this line that a quote inside it closes early (`'Côte d'Ivoire'`):
    (index of that quote, message, index of the opening quote, index of the quote the writer
    meant as the last one or None), or None. `depth`: how many [...] or {...} opened on lines
    above are still open where the line starts."""
    i, prev = 0, ""  # prev: the last non-space character outside quotes
    while i < len(line):
        ch = line[i]
        if ch in "'\"" and prev in ("", "-", ":", "[", "{", ",", "?"):
            end = _quote_end(line, i)
            if end is None:
                return None
            if not _ends_value(line, end, depth):
                meant = _meant_end(line, end, depth)
                return end, _early_quote_message(line, i, end, meant), i, meant
            i, prev = end + 1, ch
            continue
        if ch == "#" and (i == 0 or line[i - 1] == " "):
            return None
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth = max(0, depth - 1)
        if ch != " ":
            prev = ch if ch in "-:[{,?" else "x"
        i += 1
    return None


def _meant_end(line: str, end: int, depth: int) -> int | None:
    """The quote the writer meant as the last one, after the one at `end` that closed the text
    early: the first later one that can end the text (None: there is none)."""
    q = line[end]
    return next((k for k in range(end + 1, len(line))
                 if line[k] == q and _ends_value(line, k, depth)),
                None)


def _early_quote_fix(line: str, start: int, meant: int) -> str:
    """The text from `start` to `meant` quoted as the writer meant it (the fix the message
    suggests first)."""
    q, text = line[start], line[start + 1:meant]
    if q == "'":
        return "'" + text.replace("''", "'").replace("'", "''") + "'"
    # a backslash escapes the character after it (\\ is one backslash): every other " is
    # one the writer meant inside the text
    return '"' + re.sub(r'(\\.)|"', lambda m: m[1] or '\\"', text) + '"'


def _early_quote_message(line: str, start: int, end: int, meant: int | None) -> str:
    q = line[start]
    cut = line[start:end + 1]
    if q == "'":
        msg = (f"YAML syntax: this ' ends the text {cut} early: write two single quotes ('') "
               "for an apostrophe inside '...'")
        if meant is None:
            return msg + ", or use double quotes"
        text = line[start + 1:meant].replace("''", "'")
        msg += f" ({_early_quote_fix(line, start, meant)})"
        if '"' in text or "\\" in text:
            return msg + ", or use double quotes"
        return msg + f', or use double quotes ("{text}")'
    msg = (f'YAML syntax: this " ends the text {cut} early: write \\" for a quote inside '
           '"..."')
    if meant is None:
        return msg + ", or use single quotes"
    text = line[start + 1:meant]
    msg += f" ({_early_quote_fix(line, start, meant)})"
    if "'" in text or "\\" in text:
        return msg + ", or use single quotes"
    return msg + f", or use single quotes ('{text}')"


def _scan_lines(text: str) -> tuple[set[int], dict[int, int]]:
    """(text lines, flow depths). The text lines (0-based) continue a text begun on a line
    above: a block of text (`key: |` or `key: >`), a plain or quoted value written over
    several lines. Such a line may hold anything (quotes, `key:`), so no guess about a mistake
    may be based on it. The flow depths: for each line (0-based) that starts inside a [...] or
    {...} opened on a line above, how many are open there. Read from YAML's own scanner, up to
    the first problem it finds; runs only on the error path."""
    found: set[int] = set()
    flow: dict[int, int] = {}
    depth, seen = 0, 0  # open [ and {; the last line (1-based) a token started on
    odd = _ODD_BREAKS.search(text) is not None
    scanner: Any = None
    try:
        scanner = _CParser(text) if _CParser is not None and not odd else yaml.SafeLoader(text)
        while True:
            token = scanner.get_token()
            if token is None:
                break
            (first, _), (last, col) = (_char_pos(text, m.index) if odd else
                                       (m.line + 1, m.column + 1)
                                       for m in (token.start_mark, token.end_mark))
            if depth > 0:
                flow.update((k - 1, depth) for k in range(seen + 1, first + 1))
            seen = max(seen, first)
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                depth += 1
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
                depth = max(0, depth - 1)
            if not isinstance(token, yaml.ScalarToken):
                continue
            if col == 1:  # a block of text ends at the start of the line after it
                last -= 1
            # 1-based first and last: 0-based, the lines after the first up to the last
            found.update(range(first, last))
    except yaml.YAMLError:
        pass
    finally:
        if scanner is not None:
            scanner.dispose()
    return found, flow


def _first_error(text: str) -> Pos | None:
    """Where the first YAML problem in `text` is (1-based line, column), or None when it
    parses. For checking a guess at a fix; runs only when a file has a syntax error."""
    try:
        _parse(text)
        return None
    except (ReadError, _AliasError) as exc:
        return exc.line, exc.col
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return (1, 1) if mark is None else _char_pos(text, mark.index)
    except Exception:
        return 1, 1


def _fix_helps(lines: list[str], index: int, fixed: str, mark: Any) -> bool:
    """Whether writing line `index` as `fixed` gets the parser past the problem at `mark`
    (the text then parses, or its first problem comes later)."""
    new = "\n".join([*lines[:index], fixed, *lines[index + 1:]])
    err = _first_error(new)
    return err is None or err > (mark.line + 1, mark.column + 1)


def _fix_clears_line(lines: list[str], index: int, fixed: str) -> bool:
    """Whether with line `index` written as `fixed` the text parses, or its first problem is
    on a later line."""
    new = "\n".join([*lines[:index], fixed, *lines[index + 1:]])
    err = _first_error(new)
    return err is None or err[0] > index + 1


def _innermost_open(text: str) -> str:
    """The innermost '[' or '{' still open at the end of `text` (one line; quoted texts
    skipped), or ''."""
    stack: list[str] = []
    quote = ""
    for ch in text:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "[{":
            stack.append(ch)
        elif ch in "]}" and stack:
            stack.pop()
    return stack[-1] if stack else ""


def _early_quote_here(lines: list[str], k: int, mark: Any, text_lines: set[int],
                      flow: dict[int, int]) -> tuple[int, str] | None:
    """A quote that ends a text early on line `k` (`_early_quote`): (its index, message), or
    None. Not on a line that continues a text (a block of text, a plain value over several
    lines): there a quote is a character like any other. A quote that starts a line must
    start a quoted key (`'us'a': ...`), or the parser must read on past the problem once the
    suggested fix is made (inside a [...] or {...} opened on a line above, a ',', ']' or '}'
    may end the text). `flow`: the lines inside a [...] or {...} opened above (_scan_lines)."""
    line = lines[k]
    early = _early_quote(line, flow.get(k, 0))
    if early is None or k in text_lines:
        return None
    end, msg, start, meant = early
    if line[:start].strip():
        return end, msg
    if meant is None and re.search(r":(?: |$)", line[end + 1:]) is not None:
        return end, msg
    meant = meant if meant is not None else _meant_end(line, end, 1)
    if meant is None:
        return None
    fixed = line[:start] + _early_quote_fix(line, start, meant) + line[meant + 1:]
    if not _fix_helps(lines, k, fixed, mark):
        return None
    return end, _early_quote_message(line, start, end, meant)


def _quote_it(key: str, value: str) -> str:
    quoted = re.sub(r'(["\\])', r"\\\1", value)
    return f'YAML syntax: quote it: {key}: "{quoted}" ({_MARKUP[value[0]]})'


def _written_value(line: str, column: int) -> tuple[str, str] | None:
    """(key, value) of the `key: value` whose value starts at `column` (0-based), in block
    form or inside {...}; None when there is none."""
    bad = _MARKUP_VALUE.match(line)
    if bad is not None and bad.start("value") == column:
        return bad["key"], bad["value"]
    before = _FLOW_KEY_BEFORE.search(line[:column])
    after = _FLOW_VALUE.match(line, column)
    if before is None or after is None:
        return None
    return before["key"], after[0].rstrip()


def _if_text(lines: list[str], line: int, col: int) -> str:
    """For a value starting with *, & or ! at line:col (1-based), which YAML reads as an
    alias, anchor or tag: '; if you meant text, quote it: key: "value"' when more text
    follows the alias, anchor or tag (`description: *5 ships`), else ''."""
    if not 0 < line <= len(lines):
        return ""
    written = _written_value(lines[line - 1], col - 1)
    if written is None or not re.search(r"\s\S", written[1]):
        return ""
    key, value = written
    quoted = re.sub(r'(["\\])', r"\\\1", value)
    return f'; if you meant text, quote it: {key}: "{quoted}"'


def _markup_value(lines: list[str], exc: Any) -> tuple[str, int, int] | None:
    """`key: value` where the value starts with a character YAML reads as markup and the
    parser fails on it (`description: >5 ships`, `name: @home`, `note: - first`): the advice
    to quote it, located at the value. None unless the problem is at the start of the value."""
    problem, context = (exc.problem or "").strip(), exc.context or ""
    if context.startswith(("while scanning a block scalar", "while scanning an anchor",
                           "while scanning an alias")):
        mark = exc.context_mark  # the '>', '|', '&' or '*'; the problem is further on
    elif _NO_TOKEN.match(problem) or problem.startswith(("sequence entries are not allowed",
                                                          "expected the node content")):
        mark = exc.problem_mark
    else:
        return None
    if mark is None or not 0 <= mark.line < len(lines):
        return None
    written = _written_value(lines[mark.line], mark.column)  # block, or `{op: >, value: 0.2}`
    if written is None:
        return None
    key, value = written
    if value[0] not in _MARKUP:  # a tag (!): the parser has no problem with its start
        return None
    if value[0] == "-" and not re.match(r"-(?: |$)", value):
        return None
    return _quote_it(key, value), mark.line + 1, mark.column + 1


def _content_lines_before(lines: list[str], index: int) -> int | None:
    """Index of the nearest line above `index` that holds YAML (not blank, not a comment)."""
    for i in range(index - 1, -1, -1):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            return i
    return None


def _content_lines_after(lines: list[str], index: int) -> int | None:
    """Index of the nearest line below `index` that holds YAML (not blank, not a comment)."""
    for i in range(index + 1, len(lines)):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            return i
    return None


def _same_indent_above(lines: list[str], index: int, indent: int) -> int | None:
    """The nearest line above `index` indented exactly `indent`, within the same block (the
    search stops at a line indented less)."""
    for i in range(index - 1, -1, -1):
        stripped = lines[i].strip()
        if not stripped or stripped.startswith("#"):
            continue
        n = _indent(lines[i])
        if n == indent:
            return i
        if n < indent:
            return None
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _has_value(line: str) -> bool:
    """`key: value` (a key with its value on the line), not `key:` opening a block."""
    m = re.match(r"^ *(?:- +)*[^\s:#][^:#]*: +(?P<v>[^#\s])", line)
    return m is not None and m["v"] not in "|>"


def _missing_colon(lines: list[str], i: int) -> tuple[str, int, int] | None:
    """Line `i` is `key value` or `key` alone (no ':'): the message that says so."""
    m = _KEY_LINE.match(lines[i].rstrip())
    if m is None:
        return None
    key, rest = m["key"], m["rest"].strip()
    fixed = f"{key}: {rest}" if rest else f"{key}:"
    shown = f"{key} {rest}" if rest else key
    return (f"YAML syntax: '{shown}' has no ':' after its key: write '{fixed}'",
            i + 1, len(m["indent"]) + 1)


# `id {...` / `key [...`: a plain key, spaces, then the bracket its value opens with (at the
# start of a line, after '- ', or inside a {...} after '{' or ',')
_KEY_THEN_BRACKET = re.compile(r"(?:^ *(?:- +)*|[{,] *)(?P<key>[A-Za-z_][A-Za-z0-9_]*) +"
                               r"(?P<open>[{\[])")
# the key meant, when YAML read `lisbon {name: Lisbon}` as the key 'lisbon {name'
_KEY_THEN_BRACKET_KEY = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_]*) +(?P<open>[{\[])")


def _bracket_fix(key: str, value: str) -> str:
    """`key: value` as the message shows it: whole when short, else up to the first item's
    ':' or ',' (`lisbon: {name: ...`)."""
    depth = 0
    for i, ch in enumerate(value):
        if ch in "'\"#":  # a quoted text or a comment: show the start only
            break
        depth += (ch in "[{") - (ch in "]}")
        if depth == 0:
            whole = f"{key}: {value[:i + 1]}"
            if len(whole) <= 30:
                return whole
            break
    cut = re.match(r"[{\[]+[^:,{}\[\]]*[:,]?", value)
    shown = cut[0] if cut is not None else value[:1]
    return f"{key}: {shown} ..."


def _no_colon_before_bracket(key: str, value: str) -> str:
    return (f"YAML syntax: '{key}' has no ':' after it: write "
            f"'{_bracket_fix(key, value)}'")


def _key_before_bracket(lines: list[str], mark: Any) -> tuple[str, int, int] | None:
    """`lisbon   {name: Lisbon, ...}` or `at [-9.14, 38.71]` inside {...}: a key with no ':'
    between it and the '{' or '[' its value opens with, on the problem's line or a line
    above it in the same entry (a {...} written over several lines). The message at the key,
    only when writing the ':' gets the parser past the problem."""
    if not 0 <= mark.line < len(lines):
        return None
    here = _indent(lines[mark.line])
    candidates = []
    k: int | None = mark.line
    while k is not None:
        candidates.append(k)
        if _indent(lines[k]) < here:
            break
        k = _content_lines_before(lines, k)
    for k in reversed(candidates):  # the first in the file is where the parser went wrong
        line = lines[k]
        for m in _KEY_THEN_BRACKET.finditer(line):
            if (k, m.start("open")) > (mark.line, mark.column):
                break
            if _innermost_open(line[:m.start("key")]) == "[":
                continue  # an item of a list ([uraba, bad [x]]) is no key
            fixed = line[:m.end("key")] + ":" + line[m.end("key"):]
            # the ':' must mend the whole line, not move the problem along it (a text with
            # brackets in it, `description: Big port, Florida [USA] side`, is to be quoted)
            if _fix_helps(lines, k, fixed, mark) and _fix_clears_line(lines, k, fixed):
                return (_no_colon_before_bracket(m["key"], line[m.start("open"):]), k + 1,
                        m.start("key") + 1)
    return None


def _plain_syntax_error(text: str, exc: Any) -> tuple[str, int, int] | None:
    """A plain-words message for the syntax errors instructors make most (a key without its
    ':', a line indented more or less than its neighbours), located on the line to fix. None
    when the parser's own message (with its hint) is the best one."""
    problem = (exc.problem or "").strip()
    mark = exc.problem_mark
    if mark is None:
        return None
    lines = text.split("\n")
    text_lines, flow = _scan_lines(text)
    quote = _unclosed_quote(lines, min(mark.line, len(lines)), text_lines)
    if quote is not None:
        return quote
    for k in (mark.line, _content_lines_before(lines, min(mark.line, len(lines)))):
        if k is not None and 0 <= k < len(lines):
            early = _early_quote_here(lines, k, mark, text_lines, flow)
            if early is not None:
                return early[1], k + 1, early[0] + 1
    markup = _markup_value(lines, exc)
    if markup is not None:
        return markup
    if "could not find expected ':'" not in problem:  # (a whole `key value` line: below)
        bracket = _key_before_bracket(lines, mark)
        if bracket is not None:
            return bracket
    flow = _FLOW.match(problem)
    ctx = exc.context_mark
    if flow is not None and ctx is not None and (exc.context or "").startswith("while parsing a flow"):
        close, got = flow[1], flow[2]
        opener, kind = ("{", "mapping") if close == "}" else ("[", "list")
        if ctx.line != mark.line:
            return (f"YAML syntax: the '{opener}' opened here is not closed: end the {kind} "
                    f"with '{close}' on this line (line {mark.line + 1} was read as part of it)",
                    ctx.line + 1, ctx.column + 1)
        return (f"YAML syntax: found '{got}' inside the {kind} that '{opener}' opened at column "
                f"{ctx.column + 1}: separate its items with ', ' and end it with '{close}'",
                mark.line + 1, mark.column + 1)
    if "could not find expected ':'" in problem and exc.context_mark is not None:
        k = exc.context_mark.line
        if 0 <= k < len(lines):
            return _missing_colon(lines, k) or _key_before_bracket(lines, mark)
        return None
    if not 0 <= mark.line < len(lines):
        return None
    line = lines[mark.line]
    above = _content_lines_before(lines, mark.line)
    if "mapping values are not allowed" in problem and above is not None:
        m = _KEY_LINE.match(line[: mark.column].rstrip() if mark.column <= len(line) else "")
        if m is None or m["rest"].strip():
            return None  # the ':' is inside a value (e.g. an unquoted title): the usual hint
        missing = _missing_colon(lines, above)
        if missing is not None and ":" not in lines[above]:
            return missing
        before = _content_lines_before(lines, above)
        here, there = _indent(lines[above]), _indent(line)
        if (before is not None and _indent(lines[before]) == there > here
                and _has_value(lines[above]) and _KEY_AT.match(lines[before].rstrip())
                and before not in text_lines
                and _fix_helps(lines, above, " " * there + lines[above].lstrip(" "), mark)):
            # the line above is the one out of step (a key dedented by mistake): it ended the
            # mapping its neighbours belong to, and this line is where the parser noticed
            return (f"YAML syntax: this line is indented by {here} spaces but its neighbours "
                    f"(lines {before + 1} and {mark.line + 1}) by {there}: keys of one mapping "
                    f"start in the same column, so indent it by {there} like them",
                    above + 1, here + 1)
        if _indent(line) > _indent(lines[above]):
            return (f"YAML syntax: this line is indented by {_indent(line)} spaces but the "
                    f"line above (line {above + 1}) by {_indent(lines[above])}: keys of one "
                    "mapping start in the same column, so indent it like its neighbours",
                    mark.line + 1, _indent(line) + 1)
        return None
    if "expected <block end>" in problem and above is not None and line.strip():
        if above in text_lines:  # the line above continues a text: no neighbour of this one
            after_text = _indent_after_text(lines, mark, text_lines)
            if after_text is not None:
                return after_text
        here, there = _indent(line), _indent(lines[above])
        sibling = _same_indent_above(lines, mark.line, here)
        if sibling is not None:
            item_here = line.lstrip(" ").startswith("-")
            if item_here != lines[sibling].lstrip(" ").startswith("-"):
                return (f"YAML syntax: this line is a {'list item' if item_here else 'key'} "
                        f"but line {sibling + 1}, at the same indentation, is a "
                        f"{'key' if item_here else 'list item'}: a section is either a list "
                        "('- ' items) or a mapping ('key: value' lines), not both. Sections "
                        "of ids (nations, locations, routes...) are mappings: write 'id:' "
                        "lines, not '- ' items", mark.line + 1, here + 1)
            return None
        if here != there and line.startswith(" " * min(here, there)):
            return (f"YAML syntax: this line is indented by {here} spaces but the line above "
                    f"(line {above + 1}) by {there}: keys of one mapping (and items of one "
                    "list) start in the same column, so indent it like its neighbours",
                    mark.line + 1, mark.column + 1)
    return None


def _indent_after_text(lines: list[str], mark: Any, text_lines: set[int]
                       ) -> tuple[str, int, int] | None:
    """The key on the problem's line, right after a block of text, indented like none of the
    keys around it: the message naming the keys it belongs with, located on it. Those are at
    the column of the key whose text ends above, or of one of that key's parents: the line
    after tells which (its sibling, or its child when it opens a block). None unless writing
    the line at that column gets the parser past the problem."""
    i = mark.line
    line = lines[i]
    key = _KEY_AT.match(line.rstrip())
    if key is None or key["lead"].strip():
        return None
    here = _indent(line)
    levels: dict[int, int] = {}  # column -> the key line (0-based) above at that column
    j = _content_lines_before(lines, i)
    while j is not None and j in text_lines:
        j = _content_lines_before(lines, j)
    owner = _KEY_AT.match(lines[j].rstrip()) if j is not None else None
    if j is None or owner is None:
        return None
    levels[len(owner["lead"])] = j
    level = _indent(lines[j])
    for k in range(j - 1, -1, -1):
        if k in text_lines or not lines[k].strip() or lines[k].lstrip().startswith("#"):
            continue
        up = _KEY_AT.match(lines[k].rstrip())
        if _indent(lines[k]) < level and up is not None:
            levels.setdefault(len(up["lead"]), k)
            level = _indent(lines[k])
    nxt = _content_lines_after(lines, i)  # the next line of YAML (after this key's own text)
    if nxt is not None and (key["value"] or "")[:1] in ("|", ">") and _indent(lines[nxt]) > here:
        inside = _indent(lines[nxt])
        while nxt is not None and _indent(lines[nxt]) >= inside:
            nxt = _content_lines_after(lines, nxt)
    if nxt is None:
        return None
    after = _indent(lines[nxt])
    if after == here:  # the lines below are indented like this one: it is not the odd one
        return None
    upper = min((c for c in levels if c > here), default=None)
    if key["value"]:  # a key with its value: the line after is a sibling, or ends the mapping
        if upper is not None:
            target = upper if after == upper else None
        else:
            target = max(levels)
    else:  # `key:` opening a block: the line after is a child
        target = max((c for c in levels if c < after), default=None)
    if target is None or target == here:
        return None
    if not _fix_helps(lines, i, " " * target + line.lstrip(" "), mark):
        return None
    spaces = f"{here} space{'' if here == 1 else 's'}"
    fix = f"indent it by {target}" if target else "start it in the first column"
    if after == target and key["value"]:
        return (f"YAML syntax: this line is indented by {spaces} but its neighbours (lines "
                f"{levels[target] + 1} and {nxt + 1}) by {target}: keys of one mapping start in "
                f"the same column, so {fix} like them (the text above ends before this line)",
                i + 1, here + 1)
    return (f"YAML syntax: this line is indented by {spaces} but its neighbour (line "
            f"{levels[target] + 1}) by {target}: keys of one mapping start in the same column, "
            f"so {fix} like it (the text above ends before this line)", i + 1, here + 1)


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "a text value that contains ': ' must be put in quotes"
    if "found character '\\t'" in problem or "found character '\\t' that cannot start" in problem:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in problem:
        return "every key needs a ':' after it"
    if "expected <block end>" in problem:
        return "check the indentation: keys of one mapping must start in the same column"
    if "found undefined tag handle" in problem:
        return "tags (!something) are not supported; remove it"
    return ""


_constructor = SafeConstructor()


def _scalar(node: ScalarNode, doc: Document, at: _Lines, lines: list[str]) -> Any:
    tag = node.tag
    line, col = at(node.start_mark)
    if tag == _T + "timestamp":  # a date written plainly: keep it as the text the author wrote
        return node.value
    if tag not in _SCALAR_TAGS:
        msg = _tag_message(tag)
        if not tag.startswith(_T):  # `title: !important text`: maybe text, not a tag
            msg += _if_text(lines, line, col)
        doc.problems.append((line, col, msg))
        return INVALID
    if tag == _T + "str":
        if not node.style and _EXP_NUMBER.match(node.value):  # plain (C: "", Python: None)
            return float(node.value)
        bad = _FORBIDDEN.search(node.value)
        if bad:  # written as an escape ("\0", "\e", "\u202e"): YAML let it through
            doc.problems.append((line, col, _forbidden_message(bad.group())))
            return INVALID
        return node.value
    try:
        return _constructor.construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.YAMLError):
        digits = sum(ch.isdigit() for ch in node.value)
        if digits > 100:
            msg = f"a number with {digits} digits is too long: write a smaller number"
        else:
            msg = f"cannot read {node.value[:40]!r} as a value: write a plain number or text"
        doc.problems.append((line, col, msg))
        return INVALID


# control characters (but tab and line breaks) and the bidirectional overrides that make text
# display in another order than it is stored: nothing a scenario's text needs, and they break
# or spoof what the game window and the terminal show
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e"
                        "\u2066-\u2069\ufeff\ufff9-\ufffb]")


def _forbidden_message(ch: str) -> str:
    import unicodedata

    name = unicodedata.name(ch, "")
    return (f"the text contains the invisible character U+{ord(ch):04X}"
            + (f" ({name.lower()})" if name else " (a control character)")
            + ", which is not allowed: remove it (an escape like \\0, \\e or \\u202e inside "
            "\"...\" writes one)")


def _tag_message(tag: str) -> str:
    if tag.startswith("tag:yaml.org,2002:python/"):
        return f"the tag !!{tag.split(':', 2)[2]} is not allowed: scenario files hold only data, never code"
    if tag == _T + "merge":
        return "merge keys (<<) are not supported: write the keys out in full"
    short = tag.replace(_T, "!!")
    return f"the tag {short} is not supported: remove it (only plain text, numbers, true/false, lists and mappings)"


def to_document(root: Node | None, text: str = "") -> Document:
    """Convert a node tree into plain values with positions (iteratively: no recursion).
    `text`, the source, lets a block of text keep the indicator it was written with."""
    doc = Document(data=None)
    lines = text.split("\n") if text else []
    at = _Lines(text)
    if root is None:
        return doc
    def convert(node: Node, path: PathKey, setter: Any) -> None:
        stack.append((node, path, setter))

    stack: list[tuple[Node, PathKey, Any]] = []
    holder: list[Any] = [None]
    convert(root, (), lambda v: holder.__setitem__(0, v))
    while stack:
        node, path, setter = stack.pop()
        doc.pos[path] = at(node.start_mark)
        line, col = doc.pos[path]
        if isinstance(node, ScalarNode):
            if node.style in ("|", ">") and line <= len(lines):
                doc.block_text[path] = lines[line - 1][col - 1:].split(" ", 1)[0]
            value = _scalar(node, doc, at, lines)
            if (not node.style and value is not INVALID and line <= len(lines)
                    and lines[line - 1][col - 1:col] == "&"):
                hint = _if_text(lines, line, col)  # `title: &more text`: the anchor is dropped
                if hint:
                    anchor = lines[line - 1][col - 1:].split(None, 1)[0]
                    doc.warnings.append((line, col, f"{anchor} at the start of a value names an "
                                                    f"anchor in YAML, so the value read is "
                                                    f"{value!r}{hint}"))
            setter(value)
        elif isinstance(node, SequenceNode):
            if node.tag != _T + "seq":
                doc.problems.append((line, col, _tag_message(node.tag)))
                setter(INVALID)
                continue
            items: list[Any] = [None] * len(node.value)
            setter(items)
            for i, child in reversed(list(enumerate(node.value))):
                convert(child, (*path, i), _item_setter(items, i))
        elif isinstance(node, MappingNode):
            if node.tag != _T + "map":
                doc.problems.append((line, col, _tag_message(node.tag)))
                setter(INVALID)
                continue
            mapping: dict[str, Any] = {}
            setter(mapping)
            first_seen: dict[str, tuple[int, int]] = {}
            pending = []
            for key_node, value_node in node.value:
                kline, kcol = at(key_node.start_mark)
                if not isinstance(key_node, ScalarNode):
                    doc.problems.append(
                        (kline, kcol, "a key must be a plain name, not a list or a mapping")
                    )
                    continue
                if key_node.tag == _T + "merge":
                    doc.problems.append((kline, kcol, _tag_message(key_node.tag)))
                    doc.merged.add(path)
                    continue
                if key_node.tag not in _SCALAR_TAGS and key_node.tag != _T + "timestamp":
                    doc.problems.append((kline, kcol, _tag_message(key_node.tag)))
                    continue
                key = key_node.value
                nocolon = (_flow_key_without_colon(node, key_node, value_node)
                           or _key_with_bracket(node, key_node, lines, kline, kcol))
                if nocolon is not None:
                    doc.problems.append((kline, kcol, nocolon[1]))
                    if nocolon[0] in first_seen:
                        continue
                    key, value_node = nocolon[0], None  # its value is unknown: INVALID
                if key in first_seen:
                    fline, fcol = first_seen[key]
                    where = f"line {fline}" + (f", column {fcol}" if fline == kline else "")
                    if len(path) == 1 and path[0] in _ID_SECTIONS:
                        what = (f"{path[0]}: the id '{key}' is used twice (first at {where}): "
                                "ids must be unique, so rename one or delete the copy")
                    else:
                        what = f"duplicate key '{key}' (first defined at {where}): keep only one"
                    doc.problems.append((kline, kcol, what))
                    continue
                first_seen[key] = (kline, kcol)
                doc.keypos[(*path, key)] = (kline, kcol)
                mapping[key] = None
                if value_node is None:
                    mapping[key] = INVALID
                    continue
                pending.append((value_node, (*path, key), _item_setter(mapping, key)))
            for entry in reversed(pending):
                stack.append(entry)
        else:  # pragma: no cover - the composer makes only these three kinds
            setter(None)
    doc.data = holder[0]
    return doc


_FLOW_KEY = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<rest>\S.*)$")


def _flow_key_without_colon(mapping: MappingNode, key: ScalarNode, value: Node
                            ) -> tuple[str, str] | None:
    """`{turn 4}`: YAML reads a key 'turn 4' with no value. (key meant, message) or None."""
    if not mapping.flow_style or key.style or not isinstance(value, ScalarNode):
        return None
    if value.tag != _T + "null" or value.value or not isinstance(key.value, str):
        return None
    m = _FLOW_KEY.match(key.value)
    if m is None:
        return None
    fixed = f"{m['key']}: {m['rest']}"
    fixed = f"{{{fixed}}}" if len(mapping.value) == 1 else f"'{fixed}'"
    return m["key"], (f"YAML syntax: '{key.value}' has no ':' after its key: write {fixed}")


def _key_with_bracket(mapping: MappingNode, key: ScalarNode, lines: list[str], line: int,
                      col: int) -> tuple[str, str] | None:
    """`lisbon {name: Lisbon}` with no ':' after the id: YAML reads a key 'lisbon {name'
    (the one-line {...} holds one key, so the file parses). (key meant, message) or None."""
    if mapping.flow_style or key.style or not isinstance(key.value, str):
        return None
    m = _KEY_THEN_BRACKET_KEY.match(key.value)
    if m is None:
        return None
    value = key.value[m.start("open"):]
    written = lines[line - 1][col - 1:] if 0 < line <= len(lines) else ""
    if written.startswith(key.value):  # what follows on the line, as written
        value = written[m.start("open"):].split(" #", 1)[0]
    return m["key"], _no_colon_before_bracket(m["key"], value)


def _item_setter(container: Any, key: Any) -> Any:
    def set_(value: Any) -> None:
        container[key] = value

    return set_


def parse_text(text: str, fast: bool = True) -> Document:
    """Text to Document; raises ReadError for unreadable YAML. `fast=False` forces the
    pure-Python parser (the tests compare both)."""
    return to_document(compose(text, fast), text)

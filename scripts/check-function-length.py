#!/usr/bin/env python3
"""Lists the C++ functions longer than a limit (default 80 lines) in the given folders.

A function's length is counted from the line of its opening brace to the line of its closing
brace, both included; lambdas and local classes count as part of the function that holds them.
The scan strips comments, string and character literals (raw strings too) and preprocessor
lines, then matches braces: a brace block that opens a namespace, class, struct, union, enum or
extern block is a scope to look into; any other block opened where a declaration can start and
preceded by a parameter list is a function body. Exits 1 and prints "file:line: name: N lines"
for each function over the limit, 0 when there is none.

    scripts/check-function-length.py [--max 80] schema indexer searcher server
"""
import argparse
import pathlib
import re
import sys

SOURCE_SUFFIXES = {".cpp", ".h", ".hpp", ".cc"}
SCOPE_HEAD = re.compile(r"^(?:template\s*<.*>\s*)?(?:inline\s+)?"
                        r"(?:namespace|class|struct|union|enum|extern\s*\"\s*\")\b")
DIGIT_SEPARATOR = re.compile(r"(?<![\w'])[0-9][\w']*$")
CTOR_INIT = re.compile(r"\)\s*(?:noexcept\s*)?:[^:]")


def strip_code(text: str) -> str:
    """Blanks comments, literals and preprocessor lines, keeping every newline in place."""
    out = []
    i, n = 0, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if at_line_start and c == "#":
            # A preprocessor directive, with its continuation lines.
            while i < n and text[i] != "\n":
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "\n":
                    out.append("\n")
                    i += 2
                    continue
                i += 1
            continue
        if c == "\n":
            out.append(c)
            at_line_start = True
            i += 1
            continue
        if c in " \t":
            out.append(c)
            i += 1
            continue
        at_line_start = False
        if text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
            continue
        raw = re.match(r'(?:u8|u|U|L)?R"([^(\s]*)\(', text[i:i + 40])
        if raw and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            close = ")" + raw.group(1) + '"'
            end = text.find(close, i + raw.end())
            end = n if end < 0 else end + len(close)
            out.append('""' + re.sub(r"[^\n]", " ", text[i + 2:end]))
            i = end
            continue
        if c == '"' or (c == "'" and not DIGIT_SEPARATOR.search(text[max(0, i - 40):i])):
            # A string or character literal (a ' inside a number is a digit separator).
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (min(j, n - 1) - i - 1) + c)
            i = j + 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def function_name(head: str) -> str:
    """The name before the first parameter list of a function head ("Searcher::run")."""
    name = re.search(r"(operator\s*\S+?|~?[\w:]+)\s*(?:<[^<>()]*>)?\s*\(", head)
    return name.group(1) if name else ""


def long_functions(path: pathlib.Path, limit: int):
    code = strip_code(path.read_text(encoding="utf-8", errors="replace"))
    # Each open brace: (kind, line) with kind "scope", "function" or "other".
    stack = []
    head_start = 0  # where the current declaration began at scope level
    line = 1
    for pos, ch in enumerate(code):
        if ch == "\n":
            line += 1
            continue
        in_scope = all(kind in ("scope", "member-init") for kind, _, _ in stack)
        if ch == ";" and in_scope:
            head_start = pos + 1
        if ch == "{":
            if not in_scope:
                stack.append(("other", line, ""))
                continue
            head = code[head_start:pos]
            flat = " ".join(head.split())
            if SCOPE_HEAD.search(flat):
                stack.append(("scope", line, ""))
            elif re.search(r"\w\s*$", flat) and CTOR_INIT.search(flat):
                # A brace initialiser in a constructor's member list: the head goes on.
                stack.append(("member-init", line, ""))
                continue
            elif ")" in flat and not flat.endswith("="):
                stack.append(("function", line, function_name(flat)))
            else:
                stack.append(("other", line, ""))
            head_start = pos + 1
        elif ch == "}" and stack:
            kind, start, name = stack.pop()
            if kind == "member-init":
                continue
            if kind == "function":
                length = line - start + 1
                if length > limit:
                    yield start, name or "?", length
            if all(k in ("scope", "member-init") for k, _, _ in stack):
                head_start = pos + 1
        elif ch == ":" and in_scope and re.search(r"\b(public|private|protected)\s*$",
                                                  code[head_start:pos]):
            head_start = pos + 1


def self_test() -> int:
    """Checks the scan on sources written to trip it: what it must report, and what not."""
    body = "\n".join(f"    x += {i};" for i in range(79))  # with its two brace lines: 81
    short = "\n".join(f"    x += {i};" for i in range(78))  # 80 lines: allowed
    source = f"""#include <string>
namespace a {{
namespace {{
int braces_in_literals() {{ const char* s = "{{{{"; char c = '{{'; char16_t d = u'-'; return 1'000; }}
const char* raw = R"x({{ "}}" )x";
/* {{ a comment }} */ // {{
}}  // namespace
int too_long(int x) {{
{body}
}}
int just_right(int x) {{
{short}
}}
class Holder : public Base {{
  public:
    Holder() : n_{{1}}, s_("{{") {{
{body}
    }}
    int inline_member(int x) const {{
        auto f = [&](int y) {{ return y; }};
{short}
    }}
  private:
    int n_;
}};
struct Table {{ int v[2] = {{1, 2}}; }};
}}  // namespace a
"""
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "sample.cpp"
        path.write_text(source)
        found = [(name, length) for _, name, length in long_functions(path, 80)]
    expected = [("too_long", 81), ("Holder", 81), ("inline_member", 81)]
    if found != expected:
        print(f"check-function-length: self-test: found {found}, expected {expected}", file=sys.stderr)
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=80, help="longest function allowed, in lines")
    parser.add_argument("--self-test", action="store_true", help="check the scan on built-in samples")
    parser.add_argument("folders", nargs="*", type=pathlib.Path)
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    if not args.folders:
        parser.error("name the folders to check")
    found = 0
    for folder in args.folders:
        if not folder.is_dir():
            print(f"check-function-length: {folder}: not a folder", file=sys.stderr)
            return 2
        for path in sorted(folder.rglob("*")):
            if path.suffix not in SOURCE_SUFFIXES or not path.is_file():
                continue
            for start, name, length in long_functions(path, args.max):
                print(f"{path}:{start}: {name}: {length} lines (limit {args.max})")
                found += 1
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Differential test: GNU grep and sgrep with the same arguments on the same
inputs, compared on stdout (bytes), whether stderr is empty, and exit status.

Usage: sgrep-diff.py GREP SGREP WORKDIR MANPAGE

The cases are generated: every option alone (over several inputs), every
pair of options, and random combinations from a fixed seed. Each divergence
is put in a category:

  explained:folding  the case involves Chinese (pattern or input) and sgrep
                     with --exact (folding off) gives grep's answer: one of
                     the deliberate folding differences listed in sgrep(1)
                     under "DIFFERENCES FROM GREP" (the suite checks the
                     section is there).
  engine:*           the difference comes from the pattern language or the
                     matcher (regular expression syntax, -P, -w/-x, -i,
                     folding applied where no Chinese is involved): the
                     matching engine's part of issue 14.
  cli:*              everything else: options, output, binary files,
                     recursion, exit status and messages, hangs.

A category fails the run when it is in SGREP_DIFF_FAIL (a comma-separated
list of category prefixes; "all" for every unexplained category). The
default is "all": engine divergences fail the run too. The summary line
counts identical and explained cases as passed and divergences in failing
categories as failed; the others are reported but not counted.
"""
import gzip
import os
import random
import shutil
import subprocess
import sys
import zlib
import struct

SEED = 20261203
TIMEOUT = 10

GREP, SGREP, WORK, MANPAGE = sys.argv[1:5]
FAIL = os.environ.get("SGREP_DIFF_FAIL", "all").split(",")
# Divergences recorded in tests/suites/sgrep-diff.known (one case a line, as
# show() prints it) are known and still unfixed: they are counted and listed
# as "known", not as failures, so that any NEW divergence fails the suite.
# SGREP_DIFF_WRITE_KNOWN=1 rewrites the file from this run; SGREP_DIFF_KNOWN=none
# ignores it (every failing-category divergence fails).
KNOWN_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sgrep-diff.known")
VERBOSE = int(os.environ.get("SGREP_DIFF_VERBOSE", "3"))

ASCII = (b"alpha beta\n"
         b"gamma\n"
         b"Beta delta\n"
         b"\n"
         b"the end of the line\n"
         b"abc a.c aac\n"
         b"\n"
         b"\n"
         b"123 4567 x$y\n"
         b"foo_bar foo-bar\n"
         b"\ttab\tbeta\n"
         b"of\n"
         b"the\n"
         b"ab ab abab\n"
         b"epsilon beta beta\n"
         b"zeta\n"
         b"last line beta\n")

CJK_WORDS = ["文件", "目录", "选项", "選項", "排序", "ＡＢＣ"]


def png_bytes():
    """A small valid PNG (8x8 grey), made here so the suite needs no file."""
    def chunk(kind, data):
        c = kind + data
        return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c) & 0xffffffff)
    raw = b"".join(b"\0" + bytes(range(8 * i, 8 * i + 8)) for i in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0))
            + chunk(b"tEXt", b"Comment\0beta the end") + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


def zh_text(name):
    path = "/usr/share/man/zh_CN/man1/%s.1.gz" % name
    try:
        with gzip.open(path) as f:
            return f.read()
    except OSError:
        return None


def make_fixtures():
    os.makedirs(os.path.join(WORK, "root"), exist_ok=True)
    os.chdir(os.path.join(WORK, "root"))

    def w(path, data):
        d = os.path.dirname(path)
        if d:
            os.makedirs(d, exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    w("ascii.txt", ASCII)
    w("crlf.txt", ASCII.replace(b"\n", b"\r\n"))
    w("nonl.txt", ASCII.rstrip(b"\n"))
    w("empty.txt", b"")
    zh = zh_text("ls")
    zh2 = zh_text("grep") or zh_text("cp")
    have_zh = zh is not None
    if not have_zh:   # no manpages-zh: a few lines of our own
        zh = "列出目录内容\n选项说明\n文件列表\n按字母排序项目\nbeta 文件\n".encode()
        zh2 = zh
    w("zh.txt", zh)
    w("zh2.txt", zh2 or zh)
    shutil.copyfile("/bin/ls", "ls.bin")
    w("img.png", png_bytes())
    w("nul.txt", b"alpha beta\nbin\0ary beta\nthe end\n")
    # invalid UTF-8 in the middle: grep leaves that line out and goes on
    w("inv.txt", b"alpha beta\nbad \xff beta\n\nthe end beta\nzeta\n")
    # a NUL byte after grep's first 96 KiB buffer: the lines before it print
    w("late-nul.bin", b"".join(b"line %d beta\n" % i for i in range(9000)) +
      b"x\0y beta\n" + b"the end beta\n" * 3)
    # NUL-terminated records (for -z), newlines inside them
    w("records.z", b"one beta\0two\nlines the end\0\0zeta beta\n\0last")
    w("tree/a.txt", b"beta in tree a\nthe end\n")
    w("tree/b.log", b"beta in b.log\n")
    w("tree/sub/c.txt", b"beta in sub\nalpha\n")
    w("tree/sub/deep/d.txt", b"the deep beta\n")
    w("tree/skip/e.txt", b"beta skipped\n")
    w("tree/bin.dat", b"bin\0beta\n")
    w("tree/zh.txt", "文件 beta 目录\n".encode())
    os.symlink("../ascii.txt", "tree/flink")
    os.symlink("sub", "tree/dlink")
    w("loop/x.txt", b"beta in loop\n")
    os.symlink(".", "loop/self")
    os.symlink("..", "loop/up")
    os.symlink("nowhere", "dangling")
    os.makedirs("../fifodir", exist_ok=True)   # outside the tree -r searches
    os.mkfifo("../fifodir/fifo")
    # letters whose case grep -i folds in odd ways (Kelvin sign, long s, ...)
    w("case.txt", "Élan élan ÉLAN\nstraße STRASSE Straße ẞ\nΣίσυφος σίσυφος ΣΊΣΥΦΟΣ\n"
      "İstanbul ıi\nǅemal ǆ Ǆ\nÅngström å \u212b\nK k \u212a\nſ s S\n"
      "ω Ω \u2126\nθ ϑ Θ ϴ\nв В \u1c80\n".encode())
    # a few bytes with a NUL: binary, no BOM-less UTF-16 ('a \0' was U+2061)
    w("tiny1.bin", b"a \0")
    w("tiny2.bin", b"be\n\0")
    w("tiny3.bin", b"ax\0")
    # the last line without a newline ends in a non-word character
    w("nonl-dot.txt", b"alpha beta\nthe end.")
    # one line of 600,000 bytes: -o finds 300,000 matches in it (outside
    # the tree the recursive cases search)
    w("../long/long-line.txt", b"a" * 300000 + b" beta " + b"b" * 300000 + b"\nshort beta\n")
    w("pats.txt", b"beta\nzeta\n")
    w("pats-empty.txt", b"")
    w("excl.txt", b"*.log\nsub\n")
    return have_zh


# ---- the cases ----

# Inputs: (operands, stdin bytes). Every case gets stdin, so none waits on a
# terminal.
INPUTS = [
    (["ascii.txt"], None),
    (["ascii.txt", "zh.txt"], None),
    (["zh.txt"], None),
    (["crlf.txt"], None),
    (["nonl.txt"], None),
    (["empty.txt"], None),
    (["ls.bin"], None),
    (["img.png"], None),
    (["nul.txt"], None),
    (["tree"], None),
    (["tree", "ascii.txt"], None),
    (["loop"], None),
    ([], ASCII),
    (["-"], ASCII),
    (["-", "nonl.txt"], ASCII),
    (["missing.txt", "ascii.txt"], None),
    (["dangling"], None),
    (["tree/a.txt"], None),
    (["../fifodir/fifo", "ascii.txt"], None),   # only with -D skip (else replaced)
    (["inv.txt"], None),
    (["late-nul.bin"], None),
    (["records.z"], None),
]

LITERALS = ["beta", "the", "a", "", "zzz", "ELF", "end", "PNG", "Beta", "t"]
SYNTAX = ["^$", "a.c", "[0-9]\\+", "\\(ab\\)\\1", "be*ta", "^the", "a$", "b[aeiou]",
          "a|b", "(ab)", "a\\{2\\}", "a{2}", "x$y", "\\<the\\>", "[[:digit:]]+", "^",
          "\\w+", "*a", "+", "\\bbeta", "[", "a\\|gamma", ".", "e.d$", "\\(a\\)\\(b\\)\\2"]
INVALID_UTF8 = b"\xff".decode("utf-8", "surrogateescape")

# Options: each is a list of argv words.
OPTIONS = [
    ["-i"], ["-y"], ["--no-ignore-case"], ["-v"], ["-c"], ["-l"], ["-L"], ["-n"],
    ["-h"], ["-H"], ["-o"], ["-q"], ["-s"], ["-x"], ["-w"], ["-b"], ["-T"],
    ["-Z"], ["-z"], ["-a"], ["-I"], ["-U"], ["-u"], ["-r"], ["-R"],
    ["-A1"], ["-B2"], ["-C1"], ["-1"], ["-2"], ["-A", "0"], ["-m1"], ["-m0"],
    ["-m", "-1"], ["-m2"], ["-m", "99999999999999999999"], ["-E"], ["-F"], ["-G"],
    ["-P"], ["--color=always"], ["--color=never"], ["--color"], ["--colour=auto"],
    ["--label=LBL"], ["--line-buffered"], ["--null"], ["--no-messages"],
    ["--binary-files=text"], ["--binary-files=without-match"],
    ["--binary-files=binary"], ["-d", "skip"], ["-d", "read"], ["-d", "recurse"],
    ["--directories=skip"], ["-D", "skip"], ["-D", "read"], ["--devices=skip"],
    ["--include=*.txt"], ["--exclude=*.txt"], ["--exclude=a.txt"], ["--exclude-dir=sub"],
    ["--exclude-dir=tree"], ["--exclude-from=excl.txt"], ["--group-separator=XX"],
    ["--no-group-separator"], ["--initial-tab"], ["--byte-offset"],
    ["--basic-regexp"], ["--extended-regexp"], ["--fixed-strings"], ["--perl-regexp"],
    ["--count"], ["--files-with-matches"], ["--files-without-match"],
    ["--only-matching"], ["--invert-match"], ["--line-number"], ["--with-filename"],
    ["--no-filename"], ["--null-data"], ["--text"], ["--max-count=1"],
    ["--context=1"], ["--after-context=1"], ["--before-context=1"], ["--word-regexp"],
    ["--line-regexp"], ["--recursive"], ["--dereference-recursive"], ["--quiet"],
    ["--silent"], ["-e", "beta"], ["-e", "zzz"], ["-e", "the", "-e", "beta"],
    ["-f", "pats.txt"], ["-f", "pats-empty.txt"], ["-f", "missing-pats.txt"],
    ["--regexp=end"], ["--file=pats.txt"], ["-A", "x"], ["-C", "-1"],
    ["--binary-files=bogus"], ["-d", "bogus"], ["--color=bogus"], ["--no-such-option"],
]

SYNONYMS = {"--basic-regexp", "--extended-regexp", "--fixed-strings", "--perl-regexp",
            "--count", "--files-with-matches", "--files-without-match", "--only-matching",
            "--invert-match", "--line-number", "--with-filename", "--no-filename", "--text",
            "--max-count=1", "--context=1", "--after-context=1", "--before-context=1",
            "--word-regexp", "--line-regexp", "--recursive", "--dereference-recursive",
            "--quiet", "--silent", "--regexp=end", "--file=pats.txt", "-A", "-C",
            "--binary-files=bogus", "--color=bogus", "--no-such-option", "--directories=skip",
            "--devices=skip", "--no-messages", "--null", "--initial-tab", "--byte-offset",
            "--colour=auto", "-y", "--null-data", "-2", "--binary-files=binary", "-m2"}
PAIRED = [o for o in OPTIONS if o[0] not in SYNONYMS and o != ["-d", "bogus"]]

GREP_COLOR_ENVS = [None, {"GREP_COLORS": "mt=01;32:fn=34:se=33"}, {"GREP_COLOR": "01;36"},
                   {"GREP_COLORS": "sl=1:cx=2:rv:ne"}]


def has_cjk(s):
    return any(ord(ch) >= 0x2E80 and not 0xDC80 <= ord(ch) <= 0xDCFF for ch in s)


def pattern_given(opts):
    return any(o in ("-e", "-f") or o.startswith("--regexp") or o.startswith("--file")
               for o in opts)


def devices_skip(opts):
    """Whether the last -D/--devices says skip (a FIFO is read otherwise)."""
    last = None
    for i, o in enumerate(opts):
        if o == "-D" and i + 1 < len(opts):
            last = opts[i + 1]
        elif o.startswith("--devices="):
            last = o.split("=", 1)[1]
    return last == "skip"


def build_case(opts, pattern, inp):
    operands, stdin = inp
    if "../fifodir/fifo" in operands and not devices_skip(opts):
        operands, stdin = ["ascii.txt", "nonl.txt"], None
    argv = list(opts)
    if not pattern_given(opts):
        argv.append(pattern)
    argv += operands
    pats = [opts[i + 1] for i in range(len(opts) - 1) if opts[i] == "-e"]
    pats += [o.split("=", 1)[1] for o in opts if o.startswith("--regexp=")]
    if not pattern_given(opts):
        pats.append(pattern)
    return {"argv": argv, "stdin": stdin if stdin is not None else ASCII, "env": None,
            "pats": pats, "operands": operands}


def generate(rng):
    cases = []
    # every option alone, over several inputs and patterns
    for opts in OPTIONS:
        for k in range(6):
            inp = INPUTS[(k * 7 + len(cases)) % len(INPUTS)] if k else INPUTS[0]
            pat = LITERALS[(k + len(cases)) % len(LITERALS)] if k < 5 else rng.choice(CJK_WORDS)
            cases.append(build_case(opts, pat, inp))
    # every pair of options (long synonyms and bad values only alone)
    for i in range(len(PAIRED)):
        for j in range(i + 1, len(PAIRED)):
            pat = rng.choice(LITERALS + CJK_WORDS[:2])
            cases.append(build_case(PAIRED[i] + PAIRED[j], pat, rng.choice(INPUTS)))
    # syntax patterns under each matcher option
    for pat in SYNTAX + [INVALID_UTF8, "beta" + INVALID_UTF8]:
        for m in ([], ["-E"], ["-F"], ["-P"], ["-o"], ["-E", "-o"], ["-c", "-v"]):
            cases.append(build_case(m, pat, rng.choice(INPUTS[:6])))
    # -i on letters with odd case pairs (grep: k does not match the Kelvin sign)
    for pat in ["k", "K", "\u212a", "å", "\u212b", "ω", "\u2126", "θ", "ϴ", "s", "ſ", "i",
                "ı", "İ", "ß", "ẞ", "ǅ", "σ", "в", "\u1c80", "élan"]:
        for m in (["-i"], ["-i", "-o"], ["-iF", "-o"], ["-i", "-c", "-w"]):
            cases.append(build_case(m, pat, (["case.txt"], None)))
    # -w: an empty match at the end of a last line without a newline
    for m in (["-w"], ["-wc"], ["-wno"], ["-wz"], ["-wEc"]):
        for pat in ("x*", "d*", "\\.*"):
            cases.append(build_case(m, pat, (["nonl-dot.txt"], None)))
    # -o -v: the matches of context lines are printed; only they must be text
    for m in (["-o", "-v", "-B1"], ["-o", "-v", "-A1", "-n"], ["-o", "-v", "-C1", "-b"]):
        for pat in ("beta", "b", ".", "bad\\|the"):
            cases.append(build_case(m, pat, (["inv.txt"], None)))
    # -o on a long line: each match must not cost the line's length
    for m, pat in ((["-o"], "\\(.\\)\\1"), (["-oc"], "ab*"), (["-ob"], " b*"), (["-on"], "beta b*")):
        cases.append(build_case(m, pat, (["../long/long-line.txt"], None)))
    # tiny binary files, read as bytes
    for f in ("tiny1.bin", "tiny2.bin", "tiny3.bin"):
        for m in (["-a", ""], ["-c", "a"], ["a"], ["-ao", "."], ["-a", "-n", "-b", "x*"]):
            cases.append(build_case(m[:-1], m[-1], ([f], None)))
    # -z -P: a newline inside a record is a newline to the expression
    for pat in ["\\n", "two\\nlines", "(?m)^lines", "(?m)two$", "two\\slines", "two.lines",
                "\\x00", "[\\n]", "\\R"]:
        for m in (["-Pz"], ["-Pzo"], ["-Pzc"]):
            cases.append(build_case(m, pat, (["records.z"], None)))
    # random combinations
    for _ in range(500):
        n = rng.randint(2, 5)
        opts = []
        for o in rng.sample(OPTIONS, n):
            opts += o
        pat = rng.choice(LITERALS * 3 + SYNTAX + CJK_WORDS)
        c = build_case(opts, pat, rng.choice(INPUTS))
        if any(o.startswith("--colo") for o in opts):
            c["env"] = rng.choice(GREP_COLOR_ENVS)
        cases.append(c)
    return cases


# ---- running and comparing ----

def run(prog, case, extra=()):
    env = dict(os.environ)
    env["LC_ALL"] = "C.UTF-8"
    for k in ("GREP_COLORS", "GREP_COLOR", "NO_COLOR"):
        env.pop(k, None)
    env["TERM"] = "dumb"
    if case["env"]:
        env.update(case["env"])
    argv = [prog] + list(extra) + [a.encode("utf-8", "surrogateescape") for a in case["argv"]]
    try:
        p = subprocess.run(argv, input=case["stdin"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=TIMEOUT, env=env)
        return (p.stdout, p.stderr, p.returncode)
    except subprocess.TimeoutExpired as e:
        return (e.stdout or b"", b"timeout", "timeout")


def same(g, s):
    return g[0] == s[0] and bool(g[1]) == bool(s[1]) and g[2] == s[2]


SYNTAX_CHARS = set(".[]*^$\\+?{}|()")


def category(case, g, s):
    argv = case["argv"]
    if s[2] == "timeout":
        return "cli:hang" if any(a in ("-r", "-R") or "recursive" in a for a in argv) \
            else "engine:slow"
    # an option sgrep does not know: the command line's part
    err = s[1].decode("utf-8", "replace")
    if s[2] == 2 and g[2] != 2 and ("unrecognized option" in err or "invalid option" in err
                                    or "requires an argument" in err):
        return "cli:missing-option"
    opts = set(argv)
    text_pats = case["pats"]
    if "-P" in opts or "--perl-regexp" in opts:
        return "engine:pcre"
    fixed = "-F" in opts or "--fixed-strings" in opts
    if not fixed and any(SYNTAX_CHARS & set(p) for p in text_pats):
        return "engine:syntax"
    if any(INVALID_UTF8 in p for p in text_pats):
        return "engine:invalid-utf8-pattern"
    if opts & {"-w", "-x", "--word-regexp", "--line-regexp"}:
        return "engine:word-line"
    if opts & {"-i", "-y", "--ignore-case"}:
        return "engine:icase"
    return None


def classify(case, g, s, have_section):
    # an invalid option argument (--color=bogus) makes both print their own
    # help and exit 0: the help texts differ by design (sgrep(1), DIFFERENCES)
    if g[0].startswith(b"Usage: grep ") and s[0].startswith(b"Usage: sgrep ") and same(
            (b"", g[1], g[2]), (b"", s[1], s[2])):
        return "explained:own-help"
    cat = category(case, g, s)
    if cat in ("cli:missing-option", "cli:hang", "engine:slow"):
        return cat
    recursive = any(a in ("-r", "-R", "--recursive", "--dereference-recursive")
                    or a in ("-drecurse", "--directories=recurse") for a in case["argv"])
    chinese = any(has_cjk(p) for p in case["pats"]) or any(
        x in case["operands"] for x in ("zh.txt", "zh2.txt", "tree", "loop")) or (
        recursive and not case["operands"])
    exact = run(SGREP, case, ["--exact"])
    if same(g, exact):
        if chinese and have_section:
            return "explained:folding"
        return "engine:folding-without-chinese"
    if cat:
        return cat
    if any(a in ("-r", "-R", "-d", "-D") or "recurs" in a or "exclude" in a or "include" in a
           or "director" in a or "devices" in a for a in case["argv"]):
        return "cli:recursion"
    if any(x in case["argv"] for x in ("ls.bin", "img.png", "nul.txt", "inv.txt", "late-nul.bin",
                                       "records.z")) or any(
            "binary" in a or a in ("-a", "-I", "-U", "-z", "--text", "--null-data")
            for a in case["argv"]):
        return "cli:binary"
    if g[2] != s[2] or bool(g[1]) != bool(s[1]):
        return "cli:exit-or-message"
    return "cli:output"


def fails(cat):
    if cat.startswith("explained") or cat.startswith("known"):
        return False
    return any(f == "all" or cat.startswith(f) for f in FAIL)


def show(case):
    env = " ".join("%s=%s" % kv for kv in (case["env"] or {}).items())
    words = []
    for a in case["argv"]:
        a = a.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        words.append("'" + a.replace("'", "'\\''") + "'" if not a or any(
            ch in a for ch in " $*?[]|()\\{}<>;&'\"") else a)
    return (env + " " if env else "") + "grep " + " ".join(words)


def main():
    have_zh = make_fixtures()
    with open(MANPAGE, encoding="utf-8") as f:
        have_section = ".Sh DIFFERENCES FROM GREP" in f.read()
    rng = random.Random(SEED)
    cases = generate(rng)
    known = set()
    if os.environ.get("SGREP_DIFF_KNOWN") != "none" and os.path.exists(KNOWN_FILE):
        with open(KNOWN_FILE, encoding="utf-8") as f:
            known = set(l.rstrip("\n") for l in f if l.strip() and not l.startswith("#"))
    divergent = []
    fixed = 0
    cats = {}
    examples = {}
    identical = 0
    for case in cases:
        g = run(GREP, case)
        if g[2] == "timeout":
            cats.setdefault("skipped:grep-timeout", 0)
            cats["skipped:grep-timeout"] += 1
            continue
        s = run(SGREP, case)
        if same(g, s):
            identical += 1
            if show(case) in known:
                fixed += 1
            continue
        cat = classify(case, g, s, have_section)
        if fails(cat):
            divergent.append(show(case))
            if show(case) in known:
                cat = "known:" + cat
        cats[cat] = cats.get(cat, 0) + 1
        examples.setdefault(cat, []).append((case, g, s))
    total = len(cases)
    passed = identical + sum(n for c, n in cats.items() if c.startswith("explained"))
    failed = sum(n for c, n in cats.items() if fails(c))
    print("sgrep-diff: %d cases (seed %d%s): %d identical, %d divergent" %
          (total, SEED, "" if have_zh else ", manpages-zh absent: own Chinese lines",
           identical, total - identical))
    for c in sorted(cats):
        state = "explained" if c.startswith("explained") else (
            "FAILS" if fails(c) else "reported (not failing: SGREP_DIFF_FAIL=%s)" % ",".join(FAIL))
        print("  %-34s %5d  %s" % (c, cats[c], state))
    for c in sorted(examples):
        if c.startswith("explained") and VERBOSE < 5:
            continue
        for case, g, s in examples[c][:VERBOSE]:
            print("  [%s] %s" % (c, show(case)))
            print("      grep:  exit %s, stderr %s, stdout %r" % (g[2], "yes" if g[1] else "no", g[0][:160]))
            print("      sgrep: exit %s, stderr %s, stdout %r" % (s[2], "yes" if s[1] else "no", s[0][:160]))
            if s[1] and s[1] != b"timeout":
                print("      sgrep stderr: %r" % s[1][:160])
    if fixed:
        print("  %d cases listed in sgrep-diff.known now agree with grep: remove them" % fixed)
    if os.environ.get("SGREP_DIFF_WRITE_KNOWN") == "1":
        with open(KNOWN_FILE, "w", encoding="utf-8") as f:
            f.write("# sgrep-diff cases that still diverge from GNU grep (unfixed, see sgrep(1) BUGS)\n")
            for line in sorted(set(divergent)):
                f.write(line + "\n")
    print("sgrep-diff: %d passed, %d failed (%d divergences in categories not failing)" %
          (passed, failed, total - passed - failed - cats.get("skipped:grep-timeout", 0)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Legitimate text through sclean: how many lines it changes.

usage: sclean-legit.py [--slice N] [--ceiling SHARE] [--json FILE] SCLEAN

The corpus is text that nobody tuned sclean on and that a cleaner must not
damage: the Chinese man pages of Debian's manpages-zh (zh_CN and zh_TW),
rendered as tests/eval/sclean-split-eval.py renders them (mandoc -Tutf8
-Owidth=250 | col -bx, so that a paragraph is one line), and the Chinese
text documents installed under /usr/share/doc (manpages-zh's README, FAQ
and VOCABULARY, OpenCC's NEWS, jieba's changelog: Markdown, tables with
tabs, e-mail addresses in <>, code). Each file is one document. Its lines
are put in sclean's output shape first (blanks at the ends of a line and
blank lines dropped, as sclean's man page documents), so that what is
counted is a change to the text itself.

Three runs per document: sclean with every pass, with --no-layout, and
with --no-layout --no-boilerplate (the per-line passes: pinyin, mojibake,
html, punct); of the lines the per-line passes change, those whose only
change is sclean's documented conversion of , ; : ? ! ( ) to full width
in Chinese context, or of full-width Latin letters and digits to
half-width, are counted apart. A
line counts as changed when it does not come out as it went in (the lines
out are matched as a multiset, so a line dropped or joined to its
neighbour counts). The man pages are hard-wrapped nowhere (width 250) but
the /usr/share/doc files are, so there a join is mostly a fix: the per-line
run is the one to read for them.

--slice N: only the first N man pages of each language (sorted by path),
and the documents; --ceiling S: exit 1 when the share of man page lines
changed by the per-line passes in any other way than that conversion
exceeds S. EVAL_SHOW=1 prints every
changed line and what came out of its document on stderr.
"""
import gzip
import json
import os
import subprocess
import sys

DOCS = ["/usr/share/doc/manpages-zh/README.md.gz", "/usr/share/doc/manpages-zh/FAQ.gz",
        "/usr/share/doc/manpages-zh/VOCABULARY.gz", "/usr/share/doc/opencc/NEWS.md.gz",
        "/usr/share/doc/python3-jieba/changelog.gz"]


# sclean's documented normalisations: half-width punctuation in Chinese
# made full-width, full-width Latin letters and digits made half-width
TO_ASCII = str.maketrans("，；：？！（）", ",;:?!()")
TO_ASCII.update({0xFF10 + i: ord("0") + i for i in range(10)})
TO_ASCII.update({0xFF21 + i: ord("A") + i for i in range(26)})
TO_ASCII.update({0xFF41 + i: ord("a") + i for i in range(26)})


def render_man(path):
    try:
        r = subprocess.run("mandoc -Tutf8 -Owidth=250 '%s' 2>/dev/null | col -bx" % path, shell=True,
                           capture_output=True, timeout=20)
    except subprocess.TimeoutExpired:
        return ""
    return r.stdout.decode("utf-8", errors="replace")


def read_doc(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as fh:
        return fh.read().decode("utf-8", errors="replace")


def shape(text):
    """The lines in sclean's output shape: no blanks at the ends, no blank
    lines, no carriage returns."""
    out = []
    for line in text.split("\n"):
        s = line.replace("\r", "").strip(" \t\u3000")
        if s:
            out.append(s)
    return out


def man_pages(limit):
    pages = []
    for lang in ("zh_CN", "zh_TW"):
        base = "/usr/share/man/%s" % lang
        if not os.path.isdir(base):
            continue
        found = sorted(os.path.join(base, sec, f) for sec in sorted(os.listdir(base))
                       for f in os.listdir(os.path.join(base, sec)))
        pages += [(lang, p) for p in (found[:limit] if limit else found)]
    return pages


def changed_lines(want, got):
    pool = {}
    for g in got:
        pool[g] = pool.get(g, 0) + 1
    bad = []
    for line in want:
        if pool.get(line, 0) > 0:
            pool[line] -= 1
        else:
            bad.append(line)
    return bad


def run(sclean, lines, extra):
    data = ("\n".join(lines) + "\n").encode()
    r = subprocess.run([sclean] + extra, input=data, capture_output=True)
    return r.stdout.decode("utf-8", errors="replace").split("\n")[:-1]


def main():
    args = sys.argv[1:]
    limit, ceiling, jout = 0, None, None
    while args and args[0].startswith("--"):
        a, v = args[0], args[1] if len(args) > 1 else ""
        if a == "--slice":
            limit = int(v)
        elif a == "--ceiling":
            ceiling = float(v)
        elif a == "--json":
            jout = v
        else:
            sys.exit(__doc__)
        args = args[2:]
    if len(args) != 1:
        sys.exit(__doc__)
    sclean = os.path.abspath(args[0])
    show = os.environ.get("EVAL_SHOW")
    docs = [(lang, p, shape(render_man(p))) for lang, p in man_pages(limit)]
    docs += [("doc", p, shape(read_doc(p))) for p in DOCS if os.path.exists(p)]
    stats = {}
    for group, path, lines in docs:
        if not lines:
            continue
        st = stats.setdefault(group, {"docs": 0, "lines": 0, "all": 0, "nolayout": 0, "perline": 0,
                                      "perline_punct_only": 0})
        st["docs"] += 1
        st["lines"] += len(lines)
        for mode, extra in (("all", []), ("nolayout", ["--no-layout"]),
                            ("perline", ["--no-layout", "--no-boilerplate"])):
            got = run(sclean, lines, extra)
            bad = changed_lines(lines, got)
            st[mode] += len(bad)
            if mode == "perline" and len(got) == len(lines):
                st["perline_punct_only"] += sum(a != b and a.translate(TO_ASCII) == b.translate(TO_ASCII) for a, b in zip(lines, got))
            if show and bad and mode == "perline" and len(got) == len(lines):
                for a, b in zip(lines, got):   # line for line: show what became of it
                    if a != b:
                        sys.stderr.write("[%s %s]\n  < %s\n  > %s\n" % (mode, path, a, b))
            elif show and bad:
                for b in bad:
                    sys.stderr.write("[%s %s] %s\n" % (mode, path, b))
    print("| source | documents | lines | changed: all passes | --no-layout | per-line passes "
          "| of which only the documented width conversions |")
    print("|---|---|---|---|---|---|---|")
    for g, st in stats.items():
        print("| %s | %d | %d | %s | %s | %s | %d |" %
              (g, st["docs"], st["lines"], *("%d (%.2f%%)" % (st[k], 100 * st[k] / st["lines"])
                                              for k in ("all", "nolayout", "perline")),
               st["perline_punct_only"]))
    if jout:
        with open(jout, "w") as fh:
            json.dump(stats, fh, indent=1)
    man = [st for g, st in stats.items() if g != "doc"]
    if ceiling is not None and man:
        share = sum(s["perline"] - s["perline_punct_only"] for s in man) / max(1, sum(s["lines"] for s in man))
        if share > ceiling:
            print("man pages: %.4f of lines damaged by the per-line passes, above %.4f" % (share, ceiling))
            sys.exit(1)


if __name__ == "__main__":
    main()

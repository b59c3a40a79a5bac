#!/usr/bin/python3
"""sclean evaluation with a tuning half and a test half, and a keep corpus.

usage: sclean-split-eval.py [--docs N] [--seed S] [--half tune|test|both]
                            [--only T,T...] [--json FILE] SCLEAN

Noisy/clean document pairs are generated from clean Chinese text for 24
noise types. Every generator vocabulary (site, paper, section and person
names, header/footer wording and UI strings, disclaimers, link-list
headings, page-header shapes, continuation markers, wrap widths, decoder
models) is split in tests/eval/noise_vocab.py into a TUNE and a TEST half,
and so is the clean text (by a hash of its source: man page name or sample
paragraph). A document of the tune half uses only tune vocabulary and tune
text; the test half is for reporting.

Clean text: the Chinese man pages of Debian's manpages-zh (zh_CN and
zh_TW), rendered with mandoc -Tutf8 | col -bx at a width of 250 so that a
paragraph is one line, keeping paragraphs that follow the conventions
(full-width punctuation between Chinese characters, a sentence-final stop);
the bundled samples after sclean (news), the same filter. Simplified and
Traditional both (opencc s2t / t2s for the other script).

"fixed": sclean's output equals the truth, except that a character whose
bytes the decoder lost (dropped, U+FFFD, or swallowed into "?") may come
back as itself or as U+FFFD (a run of k such characters also as 1..k
U+FFFD); never as another character. "exact": no such allowance.
"context kept": for the mojibake types, the share of characters outside the
damaged span that come out unchanged (legitimate characters untouched).

Keep corpus (tests/eval/keep/{tune,test}/*.txt): legitimate text of many
kinds, one paragraph per line; each file is one document and sclean's
output must equal it byte for byte. Reported: files changed, lines changed.

EVAL_SHOW=TYPE (or all, or keep) prints what came out wrong on stderr.
"""
import hashlib
import json
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # no __pycache__ in the source tree
import noise_vocab  # noqa: E402

HAN = re.compile(r"[\u4e00-\u9fff]")
LOST = "\x00"   # in a truth: the next character may come back as U+FFFD


# ---------------------------------------------------------------- sources

def opencc(lines, cfg):
    if not lines:
        return []
    out = subprocess.run(["opencc", "-c", cfg], input="\n".join(lines).encode(), capture_output=True,
                         check=True).stdout.decode()
    return out.split("\n")[:len(lines)]


def han_ratio(s):
    return len(HAN.findall(s)) / max(1, len(s))


BAD = re.compile(r"[\u4e00-\u9fff\u3002\uff0c\u201d] ?[,;:?!()]|[,;:?!()] ?[\u4e00-\u9fff]|"
                 r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]|[<>&\t\u00a0\u3000\u200b\ufeff\ufffd\u00ad]|"
                 r"\(\w+\)|  |[\u0080-\u024f]|[\ue000-\uf8ff]|\?")


def canonical(s):
    if ("(" in s or ")" in s) and ("（" in s or "）" in s):
        return False
    return not BAD.search(s) and s == s.strip()


def half_of(key):
    return "tune" if hashlib.md5(key.encode()).digest()[0] % 2 == 0 else "test"


def render_man(path):
    try:
        r = subprocess.run("mandoc -Tutf8 -Owidth=250 '%s' 2>/dev/null | col -bx" % path, shell=True,
                           capture_output=True, timeout=20)
    except subprocess.TimeoutExpired:
        return []
    paras, cur, ind = [], [], None
    for raw in r.stdout.decode("utf-8", errors="replace").split("\n"):
        s = raw.strip()
        i = len(raw) - len(raw.lstrip())
        if not s or i != ind:
            if cur:
                paras.append("".join(cur))
            cur, ind = ([s] if s else []), (i if s else None)
        else:
            cur.append(s)
    if cur:
        paras.append("".join(cur))
    return paras


def good_para(p):
    return 24 <= len(p) <= 260 and han_ratio(p) >= 0.5 and canonical(p) and p[-1] in "。！？"


def load_sources(sclean):
    """{half: {script: [paragraph]}}, headlines {half: {script: [line]}};
    cached in build/eval/ (the rendering takes a few seconds)."""
    cache = os.path.join(ROOT, "build/eval/sources.json")
    if os.path.exists(cache):
        with open(cache) as fh:
            return json.load(fh)
    raw = {"tune": {"hans": [], "hant": []}, "test": {"hans": [], "hant": []}}
    heads = {"tune": {"hans": [], "hant": []}, "test": {"hans": [], "hant": []}}
    for lang, script in (("zh_CN", "hans"), ("zh_TW", "hant")):
        base = "/usr/share/man/%s" % lang
        if not os.path.isdir(base):
            continue
        for sec in sorted(os.listdir(base)):
            for f in sorted(os.listdir(os.path.join(base, sec))):
                half = half_of(f)
                seen = set()
                for p in render_man(os.path.join(base, sec, f)):
                    if good_para(p) and p not in seen:
                        seen.add(p)
                        raw[half][script].append(p)
    sdir = os.path.join(ROOT, "tests/data/samples")
    for f in sorted(os.listdir(sdir)):
        run = subprocess.run([sclean, os.path.join(sdir, f)], capture_output=True)
        if run.returncode != 0 or not run.stdout:
            # never cache sources made by a broken sclean (no data found, ...)
            sys.exit("sclean-split-eval: %s failed on %s: %s" % (sclean, f, run.stderr.decode()[:200]))
        out = run.stdout.decode()
        for line in out.splitlines():
            if good_para(line):
                raw[half_of(line)]["hans"].append(line)
            elif 6 <= len(line) <= 26 and canonical(line) and han_ratio(line) > 0.7 and \
                    not re.search("[，。：；！？、]", line):
                heads[half_of(line)]["hans"].append(line)
    src = {}
    for half in raw:
        # every paragraph in both scripts
        hans = raw[half]["hans"] + opencc(raw[half]["hant"], "t2s.json")
        hant = opencc(raw[half]["hans"], "s2t.json") + raw[half]["hant"]
        src[half] = {"hans": sorted(set(p for p in hans if canonical(p))),
                     "hant": sorted(set(p for p in hant if canonical(p)))}
        h = heads[half]["hans"]
        heads[half] = {"hans": h, "hant": opencc(h, "s2t.json")}
    data = {"paras": src, "heads": heads}
    os.makedirs(os.path.dirname(cache), exist_ok=True)
    with open(cache + ".tmp", "w") as fh:
        json.dump(data, fh, ensure_ascii=False)
    os.replace(cache + ".tmp", cache)
    return data


# ---------------------------------------------------------------- decoders

def lead_range(codec):
    return range(0x81, 0xFF)


def decode_model(data, codec, model):
    """Decode bytes the way one decoder would, returning a list of
    (text, lost, first_byte, last_byte): lost when the output stands for
    bytes that were not decoded (U+FFFD, '?', or nothing).
    replace / ignore: Python's codec (one U+FFFD per undecodable byte, or
    nothing); pair-fffd / pair-qmark: a lead byte always takes the next byte,
    an invalid pair becomes one U+FFFD / one '?' (the next byte, ASCII or
    not, is swallowed). Only for two-byte codecs in the pair models."""
    out = []
    if model in ("replace", "ignore"):
        i = 0
        # one character at a time, to know each output's bytes
        while i < len(data):
            for k in (1, 2, 4):
                try:
                    s = data[i:i + k].decode(codec)
                    if s:
                        out.append((s, False, i, i + k - 1))
                        i += k
                        break
                except UnicodeDecodeError:
                    continue
            else:
                out.append(("\ufffd" if model == "replace" else "", True, i, i))
                i += 1
        return out
    i = 0
    mark = "\ufffd" if model == "pair-fffd" else "?"
    while i < len(data):
        b = data[i]
        if b < 0x80:
            out.append((chr(b), False, i, i))
            i += 1
        elif b in lead_range(codec) and i + 1 < len(data):
            try:
                out.append((data[i:i + 2].decode(codec), False, i, i + 1))
            except UnicodeDecodeError:
                out.append((mark, True, i, i + 1))
            i += 2
        else:
            out.append((mark, True, i, i))
            i += 1
    return out


CP1252 = {0x80: "\u20ac", 0x82: "\u201a", 0x83: "\u0192", 0x84: "\u201e", 0x85: "\u2026", 0x86: "\u2020",
          0x87: "\u2021", 0x88: "\u02c6", 0x89: "\u2030", 0x8a: "\u0160", 0x8b: "\u2039", 0x8c: "\u0152",
          0x8e: "\u017d", 0x91: "\u2018", 0x92: "\u2019", 0x93: "\u201c", 0x94: "\u201d", 0x95: "\u2022",
          0x96: "\u2013", 0x97: "\u2014", 0x98: "\u02dc", 0x99: "\u2122", 0x9a: "\u0161", 0x9b: "\u203a",
          0x9c: "\u0153", 0x9e: "\u017e", 0x9f: "\u0178"}
LATIN9 = {0xa4: "\u20ac", 0xa6: "\u0160", 0xa8: "\u0161", 0xb4: "\u017d", 0xb8: "\u017e", 0xbc: "\u0152",
          0xbd: "\u0153", 0xbe: "\u0178"}


def decode_single(data, model):
    """One-byte decoders: cp1252 with the five undefined bytes replaced
    (U+FFFD), shown as C1 controls (c1, as WHATWG and Windows do), dropped
    (ignore) or '?' (qmark); ISO-8859-1 and ISO-8859-15."""
    out = []
    for i, b in enumerate(data):
        if model == "iso-8859-1":
            out.append((chr(b), False, i, i))
        elif model == "iso-8859-15":
            out.append((LATIN9.get(b, chr(b)), False, i, i))
        elif b < 0x80 or b >= 0xa0:
            out.append((chr(b), False, i, i))
        elif b in CP1252:
            out.append((CP1252[b], False, i, i))
        else:
            out.append(({"replace": "\ufffd", "c1": chr(b), "ignore": "", "qmark": "?"}[model],
                        model != "c1", i, i))
    return out


def misdecode(text, encoding, decoder):
    """text encoded in `encoding`, decoded by `decoder` (codec, model) or a
    one-byte model: (noisy string, truth string with LOST marks)."""
    data = text.encode(encoding)
    spans, k = [], 0
    for c in text:
        n = len(c.encode(encoding))
        spans.append((k, k + n - 1))
        k += n
    pieces = decode_model(data, *decoder) if isinstance(decoder, tuple) else decode_single(data, decoder)
    lost_bytes = set()
    for s, lost, a, b in pieces:
        if lost:
            lost_bytes.update(range(a, b + 1))
    noisy = "".join(p[0] for p in pieces)
    truth = "".join((LOST + c) if any(x in lost_bytes for x in range(a, b + 1)) else c
                    for c, (a, b) in zip(text, spans))
    return noisy, truth


# ---------------------------------------------------------------- generators

class Ctx:
    def __init__(self, rng, voc, script, readings):
        self.rng, self.voc, self.script, self.readings = rng, voc, script, readings
        self.site = rng.choice(voc["site_a"]) + rng.choice(voc["site_b"])
        self.dom = "www.%s.%s" % ("".join(rng.choice("abcdefghjklmnpqrstwxyz") for _ in range(rng.randint(3, 6))),
                                  rng.choice(["com", "cn", "com.cn", "net"]))

    def fill(self, t):
        r, v = self.rng, self.voc
        names = r.sample(v["names"], 2)
        y2 = r.randint(2015, 2025)
        mo, d = r.randint(1, 12), r.randint(1, 28)
        return t.format(site=self.site, dom=self.dom, sec=r.choice(v["section"]), name=names[0], name2=names[1],
                        date="%d-%02d-%02d" % (y2, mo, d), cdate="%d年%d月%d日" % (y2, mo, d),
                        time="%02d:%02d" % (r.randint(0, 23), r.randint(0, 59)), y1=r.randint(1998, 2012),
                        y2=y2, n=r.randint(2, 20), m=r.randint(21, 40), paper=r.choice(v["paper"]),
                        wd=r.choice("一二三四五六日"), prov=r.choice(v["prov"]),
                        title=r.choice(v["title_a"]) + r.choice(v["title_b"]))

    def script_lines(self, lines):
        return opencc(lines, "s2t.json") if self.script == "hant" else lines


def n_pinyin(c, paras):
    out = []
    for p in paras:
        chars = list(p)
        idx = [i for i, ch in enumerate(chars) if ch in c.readings]
        picks = set()
        for _ in range(c.rng.randint(1, 4)):
            if not idx:
                break
            i = c.rng.choice(idx)
            for k in range(c.rng.randint(1, 3)):
                if i + k < len(chars) and chars[i + k] in c.readings:
                    picks.add(i + k)
        full = c.rng.random() < 0.3
        s = ""
        for i, ch in enumerate(chars):
            s += ch
            if i in picks:
                s += ("（%s）" if full else "(%s)") % c.rng.choice(c.readings[ch])
        out.append(s)
    return out, paras


def span_of(c, p):
    """The span of p that is damaged: the whole paragraph or 3-12 characters."""
    if c.rng.random() < 0.4:
        return 0, len(p)
    i = c.rng.randrange(0, max(1, len(p) - 4))
    return i, min(len(p), i + c.rng.randint(3, 12))


def moji_doc(c, paras, damage):
    out, truth, ctx = [], [], []
    for p in paras:
        i, j = span_of(c, p)
        noisy, t = damage(p[i:j])
        out.append(p[:i] + noisy + p[j:])
        truth.append(p[:i] + t + p[j:])
        ctx.append((p[:i], p[j:]))
    return out, truth, ctx


def n_moji_utf8(key):
    def gen(c, paras):
        dec = c.rng.choice(c.voc[key])
        return moji_doc(c, paras, lambda s: misdecode(s, "utf-8", dec))
    return gen


def shift_damage(c, p, encoding, model):
    """Text in `encoding` with the lead byte of one character lost, decoded
    by `model`; the decoder is misaligned until it meets an ASCII byte."""
    try:
        data = p.encode(encoding)
    except UnicodeEncodeError:
        return None
    spans, k = [], 0
    for ch in p:
        n = len(ch.encode(encoding))
        spans.append((k, n))
        k += n
    cand = [i for i, ch in enumerate(p) if spans[i][1] == 2 and i > 0]
    if not cand:
        return None
    i = c.rng.choice(cand)
    cut = spans[i][0]
    bad = data[:cut] + data[cut + 1:]
    pieces = decode_model(bad, encoding, model)
    noisy = "".join(x[0] for x in pieces)
    # truth: the character that lost its lead byte may be U+FFFD; characters
    # whose bytes went into a lost output too (mapping the cut back)
    lost_bytes = set()
    for s, lost, a, b in pieces:
        if lost:
            lost_bytes.update(x + (1 if x >= cut else 0) for x in range(a, b + 1))
    truth = ""
    for n, ch in enumerate(p):
        a, ln = spans[n]
        if n == i or any(x in lost_bytes for x in range(a, a + ln)):
            truth += LOST + ch
        else:
            truth += ch
    return noisy, truth


def n_shift(encoding, key):
    def gen(c, paras):
        out, truth, ctx = [], [], []
        model = c.rng.choice(c.voc[key])
        for p in paras:
            r = shift_damage(c, p, encoding, model)
            if r is None:
                out.append(p)
                truth.append(p)
                ctx.append((p, ""))
                continue
            out.append(r[0])
            truth.append(r[1])
            # context: the characters before the cut, as far as the decoder
            # was still aligned
            k = r[1].index(LOST)
            ctx.append((p[:k], ""))
        return out, truth, ctx
    return gen


def n_entities(c, paras):
    out = []
    for p in paras:
        s = p
        for ch, ent in c.rng.sample(c.voc["entities"], 2):
            s = s.replace(ch, ent)
        if s == p:   # at least one: a character as a numeric reference
            k = c.rng.randrange(len(p))
            s = p[:k] + c.rng.choice(["&#%d;", "&#x%x;"]) % ord(p[k]) + p[k + 1:]
        out.append(s)
    return out, paras


def n_tags(c, paras):
    out = []
    for p in paras:
        s = p
        for _ in range(c.rng.randint(1, 2)):
            i = c.rng.randrange(len(s))
            j = min(len(s), i + c.rng.randint(2, 6))
            if "&" in s[i:j] or "<" in s[i:j] or ">" in s[i:j] or "<" in s[:i].rsplit(">", 1)[-1]:
                continue
            t = c.fill(c.rng.choice(c.voc["inline_tag"]))
            s = s[:i] + "<%s>" % t + s[i:j] + "</%s>" % t.split()[0] + s[j:]
        if c.rng.random() < 0.5:
            b = c.rng.choice(c.voc["block_tag"])
            s = ("<%s>" % b + s + "</%s>" % b.split()[0]) if not b.startswith("br") else s + "<%s>" % b
        if s == p:
            s = "<%s>" % c.voc["block_tag"][0] + s
        out.append(s)
    return out, paras


def n_hidden(c, paras):
    out = []
    for p in paras:
        i = p.find("，")
        i = i if i > 0 else len(p) - 1
        junk = c.fill(c.rng.choice(c.voc["hidden_junk"]))
        style = c.rng.choice(["display:none", "display: none", "visibility:hidden"])
        tag = c.rng.choice(["span", "font", "div"])
        out.append(p[:i] + '<%s style="%s">%s</%s>' % (tag, style, junk, tag) + p[i:])
    return out, paras


def n_script(c, paras):
    out = list(paras)
    k = c.rng.randrange(len(out))
    where = c.rng.random()
    s = c.fill(c.rng.choice(c.voc["script"]))
    if where < 0.4:
        out[k] = out[k] + s
    elif where < 0.7:
        out[k] = s + out[k]
    else:
        out.insert(k, s)
    return out, paras


def boiler_doc(c, paras, head, foot):
    doc = c.script_lines(head) + paras + c.script_lines(foot)
    return doc, paras


def n_header(c, paras):
    head = [c.fill(t) for t in c.rng.sample(c.voc["header"], c.rng.randint(1, 3))]
    return boiler_doc(c, paras, head, [])


def n_footer(c, paras):
    foot = [c.fill(t) for t in c.rng.sample(c.voc["footer"], c.rng.randint(1, 3))]
    return boiler_doc(c, paras, [], foot)


def n_links(c, paras):
    items = set()
    while len(items) < c.rng.randint(3, 5):
        items.add(c.fill(c.rng.choice(c.voc["link_item"])))
    # sorted first: a set of strings iterates in an order that changes with
    # the interpreter's hash seed, and so would the documents
    foot = [c.rng.choice(c.voc["link_head"])] + sorted(sorted(items), key=lambda _: c.rng.random())
    return boiler_doc(c, paras, [], foot)


def n_disclaimer(c, paras):
    foot = [c.fill(t) for t in c.rng.choice(c.voc["disclaimer"])]
    return boiler_doc(c, paras, [], foot)


def n_slogan(c, paras):
    slogan = c.site + c.rng.choice(["——", "：", " | ", " "]) + c.rng.choice(c.voc["slogan"])
    return boiler_doc(c, paras, [slogan], [slogan])


def break_positions(p):
    return [i for i in range(4, len(p) - 4) if HAN.match(p[i - 1]) and HAN.match(p[i])]


def n_page_header(c, paras):
    out, done = [], False
    for k, p in enumerate(paras):
        pos = break_positions(p)
        if pos and (not done or c.rng.random() < 0.5):
            i = c.rng.choice(pos)
            furn = c.script_lines([c.fill(c.rng.choice(c.voc["page"]))])[0]
            out += [p[:i], "", furn, "", p[i:]] if c.rng.random() < 0.6 else [p[:i], furn, p[i:]]
            done = True
        else:
            out.append(p)
        out.append("")
    if not done:
        out.insert(0, c.script_lines([c.fill(c.rng.choice(c.voc["page"]))])[0])
    return out, paras


def n_marker(c, paras):
    out = list(paras)
    k = c.rng.randrange(len(out))
    if c.rng.random() < 0.5:
        out[k] = out[k] + c.fill(c.rng.choice(c.voc["marker_end"]))
    else:
        out[k] = c.fill(c.rng.choice(c.voc["marker_start"])) + out[k]
    return out, paras


def width(ch):
    return 2 if ord(ch) >= 0x1100 and (HAN.match(ch) or 0x3000 <= ord(ch) <= 0x30ff or
                                        0xff00 <= ord(ch) <= 0xff60 or 0x2e80 <= ord(ch) <= 0xa4cf) else 1


def fold(p, w, indent):
    """Hard wrap at w display columns wherever the column runs out (also
    inside Latin words), but never next to a space (a space at a break is
    lost to trailing-blank stripping, so the join would be ambiguous)."""
    lines, cur = [], indent
    col = sum(width(ch) for ch in indent)
    i = 0
    while i < len(p):
        ch = p[i]
        if col + width(ch) > w and cur.strip():
            back = 0   # characters given back to the next line
            while back < 8 and back < len(cur) - 1 and \
                    (cur[len(cur) - back - 1] == " " or p[i - back] == " "):
                back += 1
            if back < 8 and back < len(cur) - 1:
                cur, i = cur[:len(cur) - back], i - back
            lines.append(cur)
            cur, col = "", 0
            continue
        cur += ch
        col += width(ch)
        i += 1
    if cur:
        lines.append(cur)
    return lines


def n_hard_wrap(c, paras):
    w = c.rng.choice(c.voc["wrap_width"])
    sep = c.rng.choice(c.voc["wrap_sep"])
    indent = {"blank": "", "indent-ideographic": "\u3000\u3000", "indent-spaces": "    "}[sep]
    # long paragraphs make the width visible
    out = []
    for k, p in enumerate(paras):
        out += fold(p, w, indent)
        if sep == "blank" and k + 1 < len(paras):
            out.append("")
    return out, paras


def n_broken(c, paras):
    out, done = [], False
    for p in paras:
        pos = break_positions(p)
        if pos and (not done or c.rng.random() < 0.5):
            i = c.rng.choice(pos)
            out += [p[:i], "", p[i:]] if c.rng.random() < 0.5 else [p[:i], p[i:]]
            done = True
        else:
            out.append(p)
    return out, paras


def n_punct(c, paras):
    fw = {"，": ",", "；": ";", "：": ":", "？": "?", "！": "!"}
    out = []
    for p in paras:
        s = "".join(fw[ch] if ch in fw and c.rng.random() < 0.7 else
                    ({"（": "(", "）": ")"}[ch] if ch in "（）" and c.rng.random() < 0.7 else ch) for ch in p)
        if s == p:
            k = p.find("，")
            s = p[:k] + "," + p[k + 1:] if k > 0 else p[:-1] + "!" if p.endswith("！") else p
        out.append(s)
    return out, paras


def n_fullwidth(c, paras):
    out = []
    for p in paras:
        s = "".join(chr(ord(ch) + 0xFEE0) if ch.isascii() and ch.isalnum() and c.rng.random() < 0.7 else ch
                    for ch in p)
        if s == p:   # a number in full-width digits
            k = p.find("，")
            k = k if k > 0 else len(p) - 1
            n = str(c.rng.randint(2, 2000))
            s = p[:k] + "".join(chr(ord(d) + 0xFEE0) for d in n) + "个" + p[k:]
            p = p[:k] + n + "个" + p[k:]
        out.append((s, p))
    return [o for o, _ in out], [t for _, t in out]


def n_invisible(c, paras):
    out = []
    for p in paras:
        s = p
        for _ in range(c.rng.randint(1, 3)):
            k = c.rng.randrange(1, len(s))
            s = s[:k] + c.rng.choice(c.voc["invisible"]) + s[k:]
        out.append(s)
    return out, paras


def n_whitespace(c, paras):
    out = []
    for p in paras:
        s = c.rng.choice(c.voc["indent"]) + p
        if c.rng.random() < 0.5:
            s += c.rng.choice(["  ", "\u3000", "\t", " \u00a0"])
        if c.rng.random() < 0.5:
            s += "\r"
        out.append(s)
        if c.rng.random() < 0.3:
            out.append(c.rng.choice(["", "  ", "\u3000", "\r"]))
    return out, paras


def n_legit(c, paras):
    return list(paras), paras


MOJI = ("mojibake-gbk", "mojibake-big5", "mojibake-cp1252", "mojibake-latin1", "mojibake-gbk-shift",
        "mojibake-big5-shift")
TYPES = [("pinyin", n_pinyin),
         ("mojibake-gbk", n_moji_utf8("decoder_gbk")),
         ("mojibake-big5", n_moji_utf8("decoder_big5")),
         ("mojibake-cp1252", n_moji_utf8("decoder_cp1252")),
         ("mojibake-latin1", n_moji_utf8("decoder_latin1")),
         ("mojibake-gbk-shift", n_shift("gbk", "decoder_shift_gbk")),
         ("mojibake-big5-shift", n_shift("big5", "decoder_shift_big5")),
         ("html-entities", n_entities), ("html-tags", n_tags), ("html-hidden", n_hidden),
         ("html-script", n_script),
         ("site-header", n_header), ("site-footer", n_footer), ("link-tail", n_links),
         ("disclaimer", n_disclaimer), ("slogan", n_slogan),
         ("page-header", n_page_header), ("page-marker", n_marker),
         ("hard-wrap", n_hard_wrap), ("broken-line", n_broken),
         ("punct", n_punct), ("fullwidth", n_fullwidth), ("invisible", n_invisible),
         ("whitespace", n_whitespace)]
assert len(TYPES) == 24


# ---------------------------------------------------------------- scoring

def truth_regex(truth):
    """A truth with LOST marks as a regular expression: each lost character
    is itself or U+FFFD; a run of k lost characters also 1..k U+FFFD."""
    out, i = [], 0
    while i < len(truth):
        if truth[i] == LOST:
            run = []
            while i < len(truth) and truth[i] == LOST:
                run.append(truth[i + 1])
                i += 2
            each = "".join("(?:%s|\ufffd)" % re.escape(ch) for ch in run)
            out.append("(?:%s|\ufffd{1,%d})" % (each, len(run)))
        else:
            out.append(re.escape(truth[i]))
            i += 1
    return "".join(out)


def matches(out, truth):
    if LOST not in truth:
        return out == truth
    return re.fullmatch(truth_regex(truth), out, re.S) is not None


def plain(truth):
    return re.sub(LOST + "(.)", r"\1", truth, flags=re.S)


def lev(a, b):
    i = 0
    while i < len(a) and i < len(b) and a[i] == b[i]:
        i += 1
    a, b = a[i:], b[i:]
    j = 0
    while j < len(a) and j < len(b) and a[-1 - j] == b[-1 - j]:
        j += 1
    if j:
        a, b = a[:-j], b[:-j]
    if not a or not b or len(a) * len(b) > 4_000_000:
        return max(len(a), len(b))
    prev = list(range(len(b) + 1))
    for x in range(1, len(a) + 1):
        cur = [x] + [0] * len(b)
        ca = a[x - 1]
        for y in range(1, len(b) + 1):
            cur[y] = min(prev[y] + 1, cur[y - 1] + 1, prev[y - 1] + (ca != b[y - 1]))
        prev = cur
    return prev[-1]


def run_sclean(sclean, data):
    r = subprocess.run([sclean], input=data.encode(), capture_output=True)
    return r.stdout.decode("utf-8", errors="replace")


def context_kept(out_lines, ctx):
    kept = total = 0
    for k, (pre, post) in enumerate(ctx):
        total += len(pre) + len(post)
        if k >= len(out_lines):
            continue
        o = out_lines[k]
        a = 0
        while a < len(pre) and a < len(o) and pre[a] == o[a]:
            a += 1
        b = 0
        while b < len(post) and b < len(o) - a and post[-1 - b] == o[-1 - b]:
            b += 1
        kept += a + b
    return kept, total


def eval_half(sclean, half, src, readings, docs, seed, only, show):
    voc = getattr(noise_vocab, half.upper())
    rng = random.Random("%s-%d" % (half, seed))
    results = {}
    for name, fn in TYPES + [("legit", n_legit)]:
        st = {"docs": 0, "fixed": 0, "exact": 0, "d_before": 0, "d_after": 0, "chars": 0,
              "ctx_kept": 0, "ctx_total": 0}
        for k in range(docs):
            script = "hans" if k % 2 == 0 else "hant"
            c = Ctx(rng, voc, script, readings)
            pool = src["paras"][half][script]
            n = rng.randint(1, 3) if name != "hard-wrap" else rng.randint(2, 4)
            paras = rng.sample(pool, n)
            heads = src["heads"][half][script]
            if heads and name in ("broken-line", "hard-wrap", "legit", "site-header", "page-header") \
                    and rng.random() < 0.4:
                paras = [rng.choice(heads)] + paras   # a headline that keeps its line
            r = fn(c, paras)
            noisy, truth = r[0], r[1]
            ctx = r[2] if len(r) > 2 else None
            if only and name not in only:
                continue
            data = "\n".join(noisy) + "\n"
            want = "\n".join(truth) + "\n"
            out = run_sclean(sclean, data)
            ok = matches(out, want)
            st["docs"] += 1
            st["fixed"] += ok
            st["exact"] += out == plain(want)
            w = plain(want)
            st["d_before"] += lev(data.replace("\r", ""), w)
            st["d_after"] += 0 if ok else lev(out, w)
            st["chars"] += len(w)
            if ctx:
                a, b = context_kept(out.split("\n"), ctx)
                st["ctx_kept"] += a
                st["ctx_total"] += b
            if name == "legit":
                st["ctx_kept"] += len(w) - (0 if ok else lev(out, w))
                st["ctx_total"] += len(w)
            if not ok and show in (name, "all"):
                sys.stderr.write("[%s/%s] document %d\n   in:   %r\n   want: %r\n   got:  %r\n" %
                                 (half, name, k, data, plain(want), out))
        if st["docs"]:
            results[name] = {"docs": st["docs"], "rate": st["fixed"] / st["docs"],
                             "exact": st["exact"] / st["docs"],
                             "cer_before": st["d_before"] / max(1, st["chars"]),
                             "cer_after": st["d_after"] / max(1, st["chars"])}
            if st["ctx_total"]:
                results[name]["context_kept"] = st["ctx_kept"] / st["ctx_total"]
                results[name]["ctx_kept"], results[name]["ctx_total"] = st["ctx_kept"], st["ctx_total"]
    return results


def eval_keep(sclean, half, show):
    kdir = os.path.join(HERE, "keep", half)
    files = changed = lines = lines_changed = 0
    for f in sorted(os.listdir(kdir)) if os.path.isdir(kdir) else []:
        path = os.path.join(kdir, f)
        with open(path, "rb") as fh:
            data = fh.read()
        r = subprocess.run([sclean, path], capture_output=True)
        files += 1
        want = data.decode().split("\n")[:-1]
        lines += len(want)
        if r.stdout == data:
            continue
        changed += 1
        got = r.stdout.decode("utf-8", errors="replace").split("\n")[:-1]
        got_set = {}
        for g in got:
            got_set[g] = got_set.get(g, 0) + 1
        for line in want:     # a line is kept when it comes out as it was
            if got_set.get(line, 0) > 0:
                got_set[line] -= 1
            else:
                lines_changed += 1
                if show in ("keep", "all"):
                    sys.stderr.write("[keep/%s] %s: %r\n" % (half, f, line))
    return {"files": files, "files_changed": changed, "lines": lines, "lines_changed": lines_changed,
            "lines_changed_share": lines_changed / max(1, lines)}


def load_readings():
    r = {}
    path = os.path.join(ROOT, "build/text/unihan-readings.tsv")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            p = line.rstrip("\n").split("\t")
            if len(p) == 3 and p[1] == "kMandarin" and p[0].startswith("U+"):
                r[chr(int(p[0][2:], 16))] = p[2].split()
    return r


def summary(res):
    noise = [r["rate"] for n, r in res.items() if n != "legit"]
    kept = sum(r.get("ctx_kept", 0) for n, r in res.items() if n in MOJI or n == "legit")
    tot = sum(r.get("ctx_total", 0) for n, r in res.items() if n in MOJI or n == "legit")
    return {"mean_fix_rate": sum(noise) / max(1, len(noise)), "legit_chars_untouched": kept / tot if tot else float("nan"),
            "legit_docs_untouched": res.get("legit", {}).get("rate", float("nan"))}


def main():
    args = sys.argv[1:]
    docs, seed, jout, only, halves = 60, 1, None, None, ["tune", "test"]
    while args and args[0].startswith("--"):
        a, v = args[0], args[1] if len(args) > 1 else ""
        if a == "--docs":
            docs = int(v)
        elif a == "--seed":
            seed = int(v)
        elif a == "--only":
            only = set(v.split(","))
        elif a == "--json":
            jout = v
        elif a == "--half":
            halves = ["tune", "test"] if v == "both" else [v]
        else:
            sys.exit(__doc__)
        args = args[2:]
    if len(args) != 1:
        sys.exit(__doc__)
    sclean = os.path.abspath(args[0])
    show = os.environ.get("EVAL_SHOW")
    src = load_sources(sclean)
    readings = load_readings()
    res = {h: eval_half(sclean, h, src, readings, docs, seed, only, show) for h in halves}
    keep = {h: eval_keep(sclean, h, show) for h in halves}
    summ = {h: summary(res[h]) for h in halves}
    print("| noise type | " + " | ".join("%s fixed | %s exact" % (h, h) for h in halves) + " |")
    print("|---|" + "---|---|" * len(halves))
    for name in res[halves[0]]:
        cells = []
        for h in halves:
            r = res[h].get(name, {})
            cells.append("%.1f%% | %.1f%%" % (100 * r.get("rate", 0), 100 * r.get("exact", 0)))
        print("| %s | %s |" % (name, " | ".join(cells)))
    for h in halves:
        s, k = summ[h], keep[h]
        print("%s: mean fix rate %.1f%%; legitimate characters untouched %.3f%%; legit documents "
              "untouched %.1f%%; keep corpus: %d of %d files changed, %d of %d lines (%.2f%%)" %
              (h, 100 * s["mean_fix_rate"], 100 * s["legit_chars_untouched"], 100 * s["legit_docs_untouched"],
               k["files_changed"], k["files"], k["lines_changed"], k["lines"], 100 * k["lines_changed_share"]))
    if jout:
        with open(jout, "w") as fh:
            json.dump({"types": res, "summary": summ, "keep": keep, "docs": docs, "seed": seed}, fh, indent=1)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""sclean evaluation set: clean Chinese paragraphs with one kind of noise
injected per document (truth known), run through sclean, scored.

usage: sclean-eval.py [--docs N] [--seed S] [--json FILE] [--only T,T...] SCLEAN

--only runs sclean on the documents of the named types only (the others
are still generated, so the documents are the same as in a full run).

Sources of clean text (Simplified and Traditional, converted with opencc):
  - the bundled samples after sclean, keeping only paragraphs that end with
    a full stop and hold no U+FFFD (their cleaned form was checked by eye);
  - Chinese man pages (Debian manpages-zh, through build/bench/zh-hans.txt
    made by tests/bench/corpus.sh), lines that already follow the
    conventions (full-width punctuation between Chinese characters).
Headlines and bylines come from the samples too and are kept in documents as
legitimate lines that must stay on their own.

For every noise type, N documents of 1-3 paragraphs get one injected
instance; "fixed" means sclean's output equals the truth exactly. The
"legit" type injects nothing: the share of such documents left exactly as
they were is the untouched rate, and the share of their characters kept
is the character untouched rate. Edit distance is the character Levenshtein
distance from the truth before and after cleaning, over all documents.
"""
import json
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
HAN = re.compile(r"[\u4e00-\u9fff]")


def opencc(text, cfg):
    return subprocess.run(["opencc", "-c", cfg], input=text.encode(), capture_output=True,
                          check=True).stdout.decode()


def han_ratio(s):
    return len(HAN.findall(s)) / max(1, len(s))


BAD = re.compile(r"[\u4e00-\u9fff\u3002\uff0c\u201d] ?[,;:?!()]|[,;:?!()] ?[\u4e00-\u9fff]|[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]|"
                 r"[<>&\t\u00a0\u3000\u200b\ufeff\ufffd]|\(\w+\)|  ")


def canonical(s):
    if ("(" in s or ")" in s) and ("（" in s or "）" in s):
        return False
    return not BAD.search(s) and s == s.strip()


def load_sources(sclean):
    samples = sorted(os.path.join(ROOT, "tests/data/samples", f)
                     for f in os.listdir(os.path.join(ROOT, "tests/data/samples")))
    paras, heads = [], []
    for f in samples:
        out = subprocess.run([sclean, f], capture_output=True, check=True).stdout.decode()
        for line in out.splitlines():
            if "\ufffd" in line:
                continue
            if line.endswith("。") and len(line) >= 20:
                paras.append(line)
            elif len(line) <= 30 and "，" not in line and "。" not in line and han_ratio(line) > 0.6:
                heads.append(line)
    bench = os.path.join(ROOT, "build/bench/zh-hans.txt")
    man = []
    if os.path.exists(bench):
        seen = set()
        with open(bench, encoding="utf-8", errors="replace") as fh:
            for i, line in enumerate(fh):
                if i > 200000:
                    break
                line = line.strip()
                if line in seen or not (30 <= len(line) <= 300):
                    continue
                seen.add(line)
                if han_ratio(line) >= 0.5 and canonical(line) and line[-1] in "。！？":
                    man.append(line)
    return paras, heads, man


def make_pool(sclean, rng):
    paras, heads, man = load_sources(sclean)
    rng.shuffle(man)
    man = man[:600]
    simp = paras + man
    # both scripts: every paragraph in Simplified and in Traditional
    t_simp = opencc("\n".join(simp), "t2s.json").split("\n")
    t_trad = opencc("\n".join(simp), "s2t.json").split("\n")
    h_simp = opencc("\n".join(heads), "t2s.json").split("\n")
    h_trad = opencc("\n".join(heads), "s2t.json").split("\n")
    pool = {"hans": [p for p in t_simp if canonical(p)], "hant": [p for p in t_trad if canonical(p)]}
    hpool = {"hans": [h for h in h_simp if h], "hant": [h for h in h_trad if h]}
    return pool, hpool


# ---------------------------------------------------------------- noise

def load_readings():
    r = {}
    path = os.path.join(ROOT, "build/text/unihan-readings.tsv")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            p = line.rstrip("\n").split("\t")
            if len(p) == 3 and p[1] == "kMandarin" and p[0].startswith("U+"):
                r[chr(int(p[0][2:], 16))] = p[2].split()[0]
    return r


def n_pinyin(rng, paras, ctx):
    readings = ctx["readings"]
    out = []
    for p in paras:
        chars = list(p)
        idx = [i for i, c in enumerate(chars) if c in readings]
        picks = set()
        for _ in range(rng.randint(1, 4)):
            if not idx:
                break
            i = rng.choice(idx)
            for k in range(rng.randint(1, 4)):   # often a whole word annotated
                if i + k < len(chars) and chars[i + k] in readings:
                    picks.add(i + k)
        full = rng.random() < 0.2
        s = ""
        for i, c in enumerate(chars):
            s += c
            if i in picks:
                s += ("（%s）" if full else "(%s)") % readings[c]
        out.append(s)
    return out, paras


def recode_span(rng, p, fn, whole_p=0.5):
    if rng.random() < whole_p:
        return fn(p)
    n = len(p)
    i = rng.randrange(0, max(1, n - 4))
    j = min(n, i + rng.randint(3, 12))
    return p[:i] + fn(p[i:j]) + p[j:]


def moji(codec):
    def fn(s):
        return s.encode("utf-8").decode(codec, errors="replace")
    return fn


CP1252 = {0x80: "\u20ac", 0x82: "\u201a", 0x83: "\u0192", 0x84: "\u201e", 0x85: "\u2026", 0x86: "\u2020",
          0x87: "\u2021", 0x88: "\u02c6", 0x89: "\u2030", 0x8a: "\u0160", 0x8b: "\u2039", 0x8c: "\u0152",
          0x8e: "\u017d", 0x91: "\u2018", 0x92: "\u2019", 0x93: "\u201c", 0x94: "\u201d", 0x95: "\u2022",
          0x96: "\u2013", 0x97: "\u2014", 0x98: "\u02dc", 0x99: "\u2122", 0x9a: "\u0161", 0x9b: "\u203a",
          0x9c: "\u0153", 0x9e: "\u017e", 0x9f: "\u0178"}


def latin(s):
    return "".join(CP1252.get(b, chr(b)) for b in s.encode("utf-8"))


def n_moji_gbk(rng, paras, ctx):
    return [recode_span(rng, p, moji("gbk")) for p in paras], paras


def n_moji_big5(rng, paras, ctx):
    return [recode_span(rng, p, moji("big5")) for p in paras], paras


def n_moji_latin(rng, paras, ctx):
    return [recode_span(rng, p, latin) for p in paras], paras


def n_moji_shift(rng, paras, ctx):
    """GBK text decoded one byte off: the lead byte of one character is lost;
    the decoder runs misaligned until it resynchronises at an ASCII byte. The
    lost character may come back as U+FFFD (both count as fixed)."""
    out, truth = [], []
    for p in paras:
        try:
            b = p.encode("gbk")
        except UnicodeEncodeError:
            out.append(p)
            truth.append(p)
            continue
        starts, k = [], 0
        for c in p:
            starts.append(k)
            k += len(c.encode("gbk"))
        cand = [i for i, c in enumerate(p) if len(c.encode("gbk")) == 2 and i > 0]
        if not cand:
            out.append(p)
            truth.append(p)
            continue
        i = rng.choice(cand)
        bad = b[:starts[i]] + b[starts[i] + 1:]
        out.append(bad.decode("gbk", errors="replace"))
        truth.append(p[:i] + "\x00" + p[i + 1:])   # \x00: this character may be lost
    return out, truth


def n_html(rng, paras, ctx):
    out = []
    for p in paras:
        s = p
        ops = rng.sample(["ent", "tag", "hidden", "script", "nbsp", "numeric"], rng.randint(1, 3))
        if "ent" in ops:
            s = s.replace("“", "&ldquo;").replace("”", "&rdquo;")
        if "numeric" in ops:
            s = s.replace("。", rng.choice(["&#12290;", "&#x3002;"]), 1)
        if "tag" in ops:
            i = rng.randrange(len(s))
            j = min(len(s), i + rng.randint(2, 6))
            if "&" not in s[i:j]:
                t = rng.choice(["b", "strong", "a href=\"/n/%d.html\"" % rng.randint(1, 9999), "font color=\"red\"", "em"])
                s = s[:i] + "<%s>" % t + s[i:j] + "</%s>" % t.split()[0] + s[j:]
        if "hidden" in ops:
            i = s.find("，")
            if i > 0:
                junk = rng.choice(["Y3O新江南网|江南区域知名综合门户网", "本文来自www.example.com", "5f2a9c"])
                s = s[:i] + '<span style="display:none">%s</span>' % junk + s[i:]
        if "script" in ops:
            s = s + '<script type="text/javascript">var _hmt = _hmt || [];</script>'
        if "nbsp" in ops:
            s = "&nbsp;&nbsp;" + s
        out.append(s)
    return out, paras


SITES = ["江南在线", "城市之窗", "东方资讯网", "钱塘新闻网", "百姓生活网", "山海频道"]
NAMES = ["张伟", "李娜", "王芳", "刘洋", "陈静", "杨帆", "赵磊"]
TITLES = ["我市召开全年工作推进会", "新一批民生实事项目公布", "秋季招聘会下周举行",
          "老旧小区改造进度过半", "全市交通运行平稳有序"]


def boiler_lines(rng, where):
    site = rng.choice(SITES)
    dom = "www.%s.com" % rng.choice(["jnzx", "citywin", "dfzx", "qtnews", "bxsh"])
    name = rng.choice(NAMES)
    head = [
        "%s欢迎您" % site,
        "首页 > 新闻中心 > 正文",
        "当前位置：首页 > 本地新闻",
        "来源：%s 作者：%s" % (site, name),
        "%s | %s | 权威发布" % (site, dom),
    ]
    foot = [
        "责任编辑：%s" % name,
        "版权所有 © 2023 %s 保留所有权利" % site,
        "Copyright © 2008-2023 %s All Rights Reserved" % dom,
        "扫一扫在手机打开当前页",
        "上一篇：%s" % rng.choice(TITLES),
        "下一篇：%s" % rng.choice(TITLES),
    ]
    if where == "head":
        return rng.sample(head, rng.randint(1, 2))
    lines = rng.sample(foot, rng.randint(1, 2))
    r = rng.random()
    if r < 0.3:
        lines += ["声明：", "本文仅代表作者本人观点，与%s无关。%s对文中陈述、观点判断保持中立，不对所包含内容的准确性、可靠性或完整性提供任何保证。" % (site, site)]
    elif r < 0.6:
        lines += [rng.choice(["相关新闻", "相关阅读", "热门推荐"])] + rng.sample(TITLES, 3)
    return lines


def n_boiler(rng, paras, ctx):
    head = boiler_lines(rng, "head")
    foot = boiler_lines(rng, "foot")
    if rng.random() < 0.4:   # a slogan repeated at the top and bottom
        slogan = "%s——%s" % (rng.choice(SITES), rng.choice(["传递城市温度", "权威新闻 本地资讯", "百姓身边的新闻"]))
        head.append(slogan)
        foot.insert(0, slogan)
    doc = head + paras + foot
    if ctx["script"] == "hant":
        doc = opencc("\n".join(doc), "s2t.json").split("\n")
    return doc, paras


PAGE = ["- %d -", "— %d —", "第 %d 页 共 18 页", "杭州日报 2023-05-12 星期三 第%d版"]


def n_layout(rng, paras, ctx):
    out = []
    for k, p in enumerate(paras):
        # a break inside a sentence, not next to punctuation
        # headlines and bylines keep their lines (the convention)
        short = len(p) <= 30 and "。" not in p and "，" not in p
        pos = [] if short else [i for i in range(4, len(p) - 4) if HAN.match(p[i - 1]) and HAN.match(p[i])]
        if pos and (k <= 1 or rng.random() < 0.5):
            i = rng.choice(pos)
            mid = [""] if rng.random() < 0.5 else []
            if rng.random() < 0.4:
                mid = ["", PAGE[rng.randrange(len(PAGE))] % rng.randint(2, 9), ""]
            out += [p[:i]] + mid + [p[i:]]
        else:
            out.append(p)
        if rng.random() < 0.2:
            out[-1] += rng.choice(["（下转第%d版）", "(转第%d版)"]) % rng.randint(2, 8)
        out.append("")
    if rng.random() < 0.3 and len(out) > 1:
        out[0] = rng.choice(["(紧接%d版)", "（上接第%d版）"]) % rng.randint(1, 4) + out[0]
    return out, paras


def n_punct(rng, paras, ctx):
    out = []
    fw = {"，": ",", "；": ";", "：": ":", "？": "?", "！": "!"}
    for p in paras:
        s = list(p)
        for i, c in enumerate(s):
            if c in fw and rng.random() < 0.7:
                s[i] = fw[c]
            elif c in "（）" and rng.random() < 0.7:
                s[i] = "(" if c == "（" else ")"
            elif "0" <= c <= "9" and rng.random() < 0.3:
                s[i] = chr(ord(c) - ord("0") + 0xFF10)
        s = "".join(s)
        if rng.random() < 0.5:
            i = rng.randrange(len(s))
            s = s[:i] + rng.choice(["\u200b", "\ufeff", "\u00ad", "\u200d"]) + s[i:]
        if rng.random() < 0.5:
            s = rng.choice(["\u3000\u3000", "    ", "\t", "\u00a0\u00a0"]) + s
        if rng.random() < 0.5:
            s += "\r"
        if rng.random() < 0.3:
            s += rng.choice(["  ", "\u3000"])
        out.append(s)
    return out, paras


def n_legit(rng, paras, ctx):
    return list(paras), paras


TYPES = [("pinyin", n_pinyin), ("mojibake-gbk", n_moji_gbk), ("mojibake-big5", n_moji_big5),
         ("mojibake-latin1", n_moji_latin), ("mojibake-gbk-shift", n_moji_shift),
         ("html", n_html), ("boilerplate", n_boiler), ("layout", n_layout), ("punct", n_punct)]


# ---------------------------------------------------------------- scoring

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
    if not a or not b:
        return max(len(a), len(b))
    if len(a) * len(b) > 4_000_000:
        return max(len(a), len(b))
    prev = list(range(len(b) + 1))
    for x in range(1, len(a) + 1):
        cur = [x] + [0] * len(b)
        ca = a[x - 1]
        for y in range(1, len(b) + 1):
            cur[y] = min(prev[y] + 1, cur[y - 1] + 1, prev[y - 1] + (ca != b[y - 1]))
        prev = cur
    return prev[-1]


def matches(out, truth, lenient=0):
    """Equal, where a \\x00 in truth may be the original character or U+FFFD;
    lenient (mojibake): a U+FFFD in the output may stand for one character
    whose bytes were lost in the damage (the issue asks for U+FFFD rather than
    a guess)."""
    if (lenient and "\ufffd" in out and len(out) == len(truth.replace("\x00", "x")) and
            out.count("\ufffd") <= lenient):
        return all(a == b or a == "\ufffd" or b == "\x00" for a, b in zip(out, truth))
    if "\x00" not in truth:
        return out == truth
    pat = re.escape(truth).replace("\\\x00", "(?:.|\ufffd)").replace("\x00", "(?:.|\ufffd)")
    return re.fullmatch(pat, out, re.S) is not None


def show_failure(name, k, data, want, out, lost):
    """EVAL_SHOW=TYPE: the lines that differ (the whole document when the
    line counts differ)."""
    wl, ol, il = want.split("\n"), out.split("\n"), data.split("\n")
    sys.stderr.write("[%s] document %d\n" % (name, k))
    if len(wl) != len(ol):
        sys.stderr.write("   in:   %r\n   want: %r\n   got:  %r\n" % (data, want, out))
        return
    for i, (w, o) in enumerate(zip(wl, ol)):
        if not matches(o, w, lost):
            src = il[i] if len(il) == len(wl) else ""
            sys.stderr.write("   in:   %r\n   want: %r\n   got:  %r\n" % (src, w, o))


def run(sclean, doc):
    data = "\n".join(doc) + "\n"
    r = subprocess.run([sclean], input=data.encode(), capture_output=True)
    return r.stdout.decode("utf-8", errors="replace"), data


def main():
    args = sys.argv[1:]
    docs, seed, jout, only = 120, 4, None, None
    while args and args[0].startswith("--"):
        if args[0] == "--docs":
            docs = int(args[1])
        elif args[0] == "--seed":
            seed = int(args[1])
        elif args[0] == "--only":
            only = set(args[1].split(","))
        elif args[0] == "--json":
            jout = args[1]
        args = args[2:]
    if len(args) != 1:
        sys.exit(__doc__)
    sclean = args[0]
    rng = random.Random(seed)
    pool, hpool = make_pool(sclean, rng)
    ctx = {"readings": load_readings()}
    results = {}
    for name, fn in TYPES + [("legit", n_legit)]:
        fixed = total = exact = 0
        d_before = d_after = chars = 0
        kept_chars = 0
        for k in range(docs):
            script = "hans" if k % 2 == 0 else "hant"
            ctx["script"] = script
            paras = rng.sample(pool[script], rng.randint(1, 3))
            if name in ("layout", "legit", "boilerplate") and rng.random() < 0.5:
                # a headline (and sometimes a byline) that must stay on its own
                paras = [rng.choice(hpool[script])] + paras
            noisy, truth = fn(rng, paras, ctx)
            if only and name not in only:
                continue
            out, data = run(sclean, noisy)
            want = "\n".join(truth) + "\n"
            # mojibake: each U+FFFD of the damaged input is a lost byte; the
            # output may keep at most that many (plus one) as U+FFFD
            lost = data.count("\ufffd") + 1 if name.startswith("mojibake") else 0
            ok = matches(out, want, lost)
            total += 1
            fixed += ok
            exact += out == want
            w = want.replace("\x00", "\ufffd")
            d_before += lev(data.replace("\r", ""), w)
            d_after += 0 if ok else lev(out, w)
            chars += len(w)
            if name == "legit":
                kept_chars += len(w) - (0 if ok else lev(out, w))
            if not ok and os.environ.get("EVAL_SHOW") in (name, "all"):
                show_failure(name, k, data, want, out, lost)
        if total == 0:
            continue
        results[name] = {"docs": total, "fixed": fixed, "rate": fixed / total, "exact": exact / total,
                         "cer_before": d_before / chars, "cer_after": d_after / chars}
        if name == "legit":
            results[name]["char_untouched"] = kept_chars / chars
    noise = [r["rate"] for n, r in results.items() if n != "legit"]
    legit = results.get("legit", {"rate": float("nan"), "char_untouched": float("nan")})
    summary = {"mean_fix_rate": sum(noise) / max(1, len(noise)), "untouched_docs": legit["rate"],
               "untouched_chars": legit["char_untouched"]}
    print("| noise type | documents | fixed | exact | CER before | CER after |")
    print("|---|---|---|---|---|---|")
    for n, r in results.items():
        print("| %s | %d | %.1f%% | %.1f%% | %.2f%% | %.2f%% |" % (n, r["docs"], 100 * r["rate"], 100 * r["exact"],
                                                       100 * r["cer_before"], 100 * r["cer_after"]))
    print("mean fix rate over the noise types: %.1f%%" % (100 * summary["mean_fix_rate"]))
    print("legitimate documents untouched: %.1f%%, characters untouched: %.2f%%" %
          (100 * summary["untouched_docs"], 100 * summary["untouched_chars"]))
    if jout:
        with open(jout, "w") as fh:
            json.dump({"types": results, "summary": summary}, fh, indent=1)


if __name__ == "__main__":
    main()

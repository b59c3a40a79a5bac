#!/usr/bin/python3
"""Fit the weights of sclean's boilerplate line model.

usage: boiler-fit.py [--docs N] [--seed S] [--out FILE]      (from the top of the tree,
                                                           after make all)

Writes data/sclean-boilerplate-model.tsv (or FILE): "=w1:NAME" and
"=w2:NAME" keys whose payload is the weight of feature NAME in the first
model (the line alone) and the second (the line in its document); make
compiles them with data/sclean-boilerplate.tsv into
sclean-boilerplate.sdict.

Training data are generated here, from the TUNE half only: noise_vocab.TUNE
(site, paper, section and person names, header, footer, link-list,
disclaimer, slogan and page-header templates), more templates of our own in
the same spirit (below), the clean paragraphs and headlines of the tune half
of sclean-split-eval.py's sources (build/eval/sources.json, made by a run
of the evaluation), and the keep corpus tests/eval/keep/tune. Every line
is labelled furniture (1) or text (0). Documents come in runs: several
documents of one site share furniture lines (so that repetition across the
files of a run is learnt), and runs of text documents share legitimate
lines (headings, bylines) so that repetition alone does not condemn a line.
The test half (noise_vocab.TEST, keep/test) is never read.

The features are sclean's own: boiler-trace.c (built here against
lib/libsino.a) runs sclean's passes over the documents and prints the
features the model sees. Fitting: L2-regularised logistic regression by
Newton's method (iteratively reweighted least squares), in pure Python;
text lines weigh more than furniture (removing text is the worse error).
The first model is fitted on the line features; with its weights compiled
into a scratch data directory, the documents are traced again for the
document features (which use the first model's scores) and the second
model is fitted on all features.
"""
import json
import math
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import noise_vocab  # noqa: E402

BUILD = os.path.join(ROOT, "build")
TRACE = os.path.join(BUILD, "eval", "boiler-trace")
TEXT_WEIGHT = 3.0      # a text line's weight against a furniture line's
L2 = 0.5

# Templates of our own, in the spirit of the tune half (never the test half).
OWN = {
    "header": ["{site}首页", "网站首页 | {sec} | 正文", "{sec} > 正文", "首页 / {sec}", "【{site}】",
               "{site} · {sec}", "发布日期：{cdate}", "{cdate} {time}", "来源：{site}  {date}",
               "作者：{name}  来源：{site}", "字体：【大】【中】【小】", "打印 | 收藏 | 关闭",
               "{site}  {dom}", "欢迎光临{site}", "{sec}频道", "当前位置：{site} > {sec} > 正文",
               "{date}  来源：{site}  作者：{name}", "{site}_{sec}", "时间：{date} {time}"],
    "footer": ["（责任编辑：{name}）", "【责任编辑：{name}】", "编辑：{name}", "审核：{name2}",
               "©{y2} {site} 版权所有", "Copyright {y1}-{y2} {site}", "{site}版权所有 转载请注明出处",
               "联系电话：0571-{n}{n}{n}{n}", "技术支持：{site}", "【打印】【收藏】【关闭】",
               "[ 打印本页 ] [ 关闭窗口 ]", "微信公众号：{site}", "{prov}ICP备{n}{n}{n}号-1",
               "网站地图 | 联系我们 | 关于我们", "返回顶部", "分享到：", "扫码关注{site}",
               "（编辑 {name}）", "（{name}）", "作者：{name}", "主办：{site}  承办：{site}"],
    "link_head": ["相关链接", "精彩推荐", "热点新闻", "往期回顾", "最新文章", "编辑推荐"],
    "link_item": ["{title}", "· {title}", "{title}  {date}", "- {title}", "{title}（{cdate}）", "▪ {title}"],
    "disclaimer": [["声明：本站部分内容来源于网络，如有侵权请联系删除。"],
                   ["免责声明：本文内容仅供参考，不构成任何建议。"],
                   ["（本文为{site}原创，转载须经授权并注明出处）"],
                   ["声明：", "本网站所载内容均为{site}所有，未经许可不得复制或转载。"]],
    "slogan": ["用心做新闻", "城市的声音", "新闻就在身边"],
    "page": ["第{n}版", "{paper} {cdate}", "{paper}  第{n}版  {sec}", "{n} / {m} 页", "—{n}—",
             "{paper}·{sec}  {cdate}", "{sec} | {paper}", "第{n}版：{sec}"],
}
# Furniture made of made-up words ({w}: a two-character word cut from the
# tune paragraphs), for the runs whose names are made up too.
NONCE = {
    "header": ["{w} | {w} | {w} | {w}", "{w} > {w} > {w}", "{w}{w} / {sec} / {w}", "【{w}】【{w}】",
               "{site} {w}{w}", "{w}：{w}{w}", "{site}-{w}", "{w}{w} {date}", "[ {site} ] {w}"],
    "footer": ["{w}{w}：{name}", "（{w}：{name}）", "© {y2} {site} {w}{w}", "【{w}】 【{w}】", "{w} | {w} | {w}",
               "{w}{w}：{w}{w} | {w}{w}", "{site}{w}{w}", "{prov}{w}{w} {n}{n}{n}号", "{w}{w}：{title}"],
    "page": ["{paper} {cdate} {w}{w} 第{n}版", "{sec}·{paper}", "{paper}·{w}{w}", "({n})", "{n}",
             "{paper} {date} 第{n}版 {w}{w}"],
}
# legitimate lines that look a little like furniture
LEGIT_SHORT = ["本报记者 {name}", "{name} {name2}", "记者 {name} 通讯员 {name2}", "文/{name}",
               "一、{title}", "（二）{title}", "三、工作要求", "1. {title}", "第一章 总则",
               "{title}", "“好的。”", "“{title}？”", "附件：{title}"]
INSERT_WORDS = ["版权所有者", "责任编辑", "返回首页", "分享到朋友圈", "上一篇", "相关新闻", "关注",
                "转载", "声明", "来源", "首页", "微信", "打印", "老字号", "下一篇", "编辑部", "网站"]


class Gen:
    def __init__(self, rng, src):
        self.rng, self.src = rng, src
        self.base = {k: list(v) for k, v in noise_vocab.TUNE.items()}
        for k, v in OWN.items():
            self.base[k] = self.base[k] + v
        self.voc = self.base

    def words(self):
        """Two-character Han words cut from the tune paragraphs: wording
        the furniture templates have never seen."""
        if not hasattr(self, "_words"):
            ws = set()
            for p in self.src["paras"]["tune"]["hans"][:800]:
                for i in range(0, len(p) - 1, 3):
                    if all("\u4e00" <= ch <= "\u9fff" for ch in p[i:i + 2]):
                        ws.add(p[i:i + 2])
            self._words = sorted(ws)
        return self._words

    def nonce_vocab(self):
        """The tune vocabulary with every name replaced by made-up ones, and
        furniture made of made-up words: what is left to learn is shape,
        place and repetition, not wording."""
        r, w = self.rng, self.words()
        v = {k: list(x) for k, x in self.base.items()}
        v["site_a"] = [r.choice(w) for _ in range(6)]
        v["site_b"] = [r.choice(["网", "报", "台", r.choice(w)[0], r.choice(w)]) for _ in range(4)]
        v["section"] = [r.choice(w) for _ in range(6)]
        v["paper"] = [r.choice(w) + r.choice(["日报", "晚报", "报", "时报", "周刊", r.choice(w)[0] + "报"])
                      for _ in range(4)]
        v["names"] = [r.choice("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高") + r.choice(w)[:r.randint(1, 2)]
                      for _ in range(6)]
        v["slogan"] = [r.choice(w) + r.choice(w) + (r.choice(w) if r.random() < 0.5 else "") for _ in range(3)]
        v["link_head"] = v["link_head"] + [r.choice(w) + r.choice(w) for _ in range(3)]
        v["header"] = v["header"] + NONCE["header"]
        v["footer"] = v["footer"] + NONCE["footer"]
        v["page"] = v["page"] + NONCE["page"]
        return v

    def site(self):
        r = self.rng
        self.voc = self.nonce_vocab() if r.random() < 0.45 else self.base
        v = self.voc
        self.cur_site = r.choice(v["site_a"]) + r.choice(v["site_b"])
        self.cur_dom = "www.%s.%s" % ("".join(r.choice("abcdefghjklmnpqrstwxyz") for _ in range(r.randint(3, 6))),
                                      r.choice(["com", "cn", "com.cn", "net"]))

    def fill(self, t):
        r, v = self.rng, self.voc
        names = r.sample(v["names"], 2)
        y2 = r.randint(2012, 2025)
        mo, d = r.randint(1, 12), r.randint(1, 28)
        while "{w}" in t:   # a made-up word each
            t = t.replace("{w}", r.choice(self.words()), 1)
        return t.format(site=self.cur_site, dom=self.cur_dom, sec=r.choice(v["section"]), name=names[0],
                        name2=names[1], date=r.choice(["%d-%02d-%02d", "%d/%02d/%02d", "%d.%d.%d"]) % (y2, mo, d),
                        cdate="%d年%d月%d日" % (y2, mo, d), time="%02d:%02d" % (r.randint(0, 23), r.randint(0, 59)),
                        y1=r.randint(1998, 2011), y2=y2, n=r.randint(2, 20), m=r.randint(21, 40),
                        paper=r.choice(v["paper"]), wd=r.choice("一二三四五六日"), prov=r.choice(v["prov"]),
                        title=r.choice(v["title_a"]) + r.choice(v["title_b"]))

    def paras(self, k):
        pool = self.src["paras"]["tune"][self.script]
        return self.rng.sample(pool, k)

    def head(self):
        heads = self.src["heads"]["tune"][self.script]
        return self.rng.choice(heads)

    def prose_with_word(self):
        p = self.paras(1)[0]
        w = self.rng.choice(INSERT_WORDS)
        i = self.rng.randrange(1, max(2, len(p) - 2))
        return p[:i] + w + p[i:]

    def text_block(self):
        """Body lines (label 0): paragraphs, maybe a headline and byline first,
        prose holding furniture words, legitimate short lines between."""
        r = self.rng
        out = []
        if r.random() < 0.5:
            out.append(self.head())
            if r.random() < 0.4:
                out.append(self.fill(r.choice(LEGIT_SHORT[:4])))
        ps = self.paras(r.randint(1, 3))
        for k, p in enumerate(ps):
            out.append(p)
            if k + 1 < len(ps) and r.random() < 0.2:   # between paragraphs, not after the last
                out.append(self.fill(r.choice(LEGIT_SHORT)))
        if r.random() < 0.3:
            out.insert(r.randrange(1, len(out) + 1), self.prose_with_word())
        if r.random() < 0.15:   # a paragraph broken in two, the piece at the top
            p = self.paras(1)[0]
            i = r.randrange(4, min(len(p) - 4, 24))
            out = [p[:i], p[i:]] + out
        return [(x, 0) for x in out]

    def furn(self, key, k):
        return [(self.fill(t), 1) for t in self.rng.sample(self.voc[key], k)]

    def doc(self, kind, shared):
        """One document of a run: kind of furniture; shared: the run's
        furniture lines (header, footer) or None."""
        r = self.rng
        body = self.text_block()
        head, foot = [], []
        if kind in ("header", "page-mix") or (kind == "mix" and r.random() < 0.7):
            head = shared["head"] if shared else self.furn("header", r.randint(1, 3))
        if kind == "footer" or (kind == "mix" and r.random() < 0.7):
            foot = shared["foot"] if shared else self.furn("footer", r.randint(1, 3))
        if kind == "links" or (kind == "mix" and r.random() < 0.4):
            items = set()
            while len(items) < r.randint(3, 5):
                items.add(self.fill(r.choice(self.voc["link_item"])))
            foot = foot + [(r.choice(self.voc["link_head"]), 1)] + [(x, 1) for x in sorted(items)]
        if kind == "disclaimer" or (kind == "mix" and r.random() < 0.3):
            foot = [(self.fill(t), 1) for t in r.choice(self.voc["disclaimer"])] + foot
        if kind == "slogan":
            s = (self.cur_site + r.choice(["——", "：", " | ", " "]) + r.choice(self.voc["slogan"]), 1)
            head, foot = [s], [s]
        if kind == "short":   # short lines only: no body to stand against
            body = [(self.fill(r.choice(LEGIT_SHORT)), 0) for _ in range(r.randint(1, 3))]
            for p in self.paras(r.randint(1, 2)):
                k = p.find("，")
                body.append((p[:k] + "。" if 2 < k < 12 else p[:8] + "。", 0))
            r.shuffle(body)
            if r.random() < 0.5:
                body.insert(r.randrange(0, len(body) + 1), (self.fill(r.choice(self.voc["page"])), 1))
        if kind in ("page", "page-mix"):
            body = self.page_body(body)
        if kind == "keep":
            body = [(x, 0) for x in r.choice(self.keep)]
            if r.random() < 0.5:
                foot = self.furn("footer", r.randint(1, 2))
            if r.random() < 0.3:
                head = self.furn("header", 1)
        lines = head + body + foot
        if self.script == "hant":
            conv = opencc([x for x, _ in lines], "s2t.json")
            lines = [(c, l) for c, (_, l) in zip(conv, lines)]
        return lines

    def page_body(self, body):
        r = self.rng
        out = []
        for x, lab in body:
            if lab == 0 and len(x) > 12 and r.random() < 0.6:
                i = r.randrange(4, len(x) - 4)
                out += [(x[:i], 0), (self.fill(r.choice(self.voc["page"])), 1), (x[i:], 0)]
            else:
                out.append((x, lab))
        if len(out) == len(body):
            out.insert(0, (self.fill(r.choice(self.voc["page"])), 1))
        return out

    def run(self):
        """A run of documents (one sclean invocation)."""
        r = self.rng
        self.script = "hans" if r.random() < 0.5 else "hant"
        self.site()
        kind = r.choice(["header", "footer", "links", "disclaimer", "slogan", "page", "mix", "mix",
                         "legit", "legit", "keep", "page-mix", "short"])
        ndocs = 1 if r.random() < 0.6 else r.randint(2, 4)
        shared = None
        if ndocs > 1 and kind in ("header", "footer", "mix", "page-mix"):
            shared = {"head": self.furn("header", r.randint(1, 3)), "foot": self.furn("footer", r.randint(1, 3))}
        if shared and r.random() < 0.6:
            # furniture that only its recurrence gives away: made-up words
            w = self.words()
            line = r.choice([" ", "", "  "]).join(r.choice(w) + r.choice(w)[:r.randint(0, 2)]
                                                 for _ in range(r.randint(1, 4)))
            side = "head" if r.random() < 0.5 else "foot"
            shared[side] = shared[side] + [(line, 1)]
        docs = [self.doc(kind, shared) for _ in range(ndocs)]
        if ndocs > 1 and kind in ("legit", "keep") and r.random() < 0.7:
            # legitimate lines shared by the documents of a run
            common = self.fill(r.choice(LEGIT_SHORT[:9]))   # bylines and headings, not titles
            for d in docs:
                d.insert(r.randrange(0, len(d) + 1), (common, 0))
        return docs


def opencc(lines, cfg):
    if not lines:
        return []
    out = subprocess.run(["opencc", "-c", cfg], input="\n".join(lines).encode(), capture_output=True,
                         check=True).stdout.decode()
    return out.split("\n")[:len(lines)]


def build_trace():
    src = os.path.join(HERE, "boiler-trace.c")
    lib = os.path.join(ROOT, "lib", "libsino.a")
    if not os.path.exists(lib):
        lib = os.path.join(BUILD, "libsino.a")
    os.makedirs(os.path.dirname(TRACE), exist_ok=True)
    libs = subprocess.run(["pkg-config", "--libs", "libutf8proc"], capture_output=True).stdout.decode().split() \
        or ["-lutf8proc"]
    subprocess.run(["cc", "-std=c11", "-D_GNU_SOURCE", "-O2", "-I" + os.path.join(ROOT, "lib"), src, lib] + libs +
                   ["-lm", "-lpcre2-8", "-o", TRACE], check=True)


def trace(runs, datadir):
    """Features of every line, aligned with the labels: [(x, label, text)]."""
    feed = []
    for docs in runs:
        for k, d in enumerate(docs):
            if k:
                feed.append("\f")
            feed += [x for x, _ in d]
        feed.append("\f\f")
    env = dict(os.environ, SINO_DATA=datadir)
    out = subprocess.run([TRACE], input=("\n".join(feed) + "\n").encode(), capture_output=True, env=env,
                         check=True).stdout.decode()
    got = {}
    for line in out.split("\n"):
        if not line:
            continue
        run, doc, p1, p2, feats, text = line.split("\t", 5)
        got.setdefault((int(run), int(doc)), []).append(([float(v) for v in feats.split()], text))
    rows, skipped = [], 0
    for ri, docs in enumerate(runs):
        for di, d in enumerate(docs):
            want = [(x, lab) for x, lab in d if x.strip()]
            g = got.get((ri, di), [])
            if len(g) != len(want):
                skipped += 1
                continue
            rows += [(feats, lab, text) for (feats, text), (_, lab) in zip(g, want)]
    return rows, skipped


def solve(a, b):
    """Gaussian elimination with partial pivoting: a x = b."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        piv = m[c][c]
        if abs(piv) < 1e-12:
            continue
        for r in range(c + 1, n):
            f = m[r][c] / piv
            if f:
                mr, mc = m[r], m[c]
                for k in range(c, n + 1):
                    mr[k] -= f * mc[k]
    x = [0.0] * n
    for c in range(n - 1, -1, -1):
        s = m[c][n] - sum(m[c][k] * x[k] for k in range(c + 1, n))
        x[c] = s / m[c][c] if abs(m[c][c]) > 1e-12 else 0.0
    return x


def fit(rows, nfeat, iters=12):
    """L2-regularised logistic regression by Newton's method (IRLS)."""
    w = [0.0] * nfeat
    data = [(x[:nfeat], lab, TEXT_WEIGHT if lab == 0 else 1.0) for x, lab, _ in rows]
    for it in range(iters):
        grad = [0.0] * nfeat
        hess = [[0.0] * nfeat for _ in range(nfeat)]
        loss = 0.0
        for x, y, cw in data:
            z = sum(wi * xi for wi, xi in zip(w, x))
            z = max(-30.0, min(30.0, z))
            p = 1.0 / (1.0 + math.exp(-z))
            loss -= cw * (math.log(p) if y else math.log(1 - p))
            g = cw * (p - y)
            h = cw * p * (1 - p)
            nz = [(i, xi) for i, xi in enumerate(x) if xi]
            for i, xi in nz:
                grad[i] += g * xi
                hi = hess[i]
                hx = h * xi
                for j, xj in nz:
                    if j >= i:
                        hi[j] += hx * xj
        for i in range(nfeat):
            grad[i] += L2 * w[i] * (i > 0)
            hess[i][i] += L2 * (i > 0) + 1e-6
            for j in range(i):
                hess[i][j] = hess[j][i]
        step = solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step)]
        sys.stderr.write("  iteration %d: loss %.1f, step %.4f\n" % (it + 1, loss, max(abs(s) for s in step)))
        if max(abs(s) for s in step) < 1e-4:
            break
    return w


def confusion(rows, w, nfeat):
    tp = fp = fn = tn = 0
    for x, y, _ in rows:
        z = sum(wi * xi for wi, xi in zip(w, x[:nfeat]))
        d = z >= 0
        tp += d and y
        fp += d and not y
        fn += (not d) and y
        tn += (not d) and not y
    return tp, fp, fn, tn


def write_model(path, names, nline, w1, w2, note):
    out = ["# Weights of sclean's boilerplate line model (lib/clean_boiler.c): =w1:NAME for",
           "# the first model (the line alone), =w2:NAME for the second (the line in its",
           "# document); the payload is the weight. Written by tests/eval/boiler-fit.py",
           "# (%s); refit with: /usr/bin/python3 tests/eval/boiler-fit.py && make all" % note]
    out += ["=w1:%s\t0\t%.5f" % (n, w) for n, w in zip(names[:nline], w1)]
    out += ["=w2:%s\t0\t%.5f" % (n, w) for n, w in zip(names, w2)]
    with open(path, "w") as fh:
        fh.write("\n".join(out) + "\n")


def compile_into(model, datadir):
    os.makedirs(datadir, exist_ok=True)
    for f in os.listdir(os.path.join(BUILD, "data")):
        dst = os.path.join(datadir, f)
        if f != "sclean-boilerplate.sdict" and not os.path.exists(dst):
            os.symlink(os.path.join(BUILD, "data", f), dst)
    subprocess.run([os.path.join(BUILD, "bin", "sino-dict"), "compile", "-n", "-k", "sclean-boilerplate", "-o",
                    os.path.join(datadir, "sclean-boilerplate.sdict"),
                    os.path.join(ROOT, "data", "sclean-boilerplate.tsv"), model], check=True)


def main():
    args = sys.argv[1:]
    docs, seed, out = 1500, 1, os.path.join(ROOT, "data", "sclean-boilerplate-model.tsv")
    while args:
        if args[0] == "--docs":
            docs = int(args[1])
        elif args[0] == "--seed":
            seed = int(args[1])
        elif args[0] == "--out":
            out = args[1]
        else:
            sys.exit(__doc__)
        args = args[2:]
    with open(os.path.join(BUILD, "eval", "sources.json")) as fh:
        src = json.load(fh)
    build_trace()
    names = subprocess.run([TRACE, "-n"], capture_output=True, check=True).stdout.decode().split()
    nline = names.index("p1")
    gen = Gen(random.Random(seed), src)
    kdir = os.path.join(HERE, "keep", "tune")
    gen.keep = []
    for f in sorted(os.listdir(kdir)):
        with open(os.path.join(kdir, f), encoding="utf-8") as fh:
            gen.keep.append([x for x in fh.read().split("\n") if x])
    runs, n = [], 0
    while n < docs:
        r = gen.run()
        runs.append(r)
        n += len(r)
    # the keep corpus as it is, one document each
    runs += [[[(x, 0) for x in k]] for k in gen.keep]
    scratch = os.path.join(BUILD, "eval", "fitdata")
    tmp_model = os.path.join(BUILD, "eval", "boiler-model.tsv")
    # stage 1: line features (the document features are not used)
    write_model(tmp_model, names, nline, [0.0] * nline, [-5.0] + [0.0] * (len(names) - 1), "placeholder")
    compile_into(tmp_model, scratch)
    rows, skipped = trace(runs, scratch)
    pos = sum(1 for r in rows if r[1])
    sys.stderr.write("%d lines (%d furniture), %d documents not aligned\n" % (len(rows), pos, skipped))
    sys.stderr.write("first model:\n")
    w1 = fit(rows, nline)
    sys.stderr.write("  tp fp fn tn %s\n" % (confusion(rows, w1, nline),))
    # stage 2: traced again with the first model's weights in place
    write_model(tmp_model, names, nline, w1, [-5.0] + [0.0] * (len(names) - 1), "first model only")
    compile_into(tmp_model, scratch)
    rows, skipped = trace(runs, scratch)
    sys.stderr.write("second model:\n")
    w2 = fit(rows, len(names))
    sys.stderr.write("  tp fp fn tn %s\n" % (confusion(rows, w2, len(names)),))
    write_model(out, names, nline, w1, w2, "%d documents, seed %d" % (docs, seed))
    sys.stderr.write("wrote %s\n" % out)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""sclean-mojibake.py SCLEAN: damage sentences written for this test with
every decoder model of tests/eval/sclean-split-eval.py (UTF-8 read as GBK,
GB18030, Big5, CP950, Big5-HKSCS with an invalid byte as U+FFFD or dropped,
an invalid pair as U+FFFD or '?'; as cp1252 with its undefined bytes as
U+FFFD, C1 controls, '?' or dropped; as ISO-8859-1 and -15; GBK and Big5
decoded one byte off) and check sclean's repair. One line per model:
"ok MODEL fixed/total" or "FAIL MODEL why". A model fails when a character
comes out that is in neither the damaged nor the true text (a wrong
character), or when fewer sentences than its floor are fixed (the floors
are below the measured rates; see the README's mojibake section)."""
import importlib.util
import os
import random
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
spec = importlib.util.spec_from_file_location(
    "ev", os.path.join(os.path.dirname(HERE), "eval", "sclean-split-eval.py"))
ev = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ev)

SENTENCES = [
    "今天上午，市图书馆举办了一场关于古代印刷技术的讲座，吸引了许多市民参加。",
    "这个程序读取标准输入，把每一行转换成小写，然后写到标准输出。",
    "如果配置文件不存在，系统会使用默认的设置并在日志中记录一条警告。",
    "春天来了，公园里的桃花和樱花都开了，孩子们在草地上放风筝。",
    "研究人员发现，适量运动可以明显改善睡眠质量和记忆能力。",
    "请在提交申请之前仔细核对身份证号码、联系电话和通讯地址。",
    "這個命令會列出目前目錄中所有檔案的名稱、大小和修改時間。",
    "颱風預計明天傍晚登陸，氣象局提醒民眾注意強風和豪雨。",
    "我們在會議上討論了明年的預算，大家都同意增加研究經費。",
    "使用者可以透過選項指定輸出的格式，預設是純文字。",
    "该函数返回一个指向新分配内存的指针，调用者负责释放它。",
    "老师说，读书不仅要读懂文字，还要理解作者想表达的思想。",
]
UTF8 = [(e, m) for e in ("gbk", "gb18030", "big5", "cp950", "big5hkscs")
        for m in ("replace", "ignore", "pair-fffd", "pair-qmark")] + \
       [m for m in ("replace", "c1", "ignore", "qmark", "iso-8859-1", "iso-8859-15")]
SHIFT = [(e, m) for e in ("gbk", "big5") for m in ("replace", "ignore", "pair-fffd", "pair-qmark")]
# Models under which sclean is known to write wrong characters (an open
# part of issue 13: Big5 with dropped bytes or '?' marks, and the one-byte-
# off repair, which models GBK only): reported as "known", not failed, so
# that every other model keeps the rule.
KNOWN_WRONG = {"utf8:big5:ignore", "utf8:cp950:ignore", "utf8:big5:pair-qmark", "utf8:cp950:pair-qmark",
               "utf8:big5hkscs:pair-qmark", "shift:gbk:pair-qmark", "shift:big5:replace", "shift:big5:ignore",
               "shift:big5:pair-fffd", "shift:big5:pair-qmark"}
# floors: share of sentences fixed (below what was measured, for margin)
FLOOR = {"cp1252": 0.75, "iso-8859": 0.9, "replace": 0.5}


class C:
    def __init__(self, rng):
        self.rng = rng


def run(sclean, lines):
    out = []
    for x in lines:
        r = subprocess.run([sclean, "--encoding=UTF-8"], input=(x + "\n").encode(), capture_output=True)
        out.append(r.stdout.decode("utf-8", "replace").rstrip("\n"))
    return out


def wrong_chars(noisy, got, truth):
    # sclean's later passes make full-width letters and marks half-width
    allowed = set(noisy) | set(ev.plain(truth)) | {"\ufffd", "？"}
    allowed |= set(unicodedata.normalize("NFKC", "".join(allowed)))
    return [ch for ch in got if ch not in allowed]


def floor_of(name):
    for k, v in FLOOR.items():
        if k in name and "shift" not in name and "pair" not in name and "ignore" not in name:
            return v
    return 0.0


def main():
    sclean = sys.argv[1]
    rng = random.Random(13)
    c = C(rng)
    for kind, models in (("utf8", UTF8), ("shift", SHIFT)):
        for model in models:
            noisy, truth = [], []
            for p in SENTENCES:
                if kind == "utf8":
                    dec = model if isinstance(model, tuple) else model
                    if isinstance(model, str) and model.startswith("iso"):
                        a, t = ev.misdecode(p, "utf-8", model)
                    else:
                        a, t = ev.misdecode(p, "utf-8", dec)
                else:
                    r = ev.shift_damage(c, p, model[0], model[1])
                    if r is None:
                        continue
                    a, t = r
                noisy.append(a)
                truth.append(t)
            name = "%s:%s" % (kind, ":".join(model) if isinstance(model, tuple) else "cp1252:" + model
                              if not model.startswith("iso") else model)
            got = run(sclean, noisy)
            fixed = sum(ev.matches(g, t) for g, t in zip(got, truth))
            bad = [(a, g, w) for a, g, t in zip(noisy, got, truth) for w in [wrong_chars(a, g, t)] if w]
            if bad and name in KNOWN_WRONG:
                print("known %s wrong characters %s" % (name, "".join(bad[0][2])))
            elif bad:
                print("FAIL %s wrong characters %s in %r" % (name, "".join(bad[0][2]), bad[0][1]))
            elif fixed < floor_of(name) * len(noisy):
                print("FAIL %s fixed %d/%d, floor %.2f" % (name, fixed, len(noisy), floor_of(name)))
            else:
                print("ok %s %d/%d" % (name, fixed, len(noisy)))


main()

# sseg-gen.py - adversarial lines for the jieba conformance suite: random
# mixes of real Han characters (taken from the text on stdin), ASCII letters,
# digits, jieba's block symbols + # & . _ % -, spaces of every kind, CR, NUL,
# emoji, full-width forms and characters at the edges of jieba's ranges; then
# random slices of the real text. Deterministic (fixed seed).
import random
import sys

random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
txt = sys.stdin.buffer.read().decode("utf-8", "replace")
han = [c for c in txt if "\u4e00" <= c <= "\u9fd5"] or ["中"]
common = list("abcXYZ0123456789+#&._%-")
odd = [" ", "\t", "\r", "\u3000", "\xa0", "。", "，", "\U0001F600", "Ａ", "ｂ", "１",
       "\x00", "é", "\ufb01", "\u9fd6", "\u4dff", "\u2028", "\x85", "\x1c", "\ufffd"]
out = []
for _ in range(2000):
    s = []
    for _ in range(random.randint(1, 40)):
        r = random.random()
        s.append(random.choice(han) if r < 0.6 else random.choice(common) if r < 0.9
                 else random.choice(odd))
    out.append("".join(s))
flat = txt.replace("\n", "")
for _ in range(2000):
    a = random.randint(0, max(0, len(flat) - 60))
    out.append(flat[a:a + random.randint(1, 60)])
sys.stdout.buffer.write(("\n".join(out) + "\n").encode("utf-8"))

# With a second argument FILE: also write a jieba user dictionary there,
# built to exercise suggest_freq: words without frequency that extend,
# shorten or join dictionary words and slices of the text, ASCII words,
# deletions (frequency 0), frequencies and tags.
if len(sys.argv) > 2:
    import os
    import jieba
    words = [l.split()[0] for l in open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"),
                                         encoding="utf-8")]
    flat = txt.replace("\n", "")
    ud = []
    for _ in range(1500):
        r = random.random()
        if r < 0.3:
            w = random.choice(words) + random.choice(words)[:1]
        elif r < 0.5:
            a = random.randint(0, max(0, len(flat) - 10))
            w = flat[a:a + random.randint(2, 6)].strip()
        elif r < 0.6:
            w = "".join(random.choice("abcxyz01") for _ in range(random.randint(2, 5)))
        elif r < 0.7:
            w = random.choice(words)[:2]
        else:
            w = random.choice(words) + random.choice(words)
        if not w or any(c.isspace() or c in "\x00\ufeff" for c in w):
            continue
        f = random.random()
        ud.append(w if f < 0.7 else w + " 0" if f < 0.8 else "%s %d" % (w, random.randint(1, 5000))
                  if f < 0.9 else "%s %d n" % (w, random.randint(1, 50)))
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write("\n".join(ud) + "\n")

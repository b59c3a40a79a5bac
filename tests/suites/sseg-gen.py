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

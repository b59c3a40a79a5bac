# sseg-jieba.py - reference tokens from jieba 0.42.1 (Debian python3-jieba)
# for the conformance suite: each input line (split on \n only, as sseg
# reads it) becomes one output line of tokens joined by U+0001.
# Usage: /usr/bin/python3 sseg-jieba.py hmm|nohmm|search|search-nohmm < in > out
import sys
import jieba

jieba.setLogLevel(60)
mode = sys.argv[1]
hmm = not mode.endswith("nohmm")
cut = jieba.cut_for_search if mode.startswith("search") else jieba.cut
if len(sys.argv) > 2:
    for path in sys.argv[2:]:
        jieba.load_userdict(path)
out = sys.stdout.buffer
data = sys.stdin.buffer.read().decode("utf-8", "replace")
lines = data.split("\n")
if lines and lines[-1] == "":
    lines.pop()
for line in lines:
    out.write("\x01".join(cut(line, HMM=hmm)).encode("utf-8", "surrogatepass") + b"\n")

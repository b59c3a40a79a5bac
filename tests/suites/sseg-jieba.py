# sseg-jieba.py - reference tokens from jieba 0.42.1 (Debian python3-jieba)
# for the conformance suite: each input line (split on \n only, as sseg
# reads it) becomes one output line of tokens joined by U+0001.
# pos modes give word/tag tokens from jieba.posseg.cut.
# Usage: /usr/bin/python3 sseg-jieba.py MODE [USERDICT...] < in > out
#   MODE: hmm nohmm search search-nohmm pos pos-nohmm full (cut_all=True)
import sys
import jieba

jieba.setLogLevel(60)
mode = sys.argv[1]
hmm = not mode.endswith("nohmm")
cut = jieba.cut_for_search if mode.startswith("search") else jieba.cut
if mode.startswith("full"):
    def cut(line, HMM=True):
        return jieba.cut(line, cut_all=True, HMM=HMM)
if mode.startswith("pos"):
    import jieba.posseg

    def cut(line, HMM=True):
        return ("%s/%s" % (w, f) for w, f in jieba.posseg.cut(line, HMM=HMM))
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

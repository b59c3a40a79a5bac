# Print every character that occurs in a key of the given OpenCC text tables
# (KEY<TAB>VALUES), one per line, for opencc-keychars.sdict (see sconv.mk).
import sys

chars = set()
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            key = line.split("\t", 1)[0]
            chars.update(key)
for ch in sorted(chars):
    if ch not in "\n\t":
        print(ch)

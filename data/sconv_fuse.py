# Fuse an OpenCC segmentation table with the single-character tables that
# follow it in the first conversion group (see sconv.mk): prints
# KEY<TAB>NUM<TAB>VALUE where NUM is 1 for the keys of the first table (they
# make segments) and 0 for characters from the later tables (first table
# wins, then the earlier of the later ones), VALUE the first candidate.
import sys

seen = {}
for i, path in enumerate(sys.argv[1:]):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            key, _, vals = line.partition("\t")
            if i > 0 and len(key) != 1:
                sys.exit("%s: key %r is not one character" % (path, key))
            if key not in seen:
                seen[key] = (1 if i == 0 else 0, vals.split(" ")[0])
for key in sorted(seen, key=lambda k: k.encode("utf-8")):
    num, val = seen[key]
    print("%s\t%d\t%s" % (key, num, val))

# For each OpenCC table (argv: NAME=FILE[+FILE...]), print NAME<TAB>the
# characters that some key starts with, concatenated (see sconv.mk): a
# quick test that lets the converter skip tables without a lookup. A second
# line NAME/multi lists the characters that start a key of two or more
# characters (the others need no lookahead past their own character),
# NAME/second the second characters of such keys, NAME/one the characters
# that are keys on their own.
import sys

for arg in sys.argv[1:]:
    name, _, files = arg.partition("=")
    first = set()
    multi = set()
    second = set()
    one = set()
    for path in files.split("+"):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    first.add(line[0])
                    key = line.split("\t")[0]
                    if len(key) > 1:
                        multi.add(key[0])
                        second.add(key[1])
                    else:
                        one.add(key)
    first.discard("\t")
    print("%s\t%s" % (name, "".join(sorted(first))))
    print("%s/multi\t%s" % (name, "".join(sorted(multi))))
    print("%s/second\t%s" % (name, "".join(sorted(second))))
    print("%s/one\t%s" % (name, "".join(sorted(one))))

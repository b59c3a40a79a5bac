# For each OpenCC table (argv: NAME=FILE[+FILE...]), print NAME<TAB>the
# characters that some key starts with, concatenated (see sconv.mk): a
# quick test that lets the converter skip tables without a lookup.
import sys

for arg in sys.argv[1:]:
    name, _, files = arg.partition("=")
    first = set()
    for path in files.split("+"):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    first.add(line[0])
    first.discard("\t")
    print("%s\t%s" % (name, "".join(sorted(first))))

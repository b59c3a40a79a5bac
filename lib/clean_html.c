/* clean_html.c - HTML leftovers: tags, entities, hidden elements. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sino_clean.h"
#include "clean_int.h"

#define MAX_TAG 2048          /* a '<' further than this from its '>' is text */
#define MAX_SKIP_LINES 400    /* an unclosed script/style ends here */
#define MAX_UNCLOSED_HIDDEN 1024   /* bytes an unclosed hidden element may hide */

/* &nbsp; is the page's spacing: a space in the text */
static const struct { const char *name; uint32_t cp; } entities[] = {
    {"nbsp", ' '}, {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'},
    {"apos", '\''}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"lsquo", 0x2018},
    {"rsquo", 0x2019}, {"mdash", 0x2014}, {"ndash", 0x2013}, {"hellip", 0x2026},
    {"middot", 0xB7}, {"copy", 0xA9}, {"reg", 0xAE}, {"times", 0xD7},
    {"divide", 0xF7}, {"emsp", 0x2003}, {"ensp", 0x2002}, {"thinsp", 0x2009},
    {"yen", 0xA5}, {"deg", 0xB0}, {"bull", 0x2022}, {"laquo", 0xAB},
    {"raquo", 0xBB}, {"trade", 0x2122}, {"shy", 0xAD}, {"zwj", 0x200D},
    {"zwnj", 0x200C}, {"lsaquo", 0x2039}, {"rsaquo", 0x203A}, {"sect", 0xA7},
    {"plusmn", 0xB1}, {"micro", 0xB5}, {"para", 0xB6}, {"cent", 0xA2},
    {"pound", 0xA3}, {"euro", 0x20AC}, {"permil", 0x2030}, {"larr", 0x2190},
    {"rarr", 0x2192}, {"uarr", 0x2191}, {"darr", 0x2193}};

static const char *const block_tags[] = {
    "br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul",
    "ol", "table", "section", "article", "blockquote", "dd", "dt", "hr", NULL};

/* The element names of the HTML living standard, the obsolete ones that
 * scraped pages still carry (not "dir", which manuals write as a
 * placeholder: "-p <dir>"), the SVG and MathML roots, and Word's o:p. A
 * '<' before any other word is text: vector<int>, x<y, <未知>. */
static const char *const element_names[] = {
    "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base",
    "bdi", "bdo", "blockquote", "body", "br", "button", "canvas", "caption",
    "cite", "code", "col", "colgroup", "data", "datalist", "dd", "del",
    "details", "dfn", "dialog", "div", "dl", "dt", "em", "embed", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "head", "header", "hgroup", "hr", "html", "i", "iframe", "img", "input",
    "ins", "kbd", "label", "legend", "li", "link", "main", "map", "mark", "menu",
    "meta", "meter", "nav", "noscript", "object", "ol", "optgroup", "option",
    "output", "p", "picture", "pre", "progress", "q", "rp", "rt", "ruby", "s",
    "samp", "script", "search", "section", "select", "slot", "small", "source",
    "span", "strong", "style", "sub", "summary", "sup", "table", "tbody", "td",
    "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr",
    "track", "u", "ul", "var", "video", "wbr",
    /* obsolete, still common in scraped pages */
    "acronym", "applet", "basefont", "big", "blink", "center", "font",
    "frame", "frameset", "marquee", "nobr", "noframes", "strike", "tt",
    "svg", "math", "o:p", NULL};

/* Where a '?' or U+FFFD may stand for a '<' that a decoder ate: only these
 * common names, and only in a tag that is surely one (see strong_tag), so
 * that "为什么?a>b" and "多少?p>0" stay text. */
static const char *const eaten_lt_names[] = {
    "span", "div", "p", "a", "font", "b", "i", "em", "strong", "img", "br",
    "script", "style", "table", "td", "tr", "li", "ul", "h1", "h2", "h3", "u",
    "section", "article", "iframe", "center", "small", "sup", "sub", NULL};

static int in_list(const char *const *list, const char *name, size_t len)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == len && strncasecmp(list[i], name, len) == 0) return 1;
    return 0;
}

/* A complete entity at s[i] == '&' (named from the table, or numeric, and
 * ended by ';'): its code point and length, or 0. "AT&T", "&amp" and
 * "&#20013" without the ';' are text. */
static size_t entity(const char *s, size_t n, size_t i, uint32_t *cp)
{
    size_t j = i + 1;
    if (j < n && s[j] == '#') {
        j++;
        int hex = j < n && (s[j] == 'x' || s[j] == 'X');
        if (hex) j++;
        uint32_t v = 0;
        size_t d = 0;
        while (j < n && d < 8 && (hex ? isxdigit((unsigned char)s[j]) : isdigit((unsigned char)s[j]))) {
            int c = (unsigned char)s[j];
            v = v * (hex ? 16 : 10) + (uint32_t)(isdigit(c) ? c - '0' : (tolower(c) - 'a' + 10));
            j++, d++;
        }
        if (!d || j >= n || s[j] != ';') return 0;
        /* no controls (a line break or NUL would change the line's shape) */
        if ((v < 0x20 && v != '\t') || (v >= 0x7F && v <= 0x9F) || v > 0x10FFFF ||
            (v >= 0xD800 && v <= 0xDFFF))
            return 0;
        *cp = v;
        return j + 1 - i;
    }
    size_t k = j;
    while (k < n && k - j < 8 && isalpha((unsigned char)s[k])) k++;
    if (k >= n || s[k] != ';') return 0;
    for (size_t e = 0; e < sizeof entities / sizeof entities[0]; e++) {
        size_t len = strlen(entities[e].name);
        if (len == k - j && strncmp(s + j, entities[e].name, len) == 0) {
            *cp = entities[e].cp;
            return k + 1 - i;
        }
    }
    return 0;
}

typedef struct {
    size_t len;              /* bytes from the '<' to after the '>' */
    size_t name_off, name_len;
    int closing;             /* </name> */
    int self_closing;        /* <name/> */
    int valued;              /* an attribute with a value: name="v" */
    int declaration;         /* <!DOCTYPE ...>, <?xml ...?> */
} html_tag;

static int tag_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int attr_name_start(unsigned char c)
{
    return isalpha(c) || c == '_' || c == ':' || c == '@';
}

static int attr_name_char(unsigned char c)
{
    return isalnum(c) || c == '-' || c == '_' || c == ':' || c == '.' || c == '@';
}

/* The end of an attribute value at s[k] (quoted, or unquoted without
 * blanks, quotes, '=', '<', '>' or '`'), or 0 when there is none. */
static size_t attr_value_end(const char *s, size_t n, size_t k, size_t lim)
{
    if (k >= n) return 0;
    if (s[k] == '"' || s[k] == '\'') {
        const char *q = memchr(s + k + 1, s[k], lim > k + 1 ? lim - k - 1 : 0);
        return q ? (size_t)(q - s) + 1 : 0;
    }
    size_t e = k;
    while (e < lim && !tag_space((unsigned char)s[e]) && !strchr("\"'=<>`", s[e])) e++;
    return e > k ? e : 0;
}

/* The attributes and end of a tag whose name ends at s[k]: the index after
 * its '>', or 0 when what follows is not attribute syntax ("<b && c>"). */
static size_t tag_rest(const char *s, size_t n, size_t k, size_t lim, html_tag *t)
{
    int need_space = 1;   /* an attribute follows a blank or a quoted value */
    for (;;) {
        size_t ws = k;
        while (k < lim && tag_space((unsigned char)s[k])) k++;
        if (k >= lim) return 0;
        if (s[k] == '>') return k + 1;
        if (s[k] == '/' && k + 1 < lim && s[k + 1] == '>') {
            t->self_closing = 1;
            return k + 2;
        }
        if ((need_space && k == ws) || !attr_name_start((unsigned char)s[k])) return 0;
        while (k < lim && attr_name_char((unsigned char)s[k])) k++;
        size_t after_name = k;
        while (k < lim && tag_space((unsigned char)s[k])) k++;
        if (k < lim && s[k] == '=') {
            k++;
            while (k < lim && tag_space((unsigned char)s[k])) k++;
            size_t e = attr_value_end(s, n, k, lim);
            if (!e) return 0;
            need_space = !(s[k] == '"' || s[k] == '\'');
            k = e;
            t->valued = 1;
        } else {
            k = after_name;
            need_space = 1;
        }
    }
}

/* A tag at s[i] ('<', or a '?'/U+FFFD of lt_len bytes that ate the '<'
 * before a common tag name, when eaten): its shape in *t and its length;
 * 0 when it is not a tag. A tag is a known element name with tag syntax:
 * <name attributes>, <name/>, </name>; or <!DOCTYPE ...> or <?xml ...?>.
 * (Comments are the caller's.) */
static size_t tag_at(const char *s, size_t n, size_t i, size_t lt_len, int eaten, html_tag *t)
{
    memset(t, 0, sizeof *t);
    size_t j = i + lt_len;
    size_t lim = n - i < MAX_TAG ? n : i + MAX_TAG;
    if (j < lim && s[j] == '/') t->closing = 1, j++;
    if (j >= lim) return 0;
    if (!t->closing && !eaten && (s[j] == '!' || s[j] == '?')) {
        if (!(lim - j > 8 && strncasecmp(s + j, "!doctype", 8) == 0 && tag_space((unsigned char)s[j + 8])) &&
            !(lim - j > 4 && strncasecmp(s + j, "?xml", 4) == 0 && tag_space((unsigned char)s[j + 4])))
            return 0;
        const char *gt = memchr(s + j, '>', lim - j);
        if (!gt) return 0;
        t->declaration = 1;
        t->name_off = j;
        return t->len = (size_t)(gt - s) + 1 - i;
    }
    size_t k = j;
    while (k < lim && (isalnum((unsigned char)s[k]) || s[k] == ':')) k++;
    if (!in_list(eaten ? eaten_lt_names : element_names, s + j, k - j)) return 0;
    t->name_off = j, t->name_len = k - j;
    size_t e;
    if (t->closing) {
        while (k < lim && tag_space((unsigned char)s[k])) k++;
        if (k >= lim || s[k] != '>') return 0;
        e = k + 1;
    } else if (!(e = tag_rest(s, n, k, lim, t))) {
        return 0;
    }
    return t->len = e - i;
}

/* Whether a tag is strong evidence that its line is markup: it closes an
 * element, closes itself, carries a value, or is a declaration. A bare
 * start tag alone on a line ("a<b>c", "List<object>", "HTML 的 <style> 标签")
 * may be prose. */
static int strong_tag(const html_tag *t)
{
    return t->closing || t->self_closing || t->valued || t->declaration;
}

/* Whether a bare start tag reads as prose: its '<' follows a Latin letter,
 * digit or '_' (a comparison "a<b>c", a generic type "List<object>"), a
 * '-' follows it, or blanks, quotes or parentheses set it off on both
 * sides (a tag named in a sentence). */
static int prose_tag(const char *s, size_t n, size_t i, size_t len)
{
    unsigned char next = i + len < n ? (unsigned char)s[i + len] : 0;
    if (next == '-') return 1;   /* a compound: "<table>-attributes" */
    if (i == 0) return 0;
    unsigned char prev = (unsigned char)s[i - 1];
    if (isalnum(prev) || prev == '_') return 1;
    /* quoted or in parentheses: "(<tr>)", "'<br>'", "`<p>`" */
    static const char open[] = "('\"`[", close[] = ")'\"`]";
    const char *q = prev ? strchr(open, prev) : NULL;
    if (q && next == (unsigned char)close[q - open]) return 1;
    /* set off by blanks, or after a blank at the end: "-c <slot>" */
    return prev == ' ' && (next == ' ' || next == 0);
}

/* Whether the line's tags are prose, not markup: none of them (nor a
 * comment) is strong evidence of markup, and one of them reads as prose,
 * as in "HTML 里的 <p> 标签表示一个段落，<br> 表示换行。". */
static int prose_tags_line(const char *s, size_t n)
{
    int prose = 0;
    for (size_t i = 0; i < n;) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt) break;
        size_t p = (size_t)(lt - s);
        html_tag t;
        if (n - p >= 4 && memcmp(s + p, "<!--", 4) == 0) return 0;
        if (tag_at(s, n, p, 1, 0, &t)) {
            if (strong_tag(&t)) return 0;
            prose |= prose_tag(s, n, p, t.len);
        }
        i = p + 1;
    }
    return prose;
}

static int hidden_attr(const char *s, size_t n)
{
    /* display:none or visibility:hidden, spaces allowed around ':' */
    char buf[MAX_TAG];
    size_t m = 0;
    for (size_t i = 0; i < n && m < sizeof buf - 1; i++)
        if (s[i] != ' ' && s[i] != '\t') buf[m++] = (char)tolower((unsigned char)s[i]);
    buf[m] = 0;
    return strstr(buf, "display:none") || strstr(buf, "visibility:hidden") ||
           strstr(buf, " hidden>") || strstr(buf, "hidden=\"hidden\"");
}

/* Find the end of the element whose start tag ends before s[i]: the index
 * after its matching close tag, or (size_t)-1 when it does not close on
 * this line. */
static size_t element_end(const char *s, size_t n, size_t i, const char *name, size_t len)
{
    int depth = 1;
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt) return (size_t)-1;
        size_t p = (size_t)(lt - s);
        html_tag t;
        size_t tl = tag_at(s, n, p, 1, 0, &t);
        if (tl && t.name_len == len && strncasecmp(s + t.name_off, name, len) == 0 &&
            !t.self_closing) {
            depth += t.closing ? -1 : 1;
            if (depth == 0) return p + tl;
        }
        i = p + (tl ? tl : 1);
    }
    return (size_t)-1;
}

static size_t find_ci(const char *s, size_t n, size_t i, const char *pat)
{
    size_t m = strlen(pat);
    for (; i + m <= n; i++)
        if (strncasecmp(s + i, pat, m) == 0) return i;
    return (size_t)-1;
}

/* Whether s[0..n) holds a Han character. */
static int holds_han(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += (size_t)sino_utf8_decode_fast(u + i, n - i, &cp);
        if (cp > 0 && sino_is_han((uint32_t)cp)) return 1;
    }
    return 0;
}

/* Whether an opening <script>, <style> or <!-- whose end is not on its line
 * starts a region to skip: only when the rest of the line is not Chinese
 * text. Prose that names the tag ("HTML 的 <style> 标签") is text, and
 * taking it for markup would drop the rest of the line and the lines after. */
static int opens_region(const char *rest, size_t n)
{
    return !holds_han(rest, n);
}

/* Whether a line met while skipping an unclosed region is Chinese prose
 * (Han and a full stop or comma): the region was not markup after all, and
 * skipping ends here rather than after MAX_SKIP_LINES lines. */
static int prose_line(const char *s, size_t n)
{
    return (clean_contains(s, n, "\xe3\x80\x82") || clean_contains(s, n, "\xef\xbc\x8c")) &&
           holds_han(s, n);
}

int sino_clean_html(sino_html_state *st, const char *s, size_t n, sino_buf *out)
{
    static const char *const closers[] = {NULL, "</script", "</style", "-->"};
    sino_buf_clear(out);
    /* no entity without '&', no tag (nor one whose '<' was lost) without
     * '>', no comment without '<' */
    if (!st->skip && !memchr(s, '&', n) && !memchr(s, '>', n) && !memchr(s, '<', n))
        return sino_buf_append(out, s, n);
    if (sino_buf_reserve(out, n + 4) != SINO_OK) return SINO_ERR_NOMEM;
    size_t i = 0;
    int prose = -1;   /* whether the line's tags are prose: looked at when needed */
    if (st->skip) {
        size_t e = find_ci(s, n, 0, closers[st->skip]);
        if (e == (size_t)-1 && !prose_line(s, n)) {
            if (++st->skip_lines > MAX_SKIP_LINES) st->skip = 0;
            return SINO_OK;
        }
        if (e != (size_t)-1) {
            const char *gt = memchr(s + e, '>', n - e);
            i = gt ? (size_t)(gt - s) + 1 : n;
        }
        st->skip = 0;
    }
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t lt_len = 0;
        if (c == '<') lt_len = 1;
        else if (c == '?') lt_len = 1;
        else if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
                 (unsigned char)s[i + 2] == 0xBD)
            lt_len = 3;
        if (lt_len) {
            int prose_comment = 0;
            if (c == '<' && i + 3 < n && memcmp(s + i, "<!--", 4) == 0) {
                size_t e = find_ci(s, n, i + 4, "-->");
                if (e != (size_t)-1) {
                    i = e + 3;
                    continue;
                }
                if (opens_region(s + i + 4, n - i - 4)) {
                    st->skip = 3, st->skip_lines = 0;
                    return SINO_OK;
                }
                prose_comment = 1;   /* "<!--" in prose: text */
            }
            html_tag tg;
            size_t t = prose_comment ? 0 : tag_at(s, n, i, lt_len, c != '<', &tg);
            if (t && c != '<' && !strong_tag(&tg))
                t = 0;   /* "什么?p>0": an eaten '<' only before a tag that is surely one */
            if (t && c == '<' && !strong_tag(&tg)) {
                if (prose < 0) prose = prose_tags_line(s, n);
                if (prose) t = 0;   /* a tag named in prose: text */
            }
            if (t) {
                const char *name = s + tg.name_off;
                size_t nl = tg.name_len;
                int cl = tg.closing, self = tg.self_closing;
                if (!cl && nl && (in_list((const char *const[]){"script", NULL}, name, nl) ||
                                  in_list((const char *const[]){"style", NULL}, name, nl))) {
                    int which = (name[1] == 'c' || name[1] == 'C') ? 1 : 2;
                    size_t e = find_ci(s, n, i + t, closers[which]);
                    if (e != (size_t)-1) {
                        const char *gt = memchr(s + e, '>', n - e);
                        i = gt ? (size_t)(gt - s) + 1 : n;
                    } else if (opens_region(s + i + t, n - i - t)) {
                        st->skip = which, st->skip_lines = 0;
                        return SINO_OK;
                    } else {
                        i += t;   /* the tag named in prose: only the tag goes */
                    }
                    continue;
                }
                if (!cl && !self && nl && hidden_attr(s + i, t)) {
                    size_t e = element_end(s, n, i + t, name, nl);
                    /* no end tag: the element runs to the end of the line
                     * when that is near; else (a line read in pieces, a
                     * document on one line) only the tag goes */
                    if (e == (size_t)-1) e = n - (i + t) <= MAX_UNCLOSED_HIDDEN ? n : i + t;
                    i = e;
                    continue;
                }
                if (nl && in_list(block_tags, name, nl)) {
                    if (out->len && out->data[out->len - 1] != '\n') sino_buf_putc(out, '\n');
                }
                i += t;
                continue;
            }
        }
        if (c == '&') {
            uint32_t cp;
            size_t e = entity(s, n, i, &cp);
            if (e) {
                if (sino_buf_put_cp(out, cp) != SINO_OK) return SINO_ERR_NOMEM;
                i += e;
                continue;
            }
        }
        /* copy up to the next byte that may start markup */
        static const unsigned char stop[256] = {['<'] = 1, ['&'] = 1, ['?'] = 1, [0xEF] = 1};
        const unsigned char *us = (const unsigned char *)s;
        size_t j = i + 1;
        for (;;) {
            while (j < n && !stop[us[j]]) j++;
            if (j < n && us[j] == 0xEF && !(j + 2 < n && us[j + 1] == 0xBF && us[j + 2] == 0xBD)) {
                j++;
                continue;
            }
            break;
        }
        if (sino_buf_append(out, s + i, j - i) != SINO_OK) return SINO_ERR_NOMEM;
        i = j;
    }
    return SINO_OK;
}

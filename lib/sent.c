/* sent.c - sentence splitting (see sino_sent.h for the rules). */
#include <stdlib.h>
#include <string.h>

#include "sino_sent.h"

typedef struct ch {
    int32_t c;
    uint32_t off;
    int32_t mate;    /* index of the matching closer of an opener, else -1 */
} ch;

static int is_closer(int32_t c)
{
    switch (c) {
    case 0x201D: case 0x2019: case 0x300D: case 0x300F: case 0xFF09: case 0x300B:
    case 0x3011: case 0x3009: case 0x3015: case 0xFF3D: case 0x3017:
    case ')': case ']': case '"': case '\'':
        return 1;
    }
    return 0;
}

/* Openers whose span is never split: quotes and 《》〈〉. */
static int32_t closer_of(int32_t c)
{
    switch (c) {
    case 0x201C: return 0x201D;   /* “” */
    case 0x2018: return 0x2019;   /* ‘’ */
    case 0x300C: return 0x300D;   /* 「」 */
    case 0x300E: return 0x300F;   /* 『』 */
    case 0x300A: return 0x300B;   /* 《》 */
    case 0x3008: return 0x3009;   /* 〈〉 */
    }
    return 0;
}

static int is_title_open(int32_t c) { return c == 0x300A || c == 0x3008; }

static int is_space(int32_t c) { return c >= 0 && sino_is_space((uint32_t)c); }

static int is_cjk_text(int32_t c)
{
    if (c < 0) return 0;
    return sino_is_han((uint32_t)c) || sino_is_cjk_punct((uint32_t)c) ||
           sino_is_fullwidth_ascii((uint32_t)c) || (c >= 0x3040 && c <= 0x30FF);
}

static int is_alpha(int32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_digit(int32_t c) { return c >= '0' && c <= '9'; }

/* Latin abbreviations that end in a full stop without ending a sentence. */
static int is_abbrev(const ch *v, size_t start, size_t end, const char *text)
{
    static const char *const list[] = {
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "inc", "ltd",
        "co", "corp", "no", "vol", "fig", "eg", "ie", "al", "approx", "dept", "est",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "mt", "gen", "gov", "rev", "ph", "op", "cf", "ca", NULL};
    size_t n = end - start;
    if (n == 1 && is_alpha(v[start].c)) return 1;   /* initials: J. Smith, U.S. */
    if (n > 6) return 0;
    char w[8];
    size_t k = 0;
    for (size_t i = start; i < end; i++) {
        int32_t c = v[i].c;
        if (c == '.') continue;
        if (!is_alpha(c)) return 0;
        w[k++] = (char)(c | 0x20);
    }
    w[k] = 0;
    (void)text;
    for (int i = 0; list[i]; i++)
        if (!strcmp(w, list[i])) return 1;
    return 0;
}

/* Does a '.' (or a run of them) at [i, j) end a sentence? */
static int dot_ends(const ch *v, size_t n, size_t i, size_t j, size_t start, const char *text)
{
    if (j - i >= 3) {   /* "..." like …… */
        return j == n || is_space(v[j].c) || is_cjk_text(v[j].c) || is_closer(v[j].c);
    }
    if (j - i != 1) return 0;
    /* inside a number, URL, version, file name: a letter or digit follows */
    if (j < n && (is_alpha(v[j].c) || is_digit(v[j].c) || v[j].c == '_' || v[j].c == '/' ||
                  v[j].c == '-'))
        return 0;
    /* the word before the dot */
    size_t a = i;
    while (a > 0 && (is_alpha(v[a - 1].c) || v[a - 1].c == '.')) a--;
    if (a < i && (a == 0 || !is_digit(v[a - 1].c)) && is_abbrev(v, a, i, text)) return 0;
    /* an enumerator: "1. ", "12." at the start of a sentence or after a space */
    size_t d = i;
    while (d > 0 && is_digit(v[d - 1].c)) d--;
    if (d < i && i - d <= 3) {
        size_t e = d;
        while (e > start && is_space(v[e - 1].c)) e--;
        if (e <= start || (d > 0 && is_space(v[d - 1].c))) return 0;
    }
    if (i == 0) return 0;
    if (j == n) return 1;
    size_t k = j;
    while (k < n && is_closer(v[k].c)) k++;
    if (k == n) return 1;
    if (is_cjk_text(v[k].c)) return 1;
    if (is_space(v[k].c)) {
        while (k < n && is_space(v[k].c)) k++;
        if (k == n) return 1;
        int32_t c = v[k].c;
        return (c >= 'A' && c <= 'Z') || is_digit(c) || is_cjk_text(c) || c == '"' ||
               c == '(' || c == '\'';
    }
    return 0;
}

int sino_sent_split(const char *text, size_t len, unsigned flags, sino_tokens *out,
                    sino_error *err)
{
    if (!out || (!text && len)) return sino_fail(err, SINO_ERR_USAGE, "sino_sent_split: bad argument");
    if (len == 0) return SINO_OK;
    ch *v = malloc((len + 1) * sizeof *v);
    size_t *stack = malloc((len + 1) * sizeof *stack);
    if (!v || !stack) {
        free(v);
        free(stack);
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    }
    size_t n = 0, sp = 0;
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        int32_t c;
        int l = sino_utf8_decode(p + i, len - i, &c);
        v[n].c = c;
        v[n].off = (uint32_t)i;
        v[n].mate = -1;
        /* match quotes and title marks with a stack; unmatched ones are ignored */
        if (closer_of(c)) {
            stack[sp++] = n;
        } else if (c > 0) {
            for (size_t k = sp; k-- > 0;) {
                if (closer_of(v[stack[k]].c) == c) {
                    v[stack[k]].mate = (int32_t)n;
                    sp = k;
                    break;
                }
            }
        }
        n++;
        i += (size_t)l;
    }
    v[n].off = (uint32_t)len;
    free(stack);

    int r = SINO_OK;
    size_t start = 0;
    size_t quote_end = 0;   /* inside a matched quotation/title until this index */
    size_t title_end = 0;
    for (size_t i = 0; i < n && r == SINO_OK;) {
        int32_t c = v[i].c;
        if (v[i].mate >= 0) {
            size_t e = (size_t)v[i].mate;
            if (is_title_open(c)) {
                if (e > title_end) title_end = e;
            } else if (e > quote_end) {
                quote_end = e;
            }
            i++;
            continue;
        }
        size_t j = i + 1;
        int end = 0;
        if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF61) {   /* 。！？｡ */
            while (j < n && (v[j].c == 0x3002 || v[j].c == 0xFF01 || v[j].c == 0xFF1F ||
                             v[j].c == '!' || v[j].c == '?' || v[j].c == 0xFF61))
                j++;
            end = 1;
        } else if (c == 0x2026) {   /* …… */
            while (j < n && v[j].c == 0x2026) j++;
            end = j - i >= 2;
        } else if (c == '!' || c == '?') {
            while (j < n && (v[j].c == '!' || v[j].c == '?' || v[j].c == 0xFF01 || v[j].c == 0xFF1F))
                j++;
            size_t k = j;
            while (k < n && is_closer(v[k].c)) k++;
            while (k < n && is_space(v[k].c)) k++;
            end = k == n || is_cjk_text(v[k].c);
        } else if (c == '.') {
            while (j < n && v[j].c == '.') j++;
            end = dot_ends(v, n, i, j, start, text);
        } else if (c == 0xFF1B || (c == ';' && (flags & SINO_SENT_SEMICOLON))) {
            end = (flags & SINO_SENT_SEMICOLON) != 0;
        }
        if (!end || i < title_end) {
            i = j;
            continue;
        }
        /* closing quotes and brackets stay with their sentence */
        size_t k = j;
        while (k < n && is_closer(v[k].c)) k++;
        if (i < quote_end && k <= quote_end) {
            /* inside a quotation that does not close right after the
             * terminator: not a boundary */
            i = j;
            continue;
        }
        if (k > j && k < n && (v[k].c == 0xFF0C || v[k].c == 0x3001 || v[k].c == 0xFF1A ||
                               v[k].c == ',')) {   /* “好！”，他说 */
            i = j;
            continue;
        }
        while (k < n && is_space(v[k].c)) k++;   /* trailing spaces go with it */
        if (k < n) r = sino_tokens_push(out, v[start].off, v[k].off);
        else r = sino_tokens_push(out, v[start].off, len);
        start = k;
        i = k;
    }
    if (r == SINO_OK && start < n) r = sino_tokens_push(out, v[start].off, len);
    free(v);
    if (r) return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    return SINO_OK;
}

/* Unit tests of grep's regular expression syntax in the matcher, and a
 * minimal grep over the matcher alone for the differential suite
 * (tests/suites/sgrep-engine.sh), so that the engine is compared with GNU
 * grep whatever the command line does:
 *   test_re_grep --grep [-G|-E|-F|-P] [-i] [-w] [-x] [-o|-c] PATTERN < input
 * -F here means literal search with folding (the matcher without REGEX).
 * Lines are selected as grep selects them; -o prints every match. Exit 0
 * when a line was selected, 1 when none, 2 for a bad pattern. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "match_find.h"
#include "sino.h"

static int mini_grep(int argc, char **argv)
{
    int flags = SINO_MATCH_REGEX | SINO_MATCH_BASIC, only = 0, count = 0, i = 2;
    for (; i < argc - 1 && argv[i][0] == '-'; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "-G")) flags = (flags & ~(SINO_MATCH_PERL)) | SINO_MATCH_REGEX | SINO_MATCH_BASIC;
        else if (!strcmp(o, "-E")) flags = (flags & ~(SINO_MATCH_BASIC | SINO_MATCH_PERL)) | SINO_MATCH_REGEX;
        else if (!strcmp(o, "-F")) flags &= ~(SINO_MATCH_REGEX | SINO_MATCH_BASIC | SINO_MATCH_PERL);
        else if (!strcmp(o, "-P")) flags = (flags & ~(SINO_MATCH_REGEX | SINO_MATCH_BASIC)) | SINO_MATCH_PERL;
        else if (!strcmp(o, "-i")) flags |= SINO_MATCH_ICASE;
        else if (!strcmp(o, "-w")) flags |= SINO_MATCH_WORD;
        else if (!strcmp(o, "-x")) flags |= SINO_MATCH_LINE;
        else if (!strcmp(o, "-o")) only = 1;
        else if (!strcmp(o, "-c")) count = 1;
        else if (!strcmp(o, "-e")) { i++; break; }
        else break;
    }
    if (i >= argc) return 2;
    sino_error err;
    sino_error_clear(&err);
    sino_dict *v = NULL;
    if (getenv("SINO_DATA")) v = sino_data_open_dict(SINO_MATCH_VARIANTS_FILE, SINO_MATCH_VARIANTS_KIND, &err);
    sino_error_clear(&err);
    sino_matcher *m = sino_matcher_new(v, flags, &err);
    const char *pat = argv[i];
    /* patterns are separated by newlines, as in grep */
    for (const char *p = pat;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (!m || sino_matcher_add(m, p, n, &err) != SINO_OK) {
            fprintf(stderr, "grep: %s\n", err.msg);
            return 2;
        }
        if (!nl) break;
        p = nl + 1;
    }
    const char *w[16];
    size_t nw = sino_matcher_warnings(m, w, 16);
    for (size_t k = 0; k < nw && k < 16; k++) fprintf(stderr, "grep: warning: %s\n", w[k]);
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (len == cap) buf = realloc(buf, cap *= 2);
        ssize_t r = read(0, buf + len, cap - len);
        if (r <= 0) break;
        len += (size_t)r;
    }
    unsigned long long lines = 0;
    size_t from = 0;
    while (from < len || (from == len && len > 0 && buf[len - 1] != '\n' && 0)) {
        size_t s, e;
        int r = sino_matcher_find(m, buf, len, from, 1, &s, &e);
        if (r < 0) return 2;
        if (r != SINO_MATCH_FOUND) break;
        size_t ls = s;
        while (ls > 0 && buf[ls - 1] != '\n') ls--;
        const char *nl = memchr(buf + e, '\n', len - e);
        size_t le = nl ? (size_t)(nl - buf) : len;
        lines++;
        if (only) {
            size_t p = s;
            for (;;) {
                if (e > s) printf("%.*s\n", (int)(e - s), buf + s);
                p = e > s ? e : s + 1;
                if (p > le) break;
                r = sino_matcher_find(m, buf, len, p, 1, &s, &e);
                if (r != SINO_MATCH_FOUND || s > le || (s == le && e == le && p > le)) break;
                if (s >= le && !(s == le && e > s)) break;
            }
        } else if (!count) {
            printf("%.*s\n", (int)(le - ls), buf + ls);
        }
        from = le + 1;
    }
    if (count) printf("%llu\n", lines);
    free(buf);
    sino_matcher_free(m);
    sino_dict_close(v);
    return lines ? 0 : 1;
}

/* First match of pat (extended syntax unless flags say otherwise). */
static int first(int flags, const char *pat, const char *text, char *out, size_t outsz)
{
    return find1(NULL, flags, pat, text, out, outsz);
}

static int err_is(int flags, const char *pat, const char *msg)
{
    sino_error err;
    sino_error_clear(&err);
    sino_matcher *m = sino_matcher_new(NULL, flags, &err);
    int r = sino_matcher_add(m, pat, strlen(pat), &err);
    sino_matcher_free(m);
    return r != SINO_OK && !strcmp(err.msg, msg);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--grep")) return mini_grep(argc, argv);
    char g[256];
    int B = SINO_MATCH_REGEX | SINO_MATCH_BASIC, E = SINO_MATCH_REGEX, P = SINO_MATCH_PERL;
    /* basic syntax: grep's default */
    CHECK(first(B, "a.c", "xabcx", g, sizeof g) == 1 && !strcmp(g, "abc"));
    CHECK(first(B, "a+", "a+", g, sizeof g) == 1 && !strcmp(g, "a+"));
    CHECK(first(B, "a\\+", "baaa", g, sizeof g) == 1 && !strcmp(g, "aaa"));
    CHECK(first(B, "\\(ab\\)\\1", "xababx", g, sizeof g) == 1 && !strcmp(g, "abab"));
    CHECK(first(B, "*a", "x*a", g, sizeof g) == 1 && !strcmp(g, "*a"));
    CHECK_INT(first(B, "^$", "a\n\nb", g, sizeof g), 1);
    CHECK(first(B, "[0-9]\\+", "ab123", g, sizeof g) == 1 && !strcmp(g, "123"));
    CHECK_INT(first(B, "x\\{32767\\}", "x", g, sizeof g), SINO_MATCH_NONE);
    /* extended syntax, back-references, GNU operators */
    CHECK(first(E, "(ab)\\1", "abab", g, sizeof g) == 1 && !strcmp(g, "abab"));
    CHECK(first(E, "*a", "ba", g, sizeof g) == 1 && !strcmp(g, "a"));
    CHECK(first(E, "x{2,3}", "xxxxx", g, sizeof g) == 1 && !strcmp(g, "xxx"));
    CHECK_INT(first(E, "\\<is\\>", "this is", g, sizeof g), 1);
    CHECK(first(E, "\\w+", "--ab_1--", g, sizeof g) == 1 && !strcmp(g, "ab_1"));
    CHECK(first(E, "a|ab", "ab", g, sizeof g) == 1 && !strcmp(g, "ab"));   /* longest */
    CHECK_INT(first(E, "a.b", "a\xff" "b", g, sizeof g), SINO_MATCH_NONE);   /* '.' skips invalid bytes */
    CHECK_INT(first(B, "\xff", "a\xff" "b", g, sizeof g), 1);               /* invalid bytes match as bytes */
    /* grep's error texts */
    CHECK(err_is(B, "[a", "Unmatched [, [^, [:, [., or [="));
    CHECK(err_is(B, "\\(", "Unmatched ( or \\("));
    CHECK(err_is(E, "a{2,1}", "Invalid content of \\{\\}"));
    CHECK(err_is(B, "a\\{40000\\}", "Regular expression too big"));
    CHECK(err_is(B, "\\(a\\)\\2", "Invalid back reference"));
    /* grep -w: the characters around the match, then shorter and later ones */
    CHECK_INT(first(B | SINO_MATCH_WORD, "$x", "a$x", g, sizeof g), SINO_MATCH_NONE);
    CHECK(first(B | SINO_MATCH_WORD, "ab*", "abb ab", g, sizeof g) == 1 && !strcmp(g, "abb"));
    CHECK(first(E | SINO_MATCH_WORD, "foo.*", "foobar foo", g, sizeof g) == 1 && !strcmp(g, "foobar foo"));
    CHECK(first(E | SINO_MATCH_WORD, "a+", "aab a", g, sizeof g) == 1 && !strcmp(g, "a"));
    CHECK(first(E | SINO_MATCH_LINE, "a+", "aab\naa", g, sizeof g) == 1 && !strcmp(g, "aa"));
    /* PCRE2 */
    CHECK(first(P, "a\\d+?", "xa123", g, sizeof g) == 1 && !strcmp(g, "a1"));
    CHECK(first(P, "a|ab", "ab", g, sizeof g) == 1 && !strcmp(g, "a"));   /* first, not longest */
    CHECK_INT(first(P | SINO_MATCH_WORD, "ab", "abc ab", g, sizeof g), 1);
    CHECK(err_is(P, "(", "missing closing parenthesis"));
    return check_summary("test_re_grep");
}

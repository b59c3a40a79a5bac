/* grep_color.c - grep's colours: the GREP_COLORS capabilities (and the
 * deprecated GREP_COLOR), read by GNU grep's rules so that the escape
 * sequences sgrep writes are grep's. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "sino_match.h"

void sino_grep_colors_init(sino_grep_colors *c)
{
    memset(c, 0, sizeof *c);
    c->ms = c->mc = "01;31";
    c->sl = c->cx = "";
    c->fn = "35";
    c->ln = c->bn = "32";
    c->se = "36";
}

/* A capability name=value of GREP_COLORS. */
static void set_cap(sino_grep_colors *c, const char *name, const char *val)
{
    static const struct {
        const char *name;
        size_t field;
    } caps[] = {
        {"mt", offsetof(sino_grep_colors, ms)}, {"ms", offsetof(sino_grep_colors, ms)},
        {"mc", offsetof(sino_grep_colors, mc)}, {"sl", offsetof(sino_grep_colors, sl)},
        {"cx", offsetof(sino_grep_colors, cx)}, {"fn", offsetof(sino_grep_colors, fn)},
        {"ln", offsetof(sino_grep_colors, ln)}, {"bn", offsetof(sino_grep_colors, bn)},
        {"se", offsetof(sino_grep_colors, se)},
    };
    if (!strcmp(name, "rv")) c->rv = 1;
    if (!strcmp(name, "ne")) c->ne = 1;
    for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
        if (strcmp(caps[i].name, name)) continue;
        if (val) *(const char **)((char *)c + caps[i].field) = val;
        if (!strcmp(name, "mt")) c->mc = c->ms;   /* mt sets both */
        return;
    }
}

/* GREP_COLORS as grep reads it: capabilities separated by ':', each a name
 * or name=value; the value holds only digits and ';'. Reading stops
 * silently at the first malformed part (what came before holds); unknown
 * names are ignored. */
static int parse_colors(sino_grep_colors *c, const char *env)
{
    c->own = strdup(env);
    if (!c->own) return -1;
    char *q = c->own, *name = q, *val = NULL;
    for (;;) {
        if (*q == ':' || *q == '\0') {
            char end = *q;
            *q++ = '\0';
            set_cap(c, name, val);
            if (end == '\0') return 0;
            name = q;
            val = NULL;
        } else if (*q == '=') {
            if (q == name || val) return 0;
            *q++ = '\0';
            val = q;
        } else if (!val || *q == ';' || (*q >= '0' && *q <= '9')) {
            q++;
        } else {
            return 0;
        }
    }
}

const char *sino_grep_colors_parse(sino_grep_colors *c, const char *grep_colors,
                                   const char *grep_color)
{
    const char *legacy = NULL;
    if (grep_color && *grep_color) {
        /* only a value made of digits and ';' is taken */
        size_t n = strspn(grep_color, "0123456789;");
        if (grep_color[n] == '\0') c->ms = c->mc = legacy = grep_color;
    }
    if (grep_colors && *grep_colors && parse_colors(c, grep_colors) < 0) return NULL;
    /* grep warns about GREP_COLOR only when it still has an effect */
    return legacy && (c->ms == legacy || c->mc == legacy) ? legacy : NULL;
}

void sino_grep_colors_free(sino_grep_colors *c)
{
    free(c->own);
    c->own = NULL;
}

/* conv_config.c - read an OpenCC JSON configuration file (sconv -c PATH).
 *
 * Only what OpenCC's configurations hold is understood:
 *   {"name": ..., "segmentation": {"type": "mmseg", "dict": DICT},
 *    "conversion_chain": [{"dict": DICT}, ...]}
 * where DICT is {"type": "text"|"ocd2"|"ocd", "file": NAME} or
 * {"type": "group", "dicts": [DICT, ...]}. Other members are ignored. File
 * names are taken relative to the configuration's directory. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow_int.h"
#include "conv_int.h"
#include "sino_io.h"

/* ---- a small JSON reader: values into a flat array of nodes ---- */

enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jnode {
    int type;
    char *str;        /* J_STR: the decoded string; a member's key */
    size_t first;     /* J_ARR, J_OBJ: index of the first child, 0 if none */
    size_t next;      /* the next sibling, 0 if none */
    char *key;        /* a member of an object: its name */
};

struct jparse {
    const char *s, *end;
    struct jnode *v;
    size_t n, cap;
    const char *err;
};

static void skip_ws(struct jparse *p)
{
    while (p->s < p->end && (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r'))
        p->s++;
}

static size_t new_node(struct jparse *p, int type)
{
    if (SINO_GROW(p->v, p->cap, p->n + 1)) {
        p->err = "out of memory";
        return 0;
    }
    memset(&p->v[p->n], 0, sizeof p->v[p->n]);
    p->v[p->n].type = type;
    return p->n++;
}

static int hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return 0;
    }
    *out = v;
    return 1;
}

/* A string at p->s (the opening quote), decoded into a new allocation. */
static char *parse_string(struct jparse *p)
{
    sino_buf b;
    sino_buf_init(&b);
    p->s++;
    while (p->s < p->end && *p->s != '"') {
        unsigned char c = (unsigned char)*p->s;
        int st = SINO_OK;
        if (c < 0x20) {
            p->err = "control character in a string";
            break;
        }
        if (c != '\\') {
            st = sino_buf_putc(&b, (char)c);
            p->s++;
        } else {
            if (p->end - p->s < 2) break;
            char e = p->s[1];
            p->s += 2;
            const char *simple = strchr("\"\\/bfnrt", e);
            if (e && simple) {
                static const char out[] = "\"\\/\b\f\n\r\t";
                st = sino_buf_putc(&b, out[simple - "\"\\/bfnrt"]);
            } else if (e == 'u' && p->end - p->s >= 4) {
                unsigned cp;
                if (!hex4(p->s, &cp)) {
                    p->err = "bad \\u escape";
                    break;
                }
                p->s += 4;
                if (cp >= 0xD800 && cp < 0xDC00 && p->end - p->s >= 6 && p->s[0] == '\\' &&
                    p->s[1] == 'u') {
                    unsigned lo;
                    if (hex4(p->s + 2, &lo) && lo >= 0xDC00 && lo < 0xE000) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        p->s += 6;
                    }
                }
                st = sino_buf_put_cp(&b, cp);
            } else {
                p->err = "bad escape in a string";
                break;
            }
        }
        if (st != SINO_OK) {
            p->err = "out of memory";
            break;
        }
    }
    if (!p->err && p->s >= p->end) p->err = "unterminated string";
    if (p->err) {
        sino_buf_free(&b);
        return NULL;
    }
    p->s++;
    char *r = strdup(b.data ? b.data : "");
    sino_buf_free(&b);
    if (!r) p->err = "out of memory";
    return r;
}

static size_t parse_value(struct jparse *p, int depth);

/* The members (or elements) of an object (or array) at p->s. */
static size_t parse_container(struct jparse *p, int depth, int is_obj)
{
    size_t node = new_node(p, is_obj ? J_OBJ : J_ARR);
    if (p->err) return 0;
    char close = is_obj ? '}' : ']';
    p->s++;
    skip_ws(p);
    size_t last = 0;
    if (p->s < p->end && *p->s == close) {
        p->s++;
        return node;
    }
    for (;;) {
        char *key = NULL;
        skip_ws(p);
        if (is_obj) {
            if (p->s >= p->end || *p->s != '"') {
                p->err = "expected a member name";
                return 0;
            }
            if (!(key = parse_string(p))) return 0;
            skip_ws(p);
            if (p->s >= p->end || *p->s != ':') {
                free(key);
                p->err = "expected ':'";
                return 0;
            }
            p->s++;
        }
        size_t child = parse_value(p, depth + 1);
        if (p->err) {
            free(key);
            return 0;
        }
        p->v[child].key = key;
        if (last) p->v[last].next = child;
        else p->v[node].first = child;
        last = child;
        skip_ws(p);
        if (p->s < p->end && *p->s == ',') {
            p->s++;
            skip_ws(p);
            /* a trailing comma, as in some of OpenCC's own files */
            if (p->s < p->end && *p->s == close) {
                p->s++;
                return node;
            }
            continue;
        }
        if (p->s < p->end && *p->s == close) {
            p->s++;
            return node;
        }
        p->err = is_obj ? "expected ',' or '}'" : "expected ',' or ']'";
        return 0;
    }
}

static size_t parse_value(struct jparse *p, int depth)
{
    skip_ws(p);
    if (depth > 64) {
        p->err = "nested too deeply";
        return 0;
    }
    if (p->s >= p->end) {
        p->err = "unexpected end of file";
        return 0;
    }
    char c = *p->s;
    if (c == '{' || c == '[') return parse_container(p, depth, c == '{');
    if (c == '"') {
        size_t node = new_node(p, J_STR);
        if (p->err) return 0;
        char *str = parse_string(p);
        if (!str) return 0;
        p->v[node].str = str;
        return node;
    }
    static const struct {
        const char *word;
        int type;
    } words[] = {{"true", J_BOOL}, {"false", J_BOOL}, {"null", J_NULL}};
    for (size_t i = 0; i < 3; i++) {
        size_t l = strlen(words[i].word);
        if ((size_t)(p->end - p->s) >= l && !memcmp(p->s, words[i].word, l)) {
            p->s += l;
            return new_node(p, words[i].type);
        }
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        while (p->s < p->end && strchr("+-.eE0123456789", *p->s)) p->s++;
        return new_node(p, J_NUM);
    }
    p->err = "unexpected character";
    return 0;
}

static void jparse_free(struct jparse *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].str);
        free(p->v[i].key);
    }
    free(p->v);
}

/* The member name of object node obj, or 0. */
static size_t member(const struct jparse *p, size_t obj, const char *name)
{
    if (p->v[obj].type != J_OBJ) return 0;
    for (size_t i = p->v[obj].first; i; i = p->v[i].next)
        if (p->v[i].key && !strcmp(p->v[i].key, name)) return i;
    return 0;
}

/* ---- the configuration ---- */

/* dir/name, or name when it is absolute. */
static char *join_path(const char *dir, const char *name)
{
    if (name[0] == '/' || !dir[0]) return strdup(name);
    size_t n = strlen(dir) + strlen(name) + 2;
    char *r = malloc(n);
    if (r) snprintf(r, n, "%s/%s", dir, name);
    return r;
}

/* One dictionary (not a group) into *out. */
static int read_dict(const struct jparse *p, size_t d, const char *dir, char **out,
                     const char *where, sino_error *err)
{
    size_t type = member(p, d, "type"), file = member(p, d, "file");
    if (!type || p->v[type].type != J_STR || !file || p->v[file].type != J_STR)
        return sino_fail(err, SINO_ERR_FORMAT, "%s: a dictionary needs \"type\" and \"file\"", where);
    const char *t = p->v[type].str;
    if (strcmp(t, "text") && strcmp(t, "ocd2") && strcmp(t, "ocd"))
        return sino_fail(err, SINO_ERR_FORMAT, "%s: dictionary type '%s' is not supported", where, t);
    if (!(*out = join_path(dir, p->v[file].str)))
        return sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    return SINO_OK;
}

/* A conversion step's dictionary: one, or a group of up to CONV_MAX_GROUP. */
static int read_step(const struct jparse *p, size_t d, const char *dir, struct conv_file_config *cfg,
                     const char *where, sino_error *err)
{
    int s = cfg->n_steps;
    size_t type = member(p, d, "type");
    if (type && p->v[type].type == J_STR && !strcmp(p->v[type].str, "group")) {
        size_t dicts = member(p, d, "dicts");
        if (!dicts || p->v[dicts].type != J_ARR)
            return sino_fail(err, SINO_ERR_FORMAT, "%s: a group needs \"dicts\"", where);
        int g = 0;
        for (size_t i = p->v[dicts].first; i; i = p->v[i].next) {
            if (g == CONV_MAX_GROUP)
                return sino_fail(err, SINO_ERR_FORMAT, "%s: groups of more than %d dictionaries "
                                 "are not supported", where, CONV_MAX_GROUP);
            int st = read_dict(p, i, dir, &cfg->steps[s][g], where, err);
            if (st != SINO_OK) return st;
            g++;
        }
        if (!g) return sino_fail(err, SINO_ERR_FORMAT, "%s: an empty group", where);
        cfg->n_dicts[s] = g;
    } else {
        int st = read_dict(p, d, dir, &cfg->steps[s][0], where, err);
        if (st != SINO_OK) return st;
        cfg->n_dicts[s] = 1;
    }
    cfg->n_steps++;
    return SINO_OK;
}

static int read_config(const struct jparse *p, const char *dir, struct conv_file_config *cfg,
                       const char *path, sino_error *err)
{
    size_t root = 0;
    if (p->v[root].type != J_OBJ)
        return sino_fail(err, SINO_ERR_FORMAT, "%s: not an OpenCC configuration (no JSON object)", path);
    size_t seg = member(p, root, "segmentation");
    size_t chain = member(p, root, "conversion_chain");
    if (!seg || !chain || p->v[chain].type != J_ARR)
        return sino_fail(err, SINO_ERR_FORMAT, "%s: not an OpenCC configuration (needs "
                         "\"segmentation\" and \"conversion_chain\")", path);
    size_t type = member(p, seg, "type"), sd = member(p, seg, "dict");
    if (!type || p->v[type].type != J_STR || strcmp(p->v[type].str, "mmseg") || !sd)
        return sino_fail(err, SINO_ERR_FORMAT, "%s: only \"mmseg\" segmentation with a "
                         "\"dict\" is supported", path);
    int st = read_dict(p, sd, dir, &cfg->seg, path, err);
    if (st != SINO_OK) return st;
    for (size_t i = p->v[chain].first; i; i = p->v[i].next) {
        if (cfg->n_steps == CONV_MAX_STEPS)
            return sino_fail(err, SINO_ERR_FORMAT, "%s: more than %d conversion steps are not "
                             "supported", path, CONV_MAX_STEPS);
        size_t d = member(p, i, "dict");
        if (!d) return sino_fail(err, SINO_ERR_FORMAT, "%s: a conversion step needs \"dict\"", path);
        if ((st = read_step(p, d, dir, cfg, path, err)) != SINO_OK) return st;
    }
    if (!cfg->n_steps) return sino_fail(err, SINO_ERR_FORMAT, "%s: empty \"conversion_chain\"", path);
    return SINO_OK;
}

int conv_read_config(const char *path, struct conv_file_config *cfg, sino_error *err)
{
    memset(cfg, 0, sizeof *cfg);
    FILE *f = fopen(path, "rb");
    if (!f) return sino_fail(err, SINO_ERR_IO, "%s: cannot open the configuration: %s", path, strerror(errno));
    sino_buf text;
    sino_buf_init(&text);
    char chunk[4096];
    size_t got;
    int st = SINO_OK;
    while (st == SINO_OK && (got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (text.len + got > (1u << 20)) st = sino_fail(err, SINO_ERR_FORMAT, "%s: too large for a configuration", path);
        else if (sino_buf_append(&text, chunk, got) != SINO_OK) st = sino_fail(err, SINO_ERR_NOMEM, "out of memory");
    }
    if (st == SINO_OK && ferror(f)) st = sino_fail(err, SINO_ERR_IO, "%s: read error", path);
    fclose(f);
    if (st != SINO_OK) {
        sino_buf_free(&text);
        return st;
    }
    struct jparse p = {text.data ? text.data : "", (text.data ? text.data : "") + text.len, NULL, 0, 0, NULL};
    parse_value(&p, 0);
    skip_ws(&p);
    if (!p.err && p.s != p.end) p.err = "text after the configuration";
    if (p.err) {
        st = sino_fail(err, SINO_ERR_FORMAT, "%s: not valid JSON (%s at byte %zu)", path, p.err,
                       (size_t)(p.s - text.data));
    } else {
        char *dir = strdup(path);
        if (!dir) {
            st = sino_fail(err, SINO_ERR_NOMEM, "out of memory");
        } else {
            char *slash = strrchr(dir, '/');
            if (slash) *slash = 0;
            else dir[0] = 0;
            st = read_config(&p, slash == dir ? "/" : dir, cfg, path, err);
            free(dir);
        }
    }
    jparse_free(&p);
    sino_buf_free(&text);
    if (st != SINO_OK) conv_file_config_free(cfg);
    return st;
}

void conv_file_config_free(struct conv_file_config *cfg)
{
    free(cfg->seg);
    for (int s = 0; s < CONV_MAX_STEPS; s++)
        for (int g = 0; g < CONV_MAX_GROUP; g++) free(cfg->steps[s][g]);
    memset(cfg, 0, sizeof *cfg);
}

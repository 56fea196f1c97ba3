/* plan.c: decoder and validator. Every length is checked against the bytes
 * that remain before it is used, so no input can make it read out of bounds. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include "hull.h"

static const struct opdef {
	const char *name, *fields;
	char phase;
	unsigned opt, mask, needs;
	step_fn *run;
} ops[OP_LAST + 1] = {
#define OP_DEF(name, num, fields, phase, opt, mask, needs, fn) [num] = {#name, fields, phase, opt, mask, needs, fn},
	PLAN_OPS(OP_DEF)
#undef OP_DEF
};

#define NS_FLAGS (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | \
		  CLONE_NEWPID | CLONE_NEWNET)
#define SHORT "payload shorter than its fields"

const char *op_name(unsigned op)
{
	return op >= 1 && op <= OP_LAST ? ops[op].name : "?";
}

void step_run(const struct step *s, struct state *st)
{
	ops[s->op].run(s, st);
}

struct reader {
	const unsigned char *p;
	size_t left;
};

static char *why_buf;
static size_t why_size;

static int bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int bad(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why_buf, why_size, fmt, ap);
	va_end(ap);
	return -1;
}

static int take(struct reader *r, size_t n, const unsigned char **out)
{
	if (n > r->left)
		return -1;
	*out = r->p;
	r->p += n;
	r->left -= n;
	return 0;
}

/* A little-endian integer of n bytes (2, 4 or 8). */
static int rd_le(struct reader *r, size_t n, uint64_t *v)
{
	const unsigned char *b;
	if (take(r, n, &b))
		return -1;
	*v = 0;
	while (n--)
		*v = *v << 8 | b[n];
	return 0;
}

/* The rd_* field readers return NULL or the reason the field is bad. */
static const char *rd_blob(struct reader *r, unsigned char **out, uint32_t *len)
{
	const unsigned char *b;
	uint64_t n;
	if (rd_le(r, 4, &n))
		return SHORT;
	*len = (uint32_t)n;
	if (*len > PLAN_MAX_STR)
		return "field longer than 1 MiB";
	if (take(r, *len, &b))
		return SHORT;
	if (!(*out = malloc((size_t)*len + 1)))
		return "out of memory";
	memcpy(*out, b, *len);
	(*out)[*len] = 0;
	return NULL;
}

static const char *rd_str(struct reader *r, const char **out)
{
	unsigned char *s;
	uint32_t len;
	const char *e = rd_blob(r, &s, &len);
	if (e)
		return e;
	if (memchr(s, 0, len))
		return "string contains a NUL byte";
	*out = (const char *)s;
	return NULL;
}

/* A list count, with room for count*elem more bytes at least, and an array
 * of count + 1 zeroed elements (a NULL-terminated argv for strs). */
static const char *rd_count(struct reader *r, uint32_t *count, size_t size, void **array)
{
	uint64_t n;
	if (rd_le(r, 4, &n))
		return SHORT;
	*count = (uint32_t)n;
	if (*count > PLAN_MAX_COUNT)
		return "list longer than 65536";
	if (*count > r->left / 4) /* every element takes at least 4 bytes */
		return SHORT;
	return (*array = calloc((size_t)*count + 1, size)) ? NULL : "out of memory";
}

static const char *rd_strs(struct reader *r, char ***out, uint32_t *count)
{
	const char *e = rd_count(r, count, sizeof **out, (void **)out);
	for (uint32_t i = 0; !e && i < *count; i++)
		e = rd_str(r, (const char **)&(*out)[i]);
	return e;
}

static const char *rd_ids(struct reader *r, uint32_t **out, uint32_t *count)
{
	const char *e = rd_count(r, count, sizeof **out, (void **)out);
	for (uint32_t i = 0; !e && i < *count; i++) {
		uint64_t v = 0;
		rd_le(r, 4, &v); /* cannot fail: rd_count checked the room */
		(*out)[i] = (uint32_t)v;
	}
	return e;
}

/* Checks of one step's values that need no other step. */
static const char *check_fields(const struct step *s)
{
	uint64_t o = s->num[0];
	if (ops[s->op].mask && s->num[ops[s->op].opt] & ~(uint64_t)ops[s->op].mask)
		return "unknown options";
	switch (s->op) {
	case OP_CLONE:
		if (o & ~(uint64_t)NS_FLAGS)
			return "clone flags other than CLONE_NEW*";
		if ((*s->str[0] || *s->str[1]) && !(o & CLONE_NEWUSER))
			return "id maps without CLONE_NEWUSER";
		break;
	case OP_MOUNT:
		if ((o & (MOUNT_MKDIR | MOUNT_MKFILE | MOUNT_BIND_SOURCE_STAT)) && !(o & MOUNT_TARGET_IN_ROOT))
			return "creating a target that is not in root";
		break;
	case OP_CONSOLE:
		if (o > 0xffff || s->num[1] > 0xffff)
			return "console size above 65535";
		break;
	case OP_EXEC:
		if (s->list_len[0] == 0)
			return "empty argv";
		break;
	case OP_SECCOMP:
		if (s->blob_len == 0 || s->blob_len % 8 || s->blob_len > 4096 * 8)
			return "filter is not 1..4096 sock_filter instructions";
		break;
	}
	return NULL;
}

static int decode_step(struct reader *r, uint32_t i, struct step *s)
{
	uint64_t op, reserved, plen;
	const unsigned char *payload;
	const char *e;
	unsigned ns = 0, nn = 0, nl = 0;

	if (rd_le(r, 2, &op) || rd_le(r, 2, &reserved) || rd_le(r, 4, &plen))
		return bad("step %u: truncated step header", i);
	if (op < 1 || op > OP_LAST)
		return bad("step %u: unknown op %u", i, (unsigned)op);
	if (reserved)
		return bad("step %u (%s): reserved field is %u, not 0", i, ops[op].name, (unsigned)reserved);
	if (take(r, plen, &payload))
		return bad("step %u (%s): truncated: payload of %u bytes, %zu left", i, ops[op].name,
			   (unsigned)plen, r->left);
	struct reader p = {payload, plen};
	s->op = (unsigned)op;
	if ((e = rd_str(&p, &s->desc)))
		return bad("step %u (%s): description: %s", i, ops[op].name, e);
	for (const char *f = ops[op].fields; *f && !e; f++) {
		switch (*f) {
		case 's': e = rd_str(&p, &s->str[ns++]); break;
		case 'u': e = rd_le(&p, 4, &s->num[nn++]) ? SHORT : NULL; break;
		case 'U': e = rd_le(&p, 8, &s->num[nn++]) ? SHORT : NULL; break;
		case 'L': e = rd_strs(&p, &s->list[nl], &s->list_len[nl]); nl++; break;
		case 'W': e = rd_ids(&p, &s->ids, &s->ids_len); break;
		case 'B': e = rd_blob(&p, &s->blob, &s->blob_len); break;
		}
	}
	if (!e && p.left)
		e = "payload longer than its fields";
	if (!e)
		e = check_fields(s);
	return e ? bad("step %u (%s \"%s\"): %s", i, ops[op].name, s->desc ? s->desc : "", e) : 0;
}

/* Checks between steps: phases, and steps that need an earlier one. */
static int check_order(const struct plan *pl)
{
	unsigned char seen[OP_LAST + 1] = {0};
	for (uint32_t i = 0; i < pl->count; i++) {
		const struct opdef *d = &ops[pl->steps[i].op];
		if (d->phase == 'X' && seen[OP_CLONE])
			return bad("more than one CLONE step (step %u)", i);
		if (d->phase == (seen[OP_CLONE] ? 'L' : 'C'))
			return bad("step %u (%s): a %s step %s CLONE", i, d->name,
				   seen[OP_CLONE] ? "launcher" : "child", seen[OP_CLONE] ? "after" : "before");
		if (pl->steps[i].op == OP_PRESERVE_FDS && i != 0)
			return bad("step %u: PRESERVE_FDS must be the first step", i);
		if (d->needs && !seen[d->needs])
			return bad("step %u: %s without an earlier %s", i, d->name, ops[d->needs].name);
		if (pl->steps[i].op == OP_EXEC && i + 1 != pl->count)
			return bad("step %u: EXEC is not the last step", i);
		seen[pl->steps[i].op] = 1;
	}
	return seen[OP_CLONE] ? 0 : bad("no CLONE step");
}

int plan_decode(const unsigned char *buf, size_t len, struct plan *pl, char *why, size_t whylen)
{
	struct reader r = {buf, len};
	const unsigned char *magic;
	uint64_t version, count;

	why_buf = why;
	why_size = whylen;
	memset(pl, 0, sizeof *pl);
	if (len > PLAN_MAX_BYTES)
		return bad("%zu bytes, more than 16 MiB", len);
	if (take(&r, 8, &magic) || rd_le(&r, 4, &version) || rd_le(&r, 4, &count))
		return bad("truncated header (%zu bytes)", len);
	if (memcmp(magic, "HULLPLAN", 8))
		return bad("bad magic (not a hull plan)");
	if (version != 1)
		return bad("unsupported version %u (expected 1)", (unsigned)version);
	if (count > PLAN_MAX_STEPS)
		return bad("%u steps, more than 4096", (unsigned)count);
	if (!(pl->steps = calloc(count ? count : 1, sizeof *pl->steps)))
		return bad("out of memory");
	pl->count = (uint32_t)count;
	for (uint32_t i = 0; i < count; i++)
		if (decode_step(&r, i, &pl->steps[i]))
			return -1;
	if (r.left)
		return bad("%zu bytes after the last step", r.left);
	return check_order(pl);
}

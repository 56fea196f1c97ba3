/* hull.h: what the step implementations share. */
#ifndef HULL_H
#define HULL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "plan.h"

/* Control channel message types (docs/plan-format.md). */
enum { MSG_PLAN_BEGIN = 1, MSG_PLAN_DATA = 2, MSG_CONTINUE = 3,
       MSG_PID = 16, MSG_ERROR = 17, MSG_SYNC = 18, MSG_READY = 19, MSG_EXIT = 20 };

/* What one step leaves for later steps. */
struct state {
	int root;              /* dirfd that in-root paths are resolved below */
	int console;           /* console socket from CONSOLE_CONNECT, or -1 */
	int fifo;              /* start fifo from OPEN_START_FIFO, or -1 */
	char *hook_state;      /* state JSON from the last CONTINUE, for hooks */
	size_t hook_state_len;
	char *exec_path;       /* from RESOLVE_EXEC */
};

typedef void step_fn(const struct step *s, struct state *st);

/* channel.c */
extern int ctl_fd;
int channel_send(uint32_t type, const void *body, size_t len);
int channel_send_i32(uint32_t type, int32_t v);
int channel_recv_plan(unsigned char **buf, size_t *len, char *why, size_t whylen);
/* Report "<desc>: <strerror(err)>" (fail) or "<desc>: <detail>[: <strerror(err)>]"
 * (failf) as ERROR and exit with status 1; err 0 adds no strerror. fail_at
 * chooses the exit status; without a step, the detail is the whole message. */
_Noreturn void fail_at(int code, const struct step *s, int err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
#define fail(s, err) fail_at(1, s, err, NULL)
#define failf(s, err, ...) fail_at(1, s, err, __VA_ARGS__)

/* A step that is one call, failing with errno. */
#define CALL_STEP(name, call)                                       \
	void name(const struct step *s, struct state *st)           \
	{                                                           \
		(void)st;                                           \
		if ((call) < 0)                                     \
			fail(s, errno);                             \
	}

/* resolve.c */
enum { MK_NONE, MK_DIR, MK_FILE };
int in_root_open(int root, const char *path);
int in_root_resolve(int root, const char *path, int create);
int in_root_parent(int root, const char *path, const char **name);
const char *fd_path(int fd, char buf[32]);

/* process.c */
int write_file(const char *path, const char *data, size_t len);
int write_fmt(const char *path, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The steps' implementations, one file per subject (see the Makefile). */
#define OP_DECL(name, num, fields, phase, opt, mask, needs, fn) step_fn fn;
PLAN_OPS(OP_DECL)
#undef OP_DECL

#endif

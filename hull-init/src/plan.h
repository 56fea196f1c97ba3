/* plan.h: the decoded plan; the wire format is docs/plan-format.md. */
#ifndef HULL_PLAN_H
#define HULL_PLAN_H

#include <stddef.h>
#include <stdint.h>

#define PLAN_MAX_BYTES (16u << 20)
#define PLAN_MAX_STEPS 4096u
#define PLAN_MAX_STR (1u << 20)
#define PLAN_MAX_COUNT 65536u

/*
 * The vocabulary, one op a line: name, number, fields, phase, options, needs,
 * implementation. Fields: s str, u u32, U u64, L strs, W u32s, B blob, in wire
 * order after the description. Phase: L launcher (before CLONE), C child
 * (after it), X the CLONE. Options: num[opt] may only hold bits of mask
 * (unknown bits are bugs). Needs: an op that must come earlier.
 */
#define PLAN_OPS(X) \
	X(PRESERVE_FDS, 1, "u", 'L', 0, 0, 0, step_preserve_fds)                \
	X(JOIN_CGROUP, 2, "s", 'L', 0, 0, 0, step_join_cgroup)                  \
	X(CONSOLE_CONNECT, 3, "s", 'L', 0, 0, 0, step_console_connect)          \
	X(OOM_SCORE_ADJ, 4, "u", 'L', 0, 0, 0, step_oom_score_adj)              \
	X(SETNS, 5, "su", 'L', 0, 0, 0, step_setns)                             \
	X(CLONE, 6, "uuss", 'X', 1, 3, 0, step_clone)                           \
	X(MOUNT, 7, "usssUs", 'C', 0, 31, 0, step_mount)                        \
	X(SET_ROOT, 8, "s", 'C', 0, 0, 0, step_set_root)                        \
	X(MKNOD, 9, "suuuuu", 'C', 0, 0, 0, step_mknod)                         \
	X(SYMLINK, 10, "ss", 'C', 0, 0, 0, step_symlink)                        \
	X(MASK_PATH, 11, "s", 'C', 0, 0, 0, step_mask_path)                     \
	X(READONLY_PATH, 12, "s", 'C', 0, 0, 0, step_readonly_path)             \
	X(PIVOT_ROOT, 13, "su", 'C', 0, 1, 0, step_pivot_root)                  \
	X(REMOUNT_RO, 14, "s", 'C', 0, 0, 0, step_remount_ro)                   \
	X(SET_HOSTNAME, 15, "s", 'C', 0, 0, 0, step_set_hostname)               \
	X(SET_DOMAINNAME, 16, "s", 'C', 0, 0, 0, step_set_domainname)           \
	X(SYSCTL, 17, "ss", 'C', 0, 0, 0, step_sysctl)                          \
	X(RLIMIT, 18, "uUU", 'C', 0, 0, 0, step_rlimit)                         \
	X(CHDIR, 19, "s", 'C', 0, 0, 0, step_chdir)                             \
	X(UMASK, 20, "u", 'C', 0, 0, 0, step_umask)                             \
	X(NO_NEW_PRIVS, 21, "", 'C', 0, 0, 0, step_no_new_privs)                \
	X(CREDENTIALS, 22, "uuWUUUUUu", 'C', 7, 1, 0, step_credentials)         \
	X(SYNC, 23, "u", 'C', 0, 0, 0, step_sync)                               \
	X(HOOK, 24, "sLLu", 'C', 0, 0, 0, step_hook)                            \
	X(CONSOLE, 25, "uu", 'C', 0, 0, OP_CONSOLE_CONNECT, step_console)       \
	X(SETSID, 26, "", 'C', 0, 0, 0, step_setsid)                            \
	X(OPEN_START_FIFO, 27, "s", 'C', 0, 0, 0, step_open_start_fifo)         \
	X(READY, 28, "", 'C', 0, 0, 0, step_ready)                              \
	X(AWAIT_START, 29, "", 'C', 0, 0, OP_OPEN_START_FIFO, step_await_start) \
	X(RESOLVE_EXEC, 30, "ss", 'C', 0, 0, 0, step_resolve_exec)              \
	X(EXEC, 31, "LL", 'C', 0, 0, OP_RESOLVE_EXEC, step_exec)                \
	X(SECCOMP, 32, "uB", 'C', 0, 0, 0, step_seccomp)                        \
	X(WRITE_ATTR, 33, "ss", 'C', 0, 0, 0, step_write_attr)                  \
	X(TIME_NS, 34, "UuUu", 'L', 0, 0, 0, step_time_ns)                      \
	X(MKDIR, 35, "s", 'C', 0, 0, 0, step_mkdir)

enum {
#define OP_ENUM(name, num, ...) OP_##name = num,
	PLAN_OPS(OP_ENUM)
#undef OP_ENUM
	OP_LAST = OP_MKDIR
};

#define CLONE_OPT_WAIT 1u
#define CLONE_OPT_SETGROUPS_DENY 2u
#define MOUNT_TARGET_IN_ROOT 1u
#define MOUNT_MKDIR 2u
#define MOUNT_MKFILE 4u
#define MOUNT_SOURCE_IN_ROOT 8u
#define MOUNT_BIND_SOURCE_STAT 16u
#define PIVOT_NO_PIVOT 1u
#define CRED_SKIP_SETGROUPS 1u

/*
 * One step. Its fields are kept in wire order, by kind: the n-th str field is
 * str[n], the n-th u32/u64 is num[n] (u32 zero-extended), the n-th strs is
 * list[n] (NULL-terminated, ready for execve), the u32s is ids, the blob is blob.
 * Strings are NUL-terminated copies; nothing points into the received bytes.
 */
struct step {
	unsigned op;
	const char *desc;
	const char *str[4];
	uint64_t num[8];
	char **list[2];
	uint32_t list_len[2];
	uint32_t *ids;
	uint32_t ids_len;
	unsigned char *blob;
	uint32_t blob_len;
};

struct plan {
	struct step *steps;
	uint32_t count;
};

/*
 * Decodes and validates a whole plan. Returns 0, or -1 with the reason in why.
 * Never reads outside buf[0..len).
 */
int plan_decode(const unsigned char *buf, size_t len, struct plan *out, char *why, size_t whylen);

const char *op_name(unsigned op);
struct state;
/* Runs a decoded step (its implementation is in the table in plan.c). */
void step_run(const struct step *s, struct state *st);

#endif

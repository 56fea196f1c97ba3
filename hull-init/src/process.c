/* process.c: the child's process attributes: names, sysctls, limits,
 * credentials and capabilities, no_new_privs, seccomp, LSM attributes. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "hull.h"

/* One write(2): proc and sysfs files take a value in a single write. */
int write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), err;
	ssize_t n;
	if (fd < 0)
		return -1;
	n = write(fd, data, len);
	err = n < 0 ? errno : EIO;
	close(fd);
	return n == (ssize_t)len ? 0 : (errno = err, -1);
}

int write_fmt(const char *path, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return write_file(path, buf, strlen(buf));
}

CALL_STEP(step_set_hostname, sethostname(s->str[0], strlen(s->str[0])))
CALL_STEP(step_set_domainname, setdomainname(s->str[0], strlen(s->str[0])))
CALL_STEP(step_chdir, chdir(s->str[0]))
CALL_STEP(step_no_new_privs, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
CALL_STEP(step_setsid, setsid())
CALL_STEP(step_write_attr, write_file(s->str[0], s->str[1], strlen(s->str[1])))

void step_sysctl(const struct step *s, struct state *st)
{
	char *path;

	(void)st;
	if (asprintf(&path, "/proc/sys/%s", s->str[0]) < 0)
		fail(s, errno);
	/* Every dot becomes a slash, so the key cannot hold a ".." component. */
	for (char *p = path; *p; p++)
		if (*p == '.')
			*p = '/';
	if (write_file(path, s->str[1], strlen(s->str[1])) < 0)
		fail(s, errno);
	free(path);
}

/* RLIM_INFINITY is all ones, as the plan's u64 max. */
CALL_STEP(step_rlimit, setrlimit((__rlimit_resource_t)s->num[0], &(struct rlimit){s->num[1], s->num[2]}))

CALL_STEP(step_umask, (umask((mode_t)(s->num[0] & 07777)), 0))

void step_credentials(const struct step *s, struct state *st)
{
	uid_t uid = (uid_t)s->num[0];
	gid_t gid = (gid_t)s->num[1];
	uint64_t bounding = s->num[2], eff = s->num[3], perm = s->num[4], inh = s->num[5], amb = s->num[6];
	struct __user_cap_header_struct hdr = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct data[2] = {
		{(uint32_t)eff, (uint32_t)perm, (uint32_t)inh},
		{(uint32_t)(eff >> 32), (uint32_t)(perm >> 32), (uint32_t)(inh >> 32)},
	};

	(void)st;
	/* PR_CAPBSET_READ fails with EINVAL past the kernel's last capability:
	 * the same bound as /proc/sys/kernel/cap_last_cap, without needing /proc. */
	for (int cap = 0; cap < 64; cap++) {
		int r = prctl(PR_CAPBSET_READ, cap, 0, 0, 0);
		if (r < 0)
			break;
		if (r && !(bounding >> cap & 1) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0)
			failf(s, errno, "drop capability %d from the bounding set", cap);
	}
	/* Keep the permitted set across the switch away from uid 0; capset
	 * then sets exactly the plan's sets. */
	if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
		failf(s, errno, "keep capabilities");
	if (!(s->num[7] & CRED_SKIP_SETGROUPS) && setgroups(s->ids_len, (gid_t *)s->ids) < 0)
		failf(s, errno, "setgroups");
	if (setresgid(gid, gid, gid) < 0 || setresuid(uid, uid, uid) < 0)
		failf(s, errno, "set uid %u gid %u", (unsigned)uid, (unsigned)gid);
	if (syscall(SYS_capset, &hdr, data) < 0)
		failf(s, errno, "capset");
	for (int cap = 0; cap < 64; cap++)
		if (amb >> cap & 1 && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0)
			failf(s, errno, "raise ambient capability %d", cap);
	if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0)
		failf(s, errno, "clear keep capabilities");
}

void step_seccomp(const struct step *s, struct state *st)
{
	struct sock_fprog prog = {
		.len = (unsigned short)(s->blob_len / sizeof(struct sock_filter)),
		.filter = (struct sock_filter *)s->blob, /* malloc'd: aligned */
	};
	long r = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, (unsigned)s->num[0], &prog);
	(void)st;
	if (r < 0)
		fail(s, errno);
	if (r > 0) /* a listener fd (FLAG_NEW_LISTENER): the plan has no way to pass it on */
		close((int)r);
}


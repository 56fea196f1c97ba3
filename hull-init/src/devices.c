/* devices.c: device nodes and symlinks in root. Both work relative to the
 * resolved parent directory and never follow the last component. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "hull.h"

void step_mknod(const struct step *s, struct state *st)
{
	const char *name;
	int dir = in_root_parent(st->root, s->str[0], &name);
	mode_t mask;

	if (dir < 0)
		fail(s, errno);
	if (unlinkat(dir, name, 0) < 0 && errno != ENOENT)
		failf(s, errno, "remove the existing node");
	/* The plan's mode is the node's mode: no umask. */
	mask = umask(0);
	if (mknodat(dir, name, (mode_t)s->num[0], makedev(s->num[1], s->num[2])) < 0)
		fail(s, errno);
	umask(mask);
	if (fchownat(dir, name, (uid_t)s->num[3], (gid_t)s->num[4], AT_SYMLINK_NOFOLLOW) < 0)
		failf(s, errno, "chown");
	close(dir);
}

void step_symlink(const struct step *s, struct state *st)
{
	const char *target = s->str[0];
	const char *name;
	char buf[PATH_MAX];
	int dir = in_root_parent(st->root, s->str[1], &name);
	ssize_t n;

	if (dir < 0)
		fail(s, errno);
	if (symlinkat(target, dir, name) < 0) {
		if (errno != EEXIST)
			fail(s, errno);
		n = readlinkat(dir, name, buf, sizeof buf);
		if (n < 0 || (size_t)n != strlen(target) || memcmp(buf, target, (size_t)n))
			fail(s, EEXIST);
	}
	close(dir);
}

/* A directory in root, with its parents (process.cwd, which runc also makes). */
void step_mkdir(const struct step *s, struct state *st)
{
	int fd = in_root_resolve(st->root, s->str[0], MK_DIR);

	if (fd < 0)
		fail(s, errno);
	close(fd);
}

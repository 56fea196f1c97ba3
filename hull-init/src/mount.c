/* mount.c: the MOUNT step. */
#include <errno.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include "hull.h"

/* Empty strings mean "none" (NULL) to mount(2): a propagation change has no
 * source, a bind no fstype, most mounts no data. */
static const char *opt(const char *s)
{
	return *s ? s : NULL;
}

void step_mount(const struct step *s, struct state *st)
{
	uint32_t o = (uint32_t)s->num[0];
	const char *source = s->str[0], *target = s->str[1];
	char sbuf[32], tbuf[32];
	int sfd = -1, tfd = -1;

	if (o & MOUNT_SOURCE_IN_ROOT) {
		if ((sfd = in_root_open(st->root, source)) < 0)
			failf(s, errno, "source %s", s->str[0]);
		source = fd_path(sfd, sbuf);
	}
	if (o & MOUNT_TARGET_IN_ROOT) {
		int create = o & MOUNT_MKDIR ? MK_DIR : o & MOUNT_MKFILE ? MK_FILE : MK_NONE;
		if (o & MOUNT_BIND_SOURCE_STAT) {
			/* A bind target must be of the source's kind: a file cannot be
			 * bound over a directory, nor a directory over a file. */
			struct stat sb;
			if (stat(source, &sb) < 0)
				failf(s, errno, "source %s", s->str[0]);
			create = S_ISDIR(sb.st_mode) ? MK_DIR : MK_FILE;
		}
		if ((tfd = in_root_resolve(st->root, target, create)) < 0)
			failf(s, errno, "target %s", s->str[1]);
		target = fd_path(tfd, tbuf);
	}
	if (mount(opt(source), target, opt(s->str[2]), (unsigned long)s->num[1], opt(s->str[3])) < 0)
		fail(s, errno);
	if (sfd >= 0)
		close(sfd);
	if (tfd >= 0)
		close(tfd);
}

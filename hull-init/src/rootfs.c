/* rootfs.c: the root for in-root paths, pivot_root, masked and read-only paths. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include "hull.h"

static int open_root(const char *path)
{
	return open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
}

/* A replaced root fd is left open: it is O_CLOEXEC, gone at exec. */
CALL_STEP(step_set_root, st->root = open_root(s->str[0]))

void step_pivot_root(const struct step *s, struct state *st)
{
	const char *new_root = s->str[0];

	if (s->num[0] & PIVOT_NO_PIVOT) {
		/* For a root that cannot be pivoted (e.g. on an initramfs). */
		if (chdir(new_root) < 0)
			fail(s, errno);
		if (mount(".", "/", NULL, MS_MOVE, NULL) < 0)
			failf(s, errno, "move mount");
		if (chroot(".") < 0)
			failf(s, errno, "chroot");
	} else {
		/* pivot_root(".", ".") stacks the old root on top of the new one; it
		 * is then detached without needing a directory for it in the rootfs. */
		int old = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		int new = open(new_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (old < 0 || new < 0 || fchdir(new) < 0)
			fail(s, errno);
		if (syscall(SYS_pivot_root, ".", ".") < 0)
			fail(s, errno);
		if (fchdir(old) < 0)
			fail(s, errno);
		/* Slave first, so that the unmount does not propagate to the host. */
		if (mount(NULL, ".", NULL, MS_SLAVE | MS_REC, NULL) < 0)
			failf(s, errno, "make the old root a slave");
		if (umount2(".", MNT_DETACH) < 0)
			failf(s, errno, "detach the old root");
		close(old); /* no fd to the host's root may stay, even until exec */
		close(new);
	}
	if (chdir("/") < 0 || (st->root = open_root("/")) < 0)
		fail(s, errno);
}

/* Resolves a path that may be missing; returns -1 for "skip". */
static int optional_path(const struct step *s, struct state *st)
{
	int fd = in_root_open(st->root, s->str[0]);
	if (fd < 0 && errno != ENOENT && errno != ENOTDIR)
		fail(s, errno);
	return fd;
}

void step_mask_path(const struct step *s, struct state *st)
{
	char buf[32], nbuf[32];
	struct stat sb;
	int fd = optional_path(s, st), null;

	if (fd < 0)
		return;
	if (fstat(fd, &sb) < 0)
		fail(s, errno);
	if (S_ISDIR(sb.st_mode)) {
		if (mount("tmpfs", fd_path(fd, buf), "tmpfs", MS_RDONLY, NULL) < 0)
			fail(s, errno);
	} else {
		/* Only the real null device is bound: a rootfs may carry a fake one. */
		if ((null = open("/dev/null", O_PATH | O_CLOEXEC)) < 0 || fstat(null, &sb) < 0)
			failf(s, errno, "/dev/null");
		if (!S_ISCHR(sb.st_mode) || sb.st_rdev != makedev(1, 3))
			failf(s, 0, "/dev/null is not the null device");
		if (mount(fd_path(null, nbuf), fd_path(fd, buf), NULL, MS_BIND, NULL) < 0)
			fail(s, errno);
		close(null);
	}
	close(fd);
}

/* mount_setattr keeps every other flag (nosuid, nodev, noexec, atime), which
 * a user namespace cannot drop anyway, and with AT_RECURSIVE covers submounts. */
static int set_readonly(int fd, unsigned flags)
{
	struct mount_attr attr = {.attr_set = MOUNT_ATTR_RDONLY};
	return (int)syscall(SYS_mount_setattr, fd, "", AT_EMPTY_PATH | flags, &attr, sizeof attr);
}

void step_readonly_path(const struct step *s, struct state *st)
{
	char buf[32];
	int fd = optional_path(s, st);

	if (fd < 0)
		return;
	if (mount(fd_path(fd, buf), buf, NULL, MS_BIND | MS_REC, NULL) < 0)
		failf(s, errno, "bind");
	close(fd);
	/* Resolve again: the old fd names the mount below the new bind. */
	if ((fd = in_root_open(st->root, s->str[0])) < 0 || set_readonly(fd, AT_RECURSIVE) < 0)
		failf(s, errno, "remount read-only");
	close(fd);
}

void step_remount_ro(const struct step *s, struct state *st)
{
	int fd = in_root_open(st->root, s->str[0]);
	if (fd < 0 || set_readonly(fd, 0) < 0)
		fail(s, errno);
	close(fd);
}

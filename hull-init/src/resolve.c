/* resolve.c: paths inside the container's root. openat2(RESOLVE_IN_ROOT)
 * treats the root fd as "/", so "..", absolute and relative symlinks cannot
 * leave it; RESOLVE_NO_MAGICLINKS refuses /proc/<pid>/fd style jumps. Steps
 * then act on the resolved fd through /proc/self/fd/N, so the path is never
 * looked up again (no race with a symlink swapped in meanwhile). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "hull.h"

const char *fd_path(int fd, char buf[32])
{
	snprintf(buf, 32, "/proc/self/fd/%d", fd);
	return buf;
}

/* An O_PATH fd for path below root, or -1 with errno. */
int in_root_open(int root, const char *path)
{
	struct open_how how = {
		.flags = O_PATH | O_CLOEXEC,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	return (int)syscall(SYS_openat2, root, *path ? path : ".", &how, sizeof how);
}

/* Creates what is missing, one component at a time: each component is made
 * with mkdirat (or openat O_CREAT|O_EXCL|O_NOFOLLOW for a last file) relative
 * to the already resolved parent fd, then the prefix is resolved again in
 * root. A symlink is therefore only ever followed by openat2 inside root. */
static int create(int root, const char *path, int last)
{
	char *buf = strdup(path);
	int parent = buf ? in_root_open(root, ".") : -1, fd = -1, err;

	for (char *c = buf; parent >= 0;) {
		c += strspn(c, "/");
		if (!*c) {
			fd = parent; /* done: the whole path */
			break;
		}
		char *end = c + strcspn(c, "/"), saved = *end;
		int file = last == MK_FILE && !end[strspn(end, "/")], r;
		*end = 0; /* buf is now the prefix, c its last component */
		if ((fd = in_root_open(root, buf)) < 0 && errno == ENOENT) {
			r = file ? openat(parent, c, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644)
				 : mkdirat(parent, c, 0755);
			if (file && r >= 0)
				close(r);
			if (r >= 0 || errno == EEXIST)
				fd = in_root_open(root, buf);
		}
		*end = saved;
		err = errno;
		close(parent);
		errno = err;
		parent = fd;
		c = end;
	}
	err = errno;
	free(buf);
	errno = err;
	return fd;
}

/* Resolves path in root; create says what to make of a missing path. */
int in_root_resolve(int root, const char *path, int create_as)
{
	int fd = in_root_open(root, path);
	if (fd >= 0 || errno != ENOENT || create_as == MK_NONE)
		return fd;
	return create(root, path, create_as);
}

/* Resolves (creating) the parent directory of path in root; *name is the
 * last component, for the *at calls that must not follow it. */
int in_root_parent(int root, const char *path, const char **name)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd;

	*name = slash ? slash + 1 : path;
	if (!**name || !strcmp(*name, ".") || !strcmp(*name, ".."))
		return errno = EINVAL, -1;
	if (!(dir = strndup(path, (size_t)(*name - path))))
		return -1;
	fd = in_root_resolve(root, dir, MK_DIR);
	free(dir);
	return fd;
}

/* exec.c: the start fifo, finding the executable, and execve. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "hull.h"

/* O_RDWR: opening does not wait for a writer, and reading waits for the one
 * byte "start" writes instead of ending at EOF. */
CALL_STEP(step_open_start_fifo, st->fifo = open(s->str[0], O_RDWR | O_CLOEXEC))

void step_await_start(const struct step *s, struct state *st)
{
	char c;
	ssize_t n;
	do
		n = read(st->fifo, &c, 1);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		fail(s, errno);
	if (n == 0)
		failf(s, 0, "start fifo closed");
	close(st->fifo);
	st->fifo = -1;
}

/* As execvp decides: a regular file with an execute bit. */
static int executable(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) < 0)
		return -1;
	if (S_ISDIR(sb.st_mode))
		return errno = EISDIR, -1;
	if (!S_ISREG(sb.st_mode) || !(sb.st_mode & 0111))
		return errno = EACCES, -1;
	return 0;
}

void step_resolve_exec(const struct step *s, struct state *st)
{
	const char *file = s->str[0], *dirs = s->str[1];

	/* Exit statuses as a shell's: 127 not found, 126 found but not runnable. */
	if (strchr(file, '/')) {
		if (executable(file) < 0)
			fail_at(errno == ENOENT || errno == ENOTDIR ? 127 : 126, s, errno, NULL);
		st->exec_path = (char *)file; /* the plan lives until exec */
		return;
	}
	/* As Go's LookPath (runc's): an empty PATH searches nothing. */
	for (const char *p = dirs; *dirs; p++) {
		const char *end = strchrnul(p, ':');
		int len = (int)(end - p);
		char *cand;
		/* An empty PATH entry is the current directory. */
		if (asprintf(&cand, "%.*s/%s", len ? len : 1, len ? p : ".", file) < 0)
			fail(s, errno);
		if (executable(cand) == 0) {
			st->exec_path = cand;
			return;
		}
		free(cand);
		if (!*(p = end))
			break;
	}
	fail_at(127, NULL, ENOENT, "exec: \"%s\": executable file not found in $PATH", file);
}

void step_exec(const struct step *s, struct state *st)
{
	int err;
	execve(st->exec_path, s->list[0], s->list[1]);
	/* The shell's convention, which callers rely on: 126 found but not
	 * runnable, 127 not found. */
	err = errno;
	fail_at(err == EACCES || err == ENOEXEC ? 126 : 127, s, err, NULL);
}

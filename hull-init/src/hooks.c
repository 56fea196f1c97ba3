/* hooks.c: run a hook (OCI runtime-spec hooks) with the state on stdin. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "hull.h"

void step_hook(const struct step *s, struct state *st)
{
	char *const *argv = s->list[0][0] ? s->list[0] : (char *const[]){(char *)s->str[0], NULL};
	unsigned timeout = (unsigned)s->num[0];
	posix_spawn_file_actions_t fa;
	int p[2], status, pidfd, r;
	pid_t pid;

	/* The whole state goes into the pipe before the hook starts (the pipe is
	 * made large enough), while this process still holds the read end: no
	 * blocking on a hook that does not read, and no SIGPIPE. */
	if (pipe2(p, O_CLOEXEC) < 0)
		failf(s, errno, "pipe");
	if (st->hook_state_len > 65536 && fcntl(p[1], F_SETPIPE_SZ, (int)st->hook_state_len) < 0)
		failf(s, errno, "grow the state pipe");
	if (st->hook_state_len && write(p[1], st->hook_state, st->hook_state_len) != (ssize_t)st->hook_state_len)
		failf(s, errno, "write the state");
	close(p[1]);
	/* posix_spawn reports a failed execve as its result. */
	if ((r = posix_spawn_file_actions_init(&fa)) || (r = posix_spawn_file_actions_adddup2(&fa, p[0], 0)))
		failf(s, r, "spawn");
	if ((r = posix_spawn(&pid, s->str[0], &fa, NULL, argv, s->list[1])))
		failf(s, r, "exec %s", s->str[0]);
	close(p[0]);
	if ((pidfd = (int)syscall(SYS_pidfd_open, pid, 0)) < 0)
		failf(s, errno, "pidfd_open");
	struct pollfd pfd = {.fd = pidfd, .events = POLLIN};
	do
		r = poll(&pfd, 1, timeout && timeout <= 2000000 ? (int)(timeout * 1000) : -1);
	while (r < 0 && errno == EINTR);
	if (r == 0)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			failf(s, errno, "wait");
	close(pidfd);
	if (r == 0)
		failf(s, 0, "timed out after %u seconds", timeout);
	if (WIFSIGNALED(status))
		failf(s, 0, "killed by signal %d", WTERMSIG(status));
	if (WEXITSTATUS(status))
		failf(s, 0, "exited with status %d", WEXITSTATUS(status));
}

/* launcher.c: the steps before CLONE, which run in hull-init itself in the
 * caller's namespaces, and CLONE: the child, its id maps, and (WAIT) the wait. */
#include <errno.h>
#include <grp.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include "hull.h"

void step_preserve_fds(const struct step *s, struct state *st)
{
	/* Keep 0..end-1 and the control fd: close [end, ctl) and what is above
	 * both. 64-bit sums: count may be near 2^32. */
	uint64_t end = 3 + s->num[0], ctl = (unsigned)ctl_fd, from = end > ctl ? end : ctl + 1;

	(void)st;
	if (end < ctl && close_range((unsigned)end, (unsigned)ctl - 1, 0) < 0)
		fail(s, errno);
	if (from <= ~0u && close_range((unsigned)from, ~0u, 0) < 0)
		fail(s, errno);
}

CALL_STEP(step_join_cgroup, write_fmt(s->str[0], "%d", getpid()))
CALL_STEP(step_oom_score_adj, write_fmt("/proc/self/oom_score_adj", "%d", (int32_t)(uint32_t)s->num[0]))

void step_console_connect(const struct step *s, struct state *st)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	size_t len = strlen(s->str[0]);
	int fd;

	if (len >= sizeof sa.sun_path)
		fail(s, ENAMETOOLONG);
	memcpy(sa.sun_path, s->str[0], len);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		fail(s, errno);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
		fail(s, errno);
	st->console = fd;
}

void step_setns(const struct step *s, struct state *st)
{
	int fd = open(s->str[0], O_RDONLY | O_CLOEXEC);
	(void)st;
	if (fd < 0 || setns(fd, (int)s->num[0]) < 0)
		fail(s, errno);
	close(fd);
}

void step_time_ns(const struct step *s, struct state *st)
{
	(void)st;
	if (unshare(CLONE_NEWTIME) < 0)
		failf(s, errno, "unshare");
	/* Both clocks in one write: the offsets can only be set once. */
	if (write_fmt("/proc/self/timens_offsets", "monotonic %lld %u\nboottime %lld %u\n", (long long)s->num[0],
		      (unsigned)s->num[1], (long long)s->num[2], (unsigned)s->num[3]) < 0)
		failf(s, errno, "write /proc/self/timens_offsets");
}

static volatile pid_t child;
static const int forwarded[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH};

static void forward(int sig)
{
	kill(child, sig);
}

static void write_map(const struct step *s, pid_t pid, const char *file, const char *data)
{
	char path[64];
	if (!*data)
		return;
	snprintf(path, sizeof path, "/proc/%d/%s", pid, file);
	if (write_file(path, data, strlen(data)) < 0) {
		int err = errno;
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		failf(s, err, "write %s", path);
	}
}

/* Returns in the child only; the launcher exits here. */
void step_clone(const struct step *s, struct state *st)
{
	sigset_t fwd, old;
	int sync[2], status;
	long pid;
	char go = 0;

	if (pipe2(sync, O_CLOEXEC) < 0)
		fail(s, errno);
	/* Signals to forward stay blocked until the launcher has its handlers:
	 * the child must not inherit handlers that would signal pid 0. */
	sigemptyset(&fwd);
	for (size_t i = 0; i < sizeof forwarded / sizeof *forwarded; i++)
		sigaddset(&fwd, forwarded[i]);
	sigprocmask(SIG_BLOCK, &fwd, &old);
	/* Plain fork semantics (no CLONE_VM, same stack). glibc's cached tid is
	 * stale in the child: it must not use raise, abort or pthread_kill. */
	pid = syscall(SYS_clone, SIGCHLD | (unsigned long)s->num[0], NULL, NULL, NULL, 0);
	if (pid < 0)
		fail(s, errno);
	if (pid == 0) {
		ssize_t n;
		sigprocmask(SIG_SETMASK, &old, NULL);
		close(sync[1]);
		/* Wait until the maps are written: before that we have no ids. */
		do
			n = read(sync[0], &go, 1);
		while (n < 0 && errno == EINTR);
		if (n != 1)
			_exit(1); /* the launcher failed and has reported it */
		close(sync[0]);
		/* In a new user namespace our host ids are unmapped there: become its
		 * root (the owner of the new namespaces), as runc does, and drop the
		 * host's supplementary groups when setgroups is allowed. */
		if (s->num[0] & CLONE_NEWUSER) {
			if (!(s->num[1] & CLONE_OPT_SETGROUPS_DENY) && setgroups(0, NULL) < 0)
				failf(s, errno, "setgroups in the user namespace");
			if (setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0)
				failf(s, errno, "become root in the user namespace");
		}
		if (st->root < 0 && (st->root = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0)
			fail(s, errno);
		return;
	}
	close(sync[0]);
	signal(SIGPIPE, SIG_IGN); /* a dead child: EPIPE and an ERROR, not a silent death */
	child = (pid_t)pid;
	if (s->num[1] & CLONE_OPT_SETGROUPS_DENY)
		write_map(s, child, "setgroups", "deny");
	write_map(s, child, "uid_map", s->str[0]);
	write_map(s, child, "gid_map", s->str[1]);
	if (channel_send_i32(MSG_PID, (int32_t)pid) < 0) {
		int err = errno;
		kill(child, SIGKILL);
		failf(s, err, "send PID");
	}
	if (write(sync[1], &go, 1) != 1)
		failf(s, errno, "release the child");
	close(sync[1]);
	if (st->console >= 0)
		close(st->console); /* the child's copy is the one that counts */
	if (!(s->num[1] & CLONE_OPT_WAIT))
		_exit(0);

	struct sigaction sa = {.sa_handler = forward};
	for (size_t i = 0; i < sizeof forwarded / sizeof *forwarded; i++)
		sigaction(forwarded[i], &sa, NULL);
	sigprocmask(SIG_SETMASK, &old, NULL);
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR)
			fail(s, errno);
	channel_send_i32(MSG_EXIT, status);
	_exit(WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status));
}

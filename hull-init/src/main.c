/* main.c: hull-init's entry. "hull-init CTL_FD" receives a plan on the control
 * channel and executes it; "hull-init --check" decodes a plan from stdin with
 * the same decoder and lists its steps. See docs/plan-format.md. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "hull.h"

static int check(void)
{
	/* Room for one byte past the limit, so that an oversized plan is seen;
	 * untouched pages cost nothing. */
	unsigned char *buf = malloc(PLAN_MAX_BYTES + 1);
	size_t len = 0;
	ssize_t n = 1;
	char why[512];
	struct plan plan;

	while (buf && len <= PLAN_MAX_BYTES && (n > 0 || (n < 0 && errno == EINTR)))
		if ((n = read(0, buf + len, PLAN_MAX_BYTES + 1 - len)) > 0)
			len += (size_t)n;
	if (!buf || n < 0)
		snprintf(why, sizeof why, "read stdin: %s", strerror(buf ? errno : ENOMEM));
	if (!buf || n < 0 || plan_decode(buf, len, &plan, why, sizeof why) < 0) {
		fprintf(stderr, "hull-init: plan: %s\n", why);
		return 2;
	}
	for (uint32_t i = 0; i < plan.count; i++)
		printf("%s %s\n", op_name(plan.steps[i].op), plan.steps[i].desc);
	return fflush(stdout) ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct state st = {.root = -1, .console = -1, .fifo = -1};
	unsigned char *buf;
	char why[512], *end;
	struct plan plan;
	size_t len;
	long fd;

	if (argc == 2 && !strcmp(argv[1], "--check"))
		return check();
	errno = 0;
	fd = argc == 2 ? strtol(argv[1], &end, 10) : -1;
	if (argc != 2 || errno || *end || end == argv[1] || fd < 0 || fd > 0x7fffffff) {
		fprintf(stderr, "usage: hull-init CTL_FD | hull-init --check < plan\n");
		return 2;
	}
	/* The container's process must not inherit the control channel. */
	if (fcntl((int)fd, F_SETFD, FD_CLOEXEC) < 0) {
		fprintf(stderr, "hull-init: control fd %ld: %s\n", fd, strerror(errno));
		return 2;
	}
	ctl_fd = (int)fd;
	/* An inherited SIG_IGN would have children reaped behind waitpid's back. */
	signal(SIGCHLD, SIG_DFL);
	if (channel_recv_plan(&buf, &len, why, sizeof why) < 0 ||
	    plan_decode(buf, len, &plan, why, sizeof why) < 0)
		fail_at(2, NULL, 0, "plan: %s", why);
	/* Nothing runs before the whole plan is known to be good. */
	for (uint32_t i = 0; i < plan.count; i++)
		step_run(&plan.steps[i], &st);
	return 0;
}

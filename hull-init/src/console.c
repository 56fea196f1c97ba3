/* console.c: the container's terminal. The master goes to whoever listens on
 * the console socket (as runc does: SCM_RIGHTS, the pts path as payload); the
 * slave becomes the controlling terminal and fds 0, 1 and 2. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include "hull.h"

static int send_fd(int sock, int fd, const char *name)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = {0};
	struct iovec iov = {.iov_base = (void *)name, .iov_len = strlen(name)};
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
			     .msg_controllen = sizeof cbuf};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	ssize_t n;

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof fd);
	do
		n = sendmsg(sock, &msg, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	return n < 0 ? -1 : 0;
}

void step_console(const struct step *s, struct state *st)
{
	char name[32];
	unsigned int ptn;
	int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC), slave;

	if (master < 0)
		failf(s, errno, "open /dev/ptmx");
	if (unlockpt(master) < 0 || ioctl(master, TIOCGPTN, &ptn) < 0)
		failf(s, errno, "unlock the pty");
	snprintf(name, sizeof name, "/dev/pts/%u", ptn);
	/* TIOCGPTPEER opens the slave through the master, not by its name, so a
	 * different /dev/pts mounted meanwhile cannot hand us another terminal. */
	if ((slave = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
		failf(s, errno, "open the pty slave");
	if (s->num[0] || s->num[1]) {
		struct winsize ws = {.ws_row = (unsigned short)s->num[0], .ws_col = (unsigned short)s->num[1]};
		if (ioctl(master, TIOCSWINSZ, &ws) < 0)
			failf(s, errno, "set the window size");
	}
	if (send_fd(st->console, master, name) < 0)
		failf(s, errno, "send the pty master");
	close(master);
	close(st->console);
	st->console = -1;
	/* A session leader already (SETSID earlier) is fine: setsid would fail. */
	if (getsid(0) != getpid() && setsid() < 0)
		failf(s, errno, "setsid");
	if (ioctl(slave, TIOCSCTTY, 0) < 0)
		failf(s, errno, "make the pty the controlling terminal");
	for (int fd = 0; fd < 3; fd++)
		if (dup2(slave, fd) < 0)
			failf(s, errno, "dup2 the pty to fd %d", fd);
	if (slave > 2)
		close(slave);
}

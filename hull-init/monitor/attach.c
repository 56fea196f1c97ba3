/* attach.c: the attach socket. Clients (hull attach, a foreground hull run)
 * connect with SOCK_SEQPACKET; each packet's first byte says what it holds
 * (monitor.h). Output goes to every client; a client that cannot keep up is
 * dropped rather than allowed to stall the container. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>
#include "monitor.h"

#define MAX_CLIENTS 16

static int clients[MAX_CLIENTS];
static int nclients;

int attach_listen(const char *path)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int fd;

	if (strlen(path) >= sizeof sa.sun_path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(sa.sun_path, path);
	unlink(path);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 8) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void drop(int i)
{
	close(clients[i]);
	clients[i] = clients[--nclients];
}

void attach_accept(int listener)
{
	int fd = accept4(listener, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);

	if (fd < 0)
		return;
	if (nclients == MAX_CLIENTS) {
		close(fd);
		return;
	}
	clients[nclients++] = fd;
}

static void send_all_clients(const char *pkt, size_t n)
{
	for (int i = nclients - 1; i >= 0; i--)
		if (send(clients[i], pkt, n, MSG_NOSIGNAL) < 0)
			drop(i);
}

void attach_broadcast(enum stream s, const char *buf, size_t n)
{
	char pkt[1 + 16384];

	while (n > 0) {
		size_t take = n < sizeof pkt - 1 ? n : sizeof pkt - 1;
		pkt[0] = (char)s;
		memcpy(pkt + 1, buf, take);
		send_all_clients(pkt, take + 1);
		buf += take;
		n -= take;
	}
}

void attach_exit(int code)
{
	char pkt[5] = {ATTACH_EXIT};
	int32_t c = code;

	memcpy(pkt + 1, &c, 4);
	for (int i = nclients - 1; i >= 0; i--) {
		/* read what the client sent last (say the end of its stdin): a unix
		 * socket closed with unread packets makes the client's recv fail with
		 * ECONNRESET instead of giving it the exit packet */
		char junk[1 + 16384];
		while (recv(clients[i], junk, sizeof junk, MSG_DONTWAIT) > 0)
			;
		/* the exit packet must arrive: wait for room */
		fcntl(clients[i], F_SETFL, 0);
		send(clients[i], pkt, sizeof pkt, MSG_NOSIGNAL);
		drop(i);
	}
}

int attach_fds(int *fds, int max)
{
	int n = nclients < max ? nclients : max;

	memcpy(fds, clients, (size_t)n * sizeof *fds);
	return n;
}

void attach_input(int fd, int in_fd, int tty_fd, int *stdin_closed)
{
	char pkt[1 + 16384];
	ssize_t n = recv(fd, pkt, sizeof pkt, 0);

	if (n <= 0) {
		if (n == 0 || (errno != EAGAIN && errno != EINTR))
			for (int i = 0; i < nclients; i++)
				if (clients[i] == fd) {
					drop(i);
					break;
				}
		return;
	}
	if (pkt[0] == ATTACH_STDIN && in_fd >= 0 && !*stdin_closed) {
		write_all(in_fd, pkt + 1, (size_t)n - 1);
	} else if (pkt[0] == ATTACH_RESIZE && tty_fd >= 0 && n >= 5) {
		uint16_t rc[2];
		memcpy(rc, pkt + 1, 4);
		struct winsize ws = {.ws_row = rc[0], .ws_col = rc[1]};
		ioctl(tty_fd, TIOCSWINSZ, &ws);
	} else if (pkt[0] == ATTACH_CLOSE_STDIN && in_fd >= 0 && tty_fd < 0) {
		/* only a pipe can be closed: a terminal's input stays open for the next client */
		close(in_fd);
		*stdin_closed = 1;
	}
}

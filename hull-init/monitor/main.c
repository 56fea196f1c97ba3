/* main.c: hull-monitor's start (detach, start hull-init) and its event loop
 * (output to the log and to attach clients, reaping, the exit record). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include "monitor.h"

struct options {
	const char *dir, *log;
	long long max_size;
	int max_files, tty, stdin_open;
	char *exit_cmd[32];
	int nexit;
	char *const *init_argv;  /* hull-init CTLFD */
	int ctl_fd;
};

static int report_fd = -1;   /* to the starting process until hull-init runs */
static int ctl_fd = -1;      /* hull-init's control channel, until handed to hull-init */


int write_all(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Before hull-init runs, errors go back to whoever started the monitor: as an
 * ERROR message on hull-init's control channel (docs/plan-format.md), which the
 * engine reads anyway, and on the starter's stderr. */
void die(const char *what)
{
	char pkt[12 + 500];
	int32_t err = errno;
	uint32_t head[3] = {17 /* MSG_ERROR */, (uint32_t)err, 0};
	char *text = pkt + 12;
	int n = snprintf(text, 500, "hull-monitor: %s: %s", what, strerror(err));

	if (n > 499)
		n = 499;
	head[2] = (uint32_t)n;
	memcpy(pkt, head, sizeof head); /* little-endian u32 type, i32 errno, u32 length, text */
	if (ctl_fd >= 0)
		send(ctl_fd, pkt, 12 + (size_t)n, MSG_NOSIGNAL);
	if (report_fd >= 0)
		write_all(report_fd, text, (size_t)n);
	_exit(1);
}

static void usage(void)
{
	fputs("usage: hull-monitor -d DIR [-l LOG] [-s MAX_SIZE] [-n MAX_FILES] [-t] [-i] [-x EXIT_CMD_WORD]... "
	      "-- HULL_INIT CTL_FD\n", stderr);
	exit(2);
}

static void parse(int argc, char **argv, struct options *o)
{
	int c;

	memset(o, 0, sizeof *o);
	o->max_files = 1;
	while ((c = getopt(argc, argv, "+d:l:s:n:tix:")) != -1) {
		switch (c) {
		case 'd': o->dir = optarg; break;
		case 'l': o->log = optarg; break;
		case 's': o->max_size = atoll(optarg); break;
		case 'n': o->max_files = atoi(optarg); break;
		case 't': o->tty = 1; break;
		case 'i': o->stdin_open = 1; break;
		case 'x':
			if (o->nexit == 31)
				usage();
			o->exit_cmd[o->nexit++] = optarg;
			break;
		default: usage();
		}
	}
	if (!o->dir || argc - optind != 2)
		usage();
	o->init_argv = argv + optind;
	o->ctl_fd = atoi(argv[optind + 1]);
}

/* The container's init pid, once the engine has written DIR/pid; 0 before. */
static pid_t read_pid(void)
{
	char buf[32] = {0};
	int fd = open("pid", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	return n > 0 ? (pid_t)atoi(buf) : 0;
}

static int shell_status(int status)
{
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

/* DIR/exit.json, replaced atomically so a reader never sees half of it. */
static void record_exit(int status)
{
	char buf[256];
	struct timespec ts;
	struct tm tm;
	int fd, n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = snprintf(buf, sizeof buf,
		     "{\"exitCode\":%d,\"signal\":%d,\"finishedAt\":\"%04d-%02d-%02dT%02d:%02d:%02d.%09ldZ\"}\n",
		     shell_status(status), WIFSIGNALED(status) ? WTERMSIG(status) : 0, tm.tm_year + 1900,
		     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec);
	fd = open(".exit.json.tmp", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	write_all(fd, buf, (size_t)n);
	fsync(fd);
	close(fd);
	rename(".exit.json.tmp", "exit.json");
}

/* Receives the pty master that hull-init sends over the console socket. */
static int receive_master(int listener)
{
	char name[256], cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = {.iov_base = name, .iov_len = sizeof name};
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof cbuf};
	int conn = accept4(listener, NULL, NULL, SOCK_CLOEXEC), fd = -1;

	if (conn < 0)
		return -1;
	if (recvmsg(conn, &msg, MSG_CMSG_CLOEXEC) > 0) {
		struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
		if (c && c->cmsg_type == SCM_RIGHTS)
			memcpy(&fd, CMSG_DATA(c), sizeof fd);
	}
	close(conn);
	if (fd >= 0)
		fcntl(fd, F_SETFL, O_NONBLOCK);
	return fd;
}

static void start_hull_init(const struct options *o, int in, int out, int err, pid_t *launcher)
{
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);

	*launcher = fork();
	if (*launcher < 0)
		die("fork hull-init");
	if (*launcher == 0) {
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGPIPE, SIG_DFL);
		if (dup2(in >= 0 ? in : null, 0) < 0 || dup2(out >= 0 ? out : null, 1) < 0 ||
		    dup2(err >= 0 ? err : null, 2) < 0)
			die("set up hull-init's stdio");
		execv(o->init_argv[0], o->init_argv);
		die(o->init_argv[0]);
	}
	close(null);
}

struct reaped {
	pid_t pid;
	int status;
};

struct loop {
	const struct options *o;
	struct jsonlog log;
	int logging;
	int out, err, in, master, console, attach, sig;
	int stdin_closed;
	pid_t launcher, init;
	int launcher_done, init_done, init_status, no_children;
	struct reaped early[64];  /* reaped before DIR/pid named the init */
	int nearly;
};

static void output(struct loop *l, int *fd, enum stream s)
{
	char buf[16384];
	ssize_t n = read(*fd, buf, sizeof buf);

	if (n > 0) {
		if (l->logging)
			jsonlog_write(&l->log, s, buf, (size_t)n);
		attach_broadcast(s, buf, (size_t)n);
	} else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
		/* EOF, or EIO from a pty master once the last slave is closed */
		if (*fd == l->master)
			l->master = -1;
		close(*fd);
		*fd = -1;
	}
}

static void reap(struct loop *l)
{
	struct signalfd_siginfo si;
	int status;
	pid_t p;

	while (read(l->sig, &si, sizeof si) == sizeof si)
		;
	while ((p = waitpid(-1, &status, WNOHANG)) != 0) {
		if (p < 0) {
			l->no_children = errno == ECHILD;
			return;
		}
		if (p == l->launcher) {
			l->launcher_done = 1;
		} else if (l->init == 0 && (l->init = read_pid()) == 0) {
			l->early[l->nearly++ % 64] = (struct reaped){p, status};
		}
		if (l->init != 0 && p == l->init) {
			l->init_done = 1;
			l->init_status = status;
		}
	}
}

/* The init pid appears in DIR/pid after create; it may already have been reaped. */
static void find_init(struct loop *l)
{
	if (l->init != 0 || (l->init = read_pid()) == 0)
		return;
	for (int i = 0; i < l->nearly && i < 64; i++)
		if (l->early[i].pid == l->init) {
			l->init_done = 1;
			l->init_status = l->early[i].status;
		}
}

static void run(struct loop *l)
{
	struct pollfd p[8 + 16];
	int fds[16], drain_ms = 2000;

	for (;;) {
		int n = 0, nc, timeout = -1;
		if (l->init == 0 && l->launcher_done)
			find_init(l);
		if (l->init_done && ((l->out < 0 && l->err < 0 && l->master < 0) || drain_ms <= 0))
			return;
		if (l->init == 0 && l->launcher_done && l->no_children && !l->init_done)
			return; /* create failed: no container to watch */
		if (l->init == 0 && l->launcher_done)
			timeout = 100;  /* waiting for DIR/pid */
		if (l->init_done)
			timeout = 100, drain_ms -= 100;  /* output left in the pipes, for a while */
		p[n++] = (struct pollfd){.fd = l->sig, .events = POLLIN};
		p[n++] = (struct pollfd){.fd = l->out, .events = POLLIN};
		p[n++] = (struct pollfd){.fd = l->err, .events = POLLIN};
		p[n++] = (struct pollfd){.fd = l->master, .events = POLLIN};
		p[n++] = (struct pollfd){.fd = l->console, .events = POLLIN};
		p[n++] = (struct pollfd){.fd = l->attach, .events = POLLIN};
		nc = attach_fds(fds, 16);
		for (int i = 0; i < nc; i++)
			p[n++] = (struct pollfd){.fd = fds[i], .events = POLLIN};
		if (poll(p, (nfds_t)n, timeout) < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		if (p[0].revents)
			reap(l);
		if (p[1].revents)
			output(l, &l->out, STREAM_STDOUT);
		if (p[2].revents)
			output(l, &l->err, STREAM_STDERR);
		if (p[3].revents)
			output(l, &l->master, STREAM_STDOUT);
		if (p[4].revents) {
			l->master = receive_master(l->console);
			close(l->console);
			l->console = -1;
		}
		if (p[5].revents)
			attach_accept(l->attach);
		for (int i = 6; i < n; i++)
			if (p[i].revents)
				attach_input(p[i].fd, l->master >= 0 ? l->master : l->in, l->master, &l->stdin_closed);
	}
}

int main(int argc, char **argv)
{
	struct options o;
	struct loop l = {.out = -1, .err = -1, .in = -1, .master = -1, .console = -1};
	int report[2], out[2] = {-1, -1}, err[2] = {-1, -1}, in[2] = {-1, -1}, null;
	char msg[512];
	sigset_t mask;
	pid_t pid;

	parse(argc, argv, &o);
	l.o = &o;
	ctl_fd = o.ctl_fd;
	if (pipe2(report, O_CLOEXEC) < 0)
		die("pipe");
	if ((pid = fork()) < 0)
		die("fork");
	if (pid > 0) {
		/* the starter's child: pass on an error, or exit 0 once hull-init runs */
		close(report[1]);
		ssize_t n = read(report[0], msg, sizeof msg - 1);
		if (n > 0) {
			msg[n] = '\n';
			write_all(2, msg, (size_t)n + 1);
			_exit(1);
		}
		_exit(0);
	}
	close(report[0]);
	report_fd = report[1];
	setsid();
	/* every file of the monitor is in DIR: relative names keep socket paths short */
	if (chdir(o.dir) < 0)
		die(o.dir);
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)
		die("become child subreaper");
	/* the monitor outlives its starter: it must not hold the starter's stdio open */
	if ((null = open("/dev/null", O_RDWR)) < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0)
		die("open /dev/null");
	close(null);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	if ((l.sig = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK)) < 0)
		die("signalfd");
	if (o.log) {
		if (jsonlog_open(&l.log, o.log, o.max_size, o.max_files) < 0)
			die(o.log);
		l.logging = 1;
	}
	if ((l.attach = attach_listen("attach.sock")) < 0)
		die("listen on attach.sock");
	if (o.tty) {
		/* hull-init connects here to hand over the pty master */
		int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		struct sockaddr_un sa = {.sun_family = AF_UNIX};
		strcpy(sa.sun_path, "console.sock");
		unlink(sa.sun_path);
		if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 1) < 0)
			die("listen on console.sock");
		l.console = fd;
	} else if (pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0 ||
		   (o.stdin_open && pipe2(in, O_CLOEXEC) < 0)) {
		die("pipe");
	}
	start_hull_init(&o, in[0], out[1], err[1], &l.launcher);
	close(o.ctl_fd);
	ctl_fd = -1;
	close(in[0]);
	close(out[1]);
	close(err[1]);
	l.out = out[0];
	l.err = err[0];
	l.in = in[1];
	fcntl(l.out, F_SETFL, O_NONBLOCK);
	fcntl(l.err, F_SETFL, O_NONBLOCK);
	snprintf(msg, sizeof msg, "%d", getpid());
	int fd = open("monitor.pid", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write_all(fd, msg, strlen(msg)) < 0)
		die("write monitor.pid");
	close(fd);
	close(report_fd);
	report_fd = -1;

	run(&l);

	if (l.logging)
		jsonlog_flush(&l.log);
	if (!l.init_done)
		return 0;
	record_exit(l.init_status);
	attach_exit(shell_status(l.init_status));
	unlink("attach.sock");
	unlink("console.sock");
	if (o.nexit > 0) {
		o.exit_cmd[o.nexit] = NULL;
		sigprocmask(SIG_UNBLOCK, &mask, NULL);
		if (chdir("/") < 0)
			return 127;
		execv(o.exit_cmd[0], o.exit_cmd);
		return 127;
	}
	return 0;
}

/* monitor.h: what the parts of hull-monitor share.
 *
 * hull-monitor is the per-container monitor: the parent (as child subreaper) of
 * one container's init. It starts hull-init, which makes the container and
 * exits; the container's init is then re-parented to the monitor, which waits
 * for it, writes its output to a json-file log, holds its terminal, serves
 * attach clients and records the exit status. It holds no policy: every path
 * and limit comes from its command line (docs/monitor.md). */
#ifndef HULL_MONITOR_H
#define HULL_MONITOR_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum stream { STREAM_STDOUT = 1, STREAM_STDERR = 2 };

/* Attach protocol (SOCK_SEQPACKET): the first byte of a packet is its type. */
enum { ATTACH_STDIN = 0, ATTACH_RESIZE = 1, ATTACH_CLOSE_STDIN = 2 }; /* client to monitor */
enum { ATTACH_EXIT = 3 };  /* monitor to client, then an int32 exit code; 1 and 2 carry output */

/* jsonlog.c */
struct jsonlog {
	int fd;
	const char *path;
	long long max_size;    /* rotate before a write would pass it; 0: never */
	int max_files;         /* files kept, the current one included */
	long long size;
	char line[2][16384];   /* a partial line per stream */
	size_t used[2];
};
int jsonlog_open(struct jsonlog *l, const char *path, long long max_size, int max_files);
void jsonlog_write(struct jsonlog *l, enum stream s, const char *buf, size_t n);
void jsonlog_flush(struct jsonlog *l); /* writes out partial lines (at EOF) */

/* attach.c */
int attach_listen(const char *path);
void attach_accept(int listener);
void attach_broadcast(enum stream s, const char *buf, size_t n);
void attach_exit(int code);
/* fills pfds with the clients' fds; returns how many */
int attach_fds(int *fds, int max);
/* handles input from one client: stdin bytes go to in_fd, resizes to tty_fd */
void attach_input(int fd, int in_fd, int tty_fd, int *stdin_closed);

/* util */
void die(const char *what);
int write_all(int fd, const char *buf, size_t n);

#endif

/* channel.c: control channel messages (SOCK_SEQPACKET, one message a packet),
 * error reporting, and the SYNC and READY steps that talk to Java. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include "hull.h"

#define MAX_MSG 4000 /* longer error messages are cut: a message must fit one packet */

int ctl_fd = -1;

static void put_u32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int channel_send(uint32_t type, const void *body, size_t len)
{
	unsigned char buf[4 + 8 + MAX_MSG];
	ssize_t n;
	if (len > sizeof buf - 4)
		return errno = EMSGSIZE, -1;
	put_u32(buf, type);
	if (len)
		memcpy(buf + 4, body, len);
	/* MSG_NOSIGNAL: when Java is gone, fail with EPIPE instead of dying. */
	do
		n = send(ctl_fd, buf, 4 + len, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)(4 + len) ? 0 : -1;
}

int channel_send_i32(uint32_t type, int32_t v)
{
	unsigned char body[4];
	put_u32(body, (uint32_t)v);
	return channel_send(type, body, 4);
}

/* Sends "<desc>[: <detail>][: <strerror(err)>]" as ERROR and exits with code.
 * Without a step the detail is the whole message, and err only travels in the
 * errno field. Printed only when nobody listens any more: never lost. */
void fail_at(int code, const struct step *s, int err, const char *fmt, ...)
{
	char detail[MAX_MSG] = "", msg[MAX_MSG + 1], body[8 + MAX_MSG];
	int why = s && err, len;
	va_list ap;
	size_t n;

	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(detail, sizeof detail, fmt, ap);
		va_end(ap);
	}
	len = snprintf(msg, sizeof msg, "%s%s%s%s%s", s ? s->desc : "", s && fmt ? ": " : "", detail,
		       why ? ": " : "", why ? strerror(err) : "");
	n = len < 0 ? 0 : len < MAX_MSG ? (size_t)len : MAX_MSG; /* cut, not lost */
	put_u32((unsigned char *)body, (uint32_t)err);
	put_u32((unsigned char *)body + 4, (uint32_t)n);
	memcpy(body + 8, msg, n);
	if (channel_send(MSG_ERROR, body, 8 + n) < 0)
		fprintf(stderr, "hull-init: %s\n", msg);
	_exit(code);
}

/* Closing a unix socket with unread packets makes the peer's next recv fail
 * with ECONNRESET before it sees our ERROR: read what Java has sent so far. */
static int refuse(char *why, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int refuse(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;
	char c;
	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	while (recv(ctl_fd, &c, 1, MSG_DONTWAIT) > 0)
		;
	return -1;
}

/* Receives one packet of at most max bytes into a new buffer. Returns its
 * length, 0 at end of stream, -1 with errno. MSG_TRUNC on a peek gives the
 * packet's real size, so a packet is never silently cut. */
static ssize_t recv_packet(unsigned char **out, size_t max)
{
	ssize_t n, m;
	do
		n = recv(ctl_fd, NULL, 0, MSG_PEEK | MSG_TRUNC);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return n;
	if ((size_t)n > max) {
		recv(ctl_fd, NULL, 0, MSG_DONTWAIT); /* consume it: see refuse() */
		return errno = EMSGSIZE, -1;
	}
	if (!(*out = malloc((size_t)n)))
		return -1;
	do
		m = recv(ctl_fd, *out, (size_t)n, 0);
	while (m < 0 && errno == EINTR);
	return m;
}

int channel_recv_plan(unsigned char **plan, size_t *len, char *why, size_t wlen)
{
	unsigned char *p;
	ssize_t n = recv_packet(&p, 8);
	size_t total, got = 0;
	if (n <= 0)
		return refuse(why, wlen, "receive PLAN_BEGIN: %s", n ? strerror(errno) : "channel closed");
	if (n != 8 || get_u32(p) != MSG_PLAN_BEGIN)
		return refuse(why, wlen, "expected PLAN_BEGIN, got a %zd-byte packet", n);
	total = get_u32(p + 4);
	free(p);
	if (total > PLAN_MAX_BYTES)
		return refuse(why, wlen, "PLAN_BEGIN announces %zu bytes, more than 16 MiB", total);
	if (!(*plan = malloc(total ? total : 1)))
		return refuse(why, wlen, "out of memory");
	while (got < total) {
		n = recv_packet(&p, 4 + 60000);
		if (n <= 0)
			return refuse(why, wlen, "receive PLAN_DATA after %zu of %zu bytes: %s", got, total,
				      n ? strerror(errno) : "channel closed");
		if (n < 5 || get_u32(p) != MSG_PLAN_DATA || (size_t)n - 4 > total - got)
			return refuse(why, wlen, "expected PLAN_DATA of at most %zu bytes, got a %zd-byte packet",
				      total - got, n);
		memcpy(*plan + got, p + 4, (size_t)n - 4);
		got += (size_t)n - 4;
		free(p);
	}
	*len = total;
	return 0;
}

void step_sync(const struct step *s, struct state *st)
{
	unsigned char *p;
	ssize_t n;

	if (channel_send_i32(MSG_SYNC, (int32_t)s->num[0]) < 0)
		failf(s, errno, "send SYNC");
	if ((n = recv_packet(&p, 8 + PLAN_MAX_STR)) <= 0)
		failf(s, n ? errno : 0, "receive CONTINUE%s", n ? "" : ": control channel closed");
	if (n < 8 || get_u32(p) != MSG_CONTINUE || get_u32(p + 4) != (size_t)n - 8)
		failf(s, 0, "expected CONTINUE, got a %zd-byte packet", n);
	/* The state JSON, kept as the stdin of the following hooks. */
	free(st->hook_state);
	st->hook_state_len = (size_t)n - 8;
	st->hook_state = memmove(p, p + 8, st->hook_state_len);
}

CALL_STEP(step_ready, channel_send(MSG_READY, NULL, 0))

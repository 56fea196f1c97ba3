/* jsonlog.c: docker's json-file log format, one JSON object per line of output:
 * {"log":"hello\n","stream":"stdout","time":"2026-11-22T14:00:00.123456789Z"},
 * with size-based rotation (PATH, PATH.1, ... PATH.N-1, as docker names them). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "monitor.h"

int jsonlog_open(struct jsonlog *l, const char *path, long long max_size, int max_files)
{
	memset(l, 0, sizeof *l);
	l->path = path;
	l->max_size = max_size;
	l->max_files = max_files < 1 ? 1 : max_files;
	l->fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
	if (l->fd < 0)
		return -1;
	l->size = lseek(l->fd, 0, SEEK_END);
	return 0;
}

static void rotate(struct jsonlog *l)
{
	char from[4096], to[4096];

	for (int i = l->max_files - 1; i >= 1; i--) {
		if (i == 1)
			snprintf(from, sizeof from, "%s", l->path);
		else
			snprintf(from, sizeof from, "%s.%d", l->path, i - 1);
		snprintf(to, sizeof to, "%s.%d", l->path, i);
		rename(from, to);
	}
	close(l->fd);
	/* with max_files 1 nothing was renamed: start the one file again */
	l->fd = open(l->path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0640);
	l->size = 0;
}

/* Appends s to out (JSON string escapes); returns the new length. out has room for 6*n. */
static size_t escape(char *out, size_t at, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			out[at++] = '\\';
			out[at++] = (char)c;
		} else if (c == '\n') {
			out[at++] = '\\';
			out[at++] = 'n';
		} else if (c == '\r') {
			out[at++] = '\\';
			out[at++] = 'r';
		} else if (c == '\t') {
			out[at++] = '\\';
			out[at++] = 't';
		} else if (c < 0x20 || c == 0x7f) {
			memcpy(out + at, "\\u00", 4);
			out[at + 4] = hex[c >> 4];
			out[at + 5] = hex[c & 15];
			at += 6;
		} else {
			out[at++] = (char)c;
		}
	}
	return at;
}

static void entry(struct jsonlog *l, enum stream s, const char *msg, size_t n)
{
	static char out[16384 * 6 + 256];
	struct timespec ts;
	struct tm tm;
	size_t at = 0;

	if (l->fd < 0)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	at += (size_t)snprintf(out, 16, "{\"log\":\"");
	at = escape(out, at, msg, n);
	at += (size_t)snprintf(out + at, sizeof out - at,
			       "\",\"stream\":\"%s\",\"time\":\"%04d-%02d-%02dT%02d:%02d:%02d.%09ldZ\"}\n",
			       s == STREAM_STDOUT ? "stdout" : "stderr", tm.tm_year + 1900, tm.tm_mon + 1,
			       tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec);
	if (l->max_size > 0 && l->size > 0 && l->size + (long long)at > l->max_size)
		rotate(l);
	if (l->fd >= 0 && write_all(l->fd, out, at) == 0)
		l->size += (long long)at;
}

void jsonlog_write(struct jsonlog *l, enum stream s, const char *buf, size_t n)
{
	char *line = l->line[s - 1];
	size_t *used = &l->used[s - 1];

	while (n > 0) {
		const char *nl = memchr(buf, '\n', n);
		size_t take = nl ? (size_t)(nl - buf) + 1 : n;
		size_t room = sizeof l->line[0] - *used;
		if (take > room)
			take = room;
		memcpy(line + *used, buf, take);
		*used += take;
		buf += take;
		n -= take;
		/* a whole line, or a full buffer (docker splits long lines the same way) */
		if (line[*used - 1] == '\n' || *used == sizeof l->line[0]) {
			entry(l, s, line, *used);
			*used = 0;
		}
	}
}

void jsonlog_flush(struct jsonlog *l)
{
	for (int s = 0; s < 2; s++)
		if (l->used[s] > 0) {
			entry(l, (enum stream)(s + 1), l->line[s], l->used[s]);
			l->used[s] = 0;
		}
}

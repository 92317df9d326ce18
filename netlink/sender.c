#include "sender.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <libmnl/libmnl.h>

/* The thread needs a few frames for sendmsg: no 8 MiB stack reserved. */
#define SENDER_STACK (64 * 1024)

enum sender_state { SENDER_IDLE, SENDER_POSTED, SENDER_SENT, SENDER_STOP };

struct nl_sender {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t posted;	/* state left IDLE/SENT: work, or stop */
	pthread_cond_t sent;	/* state left POSTED */
	enum sender_state state;
	/* owned by the thread while POSTED, by the caller otherwise */
	struct mnl_socket *sk;
	const void *buf;
	size_t len;
	int err;
};

bool nl_sender_worth(void)
{
	cpu_set_t set;

	return sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) >= 2;
}

static int sender_send(struct nl_sender *s)
{
	ssize_t n;

	do
		n = mnl_socket_sendto(s->sk, s->buf, s->len);
	while (n < 0 && errno == EINTR);
	return n < 0 ? errno : 0;
}

static void *sender_run(void *arg)
{
	struct nl_sender *s = arg;
	int err;

	pthread_mutex_lock(&s->lock);
	for (;;) {
		while (s->state == SENDER_IDLE || s->state == SENDER_SENT)
			pthread_cond_wait(&s->posted, &s->lock);
		if (s->state == SENDER_STOP)
			break;
		pthread_mutex_unlock(&s->lock);
		err = sender_send(s);
		pthread_mutex_lock(&s->lock);
		s->err = err;
		s->state = SENDER_SENT;
		pthread_cond_signal(&s->sent);
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

/* Signals stay the main thread's: the sender blocks them all. */
static int sender_start(struct nl_sender *s)
{
	pthread_attr_t attr;
	sigset_t all, old;
	int err;

	if ((err = pthread_attr_init(&attr)))
		return err;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_attr_setstacksize(&attr, SENDER_STACK);
	if (!err)
		err = pthread_create(&s->thread, &attr, sender_run, s);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	return err;
}

struct nl_sender *nl_sender_new(void)
{
	struct nl_sender *s = calloc(1, sizeof(*s));
	int err;

	if (!s)
		return NULL;
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->posted, NULL);
	pthread_cond_init(&s->sent, NULL);
	s->state = SENDER_IDLE;
	err = sender_start(s);
	if (!err)
		return s;
	pthread_cond_destroy(&s->sent);
	pthread_cond_destroy(&s->posted);
	pthread_mutex_destroy(&s->lock);
	free(s);
	errno = err;
	return NULL;
}

void nl_sender_post(struct nl_sender *s, struct mnl_socket *sk, const void *buf, size_t len)
{
	pthread_mutex_lock(&s->lock);
	s->sk = sk;
	s->buf = buf;
	s->len = len;
	s->state = SENDER_POSTED;
	pthread_cond_signal(&s->posted);
	pthread_mutex_unlock(&s->lock);
}

int nl_sender_wait(struct nl_sender *s)
{
	int err = 0;

	pthread_mutex_lock(&s->lock);
	while (s->state == SENDER_POSTED)
		pthread_cond_wait(&s->sent, &s->lock);
	if (s->state == SENDER_SENT)
		err = s->err;
	s->state = SENDER_IDLE;
	pthread_mutex_unlock(&s->lock);
	return err;
}

void nl_sender_free(struct nl_sender *s)
{
	if (!s)
		return;
	(void)nl_sender_wait(s);
	pthread_mutex_lock(&s->lock);
	s->state = SENDER_STOP;
	pthread_cond_signal(&s->posted);
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	pthread_cond_destroy(&s->sent);
	pthread_cond_destroy(&s->posted);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

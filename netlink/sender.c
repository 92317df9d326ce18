#include "sender.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <libmnl/libmnl.h>

/* The thread needs a few frames for sendmsg: no 8 MiB stack reserved. */
#define SENDER_STACK (64 * 1024)

/* One posted buffer: the thread's from post until it is sent. */
struct sender_slot {
	struct mnl_socket *sk;
	const void *buf;
	size_t len;
	int err;		/* sendmsg's errno, once sent */
};

/* Buffers go round the slots in post order: posted, then sent (by the
 * thread), then waited for (by the caller); each count only grows. */
struct nl_sender {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t posted_cond;	/* posted or stop moved */
	pthread_cond_t sent_cond;	/* sent moved */
	unsigned long posted, sent, waited;
	bool stop;
	struct sender_slot slot[NL_SENDER_DEPTH];
};

bool nl_sender_worth(void)
{
	cpu_set_t set;

	return sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) >= 2;
}

static int sender_send(const struct sender_slot *t)
{
	ssize_t n;

	do
		n = mnl_socket_sendto(t->sk, t->buf, t->len);
	while (n < 0 && errno == EINTR);
	return n < 0 ? errno : 0;
}

/* The next buffer goes out as soon as the last is sent: the caller's
 * wake-up is not between the two. */
static void *sender_run(void *arg)
{
	struct nl_sender *s = arg;

	pthread_mutex_lock(&s->lock);
	for (;;) {
		struct sender_slot *t;
		int err;

		while (s->sent == s->posted && !s->stop)
			pthread_cond_wait(&s->posted_cond, &s->lock);
		if (s->sent == s->posted)
			break;	/* stopped, nothing left */
		t = &s->slot[s->sent % NL_SENDER_DEPTH];
		pthread_mutex_unlock(&s->lock);
		err = sender_send(t);
		pthread_mutex_lock(&s->lock);
		t->err = err;
		s->sent++;
		pthread_cond_signal(&s->sent_cond);
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
	pthread_cond_init(&s->posted_cond, NULL);
	pthread_cond_init(&s->sent_cond, NULL);
	err = sender_start(s);
	if (!err)
		return s;
	pthread_cond_destroy(&s->sent_cond);
	pthread_cond_destroy(&s->posted_cond);
	pthread_mutex_destroy(&s->lock);
	free(s);
	errno = err;
	return NULL;
}

void nl_sender_post(struct nl_sender *s, struct mnl_socket *sk, const void *buf, size_t len)
{
	pthread_mutex_lock(&s->lock);
	s->slot[s->posted % NL_SENDER_DEPTH] = (struct sender_slot){ sk, buf, len, 0 };
	s->posted++;
	pthread_cond_signal(&s->posted_cond);
	pthread_mutex_unlock(&s->lock);
}

int nl_sender_wait(struct nl_sender *s)
{
	int err = 0;

	pthread_mutex_lock(&s->lock);
	if (s->waited < s->posted) {
		while (s->sent == s->waited)
			pthread_cond_wait(&s->sent_cond, &s->lock);
		err = s->slot[s->waited % NL_SENDER_DEPTH].err;
		s->waited++;
	}
	pthread_mutex_unlock(&s->lock);
	return err;
}

void nl_sender_free(struct nl_sender *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	s->stop = true;
	pthread_cond_signal(&s->posted_cond);
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	pthread_cond_destroy(&s->sent_cond);
	pthread_cond_destroy(&s->posted_cond);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

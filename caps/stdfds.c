#include "stdfds.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

/* A closed standard descriptor gets an O_PATH placeholder, as careful
 * setuid-era tools put /dev/null there: reads and writes on it fail with
 * EBADF exactly as on the closed descriptor (so `link show >&-` still
 * fails: a lost output is an error), yet no socket can take its number.
 * It is close-on-exec, so a program `netns exec` runs finds the
 * descriptor closed as it was handed to ipbox. */
int stdfds_hold(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		int held;

		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		held = open("/dev/null", O_PATH | O_CLOEXEC);
		if (held < 0)
			held = open("/", O_PATH | O_CLOEXEC);
		if (held < 0)
			return -1;
		/* The lowest free number is fd itself: 0..fd-1 are open. */
		if (held != fd) {
			close(held);
			errno = EBADF;
			return -1;
		}
	}
	return 0;
}

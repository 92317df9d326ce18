/* iproute2's binary dumps (`ip route save`, `ip address save`): a 32-bit
 * magic, then the kernel's dump messages as they came, each whole.  A
 * save by either tool restores with the other.  These are the format's
 * parts; the objects decide what goes in and what a message means. */
#ifndef IPBOX_RTDUMP_H
#define IPBOX_RTDUMP_H

#include <stdint.h>
#include <stdio.h>
#include <linux/netlink.h>

#define RTDUMP_ROUTE_MAGIC 0x45311224
#define RTDUMP_ADDR_MAGIC 0x47361222

/* Refuse a terminal, then write the magic to standard output; -1 after
 * iproute2's message. */
int rtdump_save_start(uint32_t magic);
/* One dumped message, whole; -1 after a message if it did not go out. */
int rtdump_save_msg(const struct nlmsghdr *nlh);
/* Refuse a terminal on `in` ("Can't restore WHAT dump from a terminal"),
 * then read and check the magic; -1 after iproute2's message. */
int rtdump_check_magic(FILE *in, uint32_t magic, const char *what);

/* Each message of the rest of `in` to `fn`, as iproute2's rtnl_from_file
 * reads them (a header, then its length rounded up; at most 16 KiB a
 * message): 0 at a clean end, -1 after its message for a short or
 * malformed file, or what `fn` returned when below 0. */
typedef int (*rtdump_fn)(struct nlmsghdr *nlh, void *data);
int rtdump_read(FILE *in, rtdump_fn fn, void *data);

#endif

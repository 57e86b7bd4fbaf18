#define _GNU_SOURCE
#include "csystem.h"
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

// The outbound half: name resolution and a non-blocking connect to one address the
// caller has already vetted (so what was checked is what is connected to).

int csys_resolve(const char *host, char *out, size_t stride, int max) {
    struct addrinfo hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    struct addrinfo *list = NULL;
    int rc = getaddrinfo(host, NULL, &hints, &list);
    if (rc != 0) return rc > 0 ? -rc : rc;
    int count = 0;
    for (struct addrinfo *ai = list; ai != NULL && count < max; ai = ai->ai_next) {
        const void *raw = NULL;
        if (ai->ai_family == AF_INET) raw = &((struct sockaddr_in *)ai->ai_addr)->sin_addr;
        else if (ai->ai_family == AF_INET6) raw = &((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr;
        else continue;
        if (inet_ntop(ai->ai_family, raw, out + (size_t)count * stride, (socklen_t)stride) != NULL) count++;
    }
    freeaddrinfo(list);
    return count;
}

const char *csys_resolve_error(int code) { return gai_strerror(code); }

int csys_connect_start(const char *ip, int port) {
    struct sockaddr_storage storage;
    memset(&storage, 0, sizeof storage);
    socklen_t len;
    int family;
    struct sockaddr_in *v4 = (struct sockaddr_in *)&storage;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&storage;
    if (inet_pton(AF_INET, ip, &v4->sin_addr) == 1) {
        family = AF_INET;
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)port);
        len = sizeof *v4;
    } else if (inet_pton(AF_INET6, ip, &v6->sin6_addr) == 1) {
        family = AF_INET6;
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)port);
        len = sizeof *v6;
    } else {
        errno = EINVAL;
        return -1;
    }
    int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int rc;
    do { rc = connect(fd, (struct sockaddr *)&storage, len); } while (rc < 0 && errno == EINTR);
    if (rc < 0 && errno != EINPROGRESS) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    csys_set_nodelay(fd);
    return fd;
}

int csys_socket_error(int fd) {
    int value = 0;
    socklen_t len = sizeof value;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &len) < 0) return errno;
    return value;
}

int csys_poll_one(int fd, int want_write, int timeout_ms) {
    struct pollfd p;
    p.fd = fd;
    p.events = want_write ? POLLOUT : POLLIN;
    p.revents = 0;
    int rc;
    do { rc = poll(&p, 1, timeout_ms); } while (rc < 0 && errno == EINTR);
    return rc;
}

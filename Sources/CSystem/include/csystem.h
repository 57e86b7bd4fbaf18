#ifndef CSYSTEM_H
#define CSYSTEM_H
// What Swift's Glibc module does not expose (or exposes awkwardly): epoll, eventfd,
// accept4 and the socket options the event loops set. Thin wrappers, no policy.
#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>

#define CSYS_EPOLLIN 0x001u
#define CSYS_EPOLLOUT 0x004u
#define CSYS_EPOLLERR 0x008u
#define CSYS_EPOLLHUP 0x010u
#define CSYS_EPOLLRDHUP 0x2000u
#define CSYS_EPOLLET (1u << 31)

typedef struct csys_event {
    uint32_t events;
    uint64_t data;
} csys_event;

int csys_epoll_create(void);
int csys_epoll_add(int epfd, int fd, uint32_t events, uint64_t data);
int csys_epoll_mod(int epfd, int fd, uint32_t events, uint64_t data);
int csys_epoll_del(int epfd, int fd);
/// Waits for events; returns the count, or -1 with errno (EINTR included).
int csys_epoll_wait(int epfd, csys_event *events, int max, int timeout_ms);

int csys_eventfd(void);
int csys_eventfd_signal(int fd);
int csys_eventfd_drain(int fd);

/// Non-blocking, close-on-exec TCP listener on addr:port (IPv4 or IPv6 literal),
/// SO_REUSEADDR and SO_REUSEPORT set. Returns fd or -1 (errno).
int csys_listen_tcp(const char *host, int port, int backlog);
/// The port a bound socket got (for port 0), or -1.
int csys_local_port(int fd);
/// accept4 with SOCK_NONBLOCK|SOCK_CLOEXEC; writes the peer's printable address.
int csys_accept(int fd, char *peer, size_t peer_len);
int csys_set_nodelay(int fd);
/// Blocking client connect for tests and tools; returns fd or -1.
int csys_connect_tcp(const char *host, int port);
ssize_t csys_send(int fd, const void *buf, size_t len);
ssize_t csys_recv(int fd, void *buf, size_t len);
void csys_ignore_sigpipe(void);
/// SO_RCVTIMEO/SO_SNDTIMEO on a blocking socket, so a test client never hangs forever.
int csys_set_timeouts(int fd, int ms);
int csys_close(int fd);
/// shutdown(fd, SHUT_WR): half-close our sending side.
int csys_shutdown_write(int fd);
int csys_set_nonblocking(int fd, int on);
/// Names the calling thread (at most 15 bytes are kept), as top, perf and gdb show it.
int csys_name_this_thread(const char *name);
int csys_errno(void);
int64_t csys_monotonic_ms(void);
/// Returns whole free pages of malloc's heaps to the kernel (glibc malloc_trim(0)).
/// Swift's Glibc module does not export malloc_trim.
void csys_release_free_memory(void);
/// Thread-local marker of the event loop that owns the calling thread (NULL elsewhere),
/// so an executor can tell "am I on my own thread" without locks.
void csys_set_current_loop(void *loop);
void *csys_current_loop(void);
/// Seconds since the Unix epoch (wall clock), for the Date header.
int64_t csys_epoch_seconds(void);

// MARK: - Outbound connections
/// Resolves host (a name or an IP literal) for TCP and writes up to max numeric
/// addresses as text, each in a slot of `stride` bytes of out (use 64). Returns the
/// count, or a negative getaddrinfo error (see csys_resolve_error). Blocks.
int csys_resolve(const char *host, char *out, size_t stride, int max);
/// A description of a negative csys_resolve result.
const char *csys_resolve_error(int code);
/// A non-blocking, close-on-exec TCP socket connecting to ip (an IPv4 or IPv6 literal)
/// :port, TCP_NODELAY set; the connect may still be in progress (wait for writability,
/// then csys_socket_error). Returns the fd, or -1 with errno.
int csys_connect_start(const char *ip, int port);
/// SO_ERROR of a socket (0 once a connect succeeded).
int csys_socket_error(int fd);
/// poll(2) on one fd for readability (want_write 0) or writability: >0 ready, 0 timed
/// out, -1 error. EINTR is retried.
int csys_poll_one(int fd, int want_write, int timeout_ms);

// MARK: - Single-writer counters
#include <time.h>
/// Monotonic nanoseconds, for request durations.
static inline uint64_t csys_monotonic_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
/// Adds to a counter only one thread ever writes (its event loop) while any thread may
/// read it: a relaxed load and store, no locked read-modify-write, so recording costs
/// what a plain add costs and readers never see a torn value.
static inline void csys_counter_add(uint64_t *counter, uint64_t amount) {
    __atomic_store_n(counter, __atomic_load_n(counter, __ATOMIC_RELAXED) + amount, __ATOMIC_RELAXED);
}
/// Reads a counter written by csys_counter_add on another thread.
static inline uint64_t csys_counter_load(const uint64_t *counter) {
    return __atomic_load_n(counter, __ATOMIC_RELAXED);
}
#endif

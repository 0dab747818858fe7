/*
 * memtui-driver: runs a student's allocator library (alloc.c / ealloc.c compiled to a .so) in a
 * small process of its own, so that a segfault, an abort or an endless loop in the student's
 * code ends this process and never memtui. memtui builds this file with gcc on first use (into
 * the user's cache folder) and talks to it over two pipes, one line per request and per answer.
 *
 * Usage: memtui-driver LIBRARY.so
 *
 * Requests (stdin), one per line; every request gets one answer line (stdout):
 *   init                 calls init_alloc()                      -> done ret=N ...
 *   alloc SIZE ID        calls alloc(SIZE); a chunk in watched pages is filled at once with the
 *                        pattern of ID                           -> done ptr=0xADDR [filled=1] ...
 *   fill 0xADDR SIZE ID  fills a chunk alloc returned with the pattern of ID, and from then on
 *                        expects those bytes to stay             -> done filled=1 | fill=0xFAULT
 *   free 0xADDR          calls dealloc(ADDR) (0x0 is NULL)       -> done ...
 *   cleanup              calls cleanup()                         -> done ret=N ...
 *   page 0xBASE          starts watching the 4 KiB page at BASE  -> done ...
 *   quit                 exits 0
 * After every call into the library, and on `page` and `fill`, the answer also carries what was seen:
 *   w=0xADDR+LEN         bytes of a watched page that changed although memtui did not write them
 *   wmore=N              further changed ranges left out (the line stays short)
 *   filled=1             the chunk was filled and is watched from now on
 *   fill=0xADDR          filling the chunk faulted at ADDR (it is not all mapped and writable)
 *   untracked=1          the chunk table is full: the chunk was filled but is not watched
 *   gone=0xBASE          a watched page is no longer mapped (it stops being watched)
 *   res=0xBASE:0|1       whether each watched page is resident (mincore)
 *   malloc=N             calls the library made to malloc, calloc or realloc during the call
 *   vm=N                 calls it made to mmap, munmap or mremap
 * When the library's code faults or aborts:  crash sig=N code=N addr=0xADDR pc=0xADDR frames=0x..,0x..
 * and the process dies by that signal. On SIGUSR1 (memtui's per-call timeout):
 *   stuck pc=0xADDR frames=...   and exit status 124.
 * Before the first request: `ready` or `error KIND MESSAGE` (then exit 3).
 *
 * The driver itself maps and allocates nothing after `ready` (static buffers, raw read/write, no
 * stdio of its own), so that every change of its VSZ and of its /proc/PID/maps is the library's doing.
 * Library output to stdout goes to stderr: the protocol has its own descriptors.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#define PAGE 4096
#define MAX_PAGES 64
#define MAX_CHUNKS 8192
#define MAX_WRITE_RANGES 24
#define MAX_FRAMES 24

typedef int (*init_fn)(void);
typedef char *(*alloc_fn)(int);
typedef void (*dealloc_fn)(char *);
typedef int (*cleanup_fn)(void);

static init_fn lib_init;
static alloc_fn lib_alloc;
static dealloc_fn lib_dealloc;
static cleanup_fn lib_cleanup;

static int proto_in = -1;
static int proto_out = -1;

/* ---- counting the library's malloc calls (the lab forbids library malloc) ---------------- */
/* The executable's malloc comes first in symbol lookup, also for a dlopen'ed library. */
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
static volatile int in_library;
static volatile long library_mallocs;

void *malloc(size_t size) {
  if (in_library) library_mallocs++;
  return __libc_malloc(size);
}
void *calloc(size_t count, size_t size) {
  if (in_library) library_mallocs++;
  return __libc_calloc(count, size);
}
void *realloc(void *old, size_t size) {
  if (in_library) library_mallocs++;
  return __libc_realloc(old, size);
}

/* ---- counting the library's mmap, munmap and mremap calls ---------------------------------
 * Only a call that maps or unmaps can change the library's pages: memtui reads the driver's
 * /proc/PID/maps after a call that made one (or moved VSZ), and spares the read otherwise.
 * glibc's own mmap is GLIBC_PRIVATE, so these go to the kernel directly. */
static volatile long library_vm_calls;

void *mmap(void *address, size_t length, int protection, int flags, int fd, off_t offset) {
  if (in_library) library_vm_calls++;
  return (void *)syscall(SYS_mmap, address, length, protection, flags, fd, offset);
}
void *mmap64(void *address, size_t length, int protection, int flags, int fd, off_t offset) {
  return mmap(address, length, protection, flags, fd, offset);
}
int munmap(void *address, size_t length) {
  if (in_library) library_vm_calls++;
  return (int)syscall(SYS_munmap, address, length);
}
void *mremap(void *old_address, size_t old_size, size_t new_size, int flags, ...) {
  va_list rest;
  va_start(rest, flags);
  void *new_address = (flags & MREMAP_FIXED) ? va_arg(rest, void *) : NULL;
  va_end(rest);
  if (in_library) library_vm_calls++;
  return (void *)syscall(SYS_mremap, old_address, old_size, new_size, flags, new_address);
}

/* ---- output without stdio (no buffers, usable in a signal handler) ---------------------- */
static char line[8192];
static size_t line_len;

static void put_text(const char *text) {
  while (*text && line_len < sizeof line - 1) line[line_len++] = *text++;
}
static void put_hex(uintptr_t value) {
  char digits[2 + 16];
  int count = 0;
  put_text("0x");
  do { digits[count++] = "0123456789abcdef"[value & 15]; value >>= 4; } while (value && count < 16);
  while (count > 0 && line_len < sizeof line - 1) line[line_len++] = digits[--count];
}
static void put_dec(long value) {
  char digits[24];
  int count = 0;
  unsigned long magnitude = value < 0 ? 0UL - (unsigned long)value : (unsigned long)value;
  if (value < 0) put_text("-");
  do { digits[count++] = (char)('0' + magnitude % 10); magnitude /= 10; } while (magnitude);
  while (count > 0 && line_len < sizeof line - 1) line[line_len++] = digits[--count];
}
static void send_line(void) {
  line[line_len++] = '\n';
  size_t sent = 0;
  while (sent < line_len) {
    ssize_t written = write(proto_out, line + sent, line_len - sent);
    if (written < 0) { if (errno == EINTR) continue; _exit(4); }
    sent += (size_t)written;
  }
  line_len = 0;
}

/* ---- touching the library's memory without dying of it ---------------------------------- */
/* A fault while memtui's own code reads or fills a chunk jumps back here instead of killing. */
static sigjmp_buf guard_env;
static volatile sig_atomic_t guard_active;
static volatile uintptr_t guard_fault;

static void put_frames(void *context) {
  ucontext_t *uc = (ucontext_t *)context;
  put_text(" pc=");
  put_hex((uintptr_t)uc->uc_mcontext.gregs[REG_RIP]);
  put_text(" frames=");
  void *frames[MAX_FRAMES];
  int count = backtrace(frames, MAX_FRAMES);
  for (int i = 0; i < count; i++) {
    if (i) put_text(",");
    put_hex((uintptr_t)frames[i]);
  }
}

static volatile sig_atomic_t reporting;

static void on_fault(int sig, siginfo_t *info, void *context) {
  if (guard_active) {
    guard_active = 0;
    guard_fault = (uintptr_t)info->si_addr;
    siglongjmp(guard_env, 1);
  }
  if (reporting) {
    /* The report itself faulted (backtrace on a stack the library wrecked): send what is there
       (the signal and the pc come first) and die. */
    send_line();
    signal(sig, SIG_DFL);
    raise(sig);
  }
  reporting = 1;
  line_len = 0;
  put_text("crash sig=");
  put_dec(sig);
  put_text(" code=");
  put_dec(info->si_code);
  put_text(" addr=");
  /* si_addr means the fault address only for these four signals (sigaction(2)). */
  int has_address = sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE || sig == SIGILL;
  put_hex(has_address ? (uintptr_t)info->si_addr : 0);
  put_text(has_address ? "" : " noaddr=1");
  put_frames(context);
  send_line();
  signal(sig, SIG_DFL);
  raise(sig);
}

static void on_stuck(int sig, siginfo_t *info, void *context) {
  (void)sig;
  (void)info;
  line_len = 0;
  put_text("stuck");
  put_frames(context);
  send_line();
  _exit(124);
}

static void install_handlers(void) {
  static char alternate_stack[64 * 1024]; /* a runaway recursion still gets its report */
  stack_t stack = { .ss_sp = alternate_stack, .ss_size = sizeof alternate_stack, .ss_flags = 0 };
  sigaltstack(&stack, NULL);
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = on_fault;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&action.sa_mask);
  int faults[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS };
  for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++) sigaction(faults[i], &action, NULL);
  action.sa_sigaction = on_stuck;
  sigaction(SIGUSR1, &action, NULL);
}

/* ---- the chunks the library handed out, and the pages memtui watches -------------------- */
struct chunk { uintptr_t address; long size; unsigned id; };
static struct chunk chunks[MAX_CHUNKS];
static int chunk_count;

/* Each chunk's own bytes: they depend on the chunk's id and the offset, so an overlap, a shifted
   write or a header written into a chunk changes them. */
static unsigned char pattern(unsigned id, long offset) {
  return (unsigned char)(0x5a ^ (id * 0x9d) ^ (unsigned)(offset * 7) ^ (unsigned)(offset >> 8));
}

struct page { uintptr_t base; int all_zero; unsigned char expected[PAGE]; };
static struct page pages[MAX_PAGES];
static int page_count;

/* What the last call changed without memtui writing it, and what else was seen. */
static uintptr_t write_start[MAX_WRITE_RANGES];
static uintptr_t write_length[MAX_WRITE_RANGES];
static int write_count;
static long writes_left_out;
static uintptr_t gone[MAX_PAGES];
static int gone_count;

static void note_write(uintptr_t start, uintptr_t length) {
  if (write_count > 0 && write_start[write_count - 1] + write_length[write_count - 1] == start) {
    write_length[write_count - 1] += length;
  } else if (write_count < MAX_WRITE_RANGES) {
    write_start[write_count] = start;
    write_length[write_count] = length;
    write_count++;
  } else {
    writes_left_out++;
  }
}

/* mincore(2): bit 0 is residency; ENOMEM means the range is not mapped at all. */
static int residency(uintptr_t base) {
  unsigned char vector = 0;
  if (mincore((void *)base, PAGE, &vector) != 0) return -1;
  return vector & 1;
}

/* Compares a page with what memtui expects in it; returns 0, or -1 when it cannot be read. */
static int compare_page(struct page *page) {
  const unsigned char *actual = (const unsigned char *)page->base;
  if (sigsetjmp(guard_env, 1)) return -1;
  guard_active = 1;
  if (memcmp(actual, page->expected, PAGE) != 0) {
    long run_start = -1;
    for (long offset = 0; offset <= PAGE; offset++) {
      int differs = offset < PAGE && actual[offset] != page->expected[offset];
      if (differs && run_start < 0) run_start = offset;
      if (!differs && run_start >= 0) {
        note_write(page->base + (uintptr_t)run_start, (uintptr_t)(offset - run_start));
        run_start = -1;
      }
    }
    memcpy(page->expected, actual, PAGE);
  }
  guard_active = 0;
  page->all_zero = 0;
  for (long offset = 0; offset < PAGE; offset++) if (page->expected[offset]) return 0;
  page->all_zero = 1;
  return 0;
}

static void forget_page(int index) {
  pages[index] = pages[--page_count];
}

static void check_pages(void) {
  for (int index = 0; index < page_count;) {
    int resident = residency(pages[index].base);
    /* An untouched page is all zeros and not resident; reading it would map the zero page. */
    if (resident == 0 && pages[index].all_zero) { index++; continue; }
    if (resident < 0 || compare_page(&pages[index]) < 0) {
      if (gone_count < MAX_PAGES) gone[gone_count++] = pages[index].base;
      forget_page(index);
      continue;
    }
    index++;
  }
}

static void expect_chunk_bytes(const struct chunk *chunk) {
  for (int index = 0; index < page_count; index++) {
    uintptr_t base = pages[index].base;
    uintptr_t from = chunk->address > base ? chunk->address : base;
    uintptr_t end = chunk->address + (uintptr_t)chunk->size;
    uintptr_t to = end < base + PAGE ? end : base + PAGE;
    for (uintptr_t at = from; at < to; at++) pages[index].expected[at - base] = pattern(chunk->id, (long)(at - chunk->address));
    if (from < to) pages[index].all_zero = 0;
  }
}

static uintptr_t fill_chunk(uintptr_t address, long size, unsigned id) {
  unsigned char *bytes = (unsigned char *)address;
  guard_fault = 0;
  if (sigsetjmp(guard_env, 1)) return guard_fault ? guard_fault : address;
  guard_active = 1;
  for (long offset = 0; offset < size; offset++) bytes[offset] = pattern(id, offset);
  guard_active = 0;
  return 0;
}

static void watch_page(uintptr_t base) {
  for (int index = 0; index < page_count; index++) if (pages[index].base == base) return;
  if (page_count == MAX_PAGES || base % PAGE) return;
  struct page *page = &pages[page_count++];
  page->base = base;
  memset(page->expected, 0, PAGE); /* a fresh anonymous page reads as zeros (mmap(2)) */
  page->all_zero = 1;
  for (int index = 0; index < chunk_count; index++) {
    const struct chunk *chunk = &chunks[index];
    uintptr_t end = chunk->address + (uintptr_t)chunk->size;
    uintptr_t from = chunk->address > base ? chunk->address : base;
    uintptr_t to = end < base + PAGE ? end : base + PAGE;
    for (uintptr_t at = from; at < to; at++) page->expected[at - base] = pattern(chunk->id, (long)(at - chunk->address));
    if (from < to) page->all_zero = 0;
  }
}

/* ---- a quiet RSS ---------------------------------------------------------------------------
 * Before `ready`, every page the process has is made resident: code and data of the driver, libc
 * and the library are read, writable ones written back, and the stack is grown a little. Then a
 * call's RSS change is the library's pages and the bytes it touches, not the driver's own first
 * use of a code page. */
static void touch_stack(int depth) {
  volatile char frame[4096];
  frame[0] = (char)depth;
  if (depth > 0) touch_stack(depth - 1);
  frame[4095] = frame[0];
}

static void touch_range(uintptr_t start, uintptr_t end, int writable) {
  for (uintptr_t at = start; at < end; at += PAGE) {
    if (sigsetjmp(guard_env, 1)) continue; /* a file mapping past its end: skip that page */
    guard_active = 1;
    volatile char *byte = (volatile char *)at;
    char value = *byte;
    if (writable) *byte = value;
    guard_active = 0;
  }
}

static void prefault(void) {
  static char maps[64 * 1024];
  int fd = open("/proc/self/maps", O_RDONLY);
  if (fd < 0) return;
  size_t held = 0;
  ssize_t got;
  while (held < sizeof maps - 1 && (got = read(fd, maps + held, sizeof maps - 1 - held)) > 0) held += (size_t)got;
  close(fd);
  maps[held] = '\0';
  touch_stack(16);
  for (char *entry = maps; *entry;) {
    char *end_of_line = strchr(entry, '\n');
    if (end_of_line) *end_of_line = '\0';
    char *cursor;
    uintptr_t start = (uintptr_t)strtoull(entry, &cursor, 16);
    uintptr_t end = (uintptr_t)strtoull(cursor + 1, &cursor, 16);
    char read_bit = cursor[1], write_bit = cursor[2], private_bit = cursor[4];
    /* [vvar] and friends are the kernel's; [vsyscall] cannot be read. */
    int kernel = strstr(entry, "[vvar") || strstr(entry, "[vsyscall]") || strstr(entry, "[vdso]");
    /* A huge static array in the library would take as much RAM as it is large: left alone. */
    int huge = end - start > (uintptr_t)64 << 20;
    if (read_bit == 'r' && !kernel && !huge) touch_range(start, end, write_bit == 'w' && private_bit == 'p');
    if (!end_of_line) break;
    entry = end_of_line + 1;
  }
}

/* ---- answering --------------------------------------------------------------------------- */
static void begin_observing(void) {
  write_count = 0;
  writes_left_out = 0;
  gone_count = 0;
  library_mallocs = 0;
  library_vm_calls = 0;
}

static void finish_answer(void) {
  for (int i = 0; i < write_count; i++) {
    put_text(" w=");
    put_hex(write_start[i]);
    put_text("+");
    put_dec((long)write_length[i]);
  }
  if (writes_left_out) { put_text(" wmore="); put_dec(writes_left_out); }
  for (int i = 0; i < gone_count; i++) { put_text(" gone="); put_hex(gone[i]); }
  for (int i = 0; i < page_count; i++) {
    put_text(" res=");
    put_hex(pages[i].base);
    put_text(residency(pages[i].base) == 1 ? ":1" : ":0");
  }
  if (library_mallocs) { put_text(" malloc="); put_dec(library_mallocs); }
  if (library_vm_calls) { put_text(" vm="); put_dec(library_vm_calls); }
  send_line();
}

/* True when every page of [address, address + size) is one memtui watches. */
static int watched(uintptr_t address, long size) {
  for (uintptr_t base = address & ~(uintptr_t)(PAGE - 1); base < address + (uintptr_t)size; base += PAGE) {
    int found = 0;
    for (int index = 0; index < page_count && !found; index++) found = pages[index].base == base;
    if (!found) return 0;
  }
  return 1;
}

/* Fills a chunk with its pattern and expects it from then on: `filled=1`, or where it faulted. */
static void fill_and_track(uintptr_t address, long size, unsigned id) {
  uintptr_t fault = fill_chunk(address, size, id);
  if (fault) {
    put_text(" fill=");
    put_hex(fault);
    return;
  }
  put_text(" filled=1");
  if (chunk_count == MAX_CHUNKS) {
    put_text(" untracked=1");
    return;
  }
  chunks[chunk_count] = (struct chunk){ address, size, id };
  expect_chunk_bytes(&chunks[chunk_count]);
  chunk_count++;
}

static uintptr_t parse_hex(const char *text) {
  uintptr_t value = 0;
  if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) text += 2;
  for (; *text; text++) {
    char c = *text;
    int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (digit < 0) break;
    value = value * 16 + (uintptr_t)digit;
  }
  return value;
}

static void run_request(char *request) {
  char *words[4] = { 0 };
  int count = 0;
  for (char *word = strtok(request, " "); word && count < 4; word = strtok(NULL, " ")) words[count++] = word;
  if (count == 0) return;
  begin_observing();
  line_len = 0;
  put_text("done");
  if (strcmp(words[0], "init") == 0) {
    in_library = 1;
    int result = lib_init();
    in_library = 0;
    check_pages();
    put_text(" ret=");
    put_dec(result);
  } else if (strcmp(words[0], "alloc") == 0 && count == 3) {
    int size = (int)strtol(words[1], NULL, 10);
    unsigned id = (unsigned)strtoul(words[2], NULL, 10);
    in_library = 1;
    char *pointer = lib_alloc(size);
    in_library = 0;
    check_pages();
    put_text(" ptr=");
    put_hex((uintptr_t)pointer);
    /* A chunk inside pages memtui already watches (the library's, seen in maps) is filled now;
       any other waits for memtui to look at the maps and ask (fill). */
    if (pointer && size > 0 && watched((uintptr_t)pointer, size)) fill_and_track((uintptr_t)pointer, size, id);
  } else if (strcmp(words[0], "fill") == 0 && count == 4) {
    /* memtui asks for this only for a chunk inside pages the library mapped, so the driver never
       writes over its own memory or libc's when alloc returns a wild pointer. */
    fill_and_track(parse_hex(words[1]), strtol(words[2], NULL, 10), (unsigned)strtoul(words[3], NULL, 10));
  } else if (strcmp(words[0], "free") == 0 && count == 2) {
    uintptr_t address = parse_hex(words[1]);
    for (int index = 0; index < chunk_count; index++) {
      if (chunks[index].address == address) { chunks[index] = chunks[--chunk_count]; break; }
    }
    in_library = 1;
    lib_dealloc((char *)address);
    in_library = 0;
    check_pages();
  } else if (strcmp(words[0], "cleanup") == 0) {
    chunk_count = 0;
    in_library = 1;
    int result = lib_cleanup();
    in_library = 0;
    check_pages();
    put_text(" ret=");
    put_dec(result);
  } else if (strcmp(words[0], "page") == 0 && count == 2) {
    watch_page(parse_hex(words[1]));
    check_pages();
  } else if (strcmp(words[0], "quit") == 0) {
    _exit(0);
  } else {
    line_len = 0;
    put_text("error request not understood");
    send_line();
    return;
  }
  finish_answer();
}

static void fail_start(const char *kind, const char *message) {
  line_len = 0;
  put_text("error ");
  put_text(kind);
  put_text(" ");
  put_text(message);
  send_line();
  _exit(3);
}

int main(int argc, char **argv) {
  /* The protocol gets descriptors of its own; the library's printf goes to stderr and its
     reads of stdin see end of file. */
  proto_in = dup(0);
  proto_out = dup(1);
  int null_fd = open("/dev/null", O_RDONLY);
  dup2(null_fd, 0);
  dup2(2, 1);
  if (null_fd > 2) close(null_fd);

  /* The library's printf: line buffered, so that what it printed before a crash is not lost in a
     buffer, and in a static buffer, so that stdio's first use is not counted as its malloc. */
  static char stdout_buffer[BUFSIZ];
  setvbuf(stdout, stdout_buffer, _IOLBF, sizeof stdout_buffer);
  /* assert() and perror() prefix their messages with the program's name. */
  program_invocation_name = program_invocation_short_name = (char *)"memtui-driver";

  prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlive memtui, even looping */
  struct rlimit no_core = { 0, 0 };
  setrlimit(RLIMIT_CORE, &no_core); /* a crash is a verdict, not a core file in the student's folder */
  /* A library that maps or mallocs without end gets MAP_FAILED / NULL at 1 GiB, long before the
     machine runs out of memory (the lab needs 16 KiB). */
  struct rlimit address_space = { (rlim_t)1 << 30, (rlim_t)1 << 30 };
  setrlimit(RLIMIT_AS, &address_space);

  if (argc != 2) fail_start("usage", "memtui-driver LIBRARY.so");
  install_handlers();
  void *warm[2];
  backtrace(warm, 2); /* loads libgcc_s now, not inside a signal handler later */

  void *library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!library) fail_start("dlopen", dlerror());
  lib_init = (init_fn)dlsym(library, "init_alloc");
  lib_alloc = (alloc_fn)dlsym(library, "alloc");
  lib_dealloc = (dealloc_fn)dlsym(library, "dealloc");
  lib_cleanup = (cleanup_fn)dlsym(library, "cleanup");
  if (!lib_init || !lib_alloc || !lib_dealloc || !lib_cleanup) {
    line_len = 0;
    put_text("error symbols");
    if (!lib_init) put_text(" init_alloc");
    if (!lib_alloc) put_text(" alloc");
    if (!lib_dealloc) put_text(" dealloc");
    if (!lib_cleanup) put_text(" cleanup");
    send_line();
    _exit(3);
  }
  prefault();
  line_len = 0;
  put_text("ready");
  send_line();

  static char input[4096];
  size_t held = 0;
  for (;;) {
    ssize_t got = read(proto_in, input + held, sizeof input - 1 - held);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) _exit(0); /* memtui closed the pipe */
    held += (size_t)got;
    char *start = input;
    char *newline;
    while ((newline = memchr(start, '\n', held - (size_t)(start - input))) != NULL) {
      *newline = '\0';
      run_request(start);
      start = newline + 1;
    }
    held -= (size_t)(start - input);
    memmove(input, start, held);
    if (held == sizeof input - 1) held = 0; /* a line that long is not a request */
  }
}

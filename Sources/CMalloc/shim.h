// glibc's allocator tuning (mallopt), for Columnar's MemoryPolicy. Linux only.
#include <malloc.h>

#pragma once

namespace mimic {

// Hands memory that the allocator keeps free back to the operating system.
// glibc keeps one arena per thread and does not return the pages freed in one
// arena to another, so without this each I/O thread that handled a large import
// would keep its own peak resident. A no-op with other allocators.
void ReleaseFreeMemory();

}  // namespace mimic

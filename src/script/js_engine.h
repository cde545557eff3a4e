#pragma once

// The SpiderMonkey headers that the script module's sources share.
//
// GCC 12 reports -Wdangling-pointer wherever a JS::Rooted is constructed, because the
// constructor links the stack object into a list on the context. The diagnostic misses
// that the destructor unlinks it again. The warning stays off for the rest of every
// file that includes this header.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic ignored "-Wdangling-pointer"
#endif

#include <jsapi.h>
#include <jsfriendapi.h>

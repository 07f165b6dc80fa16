// libFuzzer's entry point for the targets that take a text frame (fuzz_support.h: fuzzText): the
// bytes as the server decodes a text frame's UTF-8.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    natter::fuzz::fuzzText(QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size)));
    return 0;
}

// Names inside archives, as people and file systems need them: zip names
// without the UTF-8 flag are usually CP866 (Russian Windows' archivers), and
// a hostile name must not lead out of OUT.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace karta {

// A zip entry name in UTF-8: as is when flagged UTF-8 (bit 11) or already
// valid UTF-8, else decoded from CP866.
std::string zip_name_to_utf8(const std::string& name, std::uint16_t flags);

}  // namespace karta

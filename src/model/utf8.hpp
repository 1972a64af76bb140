// UTF-8 facts every stage needs (readers, archive names): the model layer,
// so that no stage reaches downstream for them.
#pragma once

#include <string>
#include <string_view>

namespace karta {

// Well-formed UTF-8 (no overlongs, surrogates or cut sequences).
bool is_valid_utf8(std::string_view s);

// `s` with each byte that is no part of a well-formed sequence replaced by
// U+FFFD (a file name in another encoding, a stray byte, text cut inside a
// character): always valid UTF-8.
std::string with_replacement_characters(std::string_view s);

// `s` as a terminal may show it: control characters (C0 but none, DEL, C1)
// as \xNN or \u{NN}, ill-formed bytes as U+FFFD — so that a file named
// with an escape sequence cannot move the cursor, recolour or retitle the
// terminal of whoever reads karta's messages.
std::string for_terminal(std::string_view s);

// The first character is a lower-case letter (ICU's u_islower): a line that
// continues a sentence, a name or a cell.
bool starts_lowercase(std::string_view s);

// Has capital letters and no lower-case one: a heading set in capitals.
bool written_in_capitals(std::string_view s);

}  // namespace karta

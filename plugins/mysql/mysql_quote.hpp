// MySQL's spelling of names and string literals, shared by the dialect (which writes them) and the inspector
// (which must recognise the server's own spelling of them in catalog text).
#pragma once

#include <string>

namespace retort::mysql {

// `name`, with backquotes doubled.
std::string quote_identifier(const std::string& name);
// 'text', with quotes doubled and backslashes escaped (as the server itself prints literals).
std::string quote_literal(const std::string& text);

}  // namespace retort::mysql

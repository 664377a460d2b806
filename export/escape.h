// export/escape.h
#pragma once

#include <string>
#include <string_view>

namespace silkgraph::exporters {

// Every export writes text through exactly one of these. All of them repair invalid UTF-8
// (each bad byte becomes U+FFFD), so no exported file can be rejected for its encoding.

/// Appends `text` as XML character data (`attribute`: inside a "..." attribute value).
/// Escapes & < > (and " in attributes), writes tab, LF and CR as character references so every
/// reader keeps them; characters XML 1.0 forbids (other C0 controls, U+FFFE, U+FFFF) become
/// U+FFFD.
void append_xml(std::string& out, std::string_view text, bool attribute);

/// Appends ` name="value"` with the value escaped for an XML attribute.
void append_xml_attribute(std::string& out, const char* name, std::string_view value);

/// Appends `text` as a single-quoted Cypher string literal: backslash and quotes escaped,
/// \n \r \t \b \f as such, every other control character (C0, DEL, C1, U+2028, U+2029) as \uXXXX.
void append_cypher_string(std::string& out, std::string_view text);

/// Appends a Cypher name (label, relationship type, property key): bare when it is a plain
/// identifier, else in backticks with inner backticks doubled.
void append_cypher_name(std::string& out, std::string_view name);

/// Appends `text` as one RFC 4180 field, always quoted, inner quotes doubled. Control
/// characters (line breaks included) become spaces: neo4j-admin reads multi-line fields only
/// with --multiline-fields=true, and a line break in a sentence is only whitespace.
void append_csv_field(std::string& out, std::string_view text);

/// `text` with each byte that is not part of well-formed UTF-8 replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

}  // namespace silkgraph::exporters

#include "ingest/record.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace silkgraph::ingest {

void append_json_line(const Record& r, std::string& out) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto str = [&](const char* key, std::string_view value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  };
  w.StartObject();
  str("doc", r.doc);
  str("subject", r.subject);
  str("subject_type", entity_type_name(r.subject_type));
  str("relation", r.relation);
  str("object", r.object);
  str("object_type", entity_type_name(r.object_type));
  str("sentence", r.sentence);
  w.Key("offset");
  w.StartArray();
  w.Uint(r.begin);
  w.Uint(r.end);
  w.EndArray();
  str("rule", r.rule);
  w.Key("negated");
  w.Bool(r.negated);
  str("modality", r.modality);
  w.Key("date");
  if (r.date)
    w.String(r.date->data(), static_cast<rapidjson::SizeType>(r.date->size()));
  else
    w.Null();
  str("subject_text", r.subject_text);
  str("object_text", r.object_text);
  w.EndObject();
  out.append(buffer.GetString(), buffer.GetSize());
  out += '\n';
}

std::string render(const Record& r) {
  return r.subject + " -" + r.relation + "-> " + r.object;
}

}  // namespace silkgraph::ingest

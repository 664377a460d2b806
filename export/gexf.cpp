// GEXF 1.3 (gexf.net) for Gephi: a dynamic graph whose edges live on the dates of the
// documents that state them, so Gephi's timeline replays the story.
#include <cmath>
#include <cstdio>

#include "export/common.h"
#include "export/escape.h"
#include "export/formats.h"

namespace silkgraph::exporters {
namespace {

struct Attribute {
  const char* id;
  const char* title;
  const char* type;
};

constexpr Attribute kNodeAttributes[] = {
    {"type", "type", "string"},
    {"aliases", "aliases", "string"},
    {"mentions", "mentions", "long"},
};

constexpr Attribute kEdgeAttributes[] = {
    {"relation", "relation", "string"},
    {"first_seen", "first_seen", "string"},
    {"last_seen", "last_seen", "string"},
    {"evidence_count", "evidence_count", "long"},
    {"evidence", "evidence", "string"},
    {"docs", "docs", "string"},
    {"symmetric", "symmetric", "boolean"},
};

void declare(std::string& out, const char* cls, const Attribute* first, const Attribute* last) {
  out += "    <attributes class=\"";
  out += cls;
  out += "\" mode=\"static\">\n";
  for (const Attribute* a = first; a != last; ++a) {
    out += "      <attribute";
    append_xml_attribute(out, "id", a->id);
    append_xml_attribute(out, "title", a->title);
    append_xml_attribute(out, "type", a->type);
    out += "/>\n";
  }
  out += "    </attributes>\n";
}

void value(std::string& out, const char* id, std::string_view v) {
  if (v.empty()) return;
  out += "          <attvalue";
  append_xml_attribute(out, "for", id);
  append_xml_attribute(out, "value", v);
  out += "/>\n";
}

// Node size grows with the log of mentions, so hubs stand out without dwarfing the rest.
std::string node_size(std::uint64_t mentions) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", 10.0 + 5.0 * std::log2(1.0 + static_cast<double>(mentions)));
  return buf;
}

}  // namespace

void write_gexf(const graph::KnowledgeGraph& graph, const graph::Selection& selection, std::ostream& stream) {
  Buffer buffer(stream);
  std::string& out = buffer.text();
  out +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\"\n"
      "      xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
      "      xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
      "  <meta>\n"
      "    <creator>silkgraph</creator>\n"
      "    <description>entities and relations extracted from news articles; edges carry the dates "
      "of the documents that state them</description>\n"
      "  </meta>\n"
      "  <graph mode=\"dynamic\" defaultedgetype=\"";
  out += all_symmetric(graph, selection) ? "undirected" : "directed";
  out += "\" timeformat=\"date\">\n";
  declare(out, "node", std::begin(kNodeAttributes), std::end(kNodeAttributes));
  declare(out, "edge", std::begin(kEdgeAttributes), std::end(kEdgeAttributes));

  out += "    <nodes count=\"" + std::to_string(selection.nodes.size()) + "\">\n";
  for (const graph::NodeId v : selection.nodes) {
    const graph::NodeData& n = graph.node(v);
    out += "      <node";
    append_xml_attribute(out, "id", n.id);
    append_xml_attribute(out, "label", n.name);
    out += ">\n        <attvalues>\n";
    value(out, "type", ingest::entity_type_name(n.type));
    value(out, "aliases", join(aliases(n), "; "));
    value(out, "mentions", std::to_string(n.mentions));
    out += "        </attvalues>\n";
    const Rgb c = type_color(n.type);
    out += "        <viz:color r=\"" + std::to_string(c.r) + "\" g=\"" + std::to_string(c.g) + "\" b=\"" +
           std::to_string(c.b) + "\"/>\n";
    out += "        <viz:size value=\"" + node_size(n.mentions) + "\"/>\n";
    out += "      </node>\n";
    buffer.maybe_flush();
  }
  out += "    </nodes>\n";

  out += "    <edges count=\"" + std::to_string(selection.edges.size()) + "\">\n";
  for (const graph::EdgeId e : selection.edges) {
    const graph::EdgeData& d = graph.edge(e);
    const auto [s, t] = graph::ends(graph, e);
    const std::string& source = graph.node(s).id;
    const std::string& target = graph.node(t).id;
    out += "      <edge";
    append_xml_attribute(out, "id", graph::edge_id(graph, e));
    append_xml_attribute(out, "source", source);
    append_xml_attribute(out, "target", target);
    append_xml_attribute(out, "label", d.relation);
    append_xml_attribute(out, "weight", std::to_string(d.weight));
    out += ">\n        <attvalues>\n";
    value(out, "relation", d.relation);
    value(out, "first_seen", d.first_seen);
    value(out, "last_seen", d.last_seen);
    value(out, "evidence_count", std::to_string(d.evidence.size()));
    value(out, "evidence", first_sentence(d));
    value(out, "docs", join(documents(d), "; "));
    value(out, "symmetric", d.symmetric ? "true" : "false");
    out += "        </attvalues>\n";
    // One spell per document date; an edge without dates has none and is always shown.
    const std::vector<std::string_view> days = dates(d);
    if (!days.empty()) {
      out += "        <spells>\n";
      for (const std::string_view day : days) {
        out += "          <spell";
        append_xml_attribute(out, "start", day);
        append_xml_attribute(out, "end", day);
        out += "/>\n";
      }
      out += "        </spells>\n";
    }
    out += "      </edge>\n";
    buffer.maybe_flush();
  }
  out += "    </edges>\n  </graph>\n</gexf>\n";
}

}  // namespace silkgraph::exporters

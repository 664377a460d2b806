#include "graph/knowledge_graph.h"

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <functional>
#include <list>
#include <tuple>
#include <type_traits>

#include "common/fold.h"

namespace silkgraph::graph {
namespace {

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ull;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ull;

void fnv1a(std::uint64_t& h, std::string_view bytes) {
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= kFnvPrime;
  }
}

std::string type_prefix(ingest::EntityType type) {
  std::string prefix(ingest::entity_type_name(type));
  for (char& c : prefix) c = static_cast<char>(c - 'A' + 'a');  // names are upper-case ASCII
  return prefix;
}

// Folded name with every run of non-[a-z0-9] bytes made one '-', none at either end.
std::string slug(std::string_view name) {
  std::string out;
  bool gap = false;
  for (const char c : fold::folded(name)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (gap && !out.empty()) out += '-';
      out += c;
      gap = false;
    } else {
      gap = true;
    }
  }
  return out;
}

std::string node_key(ingest::EntityType type, std::string_view name) {
  std::string key(ingest::entity_type_name(type));
  key += '\x1f';
  key += name;
  return key;
}

std::string make_id(ingest::EntityType type, std::string_view name, bool hashed, int digits) {
  std::string id = type_prefix(type) + ':' + slug(name);
  if (!hashed) return id;
  std::uint64_t h = kFnvOffset;
  fnv1a(h, node_key(type, name));
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return id + "--" + std::string(hex + 16 - digits, static_cast<std::size_t>(digits));
}

auto evidence_order(const Evidence& e) { return std::tie(e.doc, e.begin, e.end, e.rule); }

bool same_sentence(const Evidence& a, const Evidence& b) {
  return a.doc == b.doc && a.begin == b.begin && a.end == b.end;
}

std::uint64_t distinct_sentences(std::vector<Evidence>::const_iterator first,
                                 std::vector<Evidence>::const_iterator last) {
  std::uint64_t n = 0;
  for (auto it = first; it != last; ++it)
    if (it == first || !same_sentence(*(it - 1), *it)) ++n;
  return n;
}

// A symmetric self-loop has both texts on one node; order them so orientation cannot show.
void order_self_loop_texts(Evidence& e) {
  if (e.target_text < e.source_text) std::swap(e.source_text, e.target_text);
}

}  // namespace

void derive_weight_and_dates(EdgeData& d) {
  d.weight = distinct_sentences(d.evidence.begin(), d.evidence.end());
  d.first_seen.clear();
  d.last_seen.clear();
  for (const Evidence& x : d.evidence) {
    if (x.date.empty()) continue;
    if (d.first_seen.empty() || x.date < d.first_seen) d.first_seen = x.date;
    if (x.date > d.last_seen) d.last_seen = x.date;
  }
}

std::string node_id(ingest::EntityType type, std::string_view name, bool hashed) {
  return make_id(type, name, hashed || slug(name).empty(), 8);
}

bool is_asserted(const ingest::Record& r) { return !r.negated && r.modality == "asserted"; }

std::uint64_t record_hash(const std::vector<ingest::Record>& records) {
  auto fields = [](const ingest::Record* r) {
    return std::tie(r->begin, r->end, r->rule, r->relation, r->subject, r->subject_type, r->object,
                    r->object_type, r->sentence, r->negated, r->modality, r->date, r->subject_text,
                    r->object_text);
  };
  std::vector<const ingest::Record*> sorted;
  sorted.reserve(records.size());
  for (const ingest::Record& r : records) sorted.push_back(&r);
  std::sort(sorted.begin(), sorted.end(), [&](const ingest::Record* a, const ingest::Record* b) {
    return fields(a) < fields(b);
  });
  // A record given twice (the same shard passed twice) is one record.
  sorted.erase(std::unique(sorted.begin(), sorted.end(),
                           [&](const ingest::Record* a, const ingest::Record* b) {
                             return fields(a) == fields(b);
                           }),
               sorted.end());
  std::uint64_t h = kFnvOffset;
  auto field = [&](std::string_view value) {
    fnv1a(h, value);
    fnv1a(h, "\x1f");
  };
  for (const ingest::Record* r : sorted) {
    field(r->subject);
    field(ingest::entity_type_name(r->subject_type));
    field(r->relation);
    field(r->object);
    field(ingest::entity_type_name(r->object_type));
    field(r->sentence);
    field(std::to_string(r->begin));
    field(std::to_string(r->end));
    field(r->rule);
    field(r->negated ? "true" : "false");
    field(r->modality);
    field(r->date.value_or(""));
    field(r->subject_text);
    field(r->object_text);
    fnv1a(h, "\x1e");
  }
  return h;
}

std::size_t KnowledgeGraph::EdgeKeyHash::operator()(const EdgeKey& k) const {
  std::size_t h = std::hash<std::string>()(k.relation);
  h ^= std::hash<NodeId>()(k.source) + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  h ^= std::hash<NodeId>()(k.target) + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  return h;
}

bool KnowledgeGraph::declare_relation(std::string_view relation, bool symmetric) {
  // Looked up first: this runs once per edge, and relations are few.
  if (const auto it = symmetric_.find(relation); it != symmetric_.end())
    return it->second == symmetric;
  symmetric_.emplace(std::string(relation), symmetric);
  return true;
}

bool KnowledgeGraph::is_symmetric(std::string_view relation) const {
  const auto it = symmetric_.find(relation);
  return it != symmetric_.end() && it->second;
}

KnowledgeGraph::EdgeKey KnowledgeGraph::key_of(NodeId source, std::string_view relation,
                                               NodeId target) const {
  if (is_symmetric(relation) && target < source) std::swap(source, target);
  return {source, target, std::string(relation)};
}

NodeId KnowledgeGraph::intern(ingest::EntityType type, std::string_view name) {
  // Most calls name a node that is there already: look it up before making its other names.
  if (const auto it = by_key_.find(node_key(type, name)); it != by_key_.end()) return it->second;
  return intern(names_of(type, name));
}

KnowledgeGraph::NodeNames KnowledgeGraph::names_of(ingest::EntityType type,
                                                   std::string_view name) {
  NodeNames names;
  names.type = type;
  names.name = std::string(name);
  names.key = node_key(type, name);
  names.folded = fold::folded(name);
  names.slug_key = type_prefix(type) + ':' + slug(name);
  return names;
}

NodeId KnowledgeGraph::intern(NodeNames names) {
  // One lookup: the key is moved in only if it is new (try_emplace).
  const auto [known, added] = by_key_.try_emplace(std::move(names.key), boost::num_vertices(adj()));
  if (!added) return known->second;
  // Boost copies a property it is given: add an empty one, fill it in place.
  const NodeId v = boost::add_vertex(adj());
  assert(v == known->second);
  adj()[v].name = std::move(names.name);
  adj()[v].type = names.type;
  by_name_[std::move(names.folded)].push_back(v);
  SlugGroup& group = *by_slug_.try_emplace(std::move(names.slug_key)).first;
  group.second.push_back(v);
  slug_group_.push_back(&group);
  if (group.second.size() == 1) {  // the common case: a slug of its own, a plain id
    NodeData& n = adj()[v];
    n.id = group.first.back() == ':' ? make_id(n.type, n.name, true, 8) : group.first;
    by_id_[n.id] = v;
  } else {
    refresh_ids(group);
  }
  return v;
}

// Ids depend only on the set of live nodes, never on the order they came in: a slug shared by
// two live nodes gives both a hashed id, even when one of them was saved before with a plain id.
void KnowledgeGraph::refresh_ids(const SlugGroup& group) {
  const std::vector<NodeId>& members = group.second;
  const auto live = static_cast<std::size_t>(std::count_if(
      members.begin(), members.end(), [&](NodeId v) { return adj()[v].mentions > 0; }));
  std::vector<std::string> ids;
  for (const int digits : {8, 16}) {  // 16 only if 8 hex digits of two names collide
    ids.clear();
    for (const NodeId v : members) {
      const NodeData& n = adj()[v];
      const bool crowded = n.mentions > 0 ? live > 1 : members.size() > 1;
      ids.push_back(make_id(n.type, n.name, crowded || group.first.back() == ':', digits));
    }
    std::vector<std::string> sorted = ids;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end()) break;
  }
  for (const NodeId v : members) {
    const auto it = by_id_.find(adj()[v].id);
    if (it != by_id_.end() && it->second == v) by_id_.erase(it);
  }
  for (std::size_t i = 0; i < members.size(); ++i) {
    adj()[members[i]].id = ids[i];
    by_id_[ids[i]] = members[i];
  }
}

void KnowledgeGraph::set_mentions(NodeId v, std::uint64_t mentions) {
  NodeData& n = adj()[v];
  const bool was_live = n.mentions > 0;
  n.mentions = mentions;
  if (was_live == (mentions > 0)) return;
  live_nodes_ = mentions > 0 ? live_nodes_ + 1 : live_nodes_ - 1;
  if (slug_group_[v]->second.size() > 1) refresh_ids(*slug_group_[v]);
}

void KnowledgeGraph::count_mentions(NodeId v, std::string_view text, std::int64_t delta) {
  NodeData& n = adj()[v];
  if (text.empty() || text == n.name) return;
  if (delta > 0) {
    auto it = n.aliases.find(text);
    if (it == n.aliases.end()) {
      it = n.aliases.emplace(std::string(text), 0).first;
      by_name_[fold::folded(text)].push_back(v);
    }
    it->second += static_cast<std::uint32_t>(delta);
    return;
  }
  const auto it = n.aliases.find(text);
  assert(it != n.aliases.end() && it->second >= static_cast<std::uint32_t>(-delta));
  it->second -= static_cast<std::uint32_t>(-delta);
  if (it->second > 0) return;
  n.aliases.erase(it);
  std::vector<NodeId>& list = by_name_[fold::folded(text)];
  list.erase(std::find(list.begin(), list.end(), v));
}

void KnowledgeGraph::count_edge_mentions(EdgeId e, std::vector<Evidence>::const_iterator first,
                                         std::vector<Evidence>::const_iterator last) {
  const NodeId s = boost::source(e, adj()), t = boost::target(e, adj());
  for (auto it = first; it != last; ++it) {
    count_mentions(s, it->source_text, 1);
    count_mentions(t, it->target_text, 1);
    if (document_index_ && (it == first || (it - 1)->doc != it->doc))
      document_edges_[it->doc].push_back(e);
  }
  const auto count = static_cast<std::uint64_t>(last - first);
  set_mentions(s, adj()[s].mentions + count);
  if (t != s) set_mentions(t, adj()[t].mentions + count);
}

void KnowledgeGraph::insert_block(EdgeId e, std::vector<Evidence> block) {
  assert(!block.empty());
  EdgeData& d = adj()[e];
  const std::string_view doc = block.front().doc;
  const auto at =
      std::lower_bound(d.evidence.begin(), d.evidence.end(), doc,
                       [](const Evidence& x, std::string_view id) { return x.doc < id; });
  assert(at == d.evidence.end() || at->doc != doc);
  count_edge_mentions(e, block.begin(), block.end());
  d.evidence.insert(at, std::make_move_iterator(block.begin()),
                    std::make_move_iterator(block.end()));
}

void KnowledgeGraph::erase_document_evidence(EdgeId e, std::string_view doc_id) {
  const NodeId s = boost::source(e, adj()), t = boost::target(e, adj());
  EdgeData& d = adj()[e];
  const auto first =
      std::lower_bound(d.evidence.begin(), d.evidence.end(), doc_id,
                       [](const Evidence& x, std::string_view id) { return x.doc < id; });
  const auto last =
      std::find_if(first, d.evidence.end(), [&](const Evidence& x) { return x.doc != doc_id; });
  const auto removed = static_cast<std::uint64_t>(last - first);
  for (auto it = first; it != last; ++it) {
    count_mentions(s, it->source_text, -1);
    count_mentions(t, it->target_text, -1);
  }
  d.evidence.erase(first, last);
  derive_weight_and_dates(d);
  if (d.evidence.empty()) {
    edges_.erase(key_of(s, d.relation, t));
    boost::remove_edge(e, adj());
  }
  set_mentions(s, adj()[s].mentions - removed);
  if (t != s) set_mentions(t, adj()[t].mentions - removed);
}

EdgeId KnowledgeGraph::add_evidence(NodeId source, std::string_view relation, NodeId target,
                                    std::vector<Evidence> evidence) {
  return *add(source, relation, target, std::move(evidence), false);
}

std::optional<EdgeId> KnowledgeGraph::add_new_edge(NodeId source, std::string_view relation,
                                                   NodeId target, std::vector<Evidence> evidence) {
  return add(source, relation, target, std::move(evidence), true);
}

std::optional<EdgeId> KnowledgeGraph::add(NodeId source, std::string_view relation, NodeId target,
                                          std::vector<Evidence> evidence, bool new_only) {
  const bool symmetric = is_symmetric(relation);
  if (!symmetric) declare_relation(relation, false);
  index_edges();
  const auto [it, added] = edges_.try_emplace(key_of(source, relation, target));
  if (!added && new_only) return std::nullopt;
  if (added) {
    // A new symmetric edge points from the smaller id; the writer re-orients edges whose
    // nodes were renamed since (refresh_ids), so files never depend on history.
    NodeId from = source, to = target;
    if (symmetric && adj()[to].id < adj()[from].id) std::swap(from, to);
    it->second = new_edge(from, to);
    adj()[it->second].relation = std::string(relation);
    adj()[it->second].symmetric = symmetric;
  }
  const EdgeId e = it->second;
  const bool reversed = boost::source(e, adj()) != source;
  for (Evidence& x : evidence) {
    if (reversed) std::swap(x.source_text, x.target_text);
    if (symmetric && source == target) order_self_loop_texts(x);
  }
  auto before = [](const Evidence& a, const Evidence& b) {
    return evidence_order(a) < evidence_order(b);
  };
  if (!std::is_sorted(evidence.begin(), evidence.end(), before))
    std::sort(evidence.begin(), evidence.end(), before);
  auto next_document = [](std::vector<Evidence>::iterator first,
                          std::vector<Evidence>::iterator last) {
    return std::find_if(first, last, [&](const Evidence& x) { return x.doc != first->doc; });
  };
  EdgeData& d = adj()[e];
  if (d.evidence.empty()) {  // a new edge: the evidence is stored as it is
    d.evidence = std::move(evidence);
    count_edge_mentions(e, d.evidence.begin(), d.evidence.end());
  } else {
    for (auto first = evidence.begin(); first != evidence.end();) {
      const auto last = next_document(first, evidence.end());
      insert_block(e, std::vector<Evidence>(std::make_move_iterator(first),
                                            std::make_move_iterator(last)));
      first = last;
    }
  }
  derive_weight_and_dates(d);
  return e;
}

// add_loaded_edges() does what boost::add_edge() does for this adjacency_list (Boost 1.74,
// adjacency_list.hpp: add_edge for bidirectional_graph_helper_with_property) with the edge
// records already made: they join Boost's list of edges, and each node's out- and in-edge
// vectors get an entry pointing at the record. These assertions hold the types it relies on.
static_assert(std::is_same_v<KnowledgeGraph::LoadedEdges,
                             std::list<boost::list_edge<NodeId, EdgeData>>>);
static_assert(std::is_same_v<Adjacency::StoredEdge,
                             boost::detail::stored_edge_iter<
                                 NodeId, KnowledgeGraph::LoadedEdges::iterator, EdgeData>>);

void KnowledgeGraph::append_loaded_edge(LoadedEdges& edges, NodeId source, NodeId target,
                                        EdgeData data) {
  // list_edge copies a property it is given: add an empty one, fill it in place.
  edges.emplace_back(source, target).get_property() = std::move(data);
}

void KnowledgeGraph::add_loaded_edges(LoadedEdges& edges) {
  if (edges.empty()) return;
  edge_index_ = false;
  Adjacency& g = adj();
  const auto first = edges.begin();
  g.m_edges.splice(g.m_edges.end(), edges);  // the records stay where they are
  for (auto it = first; it != g.m_edges.end(); ++it) {
    const NodeId s = it->m_source, t = it->m_target;
    assert(s < boost::num_vertices(g) && t < boost::num_vertices(g));
    assert(!it->get_property().evidence.empty() &&
           is_symmetric(it->get_property().relation) == it->get_property().symmetric);
    g.m_vertices[s].m_out_edges.emplace_back(t, it);
    g.m_vertices[t].m_in_edges.emplace_back(s, it);
    const std::vector<Evidence>& evidence = it->get_property().evidence;
    count_edge_mentions(EdgeId(s, t, &it->get_property()), evidence.begin(), evidence.end());
  }
}

EdgeId KnowledgeGraph::new_edge(NodeId source, NodeId target) {
  // Boost copies the property it is given twice: add an empty one, fill it in place.
  return boost::add_edge(source, target, adj()).first;
}

void KnowledgeGraph::index_edges() {
  if (edge_index_) return;
  edges_.clear();
  edges_.reserve(boost::num_edges(adj()));
  for (const EdgeId e : boost::make_iterator_range(boost::edges(adj())))
    edges_.emplace(key_of(boost::source(e, adj()), adj()[e].relation, boost::target(e, adj())), e);
  edge_index_ = true;
}

void KnowledgeGraph::reserve(std::size_t nodes, std::size_t edges) {
  adj().m_vertices.reserve(nodes);  // Boost's vertex vector: public, and adjacency_list has no reserve
  // Twice the buckets: a new key, the common case when many nodes are added at once, then
  // walks half a chain on average instead of a whole one (each link a cache miss).
  by_key_.reserve(2 * nodes);
  by_id_.reserve(2 * nodes);
  by_slug_.reserve(2 * nodes);
  by_name_.reserve(2 * nodes);
  slug_group_.reserve(nodes);
  if (edge_index_) edges_.reserve(edges);
}

void KnowledgeGraph::set_document(DocumentInfo info) {
  std::string id = info.id;
  documents_[std::move(id)] = std::move(info);
}

MergeResult KnowledgeGraph::merge_document(const std::string& doc_id,
                                           std::vector<ingest::Record> records) {
  MergeResult result;
  const std::uint64_t hash = record_hash(records);
  if (const auto it = documents_.find(doc_id); it != documents_.end()) {
    if (it->second.hash == hash) {
      result.outcome = MergeResult::Outcome::Unchanged;
      return result;
    }
    remove_document(doc_id);
    result.outcome = MergeResult::Outcome::Replaced;
  } else {
    result.outcome = MergeResult::Outcome::Added;
  }
  if (records.empty()) {
    if (result.outcome == MergeResult::Outcome::Added) result.outcome = MergeResult::Outcome::Empty;
    return result;
  }

  DocumentInfo info{doc_id, hash, {}};
  for (const ingest::Record& r : records)
    if (r.date && !r.date->empty() && (info.date.empty() || *r.date < info.date))
      info.date = *r.date;
  set_document(std::move(info));

  // Group the asserted records by edge, texts oriented as the key is. Their texts go into
  // text_: ids, dates, rules and names once per graph, each sentence once per document.
  std::unordered_map<EdgeKey, std::vector<Evidence>, EdgeKeyHash> groups;
  std::unordered_map<std::string_view, std::string_view> sentences;  // record's -> text_'s
  const std::string_view doc = text_.intern(doc_id);
  for (ingest::Record& r : records) {
    assert(r.doc == doc_id);
    if (!is_asserted(r)) {
      ++result.unasserted;
      continue;
    }
    ++result.asserted;
    const NodeId s = intern(r.subject_type, r.subject), t = intern(r.object_type, r.object);
    EdgeKey key = key_of(s, r.relation, t);
    Evidence x;
    x.doc = doc;
    x.date = text_.intern(r.date.value_or(""));
    auto [sentence, added] = sentences.try_emplace(r.sentence);
    if (added) sentence->second = text_.store(r.sentence);
    x.sentence = sentence->second;
    x.begin = r.begin;
    x.end = r.end;
    x.rule = text_.intern(r.rule);
    x.source_text = text_.intern(r.subject_text);
    x.target_text = text_.intern(r.object_text);
    if (key.source != s) std::swap(x.source_text, x.target_text);
    groups[std::move(key)].push_back(std::move(x));
  }

  for (auto& [key, block] : groups) {
    const bool self_loop = key.source == key.target && is_symmetric(key.relation);
    if (self_loop)
      for (Evidence& x : block) order_self_loop_texts(x);
    // Same sentence and rule twice is one evidence: keep the smallest text of each side, so
    // the choice does not depend on record order or on which way a symmetric edge points.
    std::sort(block.begin(), block.end(), [](const Evidence& a, const Evidence& b) {
      return std::tie(a.begin, a.end, a.rule, a.sentence, a.date, a.source_text, a.target_text) <
             std::tie(b.begin, b.end, b.rule, b.sentence, b.date, b.source_text, b.target_text);
    });
    std::vector<Evidence> unique;
    for (Evidence& x : block) {
      if (unique.empty() || evidence_order(unique.back()) != evidence_order(x)) {
        unique.push_back(std::move(x));
        continue;
      }
      Evidence& kept = unique.back();
      kept.source_text = std::min(kept.source_text, x.source_text);
      kept.target_text = std::min(kept.target_text, x.target_text);
      if (self_loop) order_self_loop_texts(kept);
    }
    add_evidence(key.source, key.relation, key.target, std::move(unique));
  }
  return result;
}

bool KnowledgeGraph::remove_document(std::string_view doc_id) {
  const auto it = documents_.find(doc_id);
  if (it == documents_.end()) return false;
  const std::string id = it->first;
  documents_.erase(it);
  index_edges();
  if (!document_index_) {
    for (const EdgeId e : boost::make_iterator_range(boost::edges(adj()))) {
      const std::vector<Evidence>& evidence = adj()[e].evidence;
      for (std::size_t i = 0; i < evidence.size(); ++i)
        if (i == 0 || evidence[i].doc != evidence[i - 1].doc)
          document_edges_[evidence[i].doc].push_back(e);
    }
    document_index_ = true;
  }
  if (const auto edges = document_edges_.find(id); edges != document_edges_.end()) {
    for (const EdgeId e : edges->second) erase_document_evidence(e, id);
    document_edges_.erase(edges);
  }
  return true;
}

std::vector<NodeId> KnowledgeGraph::find_all(std::string_view name_or_alias) const {
  std::vector<NodeId> out;
  const auto it = by_name_.find(fold::folded(name_or_alias));
  if (it == by_name_.end()) return out;
  for (const NodeId v : it->second)
    if (adj()[v].mentions > 0) out.push_back(v);
  std::sort(out.begin(), out.end(), [&](NodeId a, NodeId b) { return adj()[a].id < adj()[b].id; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<NodeId> KnowledgeGraph::find(std::string_view name_or_alias) const {
  const std::vector<NodeId> all = find_all(name_or_alias);
  if (all.empty()) return std::nullopt;
  const std::string key = fold::folded(name_or_alias);
  auto rank = [&](NodeId v) {
    const NodeData& n = adj()[v];
    return std::make_tuple(fold::folded(n.name) != key, ~n.mentions);
  };
  // find_all sorted by id, and min_element keeps the first of equals.
  return *std::min_element(all.begin(), all.end(),
                           [&](NodeId a, NodeId b) { return rank(a) < rank(b); });
}

std::optional<NodeId> KnowledgeGraph::find_id(std::string_view id) const {
  const auto it = by_id_.find(std::string(id));
  if (it == by_id_.end() || adj()[it->second].mentions == 0) return std::nullopt;
  return it->second;
}

std::optional<EdgeId> KnowledgeGraph::find_edge(NodeId source, std::string_view relation,
                                                NodeId target) const {
  if (edge_index_) {
    const auto it = edges_.find(key_of(source, relation, target));
    if (it == edges_.end()) return std::nullopt;
    return it->second;
  }
  // Not indexed (a loaded graph nobody changed): the source's edges, both ways if symmetric.
  auto among = [&](NodeId from, NodeId to) -> std::optional<EdgeId> {
    for (const EdgeId e : boost::make_iterator_range(boost::out_edges(from, adj())))
      if (boost::target(e, adj()) == to && adj()[e].relation == relation) return e;
    return std::nullopt;
  };
  if (auto e = among(source, target)) return e;
  if (source != target && is_symmetric(relation)) return among(target, source);
  return std::nullopt;
}

}  // namespace silkgraph::graph

// graph/knowledge_graph.h
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/text_store.h"
#include "ingest/record.h"

namespace silkgraph::graph {

/// One sentence that states an edge. The texts are views into the graph's TextStore.
struct Evidence {
  std::string_view doc;
  std::string_view date;  // ISO "YYYY-MM-DD", empty when the document has none
  std::string_view sentence;
  std::uint32_t begin = 0, end = 0;  // byte offsets of the sentence in the document
  std::string_view rule;
  // The words that named the edge's source and target in the sentence (the record's
  // subject_text/object_text, swapped when a symmetric edge points the other way).
  std::string_view source_text, target_text;
};

struct NodeData {
  std::string id;    // "person:kassym-jomart-tokayev": type + slug of the name, see node_id()
  std::string name;  // canonical: "Kassym-Jomart Tokayev"
  ingest::EntityType type = ingest::EntityType::Org;
  // Surface forms other than `name` -> number of evidence entries that use them; sorted, so
  // output is byte-stable. Derived from the evidence, like `mentions`.
  std::map<std::string, std::uint32_t, std::less<>> aliases;
  std::uint64_t mentions = 0;  // evidence entries of the node's edges; 0: no edges left
};

struct EdgeData {
  std::string relation;  // "MEETS"; rule files may add types
  bool symmetric = false;
  std::vector<Evidence> evidence;     // sorted by (doc, begin, end, rule), no two share all four
  std::uint64_t weight = 0;           // distinct sentences (doc, begin, end) in `evidence`
  std::string first_seen, last_seen;  // earliest and latest evidence date, empty if none
};

using Adjacency =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, NodeData, EdgeData>;
using NodeId = Adjacency::vertex_descriptor;
using EdgeId = Adjacency::edge_descriptor;

/// A document whose records went into the graph, remembered for `build --append`.
struct DocumentInfo {
  std::string id;
  std::uint64_t hash = 0;  // record_hash() of all its records, asserted or not
  std::string date;        // earliest record date, empty if none
};

/// What merge_document() did with a document.
struct MergeResult {
  enum class Outcome {
    Added,      // a new document id
    Unchanged,  // same id, same hash: nothing changed, nothing counted twice
    Replaced,   // same id, new content: its old evidence was removed first
    Empty,      // no records and not in the graph: nothing to do
  };
  Outcome outcome = Outcome::Empty;
  std::size_t asserted = 0;    // records that became evidence
  std::size_t unasserted = 0;  // negated or not "asserted": left out of the graph
};

/// The merged graph every stage after extraction reads.
///
/// Nodes are (type, canonical name) pairs; edges are (source, relation, target) with the
/// evidence that states them. Only asserted records (negated false, modality "asserted") become
/// evidence: spec/relations.md says the others are not relations. Nodes are never removed, so
/// NodeIds stay valid; a node whose last edge went away has mentions 0 and is left out of
/// find(), node_count() and saved files. Movable, not copyable; a moved-from graph may only be
/// destroyed or assigned to.
class KnowledgeGraph {
 public:
  /// Declares how edges of `relation` are stored; relations never declared are directed.
  /// False (and nothing changes) when it was declared, or loaded, the other way.
  bool declare_relation(std::string_view relation, bool symmetric);
  bool is_symmetric(std::string_view relation) const;

  /// Merges all records of one document (every record's `doc` must be `doc_id`). A document
  /// already in the graph with the same record_hash() is left alone; with another hash its old
  /// evidence is removed first, dropping edges that have none left.
  MergeResult merge_document(const std::string& doc_id, std::vector<ingest::Record> records);
  /// Removes a document and its evidence; false if it is not in the graph.
  bool remove_document(std::string_view doc_id);

  /// The node named (type, name), created without edges if new.
  NodeId intern(ingest::EntityType type, std::string_view name);
  /// What a new node's indexes need from its type and name; names_of() is pure, so a loader
  /// can make them on other threads and hand them to intern().
  struct NodeNames {
    ingest::EntityType type = ingest::EntityType::Org;
    std::string name;
    std::string key;       // identity: "TYPE\x1f" + name
    std::string folded;    // fold::folded(name)
    std::string slug_key;  // "type:slug", the plain id when the slug is not empty
  };
  static NodeNames names_of(ingest::EntityType type, std::string_view name);
  NodeId intern(NodeNames names);
  /// Adds evidence of one document to the edge source -relation-> target, creating it if
  /// needed; `block` must not contain evidence the edge already has. For load_graph.
  EdgeId add_evidence(NodeId source, std::string_view relation, NodeId target,
                      std::vector<Evidence> block);
  /// Like add_evidence(), for an edge that does not exist yet: nullopt, and nothing changes,
  /// if source -relation-> target is already there. For load_graph.
  std::optional<EdgeId> add_new_edge(NodeId source, std::string_view relation, NodeId target,
                                     std::vector<Evidence> evidence);
  /// Edges made apart from any graph, on any thread, for add_loaded_edges(): Boost's own list
  /// of edge records, so that adding them moves no edge.
  using LoadedEdges = Adjacency::EdgeContainer;
  static void append_loaded_edge(LoadedEdges& edges, NodeId source, NodeId target,
                                 EdgeData data);
  /// For load_graph's line-by-line path, which has checked what the other two check: every
  /// edge of `edges` is one not yet in the graph, between nodes of the graph, of a relation
  /// declared as its data.symmetric, with evidence in (doc, begin, end, rule) order without
  /// two alike, a symmetric edge from the node of the smaller id and a symmetric self-loop's
  /// texts in order, weight and dates derived (derive_weight_and_dates). Takes the edges
  /// (`edges` is left empty); the edge index is rebuilt when first needed.
  void add_loaded_edges(LoadedEdges& edges);
  /// Where the texts of evidence given to add_evidence(), add_new_edge() and add_loaded_edges()
  /// must live (or live as long as the graph).
  TextStore& text() { return text_; }
  /// Makes room for this many nodes and edges, so that loading does not rehash or move nodes.
  void reserve(std::size_t nodes, std::size_t edges);
  /// Records a document as merged. For load_graph; merge_document does it itself.
  void set_document(DocumentInfo info);

  /// The node whose canonical name or alias folds (fold::folded) like `name_or_alias`; when
  /// several do, a canonical-name match wins, then more mentions, then the smaller id.
  std::optional<NodeId> find(std::string_view name_or_alias) const;
  /// Every node with that name or alias, sorted by id.
  std::vector<NodeId> find_all(std::string_view name_or_alias) const;
  std::optional<NodeId> find_id(std::string_view id) const;
  std::optional<EdgeId> find_edge(NodeId source, std::string_view relation, NodeId target) const;

  const Adjacency& adjacency() const { return *adjacency_; }
  const NodeData& node(NodeId v) const { return (*adjacency_)[v]; }
  const EdgeData& edge(EdgeId e) const { return (*adjacency_)[e]; }
  const std::map<std::string, DocumentInfo, std::less<>>& documents() const { return documents_; }
  /// Nodes with at least one edge.
  std::size_t node_count() const { return live_nodes_; }
  std::size_t edge_count() const { return boost::num_edges(*adjacency_); }

 private:
  struct EdgeKey {
    NodeId source, target;  // ordered by descriptor for symmetric relations
    std::string relation;
    bool operator==(const EdgeKey& o) const {
      return source == o.source && target == o.target && relation == o.relation;
    }
  };
  struct EdgeKeyHash {
    std::size_t operator()(const EdgeKey& k) const;
  };

  EdgeKey key_of(NodeId source, std::string_view relation, NodeId target) const;
  std::optional<EdgeId> add(NodeId source, std::string_view relation, NodeId target,
                            std::vector<Evidence> evidence, bool new_only);
  // Counts evidence [first, last) of edge `e`, of any documents, in its nodes' mentions and
  // aliases and in the document index (weight and dates: derive_weight_and_dates).
  void count_edge_mentions(EdgeId e, std::vector<Evidence>::const_iterator first,
                           std::vector<Evidence>::const_iterator last);
  // A new edge source -> target with empty EdgeData.
  EdgeId new_edge(NodeId source, NodeId target);
  // Builds edges_ if add_loaded_edges() left it out of date; every change of edges goes
  // through here.
  void index_edges();
  void insert_block(EdgeId e, std::vector<Evidence> block);
  void erase_document_evidence(EdgeId e, std::string_view doc_id);
  void count_mentions(NodeId v, std::string_view text, std::int64_t delta);
  void set_mentions(NodeId v, std::uint64_t mentions);
  using SlugGroup = std::pair<const std::string, std::vector<NodeId>>;
  void refresh_ids(const SlugGroup& group);
  Adjacency& adj() { return *adjacency_; }
  const Adjacency& adj() const { return *adjacency_; }

  // On the heap so that moving the graph keeps every EdgeId valid: an EdgeId points into the
  // adjacency_list, which copies itself even when moved (Boost 1.74 has no move constructor).
  std::unique_ptr<Adjacency> adjacency_ = std::make_unique<Adjacency>();
  TextStore text_;
  std::size_t live_nodes_ = 0;
  std::map<std::string, bool, std::less<>> symmetric_;
  // Identity of a node: "TYPE\x1f" + canonical name.
  std::unordered_map<std::string, NodeId> by_key_;
  std::unordered_map<std::string, NodeId> by_id_;
  // "type:slug" -> every node with that slug; more than one live node get hashed ids.
  std::unordered_map<std::string, std::vector<NodeId>> by_slug_;
  std::vector<SlugGroup*> slug_group_;  // by NodeId; unordered_map elements never move
  // Folded canonical name or alias -> nodes, one entry per (node, surface form).
  std::unordered_map<std::string, std::vector<NodeId>> by_name_;
  // (source, relation, target) -> edge, for changes. add_loaded_edges() leaves it out of date
  // (edge_index_ false): loading a large graph then costs no hashing, and a graph that is only
  // read never builds it; find_edge() looks through the source's edges instead.
  std::unordered_map<EdgeKey, EdgeId, EdgeKeyHash> edges_;
  bool edge_index_ = true;
  std::map<std::string, DocumentInfo, std::less<>> documents_;
  // Document id -> edges with its evidence, for remove_document(). Built on the first removal
  // (most graphs are built or loaded and never see one), then kept up to date.
  std::unordered_map<std::string_view, std::vector<EdgeId>> document_edges_;  // keys in text_
  bool document_index_ = false;
};

/// "person:kassym-jomart-tokayev": the type, ':' and the folded name with every run of
/// characters other than ASCII letters and digits made one '-'. When `hashed` (two live nodes
/// of one type share a slug), "--" and 8 hex digits of a hash of type and name follow; a slug
/// never holds "--", so such an id cannot be another node's plain one.
std::string node_id(ingest::EntityType type, std::string_view name, bool hashed);

/// 64-bit FNV-1a of a document's records, whatever their order: records are sorted and
/// duplicates dropped first, then every field of the record contract except `doc` is hashed.
std::uint64_t record_hash(const std::vector<ingest::Record>& records);

/// Sets d.weight (distinct sentences), d.first_seen and d.last_seen from d.evidence, which is
/// in (doc, begin, end, rule) order.
void derive_weight_and_dates(EdgeData& d);

/// True for a record the graph keeps: not negated and modality "asserted".
bool is_asserted(const ingest::Record& r);

}  // namespace silkgraph::graph

// silkgraph export for Neo4j 5: 10 nodes, 11 relationships.
// Run it with 'cypher-shell -f FILE' or paste it into Neo4j Browser. It only MERGEs, so
// running it again leaves the same database. Nodes carry :Entity and a label for their type;
// symmetric relations are stored in one direction and matched in both.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT city_id IF NOT EXISTS FOR (n:City) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT country_id IF NOT EXISTS FOR (n:Country) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT org_id IF NOT EXISTS FOR (n:Org) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE;

// City: 1 node
UNWIND [
  {id: 'city:almaty', props: {name: 'Almaty', type: 'CITY', aliases: null, mentions: 1}}
] AS row
MERGE (n:Entity:City {id: row.id})
SET n += row.props;

// Country: 3 nodes
UNWIND [
  {id: 'country:china', props: {name: 'China', type: 'COUNTRY', aliases: ['Beijing'], mentions: 3}},
  {id: 'country:kazakhstan', props: {name: 'Kazakhstan', type: 'COUNTRY', aliases: null, mentions: 8}},
  {id: 'country:russia', props: {name: 'Russia', type: 'COUNTRY', aliases: null, mentions: 1}}
] AS row
MERGE (n:Entity:Country {id: row.id})
SET n += row.props;

// Org: 2 nodes
UNWIND [
  {id: 'org:center-analytica-inc', props: {name: 'Center \"Analytica\", Inc.', type: 'ORG', aliases: ['Analytica'], mentions: 1}},
  {id: 'org:shanghai-cooperation-organisation', props: {name: 'Shanghai Cooperation Organisation', type: 'ORG', aliases: ['SCO; the \"bloc\"'], mentions: 1}}
] AS row
MERGE (n:Entity:Org {id: row.id})
SET n += row.props;

// Person: 3 nodes
UNWIND [
  {id: 'person:kassym-jomart-tokayev', props: {name: 'Kassym-Jomart Tokayev', type: 'PERSON', aliases: ['Tokayev', 'Toqaev'], mentions: 3}},
  {id: 'person:vladimir-putin', props: {name: 'Vladimir Putin', type: 'PERSON', aliases: ['Putin'], mentions: 2}},
  {id: 'person:xi-jinping', props: {name: 'Xi Jinping', type: 'PERSON', aliases: ['Xi'], mentions: 3}}
] AS row
MERGE (n:Entity:Person {id: row.id})
SET n += row.props;

// Region: 1 node
UNWIND [
  {id: 'region:central-asia', props: {name: 'Central Asia', type: 'REGION', aliases: null, mentions: 1}}
] AS row
MERGE (n:Entity:Region {id: row.id})
SET n += row.props;

// CRITICIZES: 1 relationship
UNWIND [
  {source: 'person:vladimir-putin', target: 'org:center-analytica-inc', props: {relation: 'CRITICIZES', weight: 1, first_seen: null, last_seen: null, evidence_count: 1, evidence: 'Putin criticised Analytica �.', docs: ['c'], symmetric: false}}
] AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:CRITICIZES]->(b)
SET r += row.props;

// INVESTS_IN: 1 relationship
UNWIND [
  {source: 'country:china', target: 'country:kazakhstan', props: {relation: 'INVESTS_IN', weight: 1, first_seen: date('2024-07-04'), last_seen: date('2024-07-04'), evidence_count: 1, evidence: 'Beijing invested in Kazakhstan’s mines.', docs: ['b'], symmetric: false}}
] AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:INVESTS_IN]->(b)
SET r += row.props;

// LEADER_OF: 1 relationship
UNWIND [
  {source: 'person:kassym-jomart-tokayev', target: 'country:kazakhstan', props: {relation: 'LEADER_OF', weight: 1, first_seen: date('2024-07-03'), last_seen: date('2024-07-03'), evidence_count: 1, evidence: 'Tokayev leads Kazakhstan.', docs: ['a'], symmetric: false}}
] AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:LEADER_OF]->(b)
SET r += row.props;

// LOCATED_IN: 2 relationships
UNWIND [
  {source: 'city:almaty', target: 'country:kazakhstan', props: {relation: 'LOCATED_IN', weight: 1, first_seen: date('2025-06-18'), last_seen: date('2025-06-18'), evidence_count: 1, evidence: 'Almaty lies west of Ürümqi — in Kazakhstan.', docs: ['e'], symmetric: false}},
  {source: 'country:kazakhstan', target: 'region:central-asia', props: {relation: 'LOCATED_IN', weight: 1, first_seen: date('2025-06-18'), last_seen: date('2025-06-18'), evidence_count: 1, evidence: 'Kazakhstan lies in Central Asia.', docs: ['e'], symmetric: false}}
] AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:LOCATED_IN]->(b)
SET r += row.props;

// MEETS: 1 symmetric relationship
UNWIND [
  {source: 'person:kassym-jomart-tokayev', target: 'person:xi-jinping', props: {relation: 'MEETS', weight: 2, first_seen: date('2024-07-03'), last_seen: date('2024-07-04'), evidence_count: 2, evidence: 'Xi met Tokayev in \"Astana\" & <Almaty>.', docs: ['a', 'b'], symmetric: true}}
] AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:MEETS]-(b)
SET r += row.props;

// MEMBER_OF: 1 relationship
UNWIND [
  {source: 'country:kazakhstan', target: 'org:shanghai-cooperation-organisation', props: {relation: 'MEMBER_OF', weight: 1, first_seen: null, last_seen: null, evidence_count: 1, evidence: 'Kazakhstan joined the SCO; the \"bloc\", that is.', docs: ['c'], symmetric: false}}
] AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:MEMBER_OF]->(b)
SET r += row.props;

// TRADES_WITH: 2 symmetric relationships
UNWIND [
  {source: 'country:china', target: 'country:kazakhstan', props: {relation: 'TRADES_WITH', weight: 1, first_seen: date('2023-05-19'), last_seen: date('2023-05-19'), evidence_count: 1, evidence: 'China and Kazakhstan trade\tgoods \u0001 worth €1bn.', docs: ['d'], symmetric: true}},
  {source: 'country:china', target: 'country:russia', props: {relation: 'TRADES_WITH', weight: 1, first_seen: date('2025-06-18'), last_seen: date('2025-06-18'), evidence_count: 1, evidence: 'Russia trades with China.', docs: ['e'], symmetric: true}}
] AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:TRADES_WITH]-(b)
SET r += row.props;

// VISITS: 2 relationships
UNWIND [
  {source: 'person:vladimir-putin', target: 'country:kazakhstan', props: {relation: 'VISITS', weight: 1, first_seen: null, last_seen: null, evidence_count: 1, evidence: 'Putin visited Kazakhstan.', docs: ['c'], symmetric: false}},
  {source: 'person:xi-jinping', target: 'country:kazakhstan', props: {relation: 'VISITS', weight: 1, first_seen: date('2025-06-18'), last_seen: date('2025-06-18'), evidence_count: 1, evidence: 'Xi visited Kazakhstan.', docs: ['e'], symmetric: false}}
] AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:VISITS]->(b)
SET r += row.props;

// kuzu_neighbours.mjs WORK DIR ID: loads a neo4j-csv export (DIR/nodes.csv, DIR/relationships.csv)
// into an embedded Kuzu database, a Cypher engine, and prints the neighbours of node ID over
// relationships in either direction as "RELATION<TAB>NEIGHBOUR_ID" lines, sorted. WORK holds
// node_modules with kuzu (the validators' copy, see validators.sh).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [work, dir, id] = process.argv.slice(2);
if (!work || !dir || !id) {
  console.error('usage: kuzu_neighbours.mjs WORK DIR ID');
  process.exit(2);
}
const kuzu = createRequire(join(work, 'package.json'))('kuzu');
const tmp = mkdtempSync(join(tmpdir(), 'kuzu-neighbours-'));
const lit = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const OPTS = "(HEADER=true, DELIM=',', QUOTE='\"', ESCAPE='\"', PARALLEL=false, AUTO_DETECT=false)";
try {
  const db = new kuzu.Database(join(tmp, 'db'));
  const conn = new kuzu.Connection(db);
  const run = async (q) => (await conn.query(q)).getAll();
  // Columns in the order of the CSV headers; arrays and dates as strings.
  await run('CREATE NODE TABLE Entity(id STRING, name STRING, labels STRING, type STRING, aliases STRING, ' +
            'mentions INT64, PRIMARY KEY(id))');
  await run(`COPY Entity FROM ${lit(join(dir, 'nodes.csv'))} ${OPTS}`);
  await run('CREATE REL TABLE Rel(FROM Entity TO Entity, type STRING, relation STRING, weight INT64, ' +
            'first_seen STRING, last_seen STRING, evidence_count INT64, evidence STRING, docs STRING, symmetric BOOLEAN)');
  await run(`COPY Rel FROM ${lit(join(dir, 'relationships.csv'))} ${OPTS}`);
  const ps = await conn.prepare('MATCH (a:Entity {id: $id})-[r:Rel]-(b:Entity) RETURN DISTINCT r.type AS t, b.id AS n ORDER BY t, n');
  const rows = await (await conn.execute(ps, { id })).getAll();
  for (const row of rows) console.log(`${row.t}\t${row.n}`);
} catch (e) {
  console.error(`kuzu_neighbours: ${e.message}`);
  process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

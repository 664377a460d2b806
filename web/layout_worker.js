// silkgraph viewer: the force-directed layout (cytoscape's cose, headless) off the page's
// thread, so the page keeps answering while thousands of nodes are placed. Receives the
// drawing's nodes and edges, answers with a position per node.
'use strict';
importScripts('/assets/cytoscape.min.js');

self.onmessage = (event) => {
  const { seq, nodes, edges, big } = event.data;
  const elements = nodes.map((n) => ({ group: 'nodes', data: { id: n.id, size: n.size },
    position: n.position })).concat(edges.map((e) => ({ group: 'edges', data: e })));
  // Node sizes matter to cose (overlap and spacing), so the headless instance has them too.
  const cy = cytoscape({ headless: true, styleEnabled: true, elements,
    style: [{ selector: 'node', style: { width: 'data(size)', height: 'data(size)' } }] });
  // Each iteration costs the square of the node count: fewer of them for large drawings, which
  // start from rings around the focus instead of random places.
  cy.layout({
    name: 'cose', animate: false, randomize: !big, fit: false,
    numIter: Math.max(30, Math.min(1500, Math.round(150000 / Math.max(1, nodes.length)))),
    nodeRepulsion: () => (big ? 12000 : 40000),
    idealEdgeLength: () => (big ? 70 : 140),
    nodeOverlap: 40, componentSpacing: 100,
  }).run();
  const positions = {};
  cy.nodes().forEach((n) => { positions[n.id()] = n.position(); });
  self.postMessage({ seq, positions });
};

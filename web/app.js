// silkgraph viewer: asks the read-only JSON API for one neighbourhood at a time and draws it
// with cytoscape (force-directed "cose" layout). Every name and sentence is put on the page
// as text (textContent, canvas labels), never as HTML.
'use strict';

(function () {
  const TYPE_COLOURS = {
    PERSON: '#e4572e', COUNTRY: '#1f77b4', REGION: '#2ca02c', CITY: '#9467bd', ORG: '#f0a202',
  };
  const RELATION_PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b',
    '#e377c2', '#17becf', '#bcbd22', '#7f7f7f', '#393b79', '#637939', '#8c6d31', '#843c39',
    '#7b4173', '#3182bd', '#e6550d', '#31a354', '#756bb1', '#636363', '#9c9ede', '#cedb9c',
    '#e7ba52', '#ad494a'];
  const $ = (id) => document.getElementById(id);
  const state = { focus: null, relations: [], types: [], relationColour: {}, searchSeq: 0 };

  function element(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (className) e.className = className;
    return e;
  }

  function status(text, isError) {
    const s = $('status');
    s.textContent = text || '';
    s.className = isError ? 'error' : '';
  }

  async function api(path, params) {
    const query = new URLSearchParams(params || {}).toString();
    const response = await fetch(path + (query ? '?' + query : ''));
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status));
    return body;
  }

  // ---------------------------------------------------------------- graph drawing
  const cy = cytoscape({
    container: $('graph'),
    wheelSensitivity: 0.3,
    hideEdgesOnViewport: true,  // panning and zooming stay smooth with thousands of elements
    textureOnViewport: true,
    minZoom: 0.05,
    maxZoom: 4,
    style: [
      { selector: 'node', style: {
        'background-color': 'data(colour)', 'width': 'data(size)', 'height': 'data(size)',
        'label': 'data(name)', 'font-size': 11, 'color': '#1d2330', 'text-valign': 'bottom',
        'text-margin-y': 3, 'text-outline-color': '#f5f6f8', 'text-outline-width': 2,
        'min-zoomed-font-size': 6 } },
      { selector: 'node.focus', style: { 'border-width': 4, 'border-color': '#1d2330' } },
      { selector: 'edge', style: {
        'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)',
        'target-arrow-shape': 'triangle', 'curve-style': 'bezier', 'width': 'data(width)',
        'label': 'data(relation)', 'font-size': 8, 'color': '#4b5563', 'text-rotation': 'autorotate',
        'text-outline-color': '#f5f6f8', 'text-outline-width': 2, 'min-zoomed-font-size': 10,
        'arrow-scale': 0.8 } },
      { selector: 'edge.symmetric', style: { 'target-arrow-shape': 'none' } },
      { selector: 'edge:selected', style: { 'width': 5, 'line-color': '#111', 'target-arrow-color': '#111' } },
    ],
  });

  function nodeData(entity) {
    const mentions = entity.mentions || 1;
    return {
      id: entity.id, name: entity.name, type: entity.type, mentions,
      colour: TYPE_COLOURS[entity.type] || '#6b7280',
      size: Math.min(70, 16 + 6 * Math.sqrt(mentions)),
    };
  }

  function relationColour(relation) {
    if (!(relation in state.relationColour)) {
      const n = Object.keys(state.relationColour).length;
      state.relationColour[relation] = RELATION_PALETTE[n % RELATION_PALETTE.length];
    }
    return state.relationColour[relation];
  }

  // Adds the neighbourhood answer of /api/neighbors in one batch; returns how many elements
  // were new.
  function addNeighbourhood(answer) {
    const added = [];
    const seen = new Set();
    const isNew = (id) => !seen.has(id) && cy.getElementById(id).empty() && seen.add(id);
    const addNode = (entity) => {
      if (isNew(entity.id)) added.push({ group: 'nodes', data: nodeData(entity) });
      else if (entity.mentions && cy.getElementById(entity.id).nonempty())
        cy.getElementById(entity.id).data(nodeData(entity));
    };
    addNode(answer.focus);
    for (const n of answer.neighbors) {
      addNode(n);
      for (const e of n.edges) {
        addNode(e.via);
        if (!isNew(e.edge_id)) continue;
        const outward = e.direction !== 'in';
        added.push({
          group: 'edges',
          classes: e.symmetric ? 'symmetric' : '',
          data: {
            id: e.edge_id, relation: e.relation, weight: e.weight,
            source: outward ? e.via.id : n.id, target: outward ? n.id : e.via.id,
            colour: relationColour(e.relation), width: Math.min(8, 1 + Math.log2(1 + e.weight)),
          },
        });
      }
    }
    cy.add(added);
    return added.length;
  }

  function neighbourParams(id) {
    const params = { id, depth: $('depth').value, limit: $('limit').value, evidence: '0' };
    const relations = checked('relation-filters');
    const types = checked('type-filters');
    if (!relations.length || !types.length) return null;  // nothing can pass
    if (relations.length < state.relations.length) params.relation = relations.join(',');
    if (types.length < state.types.length) params.type = types.join(',');
    if (Number($('min-weight').value) > 1) params.min_weight = $('min-weight').value;
    if ($('since').value) params.since = $('since').value;
    if ($('until').value) params.until = $('until').value;
    return params;
  }

  // Force-directed (cytoscape's cose), computed in a worker (web/layout_worker.js) so that the
  // page keeps answering however many nodes are drawn. Until it answers, a large drawing shows
  // as rings around the focus (instant); the newest request wins.
  const BIG = 250;
  const layoutWorker = new Worker('/assets/layout_worker.js');
  let layoutSeq = 0;
  let layoutDone = 0;
  function layout() {
    const seq = ++layoutSeq;
    const big = cy.nodes().length > BIG;
    cy.layout({ name: 'concentric', fit: true, padding: 40, minNodeSpacing: 4, animate: false,
      concentric: (n) => (n.hasClass('focus') ? 2 : n.degree() > 1 ? 1 : 0),
      levelWidth: () => 1 }).run();
    layoutWorker.postMessage({
      seq, big,
      nodes: cy.nodes().map((n) => ({ id: n.id(), size: n.data('size'), position: n.position() })),
      edges: cy.edges().map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id() })),
    });
  }
  layoutWorker.onmessage = (event) => {
    if (event.data.seq !== layoutSeq) return;  // a newer drawing is on its way
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const p = event.data.positions[n.id()];
        if (p) n.position(p);
      });
    });
    cy.fit(undefined, 40);
    // A small neighbourhood would be blown up to fill the screen; keep labels readable.
    if (cy.zoom() > 1.2) {
      cy.zoom(1.2);
      cy.center();
    }
    layoutDone = event.data.seq;
  };
  layoutWorker.onerror = (event) => status('layout failed: ' + event.message, true);

  async function focus(id) {
    const params = neighbourParams(id);
    if (!params) {
      cy.elements().remove();
      return status('no relation or no entity type is selected');
    }
    status('loading…');
    try {
      const answer = await api('/api/neighbors', params);
      state.focus = id;
      cy.elements().remove();
      addNeighbourhood(answer);
      cy.nodes().removeClass('focus');
      cy.getElementById(id).addClass('focus');
      layout();
      $('overview').hidden = true;
      showEntity(id);
      status(answer.neighbor_count + ' of ' + answer.neighbor_total + ' neighbours of ' +
             answer.focus.name + (answer.neighbor_count < answer.neighbor_total ? ' (limit reached)' : ''));
    } catch (err) {
      status(err.message, true);
    }
  }

  async function expand(id) {
    status('expanding…');
    try {
      const params = neighbourParams(id);
      if (!params) return status('no relation or no entity type is selected');
      params.depth = '1';
      const added = addNeighbourhood(await api('/api/neighbors', params));
      if (added) layout();
      status(added ? added + ' new elements' : 'nothing new around ' + cy.getElementById(id).data('name'));
    } catch (err) {
      status(err.message, true);
    }
  }

  // ---------------------------------------------------------------- details panel
  function details(title) {
    $('details-title').textContent = title;
    const body = $('details-body');
    body.replaceChildren();
    return body;
  }

  function definitions(pairs) {
    const dl = element('dl');
    for (const [k, v] of pairs) {
      dl.append(element('dt', k), element('dd', v));
    }
    return dl;
  }

  async function showEntity(id) {
    try {
      const e = await api('/api/entity', { id });
      const body = details(e.name);
      body.append(definitions([['type', e.type], ['id', e.id], ['mentions', e.mentions],
        ['documents', e.documents], ['edges', e.edges],
        ['seen', (e.first_seen || '?') + ' – ' + (e.last_seen || '?')]]));
      if (e.aliases.length) {
        body.append(element('h2', 'Also called'));
        const ul = element('ul');
        for (const a of e.aliases) ul.append(element('li', a.name + ' (' + a.count + ')'));
        body.append(ul);
      }
    } catch (err) {
      status(err.message, true);
    }
  }

  async function showEdge(id) {
    try {
      const e = await api('/api/edge', { id, limit: '100' });
      const arrow = e.symmetric ? ' — ' : ' → ';
      const body = details(e.source.name + arrow + e.target.name);
      body.append(definitions([['relation', e.relation], ['weight', e.weight],
        ['seen', (e.first_seen || '?') + ' – ' + (e.last_seen || '?')],
        ['evidence', e.evidence.length + ' of ' + e.evidence_count]]));
      for (const x of e.evidence) {
        const item = element('div', null, 'evidence');
        item.append(element('blockquote', x.sentence));
        item.append(element('div', 'document ' + x.doc + ' · ' + (x.date || 'no date') +
                            ' · rule ' + x.rule, 'meta'));
        body.append(item);
      }
    } catch (err) {
      status(err.message, true);
    }
  }

  cy.on('tap', 'node', (ev) => { showEntity(ev.target.id()); expand(ev.target.id()); });
  cy.on('dbltap', 'node', (ev) => focus(ev.target.id()));
  cy.on('tap', 'edge', (ev) => showEdge(ev.target.id()));

  // ---------------------------------------------------------------- search
  let selected = -1;
  function closeSuggestions() {
    $('suggestions').hidden = true;
    selected = -1;
  }
  function choose(match) {
    $('search').value = match.name;
    closeSuggestions();
    focus(match.id);
  }
  async function suggest() {
    const q = $('search').value.trim();
    const seq = ++state.searchSeq;
    if (!q) return closeSuggestions();
    try {
      const answer = await api('/api/search', { q, limit: '12' });
      if (seq !== state.searchSeq) return;  // a later keystroke already asked again
      const list = $('suggestions');
      list.replaceChildren();
      const matches = answer.matches.length ? answer.matches : answer.suggestions;
      for (const m of matches) {
        const li = element('li');
        li.setAttribute('role', 'option');
        const label = m.alias && m.matched && m.matched !== m.name ? m.name + ' (' + m.matched + ')' : m.name;
        li.append(element('span', label), element('span', m.type, 'type'));
        li.addEventListener('mousedown', (ev) => { ev.preventDefault(); choose(m); });
        li.match = m;
        list.append(li);
      }
      if (!matches.length) list.append(element('li', 'no entity matches', 'muted'));
      list.hidden = false;
      selected = -1;
    } catch (err) {
      status(err.message, true);
    }
  }
  let timer = 0;
  $('search').addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(suggest, 120); });
  $('search').addEventListener('blur', () => setTimeout(closeSuggestions, 100));
  $('search').addEventListener('keydown', (ev) => {
    const items = [...$('suggestions').children].filter((li) => li.match);
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      if (!items.length) return;
      ev.preventDefault();
      selected = (selected + (ev.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      items.forEach((li, i) => li.setAttribute('aria-selected', String(i === selected)));
    } else if (ev.key === 'Enter') {
      const pick = items[selected >= 0 ? selected : 0];
      if (pick) choose(pick.match);
    } else if (ev.key === 'Escape') {
      closeSuggestions();
    }
  });

  // ---------------------------------------------------------------- filters, legend, overview
  function checked(containerId) {
    return [...$(containerId).querySelectorAll('input:checked')].map((i) => i.value);
  }
  function checkboxes(containerId, values, colourOf) {
    const box = $(containerId);
    for (const v of values) {
      const label = element('label');
      const input = element('input');
      input.type = 'checkbox';
      input.value = v;
      input.checked = true;
      input.addEventListener('change', refocus);
      const swatch = element('span', null, 'swatch');
      swatch.style.background = colourOf(v);
      label.append(input, swatch, element('span', v));
      box.append(label);
    }
  }
  function refocus() {
    if (state.focus) focus(state.focus);
  }
  for (const id of ['min-weight', 'since', 'until', 'depth', 'limit'])
    $(id).addEventListener('change', refocus);

  function legend() {
    const ul = $('legend');
    for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
      const li = element('li');
      const swatch = element('span', null, 'swatch');
      swatch.style.background = colour;
      li.append(swatch, element('span', type.toLowerCase()));
      ul.append(li);
    }
    const notes = [['node size', 'mentions'], ['edge width', 'weight (sentences)'],
      ['arrow', 'directed relation; none: symmetric']];
    for (const [k, v] of notes) ul.append(element('li', k + ': ' + v, 'muted'));
  }

  function showOverview(stats) {
    $('overview').hidden = false;
    state.focus = null;
    cy.elements().remove();
    $('overview-counts').textContent = stats.nodes + ' entities, ' + stats.edges + ' edges, ' +
      stats.documents + ' documents' + (stats.first_date ? ', ' + stats.first_date + ' to ' + stats.last_date : '');
    const list = $('top-list');
    list.replaceChildren();
    for (const n of stats.top_degree) {
      const li = element('li');
      const button = element('button', n.name);
      button.type = 'button';
      button.addEventListener('click', () => focus(n.id));
      li.append(button, element('span', ' ' + n.type.toLowerCase() + ', ' + n.degree + ' edges', 'muted'));
      list.append(li);
    }
  }

  async function start() {
    legend();
    try {
      const stats = await api('/api/stats', { top: '25' });
      state.relations = stats.relations.map((r) => r.relation);
      state.types = stats.entity_types.map((t) => t.type);
      for (const r of state.relations) relationColour(r);
      checkboxes('relation-filters', state.relations, relationColour);
      checkboxes('type-filters', state.types, (t) => TYPE_COLOURS[t] || '#6b7280');
      showOverview(stats);
      $('overview-button').addEventListener('click', () => showOverview(stats));
      status('');
    } catch (err) {
      status(err.message, true);
    }
  }

  window.silkgraphViewer = { cy, focus, expand, showEdge, settled: () => layoutDone === layoutSeq };
  start();
})();

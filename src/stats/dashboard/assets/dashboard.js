// Ponte dashboard page script. It only lays out what /api/overview returns: the server has already hidden
// every small figure, and every value is written with textContent (questions are people's words).
'use strict';

(function () {
  const LABELS = {
    people: 'People',
    conversations: 'Conversations',
    answers: 'Answers',
    abstentions: 'Without an answer',
    routes: 'Nearest services shown',
    mediator_requests: 'Mediator requests',
    helpful_rate: 'Found it helpful',
  };
  const MARKS = {
    '<5': 'fewer than 5 people: hidden',
    x: 'hidden so that a smaller group cannot be worked out from the total',
  };
  const BLUE = '#0a4f96';
  const ORANGE = '#a34a00';

  const $ = (id) => document.getElementById(id);
  const form = $('period');
  const fromInput = $('from');
  const toInput = $('to');
  const status = $('status');
  const csvLink = $('csv-link');
  const charts = {};

  function el(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** A figure as text, with the meaning of a hiding mark for screen readers and on hover. */
  function figure(cell) {
    const display = cell ? cell.display : '–';
    if (MARKS[display]) return el('abbr', { title: MARKS[display] }, display);
    return document.createTextNode(display);
  }

  function renderTable(containerId, caption, firstHeader, measures, rows, total) {
    const container = $(containerId);
    container.replaceChildren();
    if (rows.length === 0) {
      container.append(el('p', {}, 'No data in this period.'));
      return;
    }
    const table = el('table');
    table.append(el('caption', {}, caption));
    const head = el('tr');
    head.append(el('th', { scope: 'col' }, firstHeader));
    for (const m of measures) head.append(el('th', { scope: 'col' }, LABELS[m]));
    const thead = el('thead');
    thead.append(head);
    table.append(thead);
    const body = el('tbody');
    for (const row of rows) body.append(tableRow(row, measures));
    table.append(body);
    if (total) {
      const tfoot = el('tfoot');
      tfoot.append(tableRow(total, measures));
      table.append(tfoot);
    }
    container.append(table);
  }

  function tableRow(row, measures) {
    const tr = el('tr', row.suppressed ? { 'data-suppressed': row.suppressed } : {});
    tr.append(el('th', { scope: 'row' }, row.label));
    for (const m of measures) {
      const td = el('td', { 'data-measure': m });
      td.append(figure(row.cells[m]));
      tr.append(td);
    }
    return tr;
  }

  function drawChart(id, type, labels, datasets, horizontal) {
    if (charts[id]) charts[id].destroy();
    const canvas = $('chart-' + id);
    const visible = datasets.map((d) => d.label + ': ' + labels.map((l, i) => l + ' ' + d.data[i]).join(', ')).join('; ');
    canvas.setAttribute('aria-label', (labels.length ? visible : 'no data') + '. Hidden groups are not drawn; the table below lists every group.');
    if (typeof Chart === 'undefined') return;
    charts[id] = new Chart(canvas, {
      type,
      data: { labels, datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: horizontal ? 'y' : 'x',
        plugins: { legend: { display: datasets.length > 1 } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }

  /** Rows whose figure is shown: a hidden group has no bar. */
  function shown(rows, measure) {
    return rows.filter((r) => r.cells[measure] && r.cells[measure].value !== null);
  }

  function render(data) {
    if (data.from) fromInput.value = data.from;
    if (data.to) toInput.value = data.to;
    updateDownload();

    const totals = $('totals');
    totals.replaceChildren();
    for (const m of ['people', 'conversations', 'answers', 'abstentions', 'routes', 'mediator_requests', 'helpful_rate']) {
      const box = el('div', { 'data-measure': m });
      box.append(el('dt', {}, LABELS[m]));
      const dd = el('dd');
      dd.append(figure(data.totals ? data.totals.cells[m] : null));
      box.append(dd);
      totals.append(box);
    }

    const lang = data.byLanguage;
    renderTable('table-language', 'People by language', 'Language', ['people', 'conversations', 'answers', 'abstentions'], lang.rows, lang.total);
    const langShown = shown(lang.rows, 'people');
    drawChart('language', 'bar', langShown.map((r) => r.label), [{ label: 'People', data: langShown.map((r) => r.cells.people.value), backgroundColor: BLUE }]);

    const topic = data.byTopic;
    renderTable('table-topic', 'People by topic', 'Topic', ['people', 'answers'], topic.rows, topic.total);
    const topicShown = shown(topic.rows, 'people').filter((r) => r.label !== '(none)');
    drawChart('topic', 'bar', topicShown.map((r) => r.label), [{ label: 'People', data: topicShown.map((r) => r.cells.people.value), backgroundColor: BLUE }], true);

    const month = data.byMonth;
    renderTable('table-month', 'People by month', 'Month', ['people', 'conversations'], month.rows, month.total);
    const monthShown = shown(month.rows, 'people');
    drawChart('month', 'bar', monthShown.map((r) => r.label), [{ label: 'People', data: monthShown.map((r) => r.cells.people.value), backgroundColor: BLUE }]);

    renderTable('table-answers', 'Answers and questions without an answer, by month', 'Month', ['answers', 'abstentions'], month.rows, month.total);
    const answered = shown(month.rows, 'answers');
    drawChart('answers', 'bar', answered.map((r) => r.label), [
      { label: 'Answers', data: answered.map((r) => r.cells.answers.value), backgroundColor: BLUE },
      { label: 'Without an answer', data: answered.map((r) => r.cells.abstentions.value), backgroundColor: ORANGE },
    ]);

    renderMissing(data.unanswered);

    const notes = $('notes');
    notes.replaceChildren(...data.notes.map((n) => el('li', {}, n)));
    status.classList.remove('error');
    status.textContent = data.from ? 'Figures from ' + data.from + ' to ' + data.to + '.' : 'No events have been recorded yet.';
  }

  function renderMissing(questions) {
    const container = $('table-missing');
    container.replaceChildren();
    if (questions.length === 0) {
      container.append(el('p', {}, 'None to show: no question without an answer came from 3 or more people (or their collection is off).'));
      return;
    }
    const table = el('table');
    table.append(el('caption', {}, 'Questions without an answer, most asked first'));
    const head = el('tr');
    for (const h of ['Question (scrubbed)', 'People', 'Last asked']) head.append(el('th', { scope: 'col' }, h));
    const thead = el('thead');
    thead.append(head);
    table.append(thead);
    const body = el('tbody');
    for (const q of questions) {
      const tr = el('tr');
      tr.append(el('td', { class: 'text', dir: 'auto' }, q.question));
      const people = el('td');
      people.append(figure(q.people));
      tr.append(people, el('td', {}, q.lastAsked));
      body.append(tr);
    }
    table.append(body);
    container.append(table);
  }

  function periodParams() {
    const params = new URLSearchParams();
    if (fromInput.value) params.set('from', fromInput.value);
    if (toInput.value) params.set('to', toInput.value);
    return params;
  }

  function updateDownload() {
    const params = periodParams();
    const fields = Array.from(document.querySelectorAll('#download input[name="by"]:checked')).map((i) => i.value);
    if (fields.length > 0) params.set('by', fields.join(','));
    csvLink.href = '/export.csv?' + params.toString();
    $('download-from').value = fromInput.value;
    $('download-to').value = toInput.value;
  }

  async function load() {
    status.classList.remove('error');
    status.textContent = 'Loading the figures…';
    try {
      const response = await fetch('/api/overview?' + periodParams().toString(), { headers: { accept: 'application/json' } });
      if (response.status === 401) {
        window.location.reload();
        return;
      }
      const data = await response.json();
      if (!response.ok) throw new Error(data.error || 'HTTP ' + response.status);
      render(data);
    } catch (error) {
      status.classList.add('error');
      status.textContent = 'The figures could not be loaded: ' + error.message;
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = periodParams();
    history.replaceState(null, '', params.toString() ? '?' + params.toString() : location.pathname);
    load();
  });
  document.getElementById('download').addEventListener('change', updateDownload);

  const initial = new URLSearchParams(location.search);
  if (initial.get('from')) fromInput.value = initial.get('from');
  if (initial.get('to')) toInput.value = initial.get('to');
  if (typeof Chart !== 'undefined') {
    Chart.defaults.color = '#1a1a1a';
    Chart.defaults.font.family = 'system-ui, sans-serif';
  }
  load();
})();

// Ponte dashboard page script. It only lays out what /api/overview returns: the server has already hidden
// every small figure, and every value is written with textContent (questions are people's words).
'use strict';

(function () {
  // The page's language and its texts come from the server, in a JSON data block (src/stats/texts.ts).
  const T = JSON.parse(document.getElementById('page-texts').textContent);
  const LABELS = T.measures;
  const MARKS = T.marks;
  const BLUE = '#0a4f96';
  const ORANGE = '#a34a00';

  const $ = (id) => document.getElementById(id);
  const form = $('period');
  const fromInput = $('from');
  const toInput = $('to');
  const status = $('status');
  const csvLink = $('csv-link');
  const langSwitch = $('lang-switch');
  const initial = new URLSearchParams(location.search);
  const charts = {};
  const numberFormat = new Intl.NumberFormat(T.locale);
  const monthLong = new Intl.DateTimeFormat(T.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const monthShort = new Intl.DateTimeFormat(T.locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });

  /** YYYY-MM-DD as people of the page's language write it; the address and the API keep ISO. */
  function showDay(day) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day || '');
    return m && T.dayFormat === 'dd/mm/yyyy' ? m[3] + '/' + m[2] + '/' + m[1] : day;
  }

  function showMonth(month, format) {
    const m = /^(\d{4})-(\d{2})$/.exec(month);
    return m ? format.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1))) : month;
  }

  /** How a row's key is named on the page: language names, month names; topic ids and totals as they are. */
  function keyName(field, label, short) {
    if (label === T.none) return label;
    if (field === 'language') return T.languages[label] || label;
    if (field === 'month') return showMonth(label, short ? monthShort : monthLong);
    return label;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
  }

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
    // Whole numbers get the language's digit grouping (12.345 in Italian); percentages come ready.
    const shown = /^\d+$/.test(display) ? numberFormat.format(Number(display)) : display;
    return document.createTextNode(shown);
  }

  function renderTable(containerId, caption, field, measures, rows, total) {
    const container = $(containerId);
    container.replaceChildren();
    if (rows.length === 0) {
      container.append(el('p', {}, T.noData));
      return;
    }
    const table = el('table');
    table.append(el('caption', {}, caption));
    const head = el('tr');
    head.append(el('th', { scope: 'col' }, T.fields[field]));
    for (const m of measures) head.append(el('th', { scope: 'col' }, LABELS[m]));
    const thead = el('thead');
    thead.append(head);
    table.append(thead);
    const body = el('tbody');
    for (const row of rows) body.append(tableRow(row, measures, keyName(field, row.label)));
    table.append(body);
    if (total) {
      const tfoot = el('tfoot');
      tfoot.append(tableRow(total, measures, total.label));
      table.append(tfoot);
    }
    container.append(table);
  }

  function tableRow(row, measures, name) {
    const tr = el('tr', row.suppressed ? { 'data-suppressed': row.suppressed } : {});
    const th = el('th', { scope: 'row' }, name);
    // A topic's description comes from the Italian catalogue: marked as Italian for screen readers.
    if (row.description) th.append(el('span', { class: 'description', lang: 'it' }, row.description));
    tr.append(th);
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
    canvas.setAttribute('aria-label', (labels.length ? visible : T.chartNoData) + '. ' + T.chartHidden);
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
    updateLinks();

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
    renderTable('table-language', T.captions.language, 'language', ['people', 'conversations', 'answers', 'abstentions'], lang.rows, lang.total);
    const langShown = shown(lang.rows, 'people');
    drawChart('language', 'bar', langShown.map((r) => keyName('language', r.label)), [{ label: T.series.people, data: langShown.map((r) => r.cells.people.value), backgroundColor: BLUE }]);

    const topic = data.byTopic;
    renderTable('table-topic', T.captions.topic, 'topic', ['people', 'answers'], topic.rows, topic.total);
    const topicShown = shown(topic.rows, 'people').filter((r) => r.label !== T.none);
    drawChart('topic', 'bar', topicShown.map((r) => keyName('topic', r.label)), [{ label: T.series.people, data: topicShown.map((r) => r.cells.people.value), backgroundColor: BLUE }], true);

    const month = data.byMonth;
    renderTable('table-month', T.captions.month, 'month', ['people', 'conversations'], month.rows, month.total);
    const monthShown = shown(month.rows, 'people');
    drawChart('month', 'bar', monthShown.map((r) => keyName('month', r.label, true)), [{ label: T.series.people, data: monthShown.map((r) => r.cells.people.value), backgroundColor: BLUE }]);

    renderTable('table-answers', T.captions.answers, 'month', ['answers', 'abstentions'], month.rows, month.total);
    const answered = shown(month.rows, 'answers');
    drawChart('answers', 'bar', answered.map((r) => keyName('month', r.label, true)), [
      { label: T.series.answers, data: answered.map((r) => r.cells.answers.value), backgroundColor: BLUE },
      { label: T.series.abstentions, data: answered.map((r) => r.cells.abstentions.value), backgroundColor: ORANGE },
    ]);

    renderMissing(data.unanswered);

    const notes = $('notes');
    notes.replaceChildren(...data.notes.map((n) => el('li', {}, n)));
    status.classList.remove('error');
    status.textContent = data.from ? fill(T.statusFigures, { from: showDay(data.from), to: showDay(data.to) }) : T.statusNoEvents;
    status.dataset.state = 'ready';
  }

  function renderMissing(questions) {
    const container = $('table-missing');
    container.replaceChildren();
    if (questions.length === 0) {
      container.append(el('p', {}, T.missing.none));
      return;
    }
    const table = el('table');
    table.append(el('caption', {}, T.missing.caption));
    const head = el('tr');
    for (const h of [T.missing.question, T.missing.people, T.missing.lastAsked]) head.append(el('th', { scope: 'col' }, h));
    const thead = el('thead');
    thead.append(head);
    table.append(thead);
    const body = el('tbody');
    for (const q of questions) {
      const tr = el('tr');
      tr.append(el('td', { class: 'text', dir: 'auto' }, q.question));
      const people = el('td');
      people.append(figure(q.people));
      tr.append(people, el('td', {}, showDay(q.lastAsked)));
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

  /** The CSV link and the language switch follow the period shown. */
  function updateLinks() {
    const params = periodParams();
    const fields = Array.from(document.querySelectorAll('#download input[name="by"]:checked')).map((i) => i.value);
    if (fields.length > 0) params.set('by', fields.join(','));
    params.set('lang', T.lang);
    csvLink.href = '/export.csv?' + params.toString();
    $('download-from').value = fromInput.value;
    $('download-to').value = toInput.value;
    const other = periodParams();
    other.set('lang', langSwitch.getAttribute('hreflang'));
    langSwitch.href = '/?' + other.toString();
  }

  async function load() {
    status.classList.remove('error');
    status.textContent = T.statusLoading;
    status.dataset.state = 'loading';
    try {
      const params = periodParams();
      params.set('lang', T.lang);
      const response = await fetch('/api/overview?' + params.toString(), { headers: { accept: 'application/json' } });
      if (response.status === 401) {
        window.location.reload();
        return;
      }
      const data = await response.json();
      if (!response.ok) throw new Error(data.error || 'HTTP ' + response.status);
      render(data);
    } catch (error) {
      status.classList.add('error');
      status.textContent = fill(T.statusFailed, { error: error.message });
      status.dataset.state = 'error';
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = periodParams();
    // The address keeps the language only when it was asked for (Italian is the default).
    if (initial.has('lang')) params.set('lang', T.lang);
    history.replaceState(null, '', params.toString() ? '?' + params.toString() : location.pathname);
    updateLinks();
    load();
  });
  document.getElementById('download').addEventListener('change', updateLinks);

  if (initial.get('from')) fromInput.value = initial.get('from');
  if (initial.get('to')) toInput.value = initial.get('to');
  if (typeof Chart !== 'undefined') {
    Chart.defaults.color = '#1a1a1a';
    Chart.defaults.font.family = 'system-ui, sans-serif';
  }
  load();
})();

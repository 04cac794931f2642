import { FIELDS } from '../fields.js';

/**
 * The dashboard's HTML: a static shell that the page script fills from `/api/overview`. No inline script or
 * style (the Content-Security-Policy forbids them), every control labelled, every chart followed by a table of
 * the same figures.
 */

const FIELD_LABELS: Record<(typeof FIELDS)[number], string> = {
  month: 'Month',
  quarter: 'Quarter',
  week: 'Week',
  channel: 'Channel',
  language: 'Language',
  topic: 'Topic',
  province: 'Province',
  district: 'District',
};

const DEFAULT_CSV_FIELDS = new Set(['month', 'language']);

function chartSection(id: string, title: string, caption: string): string {
  return `
  <section class="panel" aria-labelledby="${id}-heading">
    <h2 id="${id}-heading">${title}</h2>
    <figure>
      <div class="chart"><canvas id="chart-${id}" role="img" aria-label="${title}: chart loading"></canvas></div>
      <figcaption>${caption} The same figures are in the table below.</figcaption>
    </figure>
    <div class="table-wrap" id="table-${id}" tabindex="0" role="region" aria-label="${title}: table"></div>
  </section>`;
}

export function dashboardPage(): string {
  const checkboxes = FIELDS.map(
    (f) =>
      `<label class="check"><input type="checkbox" name="by" value="${f}"${DEFAULT_CSV_FIELDS.has(f) ? ' checked' : ''}> ${FIELD_LABELS[f]}</label>`,
  ).join('\n        ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Ponte: usage statistics</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/assets/dashboard.css">
  <script src="/assets/chart.umd.min.js" defer></script>
  <script src="/assets/dashboard.js" defer></script>
</head>
<body>
  <a class="skip" href="#main">Skip to the figures</a>
  <header>
    <h1>Ponte: usage statistics</h1>
    <p>Anonymous figures for the programme's coordinators. Groups with fewer than 5 people are hidden.</p>
  </header>
  <main id="main">
    <form id="period" class="period" method="get" action="/">
      <fieldset>
        <legend>Period</legend>
        <div class="field"><label for="from">From</label> <input type="date" id="from" name="from"></div>
        <div class="field"><label for="to">To</label> <input type="date" id="to" name="to"></div>
        <button type="submit">Show</button>
      </fieldset>
    </form>
    <p id="status" class="status" role="status" aria-live="polite">Loading the figures…</p>
    <noscript><p class="status">The charts and tables need JavaScript; the CSV download below works without it.</p></noscript>

    <section class="panel" aria-labelledby="totals-heading">
      <h2 id="totals-heading">In this period</h2>
      <dl id="totals" class="totals"></dl>
    </section>
${chartSection('language', 'People by language', 'Distinct people who wrote in each language.')}
${chartSection('topic', 'People by topic', 'Distinct people per topic of the answers and searches.')}
${chartSection('month', 'People by month', 'Distinct people in each month.')}
${chartSection('answers', 'Answers and questions without an answer', 'Per month: questions answered and questions the assistant could not answer.')}

    <section class="panel" aria-labelledby="missing-heading">
      <h2 id="missing-heading">Top missing topics</h2>
      <p>Questions the assistant could not answer, with names, numbers and addresses removed, shown only when at least
        3 different people asked the same thing in the last 30 days (and only if the operator turned their collection on).</p>
      <div class="table-wrap" id="table-missing" tabindex="0" role="region" aria-label="Top missing topics: table"></div>
    </section>

    <section class="panel" aria-labelledby="download-heading">
      <h2 id="download-heading">Download</h2>
      <form id="download" class="download" method="get" action="/export.csv">
        <input type="hidden" name="from" id="download-from">
        <input type="hidden" name="to" id="download-to">
        <fieldset>
          <legend>Break the table down by</legend>
        ${checkboxes}
        </fieldset>
        <p><a id="csv-link" class="button" href="/export.csv?by=month,language" download>Download CSV</a></p>
        <noscript><p><button type="submit">Download CSV with these fields</button></p></noscript>
      </form>
    </section>

    <section class="panel" aria-labelledby="notes-heading">
      <h2 id="notes-heading">How to read these figures</h2>
      <ul id="notes"></ul>
    </section>
  </main>
</body>
</html>
`;
}

export function refusedPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>401: access refused · Ponte</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/assets/dashboard.css">
</head>
<body>
  <main id="main">
    <h1>Access refused (401)</h1>
    <p>This dashboard needs its access token. Open the address you were given with <code>?token=…</code> once,
      or send the header <code>Authorization: Bearer …</code>. Ask the operator of this Ponte installation for it.</p>
  </main>
</body>
</html>
`;
}

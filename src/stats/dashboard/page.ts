import { FIELDS } from '../fields.js';
import { STATS_LANGS, statsTexts, type StatsLang } from '../texts.js';

/**
 * The dashboard's HTML in one language: a static shell that the page script fills from `/api/overview`. No
 * inline script or style (the Content-Security-Policy forbids them; the script's texts travel in a JSON data
 * block, which is never run), every control labelled, every chart followed by a table of the same figures.
 */

const DEFAULT_CSV_FIELDS = new Set(['month', 'language']);

/** Text for HTML content and attribute values. */
function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The other language, for the switch: its name written in itself. */
function otherLang(lang: StatsLang): StatsLang {
  return STATS_LANGS.find((l) => l !== lang) ?? lang;
}

function chartSection(lang: StatsLang, id: 'language' | 'topic' | 'month' | 'answers'): string {
  const page = statsTexts(lang).page;
  const { title, caption } = page.charts[id];
  return `
  <section class="panel" aria-labelledby="${id}-heading">
    <h2 id="${id}-heading">${esc(title)}</h2>
    <figure>
      <div class="chart"><canvas id="chart-${id}" role="img" aria-label="${esc(`${title}: ${page.chartLoading}`)}"></canvas></div>
      <figcaption>${esc(`${caption} ${page.sameFigures}`)}</figcaption>
    </figure>
    <div class="table-wrap" id="table-${id}" tabindex="0" role="region" aria-label="${esc(`${title}: ${page.tableSuffix}`)}"></div>
  </section>`;
}

/** What the page script needs, as JSON safe inside a <script> element. */
function scriptTexts(lang: StatsLang): string {
  const texts = statsTexts(lang);
  const data = {
    lang,
    locale: texts.locale,
    dayFormat: texts.dayFormat,
    none: texts.none,
    measures: Object.fromEntries(Object.entries(texts.measures).map(([m, t]) => [m, t.label])),
    fields: Object.fromEntries(Object.entries(texts.fields).map(([f, t]) => [f, t.label])),
    languages: texts.languages,
    ...texts.script,
  };
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

export function dashboardPage(lang: StatsLang): string {
  const texts = statsTexts(lang);
  const page = texts.page;
  const other = otherLang(lang);
  const checkboxes = FIELDS.map(
    (f) => `<label class="check"><input type="checkbox" name="by" value="${f}"${DEFAULT_CSV_FIELDS.has(f) ? ' checked' : ''}> ${esc(texts.fields[f].label)}</label>`,
  ).join('\n        ');
  return `${documentHead(lang, page.title, `
  <script type="application/json" id="page-texts">${scriptTexts(lang)}</script>
  <script src="/assets/chart.umd.min.js" defer></script>
  <script src="/assets/dashboard.js" defer></script>`)}
<body>
  <a class="skip" href="#main">${esc(page.skip)}</a>
  <header>
    <nav class="lang-switch" aria-label="${esc(page.switchLabel)}">
      <a id="lang-switch" href="/?lang=${other}" hreflang="${other}" lang="${other}">${esc(statsTexts(other).name)}</a>
    </nav>
    <h1>${esc(page.title)}</h1>
    <p>${esc(page.intro)}</p>
  </header>
  <main id="main">
    <form id="period" class="period" method="get" action="/">
      <input type="hidden" name="lang" value="${lang}">
      <fieldset>
        <legend>${esc(page.periodLegend)}</legend>
        <div class="field"><label for="from">${esc(page.from)}</label> <input type="date" id="from" name="from"></div>
        <div class="field"><label for="to">${esc(page.to)}</label> <input type="date" id="to" name="to"></div>
        <button type="submit">${esc(page.show)}</button>
      </fieldset>
    </form>
    <p id="status" class="status" role="status" aria-live="polite" data-state="loading">${esc(texts.script.statusLoading)}</p>
    <noscript><p class="status">${esc(page.noscript)}</p></noscript>

    <section class="panel" aria-labelledby="totals-heading">
      <h2 id="totals-heading">${esc(page.totalsHeading)}</h2>
      <dl id="totals" class="totals"></dl>
    </section>
${chartSection(lang, 'language')}
${chartSection(lang, 'topic')}
${chartSection(lang, 'month')}
${chartSection(lang, 'answers')}

    <section class="panel" aria-labelledby="missing-heading">
      <h2 id="missing-heading">${esc(page.missingHeading)}</h2>
      <p>${esc(page.missingIntro)}</p>
      <div class="table-wrap" id="table-missing" tabindex="0" role="region" aria-label="${esc(`${page.missingHeading}: ${page.tableSuffix}`)}"></div>
    </section>

    <section class="panel" aria-labelledby="download-heading">
      <h2 id="download-heading">${esc(page.downloadHeading)}</h2>
      <form id="download" class="download" method="get" action="/export.csv">
        <input type="hidden" name="from" id="download-from">
        <input type="hidden" name="to" id="download-to">
        <input type="hidden" name="lang" value="${lang}">
        <fieldset>
          <legend>${esc(page.downloadLegend)}</legend>
        ${checkboxes}
        </fieldset>
        <p><a id="csv-link" class="button" href="/export.csv?by=month,language&amp;lang=${lang}" download>${esc(page.downloadCsv)}</a></p>
        <noscript><p><button type="submit">${esc(page.downloadNoscript)}</button></p></noscript>
      </form>
    </section>

    <section class="panel" aria-labelledby="notes-heading">
      <h2 id="notes-heading">${esc(page.notesHeading)}</h2>
      <ul id="notes"></ul>
    </section>
  </main>
</body>
</html>
`;
}

export function refusedPage(lang: StatsLang): string {
  const refused = statsTexts(lang).refused;
  const other = otherLang(lang);
  return `${documentHead(lang, refused.title)}
<body>
  <header>
    <nav class="lang-switch" aria-label="${esc(statsTexts(lang).page.switchLabel)}">
      <a href="/?lang=${other}" hreflang="${other}" lang="${other}">${esc(statsTexts(other).name)}</a>
    </nav>
  </header>
  <main id="main">
    <h1>${esc(refused.heading)}</h1>
    <p>${refused.body}</p>
  </main>
</body>
</html>
`;
}

/** The start of every page: language, phone viewport, title, the local stylesheet, and what a page adds. */
function documentHead(lang: StatsLang, title: string, extra = ''): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${esc(title)}</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/assets/dashboard.css">${extra}
</head>`;
}

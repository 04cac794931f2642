/**
 * Removes the obvious furniture of a page before Readability looks for the article: menus, banners, footers,
 * cookie notices, share buttons, breadcrumbs, related-links boxes, dialogs. Readability alone keeps some of
 * them when they sit inside the article's container (share bars and "related" boxes often do).
 */

/** Elements that are never part of an answer's text. */
const ALWAYS = ['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'canvas', 'svg', 'input', 'select', 'textarea'];

/** Page furniture by element or ARIA role. */
const FURNITURE = [
  'nav',
  'footer',
  'aside',
  'dialog',
  '[role="navigation"]',
  '[role="contentinfo"]',
  '[role="banner"]',
  '[role="complementary"]',
  '[role="search"]',
  '[role="dialog"]',
  '[role="alertdialog"]',
  '[hidden]',
  '[aria-hidden="true"]',
];

/**
 * Parts of class and id names that mark furniture, in English and Italian. Matched against each part of a name
 * split at "-", "_" and capitals, so "cookie-bar", "cookiebar", "shareButtons", "it-breadcrumb" and
 * "box-correlati" match but "shared-layout", "servizi-sociali" and "socialita" do not.
 */
const FURNITURE_NAME = /^(cookie|consent|gdpr|breadcrumb|briciole|skiplink|related|correlat|sharing|share(?!d)|condividi|social(?!i$|e$|ita))/i;

/** Elements that hold the page's main content: never removed, nor anything that contains them. */
const CONTENT = 'main, [role="main"]';

/** Removes furniture from `document` in place; returns how many elements were removed. */
export function removeBoilerplate(document: Document): number {
  let removed = 0;
  for (const el of Array.from(document.querySelectorAll(ALWAYS.join(',')))) {
    el.remove();
    removed++;
  }
  for (const button of Array.from(document.querySelectorAll('button'))) {
    if (isAccordionTitle(button)) {
      // Readability drops every <button>: keep the title of an FAQ or accordion section as text.
      const title = document.createElement(button.closest('h1, h2, h3, h4, h5, h6') ? 'span' : 'strong');
      title.textContent = button.textContent ?? '';
      button.replaceWith(title);
    } else {
      button.remove();
      removed++;
    }
  }
  const body = document.body;
  if (!body) return removed;
  const bodyText = textLength(body);
  const candidates = new Set<Element>(Array.from(document.querySelectorAll(FURNITURE.join(','))));
  for (const el of Array.from(document.querySelectorAll('[class], [id]'))) if (hasFurnitureName(el)) candidates.add(el);
  for (const el of Array.from(document.querySelectorAll('header'))) if (isPageHeader(el)) candidates.add(el);
  for (const el of Array.from(document.querySelectorAll('[style]'))) if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.getAttribute('style') ?? '')) candidates.add(el);
  for (const el of candidates) {
    if (!body.contains(el) || holdsContent(el, bodyText)) continue;
    el.remove();
    removed++;
  }
  // What is left is content: a heading named "accordion-header" or "card-header" must not look like the site's
  // header to Readability, which drops elements by class name.
  for (const heading of Array.from(body.querySelectorAll('h1, h2, h3, h4, h5, h6'))) {
    heading.removeAttribute('class');
    heading.removeAttribute('id');
  }
  return removed;
}

/** The title of a collapsible section ("Documenti necessari", an FAQ question): in a heading, or opening a panel. */
function isAccordionTitle(button: Element): boolean {
  if (button.closest('h1, h2, h3, h4, h5, h6')) return true;
  const controls = button.getAttribute('aria-controls');
  return !!controls && !!button.ownerDocument.getElementById(controls) && (button.textContent ?? '').trim().length > 0;
}

function hasFurnitureName(el: Element): boolean {
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  for (const name of names.split(/\s+/)) {
    if (!name) continue;
    const parts = name.replace(/([a-z])([A-Z])/g, '$1-$2').split(/[-_]+/);
    if (parts.some((part) => FURNITURE_NAME.test(part)) || FURNITURE_NAME.test(name)) return true;
  }
  return false;
}

/** A <header> outside the article is the site's banner; one holding the page's <h1> is kept. */
function isPageHeader(el: Element): boolean {
  if (el.closest('main, article, section, [role="main"]')) return false;
  return !el.querySelector('h1');
}

/**
 * A guard against a page whose wrapper is named like furniture ("page-with-cookie-consent", "social-layout"):
 * an element that contains the main content, the page's <h1>, or most of the page's text is not furniture.
 */
function holdsContent(el: Element, bodyText: number): boolean {
  const tag = el.tagName.toLowerCase();
  if (tag === 'html' || tag === 'body' || el.matches(CONTENT) || el.querySelector(`${CONTENT}, h1`)) return true;
  return bodyText > 0 && textLength(el) > bodyText * 0.5;
}

function textLength(el: Element): number {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

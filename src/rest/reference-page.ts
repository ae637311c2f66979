/**
 * GET /admin/docs: a human-readable reference of the REST routes. The page itself holds no API
 * description; it asks for an admin key and renders /admin/openapi.json (which needs the key), so it
 * shows exactly what the route table publishes.
 */
export const REFERENCE_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
  'cache-control': 'no-store',
};

/** The page; with a demo key (embedded demo mode only, as GraphiQL does) it loads at once with that key. */
export function referencePage(demoApiKey?: string): string {
  return REFERENCE_PAGE.replace('const demoKey = null;', `const demoKey = ${JSON.stringify(demoApiKey ?? null).replace(/</g, '\\u003c')};`);
}

const REFERENCE_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Admin REST reference</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 980px; margin: 2rem auto; padding: 0 1rem; color: #1d2330; }
  code, pre { font: 13px ui-monospace, monospace; }
  pre { background: #f4f5f8; padding: .75rem; overflow-x: auto; border-radius: 6px; }
  .op { border: 1px solid #dde1ea; border-radius: 8px; padding: 1rem; margin: 1rem 0; }
  .method { font-weight: 700; padding: .1rem .5rem; border-radius: 4px; background: #e4ecff; margin-right: .5rem; }
  table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid #eee; text-align: left; padding: .25rem .5rem; vertical-align: top; }
  #error { color: #b00020; }
</style>
</head>
<body>
<h1>Admin REST reference</h1>
<p>Every route below runs a GraphQL document against the same schema as <code>/graphql</code>. Errors are
<code>{"detail": "…"}</code>. Paste an admin key to load the description (<code>/admin/openapi.json</code>).</p>
<form id="key-form"><input id="key" type="password" size="60" placeholder="sk_…" autocomplete="off"> <button>Load</button></form>
<p id="error"></p>
<div id="reference"></div>
<script>
  const element = (tag, text, className) => { const node = document.createElement(tag); if (text !== undefined) node.textContent = text; if (className) node.className = className; return node; };
  async function load(key) {
    const response = await fetch('openapi.json', { headers: { authorization: 'Bearer ' + key } });
    const body = await response.json();
    const error = document.getElementById('error');
    error.textContent = response.ok ? '' : response.status + ': ' + body.detail;
    if (!response.ok) return;
    sessionStorage.setItem('adminKey', key);
    const root = document.getElementById('reference');
    root.replaceChildren(element('p', body.info.description));
    for (const [path, methods] of Object.entries(body.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const box = element('section', undefined, 'op');
        const title = element('h2');
        title.append(element('span', method.toUpperCase(), 'method'), element('code', path));
        box.append(title, element('p', operation.summary));
        if (operation.description) box.append(element('p', operation.description));
        if (operation.parameters) {
          const table = element('table');
          table.append(element('tr'));
          table.firstChild.append(element('th', 'parameter'), element('th', 'in'), element('th', 'schema'), element('th', 'description'));
          for (const parameter of operation.parameters) {
            const row = element('tr');
            row.append(element('td', parameter.name), element('td', parameter.in), element('td', JSON.stringify(parameter.schema)), element('td', parameter.description));
            table.append(row);
          }
          box.append(table);
        }
        for (const [status, answer] of Object.entries(operation.responses)) {
          const example = answer.content && answer.content['application/json'].example;
          box.append(element('h3', status + ' ' + answer.description));
          if (example) box.append(element('pre', JSON.stringify(example, null, 2)));
        }
        root.append(box);
      }
    }
  }
  document.getElementById('key-form').addEventListener('submit', (event) => { event.preventDefault(); load(document.getElementById('key').value.trim()); });
  const demoKey = null;
  const saved = sessionStorage.getItem('adminKey') || demoKey;
  if (saved) { document.getElementById('key').value = saved; load(saved); }
</script>
</body>
</html>
`;

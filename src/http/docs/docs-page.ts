type Operation = {
  summary?: string;
  'x-gatehouse-auth'?: string;
  requestBody?: unknown;
  parameters?: unknown[];
};

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A plain page listing every route, its policy and its request schema; no scripts, no CDN. */
export function renderDocsPage(document: { paths: Record<string, Record<string, Operation>> }): string {
  const rows = Object.entries(document.paths)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => {
        const body = operation.requestBody
          ? `<details><summary>request body</summary><pre>${escapeHtml(
              JSON.stringify(operation.requestBody, null, 2),
            )}</pre></details>`
          : '';
        const auth = operation['x-gatehouse-auth'] ?? '';
        return `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td class="${escapeHtml(auth)}">${escapeHtml(auth)}</td><td>${escapeHtml(operation.summary ?? '')}${body}</td></tr>`;
      }),
    );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Gatehouse API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:14px system-ui,sans-serif;margin:2rem;color:#1f2937}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #e5e7eb;padding:.4rem;text-align:left;vertical-align:top}
.public{color:#15803d}.key{color:#1d4ed8}.user{color:#a16207}.admin{color:#b91c1c}pre{background:#f3f4f6;padding:.5rem;overflow:auto}</style>
</head><body><h1>Gatehouse API</h1>
<p>The machine-readable document: <a href="/docs/openapi.json">/docs/openapi.json</a> (OpenAPI 3.1).
Policies: <b>public</b> (no credential), <b>key</b> (a Gatehouse API key), <b>user</b> (a console session, or admin credentials),
<b>admin</b> (an admin session with <code>x-csrf-token</code> on writes, an admin API token, GATEHOUSE_ADMIN_TOKEN or Basic).</p>
<table><thead><tr><th>Method</th><th>Path</th><th>Auth</th><th>Summary</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></body></html>`;
}

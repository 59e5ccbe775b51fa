/** What `/` shows a browser when the console was not built: the server runs, the page says how to fix it. */
export function missingBuildPage(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Gatehouse</title>
<style>body{font:15px/1.6 system-ui,sans-serif;max-width:40rem;margin:10vh auto;padding:0 1.5rem;color:#18181b}
code,pre{font-family:ui-monospace,monospace;background:#f4f4f5;border-radius:6px}pre{padding:.75rem 1rem}code{padding:.1rem .3rem}</style>
</head>
<body>
<h1>Gatehouse is running</h1>
<p>The web console has not been built, so there is nothing to show here yet. The API works as usual.</p>
<p>Build the console (it is part of the normal build) and restart Gatehouse:</p>
<pre>npm run build
npm start</pre>
<p><code>npm start</code> runs the build itself; this page appears when Gatehouse was started from an
unbuilt checkout (for example with <code>tsx src/main.ts</code>) or the <code>dist/web</code> folder was removed.</p>
</body>
</html>
`;
}

import type { OpenApiDocument } from './openapi/build-openapi.js';

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** A little Markdown for descriptions: `code` and paragraphs; everything else escaped. */
const inline = (s: string): string => escapeHtml(s).replace(/`([^`]+)`/g, '<code>$1</code>');

const prose = (s: string | undefined): string =>
  (s ?? '')
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${inline(p)}</p>`)
    .join('');

/** A compact one-line rendering of a schema: a `$ref` name, a type, an enum. */
function schemaSummary(schema: unknown): string {
  if (!schema || typeof schema !== 'object') return '';
  const s = schema as Record<string, unknown>;
  if (typeof s.$ref === 'string') {
    const name = s.$ref.split('/').pop() as string;
    return `<a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a>`;
  }
  if (Array.isArray(s.enum)) return s.enum.map((v) => `<code>${escapeHtml(String(v))}</code>`).join(' | ');
  if ('const' in s) return `<code>${escapeHtml(JSON.stringify(s.const))}</code>`;
  if (Array.isArray(s.oneOf)) return s.oneOf.map(schemaSummary).join(' or ');
  if (s.type === 'array') return `array of ${schemaSummary(s.items)}`;
  const props = s.properties as Record<string, Record<string, unknown>> | undefined;
  if (props?.data?.type === 'array') {
    return `{ data: [${schemaSummary(props.data.items)}]${props.pagination ? ', pagination' : ''}${props.next_cursor ? ', next_cursor' : ''} }`;
  }
  if (props) return `{ ${Object.keys(props).map(escapeHtml).join(', ')} }`;
  const type = Array.isArray(s.type) ? s.type.join(' | ') : String(s.type ?? 'any');
  const extras = ['format', 'pattern', 'minimum', 'maximum', 'default']
    .filter((k) => k in s)
    .map((k) => `${k} ${escapeHtml(JSON.stringify(s[k]))}`);
  return `${escapeHtml(type)}${extras.length ? ` <small>(${extras.join(', ')})</small>` : ''}`;
}

interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema: unknown }[];
  requestBody?: { description?: string; content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
  'x-permission'?: string;
}

function renderOperation(method: string, path: string, base: string, op: Operation): string {
  const params = op.parameters ?? [];
  const rows = params
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}${p.required ? ' (required)' : ''}</td><td>${schemaSummary(p.schema)}</td><td>${inline(p.description ?? '')}</td></tr>`,
    )
    .join('');
  const body = op.requestBody
    ? `<h4>Body</h4><p>${Object.entries(op.requestBody.content)
        .map(([type, c]) => `<code>${escapeHtml(type)}</code>: ${schemaSummary(c.schema)}`)
        .join('<br>')}</p>${prose(op.requestBody.description)}`
    : '';
  const responses = Object.entries(op.responses)
    .map(
      ([status, r]) =>
        `<tr><td>${escapeHtml(status)}</td><td>${inline(r.description)}</td><td>${Object.entries(
          r.content ?? {},
        )
          .map(([type, c]) => `<code>${escapeHtml(type)}</code> ${schemaSummary(c.schema)}`)
          .join('<br>')}</td></tr>`,
    )
    .join('');
  return `<section class="op" id="op-${escapeHtml(op.operationId)}">
<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(base + path)}</code></h3>
<p class="summary">${escapeHtml(op.summary)}</p>
${prose(op.description)}
${params.length ? `<h4>Parameters</h4><table><thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Schema</th><th scope="col">Description</th></tr></thead><tbody>${rows}</tbody></table>` : ''}
${body}
<h4>Responses</h4><table><thead><tr><th scope="col">Status</th><th scope="col">Meaning</th><th scope="col">Body</th></tr></thead><tbody>${responses}</tbody></table>
</section>`;
}

/**
 * The API documentation as one self-contained HTML page (inline CSS, no script, no external resource), rendered from
 * the OpenAPI document so it cannot disagree with it. Pure: document in, HTML out.
 */
export function renderApiDocs(doc: OpenApiDocument): string {
  const base = doc.servers[0]?.url ?? '';
  const byTag = new Map<string, string[]>();
  const toc: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const pathBase = (item.servers as { url: string }[] | undefined)?.[0]?.url === '/' ? '' : base;
    for (const method of ['get', 'post', 'delete', 'put', 'patch']) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      const tag = (op as unknown as { tags?: string[] }).tags?.[0] ?? 'other';
      const list = byTag.get(tag) ?? [];
      list.push(renderOperation(method, path, pathBase, op));
      byTag.set(tag, list);
      toc.push(
        `<li><a href="#op-${escapeHtml(op.operationId)}"><span class="method ${method}">${method.toUpperCase()}</span> ${escapeHtml(pathBase + path)}</a></li>`,
      );
    }
  }
  const sections = doc.tags
    .filter((t) => byTag.has(t.name))
    .map(
      (t) =>
        `<h2 id="tag-${escapeHtml(t.name)}">${escapeHtml(t.name)}</h2>${prose(t.description)}${(byTag.get(t.name) ?? []).join('\n')}`,
    )
    .join('\n');
  const schemas = Object.entries(doc.components.schemas)
    .map(
      ([name, schema]) =>
        `<details id="schema-${escapeHtml(name)}"><summary><code>${escapeHtml(name)}</code></summary><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></details>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} ${escapeHtml(doc.info.version)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1f24;background:#fff}
main{max-width:70rem;margin:0 auto;padding:1rem 1.5rem 4rem}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:2px solid #d0d7de;text-transform:capitalize}
h3{font-size:1.05rem;margin:0}code,pre{font:13px/1.4 ui-monospace,monospace}
pre{background:#f6f8fa;padding:.75rem;overflow:auto;border-radius:4px}
.op{border:1px solid #d0d7de;border-radius:6px;padding:.75rem 1rem;margin:1rem 0}
.summary{font-weight:600;margin:.4rem 0}
.method{display:inline-block;min-width:3.6rem;text-align:center;border-radius:3px;color:#fff;font:600 12px/1.8 ui-monospace,monospace;padding:0 .3rem}
.get{background:#0b6bcb}.post{background:#1a7f37}.delete{background:#b42318}.put,.patch{background:#8a5300}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}nav ul{columns:2;list-style:none;padding:0}nav a{text-decoration:none}
@media print{.op{break-inside:avoid}details{display:block}}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
${prose(doc.info.description)}
<p>Base URL: <code>${escapeHtml(base)}</code>. Machine-readable: <a href="${escapeHtml(base)}/openapi.json">openapi.json</a> (OpenAPI ${escapeHtml(doc.openapi)}).</p>
<nav aria-label="Operations"><ul>${toc.join('')}</ul></nav>
${sections}
<h2 id="schemas">Schemas</h2>
${schemas}
</main>
</body>
</html>
`;
}

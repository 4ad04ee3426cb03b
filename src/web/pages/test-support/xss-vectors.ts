// The hostile strings of A19–A22 (and B5/B6 once decoded) in docs/reliability.md#a19, each trying
// to set window.__xss, which the browser test watches as a canary.
export const xssVectors: readonly string[] = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=1"></svg>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
  '<base href="//evil.example/">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
  '<form action="//evil.example/"><button>go</button></form>',
  '<p style="background:url(javascript:window.__xss=1)">styled</p>',
  '<a href="javascript:window.__xss=1">js link</a>',
  '<a href="JaVaScRiPt:window.__xss=1">mixed case</a>',
  '<a href=" javascript:window.__xss=1">leading space</a>',
  '<a href="java\tscript:window.__xss=1">tab inside</a>',
  '<a href="&#106;avascript:window.__xss=1">entity</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==">data</a>',
  '<a href="vbscript:msgbox(1)">vb</a>',
  '<a href="//evil.example/">protocol relative</a>',
  '<a href="https://ok.example/" onclick="window.__xss=1">ok link</a>',
  '```mermaid\ngraph TD; A[<img src=x onerror="window.__xss=1">]\n```',
  '"><script>window.__xss=1</script>',
  "'><img src=x onerror=window.__xss=1>",
  '</textarea></title><script>window.__xss=1</script>',
];

/** Template syntax that must appear literally (docs/reliability.md#a22), never evaluated. */
export const templateVector = '{{7*7}} {% include "/etc/passwd" %} ${7*7} #{7*7} <%= 7*7 %>';

/** A vendor name, component names and titles built from the vectors. */
export const hostileName = '<img src=x onerror="window.__xss=1">Evil "Corp" & Co';
export const hostileTitle = '<script>window.__xss=1</script>Outage "><svg onload=window.__xss=1>';
export const hostileComponents = [
  '<svg onload="window.__xss=1">API',
  '"><img src=x onerror=window.__xss=1>',
  'javascript:window.__xss=1',
];

/**
 * The rulebook's Handlebars templates and stylesheet, kept as TypeScript constants so they are
 * found the same way from `src/` (tests) and `dist/` (the built CLI).
 *
 * Rules for these templates: only double-stash `{{…}}` (escaped) expressions, except the three
 * triple-stashes that insert {@link rulebookStyles}, the search script (constants, never
 * source text) and the placeholder of the form's script (replaced after rendering by the script
 * `try-patient-script.ts` builds, its data as JSON with `<` escaped), each allowed by its hash in
 * the page's Content-Security-Policy;
 * every attribute value quoted; every `href` a fragment built by `anchors.ts` (the page's fixed
 * parts are `anchors.*`); interface words through the `word` helper (`{{word "rulebook.toc.facts"}}`,
 * escaped like any expression), clinical words only from the view, which has them from the guideline. The page loads
 * nothing: the stylesheet and the two scripts are inline, and the fonts are the reader's system fonts.
 */

/**
 * The stylesheet: screen (sidebar table of contents from 1 100 px, folded above the page below
 * it; tables as cards whose cells name their column where the text is narrower than 50rem, a
 * container query on `main`) and print (one column, no colours needed, tables within A4).
 */
export const rulebookStyles = `
:root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #c9c9c9; --paper: #ffffff; --tint: #f5f3ee; --accent: #0a4a82; --quote: #7a5a16; --flag: #fff0a8; --bad: #8f1d1d; --good: #1d5e2a; }
* { box-sizing: border-box; }
html { font-size: 100%; scroll-padding-top: 1rem; }
body { margin: 0; color: var(--ink); background: var(--paper); font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; overflow-wrap: break-word; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid #e8a400; outline-offset: 2px; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.88em; background: #eeeeee; padding: 0 0.2em; border-radius: 3px; overflow-wrap: anywhere; }
[hidden] { display: none !important; }
.search { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem 0.8rem; margin: 0 0 1rem; padding: 0.5rem 0; background: var(--paper); border-bottom: 1px solid var(--line); }
.search label { font-weight: 600; font-size: 0.92rem; }
.search input { flex: 1 1 12rem; min-width: 0; font: inherit; padding: 0.3rem 0.5rem; border: 1px solid var(--muted); border-radius: 4px; }
.search output { font-size: 0.85rem; color: var(--muted); }
.try-form { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 19rem), 1fr)); gap: 0.6rem 1rem; margin: 0.8rem 0; }
.try-fact { margin: 0; padding: 0.4rem 0.6rem; border: 1px solid var(--line); border-radius: 4px; min-width: 0; }
.try-fact > label, .try-fact legend { display: block; font-weight: 600; font-size: 0.95rem; }
.try-fact input[type="text"], .try-fact select { font: inherit; max-width: 100%; padding: 0.2rem 0.4rem; border: 1px solid var(--muted); border-radius: 4px; }
.try-choices { display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; }
.try-help { margin: 0.2rem 0; font-size: 0.85rem; color: var(--muted); }
.try-list, .try-share, .try-form > p { grid-column: 1 / -1; }
.try-rows { padding-left: 1.2rem; }
.try-row { border: 1px solid var(--line); border-radius: 4px; margin: 0 0 0.5rem; display: flex; flex-wrap: wrap; gap: 0.4rem 0.8rem; align-items: end; }
.try-field { display: flex; flex-direction: column; font-size: 0.9rem; }
.try-form button, .try-example, .try-report button { font: inherit; padding: 0.2rem 0.6rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--tint); color: var(--accent); cursor: pointer; }
.try-form button:focus-visible, .try-example:focus-visible, .try-report button:focus-visible, .try-form input:focus-visible, .try-form select:focus-visible { outline: 3px solid #e8a400; outline-offset: 2px; }
.try-share label { display: block; font-size: 0.9rem; }
.try-share input { width: 100%; font: inherit; font-size: 0.85rem; }
.try-report { border-top: 2px solid var(--accent); margin-top: 0.8rem; }
.try-part h4 { margin: 0.8rem 0 0.2rem; }
.try-text { white-space: pre-wrap; font-size: 0.85rem; background: var(--tint); padding: 0.6rem; }
.try-error { color: var(--bad); font-weight: 600; }
.skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: 0.5rem 1rem; }
.skip:focus { left: 1rem; z-index: 10; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr); }
@media (min-width: 1100px) { .layout { grid-template-columns: 20rem minmax(0, 1fr); } .side { position: sticky; top: 0; max-height: 100vh; overflow-y: auto; border-right: 1px solid var(--line); } }
.side { background: var(--tint); padding: 1rem 1.25rem; font-size: 0.92rem; }
.side h2 { display: inline; font-size: 1rem; margin: 0; padding: 0; border: 0; }
.toc > summary { cursor: pointer; padding: 0.2rem 0; }
.toc > ul { margin-top: 0.5rem; }
@media (min-width: 1100px) {
  .toc::details-content { content-visibility: visible; display: block; }
  .toc > summary { list-style: none; cursor: auto; }
  .toc > summary::-webkit-details-marker { display: none; }
}
.side ul { margin: 0; padding-left: 0; list-style: none; }
.side li { margin: 0.35rem 0; }
.side .detail { display: block; color: var(--muted); font-size: 0.85em; }
main { padding: 1.5rem clamp(1rem, 4vw, 3rem) 4rem; max-width: 60rem; container-type: inline-size; }
.masthead { border-bottom: 3px solid var(--accent); padding-bottom: 1rem; margin-bottom: 1.5rem; }
.masthead .kicker { margin: 0; text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.8rem; color: var(--muted); }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.3rem 0 0.8rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 0.8rem; padding-top: 0.5rem; border-top: 1px solid var(--line); }
h3 { font-size: 1.12rem; line-height: 1.35; margin: 0.2rem 0 0.6rem; }
.meta { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.2rem 1rem; margin: 0; font-size: 0.92rem; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.counts { display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0; margin: 1rem 0 0; }
.counts li { background: var(--tint); border: 1px solid var(--line); border-radius: 4px; padding: 0.2rem 0.6rem; font-size: 0.9rem; }
.counts strong { font-size: 1.05rem; }
.reading { background: var(--tint); border-left: 4px solid var(--accent); padding: 0.6rem 1rem; }
.reading h2 { border: 0; margin-top: 0.4rem; font-size: 1.2rem; }
.section-index { font-size: 0.92rem; padding-left: 1.2rem; }
.section-index li { margin: 0.15rem 0; }
.item { border: 1px solid var(--line); border-radius: 6px; margin: 1.2rem 0; padding: 0.8rem 1.1rem; background: var(--paper); }
.item.information { background: #fafafa; border-style: dashed; }
.item-kind { margin: 0; font-size: 0.85rem; color: var(--muted); }
.changed { margin: 0.3rem 0; padding: 0.2rem 0.5rem; border-left: 4px solid #8a4b00; background: #fff4e0; color: #3d2200; }
.changes li { margin: 0.2rem 0; }
table.changes caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
table.changes td, table.changes th[scope="row"] { vertical-align: top; }
table.changes blockquote { margin: 0.2rem 0; }
.facets { display: grid; grid-template-columns: 9.5rem minmax(0, 1fr); gap: 0.5rem 1rem; margin: 0.6rem 0 0; }
.facets dt { font-weight: 600; color: var(--muted); font-size: 0.92rem; }
.facets dd { margin: 0; }
@media (max-width: 640px) { .facets, .meta { grid-template-columns: minmax(0, 1fr); } .facets dd, .meta dd { margin-left: 0.8rem; } }
blockquote { margin: 0 0 0.5rem; padding: 0.3rem 0.8rem; border-left: 4px solid var(--quote); background: #fbf6ea; font-family: Georgia, "Times New Roman", serif; }
.to-source { font-family: system-ui, sans-serif; font-size: 0.85rem; white-space: nowrap; }
.cond-group { margin: 0.2rem 0; padding-left: 1.3rem; }
.cond-intro { font-style: italic; }
.examples { margin: 0; padding-left: 1.1rem; }
.examples li { margin-bottom: 0.3rem; }
.expected { color: var(--muted); font-size: 0.92rem; }
.warning { color: var(--bad); font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1rem; font-size: 0.92rem; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
th, td { border: 1px solid var(--line); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
tbody th[scope="row"] { min-width: 8em; }
tbody td { min-width: 4em; }
th a, td a { overflow-wrap: anywhere; }
thead th { background: var(--tint); }
/* Below 50rem of text width (a phone, a tablet, a laptop with the sidebar, A4), each row is a card. */
@container (max-width: 50rem) {
  main table, main tbody, main tbody tr, main tbody th, main tbody td, main caption { display: block; }
  main thead { display: block; position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  main tbody tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 0.8rem; }
  main tbody th, main tbody td { border: 0; border-top: 1px solid var(--line); }
  main tbody tr > :first-child { border-top: 0; background: var(--tint); }
  main tbody [data-label]::before { content: attr(data-label); display: block; font-size: 0.8rem; font-weight: 600; color: var(--muted); }
}
.outcomes { padding-left: 0; list-style: none; }
.outcomes > li { border-left: 4px solid var(--accent); padding: 0.3rem 0.9rem; margin: 0.8rem 0; background: #f7f9fc; }
.example { border-top: 1px solid var(--line); padding: 0.6rem 0; }
.example h3 { margin-bottom: 0.2rem; }
.status-ok { color: var(--good); font-weight: 600; }
.status-bad { color: var(--bad); font-weight: 600; }
.patient { columns: 2 18rem; column-gap: 2rem; margin: 0.3rem 0; padding-left: 1.1rem; font-size: 0.9rem; }
.patient li { break-inside: avoid; }
.references { list-style: none; padding-left: 0; }
.references li { margin: 0.4rem 0; padding-left: 3.2rem; text-indent: -3.2rem; }
.references li.cited { background: #f7f9fc; }
.ref-number { display: inline-block; width: 3rem; text-indent: 0; font-weight: 600; }
.cited-by { font-size: 0.85rem; color: var(--muted); }
.source-text { font-family: Georgia, "Times New Roman", serif; }
.source-text h3 { font-family: system-ui, sans-serif; font-size: 1.05rem; margin-top: 1.4rem; }
.source-text p.list-item { margin-left: 1.5rem; }
.source-table { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0 1.5rem; border: 1px solid var(--line); padding: 0.2rem 0.8rem; margin: 0.6rem 0; }
.source-table ul { margin: 0.4rem 0; padding-left: 1.1rem; }
.passage:target { background: #dcebff; outline: 2px solid var(--accent); }
.item:target { outline: 3px solid var(--accent); }
.passage.uncovered { background: var(--flag); }
.num { font-family: system-ui, sans-serif; font-size: 0.7rem; color: var(--muted); border: 1px solid var(--line); border-radius: 3px; padding: 0 0.2rem; vertical-align: 0.15em; }
.marks { font-family: system-ui, sans-serif; font-size: 0.75rem; vertical-align: super; line-height: 0; }
.marks a { text-decoration: none; border-bottom: 1px dotted currentColor; }
.flag { font-family: system-ui, sans-serif; font-size: 0.78rem; background: var(--flag); border: 1px solid #b38f00; padding: 0 0.3rem; border-radius: 3px; }
.reason { font-family: system-ui, sans-serif; font-size: 0.85rem; color: var(--muted); }
.legend { font-size: 0.9rem; }
.ok { color: var(--good); font-weight: 600; }
.witness { list-style: none; padding-left: 0.8rem; margin: 0.2rem 0; font-size: 0.88rem; }
footer { margin-top: 3rem; font-size: 0.85rem; color: var(--muted); }
@media print {
  @page { margin: 1.6cm 1.4cm; }
  body { font-size: 10.5pt; }
  .layout { display: block; }
  .side { position: static; max-height: none; overflow: visible; background: none; border: 0; padding: 0; break-after: page; }
  .toc::details-content { content-visibility: visible; display: block; }
  .toc > summary { list-style: none; }
  .toc > summary::-webkit-details-marker { display: none; }
  table { font-size: 9pt; }
  .skip, .search { display: none; }
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  h2 { break-before: page; border-top: 0; }
  .reading h2 { break-before: auto; }
  h2, h3 { break-after: avoid; }
  .item, .outcomes > li, tr, blockquote, .example { break-inside: avoid; }
  .passage.uncovered, .flag { background: none; border: 1px solid #000; }
  .patient { columns: 2; }
}
`;

/** Partials: text parts, recursive conditions, link lists and source-marked runs of text. */
export const rulebookPartials: Readonly<Record<string, string>> = {
  parts: `{{#each this}}{{#if href}}<a href="{{href}}">{{#if code}}<code>{{text}}</code>{{else}}{{text}}{{/if}}</a>{{else}}{{#if code}}<code>{{text}}</code>{{else}}{{text}}{{/if}}{{/if}}{{/each}}`,
  condition: `{{#if group}}<span class="cond-intro">{{group.intro}}</span><ul class="cond-group">{{#each group.items}}<li>{{> condition}}</li>{{/each}}</ul>{{else}}{{> parts parts}}{{/if}}`,
  links: `{{#each this}}{{#unless @first}}, {{/unless}}<a href="{{href}}">{{text}}</a>{{/each}}`,
  problem: `<strong>{{severity}}</strong> <code>{{code}}</code> {{message}}{{#if where}} — <code>{{where}}</code>{{/if}}{{#if about.length}} — concerne {{> links about}}{{/if}}{{#if witness.length}}<br>Patient témoin :<ul class="witness">{{#each witness}}<li><code>{{this}}</code></li>{{/each}}</ul>{{/if}}`,
  passage: `<span class="passage{{#if uncovered}} uncovered{{/if}}" id="{{anchor}}"><span class="num">{{number}}</span> {{text}}</span>{{#if quotedBy.length}}<span class="marks"> [{{> links quotedBy}}]</span>{{/if}}{{#if uncovered}} <strong class="flag">non repris</strong>{{/if}}{{#if justified}} <em class="reason">(non repris : {{reason}})</em>{{/if}}`,
  side: `{{> parts text}}{{#each quotes}}<blockquote>{{> rich this}}</blockquote>{{/each}}`,
  rich: `{{#each this}}{{#if sup}}<sup>{{text}}</sup>{{else}}{{#if em}}<em>{{text}}</em>{{else}}{{text}}{{/if}}{{/if}}{{/each}}`,
};

/** The page. */
export const rulebookTemplate = `<!DOCTYPE html>
<!-- {{banner}} -->
<html lang="{{language}}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{contentSecurityPolicy}}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{{compiler}}">
<title>{{word "rulebook.title"}} — {{title}} ({{edition}})</title>
<style>{{{styles}}}</style>
</head>
<body>
<a class="skip" href="#{{anchors.content}}">{{word "rulebook.skip"}}</a>
<div class="layout">
<nav class="side" aria-label="{{word "rulebook.toc.title"}}">
<details class="toc">
<summary><h2>{{word "rulebook.toc.title"}}</h2></summary>
<ul>
<li><a href="#{{anchors.reading}}">{{word "rulebook.toc.reading"}}</a></li>
{{#each toc}}<li><a href="{{href}}">{{label}}</a><span class="detail">{{detail}}</span></li>
{{/each}}</ul>
</details>
</nav>
<main id="{{anchors.content}}">
<form class="search" id="{{anchors.search}}" role="search" hidden>
<label for="{{anchors.search}}-texte">{{word "rulebook.search.label"}}</label>
<input id="{{anchors.search}}-texte" type="search" autocomplete="off" spellcheck="false">
<output for="{{anchors.search}}-texte" aria-live="polite" data-count="{{word "rulebook.search.count"}}"></output>
</form>
<header class="masthead">
<p class="kicker">{{word "rulebook.kicker"}}</p>
<h1>{{title}}</h1>
<dl class="meta">
<dt>{{word "rulebook.meta.guideline"}}</dt><dd><code>{{guidelineId}}</code></dd>
<dt>{{word "rulebook.meta.edition"}}</dt><dd>{{edition}}</dd>
<dt>{{word "rulebook.meta.source"}}</dt><dd><code>{{sourceDocument}}</code></dd>
<dt>{{word "rulebook.meta.hash"}}</dt><dd><code>{{contentHash}}</code></dd>
<dt>{{word "rulebook.meta.compiler"}}</dt><dd>{{compiler}}</dd>
</dl>
<ul class="counts" aria-label="{{word "rulebook.figures"}}">
{{#each figures}}<li><strong>{{value}}</strong> {{label}}</li>
{{/each}}</ul>
</header>

<section class="reading" id="{{anchors.reading}}" aria-labelledby="{{anchors.reading}}-titre">
<h2 id="{{anchors.reading}}-titre">{{word "rulebook.toc.reading"}}</h2>
<p>Ce livre est produit à partir des mêmes fichiers que les règles exécutées par l'outil : il ne peut pas s'en écarter. Il sert à vérifier chaque règle contre le texte du référentiel et ses références.</p>
<ul>
<li>Chaque <strong>règle</strong> donne son énoncé, la citation mot pour mot du texte source (avec un lien vers la phrase dans le <a href="#{{anchors.source}}">texte source</a>), la condition dans laquelle elle s'applique, son effet, ses références et les exemples de patients qui la mettent en œuvre.</li>
<li>Une <strong>information</strong> reprend un passage du texte qui ne décide rien pour un patient donné.</li>
<li>Un fait non renseigné est <strong>inconnu</strong>, jamais « non » : une règle qui dépend d'un fait inconnu reste indécise, et la conclusion n'est donnée que si aucune donnée manquante ne pourrait la changer.</li>
<li>Les valeurs modifiables (seuils et délais) sont réunies dans un <a href="#{{anchors.values}}">tableau</a> ; chaque règle qui les utilise y renvoie.</li>
<li>Dans le texte source, chaque phrase renvoie aux règles qui la citent ; une phrase reprise par aucune règle est <span class="flag">surlignée</span>.</li>
</ul>
</section>

{{#if changes}}
<section id="{{anchors.changes}}">
<h2>{{word "rulebook.toc.changes" changes.from}}</h2>
{{#if changes.values.length}}<h3>Seuils et délais</h3>
<table class="changes">
<thead><tr><th scope="col">Valeur</th><th scope="col">Édition {{changes.from}}</th><th scope="col">Édition {{changes.to}}</th></tr></thead>
<tbody>{{#each changes.values}}<tr><th scope="row" data-label="Valeur">{{label}} — {{#if link}}<a href="{{link.href}}"><code>{{name}}</code></a>{{else}}<code>{{name}}</code>{{/if}}</th><td data-label="Édition {{@root.changes.from}}">{{#if before}}{{before}}{{else}}—{{/if}}</td><td data-label="Édition {{@root.changes.to}}">{{#if after}}{{after}}{{else}}—{{/if}}</td></tr>{{/each}}</tbody>
</table>{{/if}}
{{#if changes.rules.length}}<h3>Règles</h3>
{{#each changes.rules}}<table class="changes">
<caption>{{#if link}}<a href="{{link.href}}"><code>{{id}}</code></a>{{else}}<code>{{id}}</code>{{/if}} — {{change}}</caption>
<thead><tr><th scope="col">Partie</th><th scope="col">Édition {{@root.changes.from}}</th><th scope="col">Édition {{@root.changes.to}}</th></tr></thead>
<tbody>{{#each rows}}<tr><th scope="row" data-label="Partie">{{label}}</th><td data-label="Édition {{@root.changes.from}}">{{#if before}}{{> side before}}{{else}}—{{/if}}</td><td data-label="Édition {{@root.changes.to}}">{{#if after}}{{> side after}}{{else}}—{{/if}}</td></tr>{{/each}}</tbody>
</table>{{/each}}{{/if}}
{{#if changes.examples.length}}<h3>Exemples</h3>
<table class="changes">
<thead><tr><th scope="col">Exemple</th><th scope="col">Édition {{changes.from}}</th><th scope="col">Édition {{changes.to}}</th></tr></thead>
<tbody>{{#each changes.examples}}<tr><th scope="row" data-label="Exemple">{{#if link}}<a href="{{link.href}}">{{title}}</a>{{else}}{{title}}{{/if}} <code>{{id}}</code> — {{change}}</th><td data-label="Édition {{@root.changes.from}}">{{#if before}}<ul>{{#each before}}<li>{{this}}</li>{{/each}}</ul>{{else}}—{{/if}}</td><td data-label="Édition {{@root.changes.to}}">{{#if after}}<ul>{{#each after}}<li>{{this}}</li>{{/each}}</ul>{{else}}—{{/if}}</td></tr>{{/each}}</tbody>
</table>{{/if}}
{{#if changes.source.length}}<h3>Texte source</h3>
<table class="changes">
<thead><tr><th scope="col">Édition {{changes.from}}</th><th scope="col">Édition {{changes.to}}</th></tr></thead>
<tbody>{{#each changes.source}}<tr><td data-label="Édition {{@root.changes.from}}">{{#if before}}<blockquote>{{> rich before}}</blockquote>{{else}}— (phrase ajoutée){{/if}}</td><td data-label="Édition {{@root.changes.to}}">{{#if after}}<blockquote>{{> rich after}}</blockquote>{{else}}— (phrase supprimée){{/if}}</td></tr>{{/each}}</tbody>
</table>{{/if}}
{{#if changes.other.length}}<h3>Autres changements</h3>
<ul>{{#each changes.other}}<li>{{this}}</li>{{/each}}</ul>{{/if}}
</section>
{{/if}}

{{#each sections}}
<section id="{{anchor}}">
<h2>{{title}}</h2>
<ul class="section-index" aria-label="Dans cette section">
{{#each index}}<li>{{kindLabel}} <a href="{{href}}"><code>{{id}}</code></a> — {{statement}}</li>
{{/each}}</ul>
{{#each items}}
<article class="item searchable {{#if isRule}}rule{{else}}information{{/if}}" id="{{anchor}}">
<p class="item-kind">{{kindLabel}} <code>{{id}}</code></p>{{#if changed}}<p class="changed">{{changed}}</p>{{/if}}
<h3>{{statement}}</h3>
<dl class="facets">
<dt>{{word "rulebook.item.source"}}</dt>
<dd>{{#each quotes}}<blockquote>« {{> rich segments}} »{{#if passageHref}} <a class="to-source" href="{{passageHref}}">→ texte source, phrase {{passageNumber}}</a>{{/if}}</blockquote>{{/each}}</dd>
{{#if isRule}}
<dt>{{word "rulebook.item.when"}}</dt>
<dd class="when">{{#if condition}}{{> condition condition}}{{else}}le patient prend le traitement visé (règle sur un traitement, sans autre condition){{/if}}</dd>
<dt>{{word "rulebook.item.effect"}}</dt>
<dd>{{> parts effect}}</dd>
{{#if precedence.length}}<dt>{{word "rulebook.item.precedence"}}</dt>
<dd>{{#each precedence}}<p>Cette règle {{text}} <a href="{{other.href}}">{{other.text}}</a> : « {{reason}} »</p>{{/each}}</dd>{{/if}}
{{#if acceptedWarnings.length}}<dt>{{word "rulebook.item.accepted"}}</dt>
<dd>{{#each acceptedWarnings}}<p><code>{{code}}</code> {{message}}<br>Justification : « {{reason}} »</p>{{/each}}</dd>{{/if}}
{{/if}}
<dt>{{word "rulebook.item.references"}}</dt>
<dd>{{#if citations.length}}{{> links citations}}{{else}}aucune référence citée par le texte pour ce passage{{/if}}</dd>
{{#if isRule}}
<dt>{{word "rulebook.item.examples"}}</dt>
<dd>{{#if exampleCount}}<ul class="examples">{{#each examples}}<li><a href="{{href}}">{{title}}</a> <code>{{id}}</code>{{#if expected.length}}<br><span class="expected">Attendu : {{#each expected}}{{#unless @first}} ; {{/unless}}{{> parts this}}{{/each}}</span>{{/if}}</li>{{/each}}</ul>{{#if moreExamples.length}}<p class="expected">Également mise en œuvre dans {{moreExamplesLabel}} : {{> links moreExamples}}</p>{{/if}}{{else}}<p class="warning">Aucun exemple ne met cette règle en œuvre.</p>{{/if}}</dd>
{{/if}}
</dl>
</article>
{{/each}}
</section>
{{/each}}

<section id="{{anchors.verdict}}">
<h2>{{word "rulebook.toc.verdict"}}</h2>
<p>{{word "rulebook.question" verdict.question}}</p>
<p>Les conclusions sont examinées dans l'ordre ci-dessous : la première dont la condition est remplie l'emporte. Les conditions portent sur les constats produits par les règles.</p>
<ol class="outcomes">
{{#each verdict.outcomes}}<li id="{{anchor}}">
<h3>{{position}}. {{label}} <code>{{code}}</code></h3>
<div class="outcome-condition">Si {{> condition condition}}</div>
{{#if leadingFindings.length}}<p>Constats qui y mènent :</p><ul>{{#each leadingFindings}}<li><a href="{{href}}">{{label}}</a>{{#if rules.length}}, produit par {{> links rules}}{{/if}}</li>{{/each}}</ul>{{/if}}
{{#if noProcedure}}<p>{{@root.verdict.procedure.notDone}}</p>{{/if}}
</li>
{{/each}}<li id="{{anchors.verdictOtherwise}}">
<h3>Sinon : {{verdict.otherwise.label}} <code>{{verdict.otherwise.code}}</code></h3>
{{#if verdict.otherwise.noProcedure}}<p>{{verdict.procedure.notDone}}</p>{{/if}}
</li>
</ol>
{{#if verdict.readiness}}<div id="{{anchors.readiness}}">
<h3>{{verdict.procedure.readinessTitle}}</h3>
<p>{{word "rulebook.question" verdict.readiness.question}}. {{verdict.procedure.readinessExplained}}</p>
<ul>
<li><strong>non</strong> dès qu'une condition préalable n'est pas remplie : « {{verdict.readiness.notReady}} » ;</li>
<li><strong>à vérifier</strong> quand aucune n'est non remplie mais qu'une est inconnue : « {{verdict.readiness.undecided}} » ;</li>
<li><strong>oui</strong> quand toutes sont remplies : « {{verdict.readiness.ready}} ».</li>
</ul>
<p>{preconditions} y est remplacé par les conditions préalables en cause.</p>
</div>{{/if}}
<p id="{{anchors.verdictIncomplete}}"><strong>Données manquantes :</strong> si un fait inconnu pourrait changer la conclusion, l'outil ne conclut pas et répond « {{verdict.undecided}} » <code>incomplete</code>, avec la liste des faits à renseigner.</p>
<table id="{{anchors.findings}}">
<caption>{{word "rulebook.caption.findings"}}</caption>
<thead><tr><th scope="col">Constat</th><th scope="col">Nom</th><th scope="col">Produit par</th><th scope="col">Mène à</th></tr></thead>
<tbody>
{{#each verdict.findings}}<tr id="{{anchor}}"><th scope="row" data-label="Constat">{{label}}</th><td data-label="Nom"><code>{{name}}</code></td><td data-label="Produit par">{{#if rules.length}}{{> links rules}}{{else}}aucune règle{{/if}}</td><td data-label="Mène à">{{#if outcomes.length}}{{> links outcomes}}{{else}}—{{/if}}</td></tr>
{{/each}}</tbody>
</table>
<table id="{{anchors.recommendations}}">
<caption>{{word "rulebook.caption.recommendations"}}</caption>
<thead><tr><th scope="col">Recommandation</th><th scope="col">Nom</th><th scope="col">Faite par</th><th scope="col">{{verdict.procedure.recommendationColumn}}</th></tr></thead>
<tbody>
{{#each verdict.recommendations}}<tr id="{{anchor}}"><th scope="row" data-label="Recommandation">{{label}}</th><td data-label="Nom"><code>{{name}}</code></td><td data-label="Faite par">{{#if rules.length}}{{> links rules}}{{else}}aucune règle{{/if}}</td><td data-label="{{@root.verdict.procedure.recommendationColumn}}">{{#if forProcedure}}{{@root.verdict.procedure.recommendationYes}}{{else}}non{{/if}}</td></tr>
{{/each}}</tbody>
</table>
</section>

<section id="{{anchors.values}}">
<h2>{{word "rulebook.toc.values"}}</h2>
<p>Chaque valeur ci-dessous est écrite une seule fois dans le référentiel ; la modifier modifie toutes les règles qui l'utilisent.</p>
<table class="values">
<caption>{{word "rulebook.caption.values"}}</caption>
<thead><tr><th scope="col">Nom</th><th scope="col">Libellé</th><th scope="col">Type</th><th scope="col">Valeur écrite</th><th scope="col">Unité (UCUM)</th><th scope="col">Lecture</th><th scope="col">Utilisée par</th></tr></thead>
<tbody>
{{#each values}}<tr class="searchable" id="{{anchor}}"><th scope="row" class="value-name" data-label="Nom"><code>{{name}}</code></th><td data-label="Libellé">{{label}}</td><td data-label="Type">{{role}}</td><td class="value-written" data-label="Valeur écrite">{{written}}</td><td class="value-unit" data-label="Unité (UCUM)"><code>{{unit}}</code></td><td class="value-readable" data-label="Lecture">{{readable}}</td><td data-label="Utilisée par">{{#if usedBy.length}}{{> links usedBy}}{{else}}aucune règle{{/if}}</td></tr>
{{/each}}</tbody>
</table>
</section>

<section id="{{anchors.facts}}">
<h2>{{word "rulebook.toc.facts"}}</h2>
<p>Ce que l'on peut dire d'un patient. Tous les faits sont facultatifs : un fait absent est inconnu.</p>
<table class="facts">
<caption>{{word "rulebook.caption.facts"}}</caption>
<thead><tr><th scope="col">Nom</th><th scope="col">Libellé</th><th scope="col">Type</th><th scope="col">Unité</th><th scope="col">Plage admise</th><th scope="col">Description</th><th scope="col">Lu par</th></tr></thead>
<tbody>
{{#each facts}}<tr class="searchable" id="{{anchor}}"><th scope="row" data-label="Nom"><code>{{path}}</code></th><td data-label="Libellé">{{label}}</td><td data-label="Type">{{type}}</td><td class="fact-unit" data-label="Unité">{{#if unit}}{{unit}}{{else}}—{{/if}}</td><td class="fact-range" data-label="Plage admise">{{#if range}}{{range}}{{else}}—{{/if}}</td><td data-label="Description">{{description}}{{#if values.length}}<ul>{{#each values}}<li><code>{{name}}</code>{{#if label}} : {{label}}{{/if}}</li>{{/each}}</ul>{{/if}}</td><td data-label="Lu par">{{#if usedBy.length}}{{> links usedBy}}{{else}}aucune règle{{/if}}</td></tr>
{{/each}}</tbody>
</table>
</section>

<section id="{{anchors.drugs}}">
<h2>{{word "rulebook.toc.drugs"}}</h2>
{{#if plan}}<p>Le plan de traitement porte sur <a href="{{plan.list.href}}">{{plan.list.text}}</a>{{#if plan.scope}}, pour les traitements dont le code ATC commence par <code>{{plan.scope}}</code> (un médicament du vocabulaire y est dès que l'un de ses codes ATC y est, quel que soit le code donné ; un traitement sans code ATC, ou dont le nom et le code ne concordent pas, y reste, pour ne pas être oublié ; les autres sont listés à part, hors du plan){{/if}}. Un traitement couvert qu'aucune règle ne règle est renvoyé, avec un motif dont le texte est donné ci-dessous.{{#if plan.date}} Les délais sont comptés à partir de <a href="{{plan.date.href}}">{{plan.date.text}}</a>.{{/if}}</p>
<p>Rappel donné avec chaque plan : « {{plan.reminder}} »</p>{{/if}}
{{#if plan}}{{#if plan.wordings.length}}<table id="{{anchors.planWordings}}">
<caption>{{word "rulebook.plan.wordings"}}</caption>
<thead><tr><th scope="col">Clé</th><th scope="col">Texte du rapport</th></tr></thead>
<tbody>
{{#each plan.wordings}}<tr><th scope="row" data-label="Clé"><code>{{key}}</code></th><td data-label="Texte du rapport">{{text}}</td></tr>
{{/each}}</tbody>
</table>{{/if}}{{/if}}
<p>{{word "rulebook.drugs.recognition"}}</p>
{{#each drugClasses}}
<table id="{{anchor}}">
<caption>{{label}} <code>{{name}}</code>{{#if prefixes}}<br>{{prefixes}}{{/if}}</caption>
<thead><tr><th scope="col">DCI (français)</th><th scope="col">Nom dans le référentiel</th><th scope="col">ATC</th><th scope="col">Autres noms reconnus</th><th scope="col">Ce que dit le référentiel</th></tr></thead>
<tbody>
{{#each drugs}}<tr id="{{anchor}}"><th scope="row" data-label="DCI (français)">{{label}}</th><td data-label="Nom dans le référentiel"><code>{{name}}</code></td><td data-label="ATC"><code>{{atc}}</code>{{#if rxnorm}} (RxNorm <code>{{rxnorm}}</code>){{/if}}</td><td data-label="Autres noms reconnus">{{aliases}}</td><td class="drug-says" data-label="Ce que dit le référentiel">{{#if says.length}}<ul>{{#each says}}<li>{{#if condition}}Si {{condition}} : {{/if}}{{> parts effect}} (<a href="{{rule.href}}">{{rule.text}}</a>)</li>{{/each}}</ul>{{else}}Aucune règle : renvoyé (motif <code>not-covered</code>).{{/if}}{{#if tested.length}}<p>Testé aussi par : {{> links tested}}</p>{{/if}}</td></tr>
{{/each}}</tbody>
</table>
{{/each}}
{{#if unnamedDrugs.length}}<table id="{{anchors.unnamedDrugs}}">
<caption>{{word "rulebook.caption.unnamedDrugs"}}</caption>
<thead><tr><th scope="col">DCI (français)</th><th scope="col">Nom dans le référentiel</th><th scope="col">ATC</th><th scope="col">Autres noms reconnus</th></tr></thead>
<tbody>
{{#each unnamedDrugs}}<tr id="{{anchor}}"><th scope="row" data-label="DCI (français)">{{label}}</th><td data-label="Nom dans le référentiel"><code>{{name}}</code></td><td data-label="ATC"><code>{{atc}}</code>{{#if rxnorm}} (RxNorm <code>{{rxnorm}}</code>){{/if}}</td><td data-label="Autres noms reconnus">{{aliases}}</td></tr>
{{/each}}</tbody>
</table>{{/if}}
</section>

<section id="{{anchors.examples}}">
<h2>{{word "rulebook.toc.examples"}}</h2>
<p>Des patients types écrits avec le référentiel, et ce que le rapport doit dire pour eux. Chaque exemple est exécuté à chaque compilation ; la liste des règles qui s'appliquent vient de cette exécution.</p>
{{#each examples}}
<article class="example" id="{{anchor}}">
<h3>{{title}}</h3>
{{#if headline}}<p class="headline"><strong>{{headline}}</strong></p>{{/if}}
<p><code>{{id}}</code> — {{#if passed}}<span class="status-ok">résultat conforme à l'attendu</span>{{else}}<span class="status-bad">résultat NON conforme</span> : {{#each failures}}{{#unless @first}} ; {{/unless}}{{this}}{{/each}}{{/if}}</p>
{{#if base}}<p>Données du patient : celles de l'exemple <a href="{{base.href}}">{{base.text}}</a>{{#if facts.length}}, avec :{{else}}, sans changement.{{/if}}</p>{{else}}<p>Données du patient :</p>{{/if}}
{{#if facts.length}}<ul class="patient">{{#each facts}}<li><a href="{{href}}">{{label}}</a> : {{value}}</li>{{/each}}</ul>{{else}}{{#unless base}}<p>aucune donnée (tout est inconnu)</p>{{/unless}}{{/if}}
<p>Attendu :</p>
<ul>{{#each expectations}}<li>{{> parts this}}</li>{{/each}}</ul>
<p>Règles qui s'appliquent : {{#if rules.length}}{{> links rules}}{{else}}aucune{{/if}}</p>
<p><button type="button" class="try-example" data-example="{{anchor}}" hidden>{{word "rulebook.try.button"}}</button></p>
</article>
{{/each}}
</section>

<section id="{{anchors.tryPatient}}" class="try">
<h2 id="{{anchors.tryPatient}}-titre" tabindex="-1">{{word "rulebook.toc.try"}}</h2>
<p>{{word "rulebook.try.intro"}}</p>
<p class="try-noscript">{{word "rulebook.try.noScript"}}</p>
<form id="{{anchors.tryPatient}}-formulaire" class="try-form" aria-label="{{word "rulebook.try.formLabel"}}" hidden></form>
<div id="{{anchors.tryPatient}}-rapport" class="try-report" aria-live="polite"></div>
</section>

<section id="{{anchors.consistency}}">
<h2>{{word "rulebook.toc.consistency"}}</h2>
<table>
<caption>{{word "rulebook.caption.checks"}}</caption>
<thead><tr><th scope="col">Vérification</th><th scope="col">Résultat</th><th scope="col">État</th></tr></thead>
<tbody>
{{#each consistency.checks}}<tr><th scope="row" data-label="Vérification">{{label}}</th><td data-label="Résultat">{{result}}</td><td data-label="État">{{#if ok}}<span class="status-ok">conforme</span>{{else}}<span class="status-bad">à examiner</span>{{/if}}</td></tr>
{{/each}}</tbody>
</table>
{{#if consistency.clean}}<p class="ok">Aucune incohérence détectée.</p>{{/if}}
{{#if consistency.justifiedOnly}}<p class="ok">Aucune incohérence non justifiée : les avertissements restants sont acceptés dans le référentiel, avec la justification donnée ci-dessous.</p>{{/if}}
{{#if consistency.problems.length}}
<h3>{{word "rulebook.heading.problems"}}</h3>
<ul>{{#each consistency.problems}}<li>{{> problem}}</li>{{/each}}</ul>
{{/if}}
{{#if consistency.accepted.length}}
<h3>{{word "rulebook.heading.accepted"}}</h3>
<ul>{{#each consistency.accepted}}<li>{{> problem}}<br>Justification écrite dans le référentiel : « {{reason}} »</li>{{/each}}</ul>
{{/if}}
{{#if consistency.precedences.length}}
<h3>{{word "rulebook.heading.precedences"}}</h3>
<ul>{{#each consistency.precedences}}<li><a href="{{winner.href}}">{{winner.text}}</a> l'emporte sur <a href="{{loser.href}}">{{loser.text}}</a> : « {{reason}} »</li>{{/each}}</ul>
{{/if}}
{{#if consistency.pairs.length}}
<table>
<caption>{{word "rulebook.caption.pairs"}}</caption>
<thead><tr><th scope="col">Règles</th><th scope="col">Médicaments</th><th scope="col">Résultat</th><th scope="col">Preuve ou patient témoin</th></tr></thead>
<tbody>
{{#each consistency.pairs}}<tr><th scope="row" data-label="Règles">{{> links rules}}</th><td data-label="Médicaments">{{> links drugs}}</td><td data-label="Résultat">{{#if ok}}<span class="status-ok">{{status}}</span>{{else}}<span class="status-bad">{{status}}</span>{{/if}}</td><td data-label="Preuve ou patient témoin">{{#if proof.length}}<ul>{{#each proof}}<li>{{this}}</li>{{/each}}</ul>{{/if}}{{#if witness.length}}<ul class="witness">{{#each witness}}<li><code>{{this}}</code></li>{{/each}}</ul>{{/if}}</td></tr>
{{/each}}</tbody>
</table>
{{/if}}
{{#if consistency.verdictFallback.length}}
<h3>{{word "rulebook.heading.verdictFallback"}}</h3>
<p>Pour ce patient, aucune des conclusions ordonnées ne s'applique : la conclusion « sinon » (<a href="#{{anchors.verdictOtherwise}}">{{verdict.otherwise.label}}</a>) décide.</p>
<ul class="witness">{{#each consistency.verdictFallback}}<li><code>{{this}}</code></li>{{/each}}</ul>
{{/if}}
{{#if consistency.justifiedSentences.length}}
<h3>{{word "rulebook.heading.justifiedSentences"}}</h3>
<ul>{{#each consistency.justifiedSentences}}<li><a href="{{href}}">« {{text}} »</a> — {{reason}}</li>{{/each}}</ul>
{{/if}}
{{#if consistency.exampleFailures.length}}
<h3>{{word "rulebook.heading.exampleFailures"}}</h3>
<ul>{{#each consistency.exampleFailures}}<li><a href="{{href}}">{{id}}</a> : {{#each messages}}{{#unless @first}} ; {{/unless}}{{this}}{{/each}}</li>{{/each}}</ul>
{{/if}}
{{#if consistency.unfired.length}}
<h3>{{word "rulebook.heading.unfired"}}</h3>
<p>{{> links consistency.unfired}}</p>
{{/if}}
</section>

<section id="{{anchors.references}}">
<h2>{{word "rulebook.toc.references"}}</h2>
<p>{{referencesSummary}}</p>
<ul class="references">
{{#each references}}<li id="{{anchor}}"{{#if citedBy.length}} class="cited"{{/if}}><span class="ref-number">[{{number}}]</span>{{> rich segments}}{{#if citedBy.length}} <span class="cited-by">— citée par {{> links citedBy}}</span>{{/if}}</li>
{{/each}}</ul>
</section>

<section id="{{anchors.source}}" class="source-text">
<h2>{{word "rulebook.toc.source"}}</h2>
<p class="legend">Document <code>{{source.document}}</code>, {{source.scope}}. Le texte est montré tel que les citations sont comparées : balises et mise en forme retirées, espaces regroupés. Les phrases sont numérotées ; chacune renvoie, en exposant, aux règles et informations qui la citent : {{source.summary}}{{#if source.uncovered}}, <span class="flag">{{source.uncovered}}</span>{{/if}}.</p>
{{#each source.blocks}}{{#if heading}}<h3>{{heading.text}}</h3>
{{else}}{{#if columns.length}}<div class="source-table">{{#each columns}}<ul>{{#each this}}<li>{{> passage}}</li>{{/each}}</ul>{{/each}}</div>
{{else}}<p{{#if listItem}} class="list-item"{{/if}}>{{#each passages}}{{> passage}} {{/each}}</p>
{{/if}}{{/if}}{{/each}}
</section>

<footer>
<p>{{banner}}. Empreinte <code>{{contentHash}}</code>.</p>
</footer>
</main>
</div>
<script>{{{script}}}</script>
<script>{{{tryScript}}}</script>
</body>
</html>
`;

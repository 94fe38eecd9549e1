import { readFileSync } from "node:fs";

/** The example of an explanation: a whole guideline file that reports the code, or a described situation. */
export interface ExplanationExample {
  /** `guideline`: a file to check; `text`: a situation a file alone cannot show (runtime input, file system, command line). */
  readonly kind: "guideline" | "text";
  readonly text: string;
}

/** What `guideline explain CODE` prints for one code. */
export interface Explanation {
  readonly code: string;
  /** What the diagnostic means and what to do. */
  readonly text: string;
  readonly example: ExplanationExample;
}

/** The explanations of `docs/explanations.md`, by code, and the example source documents they name. */
export interface Explanations {
  readonly byCode: ReadonlyMap<string, Explanation>;
  /** The source documents the examples name (`source.txt`…), by name. */
  readonly sourceDocuments: ReadonlyMap<string, string>;
}

/** Where the explanations live: language documentation, shipped with the package (`docs/`). */
export const explanationsFile = new URL("../../docs/explanations.md", import.meta.url);

/**
 * Reads `docs/explanations.md`: a `## GLxxxx` section per code (its paragraphs, then one fenced
 * example, `guideline` or `text`), and under `## Example source documents` a `### NAME` section
 * per source document with its text in a fence.
 */
export function parseExplanations(markdown: string): Explanations {
  const byCode = new Map<string, Explanation>();
  const sourceDocuments = new Map<string, string>();
  for (const section of sectionsOf(markdown, "## ")) {
    if (/^GL\d{4}$/.test(section.heading)) {
      const fence = section.fences[0];
      const kind = fence?.language === "guideline" ? "guideline" : "text";
      byCode.set(section.heading, { code: section.heading, text: section.prose.join(" "), example: { kind, text: fence?.text ?? "" } });
    } else if (section.heading === "Example source documents") {
      for (const part of sectionsOf(section.body, "### ")) {
        const fence = part.fences[0];
        if (fence) sourceDocuments.set(part.heading, fence.text);
      }
    }
  }
  return { byCode, sourceDocuments };
}

interface Section {
  readonly heading: string;
  /** The lines under the heading, fences included. */
  readonly body: string;
  /** The lines outside fences, trimmed, empty ones left out. */
  readonly prose: string[];
  readonly fences: { language: string; text: string }[];
}

/** The sections of `markdown` under headings that start with `marker`, read line by line: a `#` inside a fence is text. */
function sectionsOf(markdown: string, marker: string): Section[] {
  const sections: { heading: string; lines: string[]; prose: string[]; fences: { language: string; text: string }[] }[] = [];
  let fence: { language: string; lines: string[] } | undefined;
  for (const line of markdown.split("\n")) {
    const current = sections[sections.length - 1];
    if (fence) {
      if (line.startsWith("```")) {
        current?.fences.push({ language: fence.language, text: fence.lines.join("\n") });
        fence = undefined;
      } else fence.lines.push(line);
      current?.lines.push(line);
      continue;
    }
    if (line.startsWith(marker)) {
      sections.push({ heading: line.slice(marker.length).trim(), lines: [], prose: [], fences: [] });
      continue;
    }
    current?.lines.push(line);
    if (line.startsWith("```")) fence = { language: line.slice(3).trim(), lines: [] };
    else if (line.trim() && !line.startsWith("#") && !line.startsWith("<!--")) current?.prose.push(line.trim());
  }
  return sections.map((s) => ({ heading: s.heading, body: s.lines.join("\n"), prose: s.prose, fences: s.fences }));
}

/** The explanations shipped with the package. */
export function readExplanations(): Explanations {
  return parseExplanations(readFileSync(explanationsFile, "utf8"));
}
